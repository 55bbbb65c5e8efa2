"""sitebuild/run/figure_theme.py: 같은 Figure를 어두운 화면용으로 다시 칠하는지 확인한다."""

import colorsys

import matplotlib

matplotlib.use("Agg")
import koreanize_matplotlib  # noqa: F401 - 한글 글꼴
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import colors as mcolors
from matplotlib.colors import ListedColormap
from matplotlib.patches import Circle
from sitebuild.run import figure_theme as theme

BG = mcolors.to_rgb(theme.BACKGROUND)


@pytest.fixture
def dark_figure():
    """흰 바탕에 검은 글씨, 옅은 영역, 진한 선과 속이 빈 점, 색 지도가 있는 그림."""
    fig, ax = plt.subplots(figsize=(4, 3))
    xx, yy = np.meshgrid(np.linspace(0, 1, 20), np.linspace(0, 1, 20))
    ax.contourf(xx, yy, xx > yy, cmap=ListedColormap(["#c5d9f7", "#fbe3b0"]))
    ax.plot([0, 1], [0, 1], color="#1f77b4", label="선")
    ax.plot([0, 1], [1, 0], "s", color="#3b5bdb", label="점")
    ax.scatter([0.5], [0.5], s=40, facecolors="white", edgecolors="black")
    ax.add_patch(Circle((0.2, 0.8), 0.1, facecolor="#ffe8cc", edgecolor="#a0522d"))
    ax.set_title("제목")
    ax.text(0.1, 0.1, "빨간 글씨", color="#e03131")
    ax.legend()
    theme.to_dark(fig)
    yield fig
    plt.close(fig)


def test_paper_becomes_the_page_and_text_is_readable(dark_figure):
    """바탕은 Material 어두운 팔레트의 배경색이 되고, 모든 글자(눈금 포함)가 배경과
    4.5:1 이상 대비되는지 확인한다."""
    ax = dark_figure.axes[0]
    assert mcolors.to_hex(dark_figure.get_facecolor()) == theme.BACKGROUND
    assert mcolors.to_hex(ax.get_facecolor()) == theme.BACKGROUND
    texts = [t for t in dark_figure.findobj(matplotlib.text.Text) if t.get_text()]
    assert len(texts) > 5
    for text in texts:
        assert theme.contrast(mcolors.to_rgb(text.get_color()), BG) >= 4.5, text.get_text()


def test_ink_stands_out_and_keeps_its_hue(dark_figure):
    """선과 점은 배경과 3:1 이상 대비되고, 원래 색상(hue)을 지키는지 확인한다."""
    line, dots = dark_figure.axes[0].get_lines()[:2]
    for artist, original in ((line, "#1f77b4"), (dots, "#3b5bdb")):
        rgb = mcolors.to_rgb(artist.get_color())
        assert theme.contrast(rgb, BG) >= 3
        hue = colorsys.rgb_to_hls(*rgb)[0]
        assert hue == pytest.approx(colorsys.rgb_to_hls(*mcolors.to_rgb(original))[0],
                                    abs=0.02)


def test_pale_fills_turn_deep_and_hollow_markers_stay_hollow(dark_figure):
    """옅은 면(영역, 세포체)은 같은 색상의 어두운 톤이 되고, 흰 점(속이 빈 점)은 배경색이
    되어 속이 빈 채로 남는지 확인한다."""
    ax = dark_figure.axes[0]
    contour = next(c for c in ax.collections if c.get_array() is not None)
    for colour in contour.get_cmap()(range(contour.get_cmap().N)):
        assert theme.luminance(colour) < 0.08
    body = next(p for p in ax.patches if isinstance(p, Circle))
    assert theme.luminance(body.get_facecolor()) < 0.08
    scatter = next(c for c in ax.collections if c.get_array() is None)
    assert theme.contrast(scatter.get_facecolors()[0][:3], BG) < 1.2
    assert theme.contrast(scatter.get_edgecolors()[0][:3], BG) >= 3


@pytest.mark.parametrize("colour", ["black", "#212529", "#868e96", "#1864ab", "#c92a2a",
                                    "#2b8a3e", "#f08c00", "#ffc078", "white"])
def test_every_ink_colour_reaches_its_ratio(colour):
    """어떤 색이든 글자용은 4.5:1, 그림 선용은 3:1에 닿는지 확인한다."""
    assert theme.contrast(theme.ink(colour, 4.5)[:3], BG) >= 4.5
    assert theme.contrast(theme.ink(colour)[:3], BG) >= 3


def test_a_legend_marker_matches_the_shape_it_stands_for():
    """범례의 점(Line2D 표식)과 그것이 가리키는 원(Patch)이 어두운 화면에서도 같은 색인지
    확인한다(옅은 색은 둘 다 같은 어두운 톤이 된다)."""
    from matplotlib.lines import Line2D

    fig, ax = plt.subplots()
    circle = ax.add_patch(Circle((0, 0), 1, facecolor="#9ec5fe", edgecolor="black"))
    marker = Line2D([], [], marker="o", linestyle="", markerfacecolor="#9ec5fe")
    ax.legend(handles=[marker])
    theme.to_dark(fig)
    (drawn,) = ax.get_legend().legend_handles  # the legend draws its own copy
    assert mcolors.to_hex(drawn.get_markerfacecolor()) == mcolors.to_hex(circle.get_facecolor())
    assert mcolors.to_hex(circle.get_facecolor()) != "#9ec5fe"
    plt.close(fig)


