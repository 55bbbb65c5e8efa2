"""다층 퍼셉트론의 구조를 그리고, XOR을 풀고, 역전파를 손으로 계산해 확인한다.

이 모듈은 docs/mlp.md(10.1.4 다층 퍼셉트론과 역전파) 페이지에 실린다.
"""

# --8<-- [start:network]
import numpy as np
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

NEURON_COLORS = {"input": "#d9d9d9", "hidden": "#9ec5fe",
                 "output": "#ffc078", "bias": "white"}


def layer_names(n_layers):
    """층마다 붙일 한국어 이름(입력층, 은닉층 1, …, 출력층)."""
    hidden = [f"은닉층 {i}" for i in range(1, n_layers - 1)]
    if len(hidden) == 1:
        hidden = ["은닉층"]
    return ["입력층", *hidden, "출력층"]


def plot_network(layer_sizes, gap=2.4, radius=0.22):
    """층마다 뉴런 수가 layer_sizes인 완전 연결 MLP의 구조도를 돌려준다.

    출력층을 뺀 모든 층의 아래쪽에는 늘 1을 내보내는 편향 뉴런을 둔다.
    """
    n_layers = len(layer_sizes)
    right = gap * (n_layers - 1)  # 출력층의 x 좌표
    columns = []  # 층마다 (뉴런 좌표 목록, 편향 뉴런 좌표 또는 None)
    for i, size in enumerate(layer_sizes):
        has_bias = i < n_layers - 1
        count = size + has_bias
        ys = (count - 1) / 2 - np.arange(count)  # 위에서 아래로
        neurons = [(gap * i, y) for y in ys[:size]]
        bias = (gap * i, ys[-1]) if has_bias else None
        columns.append((neurons, bias))

    fig, ax = plt.subplots(figsize=(5, 3.6))
    segments = []  # 한 층의 모든 뉴런(편향 포함) → 다음 층의 모든 뉴런
    for (neurons, bias), (next_neurons, _) in zip(columns, columns[1:]):
        sources = neurons + ([bias] if bias else [])
        segments += [[a, b] for a in sources for b in next_neurons]
    ax.add_collection(LineCollection(segments, colors="#868e96",
                                     linewidths=0.8, zorder=1))

    for i, (neurons, bias) in enumerate(columns):
        kind = ("input" if i == 0 else
                "output" if i == n_layers - 1 else "hidden")
        for xy in neurons:
            ax.add_patch(Circle(xy, radius,
                                facecolor=NEURON_COLORS[kind],
                                edgecolor="black", zorder=2))
        if bias:
            ax.add_patch(Circle(bias, radius,
                                facecolor=NEURON_COLORS["bias"],
                                edgecolor="black", linestyle="--",
                                zorder=2))
            ax.text(*bias, "1", ha="center", va="center", zorder=3)

    top = max(layer_sizes) / 2
    bottom = -top - 0.5
    for i, name in enumerate(layer_names(n_layers)):
        ax.text(gap * i, bottom - 0.2, name, ha="center", va="top")
    ax.annotate("", xy=(right, top + 0.4), xytext=(0, top + 0.4),
                arrowprops={"arrowstyle": "->", "color": "#495057"})
    ax.text(0, top + 0.6, "하위 층", ha="left", va="bottom")
    ax.text(right, top + 0.6, "상위 층", ha="right", va="bottom")

    handles = [Line2D([], [], marker="o", linestyle="", markersize=10,
                      markerfacecolor=NEURON_COLORS[kind],
                      markeredgecolor="black", label=label)
               for kind, label in [("input", "입력 뉴런(통과)"),
                                   ("hidden", "은닉 뉴런"),
                                   ("output", "출력 뉴런"),
                                   ("bias", "편향 뉴런")]]
    ax.legend(handles=handles, loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False)
    ax.set_xlim(-0.6, right + 0.6)
    ax.set_ylim(bottom - 0.9, top + 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:network]


# --8<-- [start:xor_by_hand]
import numpy as np  # 접힌 그림 코드에도 있지만, 그 코드를 건너뛰어도 이 블록부터 돌아가게

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


