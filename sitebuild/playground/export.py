"""The playground's export, run after the pages' own sections (not imported).

:mod:`sitebuild.playground` runs, through the engine like any page, the
sections of ``snippets/perceptron.py`` and ``snippets/mlp.py`` that the
playground needs, in their pages' order, each section below right after its
module's sections. These sections use only what the pages' code defined in
the run's namespace, and print one JSON object.
"""

# --8<-- [start:perceptron]
import json

import numpy as np


def _points(X, y):
    return {"X": np.asarray(X, dtype=float).tolist(),
            "y": np.asarray(y).astype(int).tolist()}


def _trace(X, y, max_epochs):
    """Every sample the rule looks at, from the page's own generator."""
    X = np.asarray(X, dtype=float)
    steps = [{"epoch": int(epoch), "index": int(i), "z": float(z), "wrong": bool(wrong),
              "w": np.asarray(w, dtype=float).tolist(), "b": float(b)}
             for epoch, i, z, wrong, w, b in perceptron_rule_steps(
                 X, y, max_epochs=max_epochs)]
    w, b, epochs = fit_perceptron_rule(X, y, max_epochs=max_epochs)
    return {"X": X.tolist(), "y": np.asarray(y).astype(int).tolist(), "eta": 1.0,
            "max_epochs": max_epochs, "steps": steps,
            "final": {"w": np.asarray(w, dtype=float).tolist(), "b": float(b),
                      "epochs": int(epochs)}}


XOR_MAX_EPOCHS = 6  # enough to see the rule cycle on XOR, small enough to store
_X, _y = load_data()
_X_xor, _y_xor = load_xor()
print(json.dumps({
    "data": {"iris": _points(_X, _y), "xor": _points(_X_xor, _y_xor)},
    "perceptron": {"iris": _trace(_X, _y, max_epochs=100),
                   "xor": _trace(_X_xor, _y_xor, max_epochs=XOR_MAX_EPOCHS)},
}, separators=(",", ":")))
# --8<-- [end:perceptron]

# --8<-- [start:mlp]
import json

import numpy as np


def _lists(d):
    return {k: np.asarray(v, dtype=float).tolist() for k, v in d.items()}


def _mlp_case():
    """One forward pass, its MSE gradients and one gradient-descent step."""
    rng = np.random.default_rng(7)
    X = rng.uniform(-1, 1, size=(6, 2))
    y = (X[:, :1] * X[:, 1:] < 0).astype(float)  # XOR of the signs, (6, 1)
    params = init_params(n_inputs=2, n_hidden=3, n_outputs=1, seed=42)
    cache = forward(X, params)
    grads = backward(y, params, cache)
    learning_rate = 0.5
    after = gradient_descent_step(params, grads, learning_rate)
    return {"X": X.tolist(), "y": y.tolist(), "params": _lists(params),
            "forward": _lists({k: cache[k] for k in ("z1", "a1", "z2", "y_hat")}),
            "loss": float(mse(cache["y_hat"], y)), "grads": _lists(grads),
            "learning_rate": learning_rate, "after_step": _lists(after)}


print(json.dumps({"mlp": _mlp_case()}, separators=(",", ":")))
# --8<-- [end:mlp]
