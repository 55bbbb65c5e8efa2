"""sitebuild: 구간 추출, 페이지 계획, 실행, 캐시, 실패 처리를 확인한다."""

import json
import os
import re
import shutil
import time
from pathlib import Path

import markdown
import pytest

from sitebuild.pages import render
from sitebuild.run import engine, keys
from sitebuild.run.cache import Cache
from sitebuild.pages.plan import plan_page
from sitebuild.problems import BuildError
from sitebuild.run.results import sha256_file
from sitebuild.pages.sections import SnippetReader
from tests.helpers import ROOT, dedent

DEMO = dedent('''
    """엔진 테스트용 모듈."""
    # --8<-- [start:setup]
    import pathlib
    from snippets.helper import VALUE

    pathlib.Path(".runs.txt").open("a").write("run\\n")
    # --8<-- [end:setup]


    def main():
        # --8<-- [start:show]
        print("값:", VALUE * 2)
        # --8<-- [end:show]
        # --8<-- [start:draw]
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [VALUE, 0])
        # --8<-- [end:draw]
    ''')

PAGE = dedent('''
    # 시험 페이지

    ```python
    --8<-- "snippets/demo.py:setup"
    --8<-- "snippets/demo.py:show"
    ```

    <!-- ex:output demo.py:show -->
    ''')


def make_project(tmp_path, demo=DEMO, helper="VALUE = 21\n"):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "__init__.py").write_text("")
    (tmp_path / "snippets" / "demo.py").write_text(demo, encoding="utf-8")
    (tmp_path / "snippets" / "helper.py").write_text(helper)
    (tmp_path / "requirements.txt").write_text(
        (ROOT / "requirements.txt").read_text())
    return tmp_path


def plan(project, sections=("setup", "show", "draw"), page="demo.md"):
    text = "```python\n" + "".join(
        f'--8<-- "snippets/demo.py:{s}"\n' for s in sections) + "```\n"
    return plan_page(page, text, SnippetReader(project))


def build(project, sections=("setup", "show", "draw"), timeout=120, warm=None, runs=None):
    results, problems = engine.build_results(
        project, [plan(project, sections)], Cache(project / ".cache"), timeout=timeout,
        warm=warm, runs=runs)
    return results["demo.md"], problems


def sec(result, name):
    return result.sections[f"snippets/demo.py:{name}"]


def runs(project):
    path = project / ".runs.txt"  # hidden: not a project file, so writable
    return len(path.read_text().splitlines()) if path.exists() else 0


# Sections -------------------------------------------------------------------


@pytest.mark.parametrize("name, code, first_line", [
    ("setup", 'import pathlib\nfrom snippets.helper import VALUE\n\n'
              'pathlib.Path(".runs.txt").open("a").write("run\\n")\n', 3),
    ("show", 'print("값:", VALUE * 2)\n', 12),
    ("draw", "import matplotlib.pyplot as plt\n"
             "fig, ax = plt.subplots(figsize=(3, 2))\n"
             "ax.plot([0, 1], [VALUE, 0])\n", 15),
])
def test_section_code_and_lines(tmp_path, name, code, first_line):
    """구간을 들여쓰기 없이, 파일의 실제 줄 번호와 함께 꺼내는지 확인한다."""
    section = SnippetReader(make_project(tmp_path)).section("snippets/demo.py", name)
    assert section.code == code
    assert section.first_line == first_line
    assert len(section.lines) == len(code.rstrip("\n").split("\n"))
    assert DEMO.splitlines()[first_line - 1].strip() == code.splitlines()[0]


def test_line_map_skips_nested_markers(tmp_path):
    """구간 안에 다른 구간 표시가 끼어 있어도 줄 번호가 파일과 맞는지 확인한다."""
    text = dedent('''
        # --8<-- [start:outer]
        a = 1
        # --8<-- [start:inner]
        b = 2
        # --8<-- [end:inner]
        c = 3
        # --8<-- [end:outer]
        ''')
    project = make_project(tmp_path, demo=text)
    section = SnippetReader(project).section("snippets/demo.py", "outer")
    assert section.code == "a = 1\nb = 2\nc = 3\n"
    assert section.lines == (2, 4, 6)


@pytest.mark.parametrize("text, message", [
    ("x = 1\n", "no section 'a' (sections here: none)"),
    ("# --8<-- [start:b]\nx = 1\n# --8<-- [end:b]\n", "sections here: b"),
    ("# --8<-- [start:a]\nx = 1\n", "never closed"),
    ("# --8<-- [end:a]\n", "no section 'a'"),
])
def test_section_errors(tmp_path, text, message):
    """없는 구간, 닫히지 않은 구간은 파일 이름과 함께 오류가 나는지 확인한다."""
    project = make_project(tmp_path, demo=text)
    with pytest.raises(BuildError, match=re.escape(message)) as info:
        SnippetReader(project).section("snippets/demo.py", "a")
    assert str(info.value).startswith("snippets/demo.py: ")


def test_escaped_marker_is_text_as_for_pymdownx(tmp_path):
    """;로 막은 구간 표시는 pymdownx처럼 구간이 아니라 코드 줄로 다루는지 확인한다."""
    text = dedent('''
        # --8<-- [start:a]
        x = 1  # ;--8<-- [start:b]
        # --8<-- [end:a]
        ''')
    reader = SnippetReader(make_project(tmp_path, demo=text))
    assert reader.names("snippets/demo.py") == ["a"]
    assert reader.section("snippets/demo.py", "a").code == \
        "x = 1  # --8<-- [start:b]\n"


