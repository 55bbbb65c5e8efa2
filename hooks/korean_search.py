"""MkDocs events: Korean word forms in the search index (``sitebuild/korean_search.py``)."""

from sitebuild import live


def on_config(config):
    with live.module("sitebuild.site").reported("mkdocs.yml"):
        live.module("sitebuild.site").SITE.search_separator(config)


def on_post_build(config):
    if live.module("sitebuild.serve").SERVE.quick:  # serve --dirty: the next build
        return
    with live.module("sitebuild.site").reported("search/search_index.json"):
        live.module("sitebuild.site").SITE.segment_search_index(config)
