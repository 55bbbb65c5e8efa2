"""hooks/snippet_engine.py: 예제 엔진의 구간 추출, 마커, 캐시, 실패 처리를 확인한다."""

import dataclasses
import json
import os
import textwrap
import time
from pathlib import Path

import pytest

from hooks import snippet_engine as engine

ROOT = Path(__file__).resolve().parent.parent

DEMO = textwrap.dedent('''\
    """엔진 테스트용 모듈."""
    # --8<-- [start:setup]
    import pathlib
    from snippets.helper import VALUE

    pathlib.Path("runs.txt").open("a").write("run\\n")
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


def make_project(tmp_path, demo=DEMO, helper="VALUE = 21\n"):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "__init__.py").write_text("")
    (tmp_path / "snippets" / "demo.py").write_text(demo, encoding="utf-8")
    (tmp_path / "snippets" / "helper.py").write_text(helper)
    (tmp_path / "requirements.txt").write_text(
        (ROOT / "requirements.txt").read_text())
    return tmp_path


def build(project, sections=("setup", "show", "draw"), timeout=120):
    job = engine.Job("demo.md", tuple(("snippets/demo.py", s) for s in sections))
    cache = engine.Cache(project / ".cache")
    return engine.build_examples(project, [job], cache, timeout=timeout)["demo.md"]


def sec(result, name):
    return result.sections[f"snippets/demo.py:{name}"]


def runs(project):
    path = project / "runs.txt"
    return len(path.read_text().splitlines()) if path.exists() else 0


# Sections -------------------------------------------------------------------


@pytest.mark.parametrize("name, code, first_line", [
    ("setup", 'import pathlib\nfrom snippets.helper import VALUE\n\n'
              'pathlib.Path("runs.txt").open("a").write("run\\n")\n', 3),
    ("show", 'print("값:", VALUE * 2)\n', 12),
    ("draw", "import matplotlib.pyplot as plt\n"
             "fig, ax = plt.subplots(figsize=(3, 2))\n"
             "ax.plot([0, 1], [VALUE, 0])\n", 15),
])
def test_extract_section(name, code, first_line):
    """구간을 들여쓰기 없이, 파일의 실제 줄 번호와 함께 꺼내는지 확인한다."""
    section = engine.extract_section("snippets/demo.py", DEMO, name)
    assert section.code == code
    assert section.first_line == first_line
    assert DEMO.splitlines()[first_line - 1].strip() == code.splitlines()[0]


@pytest.mark.parametrize("text, message", [
    ("x = 1\n", "no section 'a'"),
    ("# --8<-- [start:a]\nx = 1\n", "never closed"),
    ("# --8<-- [end:a]\n", "ends before it starts"),
])
def test_extract_section_errors(text, message):
    """없는 구간, 닫히지 않은 구간은 파일 이름과 함께 오류가 나는지 확인한다."""
    with pytest.raises(engine.ExampleError, match=message) as info:
        engine.extract_section("snippets/x.py", text, "a")
    assert "snippets/x.py" in str(info.value)


def test_extract_section_matches_pymdownx():
    """엔진이 실행하는 코드가 pymdownx.snippets가 페이지에 넣는 코드와 같은지 확인한다."""
    import markdown

    text = (ROOT / "snippets" / "perceptron.py").read_text(encoding="utf-8")
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True,
                              "dedent_subsections": True}})
    for name in engine.section_names(text):
        shown = md.convert(f'--8<-- "snippets/perceptron.py:{name}"')
        md.reset()
        ours = engine.extract_section("snippets/perceptron.py", text, name).code
        plain = markdown.markdown(ours)
        assert shown == plain, name


# Pages ----------------------------------------------------------------------


PAGE = textwrap.dedent('''\
    ```python
    --8<-- "snippets/demo.py:setup"
    --8<-- "snippets/demo.py:show"
    ```

    <!-- ex:output demo.py:show -->
    ''')


def test_scan_page_finds_includes_and_markers():
    """페이지의 포함 구간과 마커를 순서대로 찾는지 확인한다."""
    plan = engine.scan_page("demo.md", PAGE)
    assert plan.includes == [("snippets/demo.py", "setup"),
                             ("snippets/demo.py", "show")]
    (marker,) = plan.markers
    assert (marker.kind, marker.module, marker.section, marker.line) == (
        "output", "snippets/demo.py", "show", 6)


@pytest.mark.parametrize("extra, message", [
    ("<!-- ex:outptu demo.py:show -->", "unknown marker 'ex:outptu'"),
    ("<!-- ex:figure demo.py:show -->", "needs alt text"),
    ("<!-- ex:output demo.py -->", "needs a target"),
    ("<!-- ex:output demo.py:draw -->", "does not include"),
    ('```python\n--8<-- "snippets/demo.py"\n```', "must name a section"),
    ('```python\n--8<-- "snippets/demo.py:3:5"\n```', "must name a section"),
    ('```python\n--8<-- "snippets/demo.py:show"\n```', "included twice"),
])
def test_scan_page_errors_name_the_page(extra, message):
    """틀린 마커나 포함 구문은 페이지 이름과 줄을 담은 오류가 되는지 확인한다."""
    with pytest.raises(engine.ExampleError, match=message) as info:
        engine.scan_page("demo.md", PAGE + "\n" + extra + "\n")
    assert str(info.value).startswith("demo.md:")


def test_one_job_per_page_with_code():
    """코드를 보여 주는 페이지마다 작업이 하나씩, 페이지 순서대로 생기는지 확인한다."""
    plans = [engine.scan_page("a.md", PAGE), engine.scan_page("b.md", "글만 있다"),
             engine.scan_page("c.md", PAGE)]
    jobs = engine.plan_jobs(plans)
    assert [job.page for job in jobs] == ["a.md", "c.md"]
    assert jobs[0].items == (("snippets/demo.py", "setup"),
                             ("snippets/demo.py", "show"))


# Running and caching ------------------------------------------------------------


def test_run_captures_output_and_figure(tmp_path):
    """구간별 출력과 그림(SVG)을 따로 모으는지 확인한다."""
    project = make_project(tmp_path)
    result = build(project)
    assert not result.cached
    assert sec(result, "setup").stdout == ""
    assert sec(result, "show").stdout == "값: 42\n"
    assert sec(result, "show").figures == []
    (fig,) = sec(result, "draw").figures
    assert fig.path.read_bytes().startswith(b"<?xml")
    assert (fig.width, fig.height) == pytest.approx((288, 192), abs=30)
    assert set(result.deps) == {"snippets/__init__.py", "snippets/helper.py"}
    assert result.deps["snippets/helper.py"] == engine.sha256_file(
        project / "snippets" / "helper.py")


def test_cache_hit_and_misses(tmp_path):
    """바뀐 것이 없으면 다시 실행하지 않고, 모듈·헬퍼·구간이 바뀌면 다시 실행하는지 확인한다."""
    project = make_project(tmp_path)
    build(project)
    assert runs(project) == 1
    again = build(project)
    assert again.cached and runs(project) == 1
    assert sec(again, "show").stdout == "값: 42\n"

    (project / "snippets" / "helper.py").write_text("VALUE = 5\n")
    assert sec(build(project), "show").stdout == "값: 10\n"
    assert runs(project) == 2

    demo = project / "snippets" / "demo.py"
    demo.write_text(DEMO.replace("VALUE * 2", "VALUE * 3"), encoding="utf-8")
    assert sec(build(project), "show").stdout == "값: 15\n"
    assert runs(project) == 3

    build(project, sections=("setup", "show"))
    assert runs(project) == 4
    assert build(project, sections=("setup", "show")).cached


def test_figures_are_byte_stable(tmp_path):
    """같은 코드를 두 번 실행하면 그림 파일이 바이트 단위로 같은지 확인한다."""
    project = make_project(tmp_path)
    first = sec(build(project), "draw").figures[0].path.read_bytes()
    (project / "snippets" / "helper.py").write_text("VALUE = 21  # 같은 값\n")
    second = build(project)
    assert not second.cached
    assert sec(second, "draw").figures[0].path.read_bytes() == first


@pytest.mark.parametrize("damage", ["garble", "truncate", "figure"])
def test_damaged_cache_is_rebuilt(tmp_path, damage):
    """깨지거나 잘린 캐시 항목은 쓰지 않고 다시 실행하는지 확인한다."""
    project = make_project(tmp_path)
    good = build(project)
    folder = engine.Cache(project / ".cache").entry_dir(good.job)
    entry = folder / "entry.json"
    if damage == "garble":
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["sections"]["snippets/demo.py:show"]["stdout"] = "값: 999\n"
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:40])
    else:
        fig = folder / sec(good, "draw").figures[0].name
        fig.write_bytes(fig.read_bytes()[:100])
    again = build(project)
    assert not again.cached and runs(project) == 2
    assert sec(again, "show").stdout == "값: 42\n"
    assert build(project).cached


def test_failure_names_file_line_and_section(tmp_path):
    """예외가 나면 파일, 줄 번호, 구간, 예외를 담은 오류가 되는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'print("값:", VALUE / 0)')
    project = make_project(tmp_path, demo=demo)
    with pytest.raises(engine.ExampleError) as info:
        build(project)
    message = str(info.value)
    assert "snippets/demo.py:12 (section 'show', page demo.md)" in message
    assert "ZeroDivisionError" in message
    assert not (project / ".cache" / "demo").exists()


def test_syntax_error_names_the_real_line(tmp_path):
    """문법 오류도 파일의 실제 줄 번호로 알려 주는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)', 'print("값:" VALUE)')
    project = make_project(tmp_path, demo=demo)
    with pytest.raises(engine.ExampleError, match=r"snippets/demo.py:12 .*SyntaxError"):
        build(project)


def test_hanging_snippet_times_out(tmp_path):
    """멈춘 구간은 제한 시간이 지나면 파일과 구간 이름을 담은 오류로 끝나는지 확인한다."""
    demo = DEMO.replace('print("값:", VALUE * 2)',
                        'import time\n    time.sleep(600)')
    project = make_project(tmp_path, demo=demo)
    start = time.monotonic()
    with pytest.raises(engine.ExampleError, match="timed out after 3 s") as info:
        build(project, timeout=3)
    assert time.monotonic() - start < 60
    assert "snippets/demo.py:12 (section 'show', page demo.md)" in str(info.value)


def test_missing_hangul_glyph_fails(tmp_path):
    """한글 글꼴 없이 한글 라벨을 그리면 그림을 만들지 않고 실패하는지 확인한다."""
    demo = DEMO.replace("ax.plot([0, 1], [VALUE, 0])",
                        'ax.set_title("한글 제목")')
    project = make_project(tmp_path, demo=demo)
    with pytest.raises(engine.ExampleError, match=r"draw.*Glyph"):
        build(project)


def test_check_markers_requires_every_output_and_figure_placed(tmp_path):
    """출력이나 그림이 페이지 어디에도 놓이지 않으면 오류가 나는지 확인한다."""
    project = make_project(tmp_path)
    result = build(project)
    page = PAGE.replace("show\"\n", "show\"\n--8<-- \"snippets/demo.py:draw\"\n")
    plan = engine.scan_page("demo.md", page)
    with pytest.raises(engine.ExampleError, match="figure 1 of 'snippets/demo.py:draw'"):
        engine.check_markers([plan], {"demo.md": result})
    plan = engine.scan_page(
        "demo.md", page + "<!-- ex:figure demo.py:draw 선 하나 -->\n")
    engine.check_markers([plan], {"demo.md": result})
    html = engine.render_markers("demo.md", page, result)
    assert '```text title="출력"\n값: 42\n```' in html
    html = engine.render_markers(
        "demo.md", "<!-- ex:figure demo.py:draw 선 하나 -->", result)
    assert html.startswith(
        "![선 하나](figures/demo/demo-draw-1.svg){ .ex-figure")
    sub = dataclasses.replace(result, job=engine.Job("sub/demo.md", result.job.items))
    html = engine.render_markers(
        "sub/demo.md", "<!-- ex:figure demo.py:draw 선 하나 -->", sub)
    assert html.startswith("![선 하나](../figures/sub/demo/demo-draw-1.svg)")


def test_environment_is_recorded_with_the_outputs(tmp_path, monkeypatch):
    """출력을 만든 날짜(SOURCE_DATE_EPOCH)와 버전·장치를 기록하고 안내문에 쓰는지 확인한다."""
    import numpy

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    project = make_project(tmp_path)
    env = build(project).environment
    assert env["date"] == "1970-01-02"
    assert env["versions"]["numpy"] == numpy.__version__
    assert env["used_tensorflow"] is False and env["gpus"] == []
    assert env["cpu_count"] == os.cpu_count()
    note = engine.environment_note("sub/demo.md", env)
    assert "1970-01-02에" in note and f"NumPy {numpy.__version__}" in note
    assert "TensorFlow" not in note  # 이 페이지는 텐서플로를 쓰지 않았다
    assert "[실행 환경](../environment.md)" in note
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "172800")
    assert not build(project).cached  # 날짜가 바뀌면 다시 실행한다
