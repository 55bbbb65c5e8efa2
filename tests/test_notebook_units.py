"""sitebuild.notebook과 sitebuild.notebook_pages를 빌드 없이 작은 입력으로 확인한다."""

import types
import nbformat

from sitebuild import notebook_pages
from sitebuild.notebook import build_notebook
from sitebuild.page import plan_page
from sitebuild.results import FigureFile, PageResult, SectionResult
from sitebuild.sections import SnippetReader
from tests.helpers import dedent

SNIPPET = dedent('''
    # --8<-- [start:fit]
    def double(x):
        return 2 * x
    # --8<-- [end:fit]


    def main():
        # --8<-- [start:fit_usage]
        print(double(21))
        # --8<-- [end:fit_usage]
        # --8<-- [start:plot]
        import matplotlib.pyplot as plt
        plt.plot([1, 2])
        # --8<-- [end:plot]
    ''')

PAGE = dedent('''
    # 두 배 만들기

    설명 문단입니다.

    ## 함수 정의 { #def }

    ```python
    --8<-- "snippets/nb.py:fit"

    --8<-- "snippets/nb.py:fit_usage"
    ```

    <!-- ex:output nb.py:fit_usage -->

    ## 그림

    ```python
    --8<-- "snippets/nb.py:plot"
    ```

    <!-- ex:figure nb.py:plot 선 -->
    ''')

ENV = {"python": "3.11.7", "versions": {"numpy": "2.4.6", "keras": "3.15.1"},
       "used_tensorflow": False, "gpus": [], "cpu": "x", "cpu_count": 2,
       "date": "2026-01-01"}


def notebook(tmp_path):
    (tmp_path / "snippets").mkdir(parents=True)
    (tmp_path / "snippets" / "nb.py").write_text(SNIPPET, encoding="utf-8")
    (tmp_path / "requirements.txt").write_text(
        "-e .\nnumpy==2.4.6  # comment\nkeras==3.15.1\nmkdocs==1.6.1\n")
    svg = tmp_path / "plot-1.svg"
    svg.write_text("<svg/>", encoding="utf-8")
    plan = plan_page("nb.md", PAGE, SnippetReader(tmp_path))
    result = PageResult("nb.md", {
        "snippets/nb.py:fit": SectionResult("", []),
        "snippets/nb.py:fit_usage": SectionResult("42\n", [], "조심\n"),
        "snippets/nb.py:plot": SectionResult("", [FigureFile(svg, "plot-1.svg", "0", 40, 30, "0")]),
    }, {}, 1.0, False, ENV)
    return build_notebook(plan, result, tmp_path / "requirements.txt")


def test_notebook_cells_follow_the_page(tmp_path):
    """노트북이 소개 셀, 제목 셀, 페이지의 코드 블록 순서를 따르고 출력을 담는지 확인한다."""
    nb = notebook(tmp_path)
    nbformat.validate(nb)
    kinds = [(c.cell_type, c.source.split("\n")[0]) for c in nb.cells]
    assert kinds == [("markdown", "# 두 배 만들기"), ("markdown", "## 함수 정의"),
                     ("code", "def double(x):"), ("markdown", "## 그림"),
                     ("code", "import matplotlib.pyplot as plt")]
    code = nb.cells[2]
    assert code.source == "def double(x):\n    return 2 * x\n\nprint(double(21))"
    assert [(o.output_type, o.get("name"), o.get("text")) for o in code.outputs] == [
        ("stream", "stdout", "42\n"), ("stream", "stderr", "조심\n")]
    (figure,) = nb.cells[4].outputs
    assert figure.data["image/svg+xml"] == "<svg/>"
    assert [c.id for c in nb.cells] == [f"cell-{n}" for n in range(1, 6)]


def test_install_cell_pins_only_the_libraries(tmp_path):
    """첫 셀의 설치 명령이 requirements.txt의 라이브러리 고정 버전만 담는지 확인한다."""
    intro = notebook(tmp_path).cells[0].source
    assert "pip install keras==3.15.1 numpy==2.4.6\n" in intro  # LIBRARIES order
    assert "mkdocs" not in intro and "-e" not in intro
    assert "2026-01-01에 Python 3.11.7, keras 3.15.1, numpy 2.4.6로" in intro


