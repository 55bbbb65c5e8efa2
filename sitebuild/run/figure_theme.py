"""The dark version of a figure, made from the figure itself, not re-run.

The runner saves each figure as the section's code drew it (the light house
style) and *frozen*: the pickled Figure with the rcParams and the fonts its
drawing depends on (:func:`sitebuild.run.figures.freeze`). :func:`dark_svg` thaws
it, recolours every artist with :func:`to_dark` for Material's dark palette
(``slate``) and saves it. The run makes the first dark SVG that way; when this
module's code changes, the engine makes new ones from the frozen figures
(``python -m sitebuild.run.figure_theme JOBS.json``) without running any example.
The page shows the variant that matches the reader's palette; notebooks keep
the light one.

Colours are mapped, not replaced by a fixed theme, so a figure keeps its
meaning: greys flip (white paper becomes the page's dark background, black
ink becomes light ink), pale fills become deep tones of the same hue, and a
colour used for ink (text, lines, markers, edges) is lightened until it
stands out from the background by the WCAG ratios: 4.5:1 for text, 3:1 for
other ink. Colormaps go through the same mapping as fills.
"""

from __future__ import annotations

import colorsys
import contextlib
import io
import json
import pickle
import sys
from pathlib import Path

from matplotlib import colors as mcolors

BACKGROUND = "#1e2129"  # Material slate: hsl(225, 15%, 14%)
INK = "#e3e5ea"  # light text of the dark palette
TEXT_CONTRAST = 4.5  # WCAG AA for text
INK_CONTRAST = 3.0  # WCAG AA for graphics
# A colormap of this many colours or more is continuous (matplotlib's have 256)
RAMP_MIN_COLOURS = 32
# The lightness (HLS) of a continuous map's deepest colour in the dark palette:
# bright enough to tell from the background, dark enough for light ink on it
RAMP_TOP = 0.55
RAMP_SATURATION = 0.7  # at most, so that a deep colour does not turn to neon

