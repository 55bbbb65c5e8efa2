"""Helpers for tests and benchmarks: copy the project, build it, a tiny site.

A plain module (not conftest.py), so that benchmarks can import it too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixture_site"
# Builds in tests pin the date shown with outputs (2026-01-01, UTC).
SOURCE_DATE_EPOCH = "1767225600"
PROJECT_PARTS = ["mkdocs.yml", "requirements.txt", "pyproject.toml", "docs", "snippets",
                 "sitebuild", "includes", "overrides"]


def copy_project(dest: Path, source: Path = ROOT, parts=PROJECT_PARTS) -> Path:
    """Copy what a build needs (no cache, no site) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in parts:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def fixture_site(dest: Path) -> Path:
    """A copy of the tiny fixture site (one page, two snippet modules).

    Its mkdocs.yml uses the site's plugin: the build package under test is
    the one this checkout installs.
    """
    return copy_project(dest, FIXTURE_SITE, ["mkdocs.yml", "docs", "snippets"])


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) with ``new`` in a file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build_env(cache: Path, extra_env: dict | None = None) -> dict:
    return dict(os.environ, EXAMPLES_CACHE_DIR=str(cache), NO_MKDOCS_2_WARNING="1",
                SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, **(extra_env or {}))


def build_command(project: Path, site: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
            "-f", str(project / "mkdocs.yml"), "-d", str(site)]


def run_build(project: Path, site: Path, cache: Path, timeout: float = 180,
              extra_env: dict | None = None, strict: bool = True
              ) -> subprocess.CompletedProcess:
    """`mkdocs build [--strict]` in a fresh process; returns the finished process."""
    return subprocess.run(
        build_command(project, site, strict), cwd=project,
        env=build_env(cache, extra_env), capture_output=True, text=True, timeout=timeout)


def code_pages(root: Path = ROOT) -> list[str]:
    """Stems of the pages that show example code, read as the build reads them."""
    from sitebuild.pages.plan import plan_page
    from sitebuild.pages.sections import SnippetReader

    reader = SnippetReader(root)
    return sorted(p.stem for p in (root / "docs").glob("*.md")
                  if plan_page(p.name, p.read_text(encoding="utf-8"), reader).sections)


def built_output(built_site: dict, page: str) -> dict[str, str]:
    """What each section of ``page`` printed in the shared build, by section
    name, read from its cache entry: a test that would only run the page's
    main() again checks the build's own run of the same code instead."""
    import json

    from sitebuild.run.cache import Cache

    entry = Cache(built_site["cache"]).entry_dir(page) / "entry.json"
    sections = json.loads(entry.read_text(encoding="utf-8"))["sections"]
    return {sid.rpartition(":")[2]: data["stdout"] for sid, data in sections.items()}


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# matplotlib writes each text of a figure (svg.fonttype "path") as a group
# (id text_N, or the gid the code gave it) holding a comment with the text and
# a <g> whose glyphs are scaled by font size / 100, filled black unless styled.
_SVG_TEXT = re.compile(r'<g id="[^"]+">\s*<!--.*?-->\s*<g (?:style="fill: (#[0-9a-f]{6})"\s*)?'
                       r'transform="[^"]*scale\(([\d.]+) -', re.S)


def svg_texts(svg: str) -> list[tuple[str, float]]:
    """(fill colour, font size in pt) of every text in a matplotlib SVG."""
    return [(fill or "#000000", float(scale) * 100) for fill, scale in _SVG_TEXT.findall(svg)]


def node_or_skip() -> str:
    """The ``node`` executable; without it the test is skipped with the way to
    install it (and fails in CI, where node must be there)."""
    import shutil

    import pytest

    node = shutil.which("node")
    if node is None:
        message = ("node is not installed: the playground's maths (tests/js/) is not "
                   "checked; install Node.js 18 or newer (Debian: apt-get install nodejs)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def node_tests(test_file: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run ``node --test test_file`` with ``env`` added; (declared tests, output).
    Asserts that every declared ``test(`` ran and passed."""
    import re
    import subprocess

    proc = subprocess.run([node_or_skip(), "--test", str(test_file)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, **env))
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", proc.stdout, re.M))
    declared = len(re.findall(r"^test\(", test_file.read_text(encoding="utf-8"), re.M))
    assert proc.returncode == 0 and counts == {
        "tests": str(declared), "pass": str(declared), "fail": "0"}, proc.stdout + proc.stderr
    return declared, proc.stdout
