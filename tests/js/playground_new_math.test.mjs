// The MLP playground's newer maths (math.js: input features, L1/L2, a
// mini-batch step, the regression loss, one sample's backpropagation) and
// its pure modules (settings.js: the URL hash; keras.js: the Keras code)
// against tests/playground_fixtures.py, which computes them with the MLP
// page's NumPy code. PLAYGROUND_NEW_FIXTURE names that JSON file
// (tests/test_playground_new_math.py writes it and runs this file); without
// it, this file asks Python for the values (python3 -c …compute()).
//
//     node --test tests/js/playground_new_math.test.mjs

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import * as M from "../../docs/javascripts/playground/math.js";
import { maxGradientError } from "./numeric.mjs";
import * as S from "../../docs/javascripts/playground/settings.js";
import { kerasCode } from "../../docs/javascripts/playground/keras.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = JSON.parse(process.env.PLAYGROUND_NEW_FIXTURE
  ? readFileSync(process.env.PLAYGROUND_NEW_FIXTURE, "utf8")
  : execFileSync(process.env.PYTHON || "python3", ["-c", "import json; from tests import "
      + "playground_fixtures as f; print(json.dumps(f.compute()))"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
const TOL = 1e-9;

// largest |got − want| over two (nested) arrays of the same length
function diff(got, want) {
  const a = Array.from(got).flat(), b = [want].flat(Infinity);
  assert.equal(a.length, b.length, "lengths differ");
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

const gradsOf = grads => ({ W1: grads[0].W, b1: grads[0].b, W2: grads[1].W, b2: grads[1].b });
function worst(got, want) {
  return Math.max(...Object.keys(want).map(k => diff(got[k], want[k])));
}

test("the seven input features equal NumPy's columns", () => {
  const rows = M.featurize(fixture.points, M.FEATURE_NAMES);
  M.FEATURE_NAMES.forEach((name, j) => {
    assert.ok(diff(rows.map(r => r[j]), fixture.features[name]) < TOL, name);
  });
  // a subset keeps FEATURES' order, whatever order it is asked in
  const two = M.featurize(fixture.points, ["sin2", "x1sq"]);
  assert.ok(diff(two.map(r => r[0]), fixture.features.x1sq) < TOL);
  assert.ok(diff(two.map(r => r[1]), fixture.features.sin2) < TOL);
  assert.ok(Math.max(...fixture.features.x1x2.map(Math.abs)) > 0.1);  // not all 0
});

test("the L1 and L2 penalties and their gradients equal NumPy's", () => {
  const net = M.networkFromParams(fixture.params, "sigmoid");
  const p = fixture.penalty, rate = fixture.rate;
  assert.ok(Math.abs(M.penalty(net, "l1", rate) - p.l1) < TOL);
  assert.ok(Math.abs(M.penalty(net, "l2", rate) - p.l2) < TOL);
  assert.ok(p.l1 > 0.01 && p.l2 > 0.01 && Math.abs(p.l1 - p.l2) > 1e-3);
  assert.equal(M.penalty(net, "none", rate), 0);
  for (const kind of ["l1", "l2"]) {
    const zero = net.layers.map(l => ({ W: new Float64Array(l.W.length),
                                        b: new Float64Array(l.b.length) }));
    M.addPenaltyGradient(net, zero, kind, rate);
    assert.ok(diff(zero[0].W, p[`${kind}_grads`].W1) < TOL, kind);
    assert.ok(diff(zero[1].W, p[`${kind}_grads`].W2) < TOL, kind);
    assert.ok(zero.every(g => g.b.every(v => v === 0)), "biases are not regularized");
  }
});

test("a mini-batch step with L2 equals backward() + 2·rate·W and gd_step()", () => {
  const b = fixture.batch, net = M.networkFromParams(fixture.params, "sigmoid");
  M.trainBatch(net, b.X, b.y, { learningRate: b.learning_rate, lossKind: "mse",
                                regularization: "l2", regRate: fixture.rate });
  const after = { W1: net.layers[0].W, b1: net.layers[0].b, W2: net.layers[1].W,
                  b2: net.layers[1].b };
  assert.ok(worst(after, b.after) < TOL, String(worst(after, b.after)));
  // without the penalty the step lands elsewhere: the comparison sees L2
  const plain = M.networkFromParams(fixture.params, "sigmoid");
  M.trainBatch(plain, b.X, b.y, { learningRate: b.learning_rate, lossKind: "mse" });
  assert.ok(diff(plain.layers[0].W, b.after.W1) > 1e-4);
});

test("the regression loss (MSE after a linear output) and its gradients equal NumPy's", () => {
  const r = fixture.regression;
  const net = M.networkFromParams(fixture.params, "sigmoid", "linear");
  const cache = M.forward(net, r.X);
  assert.ok(diff(cache.yHat, r.y_hat) < TOL);
  assert.ok(Math.abs(M.loss(cache, r.y, "mse") - r.loss) < TOL);
  assert.equal(M.lossKindOf(net), "mse");
  const grads = gradsOf(M.backward(net, cache, r.y, "mse"));
  assert.ok(worst(grads, r.grads) < TOL, String(worst(grads, r.grads)));
  assert.ok(r.loss > 0.01);
});

test("one sample's forward values and gradients equal forward() and backward()", () => {
  const s = fixture.sample, net = M.networkFromParams(fixture.params, "sigmoid");
  const got = M.sampleBackprop(net, s.x, s.y, "mse");
  const fwd = { z1: got.zs[0], a1: got.as[1], z2: got.zs[1], y_hat: [got.yHat] };
  assert.ok(worst(fwd, s.forward) < TOL, JSON.stringify(fwd));
  assert.ok(Math.abs(got.loss - s.loss) < TOL);
  assert.ok(worst(gradsOf(got.grads), s.grads) < TOL);
  // the δ of the output layer is the gradient of its bias
  assert.ok(Math.abs(got.deltas[1][0] - s.grads.b2[0]) < TOL);
  // a planted error is found
  const bad = structuredClone(s.grads);
  bad.W1[0][0] += 1e-6;
  assert.ok(worst(gradsOf(got.grads), bad) > 1e-7);
  assert.ok(Math.max(...s.grads.W1.flat().map(Math.abs)) > 1e-3);
});

test("deep nets with features, L2 and a linear output: gradients equal finite differences", () => {
  const data = M.makeDataset("bumps", 12, 3, 10);
  const X = M.featurize(data.X, M.FEATURE_NAMES);
  for (const [act, output] of [["tanh", "linear"], ["sigmoid", "sigmoid"], ["relu", "linear"]]) {
    const net = M.createNetwork([7, 5, 4, 3, 1], act, 9, output);
    net.layers.forEach(layer => layer.b.fill(0.1));
    const y = output === "linear" ? data.y : data.y.map(v => (v > 0 ? 1 : 0));
    const kind = M.lossKindOf(net), rate = 0.01;
    const grads = M.addPenaltyGradient(net, M.backward(net, M.forward(net, X), y, kind),
                                       "l2", rate);
    const L = () => M.loss(M.forward(net, X), y, kind) + M.penalty(net, "l2", rate);
    const err = maxGradientError(net, grads, L);
    assert.ok(err < 1e-6, `${act}/${output}: ${err}`);
  }
});

test("a regression set trains: the test loss falls well below its start", () => {
  for (const name of M.REGRESSION_SETS) {
    const { train, test: held } = M.splitDataset(name, { noise: 5 });
    const Xtr = M.featurize(train.X, ["x1", "x2"]), Xte = M.featurize(held.X, ["x1", "x2"]);
    const net = M.createNetwork([2, 8, 8, 1], "tanh", 42, "linear"), random = M.makeRandom(43);
    const start = M.evaluate(net, Xte, held.y).loss;
    for (let e = 0; e < 300; e++) M.trainEpoch(net, Xtr, train.y, { learningRate: 0.03, random });
    const end = M.evaluate(net, Xte, held.y).loss;
    assert.ok(end < 0.3 * start, `${name}: ${start} → ${end}`);
  }
});

test("the data: noise 0 keeps the old points, the split and the new sets", () => {
  const old = M.makeDataset("xor", 200, 42);
  assert.deepEqual(M.splitDataset("xor").train, old);  // 50 % of 400
  assert.deepEqual(M.makeDataset("xor", 200, 42, 0), old);
  const noisy = M.makeDataset("xor", 200, 42, 30);
  assert.deepEqual(noisy.y, old.y);
  const moved = noisy.X.map((x, i) => Math.hypot(x[0] - old.X[i][0], x[1] - old.X[i][1]));
  assert.ok(Math.abs(moved.reduce((a, b) => a + b) / 200 - 0.18 * Math.sqrt(Math.PI / 2)) < 0.03);
  const { train, test: held } = M.splitDataset("circles", { ratio: 70 });
  assert.equal(train.X.length, 280);
  assert.equal(held.X.length, 120);
  const g = M.makeDataset("gaussian", 200, 1);
  const mean = c => g.X.filter((_, i) => g.y[i] === c).reduce((s, x) => s + x[0] + x[1], 0) / 200;
  assert.ok(mean(1) > 0.35 && mean(0) < -0.35);
  const plane = M.makeDataset("plane", 50, 1);
  plane.X.forEach((x, i) => assert.ok(Math.abs((x[0] + x[1]) / 2.4 - plane.y[i]) < 1e-12));
  assert.ok(M.makeDataset("bumps", 200, 1).y.every(v => v >= -1 && v <= 1));
});

test("the URL hash round-trips every setting and refuses what is not allowed", () => {
  const s = { ...S.DEFAULTS, data: "bumps", noise: 35, ratio: 70, batch: 3,
              features: ["x1", "x1sq", "sin2"], hidden: [8, 2, 5, 1, 3, 6],
              activation: "relu", rate: "0.03", reg: "l1", regRate: "0.1",
              showTest: true, discretize: true, seed: 12345 };
  assert.deepEqual(S.decode(S.encode(s)), s);
  assert.deepEqual(S.decode(S.encode({ ...s, hidden: [] })).hidden, []);
  assert.deepEqual(S.decode("#mlp:"), { ...S.DEFAULTS });
  assert.equal(S.decode("#역전파"), null);
  const bad = S.decode("#mlp:noise=51&ratio=55&hidden=9&features=x3&data=iris&rate=7");
  for (const key of ["noise", "ratio", "hidden", "features", "data", "rate"]) {
    assert.deepEqual(bad[key], S.DEFAULTS[key], key);
  }
  assert.deepEqual(S.decode("#mlp:hidden=1,2,3,4,5,6,7").hidden, S.DEFAULTS.hidden);
});

test("the Keras code names the setup: layers, features, L1/L2, SGD, loss, batch, split", () => {
  const s = { ...S.DEFAULTS, data: "plane", features: ["x1", "x2", "x1x2"], hidden: [6, 3],
              activation: "relu", reg: "l2", regRate: "0.003", rate: "0.01", batch: 7,
              ratio: 80 };
  const code = kerasCode(s);
  assert.match(code, /keras\.Input\(shape=\(3,\)\)/);
  assert.match(code, new RegExp('Dense\\(6, activation="relu",\n\\s+'
    + "kernel_regularizer=keras\\.regularizers\\.L2\\(0\\.003\\)\\)"));
  assert.match(code, /Dense\(1, kernel_regularizer=/);  // a linear output for regression
  assert.match(code, /loss="mse"/);
  assert.match(code, /SGD\(learning_rate=0\.01\)/);
  assert.match(code, /batch_size=7/);
  assert.match(code, /test_size=0\.2/);
  assert.match(code, /np\.column_stack\(\[x1, x2, x1 \* x2\]\)/);
  const cls = kerasCode({ ...S.DEFAULTS });
  assert.match(cls, /Dense\(1, activation="sigmoid"\)/);
  assert.match(cls, /loss="binary_crossentropy"/);
  assert.doesNotMatch(cls, /regularizer/);
  for (const line of [...code.split("\n"), ...cls.split("\n")]) assert.ok(line.length <= 79, line);
});

// activations.md's claims about the playground, with the widget's seeds and defaults
// (data seed 42, weights seed 42, sample order seed 43, η = 0.3, batch 10, tanh)
function play(name, { features = ["x1", "x2"], hidden = [4], ratio = 50, noise = 0,
                      epochs = 100, reg = "none", regRate = 0 } = {}) {
  const { train, test: held } = M.splitDataset(name, { ratio, noise });
  const Xtr = M.featurize(train.X, features), Xte = M.featurize(held.X, features);
  const net = M.createNetwork([features.length, ...hidden, 1], "tanh", 42);
  const random = M.makeRandom(43), history = [];
  for (let e = 0; e < epochs; e++) {
    M.trainEpoch(net, Xtr, train.y, { learningRate: 0.3, random, regularization: reg, regRate });
    history.push([M.evaluate(net, Xtr, train.y), M.evaluate(net, Xte, held.y)]);
  }
  const size = net.layers.reduce((s, l) => s + l.W.reduce((a, w) => a + Math.abs(w), 0), 0);
  return { history, size, nTrain: Xtr.length };
}

test("activations.md: the circles need no hidden layer with x1² and x2² (100 % by epoch 2)", () => {
  const { history } = play("circles", { features: ["x1sq", "x2sq"], hidden: [], epochs: 5 });
  assert.equal(history[0][0].accuracy, 1);  // training data: at epoch 1
  assert.ok(history[0][1].accuracy < 1);     // test data: one epoch later
  assert.ok(history.slice(1).every(([tr, te]) => tr.accuracy === 1 && te.accuracy === 1));
  const plain = play("circles", { hidden: [], epochs: 5 });  // x1, x2 alone cannot
  assert.ok(plain.history.at(-1)[0].accuracy < 0.7);
});

test("activations.md: XOR, 10 % training data, noise 50, 8-8: overfitting, and L2 0.01 helps", () => {
  const setup = { ratio: 10, noise: 50, hidden: [8, 8], epochs: 1000 };
  const free = play("xor", setup), l2 = play("xor", { ...setup, reg: "l2", regRate: 0.01 });
  assert.equal(free.nTrain, 40);
  const test = free.history.map(h => h[1].loss);
  const best = test.indexOf(Math.min(...test));
  const [train, last] = [free.history.at(-1)[0].loss, test.at(-1)];
  console.log(`overfitting: train loss ${train}, test loss ${test[0]} → min ${test[best]} `
    + `at epoch ${best + 1} → ${last}; with L2 0.01: ${l2.history.at(-1)[1].loss}, `
    + `Σ|w| ${free.size} → ${l2.size}`);
  assert.ok(train < 0.01);                        // "0에 가깝게"
  assert.ok(best + 1 >= 10 && best + 1 < 100);    // "수십 에포크 만에 가장 낮아졌다가"
  assert.ok(last > test[0] && last > 2 * test[best]);  // "처음보다도 커집니다"
  assert.ok(l2.size < 0.5 * free.size);           // "연결선이 가늘어지고"
  assert.ok(l2.history.at(-1)[1].loss < 0.5 * last);  // "절반에도 못 미칩니다"
});
