"""A chapter page's Markdown as a notebook's cells: the whole lesson.

:func:`lesson_parts` walks the page source once more, but only as text to
carry over: the fences, code blocks, markers and headings it meets are the
ones the :class:`~sitebuild.pages.plan.PagePlan` already read (looked up by their
line), so no fence, include or marker is parsed twice. What MkDocs extensions draw is written
in the plain Markdown that Jupyter and Colab render:

- a heading keeps its text (``{ #id }`` is dropped) and starts a new cell;
- ``!!! type "title"`` becomes a quote under its bold title;
- ``??? example`` (the folded plotting code) becomes code cells whose source
  JupyterLab shows collapsed (``jupyter.source_hidden``);
- any other ``???`` fold (an exercise's answer) becomes an HTML
  ``<details>`` block, its code, output and figures inside it as Markdown
  (a fenced listing, the printed text, the figure as a cell attachment);
- formulas stay ``$…$`` / ``$$…$$`` for Jupyter's own MathJax;
- a link to another page of the site, or to an anchor of this one, keeps
  only its text (the notebook is read on its own); output and figure markers go, because the code cell
  above them carries those outputs;
- a playground widget becomes a short note that it lives on the website;
- the glossary's terms that the page uses are spelled out in a last cell,
  since a notebook has no hover tooltips.
"""

from __future__ import annotations

import base64
import dataclasses
import re

from sitebuild.polish.numbering import tag_formulas
from sitebuild.pages.plan import CodeBlock, PagePlan
from sitebuild.pages.render import error_label, fenced
from sitebuild.run.results import PageResult

