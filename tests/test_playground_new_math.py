"""실습 도구의 새 계산(입력 특성, L1·L2 규제, 미니배치 한 단계, 회귀 손실, 샘플 하나의
역전파)과 설정 주소·케라스 코드 모듈을 node --test로, MLP 페이지의 넘파이 코드가 만든
기준값(tests/playground_fixtures.py)과 비교한다."""

import json
import os
import re
import shutil
import subprocess

import pytest

from tests import playground_fixtures
from tests.helpers import ROOT

TESTS = ROOT / "tests" / "js" / "playground_new_math.test.mjs"


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        message = ("node is not installed: the playground's maths (tests/js/) is not "
                   "checked; install Node.js 18 or newer (Debian: apt-get install nodejs)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def test_new_playground_math_equals_the_numpy_code(tmp_path):
    """node가 이 파일의 모든 검사를 통과하고, 기준값이 실제 숫자(0이 아닌 값)인지 확인한다."""
    node = node_or_skip()
    fixture = playground_fixtures.compute()
    path = tmp_path / "new-fixture.json"
    path.write_text(json.dumps(fixture), encoding="utf-8")
    proc = subprocess.run([node, "--test", str(TESTS)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env=dict(os.environ, PLAYGROUND_NEW_FIXTURE=str(path)))
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", proc.stdout, re.M))
    declared = len(re.findall(r"^test\(", TESTS.read_text(encoding="utf-8"), re.M))
    assert proc.returncode == 0 and counts == {
        "tests": str(declared), "pass": str(declared), "fail": "0"}, proc.stdout + proc.stderr
    assert declared >= 10
    grads = fixture["sample"]["grads"]
    assert max(abs(v) for row in grads["W1"] for v in row) > 1e-3
    assert fixture["penalty"]["l1"] != fixture["penalty"]["l2"]