def snippet_sections():
    reader = SnippetReader(ROOT)
    return [(m.relative_to(ROOT).as_posix(), name)
            for m in sorted((ROOT / "snippets").glob("*.py"))
            for name in reader.names(m.relative_to(ROOT).as_posix())]


@pytest.mark.parametrize("module, name", snippet_sections())
def test_every_section_equals_what_pymdownx_shows(module, name):
    """엔진이 실행하는 코드가 pymdownx.snippets가 페이지에 넣는 코드와 바이트 단위로 같은지 확인한다."""
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True,
                              "dedent_subsections": True}})
    shown = md.preprocessors["snippet"].run([f'--8<-- "{module}:{name}"'])
    ours = SnippetReader(ROOT).section(module, name).code
    assert ours == "\n".join(shown) + "\n"


# Pages ----------------------------------------------------------------------


def test_plan_holds_blocks_markers_and_headings(tmp_path):
    """페이지를 한 번 읽어 코드 블록, 마커, 제목을 순서대로 담는지 확인한다."""
    project = make_project(tmp_path)
    page = plan_page("demo.md", PAGE + "\n## 둘째 {#two}\n", SnippetReader(project))
    assert page.problems == []
    assert [s.id for s in page.sections] == ["snippets/demo.py:setup",
                                             "snippets/demo.py:show"]
    (block,) = page.blocks
    assert block.code.endswith('print("값:", VALUE * 2)')
    (marker,) = page.markers
    assert (marker.kind, marker.section, marker.line) == (
        "output", "snippets/demo.py:show", 8)
    assert PAGE[marker.start:marker.end] == "<!-- ex:output demo.py:show -->"
    assert [(h.level, h.text) for h in page.headings] == [(1, "시험 페이지"), (2, "둘째")]
    assert page.title == "시험 페이지"


@pytest.mark.parametrize("extra, message", [
    ("<!-- ex:outptu demo.py:show -->", "unknown marker 'ex:outptu'"),
    ("<!-- ex:figure demo.py:show -->", "needs alt text"),
    ("<!-- ex:output demo.py -->", "needs a target"),
    ("<!-- ex:output demo.py:draw -->", "does not include"),
    ("<!-- ex:output demo.py:show -->", "repeats the one on line 8"),
    ('```python\n--8<-- "snippets/demo.py"\n```', "must name a section"),
    ('```python\n--8<-- "snippets/demo.py:3:5"\n```', "must name a section"),
    ('```python\n--8<-- "snippets/demo.py:show"\n```', "included twice"),
    ('```python\n--8<-- "snippets/demo.py:shwo"\n```',
     "include 'snippets/demo.py:shwo': snippets/demo.py: no section 'shwo' "
     "(sections here: setup, show, draw)"),
    ('```text\n--8<-- "snippets/demo.py:draw"\n```', "in a 'text' block"),
    ('--8<-- "snippets/demo.py:draw"', "outside a ```python code block"),
])
def test_page_problems_name_the_page_and_line(tmp_path, extra, message):
    """틀린 마커나 포함 구문은 페이지 이름과 줄을 담은 문제로 모이는지 확인한다."""
    project = make_project(tmp_path)
    page = plan_page("demo.md", PAGE + "\n" + extra + "\n", SnippetReader(project))
    (problem,) = page.problems
    assert message in problem.message
    # the marker's line, or the include's line inside its block
    assert problem.where == ("demo.md:11" if extra.startswith("```") else "demo.md:10")


def test_all_page_problems_are_collected(tmp_path):
    """한 페이지의 문제를 첫 번째에서 멈추지 않고 모두 모으는지 확인한다."""
    project = make_project(tmp_path)
    text = PAGE + "\n<!-- ex:outptu demo.py:show -->\n<!-- ex:output x.py -->\n"
    page = plan_page("demo.md", text, SnippetReader(project))
    assert [p.where for p in page.problems] == ["demo.md:10", "demo.md:11"]


def test_marker_inside_a_fence_is_an_example_not_a_marker(tmp_path):
    """코드 블록 안에 예로 적은 마커는 실제 마커로 보지 않는지 확인한다."""
    project = make_project(tmp_path)
    text = PAGE + "\n````markdown\n<!-- ex:output demo.py:nothing -->\n````\n"
    page = plan_page("demo.md", text, SnippetReader(project))
    assert page.problems == [] and len(page.markers) == 1


# Running and caching ------------------------------------------------------------


def test_run_captures_output_figure_and_deps(tmp_path):
    """구간별 출력과 그림(SVG)을 따로 모으고, 불러온 프로젝트 파일을 기록하는지 확인한다."""
    project = make_project(tmp_path)
    result, problems = build(project)
    assert problems == [] and not result.cached
    assert sec(result, "setup").stdout == ""
    assert sec(result, "show").stdout == "값: 42\n"
    assert sec(result, "show").figures == []
    (fig,) = sec(result, "draw").figures
    assert fig.path.read_bytes().startswith(b"<?xml")
    dark = fig.dark_path.read_bytes()  # 같은 그림의 어두운 화면용 판
    assert fig.dark_path.name == "demo-draw-1-dark.svg" and dark != fig.path.read_bytes()
    assert b"fill: #1e2129" in dark and b"fill: #ffffff" not in dark
    assert (fig.width, fig.height) == pytest.approx((288, 192), abs=30)
    assert set(result.deps) == {"snippets/__init__.py", "snippets/helper.py"}
    assert result.deps["snippets/helper.py"] == sha256_file(
        project / "snippets" / "helper.py")