def test_the_notebook_bytes_are_stable(tmp_path):
    """같은 페이지와 결과에서 만든 노트북이 바이트 단위로 같은지 확인한다."""
    first = nbformat.writes(notebook(tmp_path / "a"))
    assert first == nbformat.writes(notebook(tmp_path / "b"))


def test_notebook_headings_get_korean_unique_slugs():
    """노트북 페이지의 한글 제목에 Markdown 페이지와 같은 앵커를 주고, 겹치면 _1을 붙이는지 확인한다."""
    html = ('<h1 id="">두 배</h1><h2 id="x">함수 정의<a class="anchor-link" href="#x">¶</a>'
            '</h2><h2 id="y">함수 정의</h2><h3 id="z">A &amp; B</h3>')
    out, headings = notebook_pages.renumber_headings(html)
    assert headings == [(1, "두-배", "두 배"), (2, "함수-정의", "함수 정의"),
                        (2, "함수-정의_1", "함수 정의"), (3, "a--b", "A & B")]
    assert '<h2 id="함수-정의_1">함수 정의<a class="headerlink" href="#함수-정의_1"' in out
    assert "anchor-link" not in out


def test_mend_sets_a_nested_toc_and_leaves_search(tmp_path):
    """노트북 페이지 손질이 JupyterLab CSS를 빼고, 중첩 목차를 만들고, 검색에서 빼는지 확인한다."""
    page = types.SimpleNamespace(url="notebooks/nb/", meta={},
                                 file=types.SimpleNamespace(src_uri="notebooks/nb.ipynb"))
    html = ('<style type="text/css">.jp{}</style>\n<h1 id="">제목</h1>'
            '<h2 id="">가</h2><h3 id="">나</h3><h2 id="">다</h2>')
    out = notebook_pages.mend(html, page, files=[])
    assert "<style" not in out
    assert [(t.title, [c.title for c in t.children]) for t in page.toc] == [
        ("제목", ["가", "다"])]
    (top,) = list(page.toc)
    assert [c.title for c in top.children[0].children] == ["나"]
    assert page.meta["search"]["exclude"] is True


def test_published_figure_replaces_the_inline_copy():
    """노트북 페이지에 base64로 박힌 SVG가 이미 발행된 같은 그림 파일을 가리키게 바뀌고,
    어두운 화면용 판이 있으면 장 페이지처럼 두 판을 함께 싣는지 확인한다."""
    import base64

    data = b"<svg>same</svg>"

    def file(name, content):
        return types.SimpleNamespace(src_uri=f"figures/nb/{name}", content_bytes=content,
                                     url=f"figures/nb/{name}")

    page = types.SimpleNamespace(url="notebooks/nb/")
    html = f'<img alt="x" src="data:image/svg+xml;base64,{base64.b64encode(data).decode()}"/>'
    alone = [file("plot-1.svg", data), file("other.svg", b"<svg/>")]
    out = notebook_pages._link_published_figures(html, page, alone)
    assert out == ('<a class="ex-zoom" href="../../figures/nb/plot-1.svg">'
                   '<img alt="x" class="ex-figure" loading="lazy" src="../../figures/nb/plot-1.svg"/></a>')
    both = [*alone, file("plot-1-dark.svg", b"<svg>dark</svg>")]
    out = notebook_pages._link_published_figures(html, page, both)
    assert out == ('<a class="ex-zoom" href="../../figures/nb/plot-1.svg">'
                   '<img alt="x" class="ex-figure" loading="lazy" src="../../figures/nb/plot-1.svg#only-light"/></a>'
                   '<a class="ex-zoom" href="../../figures/nb/plot-1-dark.svg">'
                   '<img alt="x" class="ex-figure" loading="lazy" src="../../figures/nb/plot-1-dark.svg#only-dark"/></a>')
