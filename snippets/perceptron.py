"""계단 함수와 TLU 층을 계산하고, 퍼셉트론으로 붓꽃 세토사를 가려내며 XOR에서의 실패를 보인다.

이 모듈은 docs/perceptron.md(10.1.3 퍼셉트론) 페이지에 실린다.
"""

# --8<-- [start:plot_tlu]
import numpy as np
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

NEURON_COLORS = {"input": "#d9d9d9", "tlu": "#ffc078", "bias": "white"}
ARROW = dict(arrowstyle="-|>", mutation_scale=12, color="#495057",
             lw=1.2)


def add_step_curve(ax, center, half=0.2, gid="step_curve"):
    """center 둘레에 계단 함수 모양(왼쪽은 낮고, 0에서 뛰어 오른쪽은 높다)을 그린다."""
    x, y = center
    ax.add_line(Line2D([x - half, x, x, x + half],
                       [y - half * 0.7, y - half * 0.7,
                        y + half * 0.7, y + half * 0.7],
                       color="black", lw=1.5, gid=gid))


def plot_tlu(n_inputs=3):
    """입력 n_inputs개 → 가중치 합 z → 계단 함수 → 출력인 TLU 그림을 돌려준다."""
    fig, ax = plt.subplots(figsize=(5, 3.3))
    ys = (n_inputs - 1) / 2 - np.arange(n_inputs)  # 위에서 아래로
    total = Circle((2.3, 0), 0.42, facecolor=NEURON_COLORS["tlu"],
                   edgecolor="black", gid="weighted_sum")
    ax.add_patch(total)
    ax.text(2.3, 0, r"$\Sigma$", ha="center", va="center", fontsize=16)
    ax.text(2.3, 0.55, "가중치 합", ha="center", va="bottom")

    for i, y in enumerate(ys, start=1):
        node = Circle((0, y), 0.3, facecolor=NEURON_COLORS["input"],
                      edgecolor="black", gid="input")
        ax.add_patch(node)
        ax.text(0, y, f"$x_{i}$", ha="center", va="center")
        ax.add_patch(FancyArrowPatch((0, y), (2.3, 0), patchA=node,
                                     patchB=total, gid="weight",
                                     **ARROW))
        # 가중치 이름은 화살표의 40% 지점 바로 위에
        ax.text(0.4 * 2.3, 0.6 * y + 0.12, f"$w_{i}$", ha="center",
                va="bottom")
    ax.text(0, ys[0] + 0.4, "입력", ha="center", va="bottom")

    step = FancyBboxPatch((3.35, -0.3), 0.6, 0.6,
                          boxstyle="round,pad=0.05", facecolor="white",
                          edgecolor="black", gid="step_box")
    ax.add_patch(step)
    add_step_curve(ax, (3.65, 0))
    ax.text(3.65, 0.55, "계단 함수", ha="center", va="bottom")
    ax.add_patch(FancyArrowPatch((2.72, 0), (3.28, 0), gid="z",
                                 **ARROW))
    ax.text(3.0, 0.06, "$z$", ha="center", va="bottom")
    ax.add_patch(FancyArrowPatch((4.02, 0), (4.7, 0), gid="output",
                                 **ARROW))
    ax.text(4.75, 0, r"$h_\mathbf{w}(\mathbf{x})$", ha="left",
            va="center")
    ax.text(5.05, 0.3, "출력", ha="center", va="bottom")
    # 가중치 합과 계단 함수를 함께 하는 것이 TLU 하나다
    ax.add_patch(FancyBboxPatch((1.62, -0.55), 2.66, 1.5,
                                boxstyle="round,pad=0.02", fill=False,
                                edgecolor="#868e96", linestyle="--",
                                gid="tlu"))
    ax.text(2.95, -0.62, "TLU", ha="center", va="top")

    terms = " + ".join(f"w_{i} x_{i}" for i in range(1, n_inputs + 1))
    ax.text(2.4, ys[-1] - 0.6,
            f"$z = {terms} + b"
            r" = \mathbf{x}^\top \mathbf{w} + b$"
            "\n"
            r"$h_\mathbf{w}(\mathbf{x}) = \mathrm{step}(z)$",
            ha="center", va="top", linespacing=1.8, gid="formula")
    ax.set_xlim(-0.45, 5.6)
    ax.set_ylim(ys[-1] - 1.6, ys[0] + 0.8)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:plot_tlu]


