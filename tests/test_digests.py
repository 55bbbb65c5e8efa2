"""sitebuild/digests.py: 코드가 바뀌었는지 묻는 규칙은 하나(주석과 독스트링을 뺀 코드)이고,
캐시마다 어떤 코드에 기대는지가 한곳(DEPENDS)에 적혀 있는지 확인한다."""

import shutil

import pytest

from sitebuild import digests
from sitebuild.digests import DEPENDS, code_digest
from tests.helpers import ROOT

PACKAGE = ROOT / "sitebuild"


def test_comments_and_docstrings_do_not_count_but_code_does():
    """주석과 독스트링은 지문에 들지 않고, 코드 한 글자는 드는지 확인한다."""
    source = '"""모듈."""\n\ndef f(x):\n    """함수."""\n    return x + 1  # 하나 더\n'
    digest = code_digest(source)
    assert code_digest(source.replace("하나 더", "1을 더한다").replace("함수.", "f")) == digest
    assert code_digest(source.replace("x + 1", "x + 2")) != digest
    assert code_digest(source.replace('"""함수."""\n    ', "")) == digest


def test_every_declared_file_is_there_and_the_results_lock_is_run():
    """DEPENDS가 적은 파일이 모두 있고, 결과 잠금이 run/ 폴더 전부(다크 그림의 테마만 빼고)인지
    확인한다."""
    for name, depends in DEPENDS.items():
        assert depends.files(), name
    results = {p.relative_to(PACKAGE).as_posix() for p in DEPENDS["results"].files()}
    run = {p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "run").glob("*.py")}
    assert results == run - {"run/figure_theme.py"}
    assert "run/engine.py" in results and "run/runner.py" in results


def test_a_missing_declared_file_names_itself(tmp_path):
    with pytest.raises(FileNotFoundError, match="sitebuild/run: declared in DEPENDS"):
        digests.of("results", package=tmp_path)


@pytest.fixture
def package(tmp_path):
    copy = tmp_path / "sitebuild"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("cache, path", [
    ("results", "run/guard.py"), ("results", "run/engine.py"),
    ("dark figures", "run/figure_theme.py"), ("mended notebook pages", "notebooks/mend.py"),
    ("math font", "polish/math_font.py"),
])
def test_a_code_edit_changes_its_caches_digest_and_a_comment_does_not(package, cache, path):
    """캐시가 기대는 파일의 코드를 고치면 그 캐시의 지문만 바뀌고, 주석·독스트링만 고치면
    어떤 지문도 바뀌지 않는지 확인한다."""
    before = {name: digests.of(name, package) for name in DEPENDS}
    file = package / path
    file.write_text('"""A new docstring."""\n# a new comment\n' + file.read_text(encoding="utf-8")
                    .split('"""', 2)[2].lstrip("\n"), encoding="utf-8")
    assert {name: digests.of(name, package) for name in DEPENDS} == before
    file.write_text(file.read_text(encoding="utf-8") + "\nCHANGED = 1\n", encoding="utf-8")
    after = {name: digests.of(name, package) for name in DEPENDS}
    assert {name for name in DEPENDS if after[name] != before[name]} == {cache}


def test_a_page_polish_edit_is_in_no_results_lock(package):
    """결과를 바꾸지 않는 곳(페이지 손질, 검색, serve)의 코드는 결과 잠금에 들지 않는다."""
    before = digests.of("results", package)
    for path in ("pages/render.py", "search/words.py", "serve/rebuilds.py", "polish/mathml.py"):
        edit(package / path, "from __future__ import annotations\n",
             "from __future__ import annotations\nCHANGED = 1\n")
    assert digests.of("results", package) == before


def test_the_run_fingerprint_follows_the_results_lock(monkeypatch, tmp_path):
    """환경 지문에 run/ 코드의 지문이 드는지 확인한다."""
    from sitebuild.run import keys

    before = keys.fingerprint(tmp_path)
    monkeypatch.setattr(digests, "of", lambda name, package=None: "another run/ code")
    assert keys.fingerprint(tmp_path) != before
