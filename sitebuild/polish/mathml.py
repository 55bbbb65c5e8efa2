"""Turn ``$…$`` / ``$$…$$`` into MathML while building (:mod:`sitebuild.plugin`).

pymdownx.arithmatex (``generic: true``) protects formulas from Markdown and
wraps them in ``<span class="arithmatex">\\(…\\)</span>`` or
``<div class="arithmatex">\\[…\\]</div>``. This hook replaces each wrapper
with MathML from latex2mathml, so browsers draw the formula natively: no
JavaScript, no CDN. A formula latex2mathml cannot read, or one that leaves
an unknown command behind, fails the build with the page and the formula.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import latex2mathml.commands
from latex2mathml import symbols_parser
from latex2mathml.converter import convert
from latex2mathml.tokenizer import tokenize

from sitebuild.polish.numbering import TAG_RE
from sitebuild.problems import BuildError, Problem

_WRAPPER = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])\s*</(?P=tag)>",
    re.S,
)
# latex2mathml is lenient: it drops or passes through unknown commands and
# missing braces. We check a formula's tokens before converting it, and the
# MathML after: an element with too few parts (`\frac{1}`) is refused.
_PARTS = {"mfrac": 2, "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2,
          "munderover": 3, "mroot": 2}
# Code shows '$$' on purpose; anywhere else it is a formula arithmatex missed.
_CODE = re.compile(r"<(pre|code|script)\b.*?</\1>", re.S)
_LEFT_OVER = re.compile(r".{0,30}\$\$.{0,30}", re.S)


def convert_page(html_text: str, where: str) -> str:
    """Replace every arithmatex wrapper of a page's HTML with MathML."""
    def replace(match: re.Match) -> str:
        display = match["block"] is not None
        tex = html.unescape(match["block"] if display else match["inline"]).strip()
        tag = TAG_RE.search(tex) if display else None  # its number (sitebuild.polish.numbering)
        if tag is not None:
            tex = (tex[:tag.start()] + tex[tag.end():]).strip()
        problem = _problem(tex)
        if problem:
            raise BuildError(Problem(where, f"formula ${tex}$ {problem}"))
        try:
            mathml = convert(tex, display="block" if display else "inline")
        except Exception as err:  # noqa: BLE001 - latex2mathml raises many kinds
            raise BuildError(Problem(
                where, f"cannot render formula ${tex}$: {type(err).__name__}: {err}"
            )) from None
        try:
            tree = ET.fromstring(mathml)  # read once: checked, then mended
        except ET.ParseError as err:
            raise BuildError(Problem(
                where, f"formula ${tex}$ gives MathML that is not XML ({err})")) from None
        broken = _malformed(tree)
        if broken:
            raise BuildError(Problem(where, f"formula ${tex}$ {broken}"))
        mathml = _polish(tree)
        if display:
            number = "" if tag is None else \
                f'<span class="eq-no">({html.escape(tag["label"])})</span>'
            return f'<div class="arithmatex">{mathml}{number}</div>'
        return f'<span class="arithmatex">{mathml}</span>'

    converted = _WRAPPER.sub(replace, html_text)
    left = _LEFT_OVER.search(_CODE.sub("", converted))
    if left:
        near = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", left.group(0))).split())
        raise BuildError(Problem(where, f"a '$$' was left as text near {near!r}: a "
                                        "display formula must not contain a blank line"))
    return converted


# Helper functions -----------------------------------------------------------


def _known_commands() -> frozenset[str]:
    known = set()
    for name in dir(latex2mathml.commands):
        value = getattr(latex2mathml.commands, name)
        if name.isupper():
            values = value if isinstance(value, (set, frozenset, list, tuple, dict)) else [value]
            known.update(v for v in values if isinstance(v, str) and v.startswith("\\"))
    return frozenset(known)


_KNOWN = _known_commands()


def _problem(tex: str) -> str | None:
    """Why latex2mathml would silently misrender ``tex``, or None."""
    depth = 0
    try:
        tokens = list(tokenize(tex))
    except Exception as err:  # noqa: BLE001
        return f"cannot be read: {type(err).__name__}: {err}"
    for token in tokens:
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return "has a '}' without its '{'"
        elif token.startswith("\\") and token[1:2].isalpha():
            command = re.match(r"\\[A-Za-z]+", token).group(0)
            if command not in _KNOWN and symbols_parser.convert_symbol(command) is None:
                return f"uses an unknown command {command}"
    if depth:
        return "has a '{' that is never closed"
    return None


