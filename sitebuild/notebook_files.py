"""The chapters' notebook files: written into the cache store for
mkdocs-jupyter to render, published beside their pages, linked under each
chapter's title, and removed when their page is gone.

A notebook is made from the page's plan and its run's result
(:func:`sitebuild.notebook.build_notebook`); the example room
(:mod:`sitebuild.examples`) hands both over after the runs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import posixpath
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitebuild.notebook import build_notebook
from sitebuild.notebook_pages import download_button
from sitebuild.page import PagePlan
from sitebuild.results import PageResult
from sitebuild.store import Store

log = logging.getLogger("mkdocs.hooks.examples")
FOLDER = "_notebooks"  # in the cache store; mkdocs-jupyter's source folder
# Across serve rebuilds, page -> (what its notebook was made from, the text)
_TEXTS: dict[str, tuple[tuple, str]] = {}


def notebook_uri(page: str) -> str:
    return f"notebooks/{page.removesuffix('.md')}.ipynb"


def write(cache: Path, plan: PagePlan, result: PageResult, glossary: str, config) -> File:
    """Write the page's notebook (if it changed) and return it as a site file."""
    folder = Path(cache) / FOLDER
    uri = notebook_uri(plan.page)
    try:
        Store(folder).publish(uri, _text(plan, result, glossary).encode("utf-8"))
    except OSError as err:
        raise PluginError(f"{plan.page}: cannot write its notebook "
                          f"{folder / uri}: {err}") from None
    # A plain File whose source folder is the cache (not File.generated):
    # mkdocs-jupyter finds a notebook's path through `src_dir`.
    return File(uri, src_dir=str(folder), dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls)


def prune(cache: Path, pages) -> None:
    """Remove the notebooks of pages that no longer show code."""
    keep = {notebook_uri(page) for page in pages}
    for name in Store(Path(cache) / FOLDER).keep_only("notebooks", keep, "*.ipynb"):
        log.info(f"removed the notebook of a page that is gone: {Path(name).name}")


def links(page, files) -> str:
    """For under the page title: the rendered notebook and a download link.

    The .ipynb itself is published beside the notebook page (mkdocs-jupyter's
    include_source); MkDocs does not know that file, so its link is raw HTML
    (checked by the link test over the built site).
    """
    uri = notebook_uri(page.file.src_uri)
    notebook = files.get_file_from_path(uri)
    if notebook is None:
        return ""
    rendered = Path(os.path.relpath(uri, Path(page.file.src_uri).parent or ".")).as_posix()
    source = posixpath.join(notebook.url, Path(uri).name)
    download = posixpath.relpath(source, page.url or ".") if page.url else source
    return (f"[노트북으로 보기]({rendered}){{ .md-button }}\n"
            f"{download_button(download)}\n")


def _text(plan: PagePlan, result: PageResult, glossary: str) -> str:
    """The page's notebook file, made again only when what it is made from
    changed (under serve, the other pages' notebooks took 0.3 s a rebuild)."""
    key = (plan.source, [block.code for block in plan.blocks], glossary,
           repr(dataclasses.replace(result, seconds=0.0, cached=False)))
    known = _TEXTS.get(plan.page)
    if known is None or known[0] != key:
        text = nbformat.writes(build_notebook(plan, result, glossary)) + "\n"
        known = _TEXTS[plan.page] = (key, text)
    return known[1]
