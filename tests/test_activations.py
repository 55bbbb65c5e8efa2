"""snippets/activations.py: 활성화 함수, 비선형성, 케라스 XOR 예제가 사실대로 동작하는지 확인한다."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import activations, mlp
from tests.helpers import built_output


def test_the_page_repeats_the_mlp_pages_functions_and_data():
    """이 페이지가 다시 적은 계단 함수, 로지스틱 함수, XOR 데이터가 앞 페이지(mlp.py)와 같은지 확인한다."""
    z = np.linspace(-6, 6, 121)
    np.testing.assert_array_equal(activations.heaviside(z), mlp.heaviside(z))
    np.testing.assert_array_equal(activations.sigmoid(z), mlp.sigmoid(z))
    np.testing.assert_array_equal(activations.XOR_X, mlp.XOR_X)
    np.testing.assert_array_equal(activations.XOR_Y, mlp.XOR_Y)


@pytest.mark.parametrize("name, f, df, _style", activations.ACTIVATIONS,
                         ids=[a[0] for a in activations.ACTIVATIONS])
def test_derivative_matches_central_difference(name, f, df, _style):
    """각 도함수가 꺾이는 점(0)을 피한 곳에서 중앙 차분 수치 미분과 같은지 확인한다."""
    z = np.array([-4.3, -2.0, -0.7, -0.1, 0.1, 0.6, 1.9, 4.4])
    h = 1e-5
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, atol=1e-6)


def test_derivative_maxima_and_tanh_identity():
    """σ′의 최댓값이 0.25, tanh′의 최댓값이 1이고 tanh(z) = 2σ(2z) − 1인지 확인한다."""
    z = np.linspace(-5, 5, 201)
    assert activations.sigmoid_grad(z).max() == pytest.approx(0.25)
    assert z[activations.sigmoid_grad(z).argmax()] == pytest.approx(0)
    assert activations.tanh_grad(z).max() == pytest.approx(1.0)
    np.testing.assert_allclose(np.tanh(z), 2 * activations.sigmoid(2 * z) - 1,
                               atol=1e-12)
    assert activations.heaviside_grad(z).max() == 0  # 계단 함수는 기울기가 없다


def test_relu_and_softplus_values():
    """ReLU = max(0, z), 소프트플러스 = log(1 + e^z)인지 확인한다."""
    z = np.array([-3.0, 0.0, 2.5])
    assert activations.relu(z).tolist() == [0.0, 0.0, 2.5]
    np.testing.assert_allclose(activations.softplus(z), np.log(1 + np.exp(z)))
    assert activations.relu_grad(np.array([-1e-9, 1e-9])).tolist() == [0.0, 1.0]


def test_cross_entropy_keeps_the_gradient_where_mse_loses_it():
    """로지스틱 출력이 자신 있게 틀릴 때 MSE의 그레이디언트는 사라지고 크로스 엔트로피는 남는지 확인한다."""
    for z in np.linspace(-8, 8, 33):
        g = activations.output_gradients(z, 1.0)
        p = activations.sigmoid(z)
        assert np.isclose(g["크로스 엔트로피"], p - 1)
        assert np.isclose(g["MSE"], 2 * (p - 1) * p * (1 - p))
        assert abs(g["MSE"]) <= abs(g["크로스 엔트로피"]) / 2 + 1e-12
    wrong = activations.output_gradients(-8.0, 1.0)
    assert abs(wrong["MSE"]) < 1e-3 < 0.99 < abs(wrong["크로스 엔트로피"])


def test_two_linear_layers_are_one_matrix():
    """활성화 함수 없는 두 층이 W = W1 W2, b = b1 W2 + b2인 한 층과 같은지 확인한다."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 4))
    W1, b1 = rng.normal(size=(4, 6)), rng.normal(size=6)
    W2, b2 = rng.normal(size=(6, 3)), rng.normal(size=3)
    W, b = activations.merge_linear_layers(W1, b1, W2, b2)
    assert W.shape == (4, 3) and b.shape == (3,)
    np.testing.assert_allclose(activations.two_linear_layers(X, W1, b1, W2, b2),
                               X @ W + b)
    with_tanh = activations.two_linear_layers(X, W1, b1, W2, b2, np.tanh)
    assert not np.allclose(with_tanh, X @ W + b)


