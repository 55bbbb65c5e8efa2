"""Put a page's results where its markers are, or show what went wrong.

:func:`check` lists the problems between a plan and its result (an output
nobody placed, a marker for a figure that was never drawn); :func:`render`
replaces the markers of the page's Markdown with the outputs and figures.
Under ``mkdocs serve`` a problem does not stop the server: :func:`render`
puts a clearly marked error box where the output would have been.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from mkdocs.structure.files import File
from pymdownx.snippets import SnippetPreprocessor

from sitebuild.run.environment import KERAS_STACK, LIBRARIES, Platform
from sitebuild.polish.numbering import figure_caption
from sitebuild.pages.plan import Marker, PagePlan
from sitebuild.problems import BuildError, Problem
from sitebuild.run.protocol import ExpectedError
from sitebuild.run.results import FigureFile, PageResult

# The class of an ex:error marker's output block (docs/stylesheets/extra.css).
EXPECTED_ERROR_CLASS = "ex-expected-error"


def check(plan: PagePlan, result: PageResult) -> list[Problem]:
    """Every marker points at something real; everything made has a place."""
    problems = []
    placed: set[tuple[str, str, int]] = set()
    for m in plan.markers:
        sec = result.sections.get(m.section)
        if sec is None:
            continue  # the run failed before it: reported as the failure
        where = f"{plan.page}:{m.line}"
        if m.kind == "error":
            if sec.error is None:
                short = m.section.removeprefix("snippets/")
                problems.append(Problem(where, f"section '{short}' was marked ex:error but "
                                               "ran without an error or a warning"))
            continue
        if m.kind == "output":
            if not sec.stdout:
                problems.append(Problem(where, f"section '{m.section}' printed nothing"))
            placed.add(("output", m.section, 1))
            continue
        count = len(sec.figures)
        if count == 0:
            problems.append(Problem(where, f"section '{m.section}' drew no figure"))
        elif m.index is None and count > 1:
            problems.append(Problem(where, f"section '{m.section}' drew {count} "
                                           f"figures; name one as '{m.section}#N'"))
        elif m.figure > count:
            problems.append(Problem(where, f"section '{m.section}' drew only {count} "
                                           f"figure(s), not #{m.figure}"))
        placed.add(("figure", m.section, m.figure))
    for sid, sec in result.sections.items():
        short = sid.removeprefix("snippets/")
        if sec.stdout and ("output", sid, 1) not in placed:
            problems.append(Problem(plan.page, f"section '{sid}' prints output that "
                                               "the page does not show (add "
                                               f"<!-- ex:output {short} -->)"))
        for i in range(1, len(sec.figures) + 1):
            if ("figure", sid, i) not in placed:
                problems.append(Problem(plan.page, f"figure {i} of '{sid}' is not "
                                                   "placed on the page (add "
                                                   f"<!-- ex:figure {short} ... -->)"))
    return problems


class PublishedFigure(File):
    """A figure file of the site, with the alt text its page gives it."""

    alt: str | None = None


def figure_uri(page: str, fig: FigureFile, dark: bool = False) -> str:
    """Site path of a figure, e.g. figures/perceptron/perceptron-plot-1.svg."""
    return f"figures/{page.removesuffix('.md')}/{fig.dark_name if dark else fig.name}"


def render(plan: PagePlan, markdown: str, result: PageResult | None,
           problems: list[Problem] = (), after_title: str = "") -> str:
    """The page's Markdown with its markers replaced.

    ``markdown`` is what MkDocs passes to ``on_page_markdown``: the plan's
    source without its front matter. ``problems`` (serve only) are shown in
    error boxes: under the page title, and in place of every output that
    could not be made. ``after_title`` (Markdown) goes under the title too.
    """
    if not plan.source.endswith(markdown):
        raise BuildError(Problem(plan.page, "the Markdown changed between reading "
                                            "and rendering (another plugin?)"))
    offset = len(plan.source) - len(markdown)
    edits: list[tuple[int, int, str]] = []
    failure = result.failure if result else None
    figures = 0  # the page's figures are numbered in page order (sitebuild.polish.numbering)
    for m in plan.markers:
        if m.kind == "figure":
            figures += 1
        sec = result.sections.get(m.section) if result else None
        if sec is None or (m.kind == "figure" and m.figure > len(sec.figures)) \
                or (m.kind == "output" and not sec.stdout) \
                or (m.kind == "error" and sec.error is None):
            text = _missing(m, failure)
        elif m.kind == "error":
            text = expected_error(sec.error)
        else:
            text = _output(sec.stdout) if m.kind == "output" else \
                _figure(plan.page, sec.figures[m.figure - 1], m.alt) \
                + "\n\n" + figure_caption(figures)
        text = inert(text)
        start = m.start - offset
        # a marker inside an indented block (an answer under '??? success')
        # keeps every line of what replaces it inside that block
        indent = markdown[markdown.rfind("\n", 0, start) + 1:start]
        if indent and not indent.strip():
            text = text.replace("\n", "\n" + indent)
        edits.append((start, m.end - offset, text))
    lines_at = _line_starts(markdown, offset, plan.source)
    for line, spec in plan.broken_includes.items():
        if line in lines_at:
            start, end = lines_at[line]
            if line in plan.loose_includes:  # prose: a Python comment would be a heading
                edits.append((start, end, f"(구간을 불러오지 못했습니다: `{spec}`)"))
            else:
                indent = re.match(r"[ \t]*", markdown[start:end]).group(0)
                edits.append((start, end, f"{indent}# (구간을 불러오지 못했습니다: {spec})"))
    top = inert((error_box(problems) if problems else "") + after_title)
    if top:
        title = next((h.line for h in plan.headings if h.level == 1), None)
        at = lines_at[title][1] if title in lines_at else 0
        edits.append((at, at, "\n\n" + top))
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        markdown = markdown[:start] + text + markdown[end:]
    return markdown


def inert(text: str) -> str:
    """``text`` with every line that pymdownx.snippets would read as its
    syntax escaped with its ``;``, which the preprocessor removes again.

    Outputs enter the page's Markdown before that preprocessor runs: a
    printed ``--8<-- "mkdocs.yml"`` (or a block of paths between two
    ``--8<--`` lines, or a section marker) would otherwise put that file of
    the repository on the page. The page shows the text exactly as printed.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "8<-" not in line:
            continue
        found = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line) \
            or SnippetPreprocessor.RE_SNIPPET_SECTION.match(line)
        if found:
            at = found.start("escape")
            lines[number] = line[:at] + ";" + line[at:]
    return "\n".join(lines)


