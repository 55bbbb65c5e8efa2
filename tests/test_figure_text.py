"""그림 속 모든 글자(위·아래 첨자 포함)가 360 px 휴대폰의 본문 폭(328 px)에서 9 CSS px
이상인지 확인한다. 크기는 빌드가 쓴 SVG에서 계산한다(svg.fonttype "path": 글자마다
크기/100 배율, mathtext의 첨자는 그 안에서 다시 0.7 배율)."""

import re

import koreanize_matplotlib  # noqa: F401 - Hangul labels
import matplotlib.pyplot as plt
import pytest

from sitebuild.run import figures

COLUMN = 328  # CSS px: a 360 px phone less Material's 16 px margins
SMALLEST = 9  # CSS px

# a text: its comment, then a group scaled by font size / 100, holding one
# <use> per glyph (a sub- or superscript glyph scaled again, e.g. 0.7)
_TEXT = re.compile(r'<!-- (.*?) -->\s*<g (?:style="[^"]*"\s*)?'
                   r'transform="[^"]*scale\(([\d.]+) -[\d.]+\)">(.*?)</g>', re.S)
_GLYPH_SCALE = re.compile(r'<use [^>]*?transform="[^"]*scale\(([\d.]+)\)"')


def text_sizes(svg: str) -> list[tuple[str, float]]:
    """(text, CSS px of its smallest glyph) of every text in a matplotlib SVG,
    as shown in the 328 px column (a narrower figure at its own size)."""
    width_pt = float(re.search(r'<svg [^>]*width="([\d.]+)pt"', svg).group(1))
    px_per_pt = 4 / 3 * min(1.0, COLUMN / (width_pt * 4 / 3))
    sizes = []
    for text, scale, glyphs in _TEXT.findall(svg):
        smallest = min([float(s) for s in _GLYPH_SCALE.findall(glyphs)] + [1.0])
        sizes.append((text, float(scale) * 100 * smallest * px_per_pt))
    return sizes


def small_texts(svg: str) -> list[str]:
    return [f"{text!r} {px:.1f} px" for text, px in text_sizes(svg) if px < SMALLEST]


def _saved(fig, tmp_path) -> str:
    plt.figure(fig.number)
    figures.house_style()
    path = tmp_path / "fig.svg"
    fig.savefig(path, **figures.SVG_OPTIONS)
    plt.close(fig)
    return path.read_text(encoding="utf-8")


def test_sizes_count_sub_and_superscripts(tmp_path):
    """첨자는 글자 크기의 0.7배로 재고, 본문 폭보다 넓은 그림은 줄어든 만큼 작게 잰다."""
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.set_xlabel("$x_1$", fontsize=11)
    ax.text(0.5, 0.5, "글자", fontsize=11)
    fig.savefig(tmp_path / "raw.svg", **figures.SVG_OPTIONS)
    plt.close(fig)
    sizes = dict(text_sizes((tmp_path / "raw.svg").read_text(encoding="utf-8")))
    assert sizes["글자"] == pytest.approx(sizes["$x_1$"] / 0.7, rel=0.01)
    assert sizes["글자"] < 11 * 4 / 3 * 0.8  # wider than the column: shrunk


def test_house_style_brings_every_text_to_9_px(tmp_path):
    """집 양식이 작은 글자, 첨자, 로그 축 눈금(10^4 대신 10000)을 9 CSS px 이상으로
    만드는지 확인한다."""
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.set_yscale("log")
    ax.plot([1, 2], [1000, 30000])
    ax.set_xlabel("$x_1$ and $w_{i,j}^{(2)}$")
    ax.text(1.2, 3000, "작은 글자", fontsize=6)
    ax.set_title(r"$\hat{y}_1$")
    svg = _saved(fig, tmp_path)
    assert small_texts(svg) == []
    assert "10000" in svg and "10^{4}" not in svg


@pytest.mark.slow
def test_every_built_figure_has_no_text_under_9_px(built_site):
    """빌드한 모든 그림(밝은 판과 어두운 판)의 모든 글자가 9 CSS px 이상인지 확인하고,
    아니면 그림 이름과 글자를 밝힌다."""
    figures = sorted((built_site["site"] / "figures").rglob("*.svg"))
    assert figures
    problems = {}
    for path in figures:
        svg = path.read_text(encoding="utf-8")
        assert text_sizes(svg), f"{path.name}: no text found (has the SVG changed?)"
        assert len(text_sizes(svg)) == svg.count("<!-- "), path.name  # every text read
        if small_texts(svg):
            problems[path.name] = small_texts(svg)
    assert problems == {}
