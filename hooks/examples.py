"""MkDocs events: run the pages' example code and place what it made.

The logic is in the ``sitebuild`` package (``sitebuild/examples.py``); settings
come from the environment: ``EXAMPLES_TIMEOUT`` (seconds per page's run,
default 180) and ``EXAMPLES_CACHE_DIR`` (default ``.cache/examples``).
"""

from mkdocs.plugins import event_priority

from sitebuild import live


def on_startup(command, dirty):
    live.command = command


def on_config(config):
    live.refresh(config)  # under serve: pick up edits of the build package


@event_priority(50)  # before mkdocs-jupyter, which renders the notebooks made here
def on_files(files, config):
    with live.module("sitebuild.reporting").reported("on_files"):
        return live.module("sitebuild.examples").ROOM.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    with live.module("sitebuild.reporting").reported(page.file.src_uri):
        return live.module("sitebuild.examples").ROOM.on_page_markdown(markdown, page, files)
