"""작은 시험용 사이트(tests/fixture_site)로 빌드의 실패 경로와 mkdocs serve를 확인한다.

실제 사이트를 여러 번 처음부터 빌드하지 않고, 페이지 하나와 스니펫 두 개로 된 사이트를
진짜 훅으로 빌드한다.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.helpers import ROOT, build_env, edit, fixture_site, run_build


@pytest.fixture
def site(tmp_path):
    return fixture_site(tmp_path / "project")


def build(project, tmp_path, **kwargs):
    return run_build(project, tmp_path / "site", tmp_path / "cache", timeout=120, **kwargs)


def test_fixture_site_builds_with_output_and_figure(site, tmp_path):
    """시험용 사이트가 엄격 모드로 빌드되고, 출력과 그림이 제자리에 들어가는지 확인한다."""
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "값: 42" in html
    assert 'src="../figures/demo/demo-draw-1.svg#only-light"' in html
    assert 'src="../figures/demo/demo-draw-1-dark.svg#only-dark"' in html
    assert "&lt;!-- ex:output demo.py:nothing --&gt;" in html  # shown, not run
    assert (tmp_path / "site" / "figures" / "demo" / "demo-draw-1.svg").is_file()
    assert (tmp_path / "site" / "figures" / "demo" / "demo-draw-1-dark.svg").is_file()


def test_hanging_snippet_fails_build_after_timeout(site, tmp_path):
    """멈춘 스니펫은 제한 시간 뒤에 멈춘 구간의 파일·줄과 함께 빌드를 실패시키는지 확인한다."""
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)',
         '    import time\n    time.sleep(900)')
    start = time.monotonic()
    proc = build(site, tmp_path, extra_env={"EXAMPLES_TIMEOUT": "4"})
    assert time.monotonic() - start < 60
    assert proc.returncode != 0
    # the line that was running, not the section's first line
    assert "snippets/demo.py:10: RunError: timed out after 4 s (section 'show'" in proc.stderr


def test_every_problem_is_reported_together(site, tmp_path):
    """틀린 마커, 없는 구간, 그림 없는 구간, 예외가 한 번의 빌드에 모두 함께 보고되는지 확인한다."""
    page = site / "docs" / "demo.md"
    edit(page, "<!-- ex:output demo.py:show -->", "<!-- ex:outptu demo.py:show -->")
    edit(page, '"snippets/demo.py:draw"', '"snippets/demo.py:drwa"')
    index = site / "docs" / "index.md"  # a second page with a problem of its own
    index.write_text(index.read_text(encoding="utf-8") + dedent_page(), encoding="utf-8")
    edit(site / "snippets" / "demo.py", "VALUE * 2", "VALUE / 0")
    proc = build(site, tmp_path)
    assert proc.returncode != 0
    for expected in [
        "Example build failed (5 problems)",
        "index.md:9: section 'snippets/helper.py:value' drew no figure",
        "demo.md:11: unknown marker 'ex:outptu'",
        "demo.md:16: include 'snippets/demo.py:drwa': snippets/demo.py: no section "
        "'drwa' (sections here: setup, show, draw)",
        "demo.md:19: marker refers to 'demo.py:draw', but the page does not include",
        "snippets/demo.py:9: ZeroDivisionError",
    ]:
        assert expected in proc.stderr, expected
    lines = [proc.stderr.index(e) for e in ("demo.md:11", "demo.md:16", "demo.md:19")]
    assert lines == sorted(lines)  # in page order


def dedent_page():
    return ('\n```python\n--8<-- "snippets/helper.py:value"\n```\n\n'
            "<!-- ex:figure helper.py:value 그림이 없다 -->\n")


# One formula a build rejects by itself, one that only the page's Markdown
# breaks; each other kind is a unit test (tests/test_mathml.py).
@pytest.mark.parametrize("formula, message", [
    ("$\\frac{1}{2$", "demo.md: formula $\\frac{1}{2$ has a '{' that is never closed"),
    ("\n\n$$\ny = 2x\n\n+ 1\n$$\n\n", "demo.md: a '$$' was left as text near"),
])
def test_bad_formula_fails_the_build(site, tmp_path, formula, message):
    """잘못된 수식(닫히지 않은 괄호, 모르는 명령, 인자가 빠진 분수, 빈 줄로 끊긴
    $$ 블록)이 페이지 이름과 수식을 담은 오류로 빌드를 실패시키는지 확인한다."""
    edit(site / "docs" / "demo.md", "$y = 2x$", formula)
    proc = build(site, tmp_path)
    assert proc.returncode != 0
    assert message in proc.stderr, proc.stderr


def test_warning_fails_only_the_strict_build(site, tmp_path):
    """구간의 warnings.warn은 파일·줄과 함께 로그에 남고 --strict 빌드만 실패시키는지 확인한다."""
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)',
         '    import warnings\n    warnings.warn("곧 바뀝니다", FutureWarning)\n'
         '    print("값:", VALUE * 2)')
    proc = build(site, tmp_path, strict=False)
    assert proc.returncode == 0, proc.stderr
    line = ("WARNING -  snippets/demo.py:10: FutureWarning: 곧 바뀝니다 "
            "(section 'show', page demo.md)")
    assert line in proc.stderr
    proc = build(site, tmp_path)  # from the cache: the warning is still there
    assert proc.returncode != 0
    assert line in proc.stderr and "running the examples" not in proc.stderr


def add_expected_error(site, code: str) -> None:
    """A section 'old' (``code``, in main()) after 'show', in a code block of
    its own with an ex:error marker at demo.md:17."""
    edit(site / "snippets" / "demo.py", "    # --8<-- [end:show]\n",
         "    # --8<-- [end:show]\n    # --8<-- [start:old]\n" + code
         + "    # --8<-- [end:old]\n")
    edit(site / "docs" / "demo.md", "<!-- ex:output demo.py:show -->\n",
         '<!-- ex:output demo.py:show -->\n\n```python\n--8<-- "snippets/demo.py:old"\n'
         "```\n\n<!-- ex:error demo.py:old -->\n")
    assert (site / "docs" / "demo.md").read_text(encoding="utf-8").split("\n")[16] == \
        "<!-- ex:error demo.py:old -->"


def test_expected_error_is_shown_as_data_and_the_strict_build_passes(site, tmp_path):
    """ex:error 구간이 경고를 내고 예외를 던져도 엄격한 빌드가 통과하고, 페이지의 그 자리에
    오류 표시가 붙은 출력 블록이 경고와 예외를 한 줄씩(HTML은 글자로) 보여 주며, 뒤
    구간의 그림도 들어가고, 노트북 셀에는 raises-exception 태그와 error 출력이 붙는지
    확인한다."""
    add_expected_error(site, '    import warnings\n'
                             '    warnings.warn("옛 <i>방식</i>", DeprecationWarning)\n'
                             '    raise TypeError("옛 인자 <b>input_shape</b>")\n')
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "DeprecationWarning" not in proc.stderr  # expected: not a build warning
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    # (the real site's pymdownx.highlight adds language-text to the class too)
    assert ('ex-expected-error highlight"><span class="filename">'
            "지금 실행하면 나는 오류</span><pre><span></span><code>"
            "DeprecationWarning: 옛 &lt;i&gt;방식&lt;/i&gt;\n"
            "TypeError: 옛 인자 &lt;b&gt;input_shape&lt;/b&gt;\n</code></pre></div>") in html
    assert "<b>input_shape</b>" not in html and "<i>방식</i>" not in html
    assert 'src="../figures/demo/demo-draw-1.svg#only-light"' in html  # a later section
    path = tmp_path / "cache" / "_notebooks" / "notebooks" / "demo.ipynb"
    (cell,) = [c for c in nbformat.read(path, as_version=4).cells
               if c.cell_type == "code" and "raise TypeError" in c.source]
    assert cell.metadata["tags"] == ["raises-exception"]
    assert [(o.output_type, o.get("ename"), o.get("evalue"), o.get("text"))
            for o in cell.outputs] == [
        ("stream", None, None, "DeprecationWarning: 옛 <i>방식</i>\n"),
        ("error", "TypeError", "옛 인자 <b>input_shape</b>", None)]


@pytest.mark.parametrize("variable, value, message", [
    ("EXAMPLES_TIMEOUT", "3분", "EXAMPLES_TIMEOUT must be a positive number of seconds"),
    ("EXAMPLES_MEMORY", "lots", "EXAMPLES_MEMORY must be a size like 8G or 512M (at least 1M)"),
])
def test_bad_setting_is_a_clear_error(site, tmp_path, variable, value, message):
    """EXAMPLES_TIMEOUT에 양수가 아닌 값, EXAMPLES_MEMORY에 크기가 아닌 값을 주면 빌드가
    무엇이 틀렸는지 트레이스백 없이 알려 주는지 확인한다(다른 값들은 tests/test_settings.py의
    단위 테스트)."""
    proc = build(site, tmp_path, extra_env={variable: value})
    assert proc.returncode != 0
    assert f"{message}, not '{value}'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_two_cold_builds_are_byte_identical(site, tmp_path):
    """캐시 없이 두 번 빌드하면 사이트 전체가 바이트 단위로 같은지 확인한다."""
    sites = []
    for n in (1, 2):
        proc = run_build(site, tmp_path / f"site{n}", tmp_path / f"cache{n}")
        assert proc.returncode == 0, proc.stderr
        sites.append(tmp_path / f"site{n}")
    names = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert any(n.suffix == ".svg" for n in names) and any(n.suffix == ".ipynb" for n in names)
    assert [n for n in names if (sites[0] / n).read_bytes() != (sites[1] / n).read_bytes()
            or not (sites[1] / n).is_file()] == []


def test_unusable_cache_folder_is_one_clear_line(site, tmp_path):
    """쓸 수 없는 캐시 폴더는 예제를 돌리기 전에 폴더와 까닭을 담은 한 줄로 알려 주는지
    확인한다(/proc 아래 같은 다른 경우는 tests/test_settings.py)."""
    (tmp_path / "a-file").write_text("폴더가 아니라 파일")
    cache = tmp_path / "a-file/examples"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"),
         "-d", str(tmp_path / "site")], cwd=site, env=build_env(cache),
        capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert f"The examples' cache folder {cache} is unusable (" in proc.stderr
    assert "Traceback" not in proc.stderr and "running the examples" not in proc.stderr


def test_snippet_edit_changes_the_rebuilt_notebook(site, tmp_path):
    """스니펫을 고치면 다시 빌드한 노트북의 코드와 출력이 새것으로 바뀌는지 확인한다."""
    assert build(site, tmp_path).returncode == 0
    path = tmp_path / "cache" / "_notebooks" / "notebooks" / "demo.ipynb"

    def outputs():
        cells = nbformat.read(path, as_version=4).cells
        return "".join(o.get("text", "") for c in cells if c.cell_type == "code"
                       for o in c.outputs)

    assert "값: 42" in outputs() and "고친 뒤에 더한 줄" not in outputs()
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)\n',
         '    print("값:", VALUE * 2)\n    print("고친 뒤에 더한 줄")\n')
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "running the examples of demo.md" in proc.stderr
    assert "값: 42\n고친 뒤에 더한 줄" in outputs()
    code = "".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert 'print("고친 뒤에 더한 줄")' in code


def test_a_gone_page_leaves_no_cache_entry_or_notebook(site, tmp_path):
    """페이지를 지우고 다시 빌드하면 그 페이지의 캐시 항목과 노트북이 지워지는지 확인한다."""
    assert build(site, tmp_path).returncode == 0
    cache = tmp_path / "cache"
    assert (cache / "demo" / "entry.json").is_file()
    assert (cache / "_notebooks" / "notebooks" / "demo.ipynb").is_file()
    (site / "docs" / "demo.md").unlink()
    edit(site / "mkdocs.yml", "  - 예제: demo.md\n", "")
    proc = build(site, tmp_path, strict=False)  # index.md still links to it
    assert proc.returncode == 0, proc.stderr
    assert not (cache / "demo").exists()
    assert not (cache / "_notebooks" / "notebooks" / "demo.ipynb").exists()
    assert "removed the cached examples of a page that is gone: demo" in proc.stderr


def runners(tmp_path):
    """PIDs of the runs and fork servers of builds under ``tmp_path``.

    A cold run names its request (under ``tmp_path``) on its command line; a
    forked run and its fork server carry ``python -m sitebuild.run.forkserver``
    and the environment the server started with (its TMPDIR, under
    ``tmp_path``).
    """
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if b"sitebuild.run.runner" in args:
                mine = any(str(tmp_path).encode() in a for a in args)
            elif b"sitebuild.run.forkserver" in args:
                mine = str(tmp_path).encode() in (proc / "environ").read_bytes()
            else:
                continue
        except OSError:
            continue
        if mine:
            found.append(int(proc.name))
    return found


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_stopping_the_build_stops_its_run(site, tmp_path, how):
    """Ctrl-C로 멈추거나 kill -9로 죽인 빌드가 돌던 예제 프로세스와 임시 폴더를 남기지 않는지 확인한다."""
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)',
         '    import time\n    time.sleep(900)')
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"),
         "-d", str(tmp_path / "site")], cwd=site,
        env=build_env(tmp_path / "cache", {"TMPDIR": str(scratch)}),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("example-run-*/progress.txt")) or not runners(tmp_path):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.1)
    time.sleep(0.5)  # inside time.sleep(900)
    start = time.monotonic()
    proc.send_signal(how)
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while (runners(tmp_path) or list(scratch.glob("example-run-*"))) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert runners(tmp_path) == [] and list(scratch.glob("example-run-*")) == []
    assert time.monotonic() - start < 10


# mkdocs serve -------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, text, seconds=60):
    """Fetch ``url`` until it contains ``text``; return the page (each fetch bounded)."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}; last page:\n{body[-2000:]}")


