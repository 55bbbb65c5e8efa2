"""snippets/neurons.py: 생물학적 뉴런 그림이 부위와 신호 방향을 바르게 보여 주는지 확인한다."""

import re
from pathlib import Path

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
    """main()이 연습 문제의 답만 출력하고 그림 두 개(뉴런, 피질의 층)를 만드는지 확인한다."""
    before = plt.get_fignums()
    fig = neurons.main()
    try:
        assert capsys.readouterr().out.splitlines() == [
            "2 ms 안에 흥분성 3개: 발화",
            "20 ms에 걸쳐 흥분성 3개: 발화하지 않음",
            "2 ms 안에 흥분성 3개 + 억제성 1개: 발화하지 않음",
            "1990년 → 2020년: 32,768배",
            "1990년에 1년 걸리던 계산: 2020년에는 약 16분",
            "2 ms 안에 흥분성 3개: 장난감 뉴런 1, 인공 뉴런 1",
            "20 ms에 걸쳐 흥분성 3개: 장난감 뉴런 0, 인공 뉴런 1",
            "2 ms 안에 흥분성 3개 + 억제성 1개: 장난감 뉴런 0, 인공 뉴런 0",
        ]
        assert len(plt.get_fignums()) == len(before) + 2
        assert fig.axes[0].texts
    finally:
        plt.close("all")


# 연습 문제 -----------------------------------------------------------------

PAGE = Path(__file__).resolve().parent.parent / "docs" / "neurons.md"


def page_part(start, end):
    """docs/neurons.md에서 start 줄부터 end 줄 앞까지."""
    text = PAGE.read_text(encoding="utf-8")
    return text[text.index(start):text.index(end, text.index(start))]


def test_answer_order_follows_the_figure(ax):
    """1번 답의 부위 순서가 그림에서 신호가 지나가는 왼쪽→오른쪽 순서와 같은지 확인한다."""
    answer = page_part('"1번 답 보기"', "**2.**")
    chain = re.search(r"수상돌기 → [^입]+? 시냅스 말단", answer).group(0)
    order = chain.split(" → ")
    assert order == ["수상돌기", "세포체", "축삭돌기", "축삭끝가지", "시냅스 말단"]
    pointed = {t.get_text(): t.xy[0] for t in ax.texts
               if isinstance(t, Annotation) and t.get_text()}
    xs = [pointed[part] for part in order]
    assert xs == sorted(xs)
    assert "**내보내는**" in answer  # 시냅스 말단은 받지 않고 내보낸다


def test_fires_only_when_inputs_arrive_close_together():
    """같은 흥분성 입력 세 개라도 5 ms 안에 몰려야 발화하는지 확인한다."""
    assert neurons.fires([(0, +1), (1, +1), (2, +1)])
    assert not neurons.fires([(0, +1), (10, +1), (20, +1)])
    assert neurons.fires([(0, +1), (2, +1), (4, +1)])      # 창 안: 0 ≤ t < 5
    assert not neurons.fires([(0, +1), (2, +1), (5, +1)])  # 5 ms는 창 밖
    assert not neurons.fires([(0, +1), (1, +1)])           # 2 < 임곗값 3
    assert not neurons.fires([])


def test_inhibitory_input_lowers_the_sum():
    """억제성 입력이 합을 1 줄여, 흥분성 입력이 하나 더 오면 다시 발화하는지 확인한다."""
    packed = [(0, +1), (1, +1), (2, +1)]
    assert not neurons.fires(packed + [(1, -1)])
    assert neurons.fires(packed + [(1, -1), (3, +1)])
    assert neurons.fires([(0, +1), (1, +1)], threshold=2)


def test_answer_lists_the_five_reasons():
    """3번 답이 본문의 다섯 가지 이유를 모두 들고, 게임 산업을 계산 능력(GPU)과 잇는지 확인한다."""
    body = page_part("## 이번에는 왜 다를까", "## 10.1.1")
    answer = page_part('"3번 답 보기"', "**4.**")
    assert len(re.findall(r"^\d\. ", body, re.M)) == 5
    assert len(re.findall(r"^    \d\. ", answer, re.M)) == 5
    flat_body, flat_answer = " ".join(body.split()), " ".join(answer.split())
    for reason in ["데이터", "계산 능력", "훈련 알고리즘", "지역 최적점", "선순환"]:
        assert reason in flat_body and reason in flat_answer, reason
    assert "게임 산업" in flat_body and "GPU" in flat_body
    assert re.search(r"게임 산업과 관계있는 것은 2번", answer)
    assert "계산 능력" in re.findall(r"^    2\. (.*)$", answer, re.M)[0]


