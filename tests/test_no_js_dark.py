"""자바스크립트 없이 어두운 화면: Material과 사이트의 slate 규칙을 default 본문용으로 옮긴다."""

from sitebuild.polish import no_js_dark

CSS = """/* a comment { with braces } */
@charset "utf-8";
[data-md-color-scheme=slate]{--md-hue:225;color-scheme:dark}
.a{transform:translateY(1px)}
[data-md-color-scheme="slate"] .pg, .other{--pg-class0:#8fb3ff}
[data-md-color-primary=lime]:not([data-md-color-scheme=slate]){--x:1}
@media screen{[data-md-color-scheme=slate][data-md-color-primary=indigo]{--y:"}"}}
@keyframes slate{0%{opacity:0}}
.b [data-md-color-scheme=slate] .c{color:red}
"""


def test_slate_rules_are_rewritten_for_the_default_body():
    """slate가 있어야 하는 선택자만, 조건(@media)은 그대로, 문자열 속 중괄호도 온전하게
    옮기고, translate나 :not(slate) 같은 것은 옮기지 않는지 확인한다."""
    rules = no_js_dark.slate_rules(CSS)
    assert rules == [
        "html [data-md-color-scheme=default] {--md-hue:225;color-scheme:dark}",
        "html [data-md-color-scheme=default] .pg {--pg-class0:#8fb3ff}",
        "@media screen {\nhtml [data-md-color-scheme=default][data-md-color-primary=indigo]"
        ' {--y:"}"}\n}',
        ".b [data-md-color-scheme=default] .c {color:red}",
    ]


def test_stylesheet_applies_only_to_readers_who_prefer_dark():
    """전체가 prefers-color-scheme: dark 안에 있고, 그림은 어두운 판을 보이는지 확인한다."""
    css = no_js_dark.stylesheet([CSS])
    assert css.count("@media (prefers-color-scheme: dark) {") == 1
    assert css.rstrip().endswith("}")
    assert css.count("{") == css.count("}") - css.count('"}"')
    assert 'img[src$="#only-light"]' in css and 'img[src$="#only-dark"]' in css