def heaviside(z):
    """헤비사이드 계단 함수: z >= 0 이면 1, 아니면 0."""
    return (z >= 0).astype(int)


# 은닉 뉴런 1은 AND, 은닉 뉴런 2는 OR처럼 동작하게 고른 가중치
W_HIDDEN = np.array([[1.0, 1.0],
                     [1.0, 1.0]])
B_HIDDEN = np.array([-1.5, -0.5])
W_OUTPUT = np.array([-1.0, 1.0])  # OR 이고 AND 가 아닐 때 켜진다
B_OUTPUT = -0.5


def xor_network(X, activation=heaviside):
    """손으로 정한 가중치의 2-2-1 MLP로 XOR을 계산한다."""
    hidden = activation(X @ W_HIDDEN + B_HIDDEN)  # (n, 2): AND, OR
    return activation(hidden @ W_OUTPUT + B_OUTPUT)
# --8<-- [end:xor_by_hand]


# --8<-- [start:plot_xor_network]
from matplotlib.patches import FancyArrowPatch

# 뉴런 이름 → 그림 속 (x, y) 좌표
XOR_POSITIONS = {"x1": (0, 2.4), "x2": (0, 0.7), "bias1": (0, -1.0),
                 "h1": (2.6, 2.0), "h2": (2.6, 0.0),
                 "bias2": (2.6, -1.7), "out": (5.0, 1.0)}
XOR_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "bias1": "1", "bias2": "1",
              "h1": "$h_1$", "h2": "$h_2$", "out": r"$\hat{y}$"}
XOR_ROLES = {"h1": "AND", "h2": "OR", "out": "XOR"}
EDGE_COLORS = {"h1": "#1c7ed6", "h2": "#e8590c", "out": "#495057"}


def xor_network_edges(w_hidden=W_HIDDEN, b_hidden=B_HIDDEN,
                      w_output=W_OUTPUT, b_output=B_OUTPUT):
    """XOR 네트워크의 연결을 (보내는 뉴런, 받는 뉴런, 가중치) 목록으로 만든다."""
    edges = []
    for j, target in enumerate(["h1", "h2"]):
        edges += [("x1", target, w_hidden[0, j]),
                  ("x2", target, w_hidden[1, j]),
                  ("bias1", target, b_hidden[j])]
    edges += [("h1", "out", w_output[0]), ("h2", "out", w_output[1]),
              ("bias2", "out", b_output)]
    return edges


def plot_xor_network(w_hidden=W_HIDDEN, b_hidden=B_HIDDEN,
                     w_output=W_OUTPUT, b_output=B_OUTPUT, radius=0.3):
    """XOR을 푸는 2-2-1 MLP를, 연결마다 가중치를 적어 그린 Figure를 돌려준다.

    연결의 숫자는 xor_network()가 쓰는 상수에서 읽는다.
    """
    fig = plt.figure(figsize=(3.8, 3.75))
    ax = fig.add_axes((0, 0, 1, 1))
    pos = XOR_POSITIONS
    for source, target, w in xor_network_edges(w_hidden, b_hidden,
                                               w_output, b_output):
        (xa, ya), (xb, yb) = pos[source], pos[target]
        color = EDGE_COLORS[target]  # 받는 뉴런마다 한 색
        ax.add_patch(FancyArrowPatch((xa, ya), (xb, yb),
                                     arrowstyle="-|>",
                                     mutation_scale=12, shrinkA=12,
                                     shrinkB=12, color=color,
                                     linewidth=1.2, zorder=1))
        t = 0.45 if target == "out" else 0.3  # 숫자를 둘 위치(선의 비율)
        ax.text(xa + t * (xb - xa), ya + t * (yb - ya), f"{w:g}",
                ha="center", va="center", fontsize=10, color=color,
                gid="weight", zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                      "edgecolor": "none"})
    for name, xy in pos.items():
        kind = ("bias" if name.startswith("bias") else
                "input" if name.startswith("x") else
                "output" if name == "out" else "hidden")
        ax.add_patch(Circle(xy, radius, facecolor=NEURON_COLORS[kind],
                            edgecolor="black", zorder=2,
                            linestyle="--" if kind == "bias" else "-"))
        ax.text(*xy, XOR_LABELS[name], ha="center", va="center",
                zorder=3)
        if name in XOR_ROLES:
            ax.text(xy[0], xy[1] + radius + 0.1, XOR_ROLES[name],
                    ha="center", va="bottom", zorder=3)
    for x, name in zip([0, 2.6, 5.0], layer_names(3)):
        ax.text(x, -2.5, name, ha="center", va="top")
    ax.set_xlim(-0.5, 5.5)
    ax.set_ylim(-2.9, 3.0)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:plot_xor_network]


