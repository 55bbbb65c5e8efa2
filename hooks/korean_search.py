"""MkDocs events: Korean word forms in the search index (``sitebuild/korean_search.py``)."""

import logging

from mkdocs.plugins import event_priority

from sitebuild import live

log = logging.getLogger("mkdocs.hooks.korean_search")


def on_config(config):
    with live.module("sitebuild.reporting").reported("mkdocs.yml"):
        _search().on_config(config)


@event_priority(60)  # before the examples run: Kiwi loads meanwhile
def on_files(files, config):
    _search().preload(config)
    return files


def on_post_build(config):
    if live.module("sitebuild.serve").SERVE.quick:  # serve --dirty: the next build
        return
    with live.module("sitebuild.reporting").reported("search/search_index.json"):
        line = _search().on_post_build(config)
        if line:
            log.info(line)


def _search():
    return live.module("sitebuild.korean_search").SEARCH