def fence_for(text: str) -> str:
    """The backtick fence for a block holding ``text``: longer than any run
    of backticks in it (at least three), so no line of ``text`` can close the
    block. Every fence the build writes around code or output comes from here
    (pages, notebooks, ex:error blocks)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def fenced(text: str, info: str = "") -> str:
    """``text`` as a fenced block whose opening line carries ``info``."""
    fence = fence_for(text)
    return f"{fence}{info}\n{text}\n{fence}"


def expected_error(error: ExpectedError) -> str:
    """An ex:error marker's block: what the section raised or warned, as
    text in an output block marked as an error (its own class and label)."""
    return fenced(error.text.rstrip(),
                  f'{{ .text .{EXPECTED_ERROR_CLASS} title="{error_label(error)}" }}')


def error_label(error: ExpectedError) -> str:
    """What an expected error's block is called: an exception wins over warnings."""
    return "지금 실행하면 나는 오류" if error.raised else "지금 실행하면 나는 경고"


def error_box(problems: list[Problem]) -> str:
    """A clearly marked box listing problems (raw HTML: nothing is parsed)."""
    items = "".join(
        f"<li><code>{html.escape(p.where)}</code> {html.escape(p.message)}"
        + (f"<pre><code>{html.escape(_short(p.details))}</code></pre>" if p.details else "")
        + "</li>" for p in problems)
    return (f'\n<div class="admonition failure ex-error" role="alert">\n'
            f'<p class="admonition-title">예제 오류: 빌드가 이 페이지의 코드를 실행하지 '
            f"못했습니다</p>\n<ul>{items}</ul>\n<p>코드를 고치고 저장하면 이 페이지가 다시 "
            "만들어집니다. <code>mkdocs build</code>는 이 오류로 실패합니다.</p>\n</div>\n")


