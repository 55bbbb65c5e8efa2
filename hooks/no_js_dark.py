"""MkDocs event: the dark palette for readers without JavaScript
(``sitebuild/no_js_dark.py``), written from the built site's stylesheets."""

from pathlib import Path

from sitebuild import live


def on_post_build(config):
    with live.module("sitebuild.reporting").reported("no-js dark stylesheet"):
        live.module("sitebuild.no_js_dark").write(Path(config.site_dir),
                                                  [str(css) for css in config.extra_css])
