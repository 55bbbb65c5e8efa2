"""페이지가 용어 규칙(참고 문헌 페이지의 "한 개념에 한 말" 표)을 지키는지 확인한다.

표의 왼쪽 말이 사이트가 쓰는 말이고, 오른쪽 말은 코드 밖에서 쓰지 않는다.
빌드 없이 Markdown 원문만 읽으므로 빠르다(not slow).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
RULES_PAGE = DOCS / "references.md"
GLOSSARY = ROOT / "includes" / "glossary.md"

FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`\n]*`")
GLOSSARY_RE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:")


def term_rules(text: str) -> dict[str, list[str]]:
    """"한 개념에 한 말" 표에서 {쓰는 말: [쓰지 않는 말, ...]}을 읽는다.

    괄호로 뜻을 한정한 말("약속(…)")은 글자만으로 가릴 수 없으므로 뺀다.
    """
    section = text.split("### 한 개념에 한 말", 1)[1]
    rules = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("이 사이트가 쓰는 말", "---"):
            continue
        if set(cells[0]) <= set("-:"):
            continue
        variants = [v.strip() for v in cells[1].split(",")]
        rules[cells[0].replace("`", "")] = [v for v in variants if "(" not in v]
    return rules


def prose_lines(text: str):
    """(줄 번호, 코드를 지운 줄)을 낸다: 울타리 코드 블록과 `인라인 코드`는 뺀다."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or "--8<--" in line:
            continue
        yield number, INLINE_CODE_RE.sub(" ", line)


def protected_terms() -> list[str]:
    """변형을 품을 수 있는 바른 말: 용어집의 표제어(예: 완전 연결 층)."""
    terms = [GLOSSARY_RE.match(line)["term"]
             for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
             if GLOSSARY_RE.match(line)]
    return sorted(terms, key=len, reverse=True)


def violations(text: str, rules: dict[str, list[str]],
               protected: list[str]) -> list[tuple[int, str, str]]:
    """(줄 번호, 쓰지 않는 말, 써야 할 말)의 목록."""
    found = []
    for number, line in prose_lines(text):
        for term in protected:
            line = line.replace(term, " ")
        for preferred, variants in rules.items():
            for variant in variants:
                if variant in line:
                    found.append((number, variant, preferred))
    return found


RULES = term_rules(RULES_PAGE.read_text(encoding="utf-8"))
PROTECTED = protected_terms()
PAGES = sorted(path for path in DOCS.glob("*.md") if path != RULES_PAGE)


def test_rules_table_is_read():
    """규칙 표가 읽히고, 이 이슈에서 고친 변형들이 표에 있는지 확인한다."""
    assert RULES["임곗값"][:1] == ["문턱"]
    assert RULES["Normalization 층"] == ["정규화 층"]
    assert RULES["Concatenate 층"] == ["연결 층"]
    assert RULES["출력층"] == ["출력 층"]
    assert "규약" not in RULES or RULES["규약"] == []  # 뜻이 한정된 말은 빠진다
    assert "완전 연결 층" in PROTECTED


@pytest.mark.parametrize("text, expected", [
    ("출력 층으로 간다", [(1, "출력 층", "출력층")]),
    ("완전 연결 층과 정규화 층", [(1, "정규화 층", "Normalization 층")]),
    ("완전 연결 층만 있다", []),  # 용어집의 말 속의 '연결 층'은 괜찮다
    ("`정규화 층`은 코드", []),
    ("```python\n# 문턱\n```\n문턱을 넘는다",
     [(4, "문턱", "임곗값")]),
])
def test_detector_finds_variants_outside_code(text, expected):
    """검사기가 코드 밖의 변형만 찾고 용어집의 말 속 글자는 건너뛰는지 확인한다."""
    assert violations(text, RULES, PROTECTED) == expected


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_uses_only_preferred_terms(page):
    """페이지가 코드 밖에서 '쓰지 않는 말'을 쓰지 않는지 확인한다."""
    found = violations(page.read_text(encoding="utf-8"), RULES, PROTECTED)
    assert not found, "\n".join(
        f"{page.name}:{number}: '{variant}' 대신 '{preferred}'"
        for number, variant, preferred in found)
