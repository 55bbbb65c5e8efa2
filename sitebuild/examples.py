"""The example room: every page's code run, and what it made put on the page.

The site's plugin (:mod:`sitebuild.plugin`) owns the room and forwards MkDocs' events. In ``on_files``
every page is read into its plan, the plans (and the playground's export,
:mod:`sitebuild.playground`) run through the engine (or the cache), their
figures and notebooks join the site's files, and every problem is collected.
``mkdocs build`` then fails with all of them in one error. ``mkdocs serve``
keeps serving: each page shows its problems in an error box at the top and
where its outputs would be, and the terminal logs the same.

The room owns its state (plans, results, problems); ``sitebuild.serve.rebuilds`` reads
it to decide what a dirty rebuild must redo. Other steps get what they need
through MkDocs' own files: a figure is published as a
:class:`~sitebuild.pages.render.PublishedFigure` that carries its alt text (the
notebook pages read it there).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from sitebuild import playground, store
from sitebuild.notebooks import publish
from sitebuild.pages import render
from sitebuild.run import engine, guard
from sitebuild.run.cache import Cache
from sitebuild.pages.render import note
from sitebuild.pages.plan import PagePlan, plan_page
from sitebuild.problems import BuildError, Problem
from sitebuild.run.results import PageResult
from sitebuild.pages.sections import SNIPPETS_DIR, SnippetReader

log = logging.getLogger("mkdocs.plugins.handson-site")


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


def memory() -> int:
    """The memory ceiling of each run (EXAMPLES_MEMORY), checked before any run."""
    try:
        return guard.memory_limit()
    except ValueError as err:
        raise PluginError(str(err)) from None


class ExampleRoom:
    """What one build knows about its pages' runs; a new build starts it afresh."""

    def __init__(self):
        self.serving = False  # under `mkdocs serve`: problems are shown, not raised
        self.plans: dict[str, PagePlan] = {}
        self.results: dict[str, PageResult] = {}
        self.problems: dict[str, list[Problem]] = {}  # page -> its problems
        self.published = publish.Published()  # where mkdocs.yml publishes the site
        self.runs = engine.Runs()  # the fork server and runs of this build or serve session
        # kept across serve rebuilds: page -> (what it was read or made from, the result)
        self._known_plans: dict[str, tuple[tuple, PagePlan]] = {}
        self._notebook_texts: dict[str, tuple[tuple, str]] = {}

    # Events -------------------------------------------------------------

    def on_files(self, files, config):
        root = Path(config.config_file_path).resolve().parent
        reader = SnippetReader(root)
        self.plans, self.results, self.problems = {}, {}, {}
        self.published = publish.Published.of(config)
        glossary = _glossary(config, root)
        general: list[Problem] = []
        snippets = _snippet_texts(root)
        for file in files.documentation_pages():
            try:
                text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as err:
                general.append(Problem(file.src_uri, f"cannot be read: {err}"))
                continue
            plan = self._plan(file.src_uri, text, reader, snippets)
            self.plans[file.src_uri] = plan
            self.problems[file.src_uri] = list(plan.problems)
        cache = Cache(store.folder(root))
        docs = Path(config.docs_dir).resolve()
        if docs == cache.root.resolve() or docs in cache.root.resolve().parents:
            raise PluginError(f"The examples' cache folder {cache.root} is inside the docs "
                              f"folder {docs}: its files would be published. Set "
                              "EXAMPLES_CACHE_DIR to a folder outside docs/")
        why = cache.unusable()
        if why:  # before any example runs: one line, no work thrown away
            raise PluginError(f"The examples' cache folder {cache.root} is unusable "
                              f"({why}): make it writable, or set EXAMPLES_CACHE_DIR "
                              "to a folder you can write")
        memory()
        sources = _sources(config)
        before = _snapshot(sources)
        exports = playground.plans(root, reader)  # the playground's data: two more runs
        general += [p for plan in exports for p in plan.problems]
        self.results, found = engine.build_results(
            root, list(self.plans.values()) + exports, cache, timeout=timeout(), log=log.info,
            runs=self.runs)
        exported = [self.results.pop(plan.page) for plan in exports
                    if plan.page in self.results]
        general += [Problem(path, "changed while the examples ran: examples must not "
                                  "write into the project")
                    for path in _changed(before, _snapshot(sources), root)]
        for name in cache.prune([*self.results, *playground.PAGES.values()]):
            log.info(f"removed the cached examples of a page that is gone: {name}")
        publish.prune(cache.root, self.results)
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
        links = publish.links(page, files, self.published) \
            if result is not None else ""
        try:
            markdown = render.render(plan, markdown, result, problems, links)
        except BuildError as err:
            raise PluginError(str(err)) from None
        if result is None or result.platform is None:
            return markdown
        return markdown + render.inert(note(plan.page, result.platform))

    def close(self) -> None:
        """The session is over: stop the fork server (and any run left)."""
        self.runs.close()

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
        alts = {}
        for m in self.plans[result.page].markers:
            sec = result.sections.get(m.section)
            if m.kind == "figure" and sec is not None and len(sec.figures) >= m.figure:
                alts[sec.figures[m.figure - 1].name] = m.alt
        for sec in result.sections.values():
            for fig in sec.figures:
                for dark, path in ((False, fig.path), (True, fig.dark_path)):
                    file = render.PublishedFigure.generated(
                        config, render.figure_uri(result.page, fig, dark=dark),
                        abs_src_path=str(path))
                    file.alt = alts.get(fig.name)
                    files.append(file)
        if result.platform is not None:  # no reply (serve): no notebook, none stale
            files.append(publish.write(store.folder(root), self.plans[result.page],
                                       result, glossary, config, self._notebook_texts))

    def _plan(self, page: str, text: str, reader: SnippetReader, snippets: tuple) -> PagePlan:
        """The page's plan, read again only when the page or a file it may include
        changed (reading every page's sections took 0.15 s of each serve
        rebuild). Nothing changes a plan once it is read."""
        known = self._known_plans.get(page)
        if known is None or known[0] != (text, snippets):
            known = self._known_plans[page] = ((text, snippets), plan_page(page, text, reader))
        return known[1]


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
    found += [root / name for name in ("snippets", "includes", "overrides")]
    return [p for p in found if p.exists()]


def _snapshot(paths: list[Path]) -> dict[Path, str]:
    """The content digest of every file under ``paths`` (not its size and
    time: a program can write the same number of bytes and set the time back)."""
    files = {}
    for path in paths:
        for file in ([path] if path.is_file() else path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                try:
                    files[file] = hashlib.sha256(file.read_bytes()).hexdigest()
                except OSError as err:
                    files[file] = f"unreadable: {err}"
    return files


def _changed(before: dict, after: dict, root: Path) -> list[str]:
    return sorted(Path(os.path.relpath(p, root)).as_posix()
                  for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def _snippet_texts(root: Path) -> tuple:
    """Every file a page's code block may include from (snippets/, includes/)."""
    return tuple(sorted((p.relative_to(root).as_posix(), p.read_bytes())
                        for name in (SNIPPETS_DIR, "includes")
                        for p in (root / name).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts))

