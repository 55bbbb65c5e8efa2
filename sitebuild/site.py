"""The example build as MkDocs sees it: one object, called by ``hooks/``.

``hooks/examples.py`` forwards MkDocs events to :data:`SITE`. In ``on_files``
every page is read into its plan, the plans run through the engine (or the
cache), their figures and notebooks join the site's files, and every problem
is collected. ``mkdocs build`` then fails with all of them in one error.
``mkdocs serve`` keeps serving: each page shows its problems in an error box
at the top and where its outputs would be, and the terminal logs the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import posixpath
import traceback
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitebuild import engine, korean_search, live, playground, render, store
from sitebuild.cache import Cache
from sitebuild.korean_text import Segmenter
from sitebuild.environment import note
from sitebuild.notebook import build_notebook
from sitebuild.notebook_pages import download_button
from sitebuild.page import PagePlan, plan_page
from sitebuild.problems import BuildError, Problem
from sitebuild.results import PageResult
from sitebuild.sections import SNIPPETS_DIR, SnippetReader

log = logging.getLogger("mkdocs.hooks.examples")


def cache_dir(root: Path) -> Path:
    return store.folder(root)


def timeout() -> float:
    value = os.environ.get("EXAMPLES_TIMEOUT", str(engine.DEFAULT_TIMEOUT))
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise PluginError(f"EXAMPLES_TIMEOUT must be a positive number of seconds, "
                          f"not {value!r}")
    return seconds


class ExampleSite:
    """What one build knows about its pages; a new build starts it afresh."""

    def __init__(self):
        self.plans: dict[str, PagePlan] = {}
        self.results: dict[str, PageResult] = {}
        self.problems: dict[str, list[Problem]] = {}  # page -> its problems
        self.figure_alts: dict[str, str] = {}  # figure file name -> its alt text
        self.separator: str | None = None  # the search's, once on_config has read it

    @property
    def serving(self) -> bool:
        return live.command == "serve"

    # Events -------------------------------------------------------------

    def search_separator(self, config) -> None:
        self.separator = korean_search.separator(config)

    def segment_search_index(self, config) -> None:
        if self.separator is None:
            return
        segmenter = _segmenter(config)
        log.info(korean_search.segment_site(config.site_dir, self.separator, segmenter))
        if self.serving:  # the next edit will bring new words
            segmenter.preload()

    def on_files(self, files, config):
        root = Path(config.config_file_path).resolve().parent
        reader = SnippetReader(root)
        self.plans, self.results, self.problems, self.figure_alts = {}, {}, {}, {}
        glossary = _glossary(config, root)
        general: list[Problem] = []
        snippets = _snippet_texts(root)
        for file in files.documentation_pages():
            try:
                text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as err:
                general.append(Problem(file.src_uri, f"cannot be read: {err}"))
                continue
            plan = _plan(file.src_uri, text, reader, snippets)
            self.plans[file.src_uri] = plan
            self.problems[file.src_uri] = list(plan.problems)
        cache = Cache(cache_dir(root))
        why = cache.unusable()
        if why:  # before any example runs: one line, no work thrown away
            raise PluginError(f"The examples' cache folder {cache.root} is unusable "
                              f"({why}): make it writable, or set EXAMPLES_CACHE_DIR "
                              "to a folder you can write")
        if self.separator is not None and _docs_newer_than_tokens(config):
            # new words are likely (a first build, or pages edited since Kiwi
            # last analysed): Kiwi loads in the background while examples run
            _segmenter(config).preload()
        sources = _sources(config)
        before = _snapshot(sources)
        exports = playground.plans(root, reader)  # the playground's data: two more runs
        general += [p for plan in exports for p in plan.problems]
        self.results, found = engine.build_results(
            root, list(self.plans.values()) + exports, cache, timeout=timeout(), log=log.info)
        exported = [self.results.pop(plan.page) for plan in exports
                    if plan.page in self.results]
        general += [Problem(path, "changed while the examples ran: examples must not "
                                  "write into the project")
                    for path in _changed(before, _snapshot(sources), root)]
        for name in cache.prune([*self.results, *playground.PAGES.values()]):
            log.info(f"removed the cached examples of a page that is gone: {name}")
        _prune_notebooks(cache_dir(root) / "_notebooks", self.results)
        for problem in found:
            self.problems.get(problem.page, general).append(problem)
        if exports and all(r.failure is None for r in exported):
            try:
                for uri, text in playground.files(exported).items():
                    files.append(File.generated(config, uri, content=text))
            except BuildError as err:
                general += err.problems
        for page, result in self.results.items():
            self.problems[page] += render.check(self.plans[page], result)
            self._add_files(root, files, config, result, glossary)
        self._report(general)
        return files

    def on_page_markdown(self, markdown: str, page, files) -> str:
        plan = self.plans.get(page.file.src_uri)
        if plan is None:
            return markdown
        result = self.results.get(plan.page)
        problems = self.problems.get(plan.page, []) if self.serving else []
        links = _notebook_links(page, files) if result is not None else ""
        try:
            markdown = render.render(plan, markdown, result, problems, links)
        except BuildError as err:
            raise PluginError(str(err)) from None
        if result is None or not result.environment:
            return markdown
        return markdown + note(plan.page, result.environment)

    # Helper functions -----------------------------------------------------

    def _report(self, general: list[Problem]) -> None:
        """Log every problem; outside serve, errors stop the build together."""
        everything = general + [p for page in self.plans for p in self.problems[page]]
        errors = [p for p in everything if not p.warning]
        for problem in everything:
            if problem.warning or self.serving:
                (log.warning if problem.warning else log.error)(str(problem))
        if errors and not self.serving:
            count = f"{len(errors)} problem{'s' if len(errors) > 1 else ''}"
            raise PluginError(f"Example build failed ({count}):\n\n"
                              + "\n\n".join(map(str, errors)))

    def _add_files(self, root: Path, files, config, result: PageResult,
                   glossary: str) -> None:
        for m in self.plans[result.page].markers:
            sec = result.sections.get(m.section)
            if m.kind == "figure" and sec is not None and len(sec.figures) >= m.figure:
                fig = sec.figures[m.figure - 1]
                self.figure_alts[fig.name] = self.figure_alts[fig.dark_name] = m.alt
        for sec in result.sections.values():
            for fig in sec.figures:
                files.append(File.generated(config, render.figure_uri(result.page, fig),
                                            abs_src_path=str(fig.path)))
                files.append(File.generated(config, render.figure_uri(result.page, fig, dark=True),
                                            abs_src_path=str(fig.dark_path)))
        if not result.environment:
            return  # a run that gave no reply (serve): no notebook, none stale
        folder = cache_dir(root) / "_notebooks"
        uri = notebook_uri(result.page)
        text = _notebook_text(self.plans[result.page], result, glossary)
        try:
            store.Store(folder).publish(uri, text.encode("utf-8"))
        except OSError as err:
            raise PluginError(f"{result.page}: cannot write its notebook "
                              f"{folder / uri}: {err}") from None
        # A plain File whose source folder is the cache (not File.generated):
        # mkdocs-jupyter finds a notebook's path through `src_dir`.
        files.append(File(uri, src_dir=str(folder), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))

SITE = ExampleSite()
# One per token store, kept across serve rebuilds: Kiwi loads at most once.
_SEGMENTERS: dict[Path, Segmenter] = {}
# Across serve rebuilds, page -> (what it was made from, its plan / notebook)
_PLANS: dict[str, tuple[tuple, PagePlan]] = {}
_NOTEBOOKS: dict[str, tuple[tuple, str]] = {}


@contextlib.contextmanager
def reported(where: str):
    """Turn any failure inside into one clear MkDocs error naming ``where``."""
    try:
        yield
    except PluginError:
        raise
    except BuildError as err:
        raise PluginError(str(err)) from None
    except Exception as err:  # noqa: BLE001 - an unexpected bug: say where
        frame = traceback.extract_tb(err.__traceback__)[-1]
        raise PluginError(f"{where}: unexpected {type(err).__name__}: {err} "
                          f"(at {Path(frame.filename).name}:{frame.lineno})") from err


def _token_store(config) -> Path:
    return cache_dir(Path(config.config_file_path).resolve().parent) / "_search" \
        / "kiwi-tokens.json"


def _docs_newer_than_tokens(config) -> bool:
    try:
        stored = _token_store(config).stat().st_mtime_ns
    except OSError:
        return True
    return any(p.stat().st_mtime_ns > stored
               for p in Path(config.docs_dir).rglob("*.md") if p.is_file())


def _segmenter(config) -> Segmenter:
    store = _token_store(config)
    if store not in _SEGMENTERS:
        _SEGMENTERS[store] = Segmenter(store)
    return _SEGMENTERS[store]


def _glossary(config, root: Path) -> str:
    """The abbreviation files pymdownx.snippets appends to every page."""
    options = config.mdx_configs.get("pymdownx.snippets", {})
    texts = []
    for name in options.get("auto_append", []):
        path = root / name
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            raise PluginError(f"{name}: the glossary cannot be read: {err}") from None
    return "\n".join(texts)


def _sources(config) -> list[Path]:
    """What a build reads: the config, the docs and the project's code folders."""
    root = Path(config.config_file_path).resolve().parent
    found = [Path(config.config_file_path), Path(config.docs_dir)]
    found += [root / name for name in ("snippets", "includes", "overrides", "hooks")]
    return [p for p in found if p.exists()]


