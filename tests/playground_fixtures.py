"""Reference values for the MLP playground's newer maths (math.js), from the
MLP page's own NumPy code (snippets/mlp.py: init_params, forward, mse,
backward, gradient_descent_step) and NumPy: the input features, the L1/L2
penalty and its gradient, a mini-batch step with L2, the regression (MSE)
loss after a linear output, and one sample's forward values and gradients.

tests/test_playground_new_math.py writes them to a JSON file and runs
tests/js/playground_new_math.test.mjs on it (PLAYGROUND_NEW_FIXTURE).
"""

from __future__ import annotations

import numpy as np

from snippets import mlp


def lists(d: dict) -> dict:
    return {k: np.asarray(v, dtype=float).tolist() for k, v in d.items()}


def features(X: np.ndarray) -> dict:
    """x1, x2, x1², x2², x1·x2, sin x1, sin x2: one column per name."""
    x1, x2 = X[:, 0], X[:, 1]
    return {"x1": x1, "x2": x2, "x1sq": x1 ** 2, "x2sq": x2 ** 2,
            "x1x2": x1 * x2, "sin1": np.sin(x1), "sin2": np.sin(x2)}


def penalties(params: dict, rate: float) -> dict:
    """Keras's kernel_regularizer: L1 rate·Σ|W|, L2 rate·ΣW² (no biases)."""
    kernels = [k for k in params if k.startswith("W")]
    return {
        "l1": float(rate * sum(np.abs(params[k]).sum() for k in kernels)),
        "l2": float(rate * sum((params[k] ** 2).sum() for k in kernels)),
        "l1_grads": lists({k: rate * np.sign(params[k]) for k in kernels}),
        "l2_grads": lists({k: 2 * rate * params[k] for k in kernels}),
    }


def regression(X, y, params) -> dict:
    """MSE after a linear output neuron: the page's forward() up to z2,
    mse(), and the chain rule of backward() without the output's σ′."""
    cache = mlp.forward(X, params)
    y_hat = cache["z2"]  # a linear output: ŷ = z2
    d_z2 = 2 * (y_hat - y) / y.size
    d_z1 = (d_z2 @ params["W2"].T) * cache["a1"] * (1 - cache["a1"])
    grads = {"W1": X.T @ d_z1, "b1": d_z1.sum(axis=0),
             "W2": cache["a1"].T @ d_z2, "b2": d_z2.sum(axis=0)}
    return {"y_hat": y_hat.ravel().tolist(), "loss": float(mlp.mse(y_hat, y)),
            "grads": lists(grads)}


def compute() -> dict:
    rng = np.random.default_rng(11)
    points = rng.uniform(-1.5, 1.5, size=(8, 2))
    params = mlp.init_params(n_inputs=3, n_hidden=4, n_outputs=1, seed=5)
    rate = 0.01

    # a mini-batch step: the page's backward() plus the L2 gradient, then gd_step
    X = rng.uniform(-1, 1, size=(5, 3))
    y = (X[:, :1] * X[:, 1:2] < 0).astype(float)
    grads = mlp.backward(y, params, mlp.forward(X, params))
    for k, g in penalties(params, rate)["l2_grads"].items():
        grads[k] = grads[k] + np.asarray(g)
    learning_rate = 0.3
    after = mlp.gradient_descent_step(params, grads, learning_rate)

    # one sample through the network, as the widget's step mode
    x = rng.uniform(-1, 1, size=(1, 3))
    target = np.array([[1.0]])
    cache = mlp.forward(x, params)
    sample = {"x": x[0].tolist(), "y": 1.0,
              "forward": lists({k: cache[k][0] for k in ("z1", "a1", "z2", "y_hat")}),
              "loss": float(mlp.mse(cache["y_hat"], target)),
              "grads": lists(mlp.backward(target, params, cache))}

    y_reg = rng.uniform(-1, 1, size=(5, 1))
    return {
        "points": points.tolist(), "features": lists(features(points)),
        "params": lists(params), "rate": rate, "penalty": penalties(params, rate),
        "batch": {"X": X.tolist(), "y": y.ravel().tolist(),
                  "learning_rate": learning_rate, "after": lists(after)},
        "regression": {"X": X.tolist(), "y": y_reg.ravel().tolist(),
                       **regression(X, y_reg, params)},
        "sample": sample,
    }
