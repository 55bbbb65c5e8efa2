"""The math font the pages' MathML is drawn with (:mod:`sitebuild.plugin`).

Chromium stretches braces and fences, centres accents and places limits
only with an OpenType font that has a MATH table. We serve STIX Two Math
(SIL Open Font License), taken from the ``ziamath`` package on PyPI, which
ships it, so no font comes from another host and no npm step is needed.
The whole font is 1.5 MB; after the build we cut it down to the characters
the site's formulas use (fontTools keeps the stretchy variants and the
script-size alternates those characters need), a few tens of KB, and keep
the result in the cache under the hash of its input.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import importlib.util
from pathlib import Path

from sitebuild import digests
from sitebuild.store import Store, write_atomic

URI = "assets/fonts/stix-two-math.woff2"  # extra.css names it in @font-face
_MATH = re.compile(r"<math\b.*?</math>", re.S)
_TAG = re.compile(r"<[^>]+>")
# MathML Core draws a one-letter <mi> in math italic (U+1D434…): the font
# needs those letters too, not only the ones in the HTML.
_ITALIC = "".join(map(chr, [*range(0x1D434, 0x1D468), 0x210E, *range(0x1D6E2, 0x1D71C),
                            0x1D6A4, 0x1D6A5]))


def source() -> Path:
    """STIX Two Math as ziamath ships it (found, not imported: ziamath's own
    code is not needed, and importing it warns)."""
    spec = importlib.util.find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the math font needs ziamath (pip install -r requirements.txt)")
    return Path(spec.submodule_search_locations[0]) / "fonts" / "STIXTwoMath-Regular.ttf"


def characters(site_dir: Path) -> str:
    """Every character inside a <math> element of the built HTML, sorted."""
    found = set(_ITALIC)
    for page in sorted(Path(site_dir).rglob("*.html")):
        for formula in _MATH.findall(page.read_text(encoding="utf-8")):
            found.update(html.unescape(_TAG.sub("", formula)))
    found.discard("\n")
    return "".join(sorted(found))


def subset(text: str) -> bytes:
    """STIX Two Math cut down to ``text``, as WOFF2 (Brotli, through the
    ``brotli`` package): a third smaller than WOFF's zlib."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = ["*"]  # ssty (script sizes), flac, dtls …
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    options.hinting = False
    options.flavor = "woff2"
    font = TTFont(str(source()))
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.flavor = options.flavor  # Subsetter leaves it to the caller (it was saved as TTF)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def write(site_dir: Path, cache: Path) -> Path:
    """Write the site's math font into ``site_dir`` (from the cache folder
    ``cache`` if this set of characters was cut before)."""
    text = characters(site_dir)
    # fontTools writes SOURCE_DATE_EPOCH into the font's head table
    made_with = [digests.of("math font"), os.environ.get("SOURCE_DATE_EPOCH", "")]
    key = hashlib.sha256(source().read_bytes() + text.encode("utf-8")
                         + repr(made_with).encode()).hexdigest()[:24]
    store, name = Store(cache), f"{key}.woff2"
    data = store.get(name)
    if data is None:
        data = subset(text)
        store.put(name, data)
    store.keep_only("", {name}, "*.woff*")  # the fonts of earlier formulas
    write_atomic(Path(site_dir) / URI, data)
    return Path(site_dir) / URI
