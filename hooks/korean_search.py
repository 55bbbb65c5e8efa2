"""MkDocs hook: let Material's search find Korean words in any form.

After the search plugin has written ``search/search_index.json``, this hook
cuts every Korean word in it between stem and particles or endings with an
invisible U+200B (``퍼셉트론을`` → ``퍼셉트론\\u200b을``; the logic lives in
``korean_search_text.py`` beside this file). It also writes the stems and
suffixes it found to ``search/korean-search.json``, from which
``javascripts/korean-search.js`` normalises the reader's query the same way.

The search plugin's ``separator`` (mkdocs.yml) must split on U+200B, or the
index would gain nothing; the build stops and says so.
"""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

import korean_search_text as korean

log = logging.getLogger("mkdocs.hooks.korean_search")
LEXICON = "korean-search.json"  # beside search_index.json
_state: dict = {"separator": None, "segmenter": korean.Segmenter()}


# Hooks ----------------------------------------------------------------------


def on_config(config):
    _state["separator"] = None
    plugin = _search_plugin(config)
    if plugin is None:
        return
    separator = plugin.config.separator
    try:
        pattern = re.compile(separator)
    except re.error as err:
        raise PluginError(f"search: separator {separator!r} is not a regular "
                          f"expression Python can check: {err}") from None
    if not pattern.search(korean.SEPARATOR):
        raise PluginError(
            f"search: separator {separator!r} must also split on U+200B, "
            "which hooks/korean_search.py puts inside Korean words"
        )
    _state["separator"] = pattern


def on_post_build(config):
    pattern = _state["separator"]
    if pattern is None:
        return
    folder = Path(config.site_dir) / "search"
    path = folder / "search_index.json"
    if not path.is_file():
        raise PluginError(f"Korean search: the search plugin wrote no {path}")
    started = time.perf_counter()
    index, lexicon = korean.segment_index(
        json.loads(path.read_text(encoding="utf-8")), _state["segmenter"], pattern,
    )
    _write_json(path, index)
    _write_json(folder / LEXICON, lexicon.to_json())
    log.info("Korean search: %d stems, %d suffixes, index %.0f KB (%.1f s)",
             len(lexicon.stems), len(lexicon.suffixes),
             path.stat().st_size / 1024, time.perf_counter() - started)


# Helper functions -----------------------------------------------------------


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.get("enabled", True):
            return plugin
    return None


def _write_json(path: Path, data: dict) -> None:
    # Hangul as UTF-8, not \uXXXX: the index shrinks by a third.
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
