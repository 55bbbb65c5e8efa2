"""mkdocs-jupyter's rendering of each notebook page, kept in the cache store.

mkdocs-jupyter converts a notebook to HTML with nbconvert (about a second a
notebook) and has a cache of its own, but that cache is read with a bare
``json.loads``: one garbled file stopped the build. So its cache is turned
off (:func:`configure`) and the rendering is kept in :mod:`sitebuild.store`
instead, under the hash of what it is made from (the notebook's bytes, the
plugin's settings and the versions of mkdocs-jupyter and nbconvert).

mkdocs-jupyter gives each notebook page its own ``render`` in its
``on_pre_page``; the site plugin runs after it and wraps that
(:meth:`Renderings.wrap`). Our notebooks set no title from their first
heading (``ignore_h1_titles``) and :mod:`sitebuild.notebooks.mend` rebuilds
the table of contents from the HTML, so the HTML is all a page needs back.

Mending that HTML (:func:`sitebuild.notebooks.mend.mend`, BeautifulSoup over
about 1 MB a page) takes about a second a page, so its result is kept too
(:meth:`Renderings.mended`), keyed on everything it reads.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path

from mkdocs.structure.toc import get_toc

from sitebuild.pages.render import PublishedFigure
from sitebuild import digests
from sitebuild.store import Store

FOLDER = "_notebook_pages"
PLUGIN = "mkdocs-jupyter"
# Settings of the plugin that do not change what a page shows
_NOT_RENDERING = {"cache", "cache_dir", "include", "ignore", "data_files"}


class Renderings:
    """The renderings one build uses (a new build starts it afresh)."""

    def __init__(self, store: Store):
        self.store = store
        self.used: set[str] = set()
        self._figures: list | None = None

    def wrap(self, page, config) -> None:
        """Make the page's ``render`` read the stored HTML, or store what it makes."""
        plugin = config.plugins.get(PLUGIN)
        render = page.render  # mkdocs-jupyter's, for this page only
        name = f"{FOLDER}/{_key(Path(page.file.abs_src_path), plugin.config)}.json"
        self.used.add(name)

        def cached_render(config, files) -> None:
            stored = self.store.get_json(name)
            if stored is not None and isinstance(stored.get("content"), str):
                page.content = stored["content"]
                return
            render(config, files)
            self.store.put_json(name, {"content": page.content})

        page.render = cached_render

    def mended(self, html_text: str, page, files, mend) -> str:
        """``mend(html_text, page, files)``, from the store when seen.
        The page's table of contents and search setting are stored with it."""
        if self._figures is None:  # what mend may link to: once a build
            self._figures = sorted(
                (f.src_uri, f.url, hashlib.sha256(f.content_bytes).hexdigest(),
                 f.alt if isinstance(f, PublishedFigure) else None)
                for f in files if f.src_uri.startswith("figures/"))
        chapter = files.get_file_from_path(
            Path(page.file.src_uri).name.removesuffix(".ipynb") + ".md")
        key = hashlib.sha256(json.dumps(
            [html_text, page.url, chapter.url if chapter else None, self._figures,
             digests.of("mended notebook pages")], ensure_ascii=False).encode()).hexdigest()[:32]
        name = f"{FOLDER}/mended-{key}.json"
        self.used.add(name)
        stored = self.store.get_json(name)
        if stored is not None and isinstance(stored.get("html"), str) \
                and isinstance(stored.get("toc"), list):
            page.toc = get_toc(stored["toc"])
            page.meta.setdefault("search", {})["exclude"] = True
            return stored["html"]
        mended = mend(html_text, page, files)
        self.store.put_json(name, {"html": mended, "toc": _tokens(page.toc)})
        return mended

    def prune(self) -> list[str]:
        """Remove the renderings this build did not use (a full build only)."""
        return self.store.keep_only(FOLDER, self.used)


def configure(config) -> bool:
    """Turn mkdocs-jupyter's own cache off; False if the plugin is not used."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return False
    plugin.config["cache"] = False
    return True


def _key(notebook: Path, settings) -> str:
    digest = hashlib.sha256(notebook.read_bytes())
    versions = [importlib.metadata.version(n) for n in (PLUGIN, "nbconvert")]
    shown = sorted((k, repr(v)) for k, v in settings.items() if k not in _NOT_RENDERING)
    digest.update(repr((versions, shown)).encode())
    return digest.hexdigest()[:32]


def _tokens(toc) -> list[dict]:
    """A table of contents as the nested tokens ``get_toc`` takes."""
    return [{"level": item.level, "id": item.id, "name": item.title,
             "children": _tokens(item.children)} for item in toc]
