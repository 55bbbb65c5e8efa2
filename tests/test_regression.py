"""snippets/regression.py: 회귀 MLP와 손실 함수 예제가 페이지의 설명대로 동작하는지 확인한다."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import regression


@pytest.fixture(scope="module")
def data():
    return regression.load_data(seed=42)


@pytest.fixture(scope="module")
def trained(data):
    (X_train, y_train), (X_valid, y_valid), _ = data
    return regression.train_regressor(X_train, y_train, X_valid, y_valid,
                                      epochs=15, seed=42)


def test_split_sizes_and_scaling(data):
    """442개를 264/89/89로 나누고 훈련 세트 기준으로만 표준화하는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = data
    assert [len(X_train), len(X_valid), len(X_test)] == [264, 89, 89]
    assert len(y_train) + len(y_valid) + len(y_test) == 442
    assert X_train.shape[1] == 10
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=0), 1, atol=1e-12)
    # 검증 세트는 훈련 세트의 평균으로 옮겼으므로 평균이 정확히 0은 아니다
    assert np.abs(X_valid.mean(axis=0)).max() > 0.01


def test_constant_predictor_mse_is_the_target_spread(data):
    """상수 예측기의 MSE가 평균에서 잰 제곱 오차의 평균인지 확인한다."""
    (_, y_train), _, _ = data
    assert regression.constant_mse(y_train, y_train) == pytest.approx(
        y_train.var())
    shifted = y_train + 10.0  # 평균이 10 어긋나면 MSE가 10² 늘어난다
    assert regression.constant_mse(y_train, shifted) == pytest.approx(
        y_train.var() + 100.0)


def test_regressor_architecture():
    """은닉층 ReLU 두 개와 활성화 함수 없는 출력 뉴런 하나로 되어 있는지 확인한다."""
    model = regression.build_regressor(10, seed=0)
    dense = model.layers
    assert [layer.units for layer in dense] == [30, 30, 1]
    assert [layer.activation.__name__ for layer in dense] == [
        "relu", "relu", "linear"]
    assert model.count_params() == (10 * 30 + 30) + (30 * 30 + 30) + 31
    positive = regression.build_regressor(10, output_activation="softplus")
    y_pred = positive.predict(np.random.default_rng(0).normal(
        0, 10, (50, 10)), verbose=0)
    assert (y_pred > 0).all()


