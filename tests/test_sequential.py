"""snippets/sequential.py: 시퀀셜 API 예제가 페이지의 설명대로 동작하는지 확인한다."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import regression, sequential


@pytest.fixture(scope="module")
def digits():
    return sequential.load_digit_images(seed=42)


@pytest.fixture(scope="module")
def trained(digits):
    (X_train, y_train), valid, _ = digits
    model = sequential.build_model(n_hidden=(32,), seed=0)
    model.compile(loss="sparse_categorical_crossentropy",
                  optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  metrics=["accuracy"])
    history = model.fit(X_train, y_train, epochs=3, validation_data=valid,
                        verbose=0)
    return model, history


def test_digit_images_split_and_scale(digits):
    """1,797장을 1077/360/360으로 나누고, 8×8 모양 그대로 0~1로 바꿨는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = digits
    assert [len(X_train), len(X_valid), len(X_test)] == [1077, 360, 360]
    assert X_train.shape[1:] == (8, 8)
    for X in (X_train, X_valid, X_test):
        assert X.min() == 0.0 and X.max() == 1.0
    for y in (y_train, y_valid, y_test):
        counts = np.bincount(y, minlength=10)
        assert counts.min() >= 0.09 * len(y) and counts.max() <= 0.11 * len(y)


@pytest.mark.parametrize("n_inputs, n_units, expected", [
    (64, 100, 6500), (100, 50, 5050), (50, 10, 510), (784, 300, 235500),
    (1, 1, 2),
])
def test_dense_params(n_inputs, n_units, expected):
    """밀집 층의 파라미터 수가 입력 수 × 뉴런 수 + 뉴런 수인지 확인한다."""
    assert sequential.dense_params(n_inputs, n_units) == expected


@pytest.mark.parametrize("n_hidden", [(100, 50), (30,), (16, 16, 16)])
def test_model_shapes_and_parameter_counts(n_hidden):
    """Flatten이 (8, 8)을 64로 펼치고, 층마다 파라미터 수가 계산과 같은지 확인한다."""
    model = sequential.build_model(n_hidden=n_hidden, seed=0)
    flatten, *dense = model.layers
    assert isinstance(flatten, keras.layers.Flatten)
    assert model.input_shape == (None, 8, 8)
    assert flatten.output.shape == (None, 64)
    assert flatten.count_params() == 0
    sizes = [64, *n_hidden, 10]
    assert [layer.units for layer in dense] == sizes[1:]
    assert [layer.count_params() for layer in dense] == [
        sequential.dense_params(a, b) for a, b in zip(sizes, sizes[1:])]
    assert [layer.activation.__name__ for layer in dense] == (
        ["relu"] * len(n_hidden) + ["softmax"])
    assert model.output_shape == (None, 10)


def test_page_model_has_12060_parameters():
    """페이지의 모델(64→100→50→10)의 파라미터가 12,060개이고 첫 층에 절반 넘게 있는지 확인한다."""
    model = sequential.build_model()
    counts = [layer.count_params() for layer in model.layers]
    assert counts == [0, 6500, 5050, 510]
    assert model.count_params() == 12060 and counts[1] > 12060 / 2


def test_initial_weights_are_glorot_and_biases_zero():
    """첫 은닉층의 가중치가 (64, 100) 모양으로 글로럿 한계 안에 퍼지고 편향이 0인지 확인한다."""
    model = sequential.build_model(seed=1)
    weights, biases = model.layers[1].get_weights()
    assert weights.shape == (64, 100) and biases.shape == (100,)
    limit = np.sqrt(6 / (64 + 100))
    assert np.abs(weights).max() <= limit
    assert np.abs(weights).max() > 0.9 * limit  # 한계 근처까지 고르게 퍼진다
    assert abs(weights.mean()) < 0.01
    assert (biases == 0).all()
    # 같은 시드면 같은 처음 가중치
    again, _ = sequential.build_model(seed=1).layers[1].get_weights()
    np.testing.assert_array_equal(weights, again)


def test_sparse_and_categorical_crossentropy_agree():
    """정수 레이블의 희소 판과 원-핫 레이블의 판이 같은 손실 −log(정답 확률)을 내는지 확인한다."""
    rng = np.random.default_rng(0)
    proba = rng.dirichlet(np.ones(10), size=20).astype("float32")
    y = rng.integers(0, 10, size=20)
    sparse = keras.losses.sparse_categorical_crossentropy(y, proba)
    dense = keras.losses.categorical_crossentropy(
        keras.utils.to_categorical(y, 10), proba)
    np.testing.assert_allclose(sparse, dense, rtol=1e-5)
    np.testing.assert_allclose(sparse, -np.log(proba[np.arange(20), y]),
                               rtol=1e-5)


