"""MkDocs hooks: run the snippet examples and put their outputs on the pages.

The logic lives in ``snippet_engine.py`` beside this file; this module only
connects it to MkDocs events. Settings come from the environment:
``EXAMPLES_TIMEOUT`` (seconds per page's examples, default 180) and
``EXAMPLES_CACHE_DIR`` (default ``.cache/examples`` next to mkdocs.yml).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from pathlib import Path

import nbformat

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import notebook_builder
import snippet_engine as engine

log = logging.getLogger("mkdocs.hooks.examples")
_state: dict = {"results": {}}  # page src_uri -> engine.Result


# Hooks ----------------------------------------------------------------------


@event_priority(50)  # before mkdocs-jupyter, which renders the notebooks made here
def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    plans = []
    sources = {}
    try:
        for file in files.documentation_pages():
            text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            sources[file.src_uri] = text
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
        _write_notebook(root, result, sources[result.job.page])
        # A plain File whose source folder is the cache (not File.generated):
        # mkdocs-jupyter finds a notebook's path through `src_dir`.
        files.append(File(_notebook_uri(result.job.page),
                          src_dir=str(_notebook_dir(root)),
                          dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    _state["results"] = results
    return files


def on_page_markdown(markdown, page, config, files):
    result = _state["results"].get(page.file.src_uri)
    if result is None:
        return markdown
    markdown = engine.render_markers(page.file.src_uri, markdown, result)
    return (_with_notebook_links(page, markdown, files)
            + engine.environment_note(page.file.src_uri, result.environment))


# Helper functions -----------------------------------------------------------


def _cache_dir(root: Path) -> Path:
    return Path(os.environ.get("EXAMPLES_CACHE_DIR") or root / ".cache" / "examples")


def _notebook_dir(root: Path) -> Path:
    return _cache_dir(root) / "_notebooks"


def _notebook_uri(page: str) -> str:
    return f"notebooks/{page.removesuffix('.md')}.ipynb"


def _write_notebook(root: Path, result, markdown: str) -> Path:
    """Write the page's notebook next to the example cache; return its path."""
    title = next((m.group(1) for m in re.finditer(r"^# (.+)$", markdown, re.M)),
                 result.job.page)
    try:
        notebook = notebook_builder.build_notebook(root, title, markdown, result)
    except (engine.ExampleError, ValueError) as err:
        raise PluginError(f"{result.job.page}: cannot build its notebook: {err}")
    path = _notebook_dir(root) / _notebook_uri(result.job.page)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(notebook) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _with_notebook_links(page, markdown: str, files) -> str:
    """Under the page title: the rendered notebook and a download link.

    The .ipynb itself is published beside the notebook page (mkdocs-jupyter's
    include_source); MkDocs does not know that file, so its link is raw HTML
    (checked by the link test over the built site).
    """
    uri = _notebook_uri(page.file.src_uri)
    rendered = Path(os.path.relpath(uri, Path(page.file.src_uri).parent or ".")).as_posix()
    notebook = files.get_file_from_path(uri)
    source = posixpath.join(notebook.url, Path(uri).name)
    download = posixpath.relpath(source, page.url or ".") if page.url else source
    link = (f"\n[노트북으로 보기]({rendered}){{ .md-button }}\n"
            f'<a class="md-button" href="{download}" download>주피터 노트북 내려받기</a>\n')
    title = re.search(r"^# .+$", markdown, re.M)
    if title is None:
        return link + "\n" + markdown
    return markdown[:title.end()] + "\n" + link + markdown[title.end():]


def _timeout() -> float:
    value = os.environ.get("EXAMPLES_TIMEOUT", str(engine.DEFAULT_TIMEOUT))
    try:
        return float(value)
    except ValueError:
        raise PluginError(f"EXAMPLES_TIMEOUT must be a number of seconds, not {value!r}")
