"""sitebuild.notebook과 sitebuild.notebook_pages를 빌드 없이 작은 입력으로 확인한다."""

import base64
import dataclasses
import types

import nbformat
from bs4 import BeautifulSoup

from sitebuild.notebooks import mend
from sitebuild.run.environment import Platform
from sitebuild.notebooks.notebook import build_notebook, imported_libraries, setup_code
from sitebuild.pages.plan import CodeBlock, plan_page
from sitebuild.run.results import FigureFile, PageResult, SectionResult
from sitebuild.pages.sections import SnippetReader
from tests.helpers import dedent

SNIPPET = dedent('''
    # --8<-- [start:answer]
    print(double(42))
    # --8<-- [end:answer]
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

    설명 문단입니다. [다음 장](next.md#a)과 [바깥](https://example.org)으로 갑니다. [아래
    절](#def)도 봅니다.

    <div class="pg" data-playground="mlp">
    <p class="pg-noscript">자바스크립트를 켜세요.</p>
    </div>

    !!! abstract "배울 것"

        - 곱하기 $2x$

    ## 함수 정의 { #def }

    ```python
    --8<-- "snippets/nb.py:fit"

    --8<-- "snippets/nb.py:fit_usage"
    ```

    <!-- ex:output nb.py:fit_usage -->

    ## 그림

    ??? example "그림을 그리는 코드"

        ```python
        --8<-- "snippets/nb.py:plot"
        ```

    <!-- ex:figure nb.py:plot 선 -->

    $$
    y = 2x
    $$

    **1.** TLU는 무엇일까요?

    ??? success "1번 답 보기"

        두 배입니다.

        ```python
        --8<-- "snippets/nb.py:answer"
        ```

        <!-- ex:output nb.py:answer -->

        <!-- ex:figure nb.py:answer 답 그림 -->
    ''')

ENV = Platform(python="3.11.7", versions={"numpy": "2.4.6", "keras": "3.15.1",
                                          "tensorflow": "2.21.0", "matplotlib": "3.11.2"},
               used_tensorflow=False, gpus=[], cpu="x", cpu_count=2, date="2026-01-01")
GLOSSARY = "*[TLU]: 임계 논리 유닛\n*[MLP]: 다층 퍼셉트론\n"


def notebook(tmp_path):
    (tmp_path / "snippets").mkdir(parents=True)
    (tmp_path / "snippets" / "nb.py").write_text(SNIPPET, encoding="utf-8")
    svg = tmp_path / "plot-1.svg"
    svg.write_text("<svg/>", encoding="utf-8")
    answer_svg = tmp_path / "answer-1.svg"
    answer_svg.write_text("<svg>답</svg>", encoding="utf-8")
    plan = plan_page("nb.md", PAGE, SnippetReader(tmp_path))
    assert plan.problems == []
    result = PageResult("nb.md", {
        "snippets/nb.py:fit": SectionResult("", []),
        "snippets/nb.py:fit_usage": SectionResult("42\n", [], "조심\n"),
        "snippets/nb.py:plot": SectionResult("", [FigureFile(svg, "plot-1.svg", "0", 40, 30, "0", "0")]),
        "snippets/nb.py:answer": SectionResult("84\n", [
            FigureFile(answer_svg, "answer-1.svg", "0", 40, 30, "0", "0")]),
    }, {}, 1.0, False, ENV)
    return build_notebook(plan, result, GLOSSARY)


