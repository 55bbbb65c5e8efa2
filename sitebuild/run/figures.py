"""How a run saves its figures: the house style, the SVG settings, the file
names, and the frozen copy a later theme edit re-colours.

:func:`save_figures` (called by :mod:`sitebuild.run.runner` after each section)
saves each figure light (as drawn, in the house style), frozen (pickled with
what its drawing reads) and dark (:func:`sitebuild.run.figure_theme.dark_svg` of
the frozen figure). Like all of run/, this module is in the results lock
(:mod:`sitebuild.digests`): a change of its code re-runs the pages.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

from sitebuild.run import protocol

SVG_SALT = "handson-ml-ch10"
# How every figure is saved, light (here) and dark (sitebuild.run.figure_theme)
SVG_OPTIONS = {"format": "svg", "metadata": {"Date": None}, "bbox_inches": "tight",
               "pad_inches": 0.1}
# A Hangul label drawn with a font that lacks it must fail, not show boxes.
GLYPH_MISSING = r"(?s)Glyph \d+.*missing from"
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"')


def setup_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    warnings.filterwarnings("error", message=GLYPH_MISSING)
    house_style()


def house_style() -> None:
    """The house style: rcParams, and on the figure about to be saved (the
    active one, in save_figures) every text at least 9 CSS px where the
    reader sees it, a 328 px column on a 360 px phone, sub- and superscripts
    included (mathtext draws them at 0.7 of the text's size)."""
    import math

    import matplotlib as mpl
    from matplotlib import _pylab_helpers
    from matplotlib.text import Text

    mpl.rcParams.update({
        "svg.hashsalt": SVG_SALT,  # stable clip-path ids
        "svg.fonttype": "path",  # text as outlines: no font needed to view
        # figures are drawn about 5 in wide for the content column, so that
        # at a 360 px phone no text is below 9 CSS px
        "font.size": 11,
        "figure.facecolor": "white",  # readable on light and dark pages
        "savefig.facecolor": "white",
        # log axes label 10, 100, ... 10000 as numbers, not 10^4 (whose
        # exponent would be 0.7 of the tick size, under 9 CSS px)
        "axes.formatter.min_exponent": 5,
    })
    manager = _pylab_helpers.Gcf.get_active()
    if manager is None:
        return
    fig = manager.canvas.figure
    # the saved width: the tight box plus its padding (SVG_OPTIONS), 96 px/in
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width_px = (box.width + 2 * SVG_OPTIONS["pad_inches"]) * 96
    px_per_pt = 4 / 3 * min(1.0, 328 / width_px)
    ticks = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for label in axis.get_ticklabels(which="both")}
    for text in fig.findobj(Text):
        string = text.get_text()
        if id(text) in ticks or not string.strip() or not text.get_visible():
            continue
        scripted = string.count("$") >= 2 and re.search(r"[_^]", string)
        needed = 9.05 / (px_per_pt * (0.7 if scripted else 1.0))
        if text.get_fontsize() < needed:
            text.set_fontsize(math.ceil(needed * 10) / 10)


def open_figures() -> list[int]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    return list(sys.modules["matplotlib.pyplot"].get_fignums())


def save_figures(nums: list[int], out: Path, stem: str) -> list[protocol.FigureInfo]:
    """Save each figure light, frozen (for the theme) and dark, then close it."""
    import matplotlib.pyplot as plt

    from sitebuild.run import figure_theme

    saved = []
    for index, num in enumerate(nums, start=1):
        fig = plt.figure(num)
        house_style()
        name = f"{stem}-{index}.svg"
        fig.savefig(out / name, **SVG_OPTIONS)
        frozen = freeze(fig)
        plt.close(fig)
        (out / frozen_name(name)).write_bytes(frozen)
        # the dark variant from the frozen figure, as a later theme edit makes it
        (out / dark_name(name)).write_bytes(figure_theme.dark_svg(frozen))
        saved.append(protocol.FigureInfo(name, *svg_size((out / name).read_bytes())))
    return saved


def freeze(fig) -> bytes:
    """The figure as drawn, pickled with what its drawing reads from outside
    it: the rcParams (ticks and texts made at draw time take them) and the
    font files registered in this process (koreanize_matplotlib adds one).

    It lives here, not beside thawing's counterpart in figure_theme, on
    purpose: what a run stores is in the results lock (a change here re-runs
    the pages), while figure_theme's code decides only the
    colours (a change there re-themes the stored figures without a run)."""
    import pickle

    import matplotlib as mpl
    from matplotlib import font_manager

    rc = {k: v for k, v in mpl.rcParams.items() if k != "backend"}
    fonts = sorted({entry.fname for entry in font_manager.fontManager.ttflist})
    try:
        return pickle.dumps({"figure": fig, "rc": rc, "fonts": fonts}, protocol=5)
    except Exception as err:
        raise TypeError(f"the figure cannot be pickled for its dark variant ({err}); "
                        "draw it without lambdas or open files in it") from err


def dark_name(name: str) -> str:
    """perceptron-plot_usage-1.svg -> perceptron-plot_usage-1-dark.svg"""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-dark{dot}{suffix}"


def svg_size(data: bytes) -> tuple[int, int]:
    """The CSS pixel size (width, height) of an SVG that matplotlib saved
    (its size is in pt, 3/4 of a CSS px)."""
    found = _SVG_SIZE.search(data[:2000])
    if found is None:
        raise ValueError("not an SVG with its size in pt")
    width, height = (round(float(v) * 4 / 3) for v in found.groups())
    return width, height


def frozen_name(name: str) -> str:
    """perceptron-plot_usage-1.svg -> perceptron-plot_usage-1.pickle: the
    figure itself, from which sitebuild.run.figure_theme makes the dark one."""
    return f"{name.rpartition('.')[0]}.pickle"
