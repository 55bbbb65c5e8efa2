"""강조된 코드를 요소 수를 줄여 다시 쓴다: 보이는 글자와 색은 그대로."""

import html
import re

import markdown

from sitebuild.polish import light_code
from tests.helpers import ROOT

# Material's colour of each Pygments class (main.css): the classes that map
# to one variable look the same; "" is the code's own colour
COLOUR = {"n": "", "w": "", "o": "punctuation", "p": "punctuation"}


def _highlight(source: str) -> str:
    return markdown.markdown(f"```python\n{source}\n```",
                             extensions=["pymdownx.highlight", "pymdownx.superfences"],
                             extension_configs={"pymdownx.highlight": {
                                 "pygments_lang_class": True}})


def _coloured_text(code_html: str) -> list[tuple[str, str]]:
    """(colour, character) for every character the reader sees."""
    out = []
    for cls, text in light_code.tokens(code_html):
        colour = COLOUR.get(cls, cls)
        out += [(colour if ch.strip() else "", ch) for ch in html.unescape(text)]
    return out


def _code(page_html: str) -> str:
    return light_code.BLOCK.search(page_html).group(2)


def test_lighter_code_shows_the_same_characters_in_the_same_colours():
    """MLP 장의 스니펫 전체를 강조한 HTML을 다시 써도 글자와 글자마다의 색이 같고, span은
    4분의 3 아래로 줄어드는지 확인한다."""
    source = (ROOT / "snippets" / "mlp.py").read_text(encoding="utf-8")
    before = _code(_highlight(source))
    after = light_code.lighten(before)
    assert _coloured_text(after) == _coloured_text(before)
    assert after.count("<span") < before.count("<span") * 3 / 4
    assert 'class="n"' not in after and 'class="o"' not in after


def test_spans_of_one_colour_take_the_space_between():
    assert light_code.lighten(
        '<span class="n">x</span><span class="w"> </span><span class="o">=</span> '
        '<span class="p">(</span><span class="mi">1</span><span class="p">)</span>'
    ) == 'x <span class="p">= (</span><span class="mi">1</span><span class="p">)</span>'


def test_other_markup_in_code_is_left_alone():
    assert light_code.lighten('<span id="__span-0-1"><span class="k">if</span></span>') is None
    page = _highlight("x = 1").replace('<span class="mi">1</span>',
                                       '<a href="#x"><span class="mi">1</span></a>')
    assert light_code.rewrite(page) == page


def test_folded_code_is_plain_until_opened():
    """접힌 <details> 안의 코드는 글자만 두고 강조된 HTML은 옆 <script>에 두며, 펼쳐 둔
    <details>와 밖의 코드는 강조된 채로 두는지 확인한다."""
    block = _highlight("import numpy as np\nx = np.ones(3)  # 주석")
    page = (f'<details class="example"><summary>그림</summary>\n{block}\n'
            f'<details class="note"><summary>안</summary>{block}</details></details>\n'
            f'<details class="success" open><summary>답</summary>{block}</details>\n{block}')
    out = light_code.rewrite(page)
    folded, rest = out.split("</details></details>")
    assert folded.count('<script type="text/html" class="ex-hl">') == 2
    assert re.search(r"<code>import numpy as np\nx = np\.ones\(3\)  # 주석\n?</code>", folded)
    assert "ex-hl" not in rest and rest.count('<span class="kn">import</span>') == 2
    light = light_code.lighten(_code(block))
    assert f'<script type="text/html" class="ex-hl">{light}</script>' in folded
