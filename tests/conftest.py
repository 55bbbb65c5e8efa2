"""Shared fixtures: one cold strict build of the real project.

The build runs in the background from collection on (tests/shared_build.py):
the tests that need it are moved to the end of the run, and under
pytest-xdist every worker shares the one build.
"""

import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest

from tests import shared_build

# Tests draw figures off screen. Set here, once, before any test module imports
# pyplot (not through MPLBACKEND, which notebook kernels would inherit).
matplotlib.use("Agg")

def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the first process of the run
        folder = tempfile.mkdtemp(prefix="tests-site-build-")
        os.environ[shared_build.FOLDER_ENV] = folder  # workers inherit it
        config._shared_build_folder = folder


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects
def pytest_collection_modifyitems(items):
    # A test that reads the real site's build is slow by definition: the inner
    # loop (`pytest -m "not slow"`) never starts that build.
    for item in items:
        if "built_site" in item.fixturenames:
            item.add_marker(pytest.mark.slow)
    # Tests without the build first, so that they run while it does.
    items.sort(key=lambda item: "built_site" in item.fixturenames)


def pytest_collection_finish(session):
    if not session.config.option.collectonly and \
            any("built_site" in item.fixturenames for item in session.items):
        shared_build.start(Path(os.environ[shared_build.FOLDER_ENV]))


def pytest_unconfigure(config):
    folder = getattr(config, "_shared_build_folder", None)
    if folder:  # the first process ends last: a run cut short leaves nothing
        shared_build.stop(Path(folder))
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site():
    """One cold strict build of the real project (shared by all processes)."""
    done = shared_build.result(Path(os.environ[shared_build.FOLDER_ENV]))
    assert done["returncode"] == 0, done["log"]
    return done
