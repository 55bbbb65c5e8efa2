"""MkDocs event: the playground's data and fixture, computed from the pages'
own snippet code (``sitebuild/playground.py``), join the site's files."""

from pathlib import Path

from mkdocs.structure.files import File

from sitebuild import live


def on_files(files, config):
    site = live.module("sitebuild.site")
    root = Path(config.config_file_path).resolve().parent
    with site.reported("playground"):
        exported = live.module("sitebuild.playground").export(
            root, site.cache_dir(root), timeout=site.timeout())
    for uri, text in exported.items():
        files.append(File.generated(config, uri, content=text))
    return files