@pytest.fixture
def served(tmp_path):
    """`mkdocs serve` of a fixture site, on its own copy of the build package."""
    project = fixture_site(tmp_path / "project")
    shutil.copytree(ROOT / "sitebuild", tmp_path / "pkg" / "sitebuild",
                    ignore=shutil.ignore_patterns("__pycache__"))
    port = free_port()
    env = build_env(tmp_path / "cache", {"PYTHONPATH": str(tmp_path / "pkg")})
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"),
        stdin=subprocess.DEVNULL)
    try:
        yield project, tmp_path / "pkg" / "sitebuild", f"http://127.0.0.1:{port}/demo/", \
            tmp_path / "serve.log"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serve_shows_the_error_in_the_page_and_recovers(served):
    """serve 중 예외가 나면 서버가 멈추지 않고 페이지에 오류 상자를 보이며, 고치면 원래대로
    돌아오는지 확인한다."""
    project, package, url, log = served
    wait_for(url, "값: 42")
    snippet = project / "snippets" / "demo.py"
    edit(snippet, "VALUE * 2", "VALUE / 0")
    page = wait_for(url, "예제 오류")
    assert "snippets/demo.py:9" in page and "ZeroDivisionError" in page
    assert "값: 42" not in page
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")  # the terminal too
    edit(snippet, "VALUE / 0", "VALUE * 2")
    page = wait_for(url, "값: 42")
    assert "예제 오류" not in page
    assert len(runners(project.parent)) == 1  # serve keeps its fork server
    # An edit of the build package (the plugin's code) needs a restart, and
    # the log says so; a comment alone is no change of code.
    edit(package / "run" / "engine.py", "# seconds a stopped run", "# (edited) seconds a stopped run")
    edit(project / "docs" / "demo.md", "값을", "값을 ")  # a rebuild (the package
    wait_for(url, "값: 42")  # copy is outside the fixture's watch list)
    assert "restart `mkdocs serve`" not in log.read_text(encoding="utf-8")
    edit(package / "pages" / "render.py", 'title="출력"', 'title="출력(새 코드)"')
    edit(project / "docs" / "demo.md", "값을 ", "값을")
    deadline = time.monotonic() + 60
    while "restart `mkdocs serve`" not in log.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    assert "the build package changed while serving (pages/render.py)" in log.read_text(
        encoding="utf-8")
    assert "출력(새 코드)" not in wait_for(url, "값: 42")  # the running code is the old one


