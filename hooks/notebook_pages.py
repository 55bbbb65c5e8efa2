"""MkDocs events: mend mkdocs-jupyter's notebook pages, and keep them out of
the chapters' previous/next chain (``sitebuild/notebook_pages.py``)."""

from sitebuild import live


def on_page_content(html, page, config, files):
    pages = live.module("sitebuild.notebook_pages")
    if not pages.is_notebook(page):
        return html
    site = live.module("sitebuild.site")
    with site.reported(page.file.src_uri):
        return pages.mend(html, page, files, site.SITE.figure_alts)


def on_nav(nav, config, files):
    live.module("sitebuild.notebook_pages").relink(nav)
    return nav
