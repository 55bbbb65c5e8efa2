// The playground's maths: pure functions, no DOM. The browser tests import this
// module directly and compare it with the fixture the build computes from the
// pages' NumPy code (sitebuild/playground/__init__.py).

// Random numbers ---------------------------------------------------------------

// mulberry32: a small seeded generator, uniform in [0, 1)
export function makeRandom(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// standard normal by Box–Muller
export function normal(random) {
  const u = 1 - random();  // (0, 1]: log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

// Data sets: 2-D points X ([x1, x2]) inside [-1.2, 1.2]², targets y: a label
// 0 or 1 for the classification sets, a number in [-1, 1] for the regression
// sets. `noise` (0–50, in %, as TensorFlow Playground) adds Gaussian jitter of
// standard deviation 0.6·noise/100 to the points (to the targets of a
// regression set), from a stream of its own, so noise 0 gives the same points
// as before noise existed.

export const DATASETS = ["xor", "circles", "moons", "spiral", "gaussian"];
export const REGRESSION_SETS = ["plane", "bumps"];
export const isRegression = name => REGRESSION_SETS.includes(name);

// the multi-Gaussian regression surface: six bumps of alternating sign
const BUMPS = [[-0.8, 0.5, 1], [0, 0.5, -1], [0.8, 0.5, 1],
               [-0.8, -0.5, -1], [0, -0.5, 1], [0.8, -0.5, -1]];
export function bumps(x1, x2) {
  let v = 0;
  for (const [c1, c2, sign] of BUMPS) {
    v += sign * Math.exp(-((x1 - c1) ** 2 + (x2 - c2) ** 2) / (2 * 0.3 ** 2));
  }
  return Math.max(-1, Math.min(1, v));
}

export function makeDataset(name, n = 200, seed = 42, noise = 0) {
  const random = makeRandom(seed);
  const X = [], y = [];
  const add = (x1, x2, label) => { X.push([x1, x2]); y.push(label); };
  for (let i = 0; i < n; i++) {
    const label = i % 2;  // half of each class
    if (name === "xor") {
      // away from the axes by 0.15 so that every label is clear
      const pad = v => v + (v < 0 ? -0.15 : 0.15);
      let x1 = pad(random() * 2 - 1), x2 = pad(random() * 2 - 1);
      if ((x1 * x2 < 0 ? 1 : 0) !== label) x2 = -x2;
      add(x1, x2, label);
    } else if (name === "circles") {
      // class 1 inside radius 0.5, class 0 on a ring 0.7–1.0
      const r = label ? 0.5 * Math.sqrt(random()) : 0.7 + 0.3 * random();
      const t = 2 * Math.PI * random();
      add(r * Math.cos(t), r * Math.sin(t), label);
    } else if (name === "moons") {
      const t = Math.PI * random();
      const [x1, x2] = label ? [1 - Math.cos(t), 0.5 - Math.sin(t)]
                             : [Math.cos(t), Math.sin(t)];
      add(0.6 * (x1 - 0.5) + 0.1 * normal(random),
          0.6 * (x2 - 0.25) + 0.1 * normal(random), label);
    } else if (name === "spiral") {
      const r = (i >> 1) / (n / 2);  // 0 … 1 along each arm
      const t = 1.75 * r * 2 * Math.PI + label * Math.PI;
      add(r * Math.sin(t) + 0.04 * normal(random),
          r * Math.cos(t) + 0.04 * normal(random), label);
    } else if (name === "gaussian") {
      // two round clouds: class 1 around (0.45, 0.45), class 0 around (−0.45, −0.45)
      const c = label ? 0.45 : -0.45;
      add(c + 0.18 * normal(random), c + 0.18 * normal(random), label);
    } else if (name === "plane" || name === "bumps") {
      const x1 = 2.4 * random() - 1.2, x2 = 2.4 * random() - 1.2;
      add(x1, x2, name === "plane" ? (x1 + x2) / 2.4 : bumps(x1, x2));
    } else {
      throw new Error(`unknown data set: ${name}`);
    }
  }
  if (noise > 0) {
    const jitter = makeRandom(seed ^ 0x5bd1e995), sd = 0.6 * noise / 100;
    if (isRegression(name)) {
      for (let i = 0; i < n; i++) y[i] += sd * normal(jitter);
    } else {
      for (const x of X) {
        x[0] += sd * normal(jitter);
        x[1] += sd * normal(jitter);
      }
    }
  }
  return { X, y };
}

// The training and test sets of the widget: `ratio` % of `total` points train,
// the rest test. The training set is makeDataset(name, n, seed) itself (at 50 %
// of 400: the 200 points the widget always had); the test set is drawn apart,
// from seed + 1, so moving the ratio never reshuffles which point is which.
export function splitDataset(name, { total = 400, ratio = 50, seed = 42, noise = 0 } = {}) {
  const nTrain = Math.round(total * ratio / 100);
  return { train: makeDataset(name, nTrain, seed, noise),
           test: makeDataset(name, total - nTrain, seed + 1, noise) };
}

// Input features (as TensorFlow Playground): what the input layer gets from
// one point. FEATURES keeps the order of the input neurons.
export const FEATURES = {
  x1: ([a]) => a,
  x2: ([, b]) => b,
  x1sq: ([a]) => a * a,
  x2sq: ([, b]) => b * b,
  x1x2: ([a, b]) => a * b,
  sin1: ([a]) => Math.sin(a),
  sin2: ([, b]) => Math.sin(b),
};
export const FEATURE_NAMES = Object.keys(FEATURES);

// rows of the chosen features (in FEATURES' order) for every point of X
export function featurize(X, names) {
  const chosen = FEATURE_NAMES.filter(f => names.includes(f)).map(f => FEATURES[f]);
  return X.map(x => chosen.map(f => f(x)));
}

// The perceptron learning rule, exactly as snippets/perceptron.py:rule ----------

// One object per sample looked at, like perceptron_rule_steps() on the page:
// labels 0/1 as s = −1/+1, w and b start at 0, samples in the given order,
// wrong when s·z <= 0, then w ← w + η·s·x and b ← b + η·s; it stops after an
// epoch without a wrong sample, or after max_epochs.
export function* perceptronRuleSteps(X, y, eta = 1.0, maxEpochs = 100) {
  let w = new Array(X[0].length).fill(0);
  let b = 0.0;
  const signs = y.map(label => (label === 1 ? 1.0 : -1.0));
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    let nErrors = 0;
    for (let i = 0; i < X.length; i++) {
      const x = X[i], s = signs[i];
      let z = 0;
      for (let j = 0; j < x.length; j++) z += x[j] * w[j];
      z += b;
      const wrong = s * z <= 0;
      const dw = x.map(v => (wrong ? eta * s * v : 0));
      const db = wrong ? eta * s : 0;
      if (wrong) {
        w = w.map((v, j) => v + eta * s * x[j]);
        b = b + eta * s;
        nErrors += 1;
      }
      yield { epoch, index: i, x, y: y[i], z, yHat: z >= 0 ? 1 : 0, wrong,
              dw, db, w, b, nErrors };
    }
    if (nErrors === 0) return;
  }
}

// A multilayer perceptron ---------------------------------------------------------
//
// A network is {sizes, activation, output, layers: [{W, b}]}; W of a layer is a
// Float64Array of shape (inputs, neurons), row-major, as NumPy's X @ W + b.
// Hidden layers use `activation`; the one output neuron is logistic
// (output "sigmoid", for classification) or linear ("linear", for regression).

export function createNetwork(sizes, activation = "tanh", seed = 42, output = "sigmoid") {
  const random = makeRandom(seed);
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l];
    // Glorot-like scale; He scale for ReLU. Biases start at 0.
    const scale = Math.sqrt((activation === "relu" && l < sizes.length - 1 ? 2 : 1) / nIn);
    const W = new Float64Array(nIn * nOut).map(() => scale * normal(random));
    layers.push({ W, b: new Float64Array(nOut) });
  }
  return { sizes: [...sizes], activation, output, layers };
}