def test_a_theme_edit_rethemes_every_dark_figure_without_a_run(site, tmp_path):
    """figure_theme.py의 색을 바꾸면 예제를 다시 실행하지 않고 어두운 그림만 새로 만들고,
    그 코드가 실패하면 그림 파일 이름과 함께 빌드가 실패하는지 확인한다(패키지 사본)."""
    package = tmp_path / "pkg" / "sitebuild"
    shutil.copytree(ROOT / "sitebuild", package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(package.parent)}
    figures = tmp_path / "site" / "figures" / "demo"

    def svgs():
        return [(figures / name).read_bytes() for name in ("demo-draw-1.svg",
                                                            "demo-draw-1-dark.svg")]

    first = build(site, tmp_path, extra_env=env)
    assert first.returncode == 0, first.stderr
    light, dark = svgs()
    assert b"#1e2129" in dark and b"#1e2129" not in light
    edit(package / "run" / "figure_theme.py", 'BACKGROUND = "#1e2129"', 'BACKGROUND = "#202830"')
    again = build(site, tmp_path, extra_env=env)
    assert again.returncode == 0, again.stderr
    assert "running the examples" not in again.stderr
    assert "made the dark figures of 1 page(s) anew" in again.stderr
    new_light, new_dark = svgs()
    assert new_light == light and b"#202830" in new_dark and b"#1e2129" not in new_dark
    third = build(site, tmp_path, extra_env=env)  # stored with the new theme
    assert "anew" not in third.stderr and svgs() == [light, new_dark]
    edit(package / "run" / "figure_theme.py", '    """Recolour ``fig`` and everything in it',
         '    raise ValueError("no colours today")\n    """')
    broken = build(site, tmp_path, extra_env=env)
    assert broken.returncode != 0 and "running the examples" not in broken.stderr
    assert "sitebuild/run/figure_theme.py: cannot make the dark figures of page demo.md anew" \
        in broken.stderr
    assert "demo-draw-1.pickle: ValueError: no colours today" in broken.stderr


