"""snippets/mlp.py: 다층 퍼셉트론과 역전파 예제가 사실대로 동작하는지 확인한다."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from snippets import mlp


def test_hand_set_xor_network_is_exact():
    """손으로 정한 가중치와 계단 함수의 MLP가 정확히 [0, 1, 1, 0]을 내는지 확인한다."""
    out = mlp.xor_network(mlp.XOR_X)
    assert out.tolist() == [0, 1, 1, 0]
    assert out.tolist() == mlp.XOR_Y.tolist()


def test_hidden_units_are_and_and_or():
    """은닉 뉴런 두 개가 각각 AND와 OR로 동작하는지 확인한다."""
    hidden = mlp.heaviside(mlp.XOR_X @ mlp.W_HIDDEN + mlp.B_HIDDEN)
    assert hidden[:, 0].tolist() == [0, 0, 0, 1]  # AND
    assert hidden[:, 1].tolist() == [0, 1, 1, 1]  # OR


def test_same_weights_with_sigmoid_do_not_classify():
    """같은 가중치에 로지스틱 함수를 쓰면 네 출력이 모두 0.5 아래인지 확인한다."""
    out = mlp.xor_network(mlp.XOR_X, activation=mlp.sigmoid)
    np.testing.assert_allclose(out, [0.424, 0.437, 0.437, 0.424], atol=5e-4)
    assert (out < 0.5).all()


@pytest.mark.parametrize("shape, seed", [((2, 2, 1), 42), ((3, 4, 2), 0)])
def test_manual_gradients_equal_gradient_tape(shape, seed):
    """손으로 구한 역전파 그레이디언트가 GradientTape의 값과 1e-6 안에서 같은지 확인한다."""
    n_inputs, n_hidden, n_outputs = shape
    rng = np.random.default_rng(seed + 1)
    X = rng.normal(size=(5, n_inputs))
    y = rng.uniform(size=(5, n_outputs))
    params = mlp.init_params(n_inputs, n_hidden, n_outputs, seed=seed)
    grads = mlp.backward(y, params, mlp.forward(X, params))
    tape = mlp.tape_gradients(X, y, params)
    assert grads.keys() == params.keys() == tape.keys()
    for name in params:
        assert grads[name].shape == params[name].shape
        np.testing.assert_allclose(grads[name], tape[name], rtol=0, atol=1e-6)
        assert np.abs(grads[name]).max() > 1e-6  # 0끼리 비교한 것이 아니다


def test_gradient_descent_steps_lower_the_loss():
    """경사 하강법 스텝을 밟을 때마다 손실이 줄어드는지 확인한다."""
    X = np.array([[0.0, 1.0], [1.0, 1.0]])
    y = np.array([[1.0], [0.0]])
    params = mlp.init_params(seed=42)
    losses = []
    for _ in range(5):
        cache = mlp.forward(X, params)
        losses.append(mlp.mse(cache["y_hat"], y))
        params = mlp.gradient_descent_step(
            params, mlp.backward(y, params, cache), learning_rate=1.0)
    assert all(b < a for a, b in zip(losses, losses[1:]))


def test_random_init_breaks_symmetry():
    """무작위 초기화로 은닉 뉴런들의 가중치가 서로 다르고 시드로 재현되는지 확인한다."""
    a = mlp.init_params(seed=7)
    b = mlp.init_params(seed=7)
    assert not np.allclose(a["W1"][:, 0], a["W1"][:, 1])
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


@pytest.mark.parametrize("name, f, df, _style", mlp.ACTIVATIONS,
                         ids=[a[0] for a in mlp.ACTIVATIONS])
def test_derivative_matches_central_difference(name, f, df, _style):
    """각 도함수가 꺾이는 점(0)을 피한 곳에서 중앙 차분 수치 미분과 같은지 확인한다."""
    z = np.array([-4.3, -2.0, -0.7, -0.1, 0.1, 0.6, 1.9, 4.4])
    h = 1e-5
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, atol=1e-6)


def test_derivative_maxima_and_tanh_identity():
    """σ′의 최댓값이 0.25, tanh′의 최댓값이 1이고 tanh(z) = 2σ(2z) − 1인지 확인한다."""
    z = np.linspace(-5, 5, 201)
    assert mlp.sigmoid_grad(z).max() == pytest.approx(0.25)
    assert z[mlp.sigmoid_grad(z).argmax()] == pytest.approx(0)
    assert mlp.tanh_grad(z).max() == pytest.approx(1.0)
    np.testing.assert_allclose(np.tanh(z), 2 * mlp.sigmoid(2 * z) - 1,
                               atol=1e-12)
    assert mlp.heaviside_grad(z).max() == 0  # 계단 함수는 기울기가 없다


def test_relu_and_softplus_values():
    """ReLU = max(0, z), 소프트플러스 = log(1 + e^z)인지 확인한다."""
    z = np.array([-3.0, 0.0, 2.5])
    assert mlp.relu(z).tolist() == [0.0, 0.0, 2.5]
    np.testing.assert_allclose(mlp.softplus(z), np.log(1 + np.exp(z)))
    assert mlp.relu_grad(np.array([-1e-9, 1e-9])).tolist() == [0.0, 1.0]


def test_two_linear_layers_are_one_matrix():
    """활성화 함수 없는 두 층이 W = W1 W2, b = b1 W2 + b2인 한 층과 같은지 확인한다."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 4))
    W1, b1 = rng.normal(size=(4, 6)), rng.normal(size=6)
    W2, b2 = rng.normal(size=(6, 3)), rng.normal(size=3)
    W, b = mlp.merge_linear_layers(W1, b1, W2, b2)
    assert W.shape == (4, 3) and b.shape == (3,)
    np.testing.assert_allclose(mlp.two_linear_layers(X, W1, b1, W2, b2),
                               X @ W + b)
    with_tanh = mlp.two_linear_layers(X, W1, b1, W2, b2, np.tanh)
    assert not np.allclose(with_tanh, X @ W + b)