# --8<-- [start:sigmoid]
def sigmoid(z):
    """로지스틱 함수 σ(z) = 1 / (1 + exp(-z))."""
    return 1 / (1 + np.exp(-z))
# --8<-- [end:sigmoid]


# --8<-- [start:xor_steep]
def steep_sigmoid(z, k=10):
    """σ(kz): 모든 가중치와 편향을 k배 한 네트워크에 σ를 쓴 것과 같다."""
    return sigmoid(k * z)
# --8<-- [end:xor_steep]


# --8<-- [start:region_grid]
# (제목, 활성화 함수): 같은 xor_network()를 활성화 함수만 바꿔 그린다
REGION_PANELS = [("계단 함수", heaviside),
                 ("로지스틱 함수", sigmoid),
                 ("로지스틱 함수, 가중치 ×10", steep_sigmoid)]


def xor_output_grid(activation, lims=(-0.5, 1.5), resolution=120):
    """평면의 격자점마다 xor_network()의 출력을 구한다."""
    xs = np.linspace(*lims, resolution)
    x1, x2 = np.meshgrid(xs, xs)
    points = np.c_[x1.ravel(), x2.ravel()]
    out = xor_network(points, activation=activation)
    return x1, x2, out.reshape(x1.shape).astype(float)
# --8<-- [end:region_grid]


# --8<-- [start:plot_activation_regions]
def plot_activation_regions(panels=REGION_PANELS, lims=(-0.5, 1.5),
                            resolution=120):
    """활성화 함수마다 XOR 네트워크의 출력을 한 패널씩 위아래로 그린다."""
    fig, axes = plt.subplots(len(panels), 1,
                             figsize=(3.4, 2.7 * len(panels)),
                             sharex=True, layout="constrained")
    for ax, (title, activation) in zip(axes, panels):
        x1, x2, out = xor_output_grid(activation, lims, resolution)
        image = ax.imshow(out, origin="lower", extent=(*lims, *lims),
                          cmap="PuOr_r", vmin=0, vmax=1,
                          interpolation="none")  # 격자 그대로
        if out.min() < 0.5 < out.max():  # 출력이 0.5를 넘나들 때만 경계가 있다
            ax.contour(x1, x2, out, levels=[0.5], colors="black",
                       linewidths=1.5)
        else:  # 경계가 없다: 등고선으로 완만한 변화만 보인다
            ax.contour(x1, x2, out, levels=5, colors="#495057",
                       linewidths=0.8)
            ax.text(0.5, 0.5, f"최댓값 {out.max():.3f} < 0.5\n경계 없음",
                    ha="center", va="center", fontsize=10,
                    bbox={"boxstyle": "round,pad=0.2",
                          "facecolor": "white", "edgecolor": "#495057"})
        for label, marker in [(0, "s"), (1, "o")]:
            points = XOR_X[XOR_Y == label]
            ax.plot(points[:, 0], points[:, 1], marker, color="black",
                    markerfacecolor="white", markersize=9, linestyle="",
                    label=f"XOR = {label}")
        ax.set_title(title)
        ax.set_ylabel("$x_2$")
        ax.set_aspect("equal")
    axes[-1].set_xlabel("$x_1$")
    fig.legend(*axes[0].get_legend_handles_labels(),
               loc="outside upper center", ncol=2, frameon=False)
    fig.colorbar(image, ax=axes[-1], location="bottom", aspect=15,
                 label="출력")
    return fig