def test_an_engine_comment_edit_reruns_no_page(site, tmp_path):
    """빌드 패키지(엔진)의 주석만 고치면 예제를 다시 실행하지 않고, run/ 폴더의 코드를
    한 줄 바꾸면 다시 실행하는지 확인한다(패키지 사본으로 빌드한다)."""
    package = tmp_path / "pkg" / "sitebuild"
    shutil.copytree(ROOT / "sitebuild", package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(package.parent)}
    first = build(site, tmp_path, extra_env=env)
    assert first.returncode == 0, first.stderr
    assert "running the examples of demo.md (not cached yet)" in first.stderr
    edit(package / "run" / "engine.py", "# seconds a stopped run has to clean up",
         "# how long a stopped run may take to clean up, in seconds;")
    again = build(site, tmp_path, extra_env=env)
    assert again.returncode == 0, again.stderr
    assert "running the examples" not in again.stderr
    edit(package / "run" / "results.py", "def sha256_bytes(data: bytes) -> str:\n",
         "def sha256_bytes(data: bytes) -> str:\n    data = bytes(data)\n")
    bumped = build(site, tmp_path, extra_env=env)
    assert "running the examples of demo.md (changed: fingerprint)" in bumped.stderr


COLAB_CONFIG = """\
INHERIT: mkdocs.yml
theme:
  name: material
  custom_dir: overrides
plugins:
  - mkdocs-jupyter:
      include: ["notebooks/*.ipynb"]
      ignore: ["*.md"]
      execute: false
      include_source: true
  - handson-site:
      korean_search: false
"""