def test_cache_hit_and_misses(tmp_path):
    """바뀐 것이 없으면 다시 실행하지 않고, 모듈·헬퍼·구간이 바뀌면 다시 실행하는지 확인한다."""
    project = make_project(tmp_path)
    build(project)
    assert runs(project) == 1
    again, _ = build(project)
    assert again.cached and runs(project) == 1
    assert sec(again, "show").stdout == "값: 42\n"

    (project / "snippets" / "helper.py").write_text("VALUE = 5\n")
    assert sec(build(project)[0], "show").stdout == "값: 10\n"
    assert runs(project) == 2

    demo = project / "snippets" / "demo.py"
    demo.write_text(DEMO.replace("VALUE * 2", "VALUE * 3"), encoding="utf-8")
    assert sec(build(project)[0], "show").stdout == "값: 15\n"
    assert runs(project) == 3

    build(project, sections=("setup", "show"))
    assert runs(project) == 4
    assert build(project, sections=("setup", "show"))[0].cached


def test_forked_and_cold_runs_give_the_same_results(tmp_path):
    """포크 서버에서 갈라져 나온 실행과 새 인터프리터의 실행이 같은 출력·그림·환경 기록을
    내는지, 그리고 정말 포크 서버의 자식으로 돌았는지 확인한다."""

    demo = DEMO.replace('print("값:", VALUE * 2)', 'import os\n    print("값:", VALUE * 2)\n'
                        '    # the run\'s supervisor (sitebuild.run.runner) is the child\n'
                        '    stat = open(f"/proc/{os.getppid()}/stat").read()\n'
                        '    open(".parent.txt", "w").write(stat.rsplit(")", 1)[1].split()[1])')
    results = {}
    runs = engine.Runs()  # a session's: its fork server outlives the call
    for warm in (True, False):
        (tmp_path / str(warm)).mkdir()
        project = make_project(tmp_path / str(warm), demo=demo)
        result, problems = build(project, warm=warm, runs=runs)
        assert problems == [] and not result.cached
        results[warm] = result
        parent = int((project / ".parent.txt").read_text())
        assert parent == (runs.server.pid if warm else os.getpid())
    server = runs.server
    runs.close()
    assert not server.alive() and runs.server is None
    forked, cold = results[True], results[False]
    assert forked.platform == cold.platform and forked.deps == cold.deps
    for sid, sec in cold.sections.items():
        other = forked.sections[sid]
        assert (other.stdout, other.stderr, other.warnings) == \
            (sec.stdout, sec.stderr, sec.warnings)
        assert [(f.name, f.sha256, f.dark_sha256) for f in other.figures] == \
            [(f.name, f.sha256, f.dark_sha256) for f in sec.figures]
    assert "numpy" not in server.modules  # only what the modules import
    assert "matplotlib.pyplot" in server.modules


HEAVY_DEMO = dedent('''
    """포크 서버가 미리 불러오는 라이브러리를 모두 쓰는 시험용 모듈."""
    # --8<-- [start:setup]
    {imports}
    import koreanize_matplotlib  # noqa: F401 - Korean labels, as the real pages
    import matplotlib.pyplot as plt
    import numpy as np
    # --8<-- [end:setup]


    def main():
        # --8<-- [start:show]
        keras.utils.set_random_seed(42)
        model = keras.Sequential([keras.layers.Input((2,)), keras.layers.Dense(3)])
        model.compile(loss="mse", optimizer="sgd")
        model.fit(np.ones((8, 2)), np.zeros((8, 3)), epochs=2, verbose=0)
        print(model.predict(np.ones((1, 2)), verbose=0).round(4))
        print(tensorflow.reduce_sum(tensorflow.ones(3)).numpy())
        print(sklearn.linear_model.Perceptron(random_state=0)
              .fit([[0, 0], [1, 1]], [0, 1]).coef_)
        # --8<-- [end:show]
        # --8<-- [start:draw]
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [1, 0], label="선")
        ax.legend()
        # --8<-- [end:draw]
    ''')


@pytest.mark.slow
def test_forked_equals_cold_with_every_library_the_real_pages_preload(tmp_path):
    """실제 페이지들의 스니펫이 포크 서버에 미리 불러오게 하는 모듈을 모두 import하는 작은
    페이지를, 포크 서버와 새 인터프리터에서 돌려 결과(출력, 경고, 그림의 바이트, 환경 기록)가
    같은지 확인한다. 실제 페이지를 두 번 돌리지 않고 같은 것을 보인다."""
    from sitebuild.run import forkserver

    real = forkserver.preloads(sorted((ROOT / "snippets").glob("*.py")))
    assert {"keras", "tensorflow", "matplotlib.pyplot"} <= {m for m in real}
    imports = "\n".join(f"import {m}" for m in real)
    demo = HEAVY_DEMO.replace("{imports}", imports)
    results = {}
    runs = engine.Runs()
    for warm in (True, False):
        (tmp_path / str(warm)).mkdir()
        project = make_project(tmp_path / str(warm), demo=demo)
        result, problems = build(project, warm=warm, runs=runs)
        assert problems == [] and not result.cached, problems
        results[warm] = result
    assert set(real) <= set(runs.server.modules)  # all preloaded, all forked
    runs.close()
    forked, cold = results[True], results[False]
    assert forked.platform == cold.platform and forked.deps == cold.deps
    for sid, sec in cold.sections.items():
        other = forked.sections[sid]
        assert (other.stdout, other.stderr, other.warnings) == \
            (sec.stdout, sec.stderr, sec.warnings), sid
        assert [(f.name, f.sha256, f.dark_sha256) for f in other.figures] == \
            [(f.name, f.sha256, f.dark_sha256) for f in sec.figures]
    assert "[[" in cold.sections["snippets/demo.py:show"].stdout


