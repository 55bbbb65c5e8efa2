// The Keras code view's colours (docs/javascripts/playground/python.js): the
// tokenizer keeps every character of the code, in order, and gives comments,
// strings, numbers, keywords and builtins the Pygments classes the site's
// code blocks use.     node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import { kerasCode } from "../../docs/javascripts/playground/keras.js";
import { FEATURE_NAMES } from "../../docs/javascripts/playground/math.js";
import { highlightPython } from "../../docs/javascripts/playground/python.js";
import { DEFAULTS } from "../../docs/javascripts/playground/settings.js";

const SETUPS = [  // plain, and with every kind of line kerasCode writes
  { ...DEFAULTS },
  { ...DEFAULTS, data: "bumps", features: FEATURE_NAMES, hidden: [8, 8, 8], noise: 20,
    activation: "step", reg: "l2", regRate: "0.003" },
  { ...DEFAULTS, data: "moons", hidden: [] },
];

const text = html => html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
  .replace(/&amp;/g, "&");
const tokens = html => [...html.matchAll(/<span class="([\w]+)">([^<]*)<\/span>/g)]
  .map(([, cls, t]) => [cls, text(t)]);

test("the coloured code is the code, character for character", () => {
  for (const setup of SETUPS) {
    const code = kerasCode(setup);
    assert.equal(text(highlightPython(code)), code);
  }
  const tricky = "s = 'a < b & c'  # x > 0 \"q\"\nt = \"it's\"\n";
  assert.equal(text(highlightPython(tricky)), tricky);
  assert.ok(!highlightPython(tricky).includes("< b"));  // escaped
});

test("each kind of token gets its Pygments class", () => {
  const found = tokens(highlightPython(
    'import numpy as np\nx = [1, 2.5, 1e-3]  # 주석\nfor a in zip(x):\n'
    + '    print("a", None, lambda z: z >= 0)\n'));
  const want = [["kn", "import"], ["k", "as"], ["mi", "1"], ["mf", "2.5"], ["mf", "1e-3"],
                ["c1", "# 주석"], ["k", "for"], ["ow", "in"], ["nb", "zip"], ["nb", "print"],
                ["s2", '"a"'], ["kc", "None"], ["k", "lambda"], ["o", ">="], ["p", "("]];
  for (const token of want) {
    assert.ok(found.some(([c, t]) => c === token[0] && t === token[1]), token.join(" "));
  }
  // names stay plain text, as on the site's code blocks
  assert.ok(!found.some(([, t]) => t === "numpy" || t === "np" || t === "x"));
  // a keyword argument named like a builtin is a name
  assert.ok(!tokens(highlightPython("f(sum=1)")).some(([c]) => c === "nb"));
});