// A network from NumPy-style parameters {W1: [[…]], b1: […], W2: …}
export function networkFromParams(params, activation = "sigmoid", output = "sigmoid") {
  const layers = [];
  for (let l = 1; `W${l}` in params; l++) {
    layers.push({ W: Float64Array.from(params[`W${l}`].flat()),
                  b: Float64Array.from(params[`b${l}`]) });
  }
  const sizes = [params.W1.length, ...layers.map(layer => layer.b.length)];
  return { sizes, activation, output, layers };
}

// The weights' shapes and the parameter count, as Keras lists them
// (model.weights: kernel (inputs, neurons), then bias (neurons,), per layer)
export function parameterShapes(net) {
  return net.layers.flatMap((_, l) => [[net.sizes[l], net.sizes[l + 1]],
                                       [net.sizes[l + 1]]]);
}
export function countParameters(net) {
  return net.layers.reduce((n, layer) => n + layer.W.length + layer.b.length, 0);
}

// Forward pass over m samples (X: array of rows); keeps every z and a.
export function forward(net, X) {
  const m = X.length, n = net.sizes[0], flat = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) flat[i * n + j] = X[i][j];
  return forwardFlat(net, flat, m);
}

export function forwardFlat(net, input, m) {
  let a = input;
  const zs = [], as = [a];
  net.layers.forEach((layer, l) => {
    const nIn = net.sizes[l], nOut = net.sizes[l + 1], W = layer.W, b = layer.b;
    const last = l === net.layers.length - 1;
    const z = new Float64Array(m * nOut);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < nOut; k++) {
        let sum = b[k];
        for (let j = 0; j < nIn; j++) sum += a[i * nIn + j] * W[j * nOut + k];
        z[i * nOut + k] = sum;
      }
    }
    zs.push(z);
    a = activate(last ? (net.output || "sigmoid") : net.activation, z);
    as.push(a);
  });
  return { m, zs, as, yHat: a };
}

