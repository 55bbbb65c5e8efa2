"""The browser code's pure functions, checked by Node's test runner inside
`pytest` (CI runs only `pytest`): the Keras code view's colours and the
particle after a number."""

import pytest

from tests.helpers import ROOT, node_tests

FILES = ["python_highlight.test.mjs", "korean_particle.test.mjs"]


@pytest.mark.parametrize("name", FILES)
def test_node_unit_tests_pass(name):
    declared, _ = node_tests(ROOT / "tests" / "js" / name, {})
    assert declared >= 1