# --8<-- [start:step]
import numpy as np


def heaviside(z):
    """헤비사이드 계단 함수: z >= 0 이면 1, 아니면 0."""
    return (z >= 0).astype(int)


def sign(z):
    """부호 함수: z < 0 이면 -1, z = 0 이면 0, z > 0 이면 1."""
    return np.sign(z).astype(int)
# --8<-- [end:step]


# --8<-- [start:plot_perceptron]
def plot_perceptron(n_inputs=2, n_outputs=3, gap=2.6, radius=0.3):
    """입력 뉴런 n_inputs개와 편향 뉴런 하나가 TLU n_outputs개와 모두
    연결된 퍼셉트론 그림을 돌려준다."""
    fig, ax = plt.subplots(figsize=(5, 3.4))
    sources = []  # 입력 뉴런들, 맨 아래에 편향 뉴런
    for i, y in enumerate(n_inputs / 2 - np.arange(n_inputs + 1)):
        is_bias = i == n_inputs
        node = Circle((0, y), radius, edgecolor="black",
                      facecolor=NEURON_COLORS["bias" if is_bias
                                              else "input"],
                      linestyle="--" if is_bias else "-",
                      gid="bias" if is_bias else "input")
        ax.add_patch(node)
        ax.text(0, y, "1" if is_bias else f"$x_{i + 1}$",
                ha="center", va="center")
        sources.append(node)

    tlus = []
    for j, y in enumerate((n_outputs - 1) / 2 - np.arange(n_outputs)):
        node = Circle((gap, y), radius, facecolor=NEURON_COLORS["tlu"],
                      edgecolor="black", gid="tlu")
        ax.add_patch(node)
        add_step_curve(ax, (gap, y), half=0.14)
        tlus.append(node)
        arrow = FancyArrowPatch((gap, y), (gap + 0.9, y), patchA=node,
                                gid="output", **ARROW)
        ax.add_patch(arrow)
        ax.text(gap + 0.95, y, rf"$\hat{{y}}_{j + 1}$", ha="left",
                va="center")

    for src in sources:  # 완전 연결: 모든 뉴런 → 모든 TLU
        for dst in tlus:
            ax.add_patch(FancyArrowPatch(
                src.center, dst.center, patchA=src, patchB=dst,
                gid=("bias_weight" if src.get_gid() == "bias"
                     else "weight"),
                **{**ARROW, "color": "#868e96", "lw": 0.9}))

    top = max(n_inputs / 2, (n_outputs - 1) / 2) + radius
    bottom = -top
    ax.text(0, bottom - 0.15, "입력층", ha="center", va="top")
    ax.text(gap, bottom - 0.15, "출력층", ha="center", va="top")
    ax.text(gap + 1.05, top + 0.1, "출력", ha="center", va="bottom")
    side = dict(ha="right", va="center", multialignment="center")
    ax.text(-0.5, sources[-1].center[1], "편향 뉴런\n(늘 1을 냄)",
            gid="bias_label", **side)
    ax.text(-0.5, np.mean([n.center[1] for n in sources[:-1]]),
            "입력 뉴런\n(통과)", **side)
    ax.set_xlim(-2.0, gap + 1.6)
    ax.set_ylim(bottom - 0.75, top + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:plot_perceptron]


# --8<-- [start:layer]
def perceptron_layer(X, W, b):
    """TLU 층(완전 연결 층)의 출력 step(XW + b)를 한 번에 계산한다.

    X: (샘플 수, 입력 수), W: (입력 수, 뉴런 수), b: (뉴런 수,)
    """
    return heaviside(X @ W + b)
# --8<-- [end:layer]


# --8<-- [start:data]
from sklearn.datasets import load_iris


def load_data():
    """꽃잎 길이·너비(X)와 '세토사인가'(y, 1 또는 0)를 돌려준다."""
    iris = load_iris()
    X = iris.data[:, 2:4]  # (150, 2): 꽃잎 길이, 꽃잎 너비 (cm)
    y = (iris.target == 0).astype(int)  # 세토사면 1, 아니면 0
    return X, y
