"""페이지에 보이는 코드 줄이 72글자를 넘지 않는지 확인한다(360 px 휴대폰에서 덜 가로로 밀린다).

페이지가 포함하는 모든 `--8<-- "snippets/…:구간"`(펼친 블록과 접힌 블록 모두)을 읽어,
pymdownx.snippets의 dedent_subsections처럼 들여쓰기를 걷어 낸 뒤 줄마다 길이를 잰다.
빌드 없이 파일만 읽는다(not slow).
"""

import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MAX_WIDTH = 72
INCLUDE_RE = re.compile(r'--8<-- "(?P<file>snippets/[\w/]+\.py):(?P<section>\w+)"')


def section_lines(source: str, section: str) -> list[str]:
    """스니펫 구간의 줄(구간 표시 줄은 빼고, 공통 들여쓰기를 걷어 냄)."""
    lines, inside = [], False
    for line in source.splitlines():
        marker = line.strip()
        if marker == f"# --8<-- [start:{section}]":
            inside = True
            continue
        if marker == f"# --8<-- [end:{section}]":
            break
        if inside and not re.match(r"\s*# --8<-- \[(start|end):", line):
            lines.append(line)
    assert inside, f"구간 {section}을 찾지 못했다"
    return textwrap.dedent("\n".join(lines)).splitlines()


def shown_sections():
    """(페이지, 스니펫 파일, 구간) 목록: 페이지에 실린 순서대로."""
    for page in sorted(DOCS.glob("*.md")):
        for match in INCLUDE_RE.finditer(page.read_text(encoding="utf-8")):
            yield page.name, match["file"], match["section"]


def too_wide(page, file, section):
    source = (ROOT / file).read_text(encoding="utf-8")
    return [(number, len(line)) for number, line in
            enumerate(section_lines(source, section), start=1)
            if len(line) > MAX_WIDTH]


def test_section_lines_are_dedented_like_pymdownx():
    """함수 안의 구간은 들여쓰기가 걷히고 표시 줄은 빠지는지 확인한다."""
    source = ("def main():\n    # --8<-- [start:a]\n    x = 1\n"
              "        y = 2\n    # --8<-- [end:a]\n")
    assert section_lines(source, "a") == ["x = 1", "    y = 2"]


def test_width_check_finds_a_long_line(tmp_path):
    """72글자를 넘는 줄을 실제로 찾아내는지 확인한다."""
    source = "# --8<-- [start:b]\n" + "x" * 73 + "\n# --8<-- [end:b]\n"
    assert [len(line) for line in section_lines(source, "b")] == [73]


@pytest.mark.parametrize("page, file, section", list(shown_sections()),
                         ids=lambda value: str(value))
def test_shown_code_fits_72_columns(page, file, section):
    """페이지에 보이는 구간의 모든 줄이 72글자 이하인지 확인한다."""
    wide = too_wide(page, file, section)
    assert not wide, "\n".join(
        f"{page}: {file}:{section} 구간의 {number}번째 줄이 {width}글자"
        for number, width in wide)
