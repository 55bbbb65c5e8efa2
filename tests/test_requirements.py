"""Every third-party module the project imports comes from requirements.txt.

A package installed by hand (TensorBoard was one) lets a build pass on one
machine and fail on a fresh one. This test reads every import in the project's
Python folders, finds the installed distribution that provides each module, and
checks that requirements.txt pulls that distribution in, directly or as a
dependency. Offline: it reads only the installed packages' metadata.
"""
from __future__ import annotations

import ast
import functools
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("snippets", "sitebuild", "tests", "benchmarks")
SKIP = {"__pycache__", "fixture_site_build", "node_modules"}


@dataclass(frozen=True)
class Import:
    module: str  # the top-level name, e.g. "tensorboard"
    where: str  # "snippets/callbacks.py:95"
    optional: bool  # inside `try: ... except ImportError`


def requirements(path: Path) -> list[Requirement]:
    """The requirement lines of a requirements file (options such as `-e .` left out)."""
    found = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        try:
            found.append(Requirement(line))
        except ValueError as error:
            raise ValueError(f"{path.name}:{number}: cannot read {raw!r}: {error}") from None
    return found


@functools.cache
def providers() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it (one scan)."""
    return metadata.packages_distributions()


def closure(roots: list[Requirement]) -> set[str]:
    """Names of the installed distributions the requirements pull in."""
    return _closure(tuple(str(r) for r in roots))


@functools.cache
def _closure(roots: tuple[str, ...]) -> set[str]:
    environment = default_environment()
    seen: set[str] = set()
    todo = [(req, frozenset(req.extras)) for req in map(Requirement, roots)]
    done: set[tuple[str, frozenset]] = set()
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        if (name, extras) in done:
            continue
        done.add((name, extras))
        seen.add(name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue
        for spec in dist.requires or []:
            sub = Requirement(spec)
            if sub.marker is None or any(sub.marker.evaluate(dict(environment, extra=e))
                                         for e in {"", *extras}):
                todo.append((sub, frozenset(sub.extras)))
    return seen


def _optional(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                caught = ast.unparse(handler.type) if handler.type else ""
                if "ImportError" in caught or "ModuleNotFoundError" in caught:
                    return True
    return False


def imports(root: Path, folders=FOLDERS) -> list[Import]:
    """Third-party imports of the folders: stdlib and the project's own modules left out."""
    files = [path for folder in folders for path in sorted((root / folder).rglob("*.py"))
             if not SKIP & set(path.relative_to(root).parts)]
    local = {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in files}
    found = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif (isinstance(node, ast.Call) and node.args
                  and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
                  and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                names = [node.args[0].value]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top and top not in sys.stdlib_module_names and top not in local:
                    found.append(Import(top, f"{rel}:{node.lineno}", _optional(node, parents)))
    return found


def undeclared(root: Path, requirements_file: Path) -> list[str]:
    """One line per import that requirements_file does not provide."""
    have = closure(requirements(requirements_file))
    problems = []
    for imp in imports(root):
        if imp.optional:
            continue
        dists = {canonicalize_name(d) for d in providers().get(imp.module, [])}
        if not dists:
            problems.append(f"{imp.where}: imports {imp.module!r}, which no installed "
                            f"distribution provides: add it to {requirements_file.name}")
        elif not dists & have:
            problems.append(f"{imp.where}: imports {imp.module!r} from "
                            f"{', '.join(sorted(dists))}, which {requirements_file.name} "
                            f"does not pull in (a fresh machine will not have it)")
    return problems


def test_every_import_is_declared():
    problems = undeclared(ROOT, ROOT / "requirements.txt")
    assert not problems, "\n".join(problems)


def test_the_check_sees_the_project_imports():
    """The scan reaches the folders: the imports that once went undeclared are in it."""
    found = {(imp.module, imp.where.split(":")[0]) for imp in imports(ROOT)}
    assert ("tensorboard", "snippets/callbacks.py") in found
    assert ("keras_tuner", "snippets/tuning.py") in found


def write_project(root: Path, code: str, requirements_text: str) -> Path:
    (root / "snippets").mkdir()
    (root / "snippets" / "page.py").write_text(code, encoding="utf-8")
    req = root / "requirements.txt"
    req.write_text(requirements_text, encoding="utf-8")
    return req


def test_an_import_left_out_of_requirements_fails_with_file_line_and_module(tmp_path):
    # pip is installed in every environment pip made, and nothing in requirements.txt
    # depends on it: an import of it is the undeclared import of a fresh machine.
    req = write_project(tmp_path, "import json\n\nimport pip\n", "numpy==2.4.6\n")
    problems = undeclared(tmp_path, req)
    assert len(problems) == 1
    assert problems[0].startswith("snippets/page.py:3: imports 'pip' from pip")


def test_a_dependency_of_a_declared_package_counts_as_declared(tmp_path):
    # requests is not pinned by name; tensorflow depends on it.
    req = write_project(tmp_path, "import requests\n", "tensorflow==2.21.0\n")
    assert undeclared(tmp_path, req) == []
    req.write_text("numpy==2.4.6\n", encoding="utf-8")
    assert len(undeclared(tmp_path, req)) == 1


def test_import_module_with_a_literal_and_missing_modules_are_found(tmp_path):
    code = ("import importlib\n"
            "importlib.import_module('no_such_module_anywhere.sub')\n"
            "try:\n    import also_not_installed\nexcept ImportError:\n    pass\n")
    req = write_project(tmp_path, code, "numpy==2.4.6\n")
    problems = undeclared(tmp_path, req)
    assert problems == [
        "snippets/page.py:2: imports 'no_such_module_anywhere', which no installed "
        "distribution provides: add it to requirements.txt"]


def test_a_requirement_line_that_cannot_be_read_names_the_line(tmp_path):
    req = write_project(tmp_path, "", "numpy==2.4.6\nnot a requirement ===\n")
    with pytest.raises(ValueError, match=r"requirements.txt:2: cannot read"):
        undeclared(tmp_path, req)