# --8<-- [end:data]


# --8<-- [start:fit]
from sklearn.linear_model import Perceptron


def fit_perceptron(X, y, seed=42):
    """사이킷런 Perceptron을 기본 설정으로 훈련한다."""
    return Perceptron(random_state=seed).fit(X, y)
# --8<-- [end:fit]


# --8<-- [start:plot]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴(나눔고딕)
from matplotlib.colors import ListedColormap


def plot_decision_boundary(clf, X, y, axes=(0, 5, 0, 2)):
    """두 특성 평면에 결정 영역, 결정 경계, 샘플을 그린 Figure를 돌려준다."""
    x0, x1 = np.meshgrid(
        np.linspace(axes[0], axes[1], 250),
        np.linspace(axes[2], axes[3], 100),
    )
    grid = np.c_[x0.ravel(), x1.ravel()]
    zz = clf.predict(grid).reshape(x0.shape)

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.contourf(x0, x1, zz, cmap=ListedColormap(["#c6d3f5", "#f8e7a6"]))
    # 결정 경계: w1*x1 + w2*x2 + b = 0 을 x2에 대해 푼 직선
    w1, w2 = clf.coef_[0]
    b = clf.intercept_[0]
    xs = np.array(axes[:2])
    ax.plot(xs, -(w1 * xs + b) / w2, "k-", linewidth=2, label="결정 경계")
    ax.plot(X[y == 0, 0], X[y == 0, 1], "s", color="#3b5bdb",
            markersize=4, label="세토사 아님")
    ax.plot(X[y == 1, 0], X[y == 1, 1], "o", color="#e8a500",
            markersize=4, label="세토사")
    ax.set_xlabel("꽃잎 길이 (cm)")
    ax.set_ylabel("꽃잎 너비 (cm)")
    ax.axis(axes)
    ax.legend(loc="lower right")
    return fig
# --8<-- [end:plot]


# --8<-- [start:rule]
def perceptron_rule_steps(X, y, eta=1.0, max_epochs=100):
    """퍼셉트론 학습 규칙(식 10-3)을 샘플 하나씩 진행하며 그 단계를 내놓는다.

    사이킷런과 같은 꼴로 쓴다. 레이블 0/1을 s = -1/+1로 바꾸면, 틀린 샘플에서
    y - ŷ는 늘 s이므로 식 10-3의 갱신은 w ← w + η·s·x가 된다. 샘플이 틀렸다는
    것은 s·z <= 0, 즉 z의 부호가 s와 다르거나 z = 0(경계 위)이라는 뜻이다.
    샘플마다 (에포크, 샘플 번호, z, 틀렸는가, 갱신 뒤의 w, b)를 내놓고,
    한 에포크 동안 하나도 틀리지 않으면 멈춘다.
    """
    w = np.zeros(X.shape[1])
    b = 0.0  # 편향(입력이 늘 1인 편향 뉴런의 가중치)
    signs = np.where(y == 1, 1.0, -1.0)  # 양성 +1, 음성 -1
    for epoch in range(1, max_epochs + 1):
        n_errors = 0
        for i, (x_i, s_i) in enumerate(zip(X, signs)):
            z = x_i @ w + b
            wrong = bool(s_i * z <= 0)  # 틀렸거나 경계 위
            if wrong:
                # 틀린 샘플에서는 η(y − ŷ)x_i와 같다. z = 0인 양성 샘플은
                # heaviside(0) = 1이라 식 10-3이 고치지 않지만 여기서는 고친다
                w = w + eta * s_i * x_i
                b = b + eta * s_i
                n_errors += 1
            yield epoch, i, z, wrong, w, b
        if n_errors == 0:
            break


def fit_perceptron_rule(X, y, eta=1.0, max_epochs=100):
    """학습 규칙을 멈출 때까지 돌려 마지막 w, b와 에포크 수를 돌려준다."""
    steps = perceptron_rule_steps(X, y, eta, max_epochs)
    for epoch, _, _, _, w, b in steps:
        pass
    return w, b, epoch
