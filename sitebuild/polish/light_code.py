"""Fewer elements for the same highlighted code: lighter chapter pages.

Pygments wraps every token of a code block in a ``<span>``; the MLP chapter had
some 7,000 of them, 9,600 elements in all, and a phone lays out and styles
every one even inside a folded block. This module rewrites the highlighted
HTML of a chapter page (``on_page_content``) so that the reader sees exactly
the same colours with fewer elements:

- a token whose colour is the code's own colour loses its span: names
  (``n``: Material's ``--md-code-hl-name-color`` is ``--md-code-fg-color``)
  and whitespace (``w``);
- neighbouring tokens of one colour share one span, with the whitespace
  between them inside it: operators (``o``) and punctuation (``p``) have the
  same colour in both palettes (Material's ``--md-default-fg-color--light``,
  and extra.css gives both the same grey on the light palette), so ``o`` joins
  ``p``;
- a code block inside a folded ``<details>`` (the drawing code, the exercises'
  answers) is plain text until the reader opens it: its highlighted HTML
  waits in a ``<script type="text/html" class="ex-hl">`` beside it (no
  elements, and Material's search index skips scripts), and
  ``docs/javascripts/code-fold.js`` puts it in on the first ``toggle``.
  Without JavaScript the folded code reads the same, in one colour.

A block with anything else inside its ``<code>`` (links, marks, line spans)
is left as it is.
"""

from __future__ import annotations

import re

BLOCK = re.compile(r'(<div class="language-[\w-]+ highlight"><pre><span></span><code>)'
                   r'(.*?)(</code></pre>)', re.S)
TOKEN = re.compile(r'<span class="([\w-]+)">([^<]*)</span>|([^<]+)')
PLAIN = {"n", "w"}        # the code's own colour: no span needed
SAME_COLOUR = {"o": "p"}  # operators and punctuation: one colour, one class
DETAILS = re.compile(r"<details\b[^>]*>|</details>")


def tokens(code: str) -> list[tuple[str, str]] | None:
    """(class, escaped text) of each token ("" for bare text), or None if the
    HTML is not a plain sequence of token spans and text."""
    out, pos = [], 0
    for match in TOKEN.finditer(code):
        if match.start() != pos:
            return None
        pos = match.end()
        if match.group(3) is not None:
            out.append(("", match.group(3)))
        else:
            out.append((match.group(1), match.group(2)))
    return out if pos == len(code) else None


def lighten(code: str) -> str | None:
    """The same highlighted code with fewer spans, or None to leave it be."""
    parts = tokens(code)
    if parts is None:
        return None
    merged: list[list[str]] = []  # [class, text]; "" for bare text
    for cls, text in parts:
        cls = "" if cls in PLAIN else SAME_COLOUR.get(cls, cls)
        last = merged[-1] if merged else None
        if not cls and last and not last[0]:
            last[1] += text
        elif cls and last and last[0] == cls:
            last[1] += text
        elif (cls and last and not last[0] and not last[1].strip()
              and len(merged) > 1 and merged[-2][0] == cls):
            merged.pop()  # "= (": the space between goes into the span
            merged[-1][1] += last[1] + text
        else:
            merged.append([cls, text])
    return "".join(f'<span class="{cls}">{text}</span>' if cls else text
                   for cls, text in merged)


def plain_text(code: str) -> str:
    """The code's text, still HTML-escaped (spans taken out)."""
    return "".join(text for _, text in tokens(code) or [])


def _folded_spans(html: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each outermost closed <details> element."""
    spans, depth, start = [], 0, 0
    for match in DETAILS.finditer(html):
        if match.group(0) == "</details>":
            depth -= 1
            if depth == 0 and start >= 0:
                spans.append((start, match.end()))
        else:
            if depth == 0:
                start = -1 if re.search(r"\bopen\b", match.group(0)) else match.start()
            depth += 1
    return spans


def rewrite(html: str) -> str:
    """The page's HTML with every highlighted block lightened, and the blocks
    inside folded <details> as plain text until opened."""
    folded = _folded_spans(html)

    def block(match: re.Match) -> str:
        head, code, tail = match.groups()
        light = lighten(code)
        if light is None:
            return match.group(0)
        if any(start <= match.start() < end for start, end in folded):
            return (f"{head}{plain_text(code)}{tail}"
                    f'<script type="text/html" class="ex-hl">{light}</script>')
        return f"{head}{light}{tail}"

    return BLOCK.sub(block, html)