@pytest.mark.slow
@pytest.mark.parametrize("published", [True, False], ids=["published", "local"])
def test_colab_button_where_the_site_says_where_it_is_published(site, tmp_path, published):
    """mkdocs.yml가 사이트 주소와 GitHub 저장소를 밝히면 장 페이지와 노트북 페이지에 그
    노트북을 여는 "Colab에서 열기" 단추가 있고 노트북이 페이지의 전체 주소를 적는지, 밝히지
    않으면 단추도 주소도 없는지 확인한다."""
    shutil.copytree(ROOT / "overrides", site / "overrides")
    config = COLAB_CONFIG + ("site_url: https://example.org/ch10/\n"
                             "repo_url: https://github.com/learner/ch10-site\n"
                             if published else "")
    (site / "mkdocs-colab.yml").write_text(config, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs-colab.yml"),
         "-d", str(tmp_path / "site")], cwd=site, env=build_env(tmp_path / "cache"),
        capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    chapter = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    notebook_page = (tmp_path / "site" / "notebooks" / "demo" / "index.html").read_text(
        encoding="utf-8")
    notebook = nbformat.read(tmp_path / "site" / "notebooks" / "demo" / "demo.ipynb",
                             as_version=4)
    colab = ("https://colab.research.google.com/github/learner/ch10-site/blob/gh-pages/"
             "notebooks/demo/demo.ipynb")
    assert "노트북으로 보기" in chapter  # the notebook links are there either way
    if published:
        assert f'href="{colab}"' in chapter and ">Colab에서 열기</a>" in chapter
        assert f'href="{colab}"' in notebook_page
        assert "https://example.org/ch10/demo/" in notebook.cells[0].source
    else:
        assert "colab.research.google.com" not in chapter + notebook_page
        assert "Colab에서 열기" not in chapter + notebook_page
        assert "https://" not in notebook.cells[0].source


