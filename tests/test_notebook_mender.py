"""sitebuild.notebooks.mend.mend: mkdocs-jupyter가 실제로 만든 HTML(작은 노트북 하나를
그 플러그인의 변환기로 그린 것)을 손질한 결과를, 손질 하나마다 확인한다."""

import types

import nbformat
import pytest
from bs4 import BeautifulSoup
from mkdocs_jupyter.nbconvert2 import nb2html

from sitebuild.notebooks import mend

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="30pt" height="22.5pt"></svg>'


def _notebook(path):
    cells = [
        nbformat.v4.new_markdown_cell("# 두 배\n\n값은 $x < 2$이고\n\n$$\ny = 2x\n$$\n\n"
                                      "## 함수 정의\n\n## 함수 정의"),
        nbformat.v4.new_code_cell("print(2 * 21)", execution_count=1, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="42\n")]),
        nbformat.v4.new_code_cell("plt.plot([1, 2])", execution_count=2, outputs=[
            nbformat.v4.new_output("display_data", data={"image/svg+xml": SVG.decode()})],
            metadata={"jupyter": {"source_hidden": True}}),
    ]
    for number, cell in enumerate(cells, 1):
        cell.id = f"cell-{number}" + (mend.FOLDED if number == 3 else "")
    path.write_text(nbformat.writes(nbformat.v4.new_notebook(cells=cells)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def mended(tmp_path_factory):
    """(what mkdocs-jupyter wrote, what mend made of it, the page)."""
    path = _notebook(tmp_path_factory.mktemp("nb") / "twice.ipynb")
    # the site's settings (mkdocs.yml): no prompts, not executed
    rendered = nb2html(str(path), execute=False, no_prompt=True, theme="light")
    figure = types.SimpleNamespace(src_uri="figures/twice/plot-1.svg", content_bytes=SVG,
                                   url="figures/twice/plot-1.svg")
    chapter = types.SimpleNamespace(url="twice/")
    files = _Files([figure], {"twice.md": chapter})
    page = types.SimpleNamespace(url="notebooks/twice/", meta={},
                                 file=types.SimpleNamespace(src_uri="notebooks/twice.ipynb"))
    out = mend.mend(rendered, page, files, {"plot-1.svg": "선 두 개"})
    return rendered, BeautifulSoup(out, "html.parser"), page


class _Files(list):
    def __init__(self, items, by_path):
        super().__init__(items)
        self.by_path = by_path

    def get_file_from_path(self, uri):
        return self.by_path.get(uri)


def test_its_inline_css_is_gone(mended):
    rendered, soup, _ = mended
    assert "<style" in rendered and soup.find("style") is None


def test_mathjax_and_copy_button_scripts_are_gone(mended):
    rendered, soup, _ = mended
    assert "<script" in rendered and "clipboard" in rendered
    assert soup.find("script") is None and "clipboard" not in str(soup)


def test_listings_become_the_chapter_pages_code_blocks(mended):
    rendered, soup, _ = mended
    assert "highlight-ipynb" in rendered and soup.select(".highlight-ipynb") == []
    code = soup.select("div.language-python.highlight > pre > code")
    assert [c.get_text() for c in code][:2] == ["print(2 * 21)\n", "plt.plot([1, 2])\n"]


def test_prose_math_is_wrapped_as_arithmatex(mended):
    _, soup, _ = mended
    assert [s.string for s in soup.select("span.arithmatex")] == ["\\(x < 2\\)"]
    assert [d.string for d in soup.select("div.arithmatex")] == ["\\[\ny = 2x\n\\]"]
    assert soup.select("p > div.arithmatex") == []  # not a block inside a paragraph


def test_figure_points_at_the_published_file(mended):
    rendered, soup, _ = mended
    assert "data:image/svg+xml;base64," in rendered
    (img,) = soup.select("a.ex-zoom > img.ex-figure")
    assert img["src"] == "../../figures/twice/plot-1.svg" and img["alt"] == "선 두 개"
    assert (img["width"], img["height"]) == ("40", "30")
    assert "base64" not in str(soup)


def test_the_view_note_follows_the_title(mended):
    _, soup, _ = mended
    note = soup.find("h1").find_next_sibling()
    assert "ex-notebook-view" in note["class"]
    assert note.select_one("a[download]")["href"] == "twice.ipynb"
    assert note.find("a", string="장 페이지로 돌아가기")["href"] == "../../twice/"


def test_headings_get_korean_slugs_and_the_toc(mended):
    _, soup, page = mended
    assert [h["id"] for h in soup.select("h1, h2")] == ["두-배", "함수-정의", "함수-정의_1"]
    assert soup.select(".anchor-link") == []
    assert [(t.title, [c.id for c in t.children]) for t in page.toc] == [
        ("두 배", ["함수-정의", "함수-정의_1"])]
    assert page.meta["search"]["exclude"] is True


def test_a_folded_cell_is_shown_folded(mended):
    _, soup, _ = mended
    (box,) = soup.select("details.example")
    assert "open" not in box.attrs and box.summary.get_text() == mend.FOLD_TITLE
    assert "plt.plot" in box.get_text() and "print(2 * 21)" not in box.get_text()
    # its output (the figure) stays visible under the folded code
    assert box.find("img") is None and soup.select_one("img.ex-figure") is not None
