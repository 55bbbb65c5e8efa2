"""실습 도구의 자바스크립트 계산(math.js)을 Node의 테스트 러너로, 페이지의 넘파이 코드가
만든 픽스처와 비교한다(Chromium도 사이트 빌드도 필요 없다)."""

import json

from sitebuild import playground
from tests.helpers import ROOT, node_tests

TESTS = ROOT / "tests" / "js" / "playground_math.test.mjs"


def test_playground_math_equals_the_numpy_code(tmp_path):
    """node --test tests/js/ 가 모든 검사를 통과하는지 확인한다(CI에서는 node가 꼭 있어야 한다)."""
    files = playground.compute(ROOT)
    (tmp_path / "fixture.json").write_text(files[playground.FIXTURE_URI], encoding="utf-8")
    node_tests(TESTS, {"PLAYGROUND_FIXTURE": str(tmp_path)})
    fixture = json.loads(files[playground.FIXTURE_URI])
    assert set(fixture["perceptron"]) == {"iris", "xor"} and "grads" in fixture["mlp"]
