"""The on-disk cache of page results: one checked folder per page.

An entry is reused only while its key (the page's sections, the snippet
modules, the fingerprint) is unchanged, the project files its run
imported still hash the same, its checksum holds and every figure file is
intact. Entries are written to a staging folder and moved in atomically. The
files are read and written through the build's one cache store
(:mod:`sitebuild.store`): an entry that cannot be read is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from pathlib import Path

from sitebuild.run.environment import Platform
from sitebuild.run.protocol import ExpectedError, WarningInfo
from sitebuild.store import Store, mac, mac_ok, replace_folder, write_atomic
from sitebuild.run.results import FigureFile, PageResult, SectionResult, sha256_file


def _body(entry: dict) -> bytes:
    body = {k: v for k, v in entry.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


def _checksum(entry: dict) -> str:
    """The entry's signature (store.mac: keyed, the key outside the cache).
    It covers the digest of every figure file, the frozen ones included, so
    an entry from elsewhere, or edited with its digests recomputed, is a miss
    and its pickles are never read."""
    return mac(_body(entry))


class Cache:
    """One folder per page under ``root`` (e.g. ``.cache/examples``)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.files = Store(self.root)

    def unusable(self) -> str | None:
        """Why this folder cannot hold the cache (checked before any run), or None."""
        return self.files.unusable()

    def prune(self, pages: list[str]) -> list[str]:
        """Remove the entries of pages not in ``pages``; the names removed."""
        keep = {self.entry_dir(page).name for page in pages}
        removed = []
        for entry in sorted(self.root.glob("*/entry.json")):
            if entry.parent.name not in keep:
                shutil.rmtree(entry.parent, ignore_errors=True)
                removed.append(entry.parent.name)
        return removed

    def entry_dir(self, page: str) -> Path:
        return self.root / page.removesuffix(".md").replace("/", "__")

    def last_seconds(self, page: str) -> float | None:
        """How long the page's stored run took (even if the entry is stale)."""
        seconds = (self._read(page) or {}).get("seconds")
        return float(seconds) if isinstance(seconds, (int, float)) else None

    def _read(self, page: str) -> dict | None:
        """The page's entry as stored, or None if it is missing or unreadable."""
        name = f"{self.entry_dir(page).name}/entry.json"
        data = self.files.read(name)
        return None if data is None else self.files.loads(name, data)

    def load(self, project: Path, page: str, key: dict) -> tuple[PageResult | None, str]:
        """Return (result, why): result is None on a miss, with the reason."""
        folder = self.entry_dir(page)
        if not (folder / "entry.json").exists():
            return None, "not cached yet"
        entry = self._read(page)
        if entry is None:
            return None, "cache entry is unreadable"
        if not mac_ok(_body(entry), entry.get("checksum")):
            return None, ("cache entry is not signed with this user's key "
                          "(made elsewhere, or changed)")
        try:
            return self._result(project, page, key, entry)
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            return None, f"cache entry is unreadable ({type(err).__name__})"

    def _result(self, project: Path, page: str, key: dict, entry: dict
                ) -> tuple[PageResult | None, str]:
        folder = self.entry_dir(page)
        if entry["key"] != key:
            changed = [k for k in key if entry["key"].get(k) != key[k]]
            return None, "changed: " + ", ".join(changed)
        for dep, digest in entry["deps"].items():
            dep_path = project / dep
            if not dep_path.is_file() or sha256_file(dep_path) != digest:
                return None, f"changed: imported file {dep}"
        sections = {}
        for sid, data in entry["sections"].items():
            figures = []
            for fig in data["figures"]:
                found = FigureFile(folder / fig["name"], fig["name"], fig["sha256"],
                                   fig["width"], fig["height"], fig["dark_sha256"],
                                   fig["frozen_sha256"])
                for path, digest in found.files():
                    if not path.is_file() or sha256_file(path) != digest:
                        return None, f"cache entry is corrupt (figure {path.name})"
                figures.append(found)
            sections[sid] = SectionResult(
                data["stdout"], figures, data["stderr"],
                [WarningInfo(**w) for w in data["warnings"]],
                ExpectedError.from_json(data["error"]) if data["error"] else None)
        return PageResult(page, sections, entry["deps"], entry["seconds"], True,
                          Platform.from_json(entry["platform"]), theme=entry["theme"]), "hit"

    def store(self, key: dict, result: PageResult) -> PageResult:
        """Move a fresh result into the cache atomically and return it there."""
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root))
        sections_json = {}
        for sid, sec in result.sections.items():
            for fig in sec.figures:
                for path, _ in fig.files():
                    shutil.copyfile(path, staging / path.name)
            sections_json[sid] = {
                "stdout": sec.stdout, "stderr": sec.stderr,
                "warnings": [dataclasses.asdict(w) for w in sec.warnings],
                "error": dataclasses.asdict(sec.error) if sec.error else None,
                "figures": [{"name": f.name, "sha256": f.sha256, "width": f.width,
                             "height": f.height, "dark_sha256": f.dark_sha256,
                             "frozen_sha256": f.frozen_sha256}
                            for f in sec.figures]}
        entry = {"key": key, "deps": result.deps, "seconds": result.seconds,
                 "sections": sections_json, "platform": result.platform.to_json(),
                 "theme": result.theme}
        entry["checksum"] = _checksum(entry)
        write_atomic(staging / "entry.json", json.dumps(
            entry, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
        folder = self.entry_dir(result.page)
        replace_folder(staging, folder)
        sections = {sid: dataclasses.replace(sec, figures=[
            dataclasses.replace(f, path=folder / f.name) for f in sec.figures])
            for sid, sec in result.sections.items()}
        return dataclasses.replace(result, sections=sections, cached=False)
