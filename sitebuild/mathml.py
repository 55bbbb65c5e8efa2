"""Turn ``$…$`` / ``$$…$$`` into MathML while building (``hooks/mathml.py``).

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
        problem = _problem(tex)
        if problem:
            raise BuildError(Problem(where, f"formula ${tex}$ {problem}"))
        try:
            mathml = convert(tex, display="block" if display else "inline")
        except Exception as err:  # latex2mathml raises many kinds
            raise BuildError(Problem(
                where, f"cannot render formula ${tex}$: {type(err).__name__}: {err}"
            )) from None
        broken = _malformed(mathml)
        if broken:
            raise BuildError(Problem(where, f"formula ${tex}$ {broken}"))
        if display:
            return f'<div class="arithmatex">{mathml}</div>'
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


def _malformed(mathml: str) -> str | None:
    """Why the MathML is not well formed (an element missing parts), or None."""
    try:
        tree = ET.fromstring(mathml)
    except ET.ParseError as err:
        return f"gives MathML that is not XML ({err})"
    for element in tree.iter():
        name = element.tag.rpartition("}")[2]
        if name in _PARTS and len(element) != _PARTS[name]:
            return (f"gives <{name}> with {len(element)} of its {_PARTS[name]} parts "
                    "(is an argument missing?)")
    return None
