"""Which module of the build package may import what.

- The modules that run inside an example's process (the run side) import no
  MkDocs and nothing of the build side: a run must not load the site's
  machinery, and an edit of the build side must not change how code runs.
- Only the modules that talk to MkDocs import it. The cache store and the
  problem type serve both sides and import nothing else of the package.
- Nothing imports the plugin: MkDocs loads it through its entry point.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "sitebuild"
# Run inside an example's process (the runner, the fork server and its
# children, python -m sitebuild.figure_theme) and what they need.
RUN_SIDE = {"runner", "forkserver", "guard", "protocol", "figures", "figure_theme",
            "tracebacks", "environment"}
# Either side may use these; they import nothing else of the package.
SHARED = {"store", "problems"}
# Speak MkDocs' language (events, files, pages, errors).
TALK_TO_MKDOCS = {"plugin", "examples", "notebook_files", "notebook_pages", "notebook_render",
                  "render", "reporting", "serve"}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every import in a module, package-relative
    names as ``sitebuild.x``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
            if node.module == "sitebuild":  # from sitebuild import engine, store
                found += [(node.lineno, f"sitebuild.{alias.name}") for alias in node.names]
    return found


def modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def broken_rules(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.glob("*.py")):
        name = path.stem
        for line, module in imports(path):
            where = f"sitebuild/{path.name}:{line}"
            own = module.split(".")[1] if module.startswith("sitebuild.") else None
            if module.split(".")[0] == "mkdocs" and name not in TALK_TO_MKDOCS:
                found.append(f"{where}: imports {module}, but only {sorted(TALK_TO_MKDOCS)} "
                             "talk to MkDocs")
            if name in RUN_SIDE and own is not None and own not in RUN_SIDE | SHARED:
                found.append(f"{where}: the run side imports sitebuild.{own} of the build side")
            if name in SHARED and own is not None and own not in SHARED:
                found.append(f"{where}: the shared sitebuild.{name} imports sitebuild.{own}")
            if own == "plugin":
                found.append(f"{where}: imports the plugin (MkDocs loads it by its entry point)")
    return found


def test_the_package_keeps_its_import_rules():
    assert broken_rules() == []


def test_every_module_is_placed():
    """A new module is placed deliberately: the lists above name only real modules."""
    assert RUN_SIDE | SHARED | TALK_TO_MKDOCS <= set(modules())


@pytest.mark.parametrize("name, code, message", [
    ("guard", "from sitebuild import engine\n", "the run side imports sitebuild.engine"),
    ("keys", "import mkdocs.plugins\n", "imports mkdocs.plugins, but only"),
    ("engine", "from sitebuild.plugin import SitePlugin\n", "imports the plugin"),
    ("store", "from sitebuild import engine\n", "the shared sitebuild.store imports"),
])
def test_a_broken_rule_names_the_file_and_line(tmp_path, name, code, message):
    (tmp_path / f"{name}.py").write_text('"""x."""\n' + code, encoding="utf-8")
    (problem,) = broken_rules(tmp_path)
    assert problem.startswith(f"sitebuild/{name}.py:2: ") and message in problem