def test_answer_matches_the_mapping_table():
    """4번 답이 대응표의 인공 뉴런 쪽 다섯 항목을 모두 짚는지 확인한다."""
    table = page_part("## 인공 뉴런으로 옮기면", "다음 페이지")
    answer = page_part('"4번 답 보기"', "`units` 인자")
    rows = [line for line in table.splitlines()
            if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 5
    answer = " ".join(answer.split())
    for term in ["입력값", "가중치", "활성화 함수", "음수 가중치", "출력값"]:
        assert term in table and term in answer, term


def test_moore_factor_doubles_every_two_years():
    """무어의 법칙 어림셈이 2년마다 정확히 두 배가 되는지 확인한다."""
    assert neurons.moore_factor(0) == 1
    assert neurons.moore_factor(2) == 2
    assert neurons.moore_factor(30) == 2 ** 15
    assert neurons.moore_factor(30, doubling_years=3) == 2 ** 10
    assert 16 < 365 * 24 * 60 / neurons.moore_factor(30) < 16.1  # 약 16분


def test_artificial_neuron_has_no_time():
    """대응표대로 만든 인공 뉴런이 입력의 개수만 보고 도착 시각은 보지 않는지 확인한다."""
    w = [1, -1]
    assert neurons.artificial_neuron([3, 0], w, 3) == 1
    assert neurons.artificial_neuron([3, 1], w, 3) == 0
    assert neurons.artificial_neuron([4, 1], w, 3) == 1
    assert neurons.artificial_neuron([2, 0], w, 3) == 0
    # 장난감 뉴런과 갈리는 것은 시간만 다른 경우다
    spread = [(0, +1), (10, +1), (20, +1)]
    assert not neurons.fires(spread)
    assert neurons.artificial_neuron([3, 0], w, 3) == 1


@pytest.fixture(scope="module")
def cortex():
    fig = neurons.plot_cortex_layers()
    fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    yield fig.axes[0]
    plt.close(fig)


def test_cortex_figure_has_six_labelled_layers(cortex):
    """피질 그림에 1층부터 6층까지 띠 여섯 개와 이름이 위에서부터 차례로 있는지 확인한다."""
    bands = [p for p in cortex.patches if p.get_gid() == "layer"]
    assert len(bands) == len(neurons.CORTEX_LAYERS) == 6
    names = [t for t in cortex.texts if t.get_text().endswith("층")]
    assert [t.get_text() for t in names] == [f"{k}층" for k in range(1, 7)]
    ys = [t.get_position()[1] for t in names]
    assert ys == sorted(ys, reverse=True)  # 1층이 맨 위(뇌 표면 쪽)
    assert cortex.figure.get_size_inches()[0] <= 7 and not cortex.axison


def _band(y):
    """y가 들어 있는 층의 번호(0 = 1층)."""
    top = sum(thick for _, thick, _ in neurons.CORTEX_LAYERS)
    for k, (_, thick, _) in enumerate(neurons.CORTEX_LAYERS):
        if top - thick <= y <= top:
            return k
        top -= thick
    raise AssertionError(y)


def test_cortex_neurons_sit_in_their_layer_and_connect_downwards(cortex):
    """뉴런이 층마다 정한 수만큼 그 띠 안에 있고, 연결은 바로 아래층으로만 가는지 확인한다."""
    layers = [c for c in cortex.collections if c.get_gid() == "neuron"]
    assert len(layers) == 6
    for k, (layer, (_, _, n)) in enumerate(zip(layers,
                                                neurons.CORTEX_LAYERS)):
        offsets = layer.get_offsets()
        assert len(offsets) == n
        assert {_band(y) for _, y in offsets} == {k}
    (links,) = [c for c in cortex.collections
                if c.get_gid() == "connection"]
    segments = links.get_segments()
    assert len(segments) == 2 * sum(n for _, _, n in neurons.CORTEX_LAYERS[:-1])
    for (x0, y0), (x1, y1) in segments:
        assert _band(y1) == _band(y0) + 1
