"""실습 도구의 "케라스 코드로 보기"가 만드는 코드(keras.js)를 고정한 설정 여섯 개로 만들어
파이썬에서 실제로 실행하고, 케라스 모델의 가중치 모양과 count_params()가 자바스크립트
네트워크의 것과 같은지 확인한다. 에포크만 1로 줄여 끝까지(fit과 evaluate까지) 돌린다."""

import json
import re
import subprocess
import sys

import pytest

from tests.helpers import ROOT, node_or_skip

pytestmark = pytest.mark.slow

SETUPS = ROOT / "tests" / "js" / "keras_setups.mjs"

# Runs each code in a fresh namespace and prints what its model holds.
RUN = """
import json, sys
cases = json.load(sys.stdin)
found = []
for code in cases:
    space = {"__name__": "__main__"}
    exec(compile(code, "<keras code>", "exec"), space)
    model = space["model"]
    found.append({"shapes": [list(w.shape) for w in model.weights],
                  "count": model.count_params(),
                  "loss": model.loss if isinstance(model.loss, str) else None,
                  "epochs": len(space["history"].history["loss"])})
print("RESULT" + json.dumps(found))
"""


def test_keras_code_builds_the_same_network(tmp_path):
    node = node_or_skip()
    made = json.loads(subprocess.run([node, str(SETUPS)], cwd=ROOT, capture_output=True,
                                     text=True, timeout=60, check=True).stdout)
    assert len(made) >= 4
    codes = []
    for case in made:
        code = case["code"]
        assert re.search(r"^EPOCHS = \d+$", code, re.M)
        assert all(len(line) <= 79 for line in code.splitlines())
        codes.append(re.sub(r"^EPOCHS = \d+$", "EPOCHS = 1", code, flags=re.M))
    proc = subprocess.run([sys.executable, "-c", RUN], input=json.dumps(codes),
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    found = json.loads(lines[-1][len("RESULT"):])
    for case, got in zip(made, found, strict=True):
        s = case["settings"]
        assert got["shapes"] == case["shapes"], s
        assert got["count"] == case["count"], s
        regression = s["data"] in ("plane", "bumps")
        assert got["loss"] == ("mse" if regression else "binary_crossentropy"), s
        assert got["epochs"] == 1
    # the setups differ: six distinct networks, the deepest 6 × 8 on 7 features
    counts = [case["count"] for case in made]
    assert len(set(counts)) == len(counts)
    assert max(counts) == 7 * 8 + 8 + 5 * (8 * 8 + 8) + 8 + 1