_BG = mcolors.to_rgb(BACKGROUND)
_INK = mcolors.to_rgb(INK)


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def channel(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def fill(rgba) -> tuple:
    """A fill or background colour for the dark palette."""
    r, g, b, a = mcolors.to_rgba(rgba)
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.12 or light > 0.97 or light < 0.03:  # grey: white paper -> dark page
        return (*_grey(light), a)
    if light > 0.72:  # a pale tint -> a deep tone of the same hue
        light = 0.15 + (1 - light) * 0.6
        s = min(s, 0.55)
    return (*colorsys.hls_to_rgb(h, light, s), a)


def ink(rgba, ratio: float = INK_CONTRAST) -> tuple:
    """A colour for text, lines or edges: mapped like a fill, then lightened
    until it reaches ``ratio`` against the dark background."""
    r, g, b, a = mcolors.to_rgba(rgba)
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.12 or light > 0.97 or light < 0.03:
        rgb = _grey(light)
    else:
        rgb = colorsys.hls_to_rgb(h, light, s)
    while contrast(rgb, _BG) < ratio:
        h2, l2, s2 = colorsys.rgb_to_hls(*rgb)
        if l2 >= 0.98:
            break
        rgb = colorsys.hls_to_rgb(h2, min(1.0, l2 + 0.02), s2)
    return (*rgb, a)


def to_dark(fig) -> None:
    """Recolour ``fig`` and everything in it for the dark palette, in place."""
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    fig.canvas.draw()  # create the ticks and texts a save would draw
    ticks = {ax: (_first_tick_colour(ax), _first_label_colour(ax)) for ax in fig.axes}
    seen = set()
    for artist in fig.findobj():
        if id(artist) in seen:
            continue
        seen.add(id(artist))
        if isinstance(artist, Text):
            _text(artist)
        elif isinstance(artist, Line2D):
            artist.set_color(ink(artist.get_color()))
            for getter, setter in (("get_markerfacecolor", "set_markerfacecolor"),
                                   ("get_markeredgecolor", "set_markeredgecolor"),
                                   ("get_markerfacecoloralt", "set_markerfacecoloralt")):
                value = getattr(artist, getter)()
                if _is_colour(value):
                    getattr(artist, setter)(_marker(value) if "face" in getter else ink(value))
        elif isinstance(artist, Patch):
            _patch(artist)
        elif isinstance(artist, Collection):
            _collection(artist)
        elif isinstance(artist, AxesImage):
            _colormap(artist)
    for ax, (tick, label) in ticks.items():  # ticks a later draw may add
        ax.tick_params(which="both", color=ink(tick), labelcolor=ink(label, TEXT_CONTRAST))


def dark_svg(frozen: bytes) -> bytes:
    """The dark SVG of a frozen figure (:func:`sitebuild.run.figures.freeze`).

    Draws with the run's rcParams and fonts, so a fresh process gives the
    bytes the run itself gave.
    """
    from sitebuild.run.figures import SVG_OPTIONS

    with thawed(frozen) as fig:
        to_dark(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, **SVG_OPTIONS, facecolor=BACKGROUND)
    return buffer.getvalue()


@contextlib.contextmanager
def thawed(frozen: bytes):
    """The frozen figure, under the rcParams and with the fonts it was drawn
    with, closed afterwards."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    state = pickle.loads(frozen)
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for fname in state["fonts"]:
        if fname not in known and Path(fname).is_file():
            font_manager.fontManager.addfont(fname)
    with mpl.rc_context(state["rc"]):
        try:
            yield state["figure"]
        finally:
            plt.close(state["figure"])


def main(argv: list[str] | None = None) -> int:
    """Make dark SVGs from frozen figures: ``JOBS.json`` lists
    ``[frozen_path, dark_path, mac]`` triples; a frozen figure is unpickled
    only if ``mac`` is its :func:`sitebuild.store.mac` (a pickle can run code:
    one from a copied cache is refused). Each failure is one line on stderr,
    ``frozen-file-name: Type: message``, and makes the status 1."""
    import warnings

    import matplotlib

    from sitebuild.run.figures import GLYPH_MISSING
    from sitebuild.store import mac_ok

    matplotlib.use("Agg")
    warnings.filterwarnings("error", message=GLYPH_MISSING)
    jobs = json.loads(Path((argv or sys.argv[1:])[0]).read_text(encoding="utf-8"))
    status = 0
    for frozen, dark, sign in jobs:
        try:
            data = Path(frozen).read_bytes()
            if not mac_ok(data, sign):
                raise PermissionError("not signed with this user's cache key: "
                                      "a frozen figure is unpickled only then")
            Path(dark).write_bytes(dark_svg(data))
        except Exception as err:  # noqa: BLE001 - reported to the engine
            message = " ".join(str(err).split())
            print(f"{Path(frozen).name}: {type(err).__name__}: {message}", file=sys.stderr)
            status = 1
    return status


# Helper functions -----------------------------------------------------------


def _grey(light: float) -> tuple:
    """White -> the page background, black -> the light ink, in between."""
    t = 1 - light
    return tuple(bg + t * (fg - bg) for bg, fg in zip(_BG, _INK))


def _marker(rgba) -> tuple:
    """A marker's face: ink, unless it is white or a pale tint, which map as
    fills do, so a hollow marker stays hollow and a legend's marker matches
    the filled shapes it stands for."""
    r, g, b, _ = mcolors.to_rgba(rgba)
    _, light, _ = colorsys.rgb_to_hls(r, g, b)
    return fill(rgba) if light > 0.72 else ink(rgba)


def _is_colour(value) -> bool:
    return not (isinstance(value, str) and value in ("none", "None", "auto")) \
        and value is not None and mcolors.to_rgba(value)[3] > 0


def _text(artist) -> None:
    artist.set_color(ink(artist.get_color(), TEXT_CONTRAST))
    box = artist.get_bbox_patch()
    if box is not None:
        _patch(box)


def _patch(artist) -> None:
    face, edge = artist.get_facecolor(), artist.get_edgecolor()
    if _is_colour(face):
        artist.set_facecolor(fill(face))
    if _is_colour(edge):
        artist.set_edgecolor(ink(edge))


def _collection(artist) -> None:
    from matplotlib.collections import PathCollection

    if artist.get_array() is not None and artist.get_cmap() is not None:
        _colormap(artist)  # the draw takes the colours from the colormap
        return
    faces = artist.get_facecolors()
    if len(faces):  # scatter markers are ink; areas (fill_between …) are fills
        paint = _marker if isinstance(artist, PathCollection) else fill
        artist.set_facecolors([paint(c) for c in faces])
    edges = artist.get_edgecolors()
    if len(edges) and not isinstance(edges, str):
        artist.set_edgecolors([ink(c) for c in edges])


def _colormap(artist) -> None:
    cmap = artist.get_cmap()
    samples = cmap(range(cmap.N))
    # a few flat colours (the areas of classes) map as fills; a continuous
    # map as a ramp, so that its order of lightness survives
    colours = [fill(c) for c in samples] if cmap.N < RAMP_MIN_COLOURS else ramp(samples)
    artist.set_cmap(mcolors.ListedColormap(colours, name=f"{cmap.name}_dark"))


def ramp(samples) -> list[tuple]:
    """A continuous colormap's colours for the dark palette: the lightness
    turned around (the map's white becomes the background, its deepest
    colour the brightest, :data:`RAMP_TOP`), the hue kept.

    Mapping each colour as a fill would turn pale tints dark and leave
    middle tones bright, so the lightness would rise and fall again along the
    bar; here it moves in the opposite direction of the light map's at every
    step, so the bar reads the same way in both palettes. A grey map goes
    from the background to the light ink, as grey fills and lines do.
    """
    hls = [colorsys.rgb_to_hls(*c[:3]) for c in samples]
    if all(s < 0.12 for _, _, s in hls):  # a grey map (digit images): as greys map
        return [(*_grey(light), c[3]) for (_, light, _), c in zip(hls, samples)]
    deepest = min(light for _, light, _ in hls)
    span = max(1 - deepest, 1e-6)
    _, bg_light, _ = colorsys.rgb_to_hls(*_BG)
    return [(*colorsys.hls_to_rgb(h, bg_light + (1 - light) / span * (RAMP_TOP - bg_light),
                                  min(s, RAMP_SATURATION)), c[3])
            for (h, light, s), c in zip(hls, samples)]


def _first_tick_colour(ax):
    ticks = ax.xaxis.get_major_ticks()
    return ticks[0].tick1line.get_color() if ticks else "black"


def _first_label_colour(ax):
    ticks = ax.xaxis.get_major_ticks()
    return ticks[0].label1.get_color() if ticks else "black"


if __name__ == "__main__":
    sys.exit(main())