def _snapshot(paths: list[Path]) -> dict[Path, tuple[int, int]]:
    """Size and modification time of every file under ``paths``."""
    files = {}
    for path in paths:
        for file in ([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                stat = file.stat()
                files[file] = (stat.st_size, stat.st_mtime_ns)
    return files


def _changed(before: dict, after: dict, root: Path) -> list[str]:
    return sorted(Path(os.path.relpath(p, root)).as_posix()
                  for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def _prune_notebooks(folder: Path, results: dict[str, PageResult]) -> None:
    """Remove the built notebooks of pages that no longer show code."""
    keep = {notebook_uri(page) for page in results}
    for name in store.Store(folder).keep_only("notebooks", keep, "*.ipynb"):
        log.info(f"removed the notebook of a page that is gone: {Path(name).name}")


def _snippet_texts(root: Path) -> tuple:
    """Every file a page's code block may include from (snippets/, includes/)."""
    return tuple(sorted((p.relative_to(root).as_posix(), p.read_bytes())
                        for name in (SNIPPETS_DIR, "includes")
                        for p in (root / name).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts))


def _plan(page: str, text: str, reader: SnippetReader, snippets: tuple) -> PagePlan:
    """The page's plan, read again only when the page or a file it may include
    changed (reading every page's sections took 0.15 s of each serve
    rebuild). Nothing changes a plan once it is read."""
    known = _PLANS.get(page)
    if known is None or known[0] != (text, snippets):
        known = _PLANS[page] = ((text, snippets), plan_page(page, text, reader))
    return known[1]


def _notebook_text(plan: PagePlan, result: PageResult, glossary: str) -> str:
    """The page's notebook file, made again only when what it is made from
    changed (under serve, the other pages' notebooks took 0.3 s a rebuild)."""
    key = (plan.source, [block.code for block in plan.blocks], glossary,
           repr(dataclasses.replace(result, seconds=0.0, cached=False)))
    known = _NOTEBOOKS.get(plan.page)
    if known is None or known[0] != key:
        text = nbformat.writes(build_notebook(plan, result, glossary)) + "\n"
        known = _NOTEBOOKS[plan.page] = (key, text)
    return known[1]


def notebook_uri(page: str) -> str:
    return f"notebooks/{page.removesuffix('.md')}.ipynb"


def _notebook_links(page, files) -> str:
    """For under the page title: the rendered notebook and a download link.

    The .ipynb itself is published beside the notebook page (mkdocs-jupyter's
    include_source); MkDocs does not know that file, so its link is raw HTML
    (checked by the link test over the built site).
    """
    uri = notebook_uri(page.file.src_uri)
    notebook = files.get_file_from_path(uri)
    if notebook is None:
        return ""
    rendered = Path(os.path.relpath(uri, Path(page.file.src_uri).parent or ".")).as_posix()
    source = posixpath.join(notebook.url, Path(uri).name)
    download = posixpath.relpath(source, page.url or ".") if page.url else source
    return (f"[노트북으로 보기]({rendered}){{ .md-button }}\n"
            f"{download_button(download)}\n")