def test_runs_start_with_the_longest_page(tmp_path, monkeypatch):
    """캐시에 남은 지난 실행 시간이 긴 페이지부터 실행하고, 처음 보는 페이지는 맨 먼저
    실행하는지 확인한다."""
    project = make_project(tmp_path)
    cache = Cache(project / ".cache")
    plans = [plan(project, page=f"p{i}.md") for i in range(4)]
    for page, seconds in (("p0.md", 1.0), ("p1.md", 9.0), ("p3.md", 5.0)):
        cache.entry_dir(page).mkdir(parents=True)
        (cache.entry_dir(page) / "entry.json").write_text(json.dumps({"seconds": seconds}))
    started = []
    real = engine.run_page

    def recording(root, plan, out, timeout, server, runs):
        started.append(plan.page)
        return real(root, plan, out, timeout, server, runs)

    monkeypatch.setattr(engine, "run_page", recording)
    engine.build_results(project, plans, cache, workers=1)
    assert started == ["p2.md", "p1.md", "p3.md", "p0.md"]


def test_figures_are_byte_stable(tmp_path):
    """같은 코드를 두 번 실행하면 그림 파일이 바이트 단위로 같은지 확인한다."""
    project = make_project(tmp_path)
    fig = sec(build(project)[0], "draw").figures[0]
    first, first_dark = fig.path.read_bytes(), fig.dark_path.read_bytes()
    (project / "snippets" / "helper.py").write_text("VALUE = 21  # 같은 값\n")
    second, _ = build(project)
    assert not second.cached
    again = sec(second, "draw").figures[0]
    assert again.path.read_bytes() == first and again.dark_path.read_bytes() == first_dark


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory):
    """One good run of the demo project, for the tests that damage its cache."""
    project = make_project(tmp_path_factory.mktemp("demo"))
    return project, build(project)[0]


@pytest.mark.parametrize("damage", ["garble", "truncate", "figure", "dark figure"])
def test_damaged_cache_is_rebuilt(tmp_path, damage, built_demo):
    """깨지거나 잘린 캐시 항목은 쓰지 않고 다시 실행하는지 확인한다."""
    project = tmp_path / "project"
    shutil.copytree(built_demo[0], project)
    good, _ = build(project)
    assert good.cached and runs(project) == 1  # the copy's cache is whole
    folder = Cache(project / ".cache").entry_dir("demo.md")
    entry = folder / "entry.json"
    if damage == "garble":
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["sections"]["snippets/demo.py:show"]["stdout"] = "값: 999\n"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:40])
    else:
        figure = sec(good, "draw").figures[0]
        fig = folder / (figure.name if damage == "figure" else figure.dark_name)
        fig.write_bytes(fig.read_bytes()[:100])
    again, _ = build(project)
    assert not again.cached and runs(project) == 2
    assert sec(again, "show").stdout == "값: 42\n"
    assert build(project)[0].cached


def failure_of(project):
    result, problems = build(project)
    assert result.failure is not None
    assert not Cache(project / ".cache").entry_dir("demo.md").exists()  # not cached
    return result, [p for p in problems if not p.warning]


def test_failure_names_file_line_and_section(tmp_path):
    """예외가 나면 파일, 줄 번호, 구간, 예외를 담은 문제가 되고, 끝난 구간의 출력은 남는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'print("값:", VALUE / 0)')
    result, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert problem.where == "snippets/demo.py:12"
    assert problem.message.startswith("ZeroDivisionError: division by zero")
    assert "(section 'show', page demo.md)" in problem.message
    assert "ZeroDivisionError" in problem.details  # the short traceback
    assert list(result.sections) == ["snippets/demo.py:setup"]


def test_failure_in_a_called_function_names_both_lines(tmp_path):
    """구간이 부른 함수 안에서 난 오류는 그 줄과 구간의 줄을 함께 알려 주는지 확인한다."""
    demo = DEMO.replace("pathlib.Path(", "def half(x):\n    return x / 0\n\n\npathlib.Path(")
    demo = demo.replace('print("값:", VALUE * 2)', 'print("값:", half(VALUE))')
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert problem.where == "snippets/demo.py:7"  # return x / 0
    assert "called from line 16" in problem.message


def test_a_missing_package_names_it_and_the_install_command(tmp_path):
    """설치되지 않은 패키지를 import하면 그 패키지와 설치 명령을 알려 주는지 확인한다."""
    demo = DEMO.replace("import pathlib\n", "import pathlib\nimport no_such_package.sub\n")
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert problem.where == "snippets/demo.py:4"
    assert problem.message.startswith("ModuleNotFoundError: No module named 'no_such_package'")
    assert "The package that provides 'no_such_package' is not installed" in problem.message
    assert problem.message.endswith("pip install -r requirements.txt")


def test_a_typo_in_a_project_import_gets_no_install_notice(tmp_path):
    demo = DEMO.replace("from snippets.helper import", "from snippets.helpr import")
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert problem.message.startswith("ModuleNotFoundError: No module named 'snippets.helpr'")
    assert "pip install" not in problem.message


def test_syntax_error_names_the_real_line(tmp_path):
    """문법 오류도 파일의 실제 줄 번호로 알려 주는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'print("값:" VALUE)')
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert problem.where == "snippets/demo.py:12"
    assert problem.message.startswith("SyntaxError")


