"""한 번의 시험용 빌드에 실패를 하나씩 품은 페이지를 여럿 넣고, 빌드가 그 모두를 파일과 줄과
함께 한꺼번에 보고하는지 여러 테스트가 같은 빌드를 읽어 확인한다.

실패마다 빌드를 따로 하면(예전 방식) 빌드 하나에 2–5초가 들었다. 여기서는 pytest 실행 한 번에
한 번만 빌드한다(pytest-xdist의 작업 프로세스들이 파일 잠금으로 한 빌드를 함께 쓴다). 실패
하나가 다른 실패를 가리지 않는다는 것도 이 빌드가 함께 보인다.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
from pathlib import Path

import pytest

from tests import shared_build
from tests.helpers import fixture_site, run_build

# case -> the code of its section 'run' (snippets/case_<case>.py, lines 2…)
CODE = {
    "raise": "print('시작')\nprint(1 / 0)\n",
    "writes_docs": ("import subprocess\nsubprocess.run(['sh', '-c', 'echo 광고 > docs/injected.md'])\n"
                    "print('썼다')\n"),
    "network": "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n",
    "allocation": "data = bytearray(1 << 30)\n",
    "flood": "for _ in range(2_000_000):\n    print('x' * 499)\n",
    # os.open relative to a folder descriptor: the guard refuses it at that line
    "dir_fd": ("import os\nd = os.open('snippets', os.O_RDONLY)\n"
               "f = os.open('../docs/index.md', os.O_RDWR, dir_fd=d)\n"
               "os.pwrite(f, b'#', 0)\n"),
    # a program (not Python under the guard) rewrites a page with as many bytes
    # and sets its time back: only the digest after the run sees it
    "same_size": ("import subprocess, sys\nsubprocess.run([sys.executable, '-c', "
                  "'import os\\nf = os.open(\"docs/target.md\", os.O_RDWR)\\n"
                  "st = os.stat(f)\\nos.pwrite(f, os.read(f, st.st_size).upper(), 0)\\n"
                  "os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))\\n'])\nprint('썼다')\n"),
    "import_link": "import snippets.evil  # noqa\n",
    "stopped": "print('이제는 잘 됩니다')\n",
}
TARGET = "# 과녁\n\nthis page is rewritten in capitals.\n"


def page(case: str, extra: str = "") -> str:
    return (f"# {case}\n\n```python\n--8<-- \"snippets/case_{case}.py:run\"\n```\n\n"
            f"<!-- ex:output case_{case}.py:run -->\n{extra}")


@pytest.fixture(scope="session")
def failed():
    """The fixture site with a page per failure, built once per pytest run
    (not strict): the first worker builds under a lock, the others read. It
    lives in the run's own folder that every worker shares (tests/conftest.py)."""
    tmp = Path(os.environ[shared_build.FOLDER_ENV]) / "failure-build"
    tmp.mkdir(exist_ok=True)
    with open(tmp / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tmp / "result.json").is_file():
            (tmp / "result.json").write_text(json.dumps(make_failed(tmp)), encoding="utf-8")
    result = json.loads((tmp / "result.json").read_text(encoding="utf-8"))
    return {**result, "site": Path(result["site"]), "ran": Path(result["ran"]),
            "index": result["index"].encode("utf-8")}


def make_failed(tmp: Path) -> dict:
    site = fixture_site(tmp / "project")
    config = site / "mkdocs.yml"  # no nav: every page is built; no demo page
    config.write_text(config.read_text(encoding="utf-8").split("\nnav:")[0] + "\n",
                      encoding="utf-8")
    (site / "docs" / "demo.md").unlink()
    (site / "docs" / "target.md").write_text(TARGET, encoding="utf-8")
    for case, code in CODE.items():
        (site / "snippets" / f"case_{case}.py").write_text(
            f"# --8<-- [start:run]\n{code}# --8<-- [end:run]\n", encoding="utf-8")
        marker = "\n<!-- ex:error case_stopped.py:run -->\n" if case == "stopped" else ""
        (site / "docs" / f"case-{case}.md").write_text(page(case, marker), encoding="utf-8")
    # code outside the repository: a link into snippets/ and a '../' include
    ran = tmp / "outside-ran"
    (tmp / "outside.py").write_text(
        f"# --8<-- [start:a]\nopen({str(ran)!r}, 'w').close()\nprint('OUTSIDE CODE')\n"
        "# --8<-- [end:a]\n", encoding="utf-8")
    (site / "snippets" / "evil.py").symlink_to(tmp / "outside.py")
    for name, spec in (("symlink", "snippets/evil.py:a"),
                       ("dot_dot", "snippets/../../outside.py:a")):
        (site / "docs" / f"case-{name}.md").write_text(
            f"# {name}\n\n```python\n--8<-- \"{spec}\"\n```\n", encoding="utf-8")
    (site / "docs" / "case-fence.md").write_text(
        "# 펜스\n\n```python\nprint('닫히지 않음')\n", encoding="utf-8")
    before = (site / "docs" / "index.md").read_text(encoding="utf-8")
    proc = run_build(site, tmp / "site", tmp / "cache", timeout=120, strict=False,
                     extra_env={"EXAMPLES_MEMORY": "256M"})
    return {"returncode": proc.returncode, "err": proc.stderr, "site": str(site),
            "ran": str(ran), "index": before}