def test_activation_figure():
    """활성화 함수 그림에 두 패널, 선 다섯 개씩, 범례와 미분 불가능 표시가 있는지 확인한다."""
    z = np.linspace(-5, 5, 201)
    fig = mlp.plot_activations(z)
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
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 2, 1], [3, 5, 4, 2]])
def test_network_diagram_counts(sizes):
    """구조도의 뉴런 원, 편향 뉴런, 연결선 수가 층 크기와 맞는지 확인한다."""
    fig = mlp.plot_network(sizes)
    try:
        ax = fig.axes[0]
        circles = [p for p in ax.patches if isinstance(p, Circle)]
        n_bias = len(sizes) - 1  # 출력층을 뺀 모든 층에 하나씩
        assert len(circles) == sum(sizes) + n_bias
        assert sum(c.get_linestyle() == "--" for c in circles) == n_bias
        (lines,) = [c for c in ax.collections if isinstance(c, LineCollection)]
        n_links = sum((a + 1) * b for a, b in zip(sizes, sizes[1:]))
        assert len(lines.get_segments()) == n_links
        texts = [t.get_text() for t in ax.texts]
        for name in mlp.layer_names(len(sizes)):
            assert name in texts
        assert "하위 층" in texts and "상위 층" in texts
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["입력 뉴런(통과)", "은닉 뉴런", "출력 뉴런", "편향 뉴런"]
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_layer_names():
    """층 이름이 입력층, 은닉층(번호), 출력층 순서인지 확인한다."""
    assert mlp.layer_names(3) == ["입력층", "은닉층", "출력층"]
    assert mlp.layer_names(4) == ["입력층", "은닉층 1", "은닉층 2", "출력층"]


class _HandModel:
    """계단 함수 XOR 네트워크를 케라스 모델처럼 predict로 부르게 한다."""

    def predict(self, X, batch_size=None, verbose=0):
        return mlp.xor_network(X).astype("float32")[:, None]


def test_decision_regions_figure():
    """결정 영역 그림에 축 이름, 네 점, 범례, 경계선이 있는지 확인한다."""
    fig = mlp.plot_decision_regions(_HandModel(), resolution=40)
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
    X, y = mlp.make_xor_data(n_copies=10, noise=0.1, seed=1)
    assert X.shape == (40, 2) and y.shape == (40,)
    assert y.tolist() == mlp.XOR_Y.tolist() * 10
    assert np.abs(X - np.tile(mlp.XOR_X, (10, 1))).max() < 0.6


@pytest.mark.slow
def test_keras_mlp_learns_xor():
    """케라스로 훈련한 MLP의 예측을 반올림하면 [0, 1, 1, 0]이고 손실이 줄었는지 확인한다."""
    X, y = mlp.make_xor_data(n_copies=250, noise=0.1, seed=0)
    model, history = mlp.train_xor_mlp(X, y, epochs=5, seed=0)
    proba = model.predict(mlp.XOR_X, verbose=0).ravel()
    assert proba.round().astype(int).tolist() == [0, 1, 1, 0]
    assert history.history["loss"][-1] < 0.1 < history.history["loss"][0]


@pytest.mark.slow
def test_main_prints_every_result(capsys):
    """main()이 페이지에 실릴 결과를 모두 출력하는지 확인한다."""
    mlp.main()
    plt.close("all")
    out = capsys.readouterr().out
    assert "계단 함수 MLP의 출력: [0, 1, 1, 0]" in out
    assert "반올림한 예측: [0, 1, 1, 0]" in out
    assert "σ′의 최댓값: 0.25" in out and "tanh′의 최댓값: 1.0" in out
    assert out.count("True") == 2 and out.count("False") == 1
