"""Read a page once into a plan: code blocks, markers and headings, in order.

Running the examples, placing their outputs and building the notebook all use
the :class:`PagePlan`; nothing after this module parses the Markdown again.
Problems (a wrong marker, a missing section) are collected in the plan with
the page and line they are at, so a build can report all of them together.
"""

from __future__ import annotations

import dataclasses
import re
import textwrap

from pymdownx.superfences import RE_NESTED_FENCE_START

from sitebuild.problems import BuildError, Problem
from sitebuild.pages.sections import SNIPPETS_DIR, Section, SnippetReader, section_id

# An engine marker: <!-- ex:KIND ARGS -->.
MARKER_RE = re.compile(r"<!--[ \t]*ex:(?P<kind>\S*)(?P<args>.*?)-->", re.S)
TARGET_RE = re.compile(
    r"^(?P<module>[\w./-]+\.py):(?P<section>[a-z][-_0-9a-z]*)"
    r"(?:#(?P<index>[1-9][0-9]*))?$", re.I)
HEADING_RE = re.compile(
    r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*(?:\{[^}]*\})?[ \t]*$")
CODE_LANGUAGES = ("python", "py")
MARKER_KINDS = ("output", "figure", "error")


@dataclasses.dataclass(frozen=True)
class IncludeLine:
    line: int  # page line, 1-based
    path: str  # as written, e.g. snippets/x.py:fit
    section: Section | None  # None when it could not be read (see problems)


@dataclasses.dataclass(frozen=True)
class CodeBlock:
    """A fenced Python block that includes sections."""

    line: int  # the opening fence's page line
    includes: tuple[IncludeLine, ...]
    code: str  # what the page shows: includes expanded, block dedented

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(i.section for i in self.includes if i.section is not None)


@dataclasses.dataclass(frozen=True)
class Marker:
    line: int
    kind: str  # "output", "figure" or "error" (the section must raise or warn)
    section: str  # section id, snippets/x.py:name
    index: int | None  # figure number within the section, 1-based
    alt: str
    start: int  # offsets of the marker in the page source
    end: int

    @property
    def figure(self) -> int:
        return self.index or 1


@dataclasses.dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str


@dataclasses.dataclass
class PagePlan:
    page: str  # src_uri, e.g. perceptron.md
    source: str
    blocks: list[CodeBlock]
    markers: list[Marker]
    headings: list[Heading]
    problems: list[Problem]
    # Include lines pymdownx must not see (page line -> the include), for
    # serve; ``loose_includes`` are those outside a code block.
    broken_includes: dict[int, str] = dataclasses.field(default_factory=dict)
    loose_includes: set[int] = dataclasses.field(default_factory=set)
    # Every fenced block (any language): opening line -> closing line, 1-based.
    fences: dict[int, int] = dataclasses.field(default_factory=dict)

    @property
    def sections(self) -> list[Section]:
        """Every section the page shows, in page order: what a run executes."""
        return [s for block in self.blocks for s in block.sections]

    @property
    def expected_errors(self) -> list[str]:
        """The sections marked ex:error, in page order: a run records what
        they raise or warn instead of failing (the run request carries them)."""
        marked = {m.section for m in self.markers if m.kind == "error"}
        return [s.id for s in self.sections if s.id in marked]

    @property
    def title(self) -> str:
        return next((h.text for h in self.headings if h.level == 1), self.page)


def plan_page(page: str, markdown: str, reader: SnippetReader) -> PagePlan:
    """Read ``markdown`` (the page's source) into its plan."""
    plan = PagePlan(page, markdown, [], [], [], [])
    lines = markdown.split("\n")
    fenced = [False] * len(lines)
    number = 0
    while number < len(lines):
        line = lines[number]
        start = RE_NESTED_FENCE_START.match(line.lstrip(" \t>"))
        if start:
            fence = start["fence"]
            end = number + 1
            while end < len(lines) and lines[end].strip(" \t>") != fence:
                end += 1
            if end >= len(lines):
                _problem(plan, number + 1, f"the code fence {fence} opened here is never "
                                           "closed: everything after it would be code")
            for i in range(number, min(end + 1, len(lines))):
                fenced[i] = True
            plan.fences[number + 1] = min(end + 1, len(lines))
            body = lines[number + 1:end]
            language = (start["lang"] or "").lower()
            _read_block(plan, reader, number + 1, body, language)
            number = end + 1
            continue
        _read_outside(plan, reader, number + 1, line)
        number += 1
    _read_markers(plan, markdown, fenced)
    plan.problems.sort(key=lambda p: int(p.where.rpartition(":")[2]))
    return plan


# Helper functions -----------------------------------------------------------