def test_numbered_formulas_and_figures_can_be_linked_and_are_checked(site, tmp_path):
    """식과 그림에 번호와 앵커가 붙어 글에서 링크할 수 있고, 없는 번호로 가는 링크는 엄격한
    빌드가 잡는지 확인한다."""
    edit(site / "docs" / "demo.md", "예제처럼 보여 주기만",
         "$$\ny = 2x\n$$\n\n[식 (1)](#eq-1)과 [그림 1](#fig-1)을 보세요.\n\n예제처럼 보여 주기만")
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert '<div class="eq-anchor" id="eq-1"></div>' in html
    assert '</math><span class="eq-no">(1)</span></div>' in html
    assert '<p class="ex-caption" id="fig-1">그림 1</p>' in html
    edit(site / "docs" / "demo.md", "(#eq-1)", "(#eq-2)")
    proc = build(site, tmp_path)
    assert proc.returncode != 0 and "#eq-2" in proc.stderr
# Hostile examples (the hardening review) -------------------------------------


def jupyter_config(site) -> Path:
    """The fixture site with its notebook pages (mkdocs-jupyter), Kiwi off."""
    config = site / "mkdocs-notebooks.yml"
    config.write_text(
        "INHERIT: mkdocs.yml\nplugins:\n  - search\n  - mkdocs-jupyter:\n"
        '      include: ["notebooks/*.ipynb"]\n      ignore: ["*.md"]\n'
        "      execute: false\n      include_source: true\n      ignore_h1_titles: true\n"
        "      no_prompt: true\n  - handson-site:\n      korean_search: false\n",
        encoding="utf-8")
    return config


def add_answer(site, code: str, marker: str = "output") -> None:
    """A section 'leak' (``code``, in main()) shown in an exercise's answer
    (``??? success``) with an output marker under it."""
    edit(site / "snippets" / "demo.py", "    # --8<-- [end:show]\n",
         "    # --8<-- [end:show]\n    # --8<-- [start:leak]\n" + code
         + "    # --8<-- [end:leak]\n")
    edit(site / "docs" / "demo.md", "<!-- ex:output demo.py:show -->\n",
         '<!-- ex:output demo.py:show -->\n\n??? success "답"\n    ```python\n'
         '    --8<-- "snippets/demo.py:leak"\n    ```\n\n'
         f"    <!-- ex:{marker} demo.py:leak -->\n")


def test_an_output_cannot_break_out_of_its_fence_on_any_page(site, tmp_path):
    """답(??? success) 안의 출력과 코드에 ``` 줄이 있어도 장 페이지와 노트북 페이지 모두에서
    출력이 글자로만 보이고, 그 안의 <script>나 '# H'가 HTML이나 제목이 되지 않으며, 포함 구문도
    파일을 싣지 않는지 확인한다."""
    (site / ".env").write_text("SECRET_TOKEN=hunter2\n", encoding="utf-8")
    add_answer(site, '    print("```\\n<script>window.pwned = 1</script>\\n# H\\n```")\n'
                     """    print('--8\\x3c-- ".env"')\n""")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
         str(jupyter_config(site)), "-d", str(tmp_path / "site")],
        cwd=site, env=build_env(tmp_path / "cache"), capture_output=True, text=True,
        timeout=180)
    assert proc.returncode == 0, proc.stderr
    pages = [tmp_path / "site" / "demo" / "index.html",
             *(tmp_path / "site" / "notebooks").rglob("*.html")]
    assert len(pages) == 2, pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window.pwned" not in html, page
        assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html, page
        assert not re.search(r"<h1[^>]*>\s*H\b", html), page
        assert "hunter2" not in html and ".env" in html, page


# What an example prints that would be snippet syntax, were it Markdown: each
# line must be shown as it is, never expanded (mkdocs.yml, a .env, ...).
INCLUDE_LINES = ['--8<-- "mkdocs.yml"', "--8<--", ".env", "--8<--",
                 "x --8<-- [start:y] z", ';--8<-- "docs/index.md"', '  ---8<--- ".env"']