def test_notebook_cells_follow_the_page(tmp_path):
    """노트북이 소개 셀, 준비 셀, 페이지의 글과 코드 블록을 페이지 순서대로 담고 출력을 붙이는지 확인한다."""
    nb = notebook(tmp_path)
    nbformat.validate(nb)
    kinds = [(c.cell_type, c.source.split("\n")[0]) for c in nb.cells]
    assert kinds == [
        ("markdown", "# 두 배 만들기"),
        ("code", "# 준비 셀: 없는 라이브러리만 설치합니다."),
        ("markdown", "설명 문단입니다. 다음 장과 [바깥](https://example.org)으로 갑니다. 아래"),
        ("markdown", "## 함수 정의"),
        ("code", "def double(x):"),
        ("markdown", "## 그림"),
        ("code", "import matplotlib.pyplot as plt"),
        ("markdown", "$$"),
        ("markdown", "## 이 노트북의 용어")]
    code = nb.cells[4]
    assert code.source == "def double(x):\n    return 2 * x\n\nprint(double(21))"
    assert [(o.output_type, o.get("name"), o.get("text")) for o in code.outputs] == [
        ("stream", "stdout", "42\n"), ("stream", "stderr", "조심\n")]
    assert code.execution_count == 1 and "jupyter" not in code.metadata
    plot = nb.cells[6]
    (figure,) = plot.outputs
    assert figure.data["image/svg+xml"] == "<svg/>"
    assert plot.metadata["jupyter"] == {"source_hidden": True}  # folded on the page
    assert plot.metadata["cellView"] == "form"  # and folded in Colab too
    assert nb.cells[5].source == "## 그림\n\n**그림을 그리는 코드**(접어 둔 코드 셀: 펼치면 보입니다)"
    assert [c.id for c in nb.cells] == [f"cell-{n}" + ("-folded" if n == 7 else "")
                                        for n in range(1, 10)]


def test_admonitions_become_quotes_and_answers_details(tmp_path):
    """!!! 상자는 제목이 굵은 인용으로, ??? 답은 코드·출력·그림을 품은 <details>로 바뀌는지 확인한다."""
    cells = notebook(tmp_path).cells
    intro = cells[2].source
    assert "[아래" not in intro and "갑니다. 아래\n절도 봅니다." in intro  # links: text only
    assert "> **배울 것**\n>\n> - 곱하기 $2x$" in intro
    assert "자바스크립트" not in intro and "> **실습 도구**: 사이트의" in intro
    answer = cells[7].source
    # the page's first display formula, numbered as on the page (\tag: Jupyter draws it)
    assert answer.startswith("$$\ny = 2x\n\\tag{1}$$\n\n**1.** TLU는 무엇일까요?\n\n")
    assert '<details class="success">\n<summary>1번 답 보기</summary>\n\n두 배입니다.' in answer
    assert "```python\nprint(double(42))\n```\n\n```text\n84\n```" in answer
    assert "![답 그림](attachment:answer-1.svg)\n\n</details>" in answer
    data = cells[7].attachments["answer-1.svg"]["image/svg+xml"]
    assert base64.b64decode(data) == "<svg>답</svg>".encode()
    assert "<!--" not in "".join(c.source for c in cells)  # no marker left over
    assert "print(double(42))" not in "".join(c.source for c in cells if c.cell_type == "code")


def test_glossary_cell_spells_out_the_terms_the_page_uses(tmp_path):
    """페이지가 쓰는 용어만 마지막 셀에 풀어 적는지 확인한다(노트북에는 말풍선이 없다)."""
    last = notebook(tmp_path).cells[-1].source
    assert last == "## 이 노트북의 용어\n\n- **TLU**: 임계 논리 유닛"


def test_setup_cell_installs_only_what_the_page_imports(tmp_path):
    """준비 셀이 페이지가 import하는 라이브러리만, 빌드 때의 버전으로 고정해 담는지 확인한다."""
    cells = notebook(tmp_path).cells
    setup = cells[1]
    assert setup.metadata["tags"] == ["setup"] and setup.outputs == []
    assert '"matplotlib": "matplotlib==3.11.2",' in setup.source
    assert "numpy" not in setup.source and "keras" not in setup.source  # not imported
    assert "TF_CPP_MIN_LOG_LEVEL" not in setup.source  # no TensorFlow here
    assert '    %pip install --quiet {" ".join(missing)}' in setup.source
    assert "2026-01-01에 Python 3.11.7, matplotlib 3.11.2로" in cells[0].source


def test_a_keras_page_quiets_tensorflow_before_importing_it():
    """Keras를 쓰는 페이지의 준비 셀은 텐서플로 백엔드도 담고, 그 로그를 먼저 끄는지 확인한다."""
    block = CodeBlock(1, (), "import keras\nfrom sklearn.datasets import load_iris")
    needed = imported_libraries([block])
    assert needed == {"tensorflow": "tensorflow", "keras": "keras", "sklearn": "scikit-learn"}
    code = setup_code(needed, dataclasses.replace(ENV, versions={
        "tensorflow": "2.21.0", "keras": "3.15.1", "scikit-learn": "1.9.1"}))
    assert code.index("TF_CPP_MIN_LOG_LEVEL") < code.index("REQUIRED")
    assert '"tensorflow": "tensorflow==2.21.0",' in code
    compile(code.replace("%pip", "pass  #"), "setup", "exec")  # valid Python but the magic


