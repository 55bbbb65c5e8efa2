"""장 페이지마다 제목 아래에 세 판의 절 대조가 있고, 탐색 메뉴가 제목과 같은 번호를 쓰는지 확인한다.

빌드 없이 Markdown과 mkdocs.yml만 읽는다(not slow).
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHAPTERS = ["neurons", "logic", "perceptron", "mlp", "activations",
            "regression", "classification", "sequential", "functional",
            "callbacks", "tuning"]
NAV_RE = re.compile(r"^  - (?P<title>.+): (?P<page>[a-z]+)\.md$", re.M)
BOX_RE = re.compile(
    r'^!!! info "책의 어느 절인가"\n\n    2판 (?P<second>[^·]+) · '
    r"3판 (?P<third>[^·]+) · PyTorch판 (?P<torch>(9|10)장 .+)$", re.M)


def nav_titles() -> dict[str, str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    return {m["page"]: m["title"] for m in NAV_RE.finditer(nav)}


@pytest.mark.parametrize("page", CHAPTERS)
def test_edition_box_under_the_title(page):
    """제목 바로 다음 블록이 2판·3판·PyTorch판의 절을 적은 상자이고, 2판 번호가 제목과 맞는지 확인한다."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    match = BOX_RE.match(rest.lstrip("\n"))
    assert match, f"{page}.md: 제목 아래에 '책의 어느 절인가' 상자가 없다"
    number = title[2:].split(" ", 1)[0]  # 10.2.2–10.2.3
    assert number.split("–")[0] in match["second"]


def test_nav_uses_the_page_titles():
    """탐색 메뉴의 장 제목이 페이지 제목(2판 번호)과 글자까지 같은지 확인한다."""
    titles = nav_titles()
    for page in CHAPTERS:
        title = (DOCS / f"{page}.md").read_text(encoding="utf-8").split("\n")[0]
        assert titles[page] == title[2:], page


BOOK_EXERCISE_RE = re.compile(r"^\*\*\d+\.\*\* \((?P<label>[^)]*연습 문제[^)]*)\)", re.M)


@pytest.mark.parametrize("page", CHAPTERS)
def test_book_exercises_carry_their_number(page):
    """책에서 가져온 연습 문제가 '(책 10장 연습 문제 N)'처럼 책의 번호(1–10)를 다는지 확인한다."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    for match in BOOK_EXERCISE_RE.finditer(text):
        label = re.fullmatch(r"책 10장 연습 문제 (\d+)", match["label"])
        assert label and 1 <= int(label[1]) <= 10, f"{page}.md: {match[0]}"
