"""snippets/classification.py: 세 가지 분류 MLP 예제가 페이지의 설명대로 동작하는지 확인한다."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import classification


@pytest.fixture(scope="module")
def digits():
    return classification.load_digits_split(seed=42)


@pytest.fixture(scope="module")
def multiclass(digits):
    (X_train, y_train), valid, _ = digits
    return classification.train_classifier(
        X_train, y_train, n_outputs=10, output_activation="softmax",
        loss="sparse_categorical_crossentropy", epochs=8,
        validation_data=valid, seed=42)


def test_digit_split_is_stratified_and_scaled(digits):
    """1797개 이미지를 1077/360/360으로 나누고 모든 숫자가 고르게 들어가는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = digits
    assert [len(X_train), len(X_valid), len(X_test)] == [1077, 360, 360]
    assert X_train.shape[1] == 64  # 8×8 픽셀 (MNIST는 28×28 = 784)
    for y in (y_train, y_valid, y_test):
        counts = np.bincount(y, minlength=10)
        assert counts.min() >= 0.09 * len(y) and counts.max() <= 0.11 * len(y)
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-12)


def test_multilabel_labels_are_built_exactly():
    """숫자 0~9마다 [7 이상인가, 홀수인가] 레이블이 정확히 만들어지는지 확인한다."""
    labels = classification.make_multilabel(np.arange(10))
    assert labels.shape == (10, 2)
    assert labels.tolist() == [
        [0, 0], [0, 1], [0, 0], [0, 1], [0, 0],
        [0, 1], [0, 0], [1, 1], [1, 0], [1, 1],
    ]


@pytest.mark.parametrize("n_outputs, activation, loss", [
    (1, "sigmoid", "binary_crossentropy"),
    (2, "sigmoid", "binary_crossentropy"),
    (10, "softmax", "sparse_categorical_crossentropy"),
])
def test_only_the_output_layer_changes(n_outputs, activation, loss):
    """세 분류 모델이 같은 은닉층에 출력 뉴런 수와 활성화 함수만 다른지 확인한다."""
    model = classification.build_classifier(64, n_outputs, activation, loss)
    hidden, output = model.layers
    assert hidden.units == 64 and hidden.activation.__name__ == "relu"
    assert output.units == n_outputs
    assert output.activation.__name__ == activation
    assert model.loss == loss


@pytest.mark.slow
def test_binary_classifier_accuracy():
    """유방암 이진 분류기가 테스트 세트에서 90% 넘게 맞히고 확률을 내는지 확인한다."""
    (X_train, y_train), (X_test, y_test) = classification.load_cancer(seed=42)
    assert X_train.shape == (426, 30) and X_test.shape == (143, 30)
    model, _ = classification.train_classifier(
        X_train, y_train, n_outputs=1, output_activation="sigmoid",
        loss="binary_crossentropy", n_hidden=30, epochs=5, seed=42)
    _, accuracy = model.evaluate(X_test, y_test, verbose=0)
    assert accuracy > 0.9
    proba = model.predict(X_test, verbose=0)
    assert proba.shape == (143, 1)
    assert ((proba > 0) & (proba < 1)).all()
    assert accuracy == pytest.approx(((proba[:, 0] >= 0.5) == y_test).mean(),
                                     abs=1e-6)


@pytest.mark.slow
def test_multilabel_probabilities_are_independent(digits):
    """다중 레이블 출력의 두 확률이 서로 독립이라 행의 합이 1로 묶이지 않는지 확인한다."""
    (X_train, y_train), _, (X_test, y_test) = digits
    Y_train = classification.make_multilabel(y_train)
    Y_test = classification.make_multilabel(y_test)
    model, _ = classification.train_classifier(
        X_train, Y_train, n_outputs=2, output_activation="sigmoid",
        loss="binary_crossentropy", epochs=4, seed=42)
    proba = model.predict(X_test, verbose=0)
    sums = proba.sum(axis=1)
    assert not np.allclose(sums, 1, atol=0.05)
    assert sums.max() > 1.5 and sums.min() < 0.5
    # 숫자 9(7 이상이고 홀수)는 두 확률이 모두 크다
    assert (proba[y_test == 9] > 0.5).all(axis=1).mean() > 0.8
    # 정확도는 레이블마다 0.5를 기준으로 맞힌 비율의 평균이다
    _, accuracy = model.evaluate(X_test, Y_test, verbose=0)
    assert accuracy == pytest.approx(((proba >= 0.5) == Y_test).mean(),
                                     abs=1e-6)
    assert accuracy > 0.85


