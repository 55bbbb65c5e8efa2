"""snippets/neurons.py: 생물학적 뉴런 그림이 부위와 신호 방향을 바르게 보여 주는지 확인한다."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Annotation

from snippets import neurons

PARTS = ["수상돌기", "세포체", "핵", "축삭돌기", "축삭끝가지", "시냅스 말단",
         "신경전달물질"]


@pytest.fixture(scope="module")
def ax():
    fig = neurons.plot_neuron()
    fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    yield fig.axes[0]
    plt.close(fig)


def patches(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


def test_every_part_is_labelled(ax):
    """뉴런의 각 부위 이름이 그림에 한 번씩 적혀 있는지 확인한다."""
    texts = [t.get_text() for t in ax.texts]
    for part in PARTS:
        assert texts.count(part) == 1, part
    # 맞춤법: 축색돌기가 아니라 축삭돌기
    assert not any("축색" in t for t in texts)


def test_signal_flows_from_dendrites_to_terminals(ax):
    """신호 화살표 세 개가 모두 왼쪽(수상돌기)에서 오른쪽(시냅스 말단)으로 향하는지 확인한다."""
    arrows = [t for t in ax.texts
              if isinstance(t, Annotation) and t.get_gid() == "signal"]
    assert len(arrows) == 3
    for arrow in arrows:
        assert arrow.xy[0] > arrow.xyann[0]  # 화살촉이 꼬리보다 오른쪽
    tails = [arrow.xyann[0] for arrow in arrows]
    assert tails == sorted(tails)
    texts = [" ".join(t.get_text().split()) for t in ax.texts]  # 줄바꿈은 공백으로
    assert {"입력 신호", "활동 전위", "다음 뉴런으로"} <= set(texts)


def test_nucleus_sits_inside_the_cell_body(ax):
    """핵이 세포체 안에 있고, 세포체가 수상돌기와 축삭돌기 사이에 있는지 확인한다."""
    (body,) = patches(ax, "cell_body")
    (nucleus,) = patches(ax, "nucleus")
    gap = np.hypot(*np.subtract(nucleus.center, body.center))
    assert gap + nucleus.radius < body.radius
    terminals = patches(ax, "terminal")
    assert len(terminals) == 4
    assert all(t.center[0] > body.center[0] + 4 for t in terminals)


def test_terminals_release_transmitters_forward(ax):
    """신경전달물질 알갱이가 시냅스 말단의 오른쪽(다음 뉴런 쪽)에 있는지 확인한다."""
    terminals = patches(ax, "terminal")
    dots = patches(ax, "transmitter")
    assert len(dots) == 3 * len(terminals)
    leftmost_dot = min(d.center[0] for d in dots)
    assert leftmost_dot > min(t.center[0] for t in terminals)


def test_figure_fits_the_page(ax):
    """그림 폭이 7인치 이하이고 축이 숨겨져 있는지 확인한다."""
    width, _ = ax.figure.get_size_inches()
    assert width <= 7
    assert not ax.axison


def test_main_returns_the_figure(capsys):
    """main()이 아무것도 출력하지 않고 그림 하나를 돌려주는지 확인한다."""
    before = plt.get_fignums()
    fig = neurons.main()
    try:
        assert capsys.readouterr().out == ""
        assert len(plt.get_fignums()) == len(before) + 1
        assert fig.axes[0].texts
    finally:
        plt.close(fig)