def test_a_frozen_figure_thaws_into_the_same_dark_svg(dark_figure):
    """얼린 그림(figures.freeze)에서 만든 어두운 SVG가, 같은 그림을 그 자리에서 칠해 저장한
    것과 같은지 확인한다. 얼린 뒤에 바뀐 rcParams는 녹인 그림에 끼어들지 않는다."""
    import io

    from sitebuild.run import figures

    with matplotlib.rc_context({"svg.hashsalt": "fixed ids"}):  # as the runner sets it
        frozen = figures.freeze(dark_figure)
    with matplotlib.rc_context({"xtick.labelsize": 30, "font.size": 25}):
        thawed = theme.dark_svg(frozen)
    theme.to_dark(dark_figure)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "fixed ids"}):
        dark_figure.savefig(buffer, **figures.SVG_OPTIONS, facecolor=theme.BACKGROUND)
    assert thawed == buffer.getvalue()
    assert theme.BACKGROUND.encode() in thawed


def test_a_figure_that_cannot_be_pickled_says_why():
    """pickle할 수 없는 것(람다)이 든 그림은 어두운 판을 만들 수 없다고 까닭과 함께 실패한다."""
    from matplotlib.ticker import FuncFormatter

    from sitebuild.run import figures

    fig, ax = plt.subplots()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, pos: f"{x:.0f}"))
    with pytest.raises(TypeError, match="cannot be pickled for its dark variant"):
        figures.freeze(fig)
    plt.close(fig)


def lightness_reversals(light, dark, tolerance=1e-3):
    """Steps where the dark colours' lightness does not move against the light
    colours' lightness (the direction is turned around along the whole map)."""
    def lightness(colours):
        return np.array([colorsys.rgb_to_hls(*c[:3])[1] for c in colours])

    d_light, d_dark = np.diff(lightness(light)), np.diff(lightness(dark))
    moving = np.abs(d_light) > tolerance
    return np.flatnonzero(moving & ~(np.sign(d_dark) == -np.sign(d_light)))


def continuous_maps(fig):
    """(light colours, artist) of every artist of ``fig`` drawn through a
    continuous colormap."""
    from matplotlib.cm import ScalarMappable

    found = []
    for artist in fig.findobj(lambda a: isinstance(a, ScalarMappable)):
        cmap = artist.get_cmap()  # every collection has one; used if it has an array
        if artist.get_array() is not None and cmap is not None \
                and cmap.N >= theme.RAMP_MIN_COLOURS:
            found.append((cmap(range(cmap.N)), artist))
    return found


@pytest.mark.parametrize("name", ["PuOr_r", "Blues", "viridis", "RdBu", "gray_r"])
def test_a_continuous_colormap_keeps_its_order_of_lightness(name):
    """색 지도를 색마다 따로 바꾸면 옅은 구간이 다시 어두워져 막대가 거꾸로 읽힌다. 어두운
    판에서도 밝기가 한 방향(밝은 판과 반대)으로만 움직이고, 흰색은 배경에 가깝고 가장 진한
    색은 배경과 구별되는지 확인한다."""
    fig, ax = plt.subplots()
    image = ax.imshow(np.linspace(0, 1, 100).reshape(10, 10), cmap=name)
    fig.colorbar(image)
    (light, _), *_ = continuous_maps(fig)
    theme.to_dark(fig)
    dark = image.get_cmap()(range(image.get_cmap().N))
    assert len(lightness_reversals(light, dark)) == 0
    lights = [colorsys.rgb_to_hls(*c[:3])[1] for c in light]
    deepest = dark[int(np.argmin(lights))]
    assert theme.contrast(deepest[:3], BG) >= 3
    plt.close(fig)


def test_the_old_per_colour_mapping_would_reverse_a_diverging_map():
    """위 검사가 실제로 뒤집힘을 잡는지: 색마다 fill()로 바꾼 PuOr_r에는 뒤집힘이 있다."""
    cmap = matplotlib.colormaps["PuOr_r"]
    light = cmap(range(cmap.N))
    assert len(lightness_reversals(light, [theme.fill(c) for c in light])) > 0


def test_a_grey_map_spans_the_background_to_the_ink():
    """회색 색 지도(숫자 이미지)는 흰색이 배경, 검은색이 밝은 글자색이 되어 대비가 줄지 않는지
    확인한다."""
    fig, ax = plt.subplots()
    image = ax.imshow(np.linspace(0, 1, 64).reshape(8, 8), cmap="gray_r")
    theme.to_dark(fig)
    dark = image.get_cmap()
    assert mcolors.to_hex(dark(0.0)) == theme.BACKGROUND
    assert mcolors.to_hex(dark(1.0)) == theme.INK
    plt.close(fig)
