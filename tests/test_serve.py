"""`mkdocs serve --dirty`이 고친 페이지만 다시 빌드하는지 작은 시험용 사이트로 확인한다.

serve 하나를 모듈의 테스트들이 함께 쓴다. 테스트마다 자기만의 글을 넣고 그 결과만
확인하므로 순서에 기대지 않는다.
"""

import json
import os
import signal
import subprocess
import sys
import time
import types
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import build_env, edit, fixture_site
from tests.test_fixture_site import free_port, wait_for


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`mkdocs serve --dirty` of a fixture site; its temporary folder (and so
    the served site folder, mkdocs_*) under the test's own TMPDIR."""
    tmp_path = tmp_path_factory.mktemp("serve")
    project = fixture_site(tmp_path / "project")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    log = tmp_path / "serve.log"
    env = build_env(tmp_path / "cache", {"TMPDIR": str(scratch)})
    with open(log, "w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty",
             "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=err,
            stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "demo/", "값: 42", seconds=120)
        yield Served(project, url, log, scratch)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Served:
    def __init__(self, project, url, log, scratch):
        self.project, self.url, self.log, self.scratch = project, url, log, scratch

    @property
    def site(self) -> Path:
        (site,) = self.scratch.glob("mkdocs_*")
        return site

    def built(self) -> dict[str, int]:
        """Modification time of each built page."""
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns
                for p in self.site.rglob("index.html")}

    def log_since(self, start: int) -> str:
        return self.log.read_text(encoding="utf-8")[start:]

    def log_size(self) -> int:
        return len(self.log.read_text(encoding="utf-8"))

    def wait_for_log(self, start: int, text: str, seconds=60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.log_since(start):
                return self.log_since(start)
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never logged:\n{self.log_since(start)}")

    def search(self) -> list[dict]:
        with urllib.request.urlopen(self.url + "search/search_index.json",
                                    timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))["docs"]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_prose_edit_rebuilds_only_that_page(served):
    """글을 고치면 그 페이지만 다시 빌드되고 다른 페이지의 HTML은 그대로인지 확인한다."""
    before, start = served.built(), served.log_size()
    append(served.project / "docs" / "demo.md", "고친 문장 하나입니다.")
    wait_for(served.url + "demo/", "고친 문장 하나입니다.")
    log = served.wait_for_log(start, "Reloading browsers")
    after = served.built()
    assert "serve: rebuilding demo.md" in log
    assert "full rebuild" not in log
    assert after["demo/index.html"] > before["demo/index.html"]
    assert after["index.html"] == before["index.html"]
    # the follow-up build (notebooks, Korean search segmentation) comes by itself
    served.wait_for_log(start, "serve: rebuilding no page")


def test_search_index_keeps_every_page(served):
    """글을 고친 뒤에도 검색 색인에 모든 페이지의 낱말이 있고, 고친 페이지는 한 번만
    들어 있는지 확인한다."""
    start = served.log_size()
    append(served.project / "docs" / "demo.md", "검색될 새 낱말 오리너구리입니다.")
    wait_for(served.url + "demo/", "오리너구리")
    served.wait_for_log(start, "Reloading browsers")
    docs = served.search()
    texts = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert "오리너구리" in texts  # the page just rebuilt
    assert "코드가 없는 페이지입니다" in texts  # the page that was not
    assert [d["location"] for d in docs].count("demo/") == 1
    assert [d["location"] for d in docs].count("") == 1


def test_snippet_edit_shows_new_output(served):
    """스니펫을 고치면 그 스니펫을 쓰는 페이지가 글은 그대로여도 새 출력으로 다시
    빌드되는지 확인한다."""
    helper = served.project / "snippets" / "helper.py"
    before, start = served.built(), served.log_size()
    edit(helper, "VALUE = 21", "VALUE = 50")
    try:
        page = wait_for(served.url + "demo/", "값: 100")
        assert "값: 42" not in page
        log = served.wait_for_log(start, "Reloading browsers")
        assert "serve: rebuilding demo.md (its code or results changed)" in log
        assert served.built()["index.html"] == before["index.html"]
    finally:
        edit(helper, "VALUE = 50", "VALUE = 21")
        wait_for(served.url + "demo/", "값: 42")


