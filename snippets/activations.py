"""활성화 함수와 도함수를 그리고, 비선형성의 필요를 확인하고, 케라스로 XOR을 푼다.

이 모듈은 docs/activations.md(10.1.4 활성화 함수와 MLP 훈련하기) 페이지에 실린다.
"""


# --8<-- [start:step_and_sigmoid]
import numpy as np


def heaviside(z):
    """헤비사이드 계단 함수: z >= 0 이면 1, 아니면 0."""
    return (z >= 0).astype(int)


def sigmoid(z):
    """로지스틱 함수 σ(z) = 1 / (1 + exp(-z))."""
    return 1 / (1 + np.exp(-z))
# --8<-- [end:step_and_sigmoid]



# --8<-- [start:activations]
def heaviside_grad(z):
    """계단 함수의 도함수: z = 0을 뺀 모든 곳에서 0."""
    return np.zeros_like(z, dtype=float)


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh_grad(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(0, z)


def relu_grad(z):
    """z > 0이면 1, z < 0이면 0(z = 0에서는 정의되지 않는다)."""
    return (z > 0).astype(float)


def softplus(z):
    return np.logaddexp(0, z)  # log(1 + e^z)를 넘침 없이 계산


def softplus_grad(z):
    return sigmoid(z)


# 이름, 함수, 도함수, 선 모양
ACTIVATIONS = [
    # 계단 함수의 도함수(늘 0)는 음수 쪽에서 ReLU′와 겹치므로 가는 선으로 위에 그린다
    ("계단 함수", heaviside, heaviside_grad,
     {"color": "black", "linewidth": 1.2, "zorder": 3}),
    ("로지스틱(σ)", sigmoid, sigmoid_grad, {"color": "#d6336c"}),
    ("tanh", np.tanh, tanh_grad, {"color": "#1c7ed6"}),
    ("ReLU", relu, relu_grad, {"color": "#2b8a3e", "linewidth": 2.8}),
    ("소프트플러스", softplus, softplus_grad,
     {"color": "#7048e8", "linestyle": "--"}),
]
KINKED = {"계단 함수", "ReLU"}  # z = 0에서 미분할 수 없는 함수
# --8<-- [end:activations]


# --8<-- [start:plot_activations]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)


def plot_activations(z=np.linspace(-5, 5, 201)):
    """위에 활성화 함수, 아래에 그 도함수를 그린 Figure를 돌려준다."""
    fig, (ax_f, ax_d) = plt.subplots(2, 1, figsize=(5, 7.2),
                                     sharex=True)
    at_zero = np.isclose(z, 0)
    for name, f, df, style in ACTIVATIONS:
        ax_f.plot(z, f(z), label=name, **style)
        d = df(z)
        if name in KINKED:
            d[at_zero] = np.nan  # 0에서 선을 끊는다
        ax_d.plot(z, d, label=name, **style)
    # 계단 함수는 z = 0에서 미분할 수 없다: 빈 원 = 정의되지 않는 점
    ax_d.scatter([0], [0], s=30, facecolors="white", edgecolors="black",
                 zorder=3, gid="undefined")
    # ReLU′의 점프: 0에서 1까지 점선(tanh′(0) = 1과 겹치지 않게 선만 긋는다)
    ax_d.plot([0, 0], [0.05, 0.95], color="#2b8a3e", linestyle=":",
              linewidth=1.5, label="_jump", gid="relu_jump")
    note = dict(fontsize=10, va="center",
                arrowprops=dict(arrowstyle="->", color="#495057",
                                lw=0.8))
    ax_d.annotate("계단: z = 0에서\n미분할 수 없다", xy=(0.1, -0.02),
                  xytext=(1.2, 0.45), **note)
    ax_d.annotate("ReLU′: 0에서 1로 점프", xy=(-0.05, 0.75),
                  xytext=(-4.8, 0.75), **note)
    # ReLU와 소프트플러스는 위로 끝없이 커진다: 축을 잘라 가리지 않는다
    ax_f.annotate("ReLU, 소프트플러스:\n상한 없이 계속 커진다",
                  xy=(4.2, 4.2), xytext=(-4.8, 3.6), gid="unbounded",
                  **note)
    ax_f.set_title("활성화 함수")
    ax_d.set_title("도함수")
    ax_f.set_ylim(-1.2, 5.2)
    ax_d.set_ylim(-0.25, 1.25)
    ax_d.set_xlabel("$z$")
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="#adb5bd", linewidth=0.8, zorder=0)
        ax.axvline(0, color="#adb5bd", linewidth=0.8, zorder=0)
        ax.grid(True, alpha=0.3)
    fig.legend(*ax_f.get_legend_handles_labels(), loc="lower center",
               ncol=3, frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig
# --8<-- [end:plot_activations]


# --8<-- [start:ce_vs_mse]
def output_gradients(z, y):
    """로지스틱 출력 뉴런 하나에서 MSE와 크로스 엔트로피의 ∂손실/∂z."""
    p = sigmoid(z)
    return {"MSE": 2 * (p - y) * p * (1 - p),  # σ′(z) = p(1 − p)가 곱해진다
            "크로스 엔트로피": p - y}
# --8<-- [end:ce_vs_mse]


# --8<-- [start:linear]
def two_linear_layers(X, W1, b1, W2, b2, activation=None):
    """활성화 함수 없이(또는 activation을 넣어) 두 층을 차례로 통과시킨다."""
    hidden = X @ W1 + b1
    if activation is not None:
        hidden = activation(hidden)
    return hidden @ W2 + b2


def merge_linear_layers(W1, b1, W2, b2):
    """선형 층 두 개와 똑같은 선형 층 하나(W, b)를 만든다."""
    return W1 @ W2, b1 @ W2 + b2
# --8<-- [end:linear]


# --8<-- [start:keras_xor]
import keras
import tensorflow as tf

# XOR의 네 점과 레이블(앞 페이지 snippets/mlp.py의 XOR_X, XOR_Y와 같다)
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([0, 1, 1, 0])


def make_xor_data(n_copies=250, noise=0.1, seed=42):
    """XOR의 네 점을 n_copies번 복사하고 잡음을 더한다(레이블은 그대로)."""
    rng = np.random.default_rng(seed)
    X = np.tile(XOR_X, (n_copies, 1))
    X = X + rng.normal(scale=noise, size=X.shape)
    y = np.tile(XOR_Y, n_copies)
    return X.astype("float32"), y.astype("float32")


def train_xor_mlp(X, y, epochs=5, seed=42):
    """Dense(8, tanh) → Dense(1, 로지스틱) MLP를 훈련해 돌려준다."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(8, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(loss="binary_crossentropy",
                  optimizer=keras.optimizers.Adam(learning_rate=0.05))
    history = model.fit(X, y, epochs=epochs, batch_size=32, verbose=0)
    return model, history
# --8<-- [end:keras_xor]


# --8<-- [start:regions]
from matplotlib.colors import ListedColormap


def plot_decision_regions(model, lims=(-0.5, 1.5), resolution=120):
    """모델이 p >= 0.5로 판정하는 영역과 XOR의 네 점을 그린 Figure를 돌려준다."""
    xs = np.linspace(*lims, resolution)
    x1, x2 = np.meshgrid(xs, xs)
    grid = np.c_[x1.ravel(), x2.ravel()].astype("float32")
    proba = model.predict(grid, batch_size=len(grid), verbose=0)
    proba = proba.reshape(x1.shape)

    fig, ax = plt.subplots(figsize=(4.6, 4))
    ax.contourf(x1, x2, proba, levels=[0, 0.5, 1],
                cmap=ListedColormap(["#c5d9f7", "#fbe3b0"]))
    ax.contour(x1, x2, proba, levels=[0.5], colors="black",
               linewidths=1.5)
    styles = [(0, "s", "#1c4fb8"), (1, "o", "#e8590c")]
    for label, marker, color in styles:
        points = XOR_X[XOR_Y == label]
        ax.plot(points[:, 0], points[:, 1], marker, color=color,
                markersize=11, linestyle="", label=f"XOR = {label}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("훈련한 MLP의 결정 영역(경계선: p = 0.5)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    ax.set_aspect("equal")
    return fig
# --8<-- [end:regions]


# --8<-- [start:ex_activations]
def activation_table(z):
    """세 활성화 함수의 값과 도함수를 z마다 모은다(위에서 만든 함수 그대로)."""
    return {"로지스틱": (sigmoid(z), sigmoid_grad(z)),
            "tanh": (np.tanh(z), tanh_grad(z)),
            "ReLU": (relu(z), relu_grad(z))}
# --8<-- [end:ex_activations]


# --8<-- [start:ex_shapes]
import keras


def build_exercise_mlp(seed=42):
    """통과 뉴런 10개 → ReLU 뉴런 50개 → ReLU 뉴런 3개인 MLP(훈련하지 않는다)."""
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input(shape=(10,)),
        keras.layers.Dense(50, activation="relu"),  # 은닉층
        keras.layers.Dense(3, activation="relu"),   # 출력층
    ])
# --8<-- [end:ex_shapes]


def main():
    # --8<-- [start:activations_usage]
    z = np.linspace(-5, 5, 201)
    fig = plot_activations(z)
    print(f"σ′의 최댓값: {sigmoid_grad(z).max()} "
          f"(z = {z[sigmoid_grad(z).argmax()]:.1f}에서)")
    print(f"tanh′의 최댓값: {tanh_grad(z).max()}")
    print("tanh(z) = 2σ(2z) − 1 인가?",
          np.allclose(np.tanh(z), 2 * sigmoid(2 * z) - 1))
    print(f"z = 5에서 소프트플러스′: {softplus_grad(5.0):.4f}, "
          f"ReLU′: {relu_grad(np.array([5.0]))[0]}")
    assert sigmoid_grad(z).max() == 0.25 and tanh_grad(z).max() == 1.0
    assert 0.99 < softplus_grad(z).max() < 1  # 1에 다가가지만 닿지 않는다
    assert (relu_grad(z)[z > 0] == 1).all()  # 정확히 1인 구간
    # --8<-- [end:activations_usage]

    # --8<-- [start:ce_vs_mse_usage]
    print("양성 샘플(y = 1)에서 출력 뉴런의 ∂손실/∂z")
    for z_out in (-5.0, 0.0, 5.0):
        g = output_gradients(z_out, 1.0)
        print(f"  z = {z_out:4.1f}, p̂ = {sigmoid(z_out):.3f}:",
              f"MSE {g['MSE']:.3f}, 크로스 엔트로피 {g['크로스 엔트로피']:.3f}")
    g = output_gradients(-5.0, 1.0)  # 자신 있게 틀린 경우
    assert round(sigmoid(-5.0), 3) == 0.007
    assert round(g["MSE"], 3) == -0.013
    assert round(g["크로스 엔트로피"], 3) == -0.993
    # --8<-- [end:ce_vs_mse_usage]

    # --8<-- [start:linear_usage]
    rng = np.random.default_rng(42)
    X = rng.normal(size=(5, 3))
    W1, b1 = rng.normal(size=(3, 4)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(4, 2)), rng.normal(size=2)
    W, b = merge_linear_layers(W1, b1, W2, b2)
    print("W의 모양:", W.shape)
    print("두 선형 층 = 선형 층 하나?",
          np.allclose(two_linear_layers(X, W1, b1, W2, b2), X @ W + b))
    print("사이에 tanh를 넣어도 같은가?",
          np.allclose(two_linear_layers(X, W1, b1, W2, b2, np.tanh),
                      X @ W + b))
    # --8<-- [end:linear_usage]

    # --8<-- [start:keras_xor_usage]
    X_train, y_train = make_xor_data(n_copies=250, noise=0.1, seed=42)
    model, history = train_xor_mlp(X_train, y_train, epochs=5, seed=42)
    print("훈련 샘플:", X_train.shape)
    print("첫 에포크와 마지막 에포크의 손실:",
          round(history.history["loss"][0], 4),
          round(history.history["loss"][-1], 4))
    y_proba = model.predict(XOR_X, verbose=0).ravel()
    print("네 점의 예측 확률:", y_proba.round(3))
    print("반올림한 예측:", y_proba.round().astype(int).tolist())
    # --8<-- [end:keras_xor_usage]

    # --8<-- [start:regions_usage]
    fig = plot_decision_regions(model)
    # --8<-- [end:regions_usage]

    # --8<-- [start:ex_activations_usage]
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    print("z:", z)
    for name, (value, grad) in activation_table(z).items():
        print(f"{name}: 값 {value.round(3)}, 도함수 {grad.round(3)}")
    at_zero, negative, positive = z == 0, z < 0, z > 0
    assert sigmoid_grad(z)[at_zero] == 0.25  # σ′(0) = 0.5 × 0.5
    assert tanh_grad(z)[at_zero] == 1.0  # tanh′(0) = 1 − 0²
    assert (relu_grad(z)[negative] == 0).all()
    assert (relu_grad(z)[positive] == 1).all()
    # --8<-- [end:ex_activations_usage]

    # --8<-- [start:ex_shapes_usage]
    net = build_exercise_mlp(seed=42)
    hidden, output = net.layers
    W_h, b_h = hidden.get_weights()
    W_o, b_o = output.get_weights()
    rng = np.random.default_rng(42)
    X_batch = rng.normal(size=(4, 10)).astype("float32")
    Y = net(X_batch).numpy()
    print("W_h:", W_h.shape, " b_h:", b_h.shape)
    print("W_o:", W_o.shape, " b_o:", b_o.shape)
    print("X:", X_batch.shape, "→ Y:", Y.shape)
    print("파라미터 수:", net.count_params())
    assert W_h.shape == (10, 50) and b_h.shape == (50,)
    assert W_o.shape == (50, 3) and b_o.shape == (3,)
    assert Y.shape == (len(X_batch), 3)
    assert net.count_params() == (10 + 1) * 50 + (50 + 1) * 3
    # Y = ReLU(ReLU(X W_h + b_h) W_o + b_o): 넘파이로 다시 계산해도 같다
    assert np.allclose(Y, relu(relu(X_batch @ W_h + b_h) @ W_o + b_o),
                       atol=1e-5)
    # --8<-- [end:ex_shapes_usage]
    return model


if __name__ == "__main__":
    main()
