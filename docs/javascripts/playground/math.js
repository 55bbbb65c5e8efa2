// The playground's maths: pure functions, no DOM. The browser tests import this
// module directly and compare it with the fixture the build computes from the
// pages' NumPy code (sitebuild/playground.py).

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

// Data sets: 2-D points X ([x1, x2]), labels y (0 or 1), all inside [-1.2, 1.2]² --

export const DATASETS = ["xor", "circles", "moons", "spiral"];

export function makeDataset(name, n = 200, seed = 42) {
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
    } else {
      throw new Error(`unknown data set: ${name}`);
    }
  }
  return { X, y };
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
// A network is {sizes, activation, layers: [{W, b}]}; W of a layer is a
// Float64Array of shape (inputs, neurons), row-major, as NumPy's X @ W + b.
// Hidden layers use `activation`; the one output neuron is logistic.

export const ACTIVATIONS = {
  step: { f: z => (z >= 0 ? 1 : 0), df: () => 0 },  // the derivative is 0 (z ≠ 0)
  sigmoid: { f: z => 1 / (1 + Math.exp(-z)), df: (z, a) => a * (1 - a) },
  tanh: { f: Math.tanh, df: (z, a) => 1 - a * a },
  relu: { f: z => (z > 0 ? z : 0), df: z => (z > 0 ? 1 : 0) },
};

export function createNetwork(sizes, activation = "tanh", seed = 42) {
  const random = makeRandom(seed);
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l];
    // Glorot-like scale; He scale for ReLU. Biases start at 0.
    const scale = Math.sqrt((activation === "relu" && l < sizes.length - 1 ? 2 : 1) / nIn);
    const W = new Float64Array(nIn * nOut).map(() => scale * normal(random));
    layers.push({ W, b: new Float64Array(nOut) });
  }
  return { sizes: [...sizes], activation, layers };
}

// A network from NumPy-style parameters {W1: [[…]], b1: […], W2: …}
export function networkFromParams(params, activation = "sigmoid") {
  const layers = [];
  for (let l = 1; `W${l}` in params; l++) {
    layers.push({ W: Float64Array.from(params[`W${l}`].flat()),
                  b: Float64Array.from(params[`b${l}`]) });
  }
  const sizes = [params.W1.length, ...layers.map(layer => layer.b.length)];
  return { sizes, activation, layers };
}

// Forward pass over m samples (X: array of rows); keeps every z and a.
export function forward(net, X) {
  const m = X.length, n = net.sizes[0], flat = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) flat[i * n + j] = X[i][j];
  return forwardFlat(net, flat, m);
}

function forwardFlat(net, input, m) {
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
    a = activate(last ? "sigmoid" : net.activation, z);
    as.push(a);
  });
  return { m, zs, as, yHat: a };
}

// f(z) for a whole layer, one loop per kind (no call per number)
function activate(kind, z) {
  const out = new Float64Array(z.length);
  if (kind === "sigmoid") for (let i = 0; i < z.length; i++) out[i] = 1 / (1 + Math.exp(-z[i]));
  else if (kind === "tanh") for (let i = 0; i < z.length; i++) out[i] = Math.tanh(z[i]);
  else if (kind === "relu") for (let i = 0; i < z.length; i++) out[i] = z[i] > 0 ? z[i] : 0;
  else if (kind === "step") for (let i = 0; i < z.length; i++) out[i] = z[i] >= 0 ? 1 : 0;
  else throw new Error(`unknown activation: ${kind}`);
  return out;
}

// The loss of a forward pass: "mse" (as snippets/mlp.py:forward) or
// "cross_entropy" (binary cross-entropy, computed from z to stay finite).
export function loss(cache, y, kind = "cross_entropy") {
  const p = cache.yHat, z = cache.zs[cache.zs.length - 1];
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (kind === "mse") total += (p[i] - y[i]) ** 2;
    else total += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
  }
  return total / p.length;
}

// Backward pass: the gradient of the mean loss for every W and b, by the chain
// rule from the output layer down (as snippets/mlp.py:backward for "mse").
export function backward(net, cache, y, kind = "cross_entropy") {
  const { m, zs, as } = cache;
  const L = net.layers.length;
  const p = as[L];
  let delta = new Float64Array(p.length);  // ∂loss/∂z of the output layer
  for (let i = 0; i < p.length; i++) {
    delta[i] = kind === "mse"
      ? (2 * (p[i] - y[i]) / p.length) * p[i] * (1 - p[i])  // σ′ = σ(1 − σ)
      : (p[i] - y[i]) / p.length;  // cross-entropy after a logistic output
  }
  const grads = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
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
    const df = ACTIVATIONS[net.activation].df, W = net.layers[l].W;
    const below = new Float64Array(m * nIn);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < nIn; j++) {
        let sum = 0;
        for (let k = 0; k < nOut; k++) sum += delta[i * nOut + k] * W[j * nOut + k];
        below[i * nIn + j] = sum * df(zs[l - 1][i * nIn + j], a[i * nIn + j]);
      }
    }
    delta = below;
  }
  return grads;
}

// A gradient-descent step, in place (as snippets/mlp.py:gd_step)
export function gradientDescentStep(net, grads, learningRate) {
  net.layers.forEach((layer, l) => {
    for (let i = 0; i < layer.W.length; i++) layer.W[i] -= learningRate * grads[l].W[i];
    for (let k = 0; k < layer.b.length; k++) layer.b[k] -= learningRate * grads[l].b[k];
  });
}

// One epoch of mini-batch gradient descent; `random` shuffles the samples.
export function trainEpoch(net, X, y, { learningRate = 0.1, batchSize = 10, random,
                                        lossKind = "cross_entropy" } = {}) {
  const order = X.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {  // Fisher–Yates
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const cache = forward(net, batch.map(i => X[i]));
    const grads = backward(net, cache, batch.map(i => y[i]), lossKind);
    gradientDescentStep(net, grads, learningRate);
  }
}

// Loss and accuracy (prediction: p >= 0.5) on the whole data set
export function evaluate(net, X, y, lossKind = "cross_entropy") {
  const cache = forward(net, X);
  let correct = 0;
  cache.yHat.forEach((p, i) => { if ((p >= 0.5 ? 1 : 0) === y[i]) correct += 1; });
  return { loss: loss(cache, y, lossKind), accuracy: correct / X.length };
}

// p(class 1) on an n × n grid over [lo, hi]², row 0 at the top (x2 = hi)
export function predictGrid(net, n, lo, hi) {
  const points = new Float64Array(2 * n * n), cell = (hi - lo) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      points[2 * (r * n + c)] = lo + (c + 0.5) * cell;
      points[2 * (r * n + c) + 1] = hi - (r + 0.5) * cell;
    }
  }
  return forwardFlat(net, points, n * n).yHat;
}
