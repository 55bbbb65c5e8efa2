"""The dark palette without JavaScript: a stylesheet for readers who prefer dark.

Material picks the palette in JavaScript (its palette script and bundle set
``data-md-color-scheme`` on ``<body>``). Without JavaScript the body keeps the
first palette, ``default``, and the site was always light. This module writes
``assets/stylesheets/no-js-dark.css``: every rule of the site's stylesheets
(Material's and ``extra_css``) written for ``[data-md-color-scheme=slate]``,
rewritten for the ``default`` body inside ``@media (prefers-color-scheme:
dark)``, and the figures' dark versions shown instead of the light ones.
The page template links it inside ``<noscript>`` (``overrides/main.html``), so
with JavaScript nothing changes and Material's palette toggle works as before.
"""

from __future__ import annotations

import re
from pathlib import Path

NAME = "assets/stylesheets/no-js-dark.css"
SLATE = re.compile(r"\[data-md-color-scheme=(['\"]?)slate\1\]")
DEFAULT = "html [data-md-color-scheme=default]"  # one type selector more
_COMMENT = re.compile(r"/\*.*?\*/", re.S)

# Material hides the other palette's images by their #only-light/#only-dark
# suffix, and extra.css hides the zoom link around a figure; swap both.
FIGURES = f"""{DEFAULT} img[src$="#only-light"],
{DEFAULT} .md-typeset a.ex-zoom:has(> img[src$="#only-light"]) {{
  display: none;
}}
{DEFAULT} img[src$="#only-dark"] {{
  display: inline;
}}
{DEFAULT} .md-typeset a.ex-zoom:has(> img[src$="#only-dark"]),
{DEFAULT} .md-typeset a.ex-zoom > img.ex-figure[src$="#only-dark"] {{
  display: block;
}}
"""


def _blocks(css: str):
    """(prelude, body) of each top-level block; strings and comments kept whole."""
    css = _COMMENT.sub("", css)
    depth, start, prelude_end, quote = 0, 0, 0, ""
    i = 0
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:prelude_end].strip(), css[prelude_end + 1:i]
                start = i + 1
        elif char == ";" and depth == 0:
            start = i + 1  # @charset, @import
        i += 1


def _selectors(prelude: str) -> list[str]:
    parts, depth, last = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[last:i])
            last = i + 1
    return [p.strip() for p in parts + [prelude[last:]] if p.strip()]


def _rewrite(selector: str) -> str:
    """``[…=slate] .x`` -> ``html [data-md-color-scheme=default] .x``."""
    rewritten = SLATE.sub("[data-md-color-scheme=default]", selector)
    return f"html {rewritten}" if SLATE.match(selector) else rewritten


def slate_rules(css: str) -> list[str]:
    """The rules of ``css`` for the slate body, rewritten for the default body.

    Only selectors that require slate are kept (``:not(…slate…)`` ones are
    the light palette's); rules inside ``@media``/``@supports`` keep their
    condition; ``@keyframes``, ``@font-face`` and the like are left out.
    """
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            if prelude.startswith(("@media", "@supports")):
                inner = slate_rules(body)
                if inner:
                    out.append(f"{prelude} {{\n" + "\n".join(inner) + "\n}")
            continue
        kept = [_rewrite(s) for s in _selectors(prelude)
                if SLATE.search(s) and ":not(" not in s]
        if kept:
            out.append(",\n".join(kept) + " {" + body.strip() + "}")
    return out


def stylesheet(css_files: list[str]) -> str:
    """The whole no-JS dark stylesheet from the site's stylesheets, in order."""
    rules = [rule for css in css_files for rule in slate_rules(css)]
    return ("/* Written by sitebuild/polish/no_js_dark.py: the dark palette for readers who\n"
            "   prefer it and have no JavaScript (linked inside <noscript>). */\n"
            "@media (prefers-color-scheme: dark) {\n" + "\n".join(rules) + "\n"
            + FIGURES + "}\n")


def site_stylesheets(site_dir: Path, extra_css: list[str]) -> list[Path]:
    """Material's palette and main stylesheets, then extra_css, as pages link them."""
    material = sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css")) + \
        sorted((site_dir / "assets" / "stylesheets").glob("palette.*.min.css"))
    return material + [site_dir / path for path in extra_css]


def write(site_dir: Path, extra_css: list[str]) -> Path:
    files = [p.read_text(encoding="utf-8") for p in site_stylesheets(site_dir, extra_css)
             if p.is_file()]
    target = site_dir / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stylesheet(files), encoding="utf-8")
    return target