# --8<-- [end:plot_activation_regions]


# --8<-- [start:forward]
def init_params(n_inputs=2, n_hidden=2, n_outputs=1, seed=42):
    """연결 가중치는 무작위로, 편향은 0으로 초기화한다(float64)."""
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(size=(n_inputs, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W2": rng.normal(size=(n_hidden, n_outputs)),
            "b2": np.zeros(n_outputs)}


def forward(X, params):
    """정방향 계산: 역방향 계산에 다시 쓸 중간 결과를 모두 돌려준다."""
    z1 = X @ params["W1"] + params["b1"]
    a1 = sigmoid(z1)  # 은닉층의 출력
    z2 = a1 @ params["W2"] + params["b2"]
    y_hat = sigmoid(z2)  # 출력층의 출력
    return {"X": X, "z1": z1, "a1": a1, "z2": z2, "y_hat": y_hat}


def mse(y_hat, y):
    """평균 제곱 오차."""
    return np.mean((y_hat - y) ** 2)
# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(y, params, cache):
    """역방향 계산: 연쇄 법칙으로 MSE의 그레이디언트를 출력층부터 구한다."""
    y_hat, a1 = cache["y_hat"], cache["a1"]
    d_y_hat = 2 * (y_hat - y) / y.size         # ∂L/∂ŷ (MSE는 전체 평균)
    d_z2 = d_y_hat * y_hat * (1 - y_hat)       # σ'(z) = σ(z)(1 − σ(z))
    d_a1 = d_z2 @ params["W2"].T               # 오차를 은닉층으로 되돌린다
    d_z1 = d_a1 * a1 * (1 - a1)
    return {"W1": cache["X"].T @ d_z1, "b1": d_z1.sum(axis=0),
            "W2": a1.T @ d_z2, "b2": d_z2.sum(axis=0)}
# --8<-- [end:backward]


# --8<-- [start:plot_backprop_graph]
from matplotlib.lines import Line2D

# 노드 이름 → (x, y, 상자에 쓸 글): 위에서 아래로 정방향 계산
GRAPH_NODES = {
    "X": (1.7, 6.0, r"$\mathbf{X}$"),
    "W1b1": (0.35, 5.0, r"$\mathbf{W}_1,\ \mathbf{b}_1$"),
    "Z1": (1.7, 5.0,
           r"$\mathbf{Z}_1 = \mathbf{X}\mathbf{W}_1 + \mathbf{b}_1$"),
    "A1": (1.7, 4.0, r"$\mathbf{A}_1 = \sigma(\mathbf{Z}_1)$"),
    "W2b2": (0.35, 3.0, r"$\mathbf{W}_2,\ \mathbf{b}_2$"),
    "Z2": (1.7, 3.0,
           r"$\mathbf{Z}_2 = \mathbf{A}_1\mathbf{W}_2 + \mathbf{b}_2$"),
    "y_hat": (1.7, 2.0, r"$\hat{\mathbf{y}} = \sigma(\mathbf{Z}_2)$"),
    "y": (0.35, 1.0, r"$\mathbf{y}$"),
    "L": (1.7, 1.0,
          r"$L = \mathrm{MSE}(\hat{\mathbf{y}}, \mathbf{y})$"),
}
FORWARD_EDGES = [("X", "Z1"), ("W1b1", "Z1"), ("Z1", "A1"),
                 ("A1", "Z2"), ("W2b2", "Z2"), ("Z2", "y_hat"),
                 ("y_hat", "L"), ("y", "L")]
# (보내는 노드, 받는 노드, 화살표 옆에 적을 그레이디언트): backward()의 순서
BACKWARD_EDGES = [
    ("L", "y_hat", "\n".join([
        r"$\partial L/\partial\hat{\mathbf{y}}$",
        r"$= 2(\hat{\mathbf{y}} - \mathbf{y})/m$"])),
    ("y_hat", "Z2", "\n".join([
        r"$\boldsymbol{\delta}_2"
        r" = \partial L/\partial\hat{\mathbf{y}}$",
        r"$\odot\ \hat{\mathbf{y}}(1 - \hat{\mathbf{y}})$"])),
    ("Z2", "W2b2", "\n".join([
        r"$\partial L/\partial\mathbf{W}_2"
        r" = \mathbf{A}_1^\top\boldsymbol{\delta}_2$",
        r"$\partial L/\partial\mathbf{b}_2"
        r" = \sum_i\boldsymbol{\delta}_2^{(i)}$"])),
    ("Z2", "A1", "\n".join([
        r"$\partial L/\partial\mathbf{A}_1$",
        r"$= \boldsymbol{\delta}_2\mathbf{W}_2^\top$"])),
    ("A1", "Z1", "\n".join([
        r"$\boldsymbol{\delta}_1 = \partial L/\partial\mathbf{A}_1$",
        r"$\odot\ \mathbf{A}_1(1 - \mathbf{A}_1)$"])),
    ("Z1", "W1b1", "\n".join([
        r"$\partial L/\partial\mathbf{W}_1"
        r" = \mathbf{X}^\top\boldsymbol{\delta}_1$",
        r"$\partial L/\partial\mathbf{b}_1"
        r" = \sum_i\boldsymbol{\delta}_1^{(i)}$"])),
]
BACKWARD_COLOR = "#d6336c"


def plot_backprop_graph(nodes=GRAPH_NODES, forward_edges=FORWARD_EDGES,
                        backward_edges=BACKWARD_EDGES):
    """2-2-1 네트워크의 계산 그래프: 정방향은 아래로, 역방향은 위로 그린다."""
    fig = plt.figure(figsize=(3.35, 6.2))
    ax = fig.add_axes((0, 0, 1, 1))  # 데이터 1 = 1인치
    boxes = {}
    for name, (x, y, label) in nodes.items():
        is_param = name.startswith("W") or name == "y"
        boxes[name] = ax.text(
            x, y, label, ha="center", va="center", zorder=3, gid=name,
            bbox={"boxstyle": "round,pad=0.3", "edgecolor": "black",
                  "facecolor": "#e7f0fd" if is_param else "white"})
    for a, b in forward_edges:
        ax.annotate("", xy=(0.5, 0.5), xycoords=boxes[b],
                    xytext=(0.5, 0.5), textcoords=boxes[a],
                    gid="forward",
                    arrowprops={"arrowstyle": "-|>", "color": "black",
                                "lw": 1.2, "shrinkA": 0, "shrinkB": 0,
                                "patchA": boxes[a].get_bbox_patch(),
                                "patchB": boxes[b].get_bbox_patch()})
    back = {"arrowstyle": "-|>", "color": BACKWARD_COLOR, "lw": 1.2,
            "linestyle": "--"}
    for a, b, label in backward_edges:
        (xa, ya, _), (xb, yb, _) = nodes[a], nodes[b]
        if xa == xb:  # 사슬을 거슬러 위로: 화살표 오른쪽에 식
            ax.annotate("", xy=(xa + 0.3, yb - 0.22),
                        xytext=(xa + 0.3, ya + 0.22),
                        arrowprops=back, gid="backward")
            ax.text(xa + 0.4, (ya + yb) / 2, label, ha="left",
                    va="center", fontsize=10, color=BACKWARD_COLOR,
                    linespacing=1.5,
                    gid="gradient")
        else:  # 파라미터 쪽으로: 아래로 휘어 왼쪽 상자로 돌아간다
            ax.annotate("", xy=(0.5, 0), xycoords=boxes[b],
                        xytext=(0.2, 0), textcoords=boxes[a],
                        gid="backward",
                        arrowprops={**back,
                                    "connectionstyle": "arc3,rad=-0.4"})
            ax.text(xb - 0.45, yb - 0.45, label, ha="left", va="top",
                    fontsize=10, color=BACKWARD_COLOR, linespacing=1.6,
                    gid="gradient")
    ax.legend(handles=[
        Line2D([], [], color="black", lw=1.2, label="정방향 계산"),
        Line2D([], [], color=BACKWARD_COLOR, lw=1.2, linestyle="--",
               label="역방향 계산")],
        loc="upper right", bbox_to_anchor=(0.99, 0.99), fontsize=10)
    ax.set_xlim(-0.15, 3.2)
    ax.set_ylim(0.55, 6.75)
    ax.axis("off")
    return fig
# --8<-- [end:plot_backprop_graph]


# --8<-- [start:tape]
import tensorflow as tf


def tape_gradients(X, y, params):
    """같은 네트워크와 손실의 그레이디언트를 tf.GradientTape로 구한다."""
    variables = {name: tf.Variable(value, dtype=tf.float64)
                 for name, value in params.items()}
    X = tf.constant(X, dtype=tf.float64)
    with tf.GradientTape() as tape:
        a1 = tf.sigmoid(X @ variables["W1"] + variables["b1"])
        y_hat = tf.sigmoid(a1 @ variables["W2"] + variables["b2"])
        loss = tf.reduce_mean(tf.square(y_hat - y))
    grads = tape.gradient(loss, variables)
    return {name: grad.numpy() for name, grad in grads.items()}
# --8<-- [end:tape]


# --8<-- [start:gd_step]
def gradient_descent_step(params, grads, learning_rate=1.0):
    """경사 하강법 한 단계: 모든 파라미터를 그레이디언트 반대쪽으로 옮긴다."""
    return {name: params[name] - learning_rate * grads[name]
            for name in params}
# --8<-- [end:gd_step]


# --8<-- [start:softmax_ce]
def softmax(Z):
    """행마다 점수를 합이 1인 확률로 바꾼다(최댓값을 빼도 결과는 같다)."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def cross_entropy(P, Y):
    """원-핫 타깃 Y와 예측 확률 P의 크로스 엔트로피(샘플 평균)."""
    return -np.mean(np.sum(Y * np.log(P), axis=1))


def softmax_ce_grad(Z, Y):
    """손으로 유도한 ∂J/∂Z = (P̂ − Y) / m."""
    return (softmax(Z) - Y) / len(Z)


def tape_softmax_ce_grad(Z, Y):
    """같은 손실의 ∂J/∂Z를 tf.GradientTape로 구한다."""
    Z = tf.Variable(Z, dtype=tf.float64)
    with tf.GradientTape() as tape:
        P = tf.nn.softmax(Z)
        per_sample = tf.reduce_sum(Y * tf.math.log(P), axis=1)
        loss = -tf.reduce_mean(per_sample)
    return tape.gradient(loss, Z).numpy()
# --8<-- [end:softmax_ce]


# --8<-- [start:ex_symmetry]
def constant_params(value=0.5, n_inputs=2, n_hidden=2, n_outputs=1):
    """모든 연결 가중치를 같은 값으로 둔다(편향은 0): 나쁜 초기화의 예."""
    return {"W1": np.full((n_inputs, n_hidden), value),
            "b1": np.zeros(n_hidden),
            "W2": np.full((n_hidden, n_outputs), value),
            "b2": np.zeros(n_outputs)}


def train_steps(X, y, params, n_steps=1000, learning_rate=2.0):
    """정방향 계산, 역방향 계산, 경사 하강법 단계를 n_steps번 되풀이한다."""
    for _ in range(n_steps):
        cache = forward(X, params)
        grads = backward(y, params, cache)
        params = gradient_descent_step(params, grads, learning_rate)
    return params
# --8<-- [end:ex_symmetry]


def main():
    # --8<-- [start:network_usage]
    fig = plot_network([2, 4, 3, 1])
    # --8<-- [end:network_usage]

    # --8<-- [start:xor_by_hand_usage]
    print("입력:", XOR_X.astype(int).tolist())
    print("계단 함수 MLP의 출력:", xor_network(XOR_X).tolist())
    # --8<-- [end:xor_by_hand_usage]

    # --8<-- [start:plot_xor_network_usage]
    fig = plot_xor_network()
    # --8<-- [end:plot_xor_network_usage]

    # --8<-- [start:xor_sigmoid_usage]
    print("같은 가중치, 로지스틱 함수:",
          xor_network(XOR_X, activation=sigmoid).round(3))
    # --8<-- [end:xor_sigmoid_usage]

    # --8<-- [start:xor_steep_usage]
    print("가중치와 편향 ×10, 로지스틱 함수:",
          xor_network(XOR_X, activation=steep_sigmoid).round(3))
    # --8<-- [end:xor_steep_usage]

    # --8<-- [start:plot_activation_regions_usage]
    fig = plot_activation_regions()
    for title, activation in REGION_PANELS:
        out = xor_output_grid(activation)[2]
        print(f"{title}: 평면 전체의 출력 {out.min():.3f} ~ {out.max():.3f}")
    # --8<-- [end:plot_activation_regions_usage]

    # --8<-- [start:forward_usage]
    X = np.array([[0.0, 1.0],
                  [1.0, 1.0]])
    y = np.array([[1.0],
                  [0.0]])
    params = init_params(seed=42)
    cache = forward(X, params)
    print("예측 ŷ:", cache["y_hat"].ravel().round(4))
    print("손실(MSE):", mse(cache["y_hat"], y).round(4))
    # --8<-- [end:forward_usage]

    # --8<-- [start:plot_backprop_graph_usage]
    fig = plot_backprop_graph()
    # --8<-- [end:plot_backprop_graph_usage]

    # --8<-- [start:backward_usage]
    grads = backward(y, params, cache)
    tape_grads = tape_gradients(X, y, params)
    for name in grads:
        diff = np.abs(grads[name] - tape_grads[name]).max()
        print(f"{name}: 모양 {grads[name].shape}, 최대 절댓값 차이 {diff:.1e}")
    # --8<-- [end:backward_usage]

    # --8<-- [start:gd_usage]
    for step in range(1, 4):
        params = gradient_descent_step(params, grads, learning_rate=1.0)
        cache = forward(X, params)
        grads = backward(y, params, cache)
        print(f"단계 {step}: 손실 {mse(cache['y_hat'], y):.4f}")
    # --8<-- [end:gd_usage]

    # --8<-- [start:softmax_ce_usage]
    Z = np.array([[2.0, 1.0, 0.1],     # 샘플 2개, 클래스 3개의 가중치 합
                  [0.5, 2.5, -1.0]])
    Y = np.array([[1.0, 0.0, 0.0],     # 원-핫 정답: 클래스 0, 클래스 2
                  [0.0, 0.0, 1.0]])
    P = softmax(Z)
    print("p̂:", P.round(3).tolist())
    print("크로스 엔트로피 J:", cross_entropy(P, Y).round(4))
    by_hand = softmax_ce_grad(Z, Y)
    by_tape = tape_softmax_ce_grad(Z, Y)
    print("(p̂ − y) / m:", by_hand.round(4).tolist())
    diff = np.abs(by_hand - by_tape).max()
    print(f"GradientTape와의 최대 절댓값 차이: {diff:.1e}")
    assert diff < 1e-15
    # --8<-- [end:softmax_ce_usage]

    # --8<-- [start:ex_symmetry_usage]
    y_xor = XOR_Y.reshape(-1, 1).astype(float)
    same = train_steps(XOR_X, y_xor, constant_params(0.5))
    rand = train_steps(XOR_X, y_xor, init_params(seed=42))
    print("같은 값에서 시작한 W1:", same["W1"].round(3).tolist())
    print("무작위로 시작한 W1:", rand["W1"].round(3).tolist())
    same_pred = forward(XOR_X, same)["y_hat"].ravel().round().astype(int)
    rand_pred = forward(XOR_X, rand)["y_hat"].ravel().round().astype(int)
    print("같은 값에서 시작한 예측:", same_pred.tolist())
    print("무작위로 시작한 예측:", rand_pred.tolist())
    # 두 은닉 뉴런의 가중치(W1의 두 열)가 끝까지 똑같다
    assert np.allclose(same["W1"][:, 0], same["W1"][:, 1])
    assert same_pred.tolist() != [0, 1, 1, 0]
    assert rand_pred.tolist() == [0, 1, 1, 0]
    # --8<-- [end:ex_symmetry_usage]


if __name__ == "__main__":
    main()
