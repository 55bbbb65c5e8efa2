"""Which folder (room) of the build package may import what.

- The rooms are the sub-packages of ``sitebuild/``; :data:`ROOMS` says which
  other rooms each may import. They form no cycle, and none imports the
  modules at the top that connect them to MkDocs (:data:`CONDUCTORS`).
- The shared modules at the top (:data:`SHARED`) import nothing else of the
  package.
- The modules that run inside an example's process (:data:`RUN_PROCESS`)
  import nothing of the build side: a run must not load the site's
  machinery, and an edit of the build side must not change how code runs.
- Only the modules in :data:`TALK_TO_MKDOCS` import MkDocs.
- Nothing imports the plugin: MkDocs loads it through its entry point.

Imports under ``if TYPE_CHECKING:`` are for annotations only and not counted.
"""
from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "sitebuild"
# room -> the rooms it may import
ROOMS = {
    "run": set(),
    "polish": set(),
    "search": set(),
    "serve": set(),
    "pages": {"run", "polish"},
    "notebooks": {"pages", "run", "polish"},
    "playground": {"pages", "run"},
}
SHARED = {"store", "problems", "digests"}
CONDUCTORS = {"plugin", "examples", "reporting"}
# Run inside an example's process (the runner, the fork server and its
# children, python -m sitebuild.run.figure_theme) and what they need.
RUN_PROCESS = {f"run.{name}" for name in ("runner", "forkserver", "guard", "protocol", "figures",
                                          "figure_theme", "tracebacks", "environment")}
TALK_TO_MKDOCS = {"plugin", "examples", "reporting", "notebooks.publish", "notebooks.mend",
                  "notebooks.renderings", "pages.render", "serve.rebuilds"}


def imports(path: Path, modules: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, imported module) of every import in a module that runs: for
    ``from sitebuild.x import y`` that is ``sitebuild.x.y`` if ``x.y`` is one
    of ``modules``, else ``sitebuild.x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
               for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            inner = {f"{node.module}.{alias.name}" for alias in node.names}
            inner = {name for name in inner if name.removeprefix("sitebuild.") in modules}
            found += [(node.lineno, name) for name in sorted(inner)]
            if len(inner) < len(node.names):
                found.append((node.lineno, node.module))
    return found


def name_of(path: Path, package: Path) -> str:
    """``run.engine`` for sitebuild/run/engine.py, ``run`` for its __init__.py."""
    parts = path.relative_to(package).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def known(package: Path) -> set[str]:
    return {name_of(p, package) for p in package.rglob("*.py")} - {""}


def broken_rules(package: Path = PACKAGE) -> list[str]:
    modules = known(package)
    found = []
    for path in sorted(package.rglob("*.py")):
        name = name_of(path, package)
        room = name.split(".")[0] if "." in name or path.name == "__init__.py" else None
        for line, module in imports(path, modules):
            where = f"sitebuild/{path.relative_to(package).as_posix()}:{line}"
            if module.split(".")[0] == "mkdocs" and name not in TALK_TO_MKDOCS:
                found.append(f"{where}: imports {module}, but only {sorted(TALK_TO_MKDOCS)} "
                             "talk to MkDocs")
            if not module.startswith("sitebuild."):
                continue
            target = module.removeprefix("sitebuild.")
            if target not in modules:
                continue  # the name of a function or class: its module is listed too
            other = target.split(".")[0]
            if other == "plugin":
                found.append(f"{where}: imports the plugin (MkDocs loads it by its entry point)")
            if name in SHARED and target not in SHARED:
                found.append(f"{where}: the shared sitebuild.{name} imports sitebuild.{target}")
            if name in RUN_PROCESS and target not in RUN_PROCESS | SHARED and target != "run":
                found.append(f"{where}: the run process imports sitebuild.{target} "
                             "of the build side")
            if room is not None and other not in (room, "plugin"):
                if other in CONDUCTORS:
                    found.append(f"{where}: the room {room}/ imports sitebuild.{target}, "
                                 "which connects the rooms to MkDocs")
                elif other in ROOMS and other not in ROOMS.get(room, set()):
                    found.append(f"{where}: the room {room}/ may not import the room {other}/ "
                                 f"(it may import {sorted(ROOMS.get(room, ())) or 'no room'})")
    return found


def test_the_package_keeps_its_import_rules():
    assert broken_rules() == []


def test_every_module_is_placed():
    """A new module or folder is placed deliberately: a folder is a room with
    its rules, a module at the top is shared or a conductor."""
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(ROOMS)
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert top == SHARED | CONDUCTORS
    assert RUN_PROCESS | TALK_TO_MKDOCS <= known(PACKAGE)


def test_the_rooms_form_no_cycle():
    assert set(graphlib.TopologicalSorter(ROOMS).static_order()) == set(ROOMS)


def test_every_room_says_what_it_owns():
    for room in ROOMS:
        doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text("utf-8")))
        assert doc and len(doc) > 20, room


@pytest.mark.parametrize("path, code, message", [
    ("run/guard.py", "from sitebuild.run import engine\n", "the run process imports sitebuild.run.engine"),
    ("polish/light_code.py", "import mkdocs.plugins\n", "imports mkdocs.plugins, but only"),
    ("run/engine.py", "from sitebuild.plugin import SitePlugin\n", "imports the plugin"),
    ("store.py", "from sitebuild.run import engine\n", "the shared sitebuild.store imports"),
    ("run/engine.py", "from sitebuild.pages.plan import PagePlan\n",
     "the room run/ may not import the room pages/"),
    ("search/words.py", "from sitebuild import examples\n", "which connects the rooms to MkDocs"),
])
def test_a_broken_rule_names_the_file_and_line(tmp_path, path, code, message):
    for name in ("plugin.py", "examples.py", "store.py", "run/engine.py", "pages/plan.py",
                 "run/__init__.py", "pages/__init__.py", "search/__init__.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).touch()
    (tmp_path / path).parent.mkdir(exist_ok=True)
    (tmp_path / path).write_text('"""x."""\n' + code, encoding="utf-8")
    (problem,) = broken_rules(tmp_path)
    assert problem.startswith(f"sitebuild/{path}:2: ") and message in problem, problem


def test_an_annotation_only_import_is_not_counted(tmp_path):
    for name in ("run/__init__.py", "pages/__init__.py", "pages/plan.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).touch()
    (tmp_path / "run" / "keys.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from sitebuild.pages.plan import PagePlan\n", encoding="utf-8")
    assert broken_rules(tmp_path) == []


EMPTY = ("{}", "[]", "dict()", "list()", "set()", "None")


def module_state(path: Path) -> list[str]:
    """``global`` statements, and module-level names bound to an empty
    container or None: the marks of state kept by a module instead of by the
    object (a room, a plugin, a session) that owns it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"line {n.lineno}: global {', '.join(n.names)}" for n in ast.walk(tree)
             if isinstance(n, ast.Global)]
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if value is not None and ast.unparse(value) in EMPTY:
            found.append(f"line {node.lineno}: {ast.unparse(node).split('=')[0].strip()}")
    return found


def test_no_module_keeps_state():
    found = {path.relative_to(PACKAGE).as_posix(): state
             for path in sorted(PACKAGE.rglob("*.py")) if (state := module_state(path))}
    assert found == {}


def test_module_state_is_seen(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("_MEMO: dict[str, int] = {}\nSERVER = None\nX = {'a': 1}\n"
                    "def f():\n    global SERVER\n", encoding="utf-8")
    assert module_state(path) == ["line 5: global SERVER", "line 1: _MEMO: dict[str, int]",
                                  "line 2: SERVER"]
