"""The chapters' notebook files: written into the cache store for
mkdocs-jupyter to render, published beside their pages, linked under each
chapter's title, and removed when their page is gone.

A notebook is made from the page's plan and its run's result
(:func:`sitebuild.notebooks.notebook.build_notebook`); the example room
(:mod:`sitebuild.examples`) hands both over after the runs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import posixpath
import re
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitebuild.notebooks.notebook import build_notebook
from sitebuild.notebooks.mend import download_button
from sitebuild.pages.plan import PagePlan
from sitebuild.run.results import PageResult
from sitebuild.store import Store

log = logging.getLogger("mkdocs.plugins.handson-site")
FOLDER = "_notebooks"  # in the cache store; mkdocs-jupyter's source folder


def notebook_uri(page: str) -> str:
    return f"notebooks/{page.removesuffix('.md')}.ipynb"


GITHUB_RE = re.compile(r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?")


@dataclasses.dataclass(frozen=True)
class Published:
    """Where mkdocs.yml says the site is published: ``site_url``, and for
    Colab a GitHub ``repo_url`` whose ``remote_branch`` (``gh-pages``, what
    ``mkdocs gh-deploy`` writes) holds the built site, notebooks included.
    Unset, pages and notebooks name no address and show no Colab button."""

    site_url: str = ""
    repo: str = ""  # owner/name on GitHub, when site_url is set too
    branch: str = "gh-pages"
    directory_urls: bool = True

    @classmethod
    def of(cls, config) -> "Published":
        site_url = (config.site_url or "").rstrip("/")
        found = GITHUB_RE.fullmatch(config.repo_url or "")
        return cls(site_url + "/" if site_url else "",
                   found["repo"] if site_url and found else "",
                   config.remote_branch or "gh-pages", config.use_directory_urls)

    def page_address(self, page: str) -> str:
        """The full address of a page (``perceptron.md``), or ""."""
        if not self.site_url:
            return ""
        url = File(page, src_dir=None, dest_dir="", use_directory_urls=self.directory_urls).url
        return self.site_url + url

    def colab(self, site_path: str) -> str:
        """Colab's address for a notebook at ``site_path`` of the published site, or ""."""
        if not self.repo:
            return ""
        return f"https://colab.research.google.com/github/{self.repo}/blob/{self.branch}/{site_path}"


def write(cache: Path, plan: PagePlan, result: PageResult, glossary: str, config,
          texts: dict[str, tuple[tuple, str]]) -> File:
    """Write the page's notebook (if it changed) and return it as a site file.
    ``texts`` is the caller's memo of the notebooks made (page -> what its
    notebook was made from, the text), kept across serve rebuilds."""
    folder = Path(cache) / FOLDER
    uri = notebook_uri(plan.page)
    address = Published.of(config).page_address(plan.page)
    try:
        Store(folder).publish(uri, _text(plan, result, glossary, address, texts).encode("utf-8"))
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


def published_source(notebook_page_url: str, uri: str) -> str:
    """Where the .ipynb lies in the built site: beside its notebook page
    (mkdocs-jupyter's include_source), e.g. notebooks/perceptron/perceptron.ipynb."""
    return posixpath.join(notebook_page_url, Path(uri).name)


def links(page, files, published: Published) -> str:
    """For under the page title: the rendered notebook, a download link and,
    where the site says where it is published, "Colab에서 열기".

    The .ipynb itself is published beside the notebook page (mkdocs-jupyter's
    include_source); MkDocs does not know that file, so its link is raw HTML
    (checked by the link test over the built site).
    """
    uri = notebook_uri(page.file.src_uri)
    notebook = files.get_file_from_path(uri)
    if notebook is None:
        return ""
    rendered = Path(os.path.relpath(uri, Path(page.file.src_uri).parent or ".")).as_posix()
    source = published_source(notebook.url, uri)
    download = posixpath.relpath(source, page.url or ".") if page.url else source
    colab = published.colab(source)
    return (f"[노트북으로 보기]({rendered}){{ .md-button }}\n"
            f"{download_button(download)}\n"
            + (f"{colab_button(colab)}\n" if colab else ""))


def colab_button(href: str) -> str:
    """The button that opens a chapter's notebook in Google Colab (a new tab)."""
    return (f'<a class="md-button md-button--primary" href="{href}" target="_blank" '
            f'rel="noopener">Colab에서 열기</a>')


def _text(plan: PagePlan, result: PageResult, glossary: str, address: str,
          texts: dict[str, tuple[tuple, str]]) -> str:
    """The page's notebook file, made again only when what it is made from
    changed (under serve, the other pages' notebooks took 0.3 s a rebuild)."""
    key = (plan.source, [block.code for block in plan.blocks], glossary, address,
           repr(dataclasses.replace(result, seconds=0.0, cached=False)))
    known = texts.get(plan.page)
    if known is None or known[0] != key:
        text = nbformat.writes(build_notebook(plan, result, glossary, address)) + "\n"
        known = texts[plan.page] = (key, text)
    return known[1]