def test_linear_regression_is_on_par_with_the_mlps(data):
    """페이지의 솔직한 결론을 확인한다: 선형 회귀와 MLPRegressor 모두 상수 예측기의
    절반쯤이고, MLPRegressor는 최대 반복 전에 수렴하며(경고 없이), 선형 회귀보다
    15% 넘게 나아지지도 나빠지지도 않는다."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import mean_squared_error

    (X_train, y_train), (X_valid, y_valid), _ = data
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        linear, mlp = regression.fit_sklearn_regressors(X_train, y_train)
    assert mlp.n_iter_ < mlp.max_iter
    assert mlp.hidden_layer_sizes == (10,) and mlp.alpha == 10.0
    constant = regression.constant_mse(y_train, y_valid)
    linear_mse = mean_squared_error(y_valid, linear.predict(X_valid))
    mlp_mse = mean_squared_error(y_valid, mlp.predict(X_valid))
    assert linear_mse < 0.55 * constant and mlp_mse < 0.55 * constant
    assert abs(mlp_mse - linear_mse) / linear_mse < 0.15
    assert linear_mse <= mlp_mse  # 이 데이터에서는 선형 회귀가 조금 낫다


@pytest.mark.slow
def test_mlp_beats_constant_predictor(trained, data):
    """훈련한 MLP의 검증·테스트 MSE가 상수 예측기의 MSE보다 작은지 확인한다."""
    (_, y_train), (X_valid, y_valid), (X_test, y_test) = data
    model, history = trained
    valid_mse = model.evaluate(X_valid, y_valid, verbose=0)
    assert valid_mse < 0.7 * regression.constant_mse(y_train, y_valid)
    test_mse = model.evaluate(X_test, y_test, verbose=0)
    assert test_mse < 0.7 * regression.constant_mse(y_train, y_test)
    assert history.history["val_loss"][-1] == pytest.approx(valid_mse,
                                                           rel=1e-4)
    assert history.history["loss"][-1] < history.history["loss"][0] / 5


@pytest.mark.slow
def test_learning_curve_figure(trained, data):
    """학습 곡선에 한글 축 이름, 훈련·검증 곡선, 상수 예측기 기준선이 있는지 확인한다."""
    (_, y_train), (_, y_valid), _ = data
    _, history = trained
    baseline = regression.constant_mse(y_train, y_valid)
    fig = regression.plot_learning_curves(history, baseline=baseline)
    try:
        ax = fig.axes[0]
        assert ax.get_xlabel() == "에포크"
        assert ax.get_ylabel() == "MSE (로그 눈금)"
        fig.canvas.draw()
        assert all(float(t).is_integer() for t in ax.get_xticks())  # 2.5 에포크는 없다
        assert ax.get_yscale() == "log"
        train_line, valid_line, base_line = ax.get_lines()
        assert list(train_line.get_xdata()) == list(range(1, 16))
        np.testing.assert_allclose(valid_line.get_ydata(),
                                   history.history["val_loss"])
        np.testing.assert_allclose(base_line.get_ydata(), baseline)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [
            "훈련 세트", "검증 세트", "상수 예측기(검증 세트)"]
        fig.canvas.draw()
    finally:
        plt.close(fig)


@pytest.mark.parametrize("error, mse, mae, huber", [
    (0.0, 0.0, 0.0, 0.0),
    (0.5, 0.25, 0.5, 0.125),
    (-1.0, 1.0, 1.0, 0.5),
    (-2.0, 4.0, 2.0, 1.5),
    (10.0, 100.0, 10.0, 9.5),
])
def test_loss_values(error, mse, mae, huber):
    """세 손실이 정의대로의 값(후버는 δ=1)을 내는지 확인한다."""
    e = np.array([error])
    assert regression.mse_loss(e)[0] == pytest.approx(mse)
    assert regression.mae_loss(e)[0] == pytest.approx(mae)
    assert regression.huber_loss(e)[0] == pytest.approx(huber)


def test_huber_is_quadratic_then_linear_and_matches_keras():
    """후버 손실이 δ 안에서는 ½e², 밖에서는 기울기 δ인 직선이고 케라스와 같은지 확인한다."""
    delta = 2.0
    small = np.linspace(-delta, delta, 9)
    np.testing.assert_allclose(regression.huber_loss(small, delta),
                               0.5 * small ** 2)
    big = np.array([3.0, 4.0, 5.0])
    assert np.diff(regression.huber_loss(big, delta)) == pytest.approx(
        [delta, delta])
    error = np.linspace(-6, 6, 25)
    for d in (1.0, delta):
        keras_value = float(keras.losses.Huber(delta=d)(np.zeros(25), error))
        assert keras_value == pytest.approx(
            regression.huber_loss(error, d).mean(), rel=1e-6)


def test_outliers_pull_mse_but_not_mae_or_huber():
    """이상치가 MSE의 최적 상수(평균)는 크게, MAE·후버의 것은 조금만 옮기는지 확인한다."""
    y_clean, y_dirty = regression.make_targets(seed=42)
    assert len(y_clean) == 101
    assert (y_dirty != y_clean).sum() == 5 and (y_dirty == 15.0).sum() == 5
    moved = {}
    for name, loss in regression.LOSSES.items():
        moved[name] = (regression.best_constant(y_dirty, loss)
                       - regression.best_constant(y_clean, loss))
    assert regression.best_constant(y_dirty, regression.mse_loss) == (
        pytest.approx(y_dirty.mean(), abs=1e-3))
    assert regression.best_constant(y_dirty, regression.mae_loss) == (
        pytest.approx(np.median(y_dirty), abs=1e-3))
    assert moved["MSE"] > 0.5
    assert 0 < moved["MAE"] < 0.15 and 0 < moved["후버"] < 0.15
    assert moved["MSE"] > 5 * max(moved["MAE"], moved["후버"])


def test_loss_figure():
    """손실 그림이 두 패널에 세 곡선씩, 한글 축 이름과 범례를 갖는지 확인한다."""
    fig = regression.plot_losses(delta=1.0)
    try:
        ax_loss, ax_grad = fig.axes
        # 위아래 두 패널이 가로축(오차)을 함께 쓰고, 이름은 아래 패널에 한 번
        assert ax_grad.get_xlabel() == "오차 (예측 - 타깃)"
        assert ax_loss.get_shared_x_axes().joined(ax_loss, ax_grad)
        assert ax_loss.get_ylabel() == "손실"
        assert ax_grad.get_ylabel() == "그레이디언트"
        assert [line.get_label() for line in ax_loss.get_lines()] == [
            "MSE", "MAE", "후버"]
        assert len(ax_grad.get_lines()) == 3
        assert [t.get_text() for t in ax_loss.get_legend().get_texts()] == [
            "MSE", "MAE", "후버"]
        # 후버의 기울기는 δ=1을 넘지 않고, MSE의 기울기는 2e이다
        x, huber_grad = ax_grad.get_lines()[2].get_data()
        assert np.abs(huber_grad).max() == pytest.approx(1.0)
        x, mse_grad = ax_grad.get_lines()[0].get_data()
        np.testing.assert_allclose(mse_grad, 2 * x)
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_output_activation_ranges():
    """ReLU·소프트플러스는 음수를 내지 않고, 로지스틱은 0~1, tanh는 -1~1인지 확인한다."""
    z = np.linspace(-20, 20, 81)
    values = regression.output_activations(z)
    assert (values["ReLU"] >= 0).all() and (values["소프트플러스"] > 0).all()
    np.testing.assert_allclose(values["소프트플러스"][z <= 5],
                               np.log1p(np.exp(z[z <= 5])), rtol=1e-5)
    assert ((values["로지스틱"] >= 0) & (values["로지스틱"] <= 1)).all()
    assert ((values["tanh"] >= -1) & (values["tanh"] <= 1)).all()
    assert values["로지스틱"][40] == pytest.approx(0.5)
    assert values["tanh"][0] == pytest.approx(-1.0)


def test_house_price_output_layer():
    """집값 모델의 출력 뉴런 1개는 음수도 내고, 소프트플러스를 붙이면 log(1 + e^z)로 늘 양수인지 확인한다."""
    plain = regression.build_regressor(8, n_hidden=(6,), seed=1)
    positive = regression.build_regressor(8, n_hidden=(6,),
                                          output_activation="softplus", seed=1)
    assert plain.layers[-1].units == 1
    assert plain.layers[-1].activation.__name__ == "linear"
    assert positive.layers[-1].activation.__name__ == "softplus"
    X = np.random.default_rng(0).normal(size=(200, 8))
    z = keras.ops.convert_to_numpy(plain(X))
    price = keras.ops.convert_to_numpy(positive(X))
    assert z.shape == (200, 1)
    assert (z < 0).any() and (price > 0).all()
    np.testing.assert_allclose(price, np.log1p(np.exp(z)), atol=1e-5)


@pytest.mark.slow
def test_bigger_network_overfits_and_l2_helps(data):
    """규제 없는 큰 MLPRegressor는 과대적합하고 강한 L2 규제가 검증 MSE를 낮추는지 확인한다."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.metrics import mean_squared_error

    (X_train, y_train), (X_valid, y_valid), _ = data
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        for hidden, alpha in [((10,), 10.0), ((50, 50), 0.0), ((50, 50), 1000.0)]:
            net = regression.fit_mlp_regressor(X_train, y_train, hidden, alpha)
            assert net.n_iter_ < net.max_iter
            results.append((mean_squared_error(y_train, net.predict(X_train)),
                            mean_squared_error(y_valid, net.predict(X_valid))))
            if hidden == (10,):  # 페이지의 MLPRegressor와 같은 모델이다
                _, page_mlp = regression.fit_sklearn_regressors(X_train, y_train)
                np.testing.assert_allclose(net.predict(X_valid),
                                           page_mlp.predict(X_valid))
    (small_train, small_valid), (big_train, big_valid) = results[:2]
    l2_train, l2_valid = results[2]
    assert big_train < small_train / 2 and big_valid > small_valid
    assert big_valid - big_train > 5 * (small_valid - small_train)
    assert l2_valid < big_valid and l2_train > big_train


@pytest.mark.parametrize("error", [-3.0, -0.5, 0.5, 3.0])
def test_numerical_gradient_matches_the_formulas(error):
    """중앙 차분으로 구한 세 손실의 그레이디언트가 2e, e의 부호, δ=1로 자른 e인지 확인한다."""
    e = np.array([error])
    exact = {"MSE": 2 * e, "MAE": np.sign(e), "후버": np.clip(e, -1.0, 1.0)}
    for name, loss in regression.LOSSES.items():
        np.testing.assert_allclose(regression.numerical_gradient(loss, e),
                                   exact[name], atol=1e-4)
    # 오차가 3인 샘플은 MSE에서만 오차가 0.5인 샘플보다 6배 세게 당긴다
    grads = regression.numerical_gradient(regression.mse_loss, np.array([0.5, 3.0]))
    assert grads[1] / grads[0] == pytest.approx(6.0)
