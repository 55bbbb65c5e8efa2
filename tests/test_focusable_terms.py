"""sitebuild/polish/focusable_terms.py: 용어집 약어가 키보드 초점을 받는지 확인한다."""

import markdown


def test_glossary_terms_take_keyboard_focus():
    """용어집(abbr)으로 만든 약어에는 tabindex="0"이 붙고, 그냥 쓴 <abbr>이나 다른
    요소에는 붙지 않는지 확인한다."""
    text = "TLU 뉴런과 <abbr>MLP</abbr>.\n\n*[TLU]: 임계 논리 유닛"
    html = markdown.markdown(text, extensions=["abbr", "sitebuild.polish.focusable_terms"])
    assert '<abbr tabindex="0" title="임계 논리 유닛">TLU</abbr>' in html
    assert "<abbr>MLP</abbr>" in html and html.count("tabindex") == 1
    plain = markdown.markdown(text, extensions=["abbr"])
    assert "tabindex" not in plain  # the abbr extension alone does not do it