def test_keras_tuner_is_installed_where_it_is_imported_but_not_named_in_notes():
    """Keras Tuner를 import하는 노트북의 준비 셀은 그것도 설치하고(Colab에 없다), 페이지 아래의
    환경 안내는 그것을 쓰지 않은 페이지에 이름을 올리지 않는지 확인한다."""
    from sitebuild.pages.render import note

    needed = imported_libraries([CodeBlock(1, (), "import keras_tuner as kt")])
    assert needed == {"keras_tuner": "keras-tuner"}
    env = Platform(date="2026-01-01", python="3.11.7", used_tensorflow=False, gpus=[],
                   cpu="x", cpu_count=2, versions={"keras-tuner": "1.4.8", "numpy": "2.4.6"})
    assert '"keras_tuner": "keras-tuner==1.4.8",' in setup_code(needed, env)
    assert "Keras Tuner" not in note("a.md", env) and "NumPy 2.4.6" in note("a.md", env)


def test_the_notebook_bytes_are_stable(tmp_path):
    """같은 페이지와 결과에서 만든 노트북이 바이트 단위로 같은지 확인한다."""
    first = nbformat.writes(notebook(tmp_path / "a"))
    assert first == nbformat.writes(notebook(tmp_path / "b"))


def test_notebook_headings_get_korean_unique_slugs():
    """노트북 페이지의 한글 제목에 Markdown 페이지와 같은 앵커를 주고, 겹치면 _1을 붙이는지 확인한다."""
    html = ('<h1 id="">두 배</h1><h2 id="x">함수 정의<a class="anchor-link" href="#x">¶</a>'
            '</h2><h2 id="y">함수 정의</h2><h3 id="z">A &amp; B</h3>')
    soup = BeautifulSoup(html, "html.parser")
    headings = mend.renumber(soup)
    out = str(soup)
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
    out = mend.mend(html, page, files=[])
    assert "<style" not in out
    assert [(t.title, [c.title for c in t.children]) for t in page.toc] == [
        ("제목", ["가", "다"])]
    (top,) = list(page.toc)
    assert [c.title for c in top.children[0].children] == ["나"]
    assert page.meta["search"]["exclude"] is True


def linked(html, page, files, alts):
    soup = BeautifulSoup(html, "html.parser")
    mend._link_figures(soup, page, files, alts)
    return str(soup)


def test_published_figure_replaces_the_inline_copy():
    """노트북 페이지에 base64로 박힌 SVG가 이미 발행된 같은 그림 파일을 가리키게 바뀌고,
    어두운 화면용 판이 있으면 장 페이지처럼 두 판을 함께 싣고, 불러오는 동안 페이지가
    밀리지 않게 그림의 크기(CSS px)를 적는지 확인한다."""
    import base64

    data = b'<svg width="30pt" height="22.5pt">same</svg>'  # 40 × 30 CSS px

    def file(name, content):
        return types.SimpleNamespace(src_uri=f"figures/nb/{name}", content_bytes=content,
                                     url=f"figures/nb/{name}")

    page = types.SimpleNamespace(url="notebooks/nb/")
    html = f'<img alt="x" src="data:image/svg+xml;base64,{base64.b64encode(data).decode()}"/>'
    alone = [file("plot-1.svg", data), file("other.svg", b"<svg/>")]
    out = linked(html, page, alone, {})
    assert figures(out) == [("../../figures/nb/plot-1.svg", "../../figures/nb/plot-1.svg",
                             "x", "40", "30")]
    both = [*alone, file("plot-1-dark.svg", b"<svg>dark</svg>")]
    alts = {"plot-1.svg": "선 하나", "plot-1-dark.svg": "선 하나"}
    out = linked(html, page, both, alts)
    assert figures(out) == [
        ("../../figures/nb/plot-1.svg", "../../figures/nb/plot-1.svg#only-light",
         "선 하나", "40", "30"),
        ("../../figures/nb/plot-1-dark.svg", "../../figures/nb/plot-1-dark.svg#only-dark",
         "선 하나", "40", "30")]
    assert "data:" not in out