def _problem(plan: PagePlan, line: int, message: str) -> None:
    plan.problems.append(Problem(f"{plan.page}:{line}", message))


def _read_outside(plan: PagePlan, reader: SnippetReader, number: int,
                  line: str) -> None:
    heading = HEADING_RE.match(line)
    if heading:
        plan.headings.append(Heading(number, len(heading["hashes"]),
                                     heading["text"]))
    include = reader.include(line)
    if include and include.path.startswith(SNIPPETS_DIR + "/"):
        _problem(plan, number, f"include '{include.path}' is outside a "
                               "```python code block: its code would not run")
        plan.broken_includes[number] = include.path + (
            f":{include.section}" if include.section else "")
        plan.loose_includes.add(number)


def _read_block(plan: PagePlan, reader: SnippetReader, fence_line: int,
                body: list[str], language: str) -> None:
    includes: list[IncludeLine] = []
    for offset, line in enumerate(body, start=1):
        include = reader.include(line)
        if include is None or not include.path.startswith(SNIPPETS_DIR + "/"):
            continue
        number = fence_line + offset
        spec = include.path + (f":{include.section}" if include.section else "")
        section = None
        if language not in CODE_LANGUAGES:
            _problem(plan, number, f"include '{spec}' is in a '{language or 'plain'}'"
                                   " block; example code goes in ```python blocks")
        elif include.section is None or include.has_lines:
            _problem(plan, number, f"include '{spec}' must name a section, like "
                                   "'snippets/perceptron.py:fit' (line numbers "
                                   "are not allowed)")
        else:
            try:
                section = reader.section(include.path, include.section)
            except BuildError as err:
                _problem(plan, number, f"include '{spec}': {err}")
            else:
                if any(s.id == section.id for s in plan.sections) or any(
                        i.section and i.section.id == section.id for i in includes):
                    _problem(plan, number, f"section '{spec}' is included twice "
                                           "on this page")
                    section = None
        if section is None:
            plan.broken_includes[number] = spec
        includes.append(IncludeLine(number, spec, section))
    if not includes:
        return
    shown = [line for offset, line in enumerate(body, start=1)
             if fence_line + offset not in plan.broken_includes]
    try:
        code = "\n".join(reader.shown_block(shown))
    except BuildError as err:
        _problem(plan, fence_line, str(err))
        code = "\n".join(shown)
    plan.blocks.append(CodeBlock(fence_line, tuple(includes),
                                 textwrap.dedent(code).strip("\n")))


def _read_markers(plan: PagePlan, markdown: str, fenced: list[bool]) -> None:
    shown = {s.id for s in plan.sections}
    named = {i.path for b in plan.blocks for i in b.includes}
    seen: dict[tuple, int] = {}
    for match in MARKER_RE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        if fenced[line - 1]:
            continue  # a marker shown as an example inside a code block
        kind, args = match["kind"], match["args"].strip()
        if kind not in MARKER_KINDS:
            _problem(plan, line, f"unknown marker 'ex:{kind}' (known: "
                                 + ", ".join(f"ex:{k}" for k in MARKER_KINDS) + ")")
            continue
        target_text, _, alt = args.partition(" ")
        target = TARGET_RE.match(target_text)
        if not target:
            _problem(plan, line, f"marker 'ex:{kind}' needs a target like "
                                 f"'perceptron.py:fit', got '{target_text}'")
            continue
        alt = " ".join(alt.split())
        if kind == "figure" and not alt:
            _problem(plan, line, f"figure marker '{target_text}' needs alt text "
                                 "that says what the figure shows")
            continue
        if kind in ("output", "error") and (alt or target["index"]):
            _problem(plan, line, f"{kind} marker takes only 'module.py:section'")
            continue
        sid = section_id(f"{SNIPPETS_DIR}/{target['module']}", target["section"])
        if sid not in shown:
            if sid not in named:  # a broken include is reported at its line
                _problem(plan, line, f"marker refers to '{target_text}', but the "
                                     f"page does not include '--8<-- \"{sid}\"'")
            continue
        if kind == "error":
            block = next(b for b in plan.blocks if sid in (s.id for s in b.sections))
            if block.sections[-1].id != sid:
                _problem(plan, line, f"section '{target_text}' is marked ex:error, so it "
                                     "must be the last section of its code block (a "
                                     "notebook cell stops at the error): put the "
                                     "sections after it in a code block of their own")
                continue
        index = int(target["index"]) if target["index"] else None
        key = (kind, sid, index or 1)
        if key in seen:
            _problem(plan, line, f"marker for '{target_text}' repeats the one on "
                                 f"line {seen[key]}")
            continue
        seen[key] = line
        plan.markers.append(Marker(line, kind, sid, index, alt,
                                   match.start(), match.end()))
