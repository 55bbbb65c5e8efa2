"""Shared fixtures: a copy of the project to build, and build helpers."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

# Tests draw figures off screen. Set here, once, before any test module imports
# pyplot (not through MPLBACKEND, which notebook kernels would inherit).
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
# Builds in tests pin the date shown with outputs (2026-01-01, UTC).
SOURCE_DATE_EPOCH = "1767225600"
PROJECT_PARTS = ["mkdocs.yml", "requirements.txt", "docs", "snippets", "hooks",
                 "includes", "overrides"]


def copy_project(dest: Path) -> Path:
    """Copy what a build needs (no cache, no site) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(project: Path, site: Path, cache: Path, timeout: float = 180,
              extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in a fresh process; returns the finished process."""
    env = dict(os.environ, EXAMPLES_CACHE_DIR=str(cache),
               NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               **(extra_env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """One cold strict build of the real project into a temporary folder."""
    base = tmp_path_factory.mktemp("build")
    project = copy_project(base / "project")
    docs_before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    proc = run_build(project, base / "site", base / "cache", timeout=900)
    assert proc.returncode == 0, proc.stderr
    docs_after = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    return {"project": project, "site": base / "site", "cache": base / "cache",
            "log": proc.stderr, "docs_before": docs_before,
            "docs_after": docs_after}
