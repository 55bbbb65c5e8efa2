// Prints, as JSON, the Keras code (keras.js) of a few fixed playground setups
// with the JS network's weight shapes and parameter count, for
// tests/test_playground_keras.py:  node tests/js/keras_setups.mjs
import * as M from "../../docs/javascripts/playground/math.js";
import { DEFAULTS } from "../../docs/javascripts/playground/settings.js";
import { kerasCode } from "../../docs/javascripts/playground/keras.js";

export const SETUPS = [
  { ...DEFAULTS },  // XOR, x1 x2, one layer of 4 tanh
  { ...DEFAULTS, data: "spiral", features: M.FEATURE_NAMES, hidden: [8, 8, 8, 8, 8, 8],
    activation: "relu", reg: "l2", regRate: "0.003", batch: 30, ratio: 70 },
  { ...DEFAULTS, data: "bumps", features: ["x1", "x2", "x1x2", "sin1"], hidden: [5, 2],
    activation: "sigmoid", reg: "l1", regRate: "0.001", rate: "0.03", noise: 20, batch: 1 },
  { ...DEFAULTS, data: "moons", hidden: [], features: ["x1sq", "x2sq"], ratio: 10 },
  { ...DEFAULTS, data: "gaussian", hidden: [3, 7, 1], activation: "step", ratio: 90 },
  { ...DEFAULTS, data: "plane", hidden: [1], features: ["sin2"], rate: "0.0001" },
];

const out = SETUPS.map(s => {
  const regression = M.isRegression(s.data);
  const net = M.createNetwork([s.features.length, ...s.hidden, 1], s.activation, 42,
                              regression ? "linear" : "sigmoid");
  return { settings: s, code: kerasCode(s), shapes: M.parameterShapes(net),
           count: M.countParameters(net) };
});
process.stdout.write(JSON.stringify(out));
