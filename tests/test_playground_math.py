"""실습 도구의 자바스크립트 계산(math.js)을 Node의 테스트 러너로, 페이지의 넘파이 코드가
만든 픽스처와 비교한다(Chromium도 사이트 빌드도 필요 없다)."""

import json
import os
import re
import shutil
import subprocess

import pytest

from sitebuild import playground
from tests.helpers import ROOT

TESTS = ROOT / "tests" / "js" / "playground_math.test.mjs"


def test_playground_math_equals_the_numpy_code(tmp_path):
    """node --test tests/js/ 가 모든 검사를 통과하는지 확인한다(CI에서는 node가 꼭 있어야 한다)."""
    node = shutil.which("node")
    if node is None:
        message = ("node is not installed: the playground's maths (tests/js/) is not "
                   "checked; install Node.js 18 or newer (Debian: apt-get install nodejs)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    files = playground.compute(ROOT)
    (tmp_path / "fixture.json").write_text(files[playground.FIXTURE_URI], encoding="utf-8")
    proc = subprocess.run([node, "--test", str(TESTS)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env=dict(os.environ, PLAYGROUND_FIXTURE=str(tmp_path)))
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", proc.stdout, re.M))
    declared = len(re.findall(r"^test\(", TESTS.read_text(encoding="utf-8"), re.M))
    assert proc.returncode == 0 and counts == {
        "tests": str(declared), "pass": str(declared), "fail": "0"}, proc.stdout + proc.stderr
    fixture = json.loads(files[playground.FIXTURE_URI])
    assert set(fixture["perceptron"]) == {"iris", "xor"} and "grads" in fixture["mlp"]