def figures(html):
    """(link, image, alt, width, height) of each zoomable figure."""
    return [(a["href"], a.img["src"], a.img["alt"], a.img["width"], a.img["height"])
            for a in BeautifulSoup(html, "html.parser").select("a.ex-zoom")
            if a.img and "ex-figure" in a.img["class"] and a.img["loading"] == "lazy"]


# What mkdocs-jupyter 0.26 writes for one code cell and one Markdown cell.
RENDERED = dedent('''
    <script type="text/x-mathjax-config">MathJax.Hub.Config({tex2jax: {inlineMath: [['$','$']]}});</script>
    <script src=""></script>
    <script>document.addEventListener('clipboard-copy', function(event) {})</script>
    <h1 id="">두 배</h1>
    <div class="CodeMirror cm-s-jupyter">
    <div class="zeroclipboard-container">
    <clipboard-copy for="cell-1" aria-label="Copy to Clipboard"><div><span class="notice" hidden>Copied!</span><svg></svg></div>
    </clipboard-copy>
    </div>
    <div class="highlight-ipynb hl-python"><pre><span></span><span class="n">x</span> <span class="o">=</span> <span class="s2">"$5"</span>
    </pre></div>
    <div class="clipboard-copy-txt" id="cell-1">x = "$5"</div>
    </div>
    <p>값은 $x &lt; 2$이고</p>
    <p>$$
    y = 2x
    $$</p>
    <details><div class="highlight"><pre><span></span>84
    </pre></div></details>
    ''')


def test_mend_gives_notebook_code_the_site_look_and_offline_math():
    """노트북 페이지의 코드가 장 페이지와 같은 pre > code 꼴(사이트 색, Material 복사 버튼 하나)이
    되고, MathJax·자체 복사 버튼 스크립트가 빠지며, 글 속 $…$만 arithmatex 꼴로 감싸이는지 확인한다."""
    page = types.SimpleNamespace(url="notebooks/nb/", meta={},
                                 file=types.SimpleNamespace(src_uri="notebooks/nb.ipynb"))
    out = mend.mend(RENDERED, page, files=[])
    assert "<script" not in out and "clipboard" not in out
    assert ('<div class="language-python highlight"><pre><span></span><code><span class="n">x</span>'
            ' <span class="o">=</span> <span class="s2">"$5"</span>\n</code></pre></div>') in out
    assert '<div class="language-text highlight"><pre><span></span><code>84\n</code></pre></div>' in out
    assert '<p>값은 <span class="arithmatex">\\(x &lt; 2\\)</span>이고</p>' in out
    assert '<div class="arithmatex">\\[\ny = 2x\n\\]</div>' in out
    assert '<p class="admonition-title">노트북 보기</p>' in out
    button = BeautifulSoup(out, "html.parser").select_one("a.md-button[download]")
    assert button["href"] == "nb.ipynb" and button.get_text() == "주피터 노트북 내려받기"


def test_notebook_pages_leave_the_previous_next_chain():
    """이전/다음 링크가 장 페이지끼리만 이어지고, 노트북 페이지에는 없는지 확인한다."""
    def page(uri):
        return types.SimpleNamespace(file=types.SimpleNamespace(src_uri=uri),
                                     previous_page="old", next_page="old")

    pages = [page(u) for u in ("index.md", "a.md", "b.md", "notebooks/a.ipynb",
                               "notebooks/b.ipynb", "references.md")]
    mend.relink(types.SimpleNamespace(pages=pages))
    index, a, b, nb_a, nb_b, refs = pages
    assert (index.previous_page, index.next_page) == (None, a)
    assert (b.previous_page, b.next_page) == (a, refs)
    assert (refs.previous_page, refs.next_page) == (b, None)
    assert all(p.previous_page is None and p.next_page is None for p in (nb_a, nb_b))


# Expected errors (ex:error) -------------------------------------------------

