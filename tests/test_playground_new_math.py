"""실습 도구의 새 계산(입력 특성, L1·L2 규제, 미니배치 한 단계, 회귀 손실, 샘플 하나의
역전파)과 설정 주소·케라스 코드 모듈을 node --test로, MLP 페이지의 넘파이 코드가 만든
기준값(tests/playground_fixtures.py)과 비교한다."""

import json

from tests import playground_fixtures
from tests.helpers import ROOT, node_tests

TESTS = ROOT / "tests" / "js" / "playground_new_math.test.mjs"


def test_new_playground_math_equals_the_numpy_code(tmp_path):
    """node가 이 파일의 모든 검사를 통과하고, 기준값이 실제 숫자(0이 아닌 값)인지 확인한다."""
    fixture = playground_fixtures.compute()
    path = tmp_path / "new-fixture.json"
    path.write_text(json.dumps(fixture), encoding="utf-8")
    declared, _ = node_tests(TESTS, {"PLAYGROUND_NEW_FIXTURE": str(path)})
    assert declared >= 10
    grads = fixture["sample"]["grads"]
    assert max(abs(v) for row in grads["W1"] for v in row) > 1e-3
    assert fixture["penalty"]["l1"] != fixture["penalty"]["l2"]