def test_snippet_error_shows_in_the_page_and_goes_away(served):
    """스니펫이 예외를 내면 글이 그대로인 페이지도 오류 상자와 함께 다시 빌드되고, 고치면
    오류 상자가 사라지는지 확인한다."""
    snippet = served.project / "snippets" / "demo.py"
    edit(snippet, "VALUE * 2", "VALUE / 0")
    try:
        page = wait_for(served.url + "demo/", "예제 오류")
        assert "ZeroDivisionError" in page and "값: 42" not in page
    finally:
        edit(snippet, "VALUE / 0", "VALUE * 2")
    page = wait_for(served.url + "demo/", "값: 42")
    assert "예제 오류" not in page


def test_nav_change_rebuilds_everything(served):
    """mkdocs.yml의 nav를 고치면 모든 페이지가 다시 빌드되어 새 제목이 보이는지 확인한다."""
    config = served.project / "mkdocs.yml"
    before, start = served.built(), served.log_size()
    edit(config, "- 처음: index.md", "- 첫 화면: index.md")
    try:
        wait_for(served.url + "demo/", "첫 화면")  # in the nav of the other page
        log = served.wait_for_log(start, "Reloading browsers")
        assert "serve: full rebuild (mkdocs.yml" in log
        after = served.built()
        assert all(after[page] > before[page] for page in before)
        docs = served.search()
        assert {d["location"].partition("#")[0] for d in docs} >= {"", "demo/"}
    finally:
        edit(config, "- 첫 화면: index.md", "- 처음: index.md")
        wait_for(served.url + "demo/", "처음")


def test_search_merge_puts_back_the_pages_not_rebuilt(tmp_path):
    """부분 빌드의 검색 색인에 다시 빌드하지 않은 페이지의 항목을 지난 빌드에서 되살리고,
    다시 빌드한 페이지(주소가 빈 홈 페이지 포함)는 새 항목으로만 바꾸는지 확인한다."""
    from sitebuild.serve.rebuilds import Serve

    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    config = types.SimpleNamespace(site_dir=str(tmp_path))

    def written(docs):
        index.write_text(json.dumps({"config": {"lang": ["ko"]}, "docs": docs}),
                         encoding="utf-8")

    serve = Serve(examples=None)  # the merge reads no example room
    written([{"location": "", "title": "홈", "text": "옛 홈"},
             {"location": "#a", "title": "가", "text": "지운 절"},
             {"location": "mlp/", "title": "MLP", "text": "역전파"},
             {"location": "mlp/#b", "title": "나", "text": "은닉층"}])
    serve.on_post_build(config)  # a full build: its index as it is
    serve.full, serve.built = False, [""]
    written([{"location": "", "title": "홈", "text": "새 홈"}])
    serve.on_post_build(config)
    merged = json.loads(index.read_text(encoding="utf-8"))
    assert [d["location"] for d in merged["docs"]] == ["", "mlp/", "mlp/#b"]
    assert merged["docs"][0]["text"] == "새 홈"
    assert merged["config"] == {"lang": ["ko"]}


def test_new_and_deleted_page_rebuild_everything(served):
    """페이지를 더하거나 지우면 전체를 다시 빌드하는지 확인한다."""
    page = served.project / "docs" / "extra.md"
    start = served.log_size()
    page.write_text("# 더한 페이지\n\n새로 더한 페이지입니다.\n", encoding="utf-8")
    try:
        wait_for(served.url + "extra/", "새로 더한 페이지입니다.")
        served.wait_for_log(start, "serve: full rebuild (new extra.md)")
    finally:
        start = served.log_size()
        page.unlink()
    served.wait_for_log(start, "serve: full rebuild (extra.md gone)")
    deadline = time.monotonic() + 60
    while (served.site / "extra").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (served.site / "extra").exists()  # no stale page left
