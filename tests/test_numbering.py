"""Numbered display formulas and figures (sitebuild/polish/numbering.py)."""

from sitebuild.polish import mathml
from sitebuild.polish.numbering import formula_anchor, tag_formulas
from tests.helpers import dedent

PAGE = dedent('''
    # 제목

    $$
    a = b
    $$

    ```python
    $$ not math $$
    ```

    !!! note "책의 식"

        $$ y = w x \\tag{10-3} $$

    $$
    c = d
    $$
    ''')


def test_formulas_are_numbered_in_page_order_and_keep_the_books_tag():
    tagged = tag_formulas(PAGE, anchors=False)
    assert tagged.count("\n") == PAGE.count("\n")  # a plan's line numbers still hold
    assert "a = b\n\\tag{1}$$" in tagged
    assert "c = d\n\\tag{2}$$" in tagged  # the book's 10-3 takes no number of the page's
    assert "$$ y = w x \\tag{10-3} $$" in tagged and tagged.count("\\tag{") == 3
    assert "$$ not math $$" in tagged  # code is not math


def test_the_chapter_page_gets_an_anchor_for_each_formula():
    anchored = tag_formulas(PAGE, anchors=True)
    assert '<div class="eq-anchor" id="eq-1"></div>\n\n$$\na = b' in anchored
    assert '    <div class="eq-anchor" id="eq-10-3"></div>\n\n    $$ y = w x' in anchored
    assert anchored.count('<div class="eq-anchor"') == 3
    assert formula_anchor("10-3") == "eq-10-3" and formula_anchor("A 1") == "eq-A-1"


def test_the_mathml_shows_the_number_beside_the_formula():
    html = '<div class="arithmatex">\\[ y = 2x \\tag{10-3} \\]</div>'
    out = mathml.convert_page(html, "demo.md")
    assert out.endswith('</math><span class="eq-no">(10-3)</span></div>')
    assert "tag" not in out.split("<span")[0]  # not drawn as part of the formula
    plain = mathml.convert_page('<div class="arithmatex">\\[ y = 2x \\]</div>', "demo.md")
    assert "eq-no" not in plain
