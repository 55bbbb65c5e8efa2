"""이진·다중 레이블·다중 분류 MLP를 케라스로 만들어 출력층과 손실 함수를 비교한다.

이 모듈은 docs/classification.md(10.1.6 분류를 위한 다층 퍼셉트론) 페이지에 실린다.
"""


# --8<-- [start:model]
import keras
import numpy as np
import tensorflow as tf


def build_classifier(n_inputs, n_outputs, output_activation, loss,
                     n_hidden=64, seed=42):
    """ReLU 은닉층 하나와 분류용 출력층으로 된 MLP를 만든다."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential([
        keras.Input(shape=(n_inputs,)),
        keras.layers.Dense(n_hidden, activation="relu"),
        keras.layers.Dense(n_outputs, activation=output_activation),
    ])
    if loss == "binary_crossentropy":
        # 출력 뉴런마다 0.5를 기준으로 맞았는지 센다(다중 레이블에도 맞는 정확도)
        accuracy = keras.metrics.BinaryAccuracy(name="accuracy")
    else:
        accuracy = "accuracy"
    model.compile(loss=loss, optimizer="adam", metrics=[accuracy])
    return model


def train_classifier(X_train, y_train, n_outputs, output_activation,
                     loss, epochs=20, validation_data=None, seed=42,
                     **options):
    """분류 MLP를 만들어 훈련하고 (모델, 훈련 기록)을 돌려준다."""
    model = build_classifier(X_train.shape[1], n_outputs,
                             output_activation, loss, seed=seed,
                             **options)
    history = model.fit(X_train, y_train, epochs=epochs,
                        validation_data=validation_data, verbose=0)
    return model, history
# --8<-- [end:model]


# --8<-- [start:iris]
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline


def fit_iris_classifiers(seed=42):
    """붓꽃 세 품종을 MLPClassifier와 로지스틱 회귀(소프트맥스)로 분류한다.

    두 모델 모두 특성을 표준화한 뒤 훈련하고, 훈련·테스트를 75:25로 나눈다.
    돌려주는 것: (MLP, 로지스틱 회귀, (X_test, y_test)).
    """
    X, y = load_iris(return_X_y=True)  # (150, 4), 품종 0·1·2
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed)
    mlp = make_pipeline(StandardScaler(), MLPClassifier(
        hidden_layer_sizes=(5,), max_iter=2000, random_state=seed))
    softmax_reg = make_pipeline(StandardScaler(),
                                LogisticRegression(max_iter=1000))
    return (mlp.fit(X_train, y_train),
            softmax_reg.fit(X_train, y_train), (X_test, y_test))
# --8<-- [end:iris]


# --8<-- [start:cancer]
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def load_cancer(seed=42):
    """유방암 데이터를 훈련·테스트(75:25)로 나누고 특성을 표준화한다."""
    X, y = load_breast_cancer(return_X_y=True)  # (569, 30), 1 = 양성 종양
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed)
    scaler = StandardScaler().fit(X_train)
    return ((scaler.transform(X_train), y_train),
            (scaler.transform(X_test), y_test))
# --8<-- [end:cancer]


# --8<-- [start:digits]
from sklearn.datasets import load_digits


def load_digits_split(seed=42):
    """8×8 숫자 이미지를 훈련·검증·테스트(60:20:20)로 나누고 표준화한다."""
    X, y = load_digits(return_X_y=True)  # (1797, 64), 숫자 0~9
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25,
        stratify=y_train_full, random_state=seed)
    scaler = StandardScaler().fit(X_train)
    return ((scaler.transform(X_train), y_train),
            (scaler.transform(X_valid), y_valid),
            (scaler.transform(X_test), y_test))
# --8<-- [end:digits]


# --8<-- [start:multilabel]
def make_multilabel(digits):
    """숫자마다 레이블 두 개 [7 이상인가, 홀수인가]를 0/1로 만든다."""
    labels = np.c_[digits >= 7, digits % 2 == 1]  # (n, 2)
    return labels.astype("float32")
# --8<-- [end:multilabel]


# --8<-- [start:cross_entropy]
def softmax(logits):
    """각 행의 점수를 합이 1인 확률로 바꾼다(소프트맥스 함수)."""
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def cross_entropy(y, proba):
    """정답 클래스에 준 확률의 로그를 평균 내어 부호를 바꾼 값."""
    return float(-np.mean(np.log(proba[np.arange(len(y)), y])))
# --8<-- [end:cross_entropy]


# --8<-- [start:network_plot]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyBboxPatch


def plot_softmax_mlp(n_inputs=2, n_hidden=(4,), n_classes=3, gap=1.5,
                     radius=0.25):
    """입력층, ReLU 은닉층, 소프트맥스 출력층으로 된 분류 MLP의 구조도.

    층은 아래(입력)에서 위(출력)로 쌓고, 편향 뉴런은 생략한다. 출력 뉴런은
    소프트맥스로 함께 계산되므로 점선 상자 하나로 묶는다.
    """
    sizes = [n_inputs, *n_hidden, n_classes]
    if len(n_hidden) == 1:
        hidden_names = ["은닉층\n(ReLU)"]
    else:
        hidden_names = [f"은닉층 {i}\n(ReLU)"
                        for i in range(1, len(n_hidden) + 1)]
    names = ["입력층", *hidden_names, "출력층\n(소프트맥스)"]
    gids = ["input",
            *[f"hidden-{i}" for i in range(1, len(n_hidden) + 1)],
            "output"]
    colors = ["#d9d9d9", *["#9ec5fe"] * len(n_hidden), "#ffc078"]
    # 층마다 뉴런의 (x, y) 좌표: 가운데 정렬, 층은 gap 간격으로 위로
    layers = [[(x - (size - 1) / 2, gap * row) for x in range(size)]
              for row, size in enumerate(sizes)]
    top = layers[-1][0][1]
    half = max(sizes) / 2

    fig, ax = plt.subplots(figsize=(5, 1.2 + 1.25 * len(sizes)))
    segments = [[a, b] for lower, upper in zip(layers, layers[1:])
                for a in lower for b in upper]  # 완전 연결
    ax.add_collection(LineCollection(segments, colors="#868e96",
                                     linewidths=0.8, zorder=1))
    for layer, name, gid, color in zip(layers, names, gids, colors):
        for xy in layer:
            ax.add_patch(Circle(xy, radius, facecolor=color,
                                edgecolor="black", zorder=2, gid=gid))
        ax.text(-half - 0.3, layer[0][1], name, ha="right", va="center",
                multialignment="center")
    left = layers[-1][0][0] - radius - 0.15
    right = layers[-1][-1][0] + radius + 0.15
    ax.add_patch(FancyBboxPatch(
        (left, top - radius - 0.15), right - left, 2 * radius + 0.3,
        boxstyle="round,pad=0.05", facecolor="none",
        edgecolor="#495057", linestyle="--", zorder=3))
    for i, (x, y) in enumerate(layers[0], start=1):
        ax.annotate(f"$x_{i}$", xy=(x, y - radius),
                    xytext=(x, y - 0.85), ha="center", va="top",
                    arrowprops={"arrowstyle": "->", "color": "#495057"})
    for k, (x, y) in enumerate(layers[-1], start=1):
        ax.annotate(rf"$\hat{{p}}_{k}$", xy=(x, y + radius),
                    xytext=(x, y + 0.85), ha="center", va="bottom",
                    arrowprops={"arrowstyle": "<-", "color": "#495057"})
    total = " + ".join(rf"\hat{{p}}_{k}"
                       for k in range(1, n_classes + 1))
    ax.text(0, top + 1.35, f"${total} = 1$", ha="center", va="bottom")
    ax.set_xlim(-half - 2.6, half + 0.3)
    ax.set_ylim(-1.4, top + 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:network_plot]


# --8<-- [start:plot]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.ticker import MaxNLocator


def plot_learning_curves(history):
    """에포크마다 훈련·검증 세트의 손실(위)과 정확도(아래)를 그린다."""
    epochs = np.arange(1, len(history.history["loss"]) + 1)
    fig, axes = plt.subplots(2, 1, figsize=(5, 5.6), sharex=True)
    panels = [("loss", "크로스 엔트로피"), ("accuracy", "정확도")]
    for ax, (key, ylabel) in zip(axes, panels):
        ax.plot(epochs, history.history[key], "-", color="#1f77b4",
                label="훈련 세트")
        ax.plot(epochs, history.history["val_" + key], "-",
                color="#d62728", label="검증 세트")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        ax.legend()
    axes[-1].set_xlabel("에포크")
    # 에포크는 정수
    axes[-1].xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig
# --8<-- [end:plot]


# --8<-- [start:ex_output_layers]
def build_spam_and_mnist_models(n_email_features=100, n_hidden=64):
    """스팸 메일 분류기와 MNIST 숫자 분류기를 build_classifier()로 만든다.

    스팸/햄은 이진 분류라 로지스틱 출력 뉴런 1개, MNIST는 클래스가 10개인
    다중 분류라 소프트맥스 출력 뉴런 10개를 둔다.
    """
    spam_model = build_classifier(
        n_email_features, n_outputs=1, output_activation="sigmoid",
        loss="binary_crossentropy", n_hidden=n_hidden)
    mnist_model = build_classifier(
        28 * 28, n_outputs=10, output_activation="softmax",
        loss="sparse_categorical_crossentropy", n_hidden=n_hidden)
    return spam_model, mnist_model
# --8<-- [end:ex_output_layers]


def main():
    # --8<-- [start:binary_usage]
    (X_train, y_train), (X_test, y_test) = load_cancer()
    print("훈련·테스트 샘플 수:", len(X_train), len(X_test),
          " 특성 수:", X_train.shape[1])
    binary_model, _ = train_classifier(
        X_train, y_train, n_outputs=1, output_activation="sigmoid",
        loss="binary_crossentropy", n_hidden=30, epochs=10)
    proba = binary_model.predict(X_test, verbose=0).ravel()  # (143,)
    y_pred = (proba >= 0.5).astype(int)  # 0.5를 넘으면 양성 종양(1)
    print(f"테스트 정확도: {(y_pred == y_test).mean():.3f}")
    print("양성 종양일 확률:", proba[:6].round(3))
    print("예측한 클래스:", y_pred[:6])
    print("실제 클래스:  ", y_test[:6])
    # --8<-- [end:binary_usage]

    # --8<-- [start:digits_usage]
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = (
        load_digits_split())
    print("훈련·검증·테스트 샘플 수:", len(X_train), len(X_valid), len(X_test))
    print("입력 특성 수(픽셀):", X_train.shape[1])
    # --8<-- [end:digits_usage]

    # --8<-- [start:multilabel_usage]
    Y_train = make_multilabel(y_train)
    Y_test = make_multilabel(y_test)
    digits = np.arange(10)
    print("숫자:      ", digits)
    print("7 이상인가?", make_multilabel(digits)[:, 0].astype(int))
    print("홀수인가?  ", make_multilabel(digits)[:, 1].astype(int))
    multilabel_model, _ = train_classifier(
        X_train, Y_train, n_outputs=2, output_activation="sigmoid",
        loss="binary_crossentropy", epochs=10)
    proba = multilabel_model.predict(X_test, verbose=0)  # (360, 2)
    for digit, p in zip(y_test[:6], proba[:6]):
        print(f"숫자 {digit}: P(7 이상)={p[0]:.3f}  P(홀수)={p[1]:.3f}"
              f"  합={p.sum():.3f}")
    correct = (proba >= 0.5) == Y_test
    print("레이블별 정확도 [7 이상, 홀수]:", correct.mean(axis=0).round(3))
    print("두 레이블을 모두 맞힌 비율:", correct.all(axis=1).mean().round(3))
    # --8<-- [end:multilabel_usage]

    # --8<-- [start:network_plot_usage]
    fig = plot_softmax_mlp(n_inputs=2, n_hidden=(4,), n_classes=3)
    # --8<-- [end:network_plot_usage]

    # --8<-- [start:multiclass_usage]
    multiclass_model, history = train_classifier(
        X_train, y_train, n_outputs=10, output_activation="softmax",
        loss="sparse_categorical_crossentropy", epochs=20,
        validation_data=(X_valid, y_valid))
    test_loss, test_acc = multiclass_model.evaluate(X_test, y_test,
                                                    verbose=0)
    print(f"테스트 정확도: {test_acc:.3f}")
    proba = multiclass_model.predict(X_test, verbose=0)  # (360, 10)
    print(f"첫 이미지(정답 {y_test[0]})의 클래스별 확률:")
    print(proba[0].round(3))
    print("예측한 숫자:", proba[:10].argmax(axis=1))
    print("실제 숫자:  ", y_test[:10])
    sums = proba.sum(axis=1)
    print("행마다 확률의 합이 1인가?", np.allclose(sums, 1, atol=1e-5),
          f" (1과의 최대 차이 {np.abs(sums - 1).max():.1e})")
    # --8<-- [end:multiclass_usage]

    # --8<-- [start:iris_usage]
    mlp, softmax_reg, (X_iris, y_iris) = fit_iris_classifiers()
    print("MLPClassifier 출력층:", mlp[-1].out_activation_,
          " 은닉층:", mlp[-1].hidden_layer_sizes, " 에포크:", mlp[-1].n_iter_)
    print("첫 테스트 꽃의 품종별 확률:", mlp.predict_proba(X_iris[:1]).round(3)[0])
    for name, clf in [("MLPClassifier", mlp), ("로지스틱 회귀", softmax_reg)]:
        wrong = int((clf.predict(X_iris) != y_iris).sum())
        print(f"테스트 정확도 {clf.score(X_iris, y_iris):.3f} "
              f"(틀린 꽃 {wrong}/{len(y_iris)})  {name}")
    # --8<-- [end:iris_usage]

    # --8<-- [start:plot_usage]
    fig = plot_learning_curves(history)
    # --8<-- [end:plot_usage]

    # --8<-- [start:cross_entropy_usage]
    print("직접 계산한 크로스 엔트로피:", round(cross_entropy(y_test, proba), 4))
    print("케라스 evaluate()의 손실:   ", round(test_loss, 4))
    scores = np.array([[2.0, 1.0, 0.1]])
    print("점수", scores[0], "→ 소프트맥스", softmax(scores)[0].round(3))
    # --8<-- [end:cross_entropy_usage]

    # --8<-- [start:from_logits_usage]
    loss_on_proba = keras.losses.SparseCategoricalCrossentropy()
    loss_on_logits = keras.losses.SparseCategoricalCrossentropy(
        from_logits=True)
    logits = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])  # 점수 두 줄
    labels = np.array([0, 2])
    a = float(loss_on_proba(labels, softmax(logits)))
    b = float(loss_on_logits(labels, logits))
    print(f"확률에서: {a:.4f}  점수에서(from_logits=True): {b:.4f}")
    assert np.isclose(a, b, atol=1e-6)
    far = np.array([[0.0, 120.0]])  # 정답 0에 확률 e^-120쯤
    a = float(loss_on_proba(np.array([0]), softmax(far)))
    b = float(loss_on_logits(np.array([0]), far))
    print(f"아주 틀린 샘플 - 확률에서: {a:.2f}  점수에서: {b:.2f}")
    assert a < 20 and np.isclose(b, 120.0)  # 확률 쪽은 잘려 있다
    # --8<-- [end:from_logits_usage]

    # --8<-- [start:class_weight_usage]
    (Xc_train, yc_train), _ = load_cancer()
    counts = np.bincount(yc_train)  # [악성, 양성]
    class_weight = {k: len(yc_train) / (2 * n)
                    for k, n in enumerate(counts)}
    rounded = {k: round(float(w), 3) for k, w in class_weight.items()}
    print("클래스별 샘플 수:", counts, " 가중치:", rounded)
    by_class = build_classifier(30, 1, "sigmoid", "binary_crossentropy")
    by_class.fit(Xc_train, yc_train, epochs=1, verbose=0,
                 class_weight=class_weight)
    by_sample = build_classifier(30, 1, "sigmoid", "binary_crossentropy")
    sample_weight = np.where(yc_train == 1, class_weight[1],
                             class_weight[0])
    by_sample.fit(Xc_train, yc_train, epochs=1, verbose=0,
                  sample_weight=sample_weight)
    same = all(np.array_equal(u, v) for u, v in
               zip(by_class.get_weights(), by_sample.get_weights()))
    print("class_weight와 sample_weight로 훈련한 가중치가 같은가?", same)
    assert same and counts[0] < counts[1]
    # --8<-- [end:class_weight_usage]

    # --8<-- [start:ex_output_layers_usage]
    spam_model, mnist_model = build_spam_and_mnist_models()
    rng = np.random.default_rng(42)
    emails = rng.integers(0, 2, size=(4, 100)).astype("float32")  # 단어 등장 여부
    images = rng.random((4, 28 * 28)).astype("float32")  # 0~1 픽셀값
    p_spam = spam_model.predict(emails, verbose=0)  # (4, 1)
    p_digits = mnist_model.predict(images, verbose=0)  # (4, 10)
    print("스팸 모델의 출력 모양:", p_spam.shape)
    print("스팸일 확률:", p_spam.ravel().round(3))
    print("MNIST 모델의 출력 모양:", p_digits.shape)
    print("행마다 확률의 합:", p_digits.sum(axis=1).round(3))
    assert p_spam.shape == (4, 1) and ((p_spam > 0) & (p_spam < 1)).all()
    assert p_digits.shape == (4, 10)
    assert np.allclose(p_digits.sum(axis=1), 1, atol=1e-5)
    # --8<-- [end:ex_output_layers_usage]

    # --8<-- [start:ex_softmax_multilabel_usage]
    softmax_model, _ = train_classifier(
        X_train, Y_train, n_outputs=2, output_activation="softmax",
        loss="binary_crossentropy", epochs=10)
    outputs = {"로지스틱": multilabel_model.predict(X_test, verbose=0),
               "소프트맥스": softmax_model.predict(X_test, verbose=0)}
    one_yes = Y_test.sum(axis=1) == 1  # 레이블이 [1, 0]이나 [0, 1]인 이미지
    print(f"\"예\"가 하나뿐인 이미지의 비율: {one_yes.mean():.3f}")
    for name, p in outputs.items():
        both_right = ((p >= 0.5) == Y_test).all(axis=1)
        print(f"{name} 출력: 두 레이블을 모두 맞힌 비율 {both_right.mean():.3f}")
        print(f"  레이블이 [0, 0]·[1, 1]인 이미지만: "
              f"{both_right[~one_yes].mean():.3f}")
    p_softmax = outputs["소프트맥스"]
    assert np.allclose(p_softmax.sum(axis=1), 1, atol=1e-5)
    both_right = ((p_softmax >= 0.5) == Y_test).all(axis=1)
    assert not both_right[~one_yes].any()  # [0, 0]과 [1, 1]은 하나도 못 맞힌다
    assert both_right.mean() <= one_yes.mean()
    # --8<-- [end:ex_softmax_multilabel_usage]

    # --8<-- [start:ex_accuracy_usage]
    y_true = np.array([[0.0, 0.0], [1.0, 1.0]])  # 숫자 2와 9의 레이블
    y_prob = np.array([[0.1, 0.2], [0.9, 0.8]])  # 네 확률이 모두 옳은 쪽이다
    for metric in (keras.metrics.BinaryAccuracy(),
                   keras.metrics.CategoricalAccuracy()):
        metric.update_state(y_true, y_prob)
        print(f"{metric.__class__.__name__}: {float(metric.result()):.3f}")

    # 다중 레이블 모델을 metrics=["accuracy"]로 컴파일한 복사본과 견준다
    plain = keras.models.clone_model(multilabel_model)
    plain.set_weights(multilabel_model.get_weights())
    plain.compile(loss="binary_crossentropy", metrics=["accuracy"])
    _, plain_acc = plain.evaluate(X_test, Y_test, verbose=0)
    _, binary_acc = multilabel_model.evaluate(X_test, Y_test, verbose=0)
    categorical = keras.metrics.CategoricalAccuracy()
    categorical.update_state(Y_test, outputs["로지스틱"])
    print(f"metrics=[\"accuracy\"]: {plain_acc:.3f}"
          f"  (CategoricalAccuracy {float(categorical.result()):.3f})")
    print(f"BinaryAccuracy: {binary_acc:.3f}")
    assert np.isclose(plain_acc, float(categorical.result()))
    assert binary_acc - plain_acc > 0.1  # 0.5 기준으로 세면 훨씬 높다
    # --8<-- [end:ex_accuracy_usage]
    return fig


if __name__ == "__main__":
    main()