@pytest.mark.parametrize("warm", [True, False], ids=["forked", "cold"])
def test_hanging_snippet_times_out(tmp_path, warm):
    """멈춘 구간은 제한 시간이 지나면 파일과 구간 이름을 담은 문제로 끝나는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'import time\n    time.sleep(600)')
    project = make_project(tmp_path, demo=demo)
    # a cold interpreter must first reach the sleep (matplotlib's import alone
    # took over 3 s on a loaded 2-core machine)
    seconds = 3 if warm else 10
    start = time.monotonic()
    results, problems = engine.build_results(
        project, [plan(project)], Cache(project / ".cache"), timeout=seconds, warm=warm)
    assert time.monotonic() - start < 60
    (problem,) = problems
    assert problem.where == "snippets/demo.py:13"  # the line that was running
    assert f"timed out after {seconds} s (section 'show', page demo.md)" in problem.message


@pytest.mark.parametrize("warm", [True, False], ids=["forked", "cold"])
@pytest.mark.parametrize("how", ["", "start_new_session=True"])
def test_child_process_is_stopped_with_the_run(tmp_path, how, warm):
    """구간이 띄운 자식 프로세스(자기 세션을 만든 것도)가 실행이 끝난 뒤 남지 않고,
    경고로 알려지며, 물려받은 출력 파이프 때문에 빌드가 기다리지 않는지 확인한다."""
    demo = DEMO.replace(
        'print("값:", VALUE * 2)',
        'import subprocess, sys\n    child = subprocess.Popen([sys.executable, "-c", '
        f'"import time; time.sleep(300)"], {how})\n'
        '    open(".child.pid", "w").write(str(child.pid))'
        '\n    print("값:", VALUE * 2)')
    project = make_project(tmp_path, demo=demo)
    start = time.monotonic()
    result, problems = build(project, sections=("setup", "show"), warm=warm)
    assert time.monotonic() - start < 20
    pid = int((project / ".child.pid").read_text())
    time.sleep(0.2)
    stat = Path(f"/proc/{pid}/stat")
    # gone, or a zombie waiting for PID 1 to reap it: no longer running
    assert not stat.exists() or stat.read_text().rpartition(")")[2].split()[0] in "ZX"
    assert any("still running" in p.message and p.warning for p in problems)


@pytest.mark.parametrize("code, message", [
    ('open("docs/injected.md", "w").write("광고")',
     "may not write to the project file docs/injected.md"),
    ('open("snippets/demo.py", "a").write("# 덧붙임")',
     "may not write to the project file snippets/demo.py"),
    ('import os\n    os.remove("snippets/helper.py")',
     "may not change the project file snippets/helper.py (os.remove)"),
    ('import os\n    os.chdir("/")', "may not change the working directory to /"),
])
def test_examples_cannot_change_the_project(tmp_path, code, message):
    """구간이 프로젝트 파일을 쓰거나 지우거나 작업 폴더를 바꾸면, 그 줄에서 실패하고
    파일은 그대로인지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', code)
    project = make_project(tmp_path, demo=demo)
    (project / "docs").mkdir()
    before = {p: p.read_bytes() for p in project.rglob("*.py")}
    _, (problem,) = failure_of(project)
    assert problem.where == f"snippets/demo.py:{12 + code.count(chr(10))}"
    assert problem.message.startswith("PermissionError") and message in problem.message
    assert not (project / "docs" / "injected.md").exists()
    assert {p: p.read_bytes() for p in project.rglob("*.py")} == before


def test_a_data_file_the_section_reads_joins_the_cache_key(tmp_path):
    """구간이 읽은 데이터 파일이 바뀌면 캐시를 쓰지 않고 다시 실행하는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)',
                        'print(open("data/points.txt", encoding="utf-8").read())')
    project = make_project(tmp_path, demo=demo)
    (project / "data").mkdir()
    (project / "data" / "points.txt").write_text("1 2", encoding="utf-8")
    first, _ = build(project, sections=("setup", "show"))
    assert sec(first, "show").stdout == "1 2\n" and "data/points.txt" in first.deps
    (project / "data" / "points.txt").write_text("3 4", encoding="utf-8")
    again, _ = build(project, sections=("setup", "show"))
    assert not again.cached and sec(again, "show").stdout == "3 4\n"


@pytest.mark.parametrize("code, message", [
    ('print("가" * 17_000_000)', "printed more than 100,000 characters; a page shows at most"),
    ('print("빨강 \\x1b[31m글자")', "control character '\\x1b' to stdout (output line 1)"),
    ('print("a\\nb\\x00")', "control character '\\x00' to stdout (output line 2)"),
])
def test_output_a_page_cannot_show_fails_the_section(tmp_path, code, message):
    """아주 긴 출력과 제어 문자가 든 출력은 구간 이름을 담은 오류가 되고, 곧바로 끝나는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', code)
    start = time.monotonic()
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert time.monotonic() - start < 30
    assert problem.message.startswith("OutputError") and message in problem.message
    assert "section 'show'" in problem.message


