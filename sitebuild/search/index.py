"""Let Material's search find Korean words in any form (called by :mod:`sitebuild.plugin`).

After the search plugin has written ``search/search_index.json``, every Korean
word in it is cut between stem and particles or endings with an invisible
U+200B (``퍼셉트론을`` → ``퍼셉트론\\u200b을``; the rules are in
:mod:`sitebuild.search.words`). The stems and suffixes found go to
``search/korean-search.json``, from which ``javascripts/korean-search.js``
normalises the reader's query the same way.

The search plugin's ``separator`` (mkdocs.yml) must split on U+200B, or the
index would gain nothing; the build stops and says so.

:data:`SEARCH` is this step's own state, used by its hook only: the
separator, and one :class:`~sitebuild.search.words.Segmenter` per token file
in the cache store, kept across serve rebuilds so that Kiwi loads at most once.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from sitebuild.search import words as korean
from sitebuild import store
from sitebuild.problems import BuildError, Problem

LEXICON = "korean-search.json"  # beside search_index.json
TOKENS = "_search/kiwi-tokens.json"  # in the cache store


class Search:
    """The Korean search step of the builds of one process."""

    def __init__(self):
        self.serving = False  # under `mkdocs serve` (set by the plugin)
        self.separator: re.Pattern | None = None  # once on_config has read it
        self._segmenters: dict[Path, korean.Segmenter] = {}

    def on_config(self, config) -> None:
        self.separator = separator(config)

    def preload(self, config) -> None:
        """When new words are likely (a first build, or pages edited since Kiwi
        last analysed), load Kiwi in the background while the examples run."""
        if self.separator is not None and _docs_newer_than(config, self._store(config)):
            self._segmenter(config).preload()

    def on_post_build(self, config) -> str | None:
        """Segment the built index; the line for the build log."""
        if self.separator is None:
            return None
        segmenter = self._segmenter(config)
        line = segment_site(config.site_dir, self.separator, segmenter)
        if self.serving:  # the next edit will bring new words
            segmenter.preload()
        return line

    def _store(self, config) -> Path:
        return store.folder(Path(config.config_file_path).resolve().parent) / TOKENS

    def _segmenter(self, config) -> korean.Segmenter:
        path = self._store(config)
        if path not in self._segmenters:
            self._segmenters[path] = korean.Segmenter(path)
        return self._segmenters[path]


def separator(config) -> re.Pattern | None:
    """The search plugin's separator, checked; None without a search plugin."""
    plugin = _search_plugin(config)
    if plugin is None:
        return None
    text = plugin.config.separator
    try:
        pattern = re.compile(text)
    except re.error as err:
        raise BuildError(Problem("mkdocs.yml", f"search: separator {text!r} is not a "
                                               f"regular expression Python can check: {err}"))
    if not pattern.search(korean.SEPARATOR):
        raise BuildError(Problem(
            "mkdocs.yml", f"search: separator {text!r} must also split on U+200B, "
                          "which sitebuild/search/index.py puts inside Korean words"))
    return pattern


def segment_site(site_dir: Path, pattern: re.Pattern,
                 segmenter: korean.Segmenter) -> str:
    """Rewrite the built search index; return a line for the build log."""
    folder = Path(site_dir) / "search"
    path = folder / "search_index.json"
    if not path.is_file():
        raise BuildError(Problem(str(path), "the search plugin wrote no index"))
    started = time.perf_counter()
    index, lexicon = korean.segment_index(
        json.loads(path.read_text(encoding="utf-8")), segmenter, pattern)
    _write_json(path, index)
    _write_json(folder / LEXICON, lexicon.to_json())
    return (f"Korean search: {segmenter.analysed} of {segmenter.texts} texts analysed, "
            f"{len(lexicon.stems)} stems, {len(lexicon.suffixes)} suffixes, index "
            f"{path.stat().st_size / 1024:.0f} KB ({time.perf_counter() - started:.1f} s)")


# Helper functions -----------------------------------------------------------


def _docs_newer_than(config, tokens: Path) -> bool:
    try:
        stored = tokens.stat().st_mtime_ns
    except OSError:
        return True
    return any(p.stat().st_mtime_ns > stored
               for p in Path(config.docs_dir).rglob("*.md") if p.is_file())


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


