"""sitebuild/polish/math_font.py: 사이트 수식에 쓰인 글자만 담은 수학 글꼴을 만드는지 확인한다."""

import io

from fontTools.ttLib import TTFont
from sitebuild.polish import math_font


def _site(tmp_path, body):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f"<p>글 {{ 밖</p>{body}", encoding="utf-8")
    return tmp_path


def test_font_holds_the_formulas_characters_with_their_stretchy_forms(tmp_path):
    """수식 안의 글자(엔티티 포함)만 모으고, 잘라 낸 글꼴에 MATH 표와 늘어나는 중괄호의
    큰 모양, 한 글자 mi가 쓰는 수학 기울임 글자가 남는지 확인한다."""
    site = _site(tmp_path, '<math><mo>&#x0007B;</mo><mi>z</mi><mo>&lt;</mo></math>')
    chars = math_font.characters(site)
    assert "{" in chars and "z" in chars and "<" in chars
    assert "글" not in chars  # 수식 밖의 글자는 넣지 않는다
    target = math_font.write(site, tmp_path / "cache")
    font = TTFont(io.BytesIO(target.read_bytes()))
    assert "MATH" in font
    cmap = font.getBestCmap()
    assert ord("{") in cmap and 0x1D467 in cmap  # 𝑧 (MathML이 z를 그리는 글자)
    assert ord("가") not in cmap
    variants = font["MATH"].table.MathVariants.VertGlyphCoverage.glyphs
    assert cmap[ord("{")] in variants  # 줄 수만큼 늘어날 수 있다
    assert len(target.read_bytes()) < len(math_font.source().read_bytes()) / 10
    assert target.read_bytes()[:4] == b"wOF2" and font.flavor == "woff2"


def test_font_is_cached_and_replaced_when_formulas_change(tmp_path):
    """같은 글자면 캐시의 글꼴을 그대로 쓰고, 수식이 바뀌면 옛 글꼴을 지우는지 확인한다."""
    site = _site(tmp_path, "<math><mi>x</mi></math>")
    cache = tmp_path / "cache"
    first = math_font.write(site, cache).read_bytes()
    (cached,) = cache.glob("*.woff2")
    assert math_font.write(site, cache).read_bytes() == first
    (site / "a" / "index.html").write_text("<math><mi>∑</mi></math>", encoding="utf-8")
    math_font.write(site, cache)
    assert [p.name for p in cache.glob("*.woff2")] != [cached.name]
    assert len(list(cache.glob("*.woff2"))) == 1
