"""MkDocs events: formulas become MathML (``sitebuild/mathml.py``), drawn with
the math font ``sitebuild/math_font.py`` cuts to the site's characters."""

from pathlib import Path

from sitebuild import live


def on_page_content(html, page, config, files):
    with live.module("sitebuild.reporting").reported(page.file.src_uri):
        return live.module("sitebuild.mathml").convert_page(html, page.file.src_uri)


def on_post_build(config):
    with live.module("sitebuild.reporting").reported("math font"):
        cache = live.module("sitebuild.store").folder(
            Path(config["config_file_path"]).parent) / "_fonts"
        live.module("sitebuild.math_font").write(Path(config["site_dir"]), cache)