# --8<-- [end:rule]


# --8<-- [start:sgd]
from sklearn.linear_model import SGDClassifier


def fit_sgd_perceptron(X, y, seed=42):
    """Perceptron과 같은 설정의 SGDClassifier를 훈련한다."""
    sgd_clf = SGDClassifier(loss="perceptron", penalty=None,
                            learning_rate="constant", eta0=1,
                            random_state=seed)
    return sgd_clf.fit(X, y)
# --8<-- [end:sgd]


# --8<-- [start:logistic]
from sklearn.linear_model import LogisticRegression


def fit_logistic_regression(X, y):
    """비교용 로지스틱 회귀(기본값: L2 규제, C=1.0)를 훈련한다."""
    return LogisticRegression().fit(X, y)
# --8<-- [end:logistic]


# --8<-- [start:xor]
def load_xor():
    """XOR의 네 점과 타깃: 두 입력이 다를 때만 1."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([0, 1, 1, 0])
    return X, y


def best_accuracy_over_seeds(X, y, seeds):
    """시드마다 퍼셉트론을 훈련해 가장 높은 훈련 정확도를 돌려준다."""
    return max(fit_perceptron(X, y, seed).score(X, y) for seed in seeds)
# --8<-- [end:xor]


# --8<-- [start:ex_logic]
LOGIC_TARGETS = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1],
                 "NAND": [1, 1, 1, 0], "XOR": [0, 1, 1, 0]}


def learn_logic_functions(max_epochs=100):
    """논리 함수의 진리표마다 학습 규칙으로 TLU 하나를 훈련한다.

    함수 이름마다 (멈춘 에포크, 네 점 가운데 맞힌 점의 수)를 돌려준다.
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    results = {}
    for name, target in LOGIC_TARGETS.items():
        y = np.array(target)
        w, b, n_epochs = fit_perceptron_rule(X, y,
                                             max_epochs=max_epochs)
        n_correct = int((heaviside(X @ w + b) == y).sum())
        results[name] = (n_epochs, n_correct)
    return results
# --8<-- [end:ex_logic]


# --8<-- [start:ex_logistic]
def fit_log_loss_sgd(X, y, seed=42):
    """퍼셉트론 손실 대신 로그 손실로 훈련하는 SGDClassifier.

    결정 함수 z에 계단 함수가 아니라 로지스틱 함수를 씌우는 모델,
    즉 확률적 경사 하강법으로 훈련하는 로지스틱 회귀다.
    """
    return SGDClassifier(loss="log_loss", random_state=seed).fit(X, y)
# --8<-- [end:ex_logistic]


