"""sitebuild/polish/mathml.py: 수식을 MathML로 바꾸고 잘못된 수식은 빌드를 멈추는지 확인한다."""

import pytest
from sitebuild.polish import mathml
from sitebuild.problems import BuildError


def test_inline_and_block_become_mathml():
    """인라인 수식과 블록 수식이 각각 MathML로 바뀌는지 확인한다."""
    html = ('<p><span class="arithmatex">\\(\\hat{y}_j\\)</span></p>'
            '<div class="arithmatex">\\[ z = \\mathbf{x}^\\top \\mathbf{w} \\]</div>')
    out = mathml.convert_page(html, "p.md")
    assert out.count("<math") == 2
    assert 'display="inline"' in out and 'display="block"' in out
    assert "\\(" not in out and "\\[" not in out
    assert "<mover" in out  # 모자(^)가 y 위에 얹힌다


def test_html_entities_are_unescaped():
    """HTML로 이스케이프된 부등호가 수식 기호로 바뀌는지 확인한다."""
    out = mathml.convert_page('<span class="arithmatex">\\(z &lt; 0\\)</span>', "p.md")
    assert "<mo>&lt;</mo>" in out


def _math(tex: str) -> str:
    return mathml.convert_page(f'<span class="arithmatex">\\({tex}\\)</span>', "p.md")


def test_function_names_are_upright_names_with_tex_spacing():
    """\\operatorname는 연산자(mo)가 아니라 이름(mi)이 되고, 이름 뒤에 괄호가 아닌 것이
    오면 TeX처럼 가는 공백이 들어가는지 확인한다."""
    out = _math("\\operatorname{sgn}(z) + \\log \\hat{p} + \\exp(z)")
    assert "<mi>sgn</mi><mo" in out and "<mo>sgn</mo>" not in out
    assert '<mi>log</mi><mspace width="0.1667em" /><mover' in out
    assert "<mi>exp</mi><mo" in out  # 괄호 앞에는 공백이 없다


def test_bold_italic_and_accents_use_the_characters_mathml_core_draws():
    """\\boldsymbol은 유니코드 굵은 기울임 글자로, 모자는 결합 문자(U+0302)로 바뀌는지
    확인한다(MathML Core는 mathvariant="bold-italic"을 무시한다)."""
    out = _math("\\boldsymbol{\\delta}_2 \\boldsymbol{W} \\hat{y}")
    assert "\U0001D739" in out and "\U0001D47E" in out  # 𝜹, 𝑾
    assert "mathvariant" not in out
    assert "<mo>\u0302</mo>" in out


@pytest.mark.parametrize("tex, message", [
    ("\\frac{1}{1 + e^{-z}", "never closed"),
    ("a}", "without its"),
    ("\\mathbff{x}", "unknown command \\\\mathbff"),
    ("\\sigmoid(z)", "unknown command"),
    ("\\frac{1}", "gives <mfrac> with 1 of its 2 parts"),
    ("\\begin{aligned} a &= b \\end{aligned}", "not XML"),  # latex2mathml writes <mi>&</mi>
])
def test_bad_formula_fails_with_page_name(tex, message):
    """잘못된 수식은 페이지 이름과 수식을 담은 오류가 되는지 확인한다."""
    with pytest.raises(BuildError, match=message) as info:
        mathml.convert_page(f'<span class="arithmatex">\\({tex}\\)</span>', "p.md")
    assert str(info.value).startswith("p.md: formula")


@pytest.mark.parametrize("tex", [
    "\\sigma(z) = \\frac{1}{1 + e^{-z}}",
    "\\operatorname{ReLU}(z) = \\max(0, z)",
    "w_{i,j}^{(\\text{다음 스텝})} = w_{i,j} + \\eta (y_j - \\hat{y}_j) x_i",
    "\\{0, 1\\}",
])
def test_good_formulas_pass(tex):
    """책에 나오는 수식들이 오류 없이 바뀌는지 확인한다."""
    out = mathml.convert_page(f'<span class="arithmatex">\\({tex}\\)</span>', "p.md")
    assert out.startswith('<span class="arithmatex"><math')


def test_displaystyle_in_an_array_cell_covers_the_cell():
    """배열 칸의 \\displaystyle이 빈 mstyle로 끝나지 않고 그 칸의 내용을 감싸, 긴 식을 여러
    줄로 나눠도 합의 첨자와 분수가 한 줄짜리 식과 같은 크기로 그려지는지 확인한다."""
    tex = r"\begin{array}{rl} J = & \displaystyle -\frac{1}{m}\sum_{i=1}^{m} x \\ & y \end{array}"
    out = mathml.convert_page(f'<div class="arithmatex">\\[{tex}\\]</div>', "x.md")
    assert '<mstyle displaystyle="true" scriptlevel="0"><mo>−</mo><mfrac>' in out
    assert "<mstyle displaystyle=\"true\" scriptlevel=\"0\" />" not in out
    assert "<mtd columnalign=\"left\"><mi>y</mi></mtd>" in out  # other cells untouched


def test_a_thousands_separator_keeps_the_number_whole():
    """`235{,}500`과 `1{,}010`이 쉼표 뒤에 빈칸 없는 숫자 하나로 그려지는지 확인한다."""
    from sitebuild.polish import mathml

    out = mathml.convert_page(
        '<span class="arithmatex">\\(235{,}500 + 1{,}234{,}567\\)</span>', "x.md")
    assert "<mn>235,500</mn>" in out and "<mn>1,234,567</mn>" in out
    assert "<mo>,</mo>" not in out
    listed = mathml.convert_page('<span class="arithmatex">\\(f(a, b)\\)</span>', "x.md")
    assert "<mo>,</mo>" in listed  # a comma between arguments stays an operator
