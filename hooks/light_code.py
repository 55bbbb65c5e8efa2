"""MkDocs event: chapter pages' highlighted code with fewer elements, and
folded code highlighted when opened (``sitebuild/light_code.py``)."""

from sitebuild import live


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):  # notebook pages: notebook_pages.py
        return html
    with live.module("sitebuild.reporting").reported(page.file.src_uri):
        return live.module("sitebuild.light_code").rewrite(html)