# Helper functions -----------------------------------------------------------


def _output(stdout: str) -> str:
    return fenced(stdout.rstrip(), 'text title="출력"')


def _figure(page: str, fig: FigureFile, alt: str) -> str:
    """Both versions of a figure; Material shows the one of the reader's
    palette (``#only-light`` / ``#only-dark``) and follows its toggle. Each
    is a link to its file: a tap opens it full-size (figure-zoom.js), and
    without JavaScript the browser shows the file itself."""
    alt = alt.replace("\\", "\\\\").replace("[", "(").replace("]", ")")
    images = []
    for dark, palette in ((False, "only-light"), (True, "only-dark")):
        src = Path(os.path.relpath(figure_uri(page, fig, dark), Path(page).parent or ".")).as_posix()
        images.append(f'[![{alt}]({src}#{palette}){{ .ex-figure loading=lazy '
                      f'width="{fig.width}" height="{fig.height}" }}]({src}){{ .ex-zoom }}')
    return "".join(images)


def _missing(marker: Marker, failure) -> str:
    what = {"output": "출력이", "figure": "그림이", "error": "오류 메시지가"}[marker.kind]
    if failure is not None:
        why = (f"<code>{html.escape(failure.where)}</code>에서 "
               f"<code>{html.escape(failure.type)}</code> 오류가 나서 만들지 못했습니다.")
    else:
        why = "만들지 못했습니다(페이지 맨 위의 오류를 보세요)."
    return (f'<div class="admonition failure ex-error" role="alert"><p>이 자리에 '
            f"<code>{html.escape(marker.section)}</code>의 {what} 들어갑니다. "
            f"{why}</p></div>")


def _line_starts(markdown: str, offset: int, source: str) -> dict[int, tuple[int, int]]:
    """Page line number -> (start, end) offsets in ``markdown``."""
    first = source.count("\n", 0, offset) + 1
    spans, pos = {}, 0
    for number, line in enumerate(markdown.split("\n"), start=first):
        spans[number] = (pos, pos + len(line))
        pos += len(line) + 1
    return spans


def _short(details: str, lines: int = 12) -> str:
    kept = details.rstrip().split("\n")
    return "\n".join(kept[-lines:])


# The platform note is prose: here, outside the results lock (the run's
# modules), so that a new sentence decides nothing about the cache.
def note(page: str, env: Platform, report_page: str = "environment.md") -> str:
    """A small admonition saying how a page's outputs were produced."""
    shown = [n for n in LIBRARIES if n in env.versions
             and (env.used_tensorflow or n not in KERAS_STACK)]
    libs = ", ".join(f"{LIBRARIES[n]} {env.versions[n]}" for n in shown)
    if env.gpus:
        device = "GPU(" + ", ".join(env.gpus) + ")"
    else:
        device = f"CPU({env.cpu}, {env.cpu_count}코어)"
    link = Path(os.path.relpath(report_page, Path(page).parent or ".")).as_posix()
    return (
        '\n\n!!! info "이 페이지의 출력을 만든 환경"\n\n'
        f"    이 페이지의 출력과 그림은 {env.date}에 사이트를 빌드하면서 "
        f"{device}에서 Python {env.python}, {libs}로 코드를 실행해 "
        "얻었습니다. 빌드는 실행할 때 `PYTHONHASHSEED=0`과 `TF_ENABLE_ONEDNN_OPTS=0`을 "
        "정해 두므로 같은 버전이면 같은 숫자가 나옵니다. 이 두 값이나 라이브러리 버전, "
        "장치가 다르면 마지막 자리만이 아니라 훈련 결과(조기 종료가 멈춘 에포크, 튜너의 표)도 "
        f"달라질 수 있습니다. 내 컴퓨터의 환경은 [실행 환경]({link}) 페이지의 방법으로 "
        "확인할 수 있습니다.\n"
    )
