// The MLP playground's settings: their defaults, their allowed values, and
// the URL hash that holds them (#mlp:data=xor&noise=0&…), so that a setup can
// be shared as a link. Pure functions, no DOM.
import { DATASETS, FEATURE_NAMES, REGRESSION_SETS } from "./math.js";

export const RATES = ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3"];
export const REG_RATES = ["0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1"];
export const ACTIVATION_NAMES = ["step", "sigmoid", "tanh", "relu"];
export const REGULARIZATIONS = ["none", "l1", "l2"];
export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;
export const PREFIX = "#mlp:";

export const DEFAULTS = Object.freeze({
  data: "xor", noise: 0, ratio: 50, batch: 10, features: ["x1", "x2"], hidden: [4],
  activation: "tanh", rate: "0.3", reg: "none", regRate: "0.001",
  showTest: false, discretize: false, seed: 42,
});

const integer = (text, lo, hi) => {
  const v = Number(text);
  return Number.isInteger(v) && v >= lo && v <= hi ? v : null;
};
const oneOf = list => text => (list.includes(text) ? text : null);
const flag = text => (text === "1" ? true : text === "0" ? false : null);

// How each setting is read from its text in the hash; null: not allowed
const READ = {
  data: oneOf([...DATASETS, ...REGRESSION_SETS]),
  noise: t => integer(t, 0, 50),
  ratio: t => { const v = integer(t, 10, 90); return v !== null && v % 10 === 0 ? v : null; },
  batch: t => integer(t, 1, 30),
  features: t => {
    const names = t.split(",").filter(Boolean);
    return names.length > 0 && names.every(n => FEATURE_NAMES.includes(n))
      ? FEATURE_NAMES.filter(n => names.includes(n)) : null;
  },
  hidden: t => {
    if (t === "") return [];
    const sizes = t.split(",").map(n => integer(n, 1, MAX_NEURONS));
    return sizes.length <= MAX_LAYERS && sizes.every(n => n !== null) ? sizes : null;
  },
  activation: oneOf(ACTIVATION_NAMES),
  rate: oneOf(RATES),
  reg: oneOf(REGULARIZATIONS),
  regRate: oneOf(REG_RATES),
  showTest: flag,
  discretize: flag,
  seed: t => integer(t, 0, 2 ** 31 - 1),  // the data's ("데이터 다시 만들기")
};

const write = value => (Array.isArray(value) ? value.join(",")
  : typeof value === "boolean" ? (value ? "1" : "0") : String(value));

// settings → "#mlp:data=xor&…" (every setting, in DEFAULTS' order)
export function encode(settings) {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULTS)) params.set(key, write(settings[key]));
  return PREFIX + params.toString().replaceAll("%2C", ",");
}

// "#mlp:…" → settings: what the hash names and allows, the defaults for the
// rest; null when the hash is not the playground's
export function decode(hash) {
  if (!hash || !hash.startsWith(PREFIX)) return null;
  const params = new URLSearchParams(hash.slice(PREFIX.length));
  const settings = structuredClone({ ...DEFAULTS });
  for (const [key, read] of Object.entries(READ)) {
    if (!params.has(key)) continue;
    const value = read(params.get(key));
    if (value !== null) settings[key] = value;
  }
  return settings;
}
