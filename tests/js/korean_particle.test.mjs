// The particle after a number in the playground's sentences
// (docs/javascripts/playground/ui.js withRo).     node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import { withRo } from "../../docs/javascripts/playground/ui.js";

test("으로 after a final consonant, 로 after a vowel or ㄹ", () => {
  assert.equal(withRo(0.3), "0.3으로");
  assert.equal(withRo("0.03"), "0.03으로");
  assert.equal(withRo(10), "10으로");
  assert.equal(withRo(0.6), "0.6으로");
  assert.equal(withRo(0.1), "0.1로");
  assert.equal(withRo("0.01"), "0.01로");
  assert.equal(withRo(0.7), "0.7로");
  assert.equal(withRo(0.5), "0.5로");
});