def test_missing_hangul_glyph_fails(tmp_path):
    """한글 글꼴 없이 한글 라벨을 그리면 그림을 만들지 않고 실패하는지 확인한다."""
    demo = DEMO.replace("ax.plot([0, 1], [VALUE, 0])", 'ax.set_title("한글 제목")')
    _, (problem,) = failure_of(make_project(tmp_path, demo=demo))
    assert "section 'draw'" in problem.message and "Glyph" in problem.message


def test_warning_is_kept_with_file_and_line(tmp_path):
    """구간이 낸 경고를 파일·줄과 함께 기록하고, 캐시에서 읽어도 남는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)',
                        'import warnings\n    warnings.warn("조심")\n    print("값:", 42)')
    project = make_project(tmp_path, demo=demo)
    for _ in range(2):  # fresh, then from the cache
        result, problems = build(project)
        (warning,) = sec(result, "show").warnings
        assert (warning.category, warning.message, warning.file, warning.line) == (
            "UserWarning", "조심", "snippets/demo.py", 13)
        (problem,) = problems
        assert problem.warning and problem.where == "snippets/demo.py:13"
    assert result.cached


def test_check_requires_every_output_and_figure_placed(tmp_path):
    """출력이나 그림이 페이지 어디에도 놓이지 않으면 문제가 되고, 놓이면 그 자리에 들어가는지 확인한다."""
    project = make_project(tmp_path)
    result, _ = build(project)
    reader = SnippetReader(project)
    text = PAGE.replace('show"\n', 'show"\n--8<-- "snippets/demo.py:draw"\n')
    (problem,) = render.check(plan_page("demo.md", text, reader), result)
    assert "figure 1 of 'snippets/demo.py:draw'" in problem.message
    text += "<!-- ex:figure demo.py:draw 선 하나 -->\n"
    page = plan_page("demo.md", text, reader)
    assert render.check(page, result) == []
    out = render.render(page, text, result)
    assert '```text title="출력"\n값: 42\n```' in out
    # 두 가지 판: 밝은 화면용과 어두운 화면용(Material이 팔레트에 맞는 것만 보인다)
    assert "[![선 하나](figures/demo/demo-draw-1.svg#only-light){ .ex-figure" in out
    assert "[![선 하나](figures/demo/demo-draw-1-dark.svg#only-dark){ .ex-figure" in out
    assert "](figures/demo/demo-draw-1-dark.svg){ .ex-zoom }" in out  # 누르면 크게
    sub = plan_page("sub/demo.md", text, reader)
    assert "![선 하나](../figures/sub/demo/demo-draw-1.svg#only-light)" in render.render(
        sub, text, result)


def test_error_box_replaces_missing_outputs(tmp_path):
    """실행이 실패하면 출력 자리와 페이지 위에 파일·줄을 담은 오류 상자가 들어가는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'print("값:", VALUE / 0)')
    project = make_project(tmp_path, demo=demo)
    result, problems = build(project)
    page = plan_page("demo.md", PAGE, SnippetReader(project))
    out = render.render(page, PAGE, result, problems)
    assert "<!-- ex:output" not in out
    assert out.count('class="admonition failure ex-error"') == 2
    assert "<code>snippets/demo.py:12</code>" in out and "ZeroDivisionError" in out


def test_serve_neutralises_broken_includes(tmp_path):
    """serve에서 틀린 포함 줄은 코드 블록 안에서는 주석, 밖에서는 글 한 줄이 되어
    pymdownx가 멈추지 않는지 확인한다."""
    project = make_project(tmp_path)
    text = PAGE + '\n```python\n--8<-- "snippets/demo.py:shwo"\n```\n\n--8<-- "snippets/demo.py:draw"\n'
    page = plan_page("demo.md", text, SnippetReader(project))
    result, _ = build(project, sections=("setup", "show"))
    out = render.render(page, text, result, page.problems)
    assert "# (구간을 불러오지 못했습니다: snippets/demo.py:shwo)" in out
    assert "\n(구간을 불러오지 못했습니다: `snippets/demo.py:draw`)\n" in out
    assert out.count("--8<--") == 2  # only the two good includes are left


def test_an_installed_or_upgraded_distribution_changes_the_fingerprint(tmp_path, monkeypatch):
    """라이브러리를 새로 깔거나 버전을 바꾸면 환경 지문이 바뀌어 캐시를 쓰지 않는지 확인한다."""
    packages = tmp_path / "site-packages"
    packages.mkdir()
    monkeypatch.syspath_prepend(str(packages))
    before = keys.fingerprint(tmp_path)
    assert keys.fingerprint(tmp_path) == before  # stable
    (packages / "scipy-1.0.0.dist-info").mkdir()
    installed = keys.fingerprint(tmp_path)
    assert installed != before
    (packages / "scipy-1.0.0.dist-info").rename(packages / "scipy-1.1.0.dist-info")
    assert keys.fingerprint(tmp_path) not in (before, installed)
    assert "scipy-1.1.0.dist-info" in keys.installed_distributions()


def test_environment_is_recorded_with_the_outputs(tmp_path, monkeypatch):
    """출력을 만든 날짜(SOURCE_DATE_EPOCH)와 버전·장치를 기록하고 안내문에 쓰는지 확인한다."""
    import numpy

    from sitebuild.pages.render import note

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    project = make_project(tmp_path)
    env = build(project)[0].platform
    assert env.date == "1970-01-02"
    assert env.versions["numpy"] == numpy.__version__
    assert env.used_tensorflow is False and env.gpus == []
    assert env.cpu_count == os.cpu_count()
    text = note("sub/demo.md", env)
    assert "1970-01-02에" in text and f"NumPy {numpy.__version__}" in text
    assert "TensorFlow" not in text  # 이 페이지는 텐서플로를 쓰지 않았다
    assert "[실행 환경](../environment.md)" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "172800")
    assert not build(project)[0].cached  # 날짜가 바뀌면 다시 실행한다


