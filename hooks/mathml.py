"""MkDocs event: formulas become MathML (``sitebuild/mathml.py``)."""

from sitebuild import live


def on_page_content(html, page, config, files):
    with live.module("sitebuild.site").reported(page.file.src_uri):
        return live.module("sitebuild.mathml").convert_page(html, page.file.src_uri)