def test_activation_figure():
    """활성화 함수 그림에 두 패널, 선 다섯 개씩, 범례와 미분 불가능 표시가 있는지 확인한다."""
    z = np.linspace(-5, 5, 201)
    fig = activations.plot_activations(z)
    try:
        ax_f, ax_d = fig.axes
        assert (ax_f.get_title(), ax_d.get_title()) == ("활성화 함수", "도함수")
        assert ax_d.get_xlabel() == "$z$"  # 두 패널이 위아래로 z축을 함께 쓴다
        assert ax_f.get_shared_x_axes().joined(ax_f, ax_d)
        names = ["계단 함수", "로지스틱(σ)", "tanh", "ReLU", "소프트플러스"]
        for ax in (ax_f, ax_d):
            curves = [line for line in ax.get_lines()
                      if not line.get_label().startswith("_")]  # 축선 제외
            assert [line.get_label() for line in curves] == names
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == names
        # 도함수 선은 0에서 끊기고(ReLU′의 점프) 양쪽 값이 0과 1이다
        relu_d = curves[3].get_ydata()
        i0 = int(np.argmin(np.abs(z)))
        assert np.isnan(relu_d[i0])
        assert (relu_d[i0 - 1], relu_d[i0 + 1]) == (0, 1)
        notes = " ".join(t.get_text() for t in ax_d.texts)
        assert "미분할 수 없다" in notes and "ReLU′" in notes
        # ReLU와 소프트플러스가 z 범위 끝까지 보인다(상한이 없다는 것을 가리지 않음)
        assert ax_f.get_ylim()[1] >= activations.softplus(z).max() >= activations.relu(z).max()
        assert "상한 없이" in " ".join(t.get_text() for t in ax_f.texts)
        # 점프는 z = 0의 세로 점선이고, tanh′(0) = 1 자리에는 표시가 없다
        (jump,) = [ln for ln in ax_d.get_lines() if ln.get_gid() == "relu_jump"]
        assert list(jump.get_xdata()) == [0, 0]
        low, high = sorted(jump.get_ydata())
        assert low < 0.5 < high < 1
        (marks,) = [c for c in ax_d.collections if c.get_gid() == "undefined"]
        assert marks.get_offsets().tolist() == [[0, 0]]
        arrow_tip = [t.xy for t in ax_d.texts if "ReLU′" in t.get_text()][0]
        assert abs(arrow_tip[0]) < 0.2 and low < arrow_tip[1] < high
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    finally:
        plt.close(fig)


class _HandModel:
    """계단 함수 XOR 네트워크를 케라스 모델처럼 predict로 부르게 한다."""

    def predict(self, X, batch_size=None, verbose=0):
        return mlp.xor_network(X).astype("float32")[:, None]


def test_decision_regions_figure():
    """결정 영역 그림에 축 이름, 네 점, 범례, 경계선이 있는지 확인한다."""
    fig = activations.plot_decision_regions(_HandModel(), resolution=40)
    try:
        ax = fig.axes[0]
        assert (ax.get_xlabel(), ax.get_ylabel()) == ("$x_1$", "$x_2$")
        zeros, ones = ax.get_lines()
        assert len(zeros.get_xdata()) == 2 and len(ones.get_xdata()) == 2
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["XOR = 0", "XOR = 1"]
        assert len(ax.collections) >= 2  # 채운 영역과 p = 0.5 경계선
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_xor_data_keeps_labels():
    """잡음을 더한 XOR 데이터가 네 점을 복사한 크기와 레이블을 갖는지 확인한다."""
    X, y = activations.make_xor_data(n_copies=10, noise=0.1, seed=1)
    assert X.shape == (40, 2) and y.shape == (40,)
    assert y.tolist() == activations.XOR_Y.tolist() * 10
    assert np.abs(X - np.tile(activations.XOR_X, (10, 1))).max() < 0.6


