"""Numbered display formulas and figures, so that a teacher can say "식 (3)".

Every display formula (``$$ … $$`` outside code) of a page gets a number:
the book's, where the formula carries ``\\tag{10-3}`` (the TeX way, which
Jupyter and Colab draw too), else the next of the page's own count, 1, 2, ….
:func:`tag_formulas` writes the number into the formula as ``\\tag{…}``
(the notebooks get it this way) and, for the chapter page, puts an anchor
``<div class="eq-anchor" id="eq-…"></div>`` before it so that prose can link to it
(``[식 (3)](#eq-3)``, ``[식 10-3](#eq-10-3)``) and ``mkdocs build --strict``
checks the link. The MathML step (:mod:`sitebuild.polish.mathml`) draws the tag
beside the formula.

Figures placed by ``ex:figure`` markers are numbered in page order,
"그림 1", "그림 2", … (:func:`figure_caption`), with the anchor ``fig-N``.
"""

from __future__ import annotations

import re

from pymdownx.superfences import RE_NESTED_FENCE_START

TAG_RE = re.compile(r"\\tag\{(?P<label>[^{}]*)\}")
_OPEN = re.compile(r"^(?P<indent>[ \t]*)\$\$")


def tag_formulas(markdown: str, anchors: bool) -> str:
    """``markdown`` with every display formula numbered. Without ``anchors``
    the number of lines stays the same (a plan's line numbers stay right);
    with them each formula gets its anchor for the chapter page (see the module).
    Fenced blocks (found as the page plan finds them) are code, not math."""
    lines = markdown.split("\n")
    count = 0
    number = 0
    while number < len(lines):
        fence = RE_NESTED_FENCE_START.match(lines[number].lstrip(" \t>"))
        if fence:
            number += 1
            while number < len(lines) and lines[number].strip(" \t>") != fence["fence"]:
                number += 1
            number += 1
            continue
        opening = _OPEN.match(lines[number])
        if not opening:
            number += 1
            continue
        end = number
        rest = lines[number][opening.end():]
        while "$$" not in rest and end + 1 < len(lines) and lines[end + 1].strip():
            end += 1
            rest = lines[end]
        if "$$" not in rest:  # no closing '$$': the MathML step names it
            number = end + 1
            continue
        found = TAG_RE.search("\n".join(lines[number:end + 1]))
        if found:
            label = found["label"]
        else:
            count += 1
            label = str(count)
            closing = lines[end].rindex("$$")
            lines[end] = f"{lines[end][:closing]}\\tag{{{label}}}{lines[end][closing:]}"
        if anchors:  # raw HTML, which MkDocs reads for its anchor check
            lines[number] = (f'{opening["indent"]}<div class="eq-anchor" '
                             f'id="{formula_anchor(label)}"></div>\n\n{lines[number]}')
        number = end + 1
    return "\n".join(lines)


def formula_anchor(label: str) -> str:
    """The anchor of a formula: eq-3, eq-10-3."""
    return "eq-" + re.sub(r"[^0-9A-Za-z-]+", "-", label).strip("-")


def figure_caption(number: int) -> str:
    """The caption paragraph under the page's figure ``number``, in Markdown
    (attr_list): raw HTML would stay text inside a fold's indented block."""
    return f"그림 {number}\n{{: .ex-caption #fig-{number} }}"