@pytest.mark.slow
def test_history_and_evaluation(trained, digits):
    """History의 길이가 에포크 수와 같고, evaluate의 정확도가 predict의 argmax와 맞는지 확인한다."""
    _, _, (X_test, y_test) = digits
    model, history = trained
    assert len(history.epoch) == history.params["epochs"] == 3
    assert history.params["steps"] == 34
    assert sorted(history.history) == [
        "accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(len(v) == 3 for v in history.history.values())
    assert history.history["loss"][-1] < history.history["loss"][0]
    loss, accuracy = model.evaluate(X_test, y_test, verbose=0)
    proba = model.predict(X_test, verbose=0)
    assert proba.shape == (360, 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1, atol=1e-5)
    assert accuracy == pytest.approx((proba.argmax(axis=1) == y_test).mean(),
                                     abs=1e-6)
    assert accuracy > 0.7


@pytest.mark.slow
def test_learning_curve_figure(trained):
    """학습 곡선이 에포크마다 네 곡선을 한 축에 그리고 범례가 한국어인지 확인한다."""
    _, history = trained
    fig = sequential.plot_history(history)
    try:
        (ax,) = fig.axes
        assert ax.get_xlabel() == "에포크"
        fig.canvas.draw()
        assert all(float(t).is_integer() for t in ax.get_xticks())  # 1.5 에포크는 없다
        lines = ax.get_lines()
        assert len(lines) == 4
        for line, key in zip(lines, ["loss", "val_loss", "accuracy",
                                     "val_accuracy"]):
            assert list(line.get_xdata()) == [1, 2, 3]  # 길이 = 에포크 수
            np.testing.assert_allclose(line.get_ydata(),
                                       history.history[key])
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [
            "훈련 손실", "검증 손실", "훈련 정확도", "검증 정확도"]
        assert fig.get_size_inches()[0] <= 5
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_digit_grid_figure(digits):
    """숫자 격자가 이미지마다 축 하나에 제목을 달고, 남는 칸은 비워 두는지 확인한다."""
    (X_train, y_train), _, _ = digits
    titles = [f"레이블 {y}" for y in y_train[:7]]
    fig = sequential.plot_digits(X_train[:7], titles, n_cols=5)
    try:
        assert len(fig.axes) == 10  # 2줄 × 5열
        shown = [ax for ax in fig.axes if ax.get_images()]
        assert len(shown) == 7
        assert [ax.get_title() for ax in shown] == titles
        np.testing.assert_array_equal(shown[0].get_images()[0].get_array(),
                                      X_train[0])
        assert all(not ax.get_images() for ax in fig.axes[7:])
        assert fig.get_size_inches()[0] <= 5
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_raw_diabetes_split_matches_the_regression_page():
    """표준화하지 않은 데이터가 회귀 페이지와 같은 환자로 나뉘고, 표준화하면 같은 값이 되는지 확인한다."""
    raw = sequential.load_raw_diabetes(seed=42)
    page = regression.load_data(seed=42)
    (X_raw, _), _, _ = raw
    for (Xr, yr), (Xp, yp) in zip(raw, page):
        np.testing.assert_array_equal(yr, yp)
        standardized = (Xr - X_raw.mean(axis=0)) / X_raw.std(axis=0)
        np.testing.assert_allclose(standardized, Xp, atol=1e-9)
    assert X_raw[:, 0].max() > 50  # 나이가 살 단위다


def test_normalization_layer_model_equals_the_standard_scaler_model():
    """Normalization 층 모델이 회귀 페이지의 모델과 훈련 파라미터 1,291개, 같은 처음
    출력을 갖는지 확인한다."""
    (X_raw, _), _, (X_raw_test, _) = sequential.load_raw_diabetes(seed=42)
    (X_scaled, _), _, (X_scaled_test, _) = regression.load_data(seed=42)
    model = sequential.build_normalized_regressor(X_raw, seed=3)
    page_model = regression.build_regressor(10, seed=3)
    norm = model.layers[0]
    assert isinstance(norm, keras.layers.Normalization)
    np.testing.assert_allclose(np.ravel(norm.mean), X_raw.mean(axis=0),
                               rtol=1e-5)
    np.testing.assert_allclose(np.ravel(norm.variance), X_raw.var(axis=0),
                               rtol=1e-4)
    assert not norm.trainable_weights
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trainable == page_model.count_params() == 1291
    np.testing.assert_allclose(
        model.predict(X_raw_test, verbose=0),
        page_model.predict(X_scaled_test, verbose=0), rtol=1e-3, atol=1e-3)


def test_book_input_shape_warns_today():
    """책의 첫 층 input_shape=가 케라스 3에서 UserWarning을 내고, 그래도 모델은 만들어지는지 확인한다."""
    with pytest.warns(UserWarning, match="Do not pass an `input_shape`"):
        model = sequential.book_input_shape()
    assert model.input_shape == (None, 28, 28)


def test_book_input_layer_warns_today():
    """책 3판의 tf.keras.Sequential()은 되고, InputLayer(input_shape=)가 UserWarning을 내는지 확인한다."""
    with pytest.warns(UserWarning, match="`input_shape` is deprecated"):
        model = sequential.book_input_layer()
    assert isinstance(model, keras.Sequential)
    model.add(keras.layers.Flatten())  # 책의 다음 줄
    assert model.input_shape == (None, 28, 28)


def test_book_sgd_lr_raises_today():
    """책 2판의 SGD(lr=…)가 케라스 3에서 ValueError를 내는지 확인한다."""
    with pytest.raises(ValueError, match="not recognized.*'lr'"):
        sequential.book_sgd_lr()


def test_book_predict_classes_raises_today(digits):
    """책 2판의 predict_classes()가 케라스 3에서 AttributeError를 내는지 확인한다."""
    _, _, (X_test, _) = digits
    model = sequential.build_model(n_hidden=(4,), seed=0)
    with pytest.raises(AttributeError, match="predict_classes"):
        sequential.book_predict_classes(model, X_test)


def test_book_tf_keras_import_is_keras_3():
    """2판의 'from tensorflow import keras'와 3판의 tf.keras가 지금도 케라스 3을 주는지 확인한다."""
    import tensorflow as tf
    from tensorflow import keras as tf_keras
    assert tf_keras.layers.Dense is keras.layers.Dense
    assert tf.keras.Sequential is keras.Sequential  # 3판의 tf.keras.…