@pytest.mark.slow
def test_multiclass_accuracy_and_softmax_rows(multiclass, digits):
    """숫자 10개 분류의 테스트 정확도가 0.9 이상이고 소프트맥스 행의 합이 1인지 확인한다."""
    _, _, (X_test, y_test) = digits
    model, history = multiclass
    test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
    assert test_acc >= 0.9
    proba = model.predict(X_test, verbose=0)
    assert proba.shape == (360, 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1, atol=1e-5)
    assert test_acc == pytest.approx((proba.argmax(axis=1) == y_test).mean(),
                                     abs=1e-6)
    # 직접 계산한 크로스 엔트로피가 케라스의 손실과 같다
    assert classification.cross_entropy(y_test, proba) == pytest.approx(
        test_loss, rel=1e-4)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_softmax_and_cross_entropy_by_hand():
    """소프트맥스가 합 1인 확률을 만들고 크로스 엔트로피가 −log(정답 확률)의 평균인지 확인한다."""
    scores = np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0], [1000.0, 0.0, 0.0]])
    proba = classification.softmax(scores)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    np.testing.assert_allclose(proba[1], [1 / 3] * 3)
    assert proba[0].argmax() == 0 and proba[2, 0] == pytest.approx(1.0)
    # 점수에 같은 값을 더해도 소프트맥스는 그대로다
    np.testing.assert_allclose(classification.softmax(scores + 5.0), proba)
    y = np.array([0, 2])
    two = np.array([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]])
    assert classification.cross_entropy(y, two) == pytest.approx(
        -(np.log(0.5) + np.log(0.8)) / 2)
    perfect = np.eye(3)[[0, 2]]
    assert classification.cross_entropy(y, perfect) == pytest.approx(0.0)


