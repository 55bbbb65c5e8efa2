"""생물학적 뉴런의 각 부위와 신호가 흐르는 방향을 그림으로 그린다.

이 모듈은 docs/neurons.md(10.1 생물학적 뉴런에서 인공 뉴런까지) 페이지에 실린다.
"""

# --8<-- [start:plot]
import numpy as np
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)
from matplotlib.patches import Circle

MEMBRANE = "#a0522d"  # 세포막·돌기 색
SIGNAL = "#1864ab"    # 신호 화살표 색
LABEL = dict(fontsize=11.5, color="#212529",
             arrowprops=dict(arrowstyle="-", color="#868e96", lw=0.8))


def branch(ax, start, angle, length, depth):
    """start에서 angle(도) 방향으로 가지를 긋고, 끝에서 두 갈래로 나눈다."""
    rad = np.deg2rad(angle)
    end = (start[0] + length * np.cos(rad),
           start[1] + length * np.sin(rad))
    ax.plot([start[0], end[0]], [start[1], end[1]], color=MEMBRANE,
            lw=1.2 + depth, solid_capstyle="round")
    if depth > 0:
        for turn in (-28, 28):
            branch(ax, end, angle + turn, length * 0.6, depth - 1)
    return end


def signal_arrow(ax, tail, tip, text, text_xy):
    """신호가 흐르는 방향을 파란 화살표와 설명으로 표시한다."""
    ax.annotate("", xy=tip, xytext=tail, gid="signal",
                arrowprops=dict(arrowstyle="-|>", color=SIGNAL, lw=2,
                                mutation_scale=16))
    ax.text(*text_xy, text, color=SIGNAL, fontsize=11.5, ha="center")


def plot_neuron():
    """세포체, 수상돌기, 축삭돌기, 축삭끝가지, 시냅스 말단을 그린 Figure."""
    fig, ax = plt.subplots(figsize=(5, 2.4))
    fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
    body = (2.3, 2.0)

    # 수상돌기: 세포체 왼쪽으로 뻗은 나뭇가지
    for angle in (105, 140, 180, 220, 255):
        rad = np.deg2rad(angle)
        start = (body[0] + 0.6 * np.cos(rad),
                 body[1] + 0.6 * np.sin(rad))
        branch(ax, start, angle, 0.75, depth=2)

    # 축삭돌기와 축삭끝가지, 그 끝의 시냅스 말단
    axon_end = (7.4, body[1])
    ax.plot([body[0] + 0.6, axon_end[0]], [body[1], body[1]],
            color=MEMBRANE, lw=4, solid_capstyle="round")
    for angle in (40, 14, -14, -40):
        tip = branch(ax, axon_end, angle, 1.1, depth=0)
        ax.add_patch(Circle(tip, 0.13, color="#e8590c", gid="terminal"))
        for dx, dy in ((0.24, 0.08), (0.3, -0.1), (0.42, 0.02)):
            ax.add_patch(Circle((tip[0] + dx, tip[1] + dy), 0.035,
                                color="#f08c00", gid="transmitter"))

    # 세포체와 핵
    ax.add_patch(Circle(body, 0.65, facecolor="#ffe8cc",
                        edgecolor=MEMBRANE, lw=2, gid="cell_body"))
    ax.add_patch(Circle(body, 0.22, color="#c2410c", gid="nucleus"))

    # 부위 이름
    ax.annotate("수상돌기", xy=(0.75, 3.05), xytext=(0.3, 3.85), **LABEL)
    ax.annotate("세포체", xy=(2.6, 1.45), xytext=(3.2, 0.55), ha="center",
                **LABEL)
    ax.annotate("핵", xy=(2.3, 2.1), xytext=(3.25, 3.05), **LABEL)
    ax.annotate("축삭돌기", xy=(5.4, 1.97), xytext=(5.4, 0.85),
                ha="center", **LABEL)
    ax.annotate("축삭끝가지", xy=(7.9, 1.7), xytext=(7.0, 0.25),
                ha="center", **LABEL)
    ax.annotate("시냅스 말단", xy=(8.25, 2.71), xytext=(7.6, 3.85),
                ha="center", **LABEL)
    ax.annotate("신경전달물질", xy=(8.95, 1.3), xytext=(9.3, 0.35),
                ha="center", **LABEL)

    # 신호가 흐르는 방향: 수상돌기 → 세포체 → 축삭돌기 → 시냅스 말단
    signal_arrow(ax, (-1.2, 2.0), (0.05, 2.0), "입력\n신호", (-0.6, 2.2))
    signal_arrow(ax, (3.6, 2.45), (6.8, 2.45), "활동 전위", (5.2, 2.65))
    signal_arrow(ax, (9.35, 2.0), (10.4, 2.0), "다음\n뉴런으로", (9.9, 2.2))

    ax.set_xlim(-1.3, 10.7)
    ax.set_ylim(-0.1, 4.15)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:plot]


# --8<-- [start:cortex]
from matplotlib.collections import LineCollection

# 층 이름, 두께, 뉴런 수(실제 비율이 아니라 그림을 위한 값)
CORTEX_LAYERS = [("1층", 0.5, 3), ("2층", 0.8, 7), ("3층", 1.1, 8),
                 ("4층", 0.8, 8), ("5층", 1.1, 6), ("6층", 0.9, 7)]