// f(z) for a whole layer, one loop per kind (no call per number)
function activate(kind, z) {
  if (kind === "linear") return z;
  const out = new Float64Array(z.length);
  if (kind === "sigmoid") for (let i = 0; i < z.length; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
  else if (kind === "tanh") for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i]);
  else if (kind === "relu") for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : 0;
  else if (kind === "step") for (let i = 0; i < z.length; i++) out[i] = z[i] >= 0 ? 1 : 0;
  else throw new Error(`unknown activation: ${kind}`);
  return out;
}

// The loss of a forward pass: "mse" (as snippets/mlp.py:forward, after a
// logistic or a linear output) or "cross_entropy" (binary cross-entropy,
// computed from z to stay finite).
export function loss(cache, y, kind = "cross_entropy") {
  const p = cache.yHat, z = cache.zs[cache.zs.length - 1];
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (kind === "mse") total += (p[i] - y[i]) ** 2;
    else total += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
  }
  return total / p.length;
}

// The loss a network is trained on: cross-entropy after a logistic output,
// MSE after a linear one.
export const lossKindOf = net => (net.output === "linear" ? "mse" : "cross_entropy");

// L1 or L2 regularization of the connection weights (not the biases), as
// Keras's kernel_regularizer: L1 adds rate·Σ|w| to the loss, L2 rate·Σw².
export function penalty(net, kind, rate) {
  if (!kind || kind === "none" || !rate) return 0;
  let total = 0;
  for (const { W } of net.layers) {
    for (let i = 0; i < W.length; i++) total += kind === "l1" ? Math.abs(W[i]) : W[i] * W[i];
  }
  return rate * total;
}

// adds the penalty's gradient (rate·sign(w) or 2·rate·w) to grads, in place
export function addPenaltyGradient(net, grads, kind, rate) {
  if (!kind || kind === "none" || !rate) return grads;
  net.layers.forEach(({ W }, l) => {
    const g = grads[l].W;
    for (let i = 0; i < W.length; i++) {
      g[i] += kind === "l1" ? rate * Math.sign(W[i]) : 2 * rate * W[i];
    }
  });
  return grads;
}

// Backward pass: the gradient of the mean loss for every W and b, by the chain
// rule from the output layer down (as snippets/mlp.py:backward for "mse").
// With `keep`, it also returns every layer's δ = ∂loss/∂z.
export function backward(net, cache, y, kind = "cross_entropy", keep = false) {
  const { m, zs, as } = cache;
  const L = net.layers.length;
  const p = as[L], linear = net.output === "linear";
  let delta = new Float64Array(p.length);  // ∂loss/∂z of the output layer
  for (let i = 0; i < p.length; i++) {
    if (kind === "mse") {
      const dp = 2 * (p[i] - y[i]) / p.length;
      delta[i] = linear ? dp : dp * p[i] * (1 - p[i]);  // σ′ = σ(1 − σ)
    } else {
      delta[i] = (p[i] - y[i]) / p.length;  // cross-entropy after a logistic output
    }
  }
  const grads = new Array(L), deltas = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    deltas[l] = delta;
    const nIn = net.sizes[l], nOut = net.sizes[l + 1], a = as[l];
    const gW = new Float64Array(nIn * nOut), gb = new Float64Array(nOut);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < nOut; k++) {
        const d = delta[i * nOut + k];
        gb[k] += d;
        for (let j = 0; j < nIn; j++) gW[j * nOut + k] += a[i * nIn + j] * d;
      }
    }
    grads[l] = { W: gW, b: gb };
    if (l === 0) break;
    const W = net.layers[l].W, z = zs[l - 1];
    const below = new Float64Array(m * nIn);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < nIn; j++) {
        let sum = 0;
        for (let k = 0; k < nOut; k++) sum += delta[i * nOut + k] * W[j * nOut + k];
        below[i * nIn + j] = sum;
      }
    }
    derivative(net.activation, z, a, below);  // × f′(z), in place
    delta = below;
  }
  if (keep) grads.deltas = deltas;
  return grads;
}

