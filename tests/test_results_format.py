"""캐시 키의 결과 형식 번호(sitebuild.results.FORMAT)가 실행 결과를 만드는 코드와 함께
관리되는지 확인한다.

캐시 키에는 빌드 패키지의 바이트가 들어가지 않는다. 주석이나 독스트링을 고쳐도 예제를
다시 실행하지 않기 위해서다. 대신 결과를 만드는 모듈의 코드(주석과 독스트링을 뺀 구문
트리)를 tests/results_format.txt에 적어 두고, 그 코드가 바뀌면 이 테스트가 실패한다.
바뀐 코드가 실행 결과(출력, 그림, 경고, 환경 기록, 결과의 모양)를 바꿀 수 있으면
FORMAT을 올리고, 아니면(정리, 이름 바꾸기) 그대로 둔 채, 테스트가 보여 주는 새 줄을
파일에 적는다.
"""

from sitebuild import results
from sitebuild.results import code_digest
from tests.helpers import ROOT

LOCK = ROOT / "tests" / "results_format.txt"
# The modules whose code decides what a run produces, or how it is stored.
# Not figure_theme: the dark figures record the digest of its code
# (results.theme_digest) and are made anew from the frozen figures when it
# changes, without a run and without a decision here.
MODULES = ("runner", "figures", "tracebacks", "guard", "protocol", "sections",
           "environment", "forkserver", "engine", "keys", "cache", "results")


def lock_text() -> str:
    lines = [LOCK.read_text(encoding="utf-8").split("\nformat ", 1)[0],
             f"format {results.FORMAT}"]
    lines += [f"{name} {code_digest((ROOT / 'sitebuild' / f'{name}.py').read_text())}"
              for name in MODULES]
    return "\n".join(lines) + "\n"


def test_results_format_is_decided_for_the_current_code():
    """결과를 만드는 코드가 바뀌었는데 형식 번호를 정하지 않았으면 실패한다."""
    expected = lock_text()
    assert LOCK.read_text(encoding="utf-8") == expected, (
        "the code that makes a run's results changed. If a run's results can "
        "differ now, bump FORMAT in sitebuild/results.py; then write this into "
        f"{LOCK.relative_to(ROOT)}:\n\n{expected}")


def test_comments_and_docstrings_do_not_count_but_code_does():
    """주석과 독스트링은 지문에 들지 않고, 코드 한 글자는 드는지 확인한다."""
    source = '"""모듈."""\n\ndef f(x):\n    """함수."""\n    return x + 1  # 하나 더\n'
    digest = code_digest(source)
    assert code_digest(source.replace("하나 더", "1을 더한다").replace("함수.", "f")) == digest
    assert code_digest(source.replace("x + 1", "x + 2")) != digest
    assert code_digest(source.replace('"""함수."""\n    ', "")) == digest


def test_the_cache_key_holds_the_format_not_the_package_bytes(tmp_path, monkeypatch):
    """형식 번호를 올리면 환경 지문이 바뀌는지 확인한다(패키지 파일은 읽지 않는다)."""
    from sitebuild import keys

    before = keys.fingerprint(tmp_path)
    monkeypatch.setattr(keys, "FORMAT", results.FORMAT + 1)
    assert keys.fingerprint(tmp_path) != before