@pytest.mark.slow
def test_learning_curve_figure(multiclass):
    """학습 곡선 그림이 손실·정확도 두 패널에 훈련·검증 곡선을 그리는지 확인한다."""
    _, history = multiclass
    fig = classification.plot_learning_curves(history)
    try:
        ax_loss, ax_acc = fig.axes
        assert ax_acc.get_xlabel() == "에포크"  # 위아래 패널이 에포크 축을 함께 쓴다
        fig.canvas.draw()
        assert all(float(t).is_integer() for t in ax_acc.get_xticks())  # 2.5 에포크는 없다
        assert ax_loss.get_shared_x_axes().joined(ax_loss, ax_acc)
        assert ax_loss.get_ylabel() == "크로스 엔트로피"
        assert ax_acc.get_ylabel() == "정확도"
        for ax, key in ((ax_loss, "loss"), (ax_acc, "accuracy")):
            train_line, valid_line = ax.get_lines()
            assert list(train_line.get_xdata()) == list(range(1, 9))
            np.testing.assert_allclose(train_line.get_ydata(),
                                       history.history[key])
            np.testing.assert_allclose(valid_line.get_ydata(),
                                       history.history["val_" + key])
            assert [t.get_text() for t in ax.get_legend().get_texts()] == [
                "훈련 세트", "검증 세트"]
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_sklearn_mlp_classifier_on_iris():
    """MLPClassifier가 세 품종에 소프트맥스 출력층을 스스로 고르고 경고 없이 수렴하며,
    페이지의 결론처럼 로지스틱 회귀와의 차이가 테스트 꽃 몇 송이뿐인지 확인한다."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        mlp, softmax_reg, (X_test, y_test) = classification.fit_iris_classifiers()
    assert mlp[-1].out_activation_ == "softmax"
    assert mlp[-1].n_iter_ < mlp[-1].max_iter
    assert len(y_test) == 38 and set(y_test) == {0, 1, 2}
    proba = mlp.predict_proba(X_test)
    assert np.allclose(proba.sum(axis=1), 1)
    wrong = [int((clf.predict(X_test) != y_test).sum()) for clf in (mlp, softmax_reg)]
    assert all(w <= 4 for w in wrong)  # 둘 다 90% 넘게 맞힌다
    assert wrong[0] <= wrong[1] and wrong[1] - wrong[0] <= 3  # 차이는 두어 송이


def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("n_inputs, n_hidden, n_classes, hidden_names", [
    (2, (4,), 3, ["은닉층\n(ReLU)"]),
    (3, (5, 4), 4, ["은닉층 1\n(ReLU)", "은닉층 2\n(ReLU)"]),
])
def test_softmax_mlp_figure(n_inputs, n_hidden, n_classes, hidden_names):
    """구조도의 층별 뉴런 수, 완전 연결, 한국어 층 이름, p̂ₖ와 합 1 표시, 폭과 글자 크기를 확인한다."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle

    fig = classification.plot_softmax_mlp(n_inputs, n_hidden, n_classes)
    try:
        ax = fig.axes[0]
        circles = [p for p in ax.patches if isinstance(p, Circle)]
        gids = ["input", *[f"hidden-{i}" for i in range(1, len(n_hidden) + 1)],
                "output"]
        sizes = [n_inputs, *n_hidden, n_classes]
        assert [sum(c.get_gid() == g for c in circles) for g in gids] == sizes
        assert len(circles) == sum(sizes)
        (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
        assert len(lines.get_segments()) == sum(
            a * b for a, b in zip(sizes, sizes[1:]))
        texts = _texts(fig)
        for name in ["입력층", *hidden_names, "출력층\n(소프트맥스)"]:
            assert name in texts
        for k in range(1, n_classes + 1):
            assert rf"$\hat{{p}}_{k}$" in texts
        for i in range(1, n_inputs + 1):
            assert f"$x_{i}$" in texts
        total = " + ".join(rf"\hat{{p}}_{k}" for k in range(1, n_classes + 1))
        assert f"${total} = 1$" in texts
        assert fig.get_size_inches()[0] <= 5
        assert min(t.get_fontsize() for t in ax.texts) >= 10
        fig.canvas.draw()  # 한글 글꼴이 없으면 Glyph 경고가 오류가 된다
    finally:
        plt.close(fig)


def test_spam_and_mnist_output_layers():
    """스팸 모델은 로지스틱 출력 1개, MNIST 모델은 입력 784개에 소프트맥스 출력 10개인지 확인한다."""
    spam, mnist = classification.build_spam_and_mnist_models(
        n_email_features=20, n_hidden=8)
    assert spam.layers[-1].units == 1
    assert spam.layers[-1].activation.__name__ == "sigmoid"
    assert spam.loss == "binary_crossentropy"
    assert mnist.input_shape == (None, 784)
    assert mnist.layers[-1].units == 10
    assert mnist.layers[-1].activation.__name__ == "softmax"
    assert mnist.loss == "sparse_categorical_crossentropy"
    rng = np.random.default_rng(0)
    p_spam = spam.predict(rng.integers(0, 2, (6, 20)).astype("float32"),
                          verbose=0)
    p_digits = mnist.predict(rng.random((6, 784)).astype("float32"), verbose=0)
    assert p_spam.shape == (6, 1) and ((p_spam > 0) & (p_spam < 1)).all()
    assert p_digits.shape == (6, 10)
    np.testing.assert_allclose(p_digits.sum(axis=1), 1, atol=1e-5)


def test_two_softmax_outputs_never_both_reach_one_half():
    """합이 1인 두 소프트맥스 확률 가운데 늘 정확히 하나만 0.5 이상인지 확인한다."""
    scores = np.random.default_rng(0).normal(0, 5, size=(10_000, 2))
    yes = classification.softmax(scores) >= 0.5
    assert (yes.sum(axis=1) == 1).all()


@pytest.mark.slow
def test_softmax_multilabel_model_misses_the_double_labels(digits):
    """소프트맥스 출력은 [0, 0]·[1, 1] 이미지를 하나도 못 맞히고 로지스틱은 대부분 맞히는지 확인한다."""
    (X_train, y_train), _, (X_test, y_test) = digits
    Y_train = classification.make_multilabel(y_train)
    Y_test = classification.make_multilabel(y_test)
    one_yes = Y_test.sum(axis=1) == 1
    assert set(y_test[~one_yes]) == {0, 2, 4, 6, 7, 9}
    assert set(y_test[one_yes]) == {1, 3, 5, 8}
    right = {}
    for activation in ("softmax", "sigmoid"):
        model, _ = classification.train_classifier(
            X_train, Y_train, n_outputs=2, output_activation=activation,
            loss="binary_crossentropy", epochs=3, seed=42)
        p = model.predict(X_test, verbose=0)
        right[activation] = ((p >= 0.5) == Y_test).all(axis=1)
        if activation == "softmax":
            np.testing.assert_allclose(p.sum(axis=1), 1, atol=1e-5)
    assert not right["softmax"][~one_yes].any()
    assert right["softmax"].mean() <= one_yes.mean()
    assert right["sigmoid"][~one_yes].mean() > 0.8


def test_accuracy_string_means_categorical_accuracy_for_two_outputs():
    """출력이 둘인 모델에서 "accuracy"가 CategoricalAccuracy로 잡혀 맞힌 것도 틀렸다고 세는지 확인한다."""
    import keras

    y_true = np.array([[0.0, 0.0], [1.0, 1.0]])
    y_prob = np.array([[0.1, 0.2], [0.9, 0.8]])
    binary = keras.metrics.BinaryAccuracy()
    binary.update_state(y_true, y_prob)
    categorical = keras.metrics.CategoricalAccuracy()
    categorical.update_state(y_true, y_prob)
    assert float(binary.result()) == pytest.approx(1.0)
    assert float(categorical.result()) == pytest.approx(0.5)

    model = classification.build_classifier(
        4, 2, "sigmoid", "binary_crossentropy", n_hidden=8, seed=0)
    X = np.random.default_rng(0).normal(size=(40, 4)).astype("float32")
    Y = classification.make_multilabel(np.arange(40) % 10)
    plain = keras.models.clone_model(model)
    plain.set_weights(model.get_weights())
    plain.compile(loss="binary_crossentropy", metrics=["accuracy"])
    _, plain_acc = plain.evaluate(X, Y, verbose=0)
    _, binary_acc = model.evaluate(X, Y, verbose=0)
    p = model.predict(X, verbose=0)
    categorical = keras.metrics.CategoricalAccuracy()
    categorical.update_state(Y, p)
    assert plain_acc == pytest.approx(float(categorical.result()))
    assert binary_acc == pytest.approx(((p >= 0.5) == Y).mean(), abs=1e-6)


def test_book_notebook_iris_split_sizes():
    """3판 노트북처럼 붓꽃을 test_size=0.1로 두 번 나누면 121/14/15송이가 되는지 확인한다(페이지의 설명)."""
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    X, y = load_iris(return_X_y=True)
    X_train_full, X_test, y_train_full, _ = train_test_split(
        X, y, test_size=0.1, random_state=42)
    X_train, X_valid, _, _ = train_test_split(
        X_train_full, y_train_full, test_size=0.1, random_state=42)
    assert (len(X_train), len(X_valid), len(X_test)) == (121, 14, 15)
