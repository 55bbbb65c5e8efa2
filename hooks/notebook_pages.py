"""MkDocs events: mkdocs-jupyter's notebook pages rendered once and kept in
the cache store (``sitebuild/notebook_render.py``), mended for this site and
kept out of the chapters' previous/next chain (``sitebuild/notebook_pages.py``)."""

from pathlib import Path

from sitebuild import live

_renderings = None  # this build's (sitebuild.notebook_render.Renderings)


def on_config(config):
    live.module("sitebuild.notebook_render").configure(config)


def on_pre_build(config):
    global _renderings
    folder = live.module("sitebuild.store").folder(Path(config.config_file_path).parent)
    _renderings = live.module("sitebuild.notebook_render").Renderings(
        live.module("sitebuild.store").Store(folder))


def on_pre_page(page, config, files):  # after mkdocs-jupyter's, which sets render
    if live.module("sitebuild.notebook_pages").is_notebook(page):
        _renderings.wrap(page, config)
    return page


def on_page_context(context, page, config, nav):  # page.meta is read by now
    if live.module("sitebuild.notebook_pages").is_notebook(page):
        notebooks = live.module("sitebuild.notebook_files")
        page.meta["colab"] = notebooks.Published.of(config).colab(
            notebooks.published_source(page.url, page.file.src_uri))  # overrides/main.html
    return context


def on_page_content(html, page, config, files):
    pages = live.module("sitebuild.notebook_pages")
    if not pages.is_notebook(page):
        return html
    with live.module("sitebuild.reporting").reported(page.file.src_uri):
        return _renderings.mended(html, page, files, pages.mend)


def on_nav(nav, config, files):
    live.module("sitebuild.notebook_pages").relink(nav)
    return nav


def on_post_build(config):
    if not live.module("sitebuild.serve").SERVE.quick:  # a dirty build renders a few
        _renderings.prune()
