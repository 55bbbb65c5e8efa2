"""페이지에서 펼쳐진 코드 블록만 차례로 붙여 넣어도 돌아가는지 정적으로 확인한다.

접힌 "그림을 그리는 코드" 블록은 읽는 사람이 건너뛰기 쉽다. 그래서 펼쳐진 블록이 쓰는
이름은 모두 앞선 펼쳐진 블록에서 import하거나 정의해야 한다. 접힌 블록에서 가져올 수
있는 것은 그 블록이 정의한 함수와 클래스(그림을 그리는 호출)뿐이다. 접힌 블록에서만
import한 `np`를 펼쳐진 블록이 쓰면, 접힌 블록을 건너뛴 독자는 NameError를 만난다.
"""

import builtins
import symtable

import pytest

from sitebuild.notebooks.lesson import Code, lesson_parts
from sitebuild.pages.plan import plan_page
from sitebuild.run.results import PageResult
from sitebuild.pages.sections import SnippetReader
from tests.helpers import ROOT, code_pages

BUILTINS = set(dir(builtins))


def needs_and_gives(code: str) -> tuple[set[str], set[str], set[str]]:
    """(names the block reads from outside it, names it binds at the top,
    of those the functions and classes it defines)."""
    top = symtable.symtable(code, "<block>", "exec")
    gives = {s.get_name() for s in top.get_symbols()
             if s.is_assigned() or s.is_imported() or s.is_namespace()}
    defines = {s.get_name() for s in top.get_symbols() if s.is_namespace()}
    needs = {s.get_name() for s in top.get_symbols() if s.is_referenced()} - gives

    def inner(table):
        for child in table.get_children():
            needs.update(s.get_name() for s in child.get_symbols()
                         if s.is_global() and s.is_referenced() and s.get_name() not in gives)
            inner(child)

    inner(top)
    return needs - BUILTINS, gives, defines


def unreachable_names(page: str) -> list[str]:
    """For each open code block of the page, the names it uses that no
    earlier open block gives (drawing functions of folded blocks aside)."""
    plan = plan_page(page, (ROOT / "docs" / page).read_text(encoding="utf-8"),
                     SnippetReader(ROOT))
    parts, _ = lesson_parts(plan, PageResult(page, {}, {}, 0, False, None))
    opened, drawing, found = set(), set(), []
    for part in (p for p in parts if isinstance(p, Code)):
        needs, gives, defines = needs_and_gives(part.block.code)
        if part.hidden:
            drawing |= defines
            continue
        missing = needs - opened - drawing
        if missing:
            first = part.block.code.strip().splitlines()[0]
            found.append(f"{page}: the open block starting {first!r} uses "
                         f"{', '.join(sorted(missing))}, which no open block before it gives")
        opened |= gives
    return found


def test_the_check_finds_a_name_only_a_folded_block_imports():
    """검사가 실제로 잡는지: 접힌 블록에서만 import한 np, 접힌 블록의 상수는 잡고, 접힌
    블록의 그림 함수와 함수 안의 지역 이름, 내장 이름은 넘어간다."""
    folded = "import numpy as np\nCOLOURS = {}\n\ndef plot(x):\n    return np.max(x)\n"
    opened = "x = np.arange(3)\nfig = plot(x)\nprint(len(COLOURS), sum(y for y in x))\n"
    needs, _, _ = needs_and_gives(opened)
    _, gives, defines = needs_and_gives(folded)
    assert needs == {"np", "plot", "COLOURS"}
    assert defines == {"plot"} and {"np", "COLOURS", "plot"} <= gives
    assert needs - defines == {"np", "COLOURS"}  # what the reader would miss


@pytest.mark.parametrize("stem", code_pages())
def test_open_code_runs_without_the_folded_blocks(stem):
    """페이지의 펼쳐진 코드 블록이 쓰는 이름을 모두 앞선 펼쳐진 블록이 주는지 확인한다."""
    assert unreachable_names(f"{stem}.md") == []
