"""The Python versions the project names are the ones CI proves.

pyproject.toml's classifiers list them; .ci/run resolves the pins for each and
builds on the newest; the README's quick start names the same range; and the
code digests that key the caches and the results lock are the same on each.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from sitebuild.digests import code_digest
from tests.helpers import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSIONS = [c.rpartition(":: ")[2] for c in PROJECT["classifiers"]
            if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]


def test_the_readme_names_the_classifiers_range():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## 빠른 시작", 1)[1].split("```", 1)[0]
    named = re.findall(r"Python (3\.\d+)(?:\.\d+ 이상)?[–-](3\.\d+)", quick_start)
    assert named == [(VERSIONS[0], VERSIONS[-1])], quick_start


def test_requires_python_agrees_with_the_classifiers():
    low, high = re.fullmatch(r">=(3\.\d+)(?:\.\d+)?,<(3\.\d+)", PROJECT["requires-python"]).groups()
    assert low == VERSIONS[0]
    assert int(high.split(".")[1]) == int(VERSIONS[-1].split(".")[1]) + 1


def test_ci_resolves_the_pins_for_every_named_version():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pyproject.toml" in ci and "--python-version" in ci and "--dry-run" in ci


def interpreter(version: str) -> str | None:
    """An interpreter of ``version`` that runs (a pyenv shim on PATH may not)."""
    candidates = [shutil.which(f"python{version}"),
                  *sorted(map(str, Path.home().glob(f".pyenv/versions/{version}.*/bin/python")),
                          reverse=True)]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    return None


@pytest.mark.parametrize("version", VERSIONS)
def test_code_digests_are_the_same_on_every_named_python(version):
    """A developer on 3.11 and CI on 3.13 must agree on every code digest (the results lock)."""
    python = interpreter(version)
    if python is None:
        message = f"Python {version} is not installed: its code digests are not compared"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    files = sorted((ROOT / "sitebuild").rglob("*.py"))
    script = ("import sys; sys.path.insert(0, sys.argv[1])\n"
              "from sitebuild.digests import code_digest\n"
              "for f in sys.argv[2:]: print(code_digest(open(f, encoding='utf-8').read()))")
    theirs = subprocess.run([python, "-I", "-c", script, str(ROOT), *map(str, files)],
                            capture_output=True, text=True, check=True).stdout.split()
    assert theirs == [code_digest(f.read_text(encoding="utf-8")) for f in files]