_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", _NS)
# Elements whose children are a plain row (any number of them): only there
# may a space be added between two children.
_ROWS = {"math", "mrow", "mstyle", "mtd", "mpadded", "mphantom", "msqrt", "merror"}
# MathML Core ignores mathvariant="bold-italic" (\boldsymbol); it expects the
# Unicode math letters, which STIX Two Math has (latex2mathml already writes
# \mathbf that way).
_BOLD_ITALIC = [("A", "Z", 0x1D468), ("a", "z", 0x1D482),
                ("\u0391", "\u03a9", 0x1D71C), ("\u03b1", "\u03c9", 0x1D736)]
# An accent over a letter is a combining mark, which the MATH table centres
# on the letter (latex2mathml writes the spacing ASCII characters).
_ACCENTS = {"^": "\u0302", "~": "\u0303"}


def _polish(tree: ET.Element) -> str:
    """Mend what latex2mathml writes differently from TeX's typesetting."""
    for element in tree.iter():
        name = element.tag.rpartition("}")[2]
        text = element.text or ""
        if name == "mo" and not element.attrib and len(text) > 1 and text.isalpha():
            element.tag = f"{{{_NS}}}mi"  # \operatorname{sgn}: a name, not an operator
        elif name == "mi" and element.attrib.get("mathvariant") == "bold-italic" \
                and len(text) == 1:
            for first, last, start in _BOLD_ITALIC:
                if first <= text <= last and text != "\u03a2":  # no capital final sigma
                    element.text = chr(start + ord(text) - ord(first))
                    del element.attrib["mathvariant"]
        elif name == "mover" and element.get("accent") == "true" and len(element) == 2 \
                and element[1].tag.endswith("}mo") and element[1].text in _ACCENTS:
            element[1].text = _ACCENTS[element[1].text]
    for cell in tree.iter(f"{{{_NS}}}mtd"):
        # \displaystyle inside an array cell: latex2mathml writes an empty
        # <mstyle/> and leaves the cell's content after it; wrap that content,
        # so that sums and fractions of the cell are drawn as in display math
        if len(cell) and cell[0].tag.endswith("}mstyle") and not len(cell[0]) \
                and cell[0].get("displaystyle") == "true":
            style = cell[0]
            for child in list(cell)[1:]:
                cell.remove(child)
                style.append(child)
    for row in tree.iter():
        # 235{,}500: TeX's group makes the comma an ordinary symbol (no space
        # after it); latex2mathml writes <mn>235</mn><mrow><mo>,</mo></mrow>
        # <mn>500</mn>, which browsers space as a list. One number instead.
        for i in range(len(row) - 3, -1, -1):
            if i + 2 >= len(row):  # the row just got shorter (1{,}234{,}567)
                continue
            first, group, last = row[i], row[i + 1], row[i + 2]
            if first.tag.endswith("}mn") and last.tag.endswith("}mn") \
                    and group.tag.endswith("}mrow") and len(group) == 1 \
                    and group[0].tag.endswith("}mo") and group[0].text == ",":
                first.text = f"{first.text},{last.text}"
                row.remove(group)
                row.remove(last)
    for row in tree.iter():
        if row.tag.rpartition("}")[2] not in _ROWS:
            continue
        for i in range(len(row) - 2, -1, -1):
            # TeX puts a thin space between a function name and what it takes
            # (\log \hat{p}), but none before an operator or a parenthesis.
            child, after = row[i], row[i + 1]
            if child.tag.endswith("}mi") and len(child.text or "") > 1 \
                    and not after.tag.endswith("}mo"):
                space = ET.Element(f"{{{_NS}}}mspace", width="0.1667em")
                row.insert(i + 1, space)
    return ET.tostring(tree, encoding="unicode")


def _malformed(tree: ET.Element) -> str | None:
    """Why the MathML is not well formed (an element missing parts), or None."""
    for element in tree.iter():
        name = element.tag.rpartition("}")[2]
        if name in _PARTS and len(element) != _PARTS[name]:
            return (f"gives <{name}> with {len(element)} of its {_PARTS[name]} parts "
                    "(is an argument missing?)")
    return None
