"""MkDocs events: `mkdocs serve --dirty` rebuilds only what an edit changed
(``sitebuild/serve.py``). Listed before ``korean_search.py``: the search
index is whole again before it is segmented."""

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.plugins import event_priority

from sitebuild import live

# Facts of this process, kept here: a hook module is never re-imported,
# while a reload of the build package forgets sitebuild.serve's memory.
_active = False
_trigger: Path | None = None


def on_startup(command, dirty):
    global _active
    _active = command == "serve" and dirty
    if _active:
        serve = live.module("sitebuild.serve")
        logging.getLogger("mkdocs.commands.build").addFilter(serve.QuietDirtyWarning())
    elif command == "serve":
        logging.getLogger("mkdocs.hooks.serve").info(
            "`mkdocs serve --dirty` rebuilds only the pages an edit changed")


def on_serve(server, config, builder):
    global _trigger
    if _active:
        folder = Path(tempfile.gettempdir()) / f"sitebuild-serve-{os.getpid()}"
        _trigger = _serve().start_trigger(folder)
        server.watch(str(_trigger))
    return server


def on_shutdown():
    if _trigger is not None:
        shutil.rmtree(_trigger, ignore_errors=True)


def on_pre_build(config):
    if _active:
        _state().on_pre_build(config)


@event_priority(-50)  # after every plugin's on_files: the site's final files
def on_nav(nav, config, files):
    if _active:
        with live.module("sitebuild.reporting").reported("serve"):
            _state().on_nav(nav, config, files)
    return nav


def on_env(env, config, files):
    if _active:
        _state().on_env(env)
    return env


def on_page_context(context, page, config, nav):
    if _active:
        _state().on_page_context(page)
    return context


def on_post_build(config):
    if _active:
        with live.module("sitebuild.reporting").reported("serve"):
            _state().on_post_build(config)


def on_build_error(error):
    if _active:
        _state().on_build_error()


# Helper functions -----------------------------------------------------------


def _serve():
    return live.module("sitebuild.serve")


def _state():
    state = _serve().SERVE
    state.active, state.trigger = _active, _trigger
    return state