ADMONITION_RE = re.compile(
    r'^(?P<kind>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
PLOT_FOLD = "example"  # ??? example "그림을 그리는 코드": code that must run
ATTR_LIST_RE = re.compile(r"[ \t]*\{[ \t]*[#.:][^}\n]*\}")
# A link to a page of the site or to an anchor of this one: the notebook is
# read on its own, and Jupyter gives headings other anchors. (May wrap lines.)
SITE_LINK_RE = re.compile(
    r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<href>#[^)\s]*|(?!https?:)[^)\s]+\.md(?:#[^)\s]*)?)\)")
# a fenced block, closed by a fence as long as its opening one (render.fence_for)
FENCE_RE = re.compile(r"^(?P<fence>`{3,}).*?^(?P=fence)[ \t]*$", re.S | re.M)
GLOSSARY_RE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:[ \t]*(?P<text>.+)$")
# In place of a JavaScript widget (docs/javascripts/playground/), which a
# notebook cannot hold.
PLAYGROUND_NOTE = ("> **실습 도구**: 사이트의 같은 페이지에는 이 자리에 브라우저에서 바로 돌려 보는 "
                   "실습 도구가 있습니다. 노트북에는 담기지 않으니 사이트{where}에서 열어 보세요.")
# What an admonition is called when it has no title of its own.
TITLES = {"note": "참고", "abstract": "요약", "info": "정보", "tip": "팁",
          "success": "답", "question": "질문", "warning": "주의", "danger": "위험",
          "example": "예", "quote": "인용"}


@dataclasses.dataclass
class Code:
    """A code cell: one of the page's code blocks."""

    block: CodeBlock
    hidden: bool  # folded on the page (plotting code)


@dataclasses.dataclass
class Text:
    """Markdown; ``breaks`` marks a heading, which starts a new cell."""

    text: str
    breaks: bool = False


Part = Code | Text


def lesson_parts(plan: PagePlan, result: PageResult,
                 address: str = "") -> tuple[list[Part], dict[str, bytes]]:
    """The page as Markdown parts and code cells, in page order, and the
    figures the Markdown shows (attachment name -> SVG bytes).

    The page title (the level-1 heading) is left out: the notebook's first
    cell names it. Adjacent Markdown is merged; a heading starts a new part.
    """
    # formulas numbered as on the page (the same lines: the plan's numbers hold)
    lines = list(enumerate(tag_formulas(plan.source, anchors=False).split("\n"), start=1))
    reader = _Reader(plan, result, address)
    parts = reader.convert(lines, inline=False)
    return _merge(parts), reader.figures


def glossary_text(page_text: str, glossary: str) -> str | None:
    """A Markdown list of the glossary's terms that ``page_text`` uses."""
    used = []
    for line in glossary.splitlines():
        match = GLOSSARY_RE.match(line.strip())
        if match and match["term"] in page_text:
            used.append(f"- **{match['term']}**: {match['text'].strip()}")
    if not used:
        return None
    return "## 이 노트북의 용어\n\n" + "\n".join(used)


def attachments(parts_text: str, figures: dict[str, bytes]) -> dict:
    """The attachments a Markdown cell refers to (``attachment:NAME``)."""
    return {name: {"image/svg+xml": base64.b64encode(data).decode("ascii")}
            for name, data in figures.items() if f"attachment:{name}" in parts_text}


# Helper functions -----------------------------------------------------------


class _Reader:
    def __init__(self, plan: PagePlan, result: PageResult, address: str = ""):
        self.plan = plan
        self.result = result
        self.address = address  # the page's full address, or ""
        self.blocks = {b.line: b for b in plan.blocks}
        self.markers = {m.line: m for m in plan.markers}
        self.title = next((h.line for h in plan.headings if h.level == 1), None)
        self.figures: dict[str, bytes] = {}  # attachment name -> SVG bytes

    def convert(self, lines: list[tuple[int, str]], inline: bool,
                hidden: bool = False) -> list[Part]:
        """Convert ``lines`` (page line number, text already dedented).

        ``inline``: inside an answer, where code and outputs are Markdown.
        ``hidden``: inside a plotting fold, where code cells are collapsed.
        """
        parts: list[Part] = []
        i = 0
        while i < len(lines):
            number, line = lines[i]
            if number in self.plan.fences:  # the plan read where each fence ends
                end = min(i + self.plan.fences[number] - number, len(lines) - 1)
                block = self.blocks.get(number)
                if block is None:  # a listing the page shows as it is
                    parts.append(Text("\n".join(t for _, t in lines[i:end + 1])))
                elif inline:
                    parts.append(Text(fenced(block.code, "python")))
                else:
                    parts.append(Code(block, hidden))
                i = end + 1
                continue
            admonition = ADMONITION_RE.match(line)
            if admonition:
                body, i = _indented_body(lines, i + 1)
                parts += self._admonition(admonition, body, inline, hidden)
                continue
            if line.startswith("<div") and "data-playground" in line:
                while i < len(lines) and "</div>" not in lines[i][1]:
                    i += 1
                parts.append(Text(PLAYGROUND_NOTE.format(
                    where=f"({self.address})" if self.address else "")))
                i += 1
                continue
            if line.lstrip().startswith("<!--"):
                i = self._comment(lines, i, parts, inline)
                continue
            if number == self.title:
                i += 1
                continue
            heading = re.match(r"^#{1,6}[ \t]", line)
            text = ATTR_LIST_RE.sub("", line) if heading else line
            parts.append(Text(text, breaks=bool(heading)))
            i += 1
        return parts

    def _admonition(self, match: re.Match, body: list[tuple[int, str]],
                    inline: bool, hidden: bool) -> list[Part]:
        kind, type_ = match["kind"], match["type"]
        title = match["title"] if match["title"] is not None else TITLES.get(type_, type_)
        if kind.startswith("???") and type_ == PLOT_FOLD and not inline:
            inner = self.convert(body, inline=False, hidden=True)
            return [Text(f"**{title}**(접어 둔 코드 셀: 펼치면 보입니다)"), *inner]
        if kind.startswith("???"):  # an answer: everything inside is Markdown
            inner = _join(self.convert(body, inline=True))
            return [Text(f'<details class="{type_}">\n<summary>{title}</summary>\n\n'
                         f"{inner}\n\n</details>")]
        out: list[Part] = []
        quoted = [f"**{title}**"] if title else []
        for part in self.convert(body, inline=inline, hidden=hidden):
            if isinstance(part, Code):  # a quote cannot hold a code cell
                out.append(Text(_quote(quoted)))
                out.append(part)
                quoted = []
            else:
                quoted.append(part.text)
        if quoted:
            out.append(Text(_quote(quoted)))
        return out

    def _comment(self, lines, i: int, parts: list[Part], inline: bool) -> int:
        """Skip an HTML comment; inside an answer, a marker becomes its output."""
        number = lines[i][0]
        text = lines[i][1]
        while "-->" not in text and i + 1 < len(lines):
            i += 1
            text += "\n" + lines[i][1]
        marker = self.markers.get(number)
        if inline and marker is not None:
            section = self.result.sections.get(marker.section)
            if section is not None and marker.kind == "output":
                parts.append(Text(fenced(section.stdout.rstrip(), "text")))
            elif section is not None and marker.kind == "error":
                if section.error is not None:
                    parts.append(Text(f"**{error_label(section.error)}**\n\n"
                                      + fenced(section.error.text.rstrip(), "text")))
            elif section is not None and len(section.figures) >= marker.figure:
                fig = section.figures[marker.figure - 1]
                self.figures[fig.name] = fig.path.read_bytes()
                alt = marker.alt.replace("\\", "\\\\").replace("[", "(").replace("]", ")")
                parts.append(Text(f"![{alt}](attachment:{fig.name})"))
        rest = text[text.index("-->") + 3:] if "-->" in text else ""
        if rest.strip():
            parts.append(Text(rest))
        return i + 1


def _indented_body(lines, start: int) -> tuple[list[tuple[int, str]], int]:
    """An admonition's body: the blank or 4-space-indented lines after it."""
    end = start
    while end < len(lines) and (not lines[end][1].strip() or lines[end][1].startswith("    ")):
        end += 1
    while end > start and not lines[end - 1][1].strip():
        end -= 1  # trailing blank lines belong to the page again
    return [(n, t[4:]) for n, t in lines[start:end]], end


def _unlink(text: str) -> str:
    """Site links as their text, outside code listings."""
    out, last = [], 0
    for fence in FENCE_RE.finditer(text):
        out.append(SITE_LINK_RE.sub(lambda m: m["text"], text[last:fence.start()]))
        out.append(fence.group(0))
        last = fence.end()
    out.append(SITE_LINK_RE.sub(lambda m: m["text"], text[last:]))
    return "".join(out)


def _quote(texts: list[str]) -> str:
    body = "\n\n".join(t.strip("\n") for t in texts if t.strip())
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


def _join(parts: list[Part]) -> str:
    return "\n".join(p.text for p in parts if isinstance(p, Text)).strip("\n")


def _merge(parts: list[Part]) -> list[Part]:
    """Adjacent Markdown lines as one part; a heading starts a new one."""
    merged: list[Part] = []
    for part in parts:
        last = merged[-1] if merged else None
        if isinstance(part, Text) and isinstance(last, Text) and not part.breaks:
            last.text += "\n" + part.text
        else:
            merged.append(Text(part.text, part.breaks) if isinstance(part, Text) else part)
    for part in merged:
        if isinstance(part, Text):
            part.text = _unlink(part.text.strip("\n"))
    return [p for p in merged if not isinstance(p, Text) or p.text]