OLD_SNIPPET = dedent('''
    # --8<-- [start:setup]
    kept = "남은 값"
    # --8<-- [end:setup]
    # --8<-- [start:old]
    raise TypeError("옛 인자 <b>input_shape</b>")
    # --8<-- [end:old]
    # --8<-- [start:warns]
    import warnings
    warnings.warn("옛 방식")
    # --8<-- [end:warns]
    # --8<-- [start:after]
    print(kept)
    # --8<-- [end:after]
    # --8<-- [start:answer]
    int("열")
    # --8<-- [end:answer]
    ''')

OLD_PAGE = dedent('''
    # 옛 코드

    ```python
    --8<-- "snippets/old.py:setup"
    --8<-- "snippets/old.py:old"
    ```

    <!-- ex:error old.py:old -->

    ```python
    --8<-- "snippets/old.py:warns"
    ```

    <!-- ex:error old.py:warns -->

    ```python
    --8<-- "snippets/old.py:after"
    ```

    <!-- ex:output old.py:after -->

    ??? success "답 보기"

        ```python
        --8<-- "snippets/old.py:answer"
        ```

        <!-- ex:error old.py:answer -->
    ''')


def old_notebook(tmp_path):
    from sitebuild.run.protocol import ExpectedError, WarningInfo

    (tmp_path / "snippets").mkdir(parents=True)
    (tmp_path / "snippets" / "old.py").write_text(OLD_SNIPPET, encoding="utf-8")
    plan = plan_page("old.md", OLD_PAGE, SnippetReader(tmp_path))
    assert plan.problems == []
    warned = WarningInfo("UserWarning", "옛 방식", "snippets/old.py", 10)
    result = PageResult("old.md", {
        "snippets/old.py:setup": SectionResult("", []),
        "snippets/old.py:old": SectionResult("", [], error=ExpectedError(
            [], "TypeError", "옛 인자 <b>input_shape</b>", 6)),
        "snippets/old.py:warns": SectionResult("", [], error=ExpectedError(
            [warned], "", "", None)),
        "snippets/old.py:after": SectionResult("남은 값\n", []),
        "snippets/old.py:answer": SectionResult("", [], error=ExpectedError(
            [], "ValueError", "invalid literal for int() with base 10: '열'", 17)),
    }, {}, 1.0, False, ENV)
    return build_notebook(plan, result)


def test_an_expected_error_cell_is_tagged_and_carries_the_error(tmp_path):
    """ex:error 구간의 코드 셀은 raises-exception 태그와, 기록한 메시지를 담은 error 출력을
    갖고, 경고만 낸 셀은 태그 없이 경고를 stderr로, 답 속에서는 글로 보여 주는지 확인한다."""
    nb = old_notebook(tmp_path)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"][1:]  # after the setup cell
    assert [c.metadata.get("tags") for c in code] == [["raises-exception"], None, None]
    (error,) = code[0].outputs
    assert (error.output_type, error.ename, error.evalue) == (
        "error", "TypeError", "옛 인자 <b>input_shape</b>")
    assert error.traceback == ["TypeError: 옛 인자 <b>input_shape</b>"]
    (warning,) = code[1].outputs
    assert (warning.output_type, warning.name, warning.text) == (
        "stream", "stderr", "UserWarning: 옛 방식\n")
    answer = nb.cells[-1].source
    assert ('**지금 실행하면 나는 오류**\n\n```text\n'
            "ValueError: invalid literal for int() with base 10: '열'\n```") in answer


def test_run_all_goes_past_an_expected_error(tmp_path, monkeypatch):
    """새 커널에서 노트북을 처음부터 끝까지 돌리면(nbclient) ex:error 셀에서 멈추지 않고
    다음 셀이 돌며, 커널이 낸 오류가 노트북에 기록한 것과 같은지 확인한다."""
    from nbclient import NotebookClient

    monkeypatch.delenv("PYTHONPATH", raising=False)
    nb = old_notebook(tmp_path)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3, 4]  # all ran (stored: None, 1, 2, 3)
    (error,) = [o for o in code[1].outputs if o.output_type == "error"]
    assert (error.ename, error.evalue) == ("TypeError", "옛 인자 <b>input_shape</b>")
    assert "UserWarning: 옛 방식" in "".join(o.get("text", "") for o in code[2].outputs)
    assert [o.text for o in code[3].outputs] == ["남은 값\n"]  # the run went on