def test_the_build_fails_with_every_problem_once(failed):
    """실패한 페이지 수만큼의 문제가 한 번씩 보고되고, 트레이스백은 예제의 것만 나오는지
    확인한다(빌드 자체가 넘어지지 않는다)."""
    assert failed["returncode"] != 0
    expected = len(CODE) + 3  # and the two outside includes, the unclosed fence
    assert f"Example build failed ({expected} problems)" in failed["err"], failed["err"]
    assert "running the examples of case-raise.md (not cached yet)" in failed["err"]


def test_raising_snippet_names_file_line_section_and_page(failed):
    assert ("snippets/case_raise.py:3: ZeroDivisionError: division by zero "
            "(section 'run', page case-raise.md)") in failed["err"]
    assert "Traceback" in failed["err"]  # the short traceback follows


def test_a_program_writing_into_docs_is_named(failed):
    assert ("docs/injected.md: changed while the examples ran: examples must not write "
            "into the project") in failed["err"]


def test_an_example_cannot_reach_the_network(failed):
    assert ("snippets/case_network.py:3: PermissionError: examples may not connect to "
            "127.0.0.1 port 9: the build runs offline") in failed["err"]


def test_a_run_has_a_memory_ceiling(failed):
    """EXAMPLES_MEMORY(256M)보다 큰 할당(1 GiB)은 그 줄의 MemoryError가 된다."""
    assert re.search(r"snippets/case_allocation.py:2: MemoryError.*page case-allocation.md",
                     failed["err"]), failed["err"]
    assert "at most 0.25 GiB" in failed["err"]


def test_a_print_flood_stops_at_the_streaming_cap(failed):
    assert ("snippets/case_flood.py:3: OutputError: the section printed more than 100,000 "
            "characters") in failed["err"]
    assert "page case-flood.md" in failed["err"]


def test_a_write_through_a_folder_descriptor_is_refused_at_its_line(failed):
    assert failed["site"].joinpath("docs", "index.md").read_bytes() == failed["index"]
    assert ("snippets/case_dir_fd.py:4: PermissionError: examples may not write to the "
            "project file docs/index.md") in failed["err"]


def test_a_same_size_write_with_the_time_set_back_is_caught(failed):
    target = failed["site"] / "docs" / "target.md"
    assert target.read_text(encoding="utf-8") == TARGET.upper()  # the program did write
    assert ("docs/target.md: changed while the examples ran: examples must not write "
            "into the project") in failed["err"]


@pytest.mark.parametrize("case, line, spec", [("symlink", 4, "snippets/evil.py:a"),
                                              ("dot_dot", 4, "snippets/../../outside.py:a")])
def test_code_from_outside_the_repository_never_runs(failed, case, line, spec):
    """snippets/ 밖을 가리키는 링크나 '../' 포함은 실행하지도 싣지도 않고 포함한 줄을 밝힌다."""
    assert not failed["ran"].exists()
    assert f"case-{case}.md:{line}: include '{spec}': " in failed["err"]
    assert "is outside the snippets folder" in failed["err"]
    assert "OUTSIDE CODE" not in failed["err"]


def test_importing_a_linked_module_is_refused_at_its_line(failed):
    assert not failed["ran"].exists()
    assert ("snippets/case_import_link.py:2: PermissionError: examples may not read "
            "snippets/evil.py, a link to ") in failed["err"]


def test_an_unclosed_fence_is_named(failed):
    """닫히지 않은 펜스는 '출력을 놓지 않았다'가 아니라 펜스를 연 줄을 밝힌다."""
    assert "case-fence.md:3: the code fence ``` opened here is never closed" in failed["err"]


def test_an_expected_error_that_stopped_coming_fails(failed):
    line = page("stopped", "\n<!-- ex:error case_stopped.py:run -->\n").split("\n").index(
        "<!-- ex:error case_stopped.py:run -->") + 1
    assert (f"case-stopped.md:{line}: section 'case_stopped.py:run' was marked ex:error but "
            "ran without an error or a warning") in failed["err"]