// g ← g · f′(z) for a whole layer (a = f(z)), one loop per kind (step: f′ = 0)
function derivative(kind, z, a, g) {
  if (kind === "tanh") for (let i = 0; i < g.length; i++) g[i] *= 1 - a[i] * a[i];
  else if (kind === "sigmoid") for (let i = 0; i < g.length; i++) g[i] *= a[i] * (1 - a[i]);
  else if (kind === "relu") for (let i = 0; i < g.length; i++) g[i] *= z[i] > 0 ? 1 : 0;
  else if (kind === "step") g.fill(0);
  else throw new Error(`unknown activation: ${kind}`);
}

// A gradient-descent step, in place (as snippets/mlp.py:gd_step)
export function gradientDescentStep(net, grads, learningRate) {
  net.layers.forEach((layer, l) => {
    for (let i = 0; i < layer.W.length; i++) layer.W[i] -= learningRate * grads[l].W[i];
    for (let k = 0; k < layer.b.length; k++) layer.b[k] -= learningRate * grads[l].b[k];
  });
}

// One mini-batch step: forward, backward, the penalty's gradient, a step.
export function trainBatch(net, X, y, { learningRate = 0.1, lossKind = lossKindOf(net),
                                        regularization = "none", regRate = 0 } = {}) {
  const grads = backward(net, forward(net, X), y, lossKind);
  addPenaltyGradient(net, grads, regularization, regRate);
  gradientDescentStep(net, grads, learningRate);
  return grads;
}

// One epoch of mini-batch gradient descent; `random` shuffles the samples.
export function trainEpoch(net, X, y, { learningRate = 0.1, batchSize = 10, random,
                                        lossKind = lossKindOf(net), regularization = "none",
                                        regRate = 0 } = {}) {
  const order = X.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {  // Fisher–Yates
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    trainBatch(net, batch.map(i => X[i]), batch.map(i => y[i]),
               { learningRate, lossKind, regularization, regRate });
  }
}

// One sample through the network: its forward values (z and a of every
// neuron), then every δ and the gradient on every weight and bias, for the
// loss of that sample alone (the penalty left out).
export function sampleBackprop(net, x, y, lossKind = lossKindOf(net)) {
  const cache = forward(net, [x]);
  const grads = backward(net, cache, [y], lossKind, true);
  return { zs: cache.zs, as: cache.as, yHat: cache.yHat[0],
           loss: loss(cache, [y], lossKind), deltas: grads.deltas,
           grads: grads.slice() };
}

// Loss (and, after a logistic output, accuracy: prediction p >= 0.5) on a data set
export function evaluate(net, X, y, lossKind = lossKindOf(net)) {
  if (X.length === 0) return { loss: NaN, accuracy: NaN };
  const cache = forward(net, X);
  let correct = 0;
  cache.yHat.forEach((p, i) => { if ((p >= 0.5 ? 1 : 0) === y[i]) correct += 1; });
  return { loss: loss(cache, y, lossKind), accuracy: correct / X.length };
}

// The points of an n × n grid over [lo, hi]², row 0 at the top (x2 = hi)
export function gridPoints(n, lo, hi) {
  const points = [], cell = (hi - lo) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) points.push([lo + (c + 0.5) * cell, hi - (r + 0.5) * cell]);
  }
  return points;
}

// The input features of an n × n grid's points, flat (points × features)
export function gridInput(n, lo, hi, features = ["x1", "x2"]) {
  const rows = featurize(gridPoints(n, lo, hi), features), k = rows[0].length;
  const flat = new Float64Array(n * n * k);
  rows.forEach((row, i) => row.forEach((v, j) => { flat[i * k + j] = v; }));
  return flat;
}

// Every neuron's output on an n × n grid: the forward cache of the grid's
// features (as[0] the input features, as[L] the output), row 0 at the top.
// `input` may pass gridInput(n, lo, hi, features) made before.
export function gridActivations(net, n, lo, hi, features = ["x1", "x2"], input = null) {
  return forwardFlat(net, input || gridInput(n, lo, hi, features), n * n);
}

// p(class 1) on an n × n grid over [lo, hi]², row 0 at the top (x2 = hi)
export function predictGrid(net, n, lo, hi, features = ["x1", "x2"]) {
  return gridActivations(net, n, lo, hi, features).yHat;
}
