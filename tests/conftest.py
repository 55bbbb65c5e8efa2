"""Shared fixtures: one cold strict build of the real project."""

import matplotlib
import pytest

from tests.helpers import copy_project, run_build

# Tests draw figures off screen. Set here, once, before any test module imports
# pyplot (not through MPLBACKEND, which notebook kernels would inherit).
matplotlib.use("Agg")


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