def test_an_output_cannot_include_a_file_of_the_project(site, tmp_path):
    """예제가 스니펫 포함 구문(--8<-- "mkdocs.yml", 블록 형식, 구간 표시, 이미 ;로 막은 줄)을
    출력해도 페이지에는 출력한 글자 그대로 보이고 저장소 파일(mkdocs.yml, .env)의 내용은
    실리지 않는지 확인한다."""
    (site / ".env").write_text("SECRET_TOKEN=hunter2\n", encoding="utf-8")
    # (written so that the snippet module holds no snippet syntax itself)
    lines = " + '\\n' + ".join(repr(line).replace("8<", "8\\x3c") for line in INCLUDE_LINES)
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)\n',
         f'    print("값:", VALUE * 2)\n    print({lines})\n')
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "hunter2" not in html and "시험용 사이트\n" not in html
    assert "theme:" not in html and "# 처음" not in html
    shown = re.search(r"<code>값: 42\n(.*?)</code>", html, re.S).group(1)
    import html as html_module

    assert html_module.unescape(re.sub(r"<[^>]+>", "", shown)).rstrip("\n").split("\n") \
        == INCLUDE_LINES


class _Payload:
    """A pickle that runs code when it is read: it creates ``path``."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        import os

        return os.mkdir, (self.path,)


def test_a_crafted_pickle_in_the_cache_never_runs(site, tmp_path):
    """캐시의 얼린 그림을 코드를 실행하는 pickle로 바꾸고 항목의 해시와 체크섬을 모두 다시
    계산해도, 테마가 바뀐 다음 빌드가 그 pickle을 읽지 않고(예제를 다시 실행해) 성공하며,
    figure_theme에 서명 없이 직접 넘긴 pickle도 풀지 않는지 확인한다."""
    import hashlib
    import json
    import pickle

    package = tmp_path / "pkg" / "sitebuild"  # a copy whose theme code can change
    shutil.copytree(ROOT / "sitebuild", package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {"PYTHONPATH": str(package.parent)}
    assert build(site, tmp_path, extra_env=env).returncode == 0
    ran = tmp_path / "pickle-ran"
    entry_path = tmp_path / "cache" / "demo" / "entry.json"
    frozen = tmp_path / "cache" / "demo" / "demo-draw-1.pickle"
    frozen.write_bytes(pickle.dumps(_Payload(str(ran))))
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    (fig,) = entry["sections"]["snippets/demo.py:draw"]["figures"]
    fig["frozen_sha256"] = hashlib.sha256(frozen.read_bytes()).hexdigest()
    body = {k: v for k, v in entry.items() if k != "checksum"}
    entry["checksum"] = hashlib.sha256(json.dumps(
        body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    entry_path.write_text(json.dumps(entry), encoding="utf-8")
    edit(package / "run" / "figure_theme.py", 'BACKGROUND = "#1e2129"', 'BACKGROUND = "#202830"')
    again = build(site, tmp_path, extra_env=env)
    assert again.returncode == 0, again.stderr
    assert not ran.exists()
    assert "running the examples of demo.md (cache entry is not signed" in again.stderr
    jobs = tmp_path / "jobs.json"  # straight to the themer: refused unsigned
    frozen.write_bytes(pickle.dumps(_Payload(str(ran))))
    jobs.write_text(json.dumps([[str(frozen), str(tmp_path / "dark.svg"), "hmac-sha256:0"]]))
    proc = subprocess.run([sys.executable, "-m", "sitebuild.run.figure_theme", str(jobs)],
                          cwd=site, capture_output=True, text=True, timeout=60,
                          env=dict(build_env(tmp_path / "cache"), **env))
    assert proc.returncode == 1 and not ran.exists()
    assert "demo-draw-1.pickle: PermissionError: not signed" in proc.stderr


def marked_processes(mark: str) -> list[int]:
    """PIDs of living processes whose command line holds ``mark``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if mark.encode() in (proc / "cmdline").read_bytes() and \
                    (proc / "stat").read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z":
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("how", ["timeout", signal.SIGINT, signal.SIGKILL],
                         ids=["timeout", "ctrl-c", "kill-9"])
