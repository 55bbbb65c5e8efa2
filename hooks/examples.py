"""MkDocs hooks: run the snippet examples and put their outputs on the pages.

The logic lives in ``snippet_engine.py`` beside this file; this module only
connects it to MkDocs events. Settings come from the environment:
``EXAMPLES_TIMEOUT`` (seconds per page's examples, default 180) and
``EXAMPLES_CACHE_DIR`` (default ``.cache/examples`` next to mkdocs.yml).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import snippet_engine as engine

log = logging.getLogger("mkdocs.hooks.examples")
_state: dict = {"results": {}}  # page src_uri -> engine.Result


# Hooks ----------------------------------------------------------------------


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    plans = []
    try:
        for file in files.documentation_pages():
            text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            plans.append(engine.scan_page(file.src_uri, text))
        jobs = engine.plan_jobs(plans)
        results = engine.build_examples(
            root, jobs, engine.Cache(_cache_dir(root)), timeout=_timeout(),
            log=log.info,
        )
        engine.check_markers(plans, results)
    except engine.ExampleError as err:
        raise PluginError(f"Example failed: {err}") from None
    for result in results.values():
        for section in result.sections.values():
            for fig in section.figures:
                files.append(File.generated(
                    config, engine.figure_uri(result.job.page, fig),
                    abs_src_path=str(fig.path),
                ))
    _state["results"] = results
    return files


def on_page_markdown(markdown, page, config, files):
    result = _state["results"].get(page.file.src_uri)
    if result is None:
        return markdown
    markdown = engine.render_markers(page.file.src_uri, markdown, result)
    return markdown + engine.environment_note(page.file.src_uri, result.environment)


# Helper functions -----------------------------------------------------------


def _cache_dir(root: Path) -> Path:
    return Path(os.environ.get("EXAMPLES_CACHE_DIR") or root / ".cache" / "examples")


def _timeout() -> float:
    value = os.environ.get("EXAMPLES_TIMEOUT", str(engine.DEFAULT_TIMEOUT))
    try:
        return float(value)
    except ValueError:
        raise PluginError(f"EXAMPLES_TIMEOUT must be a number of seconds, not {value!r}")