def test_package_is_the_one_mkdocs_runs():
    """MkDocs가 mkdocs.yml의 플러그인으로 불러오는 빌드 패키지가 테스트가 불러오는 바로 그
    모듈인지 확인한다."""
    from mkdocs.config import load_config

    import sitebuild.run.engine
    from sitebuild.plugin import SitePlugin

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["handson-site"]
    assert type(plugin) is SitePlugin
    assert Path(sitebuild.run.engine.__file__).parent == ROOT / "sitebuild" / "run"
    names = list(config.plugins)  # after mkdocs-jupyter, whose notebook pages it mends
    assert names.index("handson-site") > names.index("mkdocs-jupyter")


def test_output_inside_an_answer_block_stays_in_the_block(tmp_path):
    """접힌 답(??? success) 안의 출력 마커가, 들여쓴 블록 안에 그대로 남는 출력으로
    바뀌는지(줄마다 같은 들여쓰기) 확인한다."""
    project = make_project(tmp_path)
    result, _ = build(project)
    reader = SnippetReader(project)
    body = PAGE.split("\n\n", 1)[1]  # the code block and its markers
    text = "# 시험 페이지\n\n??? success \"답 보기\"\n\n" + "".join(
        ("    " + line if line else line) + "\n" for line in body.splitlines())
    page = plan_page("demo.md", text, reader)
    assert page.problems == [] and len(page.markers) == 1
    out = render.render(page, text, result)
    assert '    ```text title="출력"\n    값: 42\n    ```' in out
    assert "\n값: 42" not in out  # no line fell out of the block


# Expected errors (ex:error) -------------------------------------------------

OLD_DEMO = dedent('''
    """책의 옛 코드를 보여 주는 시험용 모듈."""
    # --8<-- [start:setup]
    import pathlib
    import warnings

    pathlib.Path(".runs.txt").open("a").write("run\\n")
    # --8<-- [end:setup]


    def main():
        # --8<-- [start:old]
        kept = "앞에서 정한 값"
        raise TypeError("Dense() got an unexpected keyword <b>input_shape</b>")
        # --8<-- [end:old]
        # --8<-- [start:after]
        print("뒤 구간:", kept)
        # --8<-- [end:after]
        # --8<-- [start:warns]
        warnings.warn("old <i>save_format</i>", DeprecationWarning)
        warnings.warn("두 번째 경고")
        # --8<-- [end:warns]
        # --8<-- [start:quiet]
        quiet = 1
        # --8<-- [end:quiet]
    ''')


def old_page(errors=("old",), outputs=("after",), blocks=(("setup", "old"), ("after",))):
    """A page of OLD_DEMO's sections in ``blocks`` (one code block each), an
    ex:error marker for each of ``errors`` and an ex:output for ``outputs``."""
    text = "# 옛 코드\n\n" + "".join(
        "```python\n" + "".join(f'--8<-- "snippets/demo.py:{s}"\n' for s in block) + "```\n\n"
        for block in blocks)
    text += "".join(f"<!-- ex:error demo.py:{s} -->\n" for s in errors)
    text += "".join(f"<!-- ex:output demo.py:{s} -->\n" for s in outputs)
    return text


def build_text(project, text, page="demo.md"):
    """Run a page given as Markdown; (plan, result, every problem incl. check's)."""
    page_plan = plan_page(page, text, SnippetReader(project))
    assert page_plan.problems == []
    results, problems = engine.build_results(project, [page_plan], Cache(project / ".cache"))
    result = results[page]
    if result.failure is None:
        problems += render.check(page_plan, result)
    return page_plan, result, problems


def test_expected_error_is_recorded_and_the_run_goes_on(tmp_path):
    """ex:error로 표시한 구간의 예외는 빌드를 멈추지 않고 "형식: 메시지"로 기록되며,
    뒤 구간이 그 구간이 예외 앞에서 정한 이름으로 계속 실행되고, 그 자리에 오류 표시가
    붙은 출력 블록이 들어가는지 확인한다."""
    project = make_project(tmp_path, demo=OLD_DEMO)
    text = old_page()
    page, result, problems = build_text(project, text)
    assert problems == [] and result.failure is None
    error = sec(result, "old").error
    assert error.text == "TypeError: Dense() got an unexpected keyword <b>input_shape</b>"
    assert (error.type, error.line) == ("TypeError", 13)
    assert sec(result, "after").stdout == "뒤 구간: 앞에서 정한 값\n"
    out = render.render(page, text, result)
    assert ('```{ .text .ex-expected-error title="지금 실행하면 나는 오류" }\n'
            "TypeError: Dense() got an unexpected keyword <b>input_shape</b>\n```") in out
    assert '```text title="출력"\n뒤 구간: 앞에서 정한 값\n```' in out
    again = build_text(project, text)[1]  # from the cache: the same record
    assert again.cached and sec(again, "old").error == error and runs(project) == 1


