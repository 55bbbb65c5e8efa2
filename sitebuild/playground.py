"""Data and fixtures for the pages' JavaScript playground, from the pages' own code.

The perceptron stepper (``docs/javascripts/playground/``) shows the iris
points of ``snippets/perceptron.py:data`` and the XOR points of
``snippets/perceptron.py:xor``; the browser tests check its maths against the
updates of ``snippets/perceptron.py:rule`` and the MLP's forward and backward
pass against ``snippets/mlp.py:forward``/``backward``/``gd_step``. None of
that is typed in by hand: :func:`export` runs those sections, read with the
page's own section reader (so the code is the code the page shows), and
returns the JSON files the build publishes under ``playground/``.

Only these few sections run (no figures, no TensorFlow), in a child process
of their own with the examples' time limit, so a section that hangs or
crashes fails the build with its name instead of stopping it.
The result is cached under the examples' cache, keyed on the bytes of both
snippet modules, this file and the engine's environment fingerprint: a build with nothing
changed reads one small file; a change to either module recomputes it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from sitebuild.engine import environment_fingerprint
from sitebuild.problems import BuildError, Problem
from sitebuild.runner import compile_section, snippet_lines
from sitebuild.sections import SnippetReader

PERCEPTRON = "snippets/perceptron.py"
MLP = "snippets/mlp.py"
# The sections each export needs, in the page's order (each defines names the next uses).
SECTIONS = {PERCEPTRON: ["step", "data", "rule", "xor"],
            MLP: ["sigmoid", "forward", "backward", "gd_step"]}
DATA_URI = "playground/perceptron-data.json"  # read by the perceptron stepper
FIXTURE_URI = "playground/fixture.json"  # read by tests/browser/test_playground.py
XOR_MAX_EPOCHS = 6  # enough to see the rule cycle on XOR, small enough to store


def export(root: Path, cache: Path, timeout: float = 120.0) -> dict[str, str]:
    """``{uri: JSON text}`` of the playground files, from the cache when current."""
    root = Path(root)
    key = _key(root)
    stored = Path(cache) / "_playground" / f"{key}.json"
    try:
        return json.loads(stored.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    files = compute_in_child(root, timeout)
    try:
        stored.parent.mkdir(parents=True, exist_ok=True)
        for old in stored.parent.glob("*.json"):
            old.unlink(missing_ok=True)
        stored.write_text(json.dumps(files), encoding="utf-8")
    except OSError:
        pass  # an unwritable cache only costs the next build this work again
    return files


def compute_in_child(root: Path, timeout: float) -> dict[str, str]:
    """:func:`compute` in a new Python process (``python -m sitebuild.playground``)."""
    try:
        proc = subprocess.run([sys.executable, "-m", "sitebuild.playground", str(root)],
                              cwd=root, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise BuildError(Problem(PERCEPTRON, f"the playground's export timed out after "
                                             f"{timeout:g} s (sections {SECTIONS})")) from None
    try:
        reply = json.loads(proc.stdout)
    except ValueError:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise BuildError(Problem("sitebuild/playground.py", "the playground's export "
                                 f"stopped (exit code {proc.returncode}): {tail}")) from None
    if "problem" in reply:
        raise BuildError(Problem(*reply["problem"]))
    return reply["files"]


def compute(root: Path) -> dict[str, str]:
    reader = SnippetReader(root)
    sections = {f"{module}:{name}": reader.section(module, name)
                for module, names in SECTIONS.items() for name in names}
    try:
        return _compute(root, sections)
    except Exception as err:  # noqa: BLE001 - a section's own fault: say where
        raise BuildError(_problem(root, err)) from None


def _compute(root: Path, sections: dict) -> dict[str, str]:
    per = _run(root, sections, PERCEPTRON)
    mlp = _run(root, sections, MLP)
    X, y = per["load_data"]()
    X_xor, y_xor = per["load_xor"]()
    data = {"iris": _points(X, y), "xor": _points(X_xor, y_xor)}
    fixture = {
        "source": {m: f"{m}:" + ",".join(names) for m, names in SECTIONS.items()},
        "perceptron": {
            "iris": _trace(per, X, y, max_epochs=100),
            "xor": _trace(per, X_xor, y_xor, max_epochs=XOR_MAX_EPOCHS),
        },
        "mlp": _mlp_case(mlp),
    }
    return {DATA_URI: _dumps(data), FIXTURE_URI: _dumps(fixture)}


# Helper functions -----------------------------------------------------------

def _key(root: Path) -> str:
    """This file, both snippet modules and what else can change a run's
    results (the engine's fingerprint: Python, libraries, the run modules)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for module in SECTIONS:
        try:
            digest.update((root / module).read_bytes())
        except OSError as err:
            raise BuildError(Problem(module, f"cannot be read for the playground: "
                                             f"{err}")) from None
    digest.update(environment_fingerprint(root).encode())
    return digest.hexdigest()[:20]


def _run(root: Path, sections: dict, module: str) -> dict:
    """Run the module's sections in one namespace, as the page runs them,
    compiled as the runner compiles them: with the file's line numbers."""
    namespace: dict = {"__name__": "playground_export", "np": np}
    for name in SECTIONS[module]:
        exec(compile_section(sections[f"{module}:{name}"], str(Path(root) / module)),
             namespace)
    return namespace


def _problem(root: Path, err: Exception) -> Problem:
    """The innermost snippet line in the traceback (or of a SyntaxError)."""
    files = {str(Path(root) / module): module for module in SECTIONS}
    lines = snippet_lines(err, files)
    where = f"{files[lines[-1][0]]}:{lines[-1][1]}" if lines else "sitebuild/playground.py"
    return Problem(where, f"the playground's export failed: {type(err).__name__}: {err}")


def _points(X, y) -> dict:
    return {"X": np.asarray(X, dtype=float).tolist(), "y": np.asarray(y).astype(int).tolist()}


def _trace(per: dict, X, y, max_epochs: int) -> dict:
    """Every sample the rule looks at, from the page's own generator."""
    X = np.asarray(X, dtype=float)
    steps = [{"epoch": int(epoch), "index": int(i), "z": float(z), "wrong": bool(wrong),
              "w": np.asarray(w, dtype=float).tolist(), "b": float(b)}
             for epoch, i, z, wrong, w, b in per["perceptron_rule_steps"](
                 X, y, max_epochs=max_epochs)]
    w, b, epochs = per["fit_perceptron_rule"](X, y, max_epochs=max_epochs)
    return {"X": X.tolist(), "y": np.asarray(y).astype(int).tolist(), "eta": 1.0,
            "max_epochs": max_epochs, "steps": steps,
            "final": {"w": np.asarray(w, dtype=float).tolist(), "b": float(b),
                      "epochs": int(epochs)}}


def _mlp_case(mlp: dict) -> dict:
    """One forward pass, its MSE gradients and one gradient-descent step."""
    rng = np.random.default_rng(7)
    X = rng.uniform(-1, 1, size=(6, 2))
    y = (X[:, :1] * X[:, 1:] < 0).astype(float)  # XOR of the signs, (6, 1)
    params = mlp["init_params"](n_inputs=2, n_hidden=3, n_outputs=1, seed=42)
    cache = mlp["forward"](X, params)
    grads = mlp["backward"](y, params, cache)
    learning_rate = 0.5
    after = mlp["gradient_descent_step"](params, grads, learning_rate)

    def lists(d):
        return {k: np.asarray(v, dtype=float).tolist() for k, v in d.items()}
    return {"X": X.tolist(), "y": y.tolist(), "params": lists(params),
            "forward": lists({k: cache[k] for k in ("z1", "a1", "z2", "y_hat")}),
            "loss": float(mlp["mse"](cache["y_hat"], y)), "grads": lists(grads),
            "learning_rate": learning_rate, "after_step": lists(after)}


def main(root: str) -> None:
    """The child's side: one JSON reply on stdout, files or the problem."""
    try:
        reply = {"files": compute(Path(root))}
    except BuildError as err:
        reply = {"problem": [err.problems[0].where, err.problems[0].message]}
    sys.stdout.write(json.dumps(reply, ensure_ascii=False))


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    main(sys.argv[1])
