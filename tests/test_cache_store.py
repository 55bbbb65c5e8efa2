"""sitebuild.store: 캐시 파일이 어떻게 망가져도 빌드는 멈추지 않고, 깨끗한 빌드와 같은
사이트를 내는지 확인한다."""

import hashlib
import os
import re
import shutil
import subprocess
import sys

import pytest

from sitebuild import store
from sitebuild.store import Store
from tests.helpers import ROOT, build_env, fixture_site

# Every way a cache file can be found broken, applied in turn to its files
DAMAGE = {
    "garbled": lambda p: p.write_bytes(bytes(b ^ 0x5A for b in p.read_bytes()) or b"\xff"),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "emptied": lambda p: p.write_bytes(b""),
    "a folder": lambda p: (p.unlink(), p.mkdir(), (p / "x").write_bytes(b"\x00")),
}


def _digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(project, site, cache):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
         str(project / "mkdocs-all-caches.yml"), "-d", str(site)],
        cwd=project, env=build_env(cache), capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_any_broken_cache_file_is_a_miss_and_the_site_is_the_same(tmp_path):
    """캐시 폴더의 모든 파일을 뒤섞고, 자르고, 비우고, 폴더로 바꿔도 다음 빌드가 성공하고
    깨끗한 빌드와 바이트까지 같은 사이트를 내는지 확인한다(예제, 노트북, 노트북 페이지,
    검색 형태소, 실습 도구 데이터, 수학 글꼴 캐시 모두)."""
    project = fixture_site(tmp_path / "project")
    shutil.copy(ROOT / "tests" / "fixture_site" / "mkdocs-all-caches.yml", project)
    for module in ("perceptron.py", "mlp.py"):  # the playground's export runs too
        shutil.copy(ROOT / "snippets" / module, project / "snippets" / module)
    cache = tmp_path / "cache"
    clean = _build(project, tmp_path / "clean", cache)
    assert clean.returncode == 0, clean.stderr
    kinds = {p.relative_to(cache).parts[0] for p in cache.rglob("*") if p.is_file()}
    assert {"demo", "playground__mlp", "_notebooks", "_notebook_pages", "_search",
            "_fonts"} <= kinds, kinds  # every cache of the build is in the test
    files = sorted(p for p in cache.rglob("*") if p.is_file())
    damage = list(DAMAGE.values())
    for number, path in enumerate(files):
        damage[number % len(damage)](path)
    again = _build(project, tmp_path / "again", cache)
    assert again.returncode == 0, again.stderr
    assert _digests(tmp_path / "again") == _digests(tmp_path / "clean")
    assert "running the examples of demo.md" in again.stderr  # its entry was damaged


@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_broken_stored_file_is_a_miss_with_its_reason(tmp_path, how, caplog):
    """저장한 파일이 망가지면 예외 없이 '없음'이 되고, 디버그 기록에 까닭이 남으며, 다시 쓸 수
    있는지 확인한다."""
    cache = Store(tmp_path)
    assert cache.put_json("_search/tokens.json", {"글": [1, 2]})
    assert cache.get_json("_search/tokens.json") == {"글": [1, 2]}
    DAMAGE[how](tmp_path / "_search" / "tokens.json")
    with caplog.at_level("DEBUG", logger="mkdocs.sitebuild.store"):
        assert cache.get_json("_search/tokens.json") is None
    assert re.search(r"_search/tokens\.json is a miss: \w", caplog.text), caplog.text
    assert cache.put_json("_search/tokens.json", {"글": [3]})  # a folder is replaced too
    assert cache.get_json("_search/tokens.json") == {"글": [3]}


def test_wrong_type_and_encoding_are_misses(tmp_path):
    """체크섬이 맞아도 JSON이 아니거나, UTF-8이 아니거나, 바라는 형이 아니면 '없음'인지 확인한다."""
    cache = Store(tmp_path)
    cache.put("a.json", "[1, 2]".encode())
    cache.put("b.json", "{}".encode("utf-16"))
    assert cache.get_json("a.json") is None and cache.get_json("a.json", list) == [1, 2]
    assert cache.get_json("b.json") is None


def test_publish_rewrites_only_what_differs(tmp_path):
    """다른 프로그램이 그대로 읽는 파일(노트북)은 내용이 같으면 건드리지 않고, 다르거나
    폴더로 바뀌었으면 새로 쓰는지 확인한다."""
    cache = Store(tmp_path)
    path = cache.publish("notebooks/a.ipynb", b"{}")
    stamp = path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))
    cache.publish("notebooks/a.ipynb", b"{}")
    assert path.stat().st_mtime_ns == stamp - 10**9  # the same bytes: left alone
    path.write_bytes(b"\xff\xfe")
    cache.publish("notebooks/a.ipynb", b"{}")
    assert path.read_bytes() == b"{}"
    path.unlink()
    path.mkdir()
    assert cache.publish("notebooks/a.ipynb", b"{}").read_bytes() == b"{}"


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    """원자적 쓰기가 끝나면 임시 파일이 남지 않고, 실패하면 옛 파일이 그대로인지 확인한다."""
    target = tmp_path / "a" / "b.bin"
    store.write_atomic(target, b"old")
    with pytest.raises(TypeError):
        store.write_atomic(target, "not bytes")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["b.bin"]
