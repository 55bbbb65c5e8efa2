"""``mkdocs serve --dirty``: rebuild only the pages an edit changed.

MkDocs' own dirty build (``--dirty``) reads and writes only the pages whose
source is newer than their built HTML, and copies only the changed static
files. This module (called by the site's plugin; plain ``mkdocs serve`` and
``mkdocs build`` are left alone) fills the three gaps that would make it
wrong here:

- **What falls back to a full rebuild.** A page added or deleted (any file
  of the site's list, figures aside), ``mkdocs.yml`` (the nav), the glossary
  that every page appends (``includes/``) or the templates (``overrides/``)
  (an edit of the build package needs a restart): the site folder is emptied in
  ``on_nav``, so MkDocs' dirty build finds no page built and writes them all.
  So is the first build, and any build after a failed one. A nav entry
  without a title would show none for a page the build does not read, so
  that also means a full rebuild.
- **Pages an edit elsewhere changed.** A page whose shown code, example
  results or problems differ from the last build's (a snippet edit) loses
  its built HTML, which makes MkDocs rebuild it: never served stale.
- **The search index.** The search plugin indexes only the pages it built
  (Material's own merge under ``--dirty`` assumes one page per rebuild and
  drops every entry when the home page is rebuilt), so its merge is turned
  off and the unchanged pages' entries from the last build are put back
  before the Korean search step segments the whole index.

A prose edit also changes that page's notebook, whose rendering
(mkdocs-jupyter, nbconvert) takes longer than the page, and its words, whose
Korean segmentation (Kiwi, :mod:`sitebuild.search.index`) took 0.4-0.6 s. Both
are deferred: the page is built and served first (the search index then
holds every page, the edited one not yet segmented), and a file written into
a folder serve watches starts a follow-up build that renders the notebook
and segments the index. The notebook renderings kept in the cache store are
pruned after full builds only (:mod:`sitebuild.plugin`): a dirty build
renders a few. (Material's ``search_index_prev`` is its own attribute, of the
version pinned in requirements.txt; it is touched only where it exists.)

The memory of the last build lives in the :class:`Serve` object the site's
plugin keeps for the whole session.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
from pathlib import Path

import jinja2
from mkdocs.utils import clean_directory

log = logging.getLogger("mkdocs.plugins.handson-site.serve")
# What a change of falls back to a full rebuild, beside mkdocs.yml: read by
# every page (glossary, templates).
PROJECT_FOLDERS = ("includes", "overrides")
TRIGGER = "deferred.txt"  # written into the watched folder
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' own log line


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """What one build saw: its inputs' digest, its files, its pages' digests."""

    sources: str
    files: frozenset[str]
    pages: dict[str, str]  # page src_uri -> digest of its code and results


class Serve:
    """One ``mkdocs serve --dirty`` session's memory, build to build."""

    def __init__(self, examples):
        self.examples = examples  # the example room (sitebuild.examples.ExampleRoom)
        self.active = False  # serve --dirty (set by the plugin)
        self.trigger: Path | None = None  # the watched folder for deferred work
        self.last: Snapshot | None = None  # of the last build that finished
        self.current: Snapshot | None = None
        self.full = True  # this build rebuilds everything
        # this build shows edited pages first and leaves their notebooks and
        # the search index's Korean segmentation to a follow-up build
        self.quick = False
        self.built: list[str] = []  # URLs of the pages this build wrote
        self.deferred: list[str] = []  # notebooks left to the next build
        self.search: dict[str, list[dict]] = {}  # page URL -> index entries
        self.templates = CompiledTemplates()

    # Events -------------------------------------------------------------

    def on_pre_build(self, config) -> None:
        self.built, self.deferred, self.quick = [], [], False
        plugin = config.plugins.get("material/search")
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None  # its merge: see the module's text

    def on_nav(self, nav, config, files) -> None:
        site = self.examples
        root = Path(config.config_file_path).resolve().parent
        self.current = Snapshot(
            _digest_sources(root, Path(config.config_file_path)),
            frozenset(f.src_uri for f in files
                      if not f.src_uri.startswith("figures/")),
            {page: _page_digest(site, page) for page in site.plans})
        why = self._why_full(nav)
        self.full = why is not None
        if self.full:
            log.info(f"serve: full rebuild ({why})")
            clean_directory(config.site_dir)
            self.search, self.templates = {}, CompiledTemplates()
            return
        for page, digest in self.current.pages.items():
            file = files.get_file_from_path(page)
            if file is not None and digest != self.last.pages.get(page):
                log.info(f"serve: rebuilding {page} (its code or results changed)")
                Path(file.abs_dest_path).unlink(missing_ok=True)
        pages = [f for f in files.documentation_pages() if f.is_modified()]
        notebooks = [f for f in pages if f.src_uri.endswith(".ipynb")]
        self.quick = len(notebooks) < len(pages)
        if self.quick:  # a chapter first, its notebook next
            for file in notebooks:
                file.is_modified = _not_now
                self.deferred.append(file.src_uri)
        log.info("serve: rebuilding " + (", ".join(
            f.src_uri for f in pages if f.src_uri not in self.deferred) or "no page")
            + (f"; then {', '.join(self.deferred)}" if self.deferred else ""))

    def on_env(self, env: jinja2.Environment) -> None:
        env.bytecode_cache = self.templates

    def on_page_context(self, page) -> None:
        self.built.append(page.url)

    def on_post_build(self, config) -> None:
        """Put the pages not rebuilt back into the search index."""
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file():
            index = json.loads(path.read_text(encoding="utf-8"))
            fresh = _by_page(index["docs"])
            if self.full:
                self.search = fresh
            else:
                for url in self.built:
                    self.search[url] = fresh.get(url, [])
                index["docs"] = [e for entries in self.search.values()
                                 for e in entries]
                path.write_text(json.dumps(index, separators=(",", ":")),
                                encoding="utf-8")
        self.last = self.current
        if self.quick and self.trigger is not None:
            (self.trigger / TRIGGER).write_text(
                "\n".join(["search index", *self.deferred]) + "\n", encoding="utf-8")

    def on_build_error(self) -> None:
        self.last = None  # whatever it left, the next build starts afresh

    # Helper functions -----------------------------------------------------

    def _why_full(self, nav) -> str | None:
        last, now = self.last, self.current
        if last is None:
            return "first build"
        if now.sources != last.sources:
            return "mkdocs.yml, includes/ or overrides/ changed"
        if now.files != last.files:
            added = sorted(now.files - last.files)
            gone = sorted(last.files - now.files)
            return ", ".join([*(f"new {f}" for f in added),
                              *(f"{f} gone" for f in gone)])
        untitled = [p.file.src_uri for p in nav.pages if p.title is None]
        if untitled:
            return f"no title in the nav for {', '.join(untitled)}"
        return None


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once a session (in memory).

    MkDocs makes a new Jinja environment for every build, which compiled
    Material's templates again: 0.2-0.6 s of each rebuild here. Jinja checks
    each entry against the template's source; a full rebuild starts afresh.
    """

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class QuietDirtyWarning(logging.Filter):
    """Drop MkDocs' warning that a dirty build's navigation may be wrong:
    :class:`Serve` keeps it right (every nav entry has its title)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def start_trigger(folder: Path) -> Path:
    """The folder serve watches for deferred work, created empty."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _not_now() -> bool:
    return False


def _by_page(entries: list[dict]) -> dict[str, list[dict]]:
    """Search index entries by their page's URL (``mlp/#…`` -> ``mlp/``)."""
    pages: dict[str, list[dict]] = {}
    for entry in entries:
        pages.setdefault(entry["location"].partition("#")[0], []).append(entry)
    return pages


def _digest_sources(root: Path, config_file: Path) -> str:
    paths = [config_file]
    for name in PROJECT_FOLDERS:
        paths += sorted(p for p in (root / name).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")
    return digest.hexdigest()


def _page_digest(site, page: str) -> str:
    """What the page shows from outside its own file: code, results, problems."""
    plan = site.plans[page]
    result = site.results.get(page)
    parts: list = [[block.code for block in plan.blocks],
                   [str(p) for p in site.problems.get(page, [])]]
    if result is not None:
        parts += [repr(result.platform), repr(result.failure)]
        for name, section in result.sections.items():
            parts.append([name, section.stdout, section.stderr,
                          repr(section.warnings), repr(section.error),
                          [(f.name, f.sha256, f.dark_sha256, f.width, f.height)
                           for f in section.figures]])
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