def test_no_process_of_a_hostile_example_outlives_the_build(site, tmp_path, how):
    """SIGTERM을 무시하고 새 세션에서 자식을 띄운 뒤 멈추지 않는 예제도, 제한 시간이 지나거나
    빌드가 Ctrl-C·kill -9로 멈추면 그 자식까지 모두 끝나고 임시 폴더(example-run-*,
    example-uncached-*)도 남지 않으며, 제한 시간 오류는 돌고 있던 줄을 밝히는지 확인한다."""
    mark = f"hostile-child-{tmp_path.name}"
    edit(site / "snippets" / "demo.py", '    print("값:", VALUE * 2)',
         "    import signal, subprocess, sys, time\n"
         "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
         "    subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', "
         f"{mark!r}], start_new_session=True)\n"
         "    while True:\n"
         "        time.sleep(0.05)")
    # a second page whose run fails at once: its figures wait in example-uncached-*
    (site / "snippets" / "fails.py").write_text(
        "# --8<-- [start:boom]\nraise ValueError('boom')\n# --8<-- [end:boom]\n",
        encoding="utf-8")
    index = site / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + '\n```python\n--8<-- "snippets/fails.py:boom"\n```\n', encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"TMPDIR": str(scratch), "EXAMPLES_TIMEOUT": "4" if how == "timeout" else "60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"),
         "-d", str(tmp_path / "site")], cwd=site, env=build_env(tmp_path / "cache", env),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not marked_processes(mark) or not list(scratch.glob("example-uncached-*")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        if how != "timeout":
            time.sleep(0.5)
            proc.send_signal(how)
        _, err = proc.communicate(timeout=60)
        deadline = time.monotonic() + 10
        while (marked_processes(mark) or runners(tmp_path) or list(scratch.iterdir())) \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marked_processes(mark) == [] and runners(tmp_path) == []
        assert list(scratch.iterdir()) == []
        if how == "timeout":
            # the loop that was running (13 or 14), not the section's first line (9)
            assert re.search(r"snippets/demo.py:1[34]: RunError: timed out after 4 s", err), err
    finally:
        for pid in marked_processes(mark):
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


def test_a_huge_cache_file_is_a_miss_and_is_not_read(site, tmp_path):
    """캐시 항목 자리에 1 GiB 파일(희소 파일)이 있어도 빌드가 그것을 읽지 않고 캐시에 없음으로
    보아 예제를 다시 실행하며, 빌드 프로세스의 메모리가 그만큼 늘지 않는지 확인한다."""
    from tests.helpers import build_command

    assert build(site, tmp_path).returncode == 0
    with open(tmp_path / "cache" / "demo" / "entry.json", "wb") as entry:
        entry.truncate(1 << 30)
    # the build under a parent of its own that reports the largest memory of
    # its children (this test process may have had bigger ones)
    measure = ("import resource, subprocess, sys; proc = subprocess.run(sys.argv[1:]); "
               "print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run(
        [sys.executable, "-c", measure, *build_command(site, tmp_path / "site")], cwd=site,
        env=build_env(tmp_path / "cache"), capture_output=True, text=True, timeout=120)
    status, max_kib = map(int, proc.stdout.split())
    assert status == 0, proc.stderr
    assert "running the examples of demo.md (cache entry is unreadable)" in proc.stderr
    assert max_kib < 800 * 1024


def test_a_cache_folder_inside_docs_is_refused(site, tmp_path):
    """EXAMPLES_CACHE_DIR가 docs/ 안이면(캐시가 사이트에 실릴 자리) 예제를 돌리기 전에 분명한
    오류로 멈추는지 확인한다."""
    proc = run_build(site, tmp_path / "site", site / "docs" / "cache", timeout=120)
    assert proc.returncode != 0
    assert "is inside the docs folder" in proc.stderr and "running the examples" \
        not in proc.stderr
    assert not (site / "docs" / "cache").exists()


def test_alt_text_ending_in_a_backslash_keeps_the_figure(site, tmp_path):
    """그림 마커의 대체 글이 역슬래시로 끝나도 그림 마크업이 깨지지 않고 그 글이 그대로
    alt에 들어가는지 확인한다."""
    edit(site / "docs" / "demo.md", "내려가는 선 하나 -->", "내려가는 선 하나 C:\\ -->")
    proc = build(site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert html.count('alt="왼쪽 위에서 오른쪽 아래로 내려가는 선 하나 C:\\"') == 2
    assert 'src="../figures/demo/demo-draw-1.svg#only-light"' in html
