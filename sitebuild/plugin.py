"""The site's MkDocs plugin (``plugins: [handson-site]`` in mkdocs.yml).

One object owns the state of a build and, under ``mkdocs serve`` (MkDocs keeps
a plugin for the whole session), of the session: the example room, the Korean
search, the notebook renderings and serve's partial builds. Each room gets what
it reads from here; the plugin only forwards MkDocs' events, in the order the
steps need:

- ``on_files``: Kiwi starts loading (priority 60) while the examples run and
  their figures and notebooks join the files (50), before mkdocs-jupyter's
  ``on_files`` (0) renders those notebooks.
- ``on_page_content``: a notebook page is mended before formulas become
  MathML; chapter pages' code is lightened last.
- ``on_post_build``: serve puts back the search entries of pages it did not
  rebuild before the index is segmented.

An edit of this package while serving takes effect after a restart of
``mkdocs serve``, as with every MkDocs plugin: the log says so.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from sitebuild import digests, store
from sitebuild.notebooks import publish, mend, renderings
from sitebuild.polish import light_code, math_font, mathml, no_js_dark, numbering
from sitebuild.search import index
from sitebuild.serve import rebuilds
from sitebuild.examples import ExampleRoom
from sitebuild.reporting import reported

log = logging.getLogger("mkdocs.plugins.handson-site")


class SiteConfig(base.Config):
    # Korean word forms in the search index: needs the search plugin's
    # separator to split on U+200B (small test sites turn it off)
    korean_search = c.Type(bool, default=True)


class SitePlugin(BasePlugin[SiteConfig]):
    """Runs the pages' examples and polishes what MkDocs builds from them."""

    def __init__(self):
        super().__init__()
        self.serving = False  # `mkdocs serve`
        self.examples = ExampleRoom()
        self.search = index.Search()
        self.serve = rebuilds.Serve(self.examples)
        self.renderings: renderings.Renderings | None = None
        self.code = digests.package()  # this package's code when the process began

    # Configuration and start -------------------------------------------------

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.examples.serving = self.search.serving = self.serving
        self.serve.active = self.serving and dirty
        if self.serve.active:
            logging.getLogger("mkdocs.commands.build").addFilter(rebuilds.QuietDirtyWarning())
        elif self.serving:
            log.info("`mkdocs serve --dirty` rebuilds only the pages an edit changed")

    def on_config(self, config):
        changed = sorted(name for name, digest in digests.package().items()
                         if self.code.get(name) != digest)
        if changed:
            log.warning("the build package changed while serving (%s): restart "
                        "`mkdocs serve` for the change to take effect", ", ".join(changed))
        with reported("mkdocs.yml"):
            renderings.configure(config)
            if self.config.korean_search:
                self.search.on_config(config)
        return config

    def on_serve(self, server, *, config, builder):
        if self.serve.active:
            folder = Path(tempfile.gettempdir()) / f"sitebuild-serve-{os.getpid()}"
            self.serve.trigger = rebuilds.start_trigger(folder)
            server.watch(str(self.serve.trigger))
        return server

    def on_shutdown(self):
        self.examples.close()
        if self.serve.trigger is not None:
            shutil.rmtree(self.serve.trigger, ignore_errors=True)

    # The build ---------------------------------------------------------------

    def on_pre_build(self, *, config):
        if self.serve.active:
            self.serve.on_pre_build(config)
        folder = store.folder(Path(config.config_file_path).parent)
        self.renderings = renderings.Renderings(store.Store(folder))

    @event_priority(60)
    def _preload_search(self, files, *, config):
        self.search.preload(config)  # Kiwi loads while the examples run
        return files

    @event_priority(50)
    def _run_examples(self, files, *, config):
        with reported("on_files"):
            return self.examples.on_files(files, config)

    on_files = CombinedEvent(_preload_search, _run_examples)

    def _relink(self, nav, *, config, files):
        mend.relink(nav)
        return nav

    @event_priority(-50)  # after every plugin's on_files: the site's final files
    def _serve_nav(self, nav, *, config, files):
        if self.serve.active:
            with reported("serve"):
                self.serve.on_nav(nav, config, files)
        return nav

    on_nav = CombinedEvent(_relink, _serve_nav)

    def on_env(self, env, *, config, files):
        if self.serve.active:
            self.serve.on_env(env)
        return env

    def on_pre_page(self, page, *, config, files):  # after mkdocs-jupyter's (render)
        if mend.is_notebook(page):
            self.renderings.wrap(page, config)
        return page

    def on_page_markdown(self, markdown, *, page, config, files):
        with reported(page.file.src_uri):
            markdown = self.examples.on_page_markdown(markdown, page, files)
            if page.file.src_uri.endswith(".md"):
                markdown = numbering.tag_formulas(markdown, anchors=True)
            return markdown

    def on_page_content(self, html, *, page, config, files):
        with reported(page.file.src_uri):
            notebook = mend.is_notebook(page)
            if notebook:
                html = self.renderings.mended(html, page, files, mend.mend)
            html = mathml.convert_page(html, page.file.src_uri)
            return html if notebook else light_code.rewrite(html)

    def on_page_context(self, context, *, page, config, nav):
        if self.serve.active:
            self.serve.on_page_context(page)
        if mend.is_notebook(page):  # page.meta is read by now
            page.meta["colab"] = self.examples.published.colab(  # overrides/main.html
                publish.published_source(page.url, page.file.src_uri))
        return context

    def on_post_build(self, *, config):
        if self.serve.active:
            with reported("serve"):
                self.serve.on_post_build(config)
        if not self.serve.quick:  # a dirty build renders a few, and segments later
            self.renderings.prune()
            with reported("search/search_index.json"):
                line = self.search.on_post_build(config)
                if line:
                    log.info(line)
        site = Path(config.site_dir)
        with reported("math font"):
            math_font.write(site, store.folder(Path(config.config_file_path).parent) / "_fonts")
        if config.theme.name == "material":  # its palettes, for readers without JavaScript
            with reported("no-js dark stylesheet"):
                no_js_dark.write(site, [str(css) for css in config.extra_css])

    def on_build_error(self, *, error):
        if self.serve.active:
            self.serve.on_build_error()

