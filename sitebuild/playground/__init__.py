"""Data and fixtures for the pages' JavaScript playground, from the pages' own code.

The perceptron stepper (``docs/javascripts/playground/``) shows the iris
points of ``snippets/perceptron.py:data`` and the XOR points of
``snippets/perceptron.py:xor``; the maths tests check its rule against the
updates of ``snippets/perceptron.py:rule`` and the MLP's forward and backward
pass against ``snippets/mlp.py:forward``/``backward``/``gd_step``. None of
that is typed in by hand.

The export is two more runs of the engine (:func:`plans`), like any page's:
each module's sections in its page's order, in a fresh namespace with
nothing put in it, followed by the section of ``sitebuild/playground/export.py``
that prints what the playground needs. So they have the examples' guard,
time limit, process-group kill, file-and-line errors and cache; :func:`files`
turns their printed JSON into the files the build publishes under
``playground/``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from sitebuild.pages.plan import CodeBlock, IncludeLine, PagePlan
from sitebuild.problems import BuildError, Problem
from sitebuild.run.results import PageResult
from sitebuild.pages.sections import SnippetReader

PERCEPTRON = "snippets/perceptron.py"
MLP = "snippets/mlp.py"
EXPORT = Path(__file__).with_name("export.py")
# The sections each export needs, in the page's order (each uses names the
# ones before define: xor_by_hand imports NumPy for the MLP page's code).
SECTIONS = {PERCEPTRON: ["step", "data", "rule", "xor"],
            MLP: ["xor_by_hand", "sigmoid", "forward", "backward", "gd_step"]}
EXPORTS = {PERCEPTRON: "perceptron", MLP: "mlp"}  # its section after each module
# Each run's name in logs, problems and the cache
PAGES = {PERCEPTRON: "playground/perceptron", MLP: "playground/mlp"}
DATA_URI = "playground/perceptron-data.json"  # read by the perceptron stepper
FIXTURE_URI = "playground/fixture.json"  # read by tests/js and tests/browser


def plans(root: Path, reader: SnippetReader) -> list[PagePlan]:
    """The export's runs as page plans; none in a project without the
    playground's snippet modules. A section that cannot be read is a problem
    of its plan, as on a page."""
    root = Path(root).resolve()
    if not all((root / module).is_file() for module in SECTIONS):
        return []
    export = Path(os.path.relpath(EXPORT, root)).as_posix()
    found = []
    for module, names in SECTIONS.items():
        sections, problems = [], []
        for module_, name in [(module, n) for n in names] + [(export, EXPORTS[module])]:
            try:
                sections.append(reader.section(module_, name))
            except BuildError as err:
                problems += err.problems
        block = CodeBlock(0, tuple(IncludeLine(0, s.id, s) for s in sections), "")
        found.append(PagePlan(PAGES[module], "", [] if problems else [block], [], [],
                              problems))
    return found


def files(results: list[PageResult]) -> dict[str, str]:
    """``{uri: JSON text}`` from the export's runs (BuildError if one failed)."""
    printed = {}
    for result in results:
        for sid, section in result.sections.items():
            if Path(sid.rpartition(":")[0]).name == EXPORT.name:
                try:
                    printed.update(json.loads(section.stdout))
                except ValueError as err:
                    raise BuildError(Problem(sid, f"printed no JSON: {err}",
                                             page=result.page)) from None
    if set(printed) != {"data", "perceptron", "mlp"}:
        raise BuildError(Problem(EXPORT.name, "the playground's export did not finish"))
    fixture = {"source": {m: f"{m}:" + ",".join(names) for m, names in SECTIONS.items()},
               "perceptron": printed["perceptron"], "mlp": printed["mlp"]}
    return {DATA_URI: _dumps(printed["data"]), FIXTURE_URI: _dumps(fixture)}


def compute(root: Path, timeout: float = 120.0) -> dict[str, str]:
    """The export of the project at ``root``, run now through the engine
    (no cache); a failure is a BuildError naming the file and line."""
    from sitebuild.run import engine

    found = plans(root, SnippetReader(root))
    if not found:
        raise BuildError(Problem(PERCEPTRON, "the playground's snippet modules are missing"))
    problems = [p for plan in found for p in plan.problems]
    results = []
    for plan in found if not problems else []:
        with tempfile.TemporaryDirectory(prefix="playground-") as out:
            result = engine.run_page(root, plan, Path(out), timeout)
        problems += [p for p in engine.result_problems(result) if not p.warning]
        results.append(result)
    if problems:
        raise BuildError(problems)
    return files(results)


def main(root: str) -> None:
    """``python -m sitebuild.playground ROOT``: one JSON reply on stdout,
    ``{"files": …}`` or ``{"problem": [where, message]}`` (for tests/js)."""
    try:
        reply = {"files": compute(Path(root))}
    except BuildError as err:
        reply = {"problem": [err.problems[0].where, err.problems[0].message]}
    sys.stdout.write(json.dumps(reply, ensure_ascii=False))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
