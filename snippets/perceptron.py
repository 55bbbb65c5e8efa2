"""계단 함수와 TLU 층을 계산하고, 퍼셉트론으로 붓꽃 세토사를 가려내며 XOR에서의 실패를 보인다.

이 모듈은 docs/perceptron.md(10.1.3 퍼셉트론) 페이지에 실린다.
"""

# --8<-- [start:step]
import numpy as np


def heaviside(z):
    """헤비사이드 계단 함수: z >= 0 이면 1, 아니면 0."""
    return (z >= 0).astype(int)


def sign(z):
    """부호 함수: z < 0 이면 -1, z = 0 이면 0, z > 0 이면 1."""
    return np.sign(z).astype(int)
# --8<-- [end:step]


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
def fit_perceptron_rule(X, y, eta=1.0, max_epochs=100):
    """퍼셉트론 학습 규칙(식 10-3)으로 TLU 하나를 훈련한다.

    사이킷런과 같은 꼴로 쓴다. 레이블 0/1을 s = -1/+1로 바꾸면, 틀린 샘플에서
    y - ŷ는 늘 s이므로 식 10-3의 갱신은 w ← w + η·s·x가 된다. 샘플이 틀렸다는
    것은 s·z <= 0, 즉 z의 부호가 s와 다르거나 z = 0(경계 위)이라는 뜻이다.
    한 에포크 동안 하나도 틀리지 않으면 멈춘다.
    """
    w = np.zeros(X.shape[1])
    b = 0.0  # 편향(입력이 늘 1인 편향 뉴런의 가중치)
    signs = np.where(y == 1, 1.0, -1.0)  # 양성 +1, 음성 -1
    for epoch in range(1, max_epochs + 1):
        n_errors = 0
        for x_i, s_i in zip(X, signs):
            z = x_i @ w + b
            if s_i * z <= 0:  # 틀렸거나 경계 위
                w += eta * s_i * x_i  # = η(y − ŷ)x_i
                b += eta * s_i
                n_errors += 1
        if n_errors == 0:
            break
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


def main():
    # --8<-- [start:step_usage]
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    print("   z  heaviside(z)  sgn(z)")
    for z_i, h_i, s_i in zip(z, heaviside(z), sign(z)):
        print(f"{z_i:4.1f}  {h_i:12d}  {s_i:6d}")
    # --8<-- [end:step_usage]

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
    # --8<-- [end:xor_usage]
    return fig


if __name__ == "__main__":
    main()
