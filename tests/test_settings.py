"""빌드 설정(EXAMPLES_TIMEOUT, EXAMPLES_MEMORY, 캐시 폴더)의 잘못된 값이 무엇이 틀렸는지
밝히는 오류가 되는지, 빌드 없이 확인한다. 빌드가 그 오류를 트레이스백 없이 한 줄로 보여
주는 것은 tests/test_fixture_site.py가 값 하나씩으로 확인한다."""

import pytest
from mkdocs.exceptions import PluginError

from sitebuild import examples
from sitebuild.run import guard
from sitebuild.run.cache import Cache


@pytest.mark.parametrize("value", ["3분", "0", "-5", "nan", "inf", ""])
def test_bad_timeout_setting_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("EXAMPLES_TIMEOUT", value)
    with pytest.raises(PluginError, match="EXAMPLES_TIMEOUT must be a positive number of "
                                          f"seconds, not '{value}'"):
        examples.timeout()


@pytest.mark.parametrize("value, seconds", [("4", 4.0), ("0.5", 0.5), (" 90 ", 90.0)])
def test_a_good_timeout_is_read(monkeypatch, value, seconds):
    monkeypatch.setenv("EXAMPLES_TIMEOUT", value)
    assert examples.timeout() == seconds


@pytest.mark.parametrize("value", ["lots", "0", "12Q", "-1G", "1K", "nan"])
def test_bad_memory_setting_is_a_clear_error(value):
    with pytest.raises(ValueError, match="EXAMPLES_MEMORY must be a size like 8G or 512M "
                                         rf"\(at least 1M\), not '{value}'"):
        guard.memory_limit(value)


@pytest.mark.parametrize("value, size", [("8G", 8 << 30), ("512M", 512 << 20),
                                         ("1073741824", 1 << 30), ("2GiB", 2 << 30), ("", None)])
def test_a_good_memory_setting_is_read(value, size):
    assert guard.memory_limit(value) == (guard.DEFAULT_MEMORY if size is None else size)


def test_the_build_checks_the_memory_setting_before_any_run(monkeypatch):
    monkeypatch.setenv("EXAMPLES_MEMORY", "12Q")
    with pytest.raises(PluginError, match="EXAMPLES_MEMORY must be a size"):
        examples.memory()


@pytest.mark.parametrize("folder", ["a-file/examples", "/proc/examples-cache"])
def test_an_unusable_cache_folder_says_why(tmp_path, folder):
    (tmp_path / "a-file").write_text("폴더가 아니라 파일")
    assert Cache(tmp_path / folder).unusable()


def test_a_writable_cache_folder_is_usable(tmp_path):
    assert Cache(tmp_path / "cache").unusable() is None