def main():
    # --8<-- [start:plot_tlu_usage]
    fig = plot_tlu()
    # --8<-- [end:plot_tlu_usage]

    # --8<-- [start:step_usage]
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    print("   z  heaviside(z)  sgn(z)")
    for z_i, h_i, s_i in zip(z, heaviside(z), sign(z)):
        print(f"{z_i:4.1f}  {h_i:12d}  {s_i:6d}")
    # --8<-- [end:step_usage]

    # --8<-- [start:plot_perceptron_usage]
    fig = plot_perceptron()
    # --8<-- [end:plot_perceptron_usage]

    # --8<-- [start:layer_usage]
    X_bits = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    # 열 하나가 TLU 하나의 가중치 벡터 w: 왼쪽부터 AND, OR, NAND
    W = np.array([[1.0, 1.0, -1.0],
                  [1.0, 1.0, -1.0]])
    b = np.array([-1.5, -0.5, 1.5])  # 편향 뉴런에서 세 TLU로 가는 가중치
    Y = perceptron_layer(X_bits, W, b)
    print("X:", X_bits.shape, " W:", W.shape, " b:", b.shape,
          " 출력:", Y.shape)
    print("x1 x2 | AND  OR  NAND")
    for (x1, x2), (y_and, y_or, y_nand) in zip(X_bits, Y):
        print(f"{x1:2d} {x2:2d} | {y_and:3d} {y_or:3d} {y_nand:5d}")
    # --8<-- [end:layer_usage]

    # --8<-- [start:fit_usage]
    X, y = load_data()
    per_clf = fit_perceptron(X, y)
    print("가중치 w:", per_clf.coef_[0])
    print("편향 b:", per_clf.intercept_[0])
    print("훈련한 에포크 수:", per_clf.n_iter_)
    print("훈련 세트 정확도:", per_clf.score(X, y))
    # --8<-- [end:fit_usage]

    # --8<-- [start:predict_usage]
    X_new = np.array([[2.0, 0.5],   # 꽃잎이 짧고 가는 꽃
                      [3.0, 1.0]])  # 조금 더 크고 넓은 꽃
    print("예측(1 = 세토사):", per_clf.predict(X_new))
    print("결정 함수 z:", per_clf.decision_function(X_new).round(2))
    # --8<-- [end:predict_usage]

    # --8<-- [start:plot_usage]
    fig = plot_decision_boundary(per_clf, X, y)
    # --8<-- [end:plot_usage]

    # --8<-- [start:margin_usage]
    z = per_clf.decision_function(X)
    print("경계에 가장 가까운 세토사의 z:", z[y == 1].min().round(2))
    print("경계에 가장 가까운 다른 꽃의 z:", z[y == 0].max().round(2))
    # --8<-- [end:margin_usage]

    # --8<-- [start:rule_usage]
    w, b, n_epochs = fit_perceptron_rule(X, y)
    print("직접 구현 - 가중치:", w, "편향:", b, "에포크:", n_epochs)

    ordered_clf = Perceptron(shuffle=False).fit(X, y)  # 섞지 않고 순서대로
    print("사이킷런(shuffle=False) - 가중치:", ordered_clf.coef_[0],
          "편향:", ordered_clf.intercept_[0], "에포크:", ordered_clf.n_iter_)
    print("두 결과가 같은가?",
          np.allclose(w, ordered_clf.coef_[0])
          and np.isclose(b, ordered_clf.intercept_[0]))
    # --8<-- [end:rule_usage]

    # --8<-- [start:sgd_usage]
    sgd_clf = fit_sgd_perceptron(X, y)
    print("SGDClassifier 가중치:", sgd_clf.coef_[0],
          "편향:", sgd_clf.intercept_[0])
    print("Perceptron과 같은가?",
          np.array_equal(sgd_clf.coef_, per_clf.coef_)
          and np.array_equal(sgd_clf.intercept_, per_clf.intercept_))
    # --8<-- [end:sgd_usage]

    # --8<-- [start:logistic_usage]
    log_reg = fit_logistic_regression(X, y)
    print("Perceptron에 predict_proba가 있는가?",
          hasattr(per_clf, "predict_proba"))
    print("로지스틱 회귀가 본 세토사일 확률:",
          log_reg.predict_proba(X_new)[:, 1].round(3))
    # --8<-- [end:logistic_usage]

    # --8<-- [start:xor_usage]
    X_xor, y_xor = load_xor()
    xor_clf = fit_perceptron(X_xor, y_xor)
    print("타깃:", y_xor, " 예측:", xor_clf.predict(X_xor))
    print("XOR 훈련 정확도:", xor_clf.score(X_xor, y_xor))
    print("마지막 가중치:", xor_clf.coef_[0], "편향:", xor_clf.intercept_[0])
    print("시드 100개 중 최고 정확도:",
          best_accuracy_over_seeds(X_xor, y_xor, seeds=range(100)))
    assert (xor_clf.decision_function(X_xor) == 0).all()  # z가 모두 0
    assert (xor_clf.predict(X_xor) == 0).all()  # predict()는 z > 0일 때만 1
    # --8<-- [end:xor_usage]

    # --8<-- [start:ex_bias_usage]
    rng = np.random.default_rng(42)
    W_random = rng.normal(size=(2, 1000))  # 열 하나가 편향 없는 TLU 하나
    Z_random = X_bits @ W_random  # 편향 b = 0
    y_and = np.array([0, 0, 0, 1])
    for name, Y_random in [("z >= 0이면 1", heaviside(Z_random)),
                           ("z > 0이면 1", (Z_random > 0).astype(int))]:
        n_and = (Y_random == y_and[:, None]).all(axis=0).sum()
        print(f"{name}: (0, 0)에 1을 낸 TLU {Y_random[0].sum()}개,",
              f"AND를 계산한 TLU {n_and}개 / 1000")
        assert n_and == 0  # 표본일 뿐이다. 증명은 아래 논증
    assert heaviside(Z_random)[0].all()  # z = 0 → 1: (0, 0)에 모두 1
    assert not (Z_random[0] > 0).any()   # z > 0일 때만 1: (0, 0)에 모두 0
    # --8<-- [end:ex_bias_usage]

    # --8<-- [start:ex_update_usage]
    x_i, y_i = X[50], y[50]  # 첫 번째 버시컬러(세토사가 아니므로 y = 0)
    w_old, b_old, eta = np.zeros(2), 0.0, 1.0  # fit_perceptron_rule의 출발점
    y_hat = heaviside(x_i @ w_old + b_old)  # z = 0
    w_new = w_old + eta * (y_i - y_hat) * x_i  # 식 10-3
    b_new = b_old + eta * (y_i - y_hat)
    print("샘플 x:", x_i, " 타깃 y:", y_i, " 예측 ŷ:", y_hat)
    print("손으로 갱신 - 가중치:", w_new, "편향:", b_new)

    w_fit, b_fit, _ = fit_perceptron_rule(X[50:51], y[50:51], max_epochs=1)
    print("fit_perceptron_rule - 가중치:", w_fit, "편향:", b_fit)
    z_new = x_i @ w_new + b_new
    print("갱신 뒤의 z:", z_new.round(2), " 예측 ŷ:", heaviside(z_new))
    assert np.allclose(w_new, w_fit) and b_new == b_fit
    assert heaviside(z_new) == y_i  # 이제는 맞힌다
    # z는 η(‖x‖² + 1)만큼 움직였다(편향 = 입력이 늘 1인 가중치)
    assert np.isclose(z_new - 0.0, -eta * (x_i @ x_i + 1))

    # 붓꽃 전체: 갱신한 뒤에도 그 샘플이 여전히 틀린 쪽에 남은 경우
    signs = np.where(y == 1, 1.0, -1.0)
    for epoch, i, z, wrong, w, b in perceptron_rule_steps(X, y):
        z_after = X[i] @ w + b
        if wrong and signs[i] * z_after <= 0:
            print(f"{epoch}번째 에포크, 샘플 {i}: z {z:.2f} → "
                  f"{z_after:.2f} (여전히 틀린 쪽)")
            break
    assert (epoch, i) == (2, 0)
    assert np.isclose(z_after - z, X[i] @ X[i] + 1)  # 3만큼 움직였다
    assert round(z, 2) == -4.86 and round(z_after, 2) == -1.86
    assert (X[0] == X[1]).all()  # 다음 샘플 1은 꽃잎 크기가 같다
    # --8<-- [end:ex_update_usage]

    # --8<-- [start:ex_logic_usage]
    results = learn_logic_functions(max_epochs=100)
    for name, (n_epochs, n_correct) in results.items():
        print(f"{name}: {n_epochs}번째 에포크에서 멈춤, 맞힌 점 {n_correct}/4")
    assert all(results[name][1] == 4 for name in ["AND", "OR", "NAND"])
    assert results["XOR"][0] == 100 and results["XOR"][1] < 4
    # --8<-- [end:ex_logic_usage]

    # --8<-- [start:ex_logistic_usage]
    log_sgd = fit_log_loss_sgd(X, y)
    z_flowers = log_sgd.decision_function(X_new)
    proba = log_sgd.predict_proba(X_new)[:, 1]  # 세토사일 확률
    print("새 꽃 두 송이의 z:", z_flowers.round(2))
    print("σ(z):", (1 / (1 + np.exp(-z_flowers))).round(4))
    print("predict_proba:", proba.round(4))
    print("훈련 세트 정확도:", log_sgd.score(X, y))
    assert not hasattr(per_clf, "predict_proba")  # 퍼셉트론에는 없다
    assert np.allclose(proba, 1 / (1 + np.exp(-z_flowers)))  # 확률 = σ(z)
    # --8<-- [end:ex_logistic_usage]
    return fig


if __name__ == "__main__":
    main()