@pytest.mark.slow
def test_keras_mlp_learns_xor():
    """케라스로 훈련한 MLP의 예측을 반올림하면 [0, 1, 1, 0]이고 손실이 줄었는지 확인한다."""
    X, y = activations.make_xor_data(n_copies=250, noise=0.1, seed=0)
    model, history = activations.train_xor_mlp(X, y, epochs=5, seed=0)
    proba = model.predict(activations.XOR_X, verbose=0).ravel()
    assert proba.round().astype(int).tolist() == [0, 1, 1, 0]
    assert history.history["loss"][-1] < 0.1 < history.history["loss"][0]


def test_the_page_prints_every_result(built_site):
    """페이지에 실린 결과가 모두 출력되는지 확인한다. 공유 빌드가 페이지의 구간을 이미
    실행했으므로(케라스 훈련 포함) 다시 훈련하지 않고 그 출력을 읽는다."""
    out = "".join(built_output(built_site, "activations.md").values())
    assert "반올림한 예측: [0, 1, 1, 0]" in out
    assert "σ′의 최댓값: 0.25" in out and "tanh′의 최댓값: 1.0" in out
    assert out.count("True") == 2 and out.count("False") == 1
    assert "X: (4, 10) → Y: (4, 3)" in out and "파라미터 수: 703" in out
    assert "z = -5.0, p̂ = 0.007: MSE -0.013, 크로스 엔트로피 -0.993" in out


# 연습 문제 -------------------------------------------------------------------


def test_ex1_step_has_no_gradient_but_logistic_does():
    """가중치를 조금 바꾸면 계단 함수 네트워크는 그대로이고 로지스틱 네트워크는 바뀌는지 확인한다."""
    z = np.linspace(-30, 30, 601)
    assert (activations.sigmoid_grad(z) > 0).all()  # 어디서나 0보다 크다
    assert (activations.heaviside_grad(z) == 0).all()
    X, eps = mlp.XOR_X, 1e-3
    for activation, changes in [(activations.heaviside, False),
                               (activations.sigmoid, True)]:
        before = mlp.xor_network(X, activation)
        saved = mlp.B_OUTPUT
        try:
            mlp.B_OUTPUT = saved + eps  # 출력 뉴런의 편향을 살짝 옮긴다
            after = mlp.xor_network(X, activation)
        finally:
            mlp.B_OUTPUT = saved
        assert (not np.array_equal(before, after)) == changes


def test_ex2_activation_table_facts():
    """σ′(0) = 0.25, tanh′(0) = 1, ReLU′가 음수에서 0, 양수에서 1인지 확인한다."""
    z = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    table = activations.activation_table(z)
    assert list(table) == ["로지스틱", "tanh", "ReLU"]
    (s, ds), (t, dt), (r, dr) = table.values()
    assert ds[2] == 0.25 and dt[2] == 1.0
    assert dr[:2].tolist() == [0, 0] and dr[3:].tolist() == [1, 1]
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(t, np.tanh(z))
    assert r.tolist() == [0, 0, 0, 0.5, 3.0]
    assert (ds <= 0.25).all() and (dt <= 1).all()


def test_ex3_keras_mlp_shapes_and_equation():
    """10-50-3 ReLU MLP의 가중치 모양, Y의 모양, Y = ReLU(ReLU(XW_h + b_h)W_o + b_o)를 확인한다."""
    net = activations.build_exercise_mlp(seed=0)
    (W_h, b_h), (W_o, b_o) = (layer.get_weights() for layer in net.layers)
    assert (W_h.shape, b_h.shape, W_o.shape, b_o.shape) == (
        (10, 50), (50,), (50, 3), (3,))
    X = np.random.default_rng(0).normal(size=(7, 10)).astype("float32")
    Y = net(X).numpy()
    assert Y.shape == (7, 3)
    assert (Y >= 0).all()  # 출력층도 ReLU
    np.testing.assert_allclose(
        Y, activations.relu(activations.relu(X @ W_h + b_h) @ W_o + b_o), atol=1e-5)
    assert net.count_params() == 703
    assert [layer.activation.__name__ for layer in net.layers] == ["relu"] * 2