def test_expected_error_that_no_longer_comes_fails_at_the_marker(tmp_path):
    """ex:error로 표시한 구간이 예외도 경고도 내지 않으면 페이지·마커 줄·구간을 밝힌 문제가
    되는지 확인한다."""
    project = make_project(tmp_path, demo=OLD_DEMO)
    text = old_page(errors=("quiet",), outputs=(), blocks=(("setup", "quiet"),))
    _, result, problems = build_text(project, text)
    assert result.failure is None and sec(result, "quiet").error is None
    (problem,) = problems
    assert not problem.warning and problem.where == "demo.md:8"
    assert problem.message == ("section 'demo.py:quiet' was marked ex:error but ran "
                               "without an error or a warning")


def test_a_section_that_raises_without_the_marker_still_fails(tmp_path):
    project = make_project(tmp_path, demo=OLD_DEMO)
    _, result, problems = build_text(project, old_page(errors=()))
    (problem,) = problems
    assert problem.where == "snippets/demo.py:13" and problem.message.startswith("TypeError")
    assert list(result.sections) == ["snippets/demo.py:setup"]


def test_expected_warnings_are_the_message_not_build_warnings(tmp_path):
    """ex:error 구간이 낸 경고는 한 줄에 하나씩 기대한 메시지로 기록되고 빌드 경고(--strict
    실패)가 되지 않지만, 표시 없는 구간의 같은 경고는 여전히 빌드 경고인지 확인한다."""
    project = make_project(tmp_path, demo=OLD_DEMO)
    text = old_page(errors=("warns",), outputs=(), blocks=(("setup", "warns"),))
    page, result, problems = build_text(project, text)
    assert problems == []
    error = sec(result, "warns").error
    assert error.text == ("DeprecationWarning: old <i>save_format</i>\n"
                          "UserWarning: 두 번째 경고")
    assert not error.raised and sec(result, "warns").warnings == []
    assert '{ .text .ex-expected-error title="지금 실행하면 나는 경고" }' in render.render(
        page, text, result)
    _, unmarked, problems = build_text(project, old_page(errors=(), outputs=(),
                                                         blocks=(("setup", "warns"),)))
    assert [(p.where, p.warning) for p in problems] == [
        ("snippets/demo.py:19", True), ("snippets/demo.py:20", True)]
    assert sec(unmarked, "warns").error is None


def test_the_cache_key_holds_which_sections_expect_an_error(tmp_path):
    """구간에 ex:error 마커를 달거나 떼면 캐시 키가 바뀌어, 다른 약속으로 돈 결과를 다시
    쓰지 않는지 확인한다."""
    project = make_project(tmp_path, demo=OLD_DEMO)
    reader = SnippetReader(project)
    blocks = (("setup", "warns"),)
    marked = old_page(errors=("warns",), outputs=(), blocks=blocks)
    unmarked = old_page(errors=(), outputs=(), blocks=blocks)
    env = keys.fingerprint(project)
    key = keys.page_key(project, plan_page("demo.md", marked, reader), env)
    assert key != keys.page_key(project, plan_page("demo.md", unmarked, reader), env)
    assert key["expect_error"] == ["snippets/demo.py:warns"]
    first = build_text(project, unmarked)[1]
    assert sec(first, "warns").warnings and runs(project) == 1
    second = build_text(project, marked)[1]
    assert not second.cached and runs(project) == 2 and sec(second, "warns").error
    third = build_text(project, unmarked)[1]
    assert not third.cached and runs(project) == 3 and sec(third, "warns").error is None


@pytest.mark.parametrize("extra, message", [
    ("<!-- ex:error demo.py:setup -->", "must be the last section of its code block"),
    ("<!-- ex:error demo.py:old 설명 -->", "error marker takes only 'module.py:section'"),
    ("<!-- ex:error demo.py:old -->", "repeats the one on line"),
    ("<!-- ex:eror demo.py:old -->",
     "unknown marker 'ex:eror' (known: ex:output, ex:figure, ex:error)"),
])
def test_error_marker_problems(tmp_path, extra, message):
    """ex:error 마커의 잘못(코드 블록 마지막이 아닌 구간, 덧붙인 글, 되풀이, 오타)이
    페이지·줄을 담은 문제가 되는지 확인한다."""
    project = make_project(tmp_path, demo=OLD_DEMO)
    text = old_page() + extra + "\n"
    page = plan_page("demo.md", text, SnippetReader(project))
    (problem,) = page.problems
    assert message in problem.message and problem.where == "demo.md:14"
    fenced = old_page() + "\n```markdown\n" + extra + "\n```\n"
    assert plan_page("demo.md", fenced, SnippetReader(project)).problems == []


def test_the_guard_is_not_an_expected_error(tmp_path):
    """ex:error 구간이라도 울타리가 막은 쓰기(PermissionError)는 기대한 오류가 아니라
    빌드 실패인지 확인한다."""
    demo = OLD_DEMO.replace('kept = "앞에서 정한 값"', 'open("snippets/demo.py", "a")')
    project = make_project(tmp_path, demo=demo)
    _, result, problems = build_text(project, old_page())
    (problem,) = problems
    assert problem.message.startswith("PermissionError") and result.failure is not None


def test_an_exception_without_a_message_is_its_type_alone():
    """메시지 없는 예외는 파이썬이 찍는 대로 형식 이름만 보여 주는지 확인한다."""
    from sitebuild.run.protocol import ExpectedError, WarningInfo

    assert ExpectedError([], "StopIteration", "", 3).text == "StopIteration"
    warned = WarningInfo("FutureWarning", "곧 바뀝니다", "x.py", 1)
    assert ExpectedError([warned], "ValueError", "값", 3).text == \
        "FutureWarning: 곧 바뀝니다\nValueError: 값"
