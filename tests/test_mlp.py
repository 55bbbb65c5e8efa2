"""snippets/mlp.py: 다층 퍼셉트론과 역전파 예제가 사실대로 동작하는지 확인한다."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from snippets import mlp
from tests.helpers import built_output


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
    """경사 하강법 단계를 밟을 때마다 손실이 줄어드는지 확인한다."""
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


def test_the_page_prints_every_result(built_site):
    """페이지에 실린 결과가 모두 출력되는지 확인한다. 공유 빌드가 페이지의 구간을 이미
    실행했으므로 다시 계산하지 않고 그 출력을 읽는다."""
    out = "".join(built_output(built_site, "mlp.md").values())
    assert "계단 함수 MLP의 출력: [0, 1, 1, 0]" in out
    assert "가중치와 편향 ×10, 로지스틱 함수: [0.007 0.992 0.992 0.007]" in out
    assert "로지스틱 함수: 평면 전체의 출력 0.403 ~ 0.437" in out
    assert "무작위로 시작한 예측: [0, 1, 1, 0]" in out
    assert "GradientTape와의 최대 절댓값 차이" in out


# 그림: XOR 네트워크, 세 활성화 함수의 결정 영역, 계산 그래프 ---------------


def _weight_labels(fig):
    return [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "weight"]


def test_xor_network_figure_shows_the_code_weights():
    """XOR 네트워크 그림의 연결 숫자가 xor_network()의 상수와 같은지 확인한다."""
    expected = [*mlp.W_HIDDEN[:, 0], mlp.B_HIDDEN[0],
                *mlp.W_HIDDEN[:, 1], mlp.B_HIDDEN[1],
                *mlp.W_OUTPUT, mlp.B_OUTPUT]
    fig = mlp.plot_xor_network()
    try:
        assert _weight_labels(fig) == [f"{w:g}" for w in expected]
        assert sorted(_weight_labels(fig)) == sorted(
            ["1", "1", "-1.5", "1", "1", "-0.5", "-1", "1", "-0.5"])
        ax = fig.axes[0]
        circles = [p for p in ax.patches if isinstance(p, Circle)]
        assert len(circles) == 7  # 입력 2, 은닉 2, 출력 1, 편향 뉴런 2
        assert sum(c.get_linestyle() == "--" for c in circles) == 2
        arrows = [p for p in ax.patches if not isinstance(p, Circle)]
        assert len(arrows) == 9  # (2 + 1) × 2 + (2 + 1) × 1
        texts = [t.get_text() for t in ax.texts]
        for word in ["AND", "OR", "XOR", "입력층", "은닉층", "출력층"]:
            assert word in texts
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_xor_network_figure_follows_other_weights():
    """다른 가중치를 넘기면 그림의 숫자도 그 가중치로 바뀌는지 확인한다."""
    fig = mlp.plot_xor_network(w_hidden=np.array([[2.0, 3.0], [4.0, 5.0]]),
                               b_hidden=np.array([-6.0, -7.0]),
                               w_output=np.array([8.0, -9.0]),
                               b_output=0.25)
    try:
        assert _weight_labels(fig) == ["2", "4", "-6", "3", "5", "-7",
                                       "8", "-9", "0.25"]
    finally:
        plt.close(fig)


def test_xor_network_edges_rebuild_the_network():
    """연결 목록만으로 다시 계산한 네트워크가 xor_network()와 같은 값을 내는지 확인한다."""
    values = {"x1": mlp.XOR_X[:, 0], "x2": mlp.XOR_X[:, 1],
              "bias1": 1.0, "bias2": 1.0}
    edges = mlp.xor_network_edges()
    for layer in (["h1", "h2"], ["out"]):
        for target in layer:
            z = sum(w * values[src] for src, dst, w in edges if dst == target)
            values[target] = mlp.heaviside(z)
    assert values["out"].tolist() == mlp.xor_network(mlp.XOR_X).tolist()
    assert values["h1"].tolist() == [0, 0, 0, 1]  # AND
    assert values["h2"].tolist() == [0, 1, 1, 1]  # OR


def test_steep_sigmoid_is_the_network_with_ten_times_the_weights():
    """σ(10z)를 쓴 네트워크가 가중치와 편향을 10배 한 로지스틱 네트워크와 같은지 확인한다."""
    X = mlp.XOR_X
    hidden = mlp.sigmoid(X @ (10 * mlp.W_HIDDEN) + 10 * mlp.B_HIDDEN)
    scaled = mlp.sigmoid(hidden @ (10 * mlp.W_OUTPUT) + 10 * mlp.B_OUTPUT)
    out = mlp.xor_network(X, activation=mlp.steep_sigmoid)
    np.testing.assert_allclose(out, scaled)
    assert out.round().astype(int).tolist() == [0, 1, 1, 0]
    assert mlp.steep_sigmoid(np.array([0.1]), k=1) == mlp.sigmoid(0.1)


def test_logistic_network_never_reaches_one_half_on_the_plane():
    """같은 가중치의 로지스틱 네트워크는 평면 어디에서도 0.5에 못 미치는지 확인한다."""
    _, _, step = mlp.xor_output_grid(mlp.heaviside, resolution=30)
    _, _, smooth = mlp.xor_output_grid(mlp.sigmoid, resolution=30)
    _, _, steep = mlp.xor_output_grid(mlp.steep_sigmoid, resolution=30)
    assert set(np.unique(step)) == {0.0, 1.0}
    assert smooth.max() < 0.5
    assert steep.min() < 0.5 < steep.max()
    assert len(np.unique(steep.round(3))) > 2  # 0과 1 사이 값이 있다


def test_activation_regions_figure_panels():
    """결정 영역 그림이 세 패널이고 0.5 경계선이 계단 함수와 ×10 패널에만 있는지 확인한다."""
    fig = mlp.plot_activation_regions(resolution=40)
    try:
        *panels, colorbar = fig.axes
        assert [ax.get_title() for ax in panels] == [
            title for title, _ in mlp.REGION_PANELS]
        assert len(panels) == 3
        for ax in panels:
            zeros, ones = ax.get_lines()
            assert len(zeros.get_xdata()) == 2 and len(ones.get_xdata()) == 2
            assert ax.get_ylabel() == "$x_2$"
        assert panels[-1].get_xlabel() == "$x_1$"
        assert colorbar.get_xlabel() == "출력"

        def boundary_sets(ax):  # 선 하나짜리 p = 0.5 등고선
            return [c for c in ax.collections
                    if hasattr(c, "levels") and list(c.levels) == [0.5]]
        assert [len(boundary_sets(ax)) for ax in panels] == [1, 0, 1]
        note = " ".join(t.get_text() for t in panels[1].texts)
        assert "경계 없음" in note and "< 0.5" in note
        legend = [t.get_text() for t in fig.legends[0].get_texts()]
        assert legend == ["XOR = 0", "XOR = 1"]
        assert fig.get_size_inches()[0] <= 5
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_backprop_graph_structure():
    """계산 그래프에 모든 노드, 정방향 화살표 8개, 역방향 화살표 6개가 있는지 확인한다."""
    fig = mlp.plot_backprop_graph()
    try:
        ax = fig.axes[0]
        nodes = {t.get_gid(): t.get_text() for t in ax.texts
                 if t.get_gid() in mlp.GRAPH_NODES}
        assert nodes.keys() == mlp.GRAPH_NODES.keys()
        assert r"\sigma(\mathbf{Z}_1)" in nodes["A1"]
        assert r"\sigma(\mathbf{Z}_2)" in nodes["y_hat"]
        arrows = [t.get_gid() for t in ax.texts
                  if t.get_gid() in ("forward", "backward")]
        assert arrows.count("forward") == len(mlp.FORWARD_EDGES) == 8
        assert arrows.count("backward") == len(mlp.BACKWARD_EDGES) == 6
        # 역방향 화살표는 모두 정방향 연결 하나를 거꾸로 거슬러 간다
        for a, b, _ in mlp.BACKWARD_EDGES:
            assert (b, a) in mlp.FORWARD_EDGES
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend == ["정방향 계산", "역방향 계산"]
        assert fig.get_size_inches()[0] <= 5
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_backprop_graph_formulas_match_the_page():
    """계산 그래프의 그레이디언트 식이 페이지의 식(δ₂, δ₁, Aᵀδ, Xᵀδ)과 같은지 확인한다."""
    fig = mlp.plot_backprop_graph()
    try:
        labels = " ".join(t.get_text() for t in fig.axes[0].texts
                          if t.get_gid() == "gradient")
    finally:
        plt.close(fig)
    for formula in [r"\boldsymbol{\delta}_2 = ",
                    r"\boldsymbol{\delta}_1 = ",
                    r"\mathbf{W}_2 = \mathbf{A}_1^\top\boldsymbol{\delta}_2",
                    r"\mathbf{W}_1 = \mathbf{X}^\top\boldsymbol{\delta}_1",
                    r"\boldsymbol{\delta}_2\mathbf{W}_2^\top",
                    r"\sum_i\boldsymbol{\delta}_1^{(i)}",
                    r"2(\hat{\mathbf{y}} - \mathbf{y})/m"]:
        assert formula in labels


def test_backprop_graph_gradients_are_numerically_right():
    """그래프의 식대로 계산한 ∂L/∂W₂와 ∂L/∂W₁이 backward()의 값과 같은지 확인한다."""
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(6, 2)), rng.uniform(size=(6, 1))
    params = mlp.init_params(seed=5)
    cache = mlp.forward(X, params)
    y_hat, a1 = cache["y_hat"], cache["a1"]
    d_y_hat = 2 * (y_hat - y) / len(y)                   # ∂L/∂ŷ = 2(ŷ − y)/m
    delta2 = d_y_hat * y_hat * (1 - y_hat)               # δ₂
    delta1 = (delta2 @ params["W2"].T) * a1 * (1 - a1)   # δ₁
    grads = mlp.backward(y, params, cache)
    np.testing.assert_allclose(grads["W2"], a1.T @ delta2)
    np.testing.assert_allclose(grads["W1"], X.T @ delta1)
    np.testing.assert_allclose(grads["b1"], delta1.sum(axis=0))


# 연습 문제 -------------------------------------------------------------------


def test_ex1_backprop_step_is_autodiff_plus_gradient_descent():
    """역전파 한 단계가 GradientTape의 그레이디언트로 밟은 경사 하강법 단계와 같은지 확인한다."""
    y = mlp.XOR_Y.reshape(-1, 1).astype(float)
    params = mlp.init_params(seed=3)
    one_step = mlp.train_steps(mlp.XOR_X, y, params, n_steps=1,
                               learning_rate=0.5)
    tape = mlp.tape_gradients(mlp.XOR_X, y, params)
    by_hand = mlp.gradient_descent_step(params, tape, learning_rate=0.5)
    for name in params:
        np.testing.assert_allclose(one_step[name], by_hand[name], atol=1e-12)
        assert not np.allclose(one_step[name], params[name])


def test_ex2_equal_init_keeps_hidden_units_identical():
    """같은 값으로 초기화하면 두 은닉 뉴런이 끝까지 같고 XOR을 못 푸는지 확인한다."""
    y = mlp.XOR_Y.reshape(-1, 1).astype(float)
    same = mlp.train_steps(mlp.XOR_X, y, mlp.constant_params(0.3))
    np.testing.assert_allclose(same["W1"][:, 0], same["W1"][:, 1])
    np.testing.assert_allclose(same["b1"][0], same["b1"][1])
    pred = mlp.forward(mlp.XOR_X, same)["y_hat"].ravel().round()
    assert pred.tolist() != [0, 1, 1, 0]
    rand = mlp.train_steps(mlp.XOR_X, y, mlp.init_params(seed=42))
    assert not np.allclose(rand["W1"][:, 0], rand["W1"][:, 1])
    pred = mlp.forward(mlp.XOR_X, rand)["y_hat"].ravel().round()
    assert pred.tolist() == [0, 1, 1, 0]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_cross_entropy_gradient_is_p_minus_y(seed):
    """소프트맥스 + 크로스 엔트로피의 ∂J/∂Z가 (p̂ − y)/m이고 GradientTape와 같은지 확인한다."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(scale=3.0, size=(5, 4))
    Y = np.eye(4)[rng.integers(0, 4, size=5)]
    P = mlp.softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    by_hand = mlp.softmax_ce_grad(Z, Y)
    np.testing.assert_allclose(by_hand, (P - Y) / 5)
    np.testing.assert_allclose(by_hand, mlp.tape_softmax_ce_grad(Z, Y),
                               rtol=0, atol=1e-14)
    # 정답 클래스의 그레이디언트만 음수다(그쪽 점수를 올린다)
    assert ((by_hand < 0) == (Y == 1)).all()
    # 원-핫 정답의 엔트로피가 0이므로 크로스 엔트로피 = KL 발산
    kl = np.mean(np.sum(np.where(Y > 0, Y * np.log(np.where(Y > 0, Y, 1) / P),
                                 0.0), axis=1))
    assert np.isclose(mlp.cross_entropy(P, Y), kl)
