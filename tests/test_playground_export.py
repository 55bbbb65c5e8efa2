"""sitebuild.playground: 실습 도구의 데이터와 픽스처가 페이지 코드에서 나오고, 캐시가 낡지 않으며,
실패하면 파일과 줄을 밝히는지 확인한다."""

import json
import re
import shutil

import numpy as np
import pytest

from sitebuild import playground
from sitebuild.run import engine
from sitebuild.run.cache import Cache
from sitebuild.problems import BuildError
from sitebuild.pages.sections import SnippetReader
from snippets import mlp, perceptron
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def exported():
    return {uri: json.loads(text) for uri, text in playground.compute(ROOT).items()}


def _project(tmp_path):
    (tmp_path / "snippets").mkdir(parents=True)
    for module in playground.SECTIONS:
        shutil.copy(ROOT / module, tmp_path / module)
    return tmp_path


def test_export_is_the_pages_own_code(exported):
    """내보낸 점, 학습 규칙의 단계, MLP의 그레이디언트가 스니펫 함수를 직접 부른 결과와 같은지 확인한다."""
    data, fixture = exported[playground.DATA_URI], exported[playground.FIXTURE_URI]
    X, y = perceptron.load_data()
    assert np.array_equal(data["iris"]["X"], X) and data["iris"]["y"] == y.tolist()
    trace = fixture["perceptron"]["iris"]
    steps = list(perceptron.perceptron_rule_steps(X, y))
    assert len(trace["steps"]) == len(steps) == 3 * len(X)
    assert [s["wrong"] for s in trace["steps"]] == [s[3] for s in steps]
    w, b, epochs = perceptron.fit_perceptron_rule(X, y)
    assert trace["final"] == {"w": w.tolist(), "b": b, "epochs": epochs}
    case = fixture["mlp"]
    params = {k: np.array(v) for k, v in case["params"].items()}
    X_m, y_m = np.array(case["X"]), np.array(case["y"])
    grads = mlp.backward(y_m, params, mlp.forward(X_m, params))
    for name, grad in grads.items():
        assert np.array_equal(grad, case["grads"][name])
    assert np.abs(grads["W1"]).max() > 1e-3  # not a trivial case


def test_export_is_one_more_cached_run_of_the_engine(tmp_path):
    """내보내기는 엔진이 페이지처럼 돌리는 실행 하나라서, 같은 스니펫이면 캐시에서 읽고 스니펫
    파일이 바뀌면 다시 돌리는지 확인한다."""
    root, cache = _project(tmp_path / "p"), Cache(tmp_path / "cache")

    def run():
        plans = playground.plans(root, SnippetReader(root))
        results, problems = engine.build_results(root, plans, cache, warm=False)
        assert problems == [] and len(results) == 2
        return list(results.values())

    first = run()
    assert not any(r.cached for r in first) and all(r.cached for r in run())
    assert playground.files(run()) == playground.files(first)
    with (root / playground.PERCEPTRON).open("a", encoding="utf-8") as f:
        f.write("\n# changed\n")
    assert [r.cached for r in run()] == [False, True]  # the MLP's run is still cached
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        "playground__mlp", "playground__perceptron"]


def test_nothing_is_put_in_the_namespace(tmp_path):
    """내보내기 실행의 이름 공간에 미리 넣어 둔 것이 없어서, 페이지 순서대로 NumPy를 불러오는
    구간이 없으면 그 줄을 밝히며 실패하는지 확인한다."""
    root = _project(tmp_path)
    path = root / playground.MLP
    text = path.read_text(encoding="utf-8")
    importing = "import numpy as np  # 접힌"
    assert importing in text
    path.write_text(text.replace(importing, "pass  # 접힌"), encoding="utf-8")
    with pytest.raises(BuildError) as err:
        playground.compute(root)
    assert re.match(r"snippets/mlp\.py:\d+: NameError: name 'np' is not defined",
                    str(err.value)), str(err.value)


SIGNS = "    signs = np.where(y == 1, 1.0, -1.0)  # 양성 +1, 음성 -1\n"  # in the rule
FORWARD = '    """정방향 계산: 역방향 계산에 다시 쓸 중간 결과를 모두 돌려준다."""\n'


def _planted(tmp_path, module, after, code):
    """A copy of the snippets with ``code`` put after the line ``after``;
    returns the project and the planted line's number."""
    root = _project(tmp_path)
    path = root / module
    text = path.read_text(encoding="utf-8")
    assert after in text
    path.write_text(text.replace(after, after + code + "\n"), encoding="utf-8")
    return root, path.read_text(encoding="utf-8").split("\n").index(code) + 1


def test_a_failing_section_names_its_file_and_line(tmp_path):
    """내보내기에 쓰는 구간이 예외를 내면 BuildError가 스니펫 파일과 줄 번호를 밝히는지 확인한다."""
    root, line = _planted(tmp_path, playground.PERCEPTRON, SIGNS, "    raise ValueError('boom')")
    with pytest.raises(BuildError) as err:
        playground.compute(root)
    assert str(err.value).startswith(f"snippets/perceptron.py:{line}: ")
    assert "ValueError: boom" in str(err.value)


def test_a_hanging_section_times_out_naming_the_export(tmp_path):
    """내보내기에 쓰는 구간이 멈추지 않으면 제한 시간 뒤에 빌드 오류가 되는지 확인한다
    (내보내기는 페이지처럼 엔진의 제한 시간 안에서 돈다)."""
    root, _ = _planted(tmp_path, playground.PERCEPTRON, SIGNS, "    while True: pass")
    with pytest.raises(BuildError) as err:
        playground.compute(root, timeout=3)
    assert re.match(r"snippets/perceptron\.py:\d+: .*timed out after 3 s", str(err.value)), \
        str(err.value)


def test_a_failure_in_the_child_is_the_same_clear_error(tmp_path):
    """다른 프로세스에서 난 예외도 스니펫 파일과 줄 번호를 밝힌 BuildError로 돌아오는지 확인한다."""
    root, line = _planted(tmp_path, playground.MLP, FORWARD, "    1 / 0")
    with pytest.raises(BuildError) as err:
        playground.compute(root)
    assert str(err.value).startswith(f"snippets/mlp.py:{line}: ")
    assert "ZeroDivisionError" in str(err.value)


def test_a_syntax_error_names_its_file_and_line(tmp_path):
    """내보내기에 쓰는 구간의 문법 오류도 스니펫 파일과 그 줄을 밝히는지 확인한다
    (구간을 러너와 같은 방법으로, 파일의 줄 번호로 컴파일한다)."""
    root, line = _planted(tmp_path, playground.PERCEPTRON, SIGNS, "    if True")
    with pytest.raises(BuildError) as err:
        playground.compute(root)
    assert str(err.value).startswith(f"snippets/perceptron.py:{line}: ")
    assert "SyntaxError" in str(err.value)


def test_the_module_answers_on_the_command_line(tmp_path):
    """`python -m sitebuild.playground ROOT`(tests/js가 픽스처 없이 부르는 길)이 JSON 한
    줄로 답하는지, 스니펫이 없는 폴더로 빠르게 확인한다."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "sitebuild.playground", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    reply = json.loads(proc.stdout)
    assert reply["problem"][0] == playground.PERCEPTRON
    assert "snippet modules are missing" in reply["problem"][1]