def plot_cortex_layers(seed=42):
    """대뇌 피질처럼 여러 층을 이룬 뉴런 네트워크를 단순하게 그린 Figure."""
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(5, 4.4))
    fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
    somas = []  # 층마다 세포체 위치, 모양 (뉴런 수, 2)
    top = y = sum(thick for _, thick, _ in CORTEX_LAYERS)
    for k, (name, thick, n) in enumerate(CORTEX_LAYERS):
        bottom = y - thick
        ax.axhspan(bottom, y, color=("#f1f3f5", "#e9ecef")[k % 2], lw=0,
                   zorder=0, gid="layer")
        ax.text(0.15, y - thick / 2, name, va="center", fontsize=11)
        xs = np.linspace(1.6, 9.4, n) + rng.uniform(-0.25, 0.25, n)
        ys = rng.uniform(bottom + 0.2 * thick, y - 0.45 * thick, n)
        somas.append(np.c_[xs, ys])
        y = bottom
    # 연결: 뉴런마다 바로 아래 층의 뉴런 두 개로 축삭돌기를 뻗는다
    segments = [[p, q] for upper, lower in zip(somas, somas[1:])
                for p in upper
                for q in lower[rng.choice(len(lower), 2,
                                          replace=False)]]
    ax.add_collection(LineCollection(segments, colors=SIGNAL, alpha=0.5,
                                     linewidths=0.7, gid="connection"))
    for layer in somas:  # 세포체(삼각형)와 위로 뻗은 수상돌기
        for x, y0 in layer:
            ax.plot([x, x], [y0, y0 + 0.25], color=MEMBRANE, lw=1)
        ax.scatter(layer[:, 0], layer[:, 1], marker="^", s=45,
                   color=MEMBRANE, zorder=3, gid="neuron")
    ax.text(5.5, top + 0.12, "뇌 표면 쪽", ha="center", fontsize=11)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.05, top + 0.45)
    ax.axis("off")
    return fig
# --8<-- [end:cortex]


# --8<-- [start:ex_fires]
def fires(arrivals, threshold=3, window=5):
    """짧은 시간 안에 모인 입력이 임곗값에 닿으면 발화하는 장난감 뉴런.

    arrivals는 (도착 시각(ms), 신호) 목록이고, 신호는 흥분성 +1, 억제성 -1이다.
    어떤 입력이 도착한 때부터 window ms 안에 들어온 신호의 합이
    threshold 이상이면 True(발화)를 돌려준다.
    """
    for start, _ in arrivals:
        total = sum(signal for time, signal in arrivals
                    if start <= time < start + window)
        if total >= threshold:
            return True
    return False
# --8<-- [end:ex_fires]


# --8<-- [start:ex_moore]
def moore_factor(years, doubling_years=2):
    """doubling_years년마다 두 배가 될 때 years년 동안 늘어나는 배수."""
    return 2 ** (years / doubling_years)
# --8<-- [end:ex_moore]


# --8<-- [start:ex_artificial]
def artificial_neuron(x, w, threshold):
    """가중치 합 x·w가 임곗값 이상이면 1, 아니면 0을 낸다. 시간은 없다."""
    return int(np.dot(x, w) >= threshold)
# --8<-- [end:ex_artificial]


def main():
    # --8<-- [start:plot_usage]
    fig = plot_neuron()
    # --8<-- [end:plot_usage]

    # --8<-- [start:cortex_usage]
    fig = plot_cortex_layers()
    # --8<-- [end:cortex_usage]

    # --8<-- [start:ex_fires_usage]
    cases = {
        "2 ms 안에 흥분성 3개": [(0, +1), (1, +1), (2, +1)],
        "20 ms에 걸쳐 흥분성 3개": [(0, +1), (10, +1), (20, +1)],
        "2 ms 안에 흥분성 3개 + 억제성 1개": [(0, +1), (1, +1), (1, -1),
                                          (2, +1)],
    }
    for name, arrivals in cases.items():
        print(f"{name}: {'발화' if fires(arrivals) else '발화하지 않음'}")
    assert [fires(a) for a in cases.values()] == [True, False, False]
    # --8<-- [end:ex_fires_usage]

    # --8<-- [start:ex_moore_usage]
    factor = moore_factor(2020 - 1990)
    minutes = 365 * 24 * 60 / factor  # 1년을 분으로 바꿔 나눈다
    print(f"1990년 → 2020년: {factor:,.0f}배")
    print(f"1990년에 1년 걸리던 계산: 2020년에는 약 {minutes:.0f}분")
    assert factor == 2 ** 15 == 32768 and round(minutes) == 16
    # --8<-- [end:ex_moore_usage]

    # --8<-- [start:ex_artificial_usage]
    w = np.array([+1, -1])  # 흥분성 입력의 가중치 +1, 억제성 입력의 가중치 -1
    outputs = []
    for name, arrivals in cases.items():  # 2번 문제의 세 경우
        x = np.array([sum(s > 0 for _, s in arrivals),   # 켜진 흥분성 입력 수
                      sum(s < 0 for _, s in arrivals)])  # 켜진 억제성 입력 수
        outputs.append(artificial_neuron(x, w, threshold=3))
        print(f"{name}: 장난감 뉴런 {int(fires(arrivals))},",
              f"인공 뉴런 {outputs[-1]}")
    assert outputs == [1, 1, 0]  # 띄엄띄엄 온 입력에도 1을 낸다
    # --8<-- [end:ex_artificial_usage]
    return fig


if __name__ == "__main__":
    main()
