"""snippets/perceptron.py: 퍼셉트론 예제가 교재의 사실대로 동작하는지 확인한다."""

import numpy as np
import pytest
from sklearn.linear_model import Perceptron

from snippets import perceptron


@pytest.fixture(scope="module")
def data():
    return perceptron.load_data()


@pytest.fixture(scope="module")
def per_clf(data):
    return perceptron.fit_perceptron(*data)


def test_data_is_petal_features_and_setosa_target(data):
    """꽃잎 두 특성과 세토사(50개) 이진 타깃을 불러오는지 확인한다."""
    X, y = data
    assert X.shape == (150, 2)
    assert set(np.unique(y)) == {0, 1}
    assert y.sum() == 50
    # 세토사의 꽃잎은 다른 두 품종보다 모두 짧다
    assert X[y == 1, 0].max() < X[y == 0, 0].min()


def test_perceptron_learns_the_book_weights(per_clf, data):
    """random_state=42에서 교재와 같은 가중치·편향·에포크 수를 얻는지 확인한다."""
    np.testing.assert_allclose(per_clf.coef_, [[-1.4, -2.2]])
    np.testing.assert_allclose(per_clf.intercept_, [4.0])
    assert per_clf.n_iter_ == 7
    assert per_clf.score(*data) == 1.0


def test_predictions_for_new_flowers(per_clf):
    """작은 꽃은 세토사, 큰 꽃은 세토사가 아니라고 예측하는지 확인한다."""
    assert per_clf.predict([[2, 0.5], [3, 1]]).tolist() == [1, 0]


def test_boundary_hugs_setosa(per_clf, data):
    """경계가 세토사 쪽에 훨씬 가깝다는 페이지의 설명이 맞는지 확인한다."""
    X, y = data
    z = per_clf.decision_function(X)
    assert 0 < z[y == 1].min() < 1
    assert z[y == 0].max() < -2


@pytest.mark.parametrize("z, expected", [
    (np.array([-2.0, -1e-9, 0.0, 3.0]), [0, 0, 1, 1]),
])
def test_heaviside(z, expected):
    """헤비사이드 계단 함수가 0에서 1을 내는지 확인한다."""
    assert perceptron.heaviside(z).tolist() == expected


def test_rule_from_scratch_equals_sklearn_without_shuffle(data):
    """직접 구현한 학습 규칙이 shuffle=False인 사이킷런과 같은 가중치를 내는지 확인한다."""
    X, y = data
    w, b, n_epochs = perceptron.fit_perceptron_rule(X, y)
    ref = Perceptron(shuffle=False).fit(X, y)
    np.testing.assert_allclose(w, ref.coef_[0])
    assert b == pytest.approx(ref.intercept_[0])
    assert (perceptron.heaviside(X @ w + b) == y).all()
    # 사이킷런은 손실이 줄지 않는 에포크를 5번 더 기다린다
    assert ref.n_iter_ == n_epochs + 5


def test_rule_converges_only_when_separable():
    """구분되지 않는 XOR 데이터에서는 최대 에포크까지 돌고도 틀리는지 확인한다."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    w, b, n_epochs = perceptron.fit_perceptron_rule(X, y, max_epochs=20)
    assert n_epochs == 20
    assert (perceptron.heaviside(X @ w + b) != y).any()


def test_sgd_classifier_is_the_same_model(per_clf, data):
    """같은 설정의 SGDClassifier가 Perceptron과 똑같은 가중치를 내는지 확인한다."""
    sgd = perceptron.fit_sgd_perceptron(*data)
    np.testing.assert_array_equal(sgd.coef_, per_clf.coef_)
    np.testing.assert_array_equal(sgd.intercept_, per_clf.intercept_)


def test_decision_boundary_figure(per_clf, data):
    """그림에 한글 축 이름, 경계선, 두 클래스의 점, 범례가 있는지 확인한다."""
    import matplotlib.pyplot as plt

    X, y = data
    fig = perceptron.plot_decision_boundary(per_clf, X, y)
    try:
        ax = fig.axes[0]
        assert ax.get_xlabel() == "꽃잎 길이 (cm)"
        assert ax.get_ylabel() == "꽃잎 너비 (cm)"
        assert ax.get_xlim() == (0, 5) and ax.get_ylim() == (0, 2)
        labels = [line.get_label() for line in ax.get_lines()]
        assert labels == ["결정 경계", "세토사 아님", "세토사"]
        boundary, others, setosa = ax.get_lines()
        assert len(setosa.get_xdata()) == 50 and len(others.get_xdata()) == 100
        # 경계선 위의 점은 z = 0 이다
        xs, ys = boundary.get_data()
        np.testing.assert_allclose(
            per_clf.decision_function(np.c_[xs, ys]), 0, atol=1e-9)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == labels
        assert ax.collections, "결정 영역(contourf)이 없다"
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    finally:
        plt.close(fig)


def test_main_prints_every_result(capsys):
    """main()이 페이지에 실릴 결과를 모두 출력하는지 확인한다."""
    import matplotlib.pyplot as plt

    perceptron.main()
    plt.close("all")
    out = capsys.readouterr().out
    assert "훈련 세트 정확도: 1.0" in out
    assert out.count("True") == 2
    assert "predict_proba가 있는가? False" in out
    assert "XOR 훈련 정확도: 0.5" in out
    assert "시드 100개 중 최고 정확도: 0.75" in out
    # 연습 문제의 답
    assert "z >= 0이면 1: (0, 0)에 1을 낸 TLU 1000개, AND를 계산한 TLU 0개" in out
    assert "z > 0이면 1: (0, 0)에 1을 낸 TLU 0개, AND를 계산한 TLU 0개" in out
    assert "2번째 에포크, 샘플 0: z -4.86 → -1.86 (여전히 틀린 쪽)" in out
    assert "손으로 갱신 - 가중치: [-4.7 -1.4] 편향: -1.0" in out
    assert "fit_perceptron_rule - 가중치: [-4.7 -1.4] 편향: -1.0" in out
    assert "XOR: 100번째 에포크에서 멈춤" in out
    assert out.count("맞힌 점 4/4") == 3
    assert out.count("훈련 세트 정확도: 1.0") == 2


def test_sign_function():
    """부호 함수가 음수에 -1, 0에 0, 양수에 1을 내는지 확인한다."""
    z = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    assert perceptron.sign(z).tolist() == [-1, -1, 0, 1, 1]
    assert perceptron.heaviside(z).tolist() == [0, 0, 1, 1, 1]


def test_layer_is_one_step_of_xw_plus_b():
    """TLU 층이 step(XW + b)를 계산해 AND·OR·NAND 세 출력을 동시에 내는지 확인한다."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    W = np.array([[1.0, 1.0, -1.0], [1.0, 1.0, -1.0]])
    b = np.array([-1.5, -0.5, 1.5])
    Y = perceptron.perceptron_layer(X, W, b)
    assert Y.shape == (4, 3)
    assert Y.T.tolist() == [[0, 0, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0]]
    # 열 j는 가중치 벡터 W[:, j]를 가진 TLU 하나와 같다
    for j in range(3):
        z = X @ W[:, j] + b[j]
        assert Y[:, j].tolist() == perceptron.heaviside(z).tolist()


def test_perceptron_gives_no_probabilities_logistic_does(data):
    """퍼셉트론에는 확률이 없고, 로지스틱 회귀는 새 꽃의 세토사 확률을 주는지 확인한다."""
    X, y = data
    per_clf = perceptron.fit_perceptron(X, y)
    assert not hasattr(per_clf, "predict_proba")
    assert per_clf.get_params()["penalty"] is None
    log_reg = perceptron.fit_logistic_regression(X, y)
    proba = log_reg.predict_proba([[2, 0.5], [3, 1]])[:, 1]
    assert proba[0] > 0.8 and proba[1] < 0.5
    np.testing.assert_allclose(log_reg.predict_proba(X).sum(axis=1), 1)


def test_perceptron_fails_on_xor():
    """시드를 바꿔 훈련해도 퍼셉트론이 XOR 네 점을 모두 맞히지 못하는지 확인한다."""
    X, y = perceptron.load_xor()
    assert y.tolist() == [0, 1, 1, 0]
    assert perceptron.fit_perceptron(X, y).score(X, y) == 0.5
    # 직선 하나로는 많아야 세 점
    assert perceptron.best_accuracy_over_seeds(X, y, range(30)) <= 0.75


def _gids(ax, gid):
    return [p for p in ax.patches if p.get_gid() == gid]


@pytest.mark.parametrize("n_inputs", [2, 3, 4])
def test_tlu_figure(n_inputs):
    """TLU 그림에 입력 원, 가중치 화살표, 가중치 합·계단 함수·출력과 두 식이 있는지 확인한다."""
    import matplotlib.pyplot as plt

    fig = perceptron.plot_tlu(n_inputs)
    try:
        ax = fig.axes[0]
        assert fig.get_figwidth() <= 5
        assert len(_gids(ax, "input")) == n_inputs
        assert len(_gids(ax, "weight")) == n_inputs  # 입력마다 가중치 하나
        for gid in ["weighted_sum", "step_box", "z", "output", "tlu"]:
            assert len(_gids(ax, gid)) == 1, gid
        assert [line.get_gid() for line in ax.get_lines()] == ["step_curve"]
        texts = [t.get_text() for t in ax.texts]
        for i in range(1, n_inputs + 1):
            assert f"$x_{i}$" in texts and f"$w_{i}$" in texts
        for label in ["가중치 합", "계단 함수", "출력", "TLU", "입력"]:
            assert label in texts
        (formula,) = [t.get_text() for t in ax.texts
                      if t.get_gid() == "formula"]
        assert f"w_{n_inputs} x_{n_inputs} + b" in formula
        assert r"\mathbf{x}^\top \mathbf{w} + b" in formula
        assert r"\mathrm{step}(z)" in formula
        assert min(t.get_fontsize() for t in ax.texts) >= 10
        fig.canvas.draw()  # 한글 글리프가 없으면 경고 → 오류(pytest.ini)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("n_inputs, n_outputs", [(2, 3), (3, 2), (1, 1)])
def test_perceptron_figure(n_inputs, n_outputs):
    """퍼셉트론 그림의 뉴런 원, 편향 뉴런, 연결 수와 층 이름이 맞는지 확인한다."""
    import matplotlib.pyplot as plt

    fig = perceptron.plot_perceptron(n_inputs, n_outputs)
    try:
        ax = fig.axes[0]
        assert fig.get_figwidth() <= 5
        assert len(_gids(ax, "input")) == n_inputs
        (bias,) = _gids(ax, "bias")
        assert bias.get_linestyle() == "--"
        assert len(_gids(ax, "tlu")) == n_outputs
        # 완전 연결: 입력 뉴런과 편향 뉴런 하나하나가 모든 TLU로
        assert len(_gids(ax, "weight")) == n_inputs * n_outputs
        assert len(_gids(ax, "bias_weight")) == n_outputs
        assert len(_gids(ax, "output")) == n_outputs
        assert len(ax.get_lines()) == n_outputs  # TLU마다 계단 모양
        texts = [t.get_text() for t in ax.texts]
        assert "1" in texts  # 편향 뉴런은 늘 1을 낸다
        for label in ["입력층", "출력층", "출력", "입력 뉴런\n(통과)"]:
            assert label in texts
        (bias_label,) = [t for t in ax.texts if t.get_gid() == "bias_label"]
        assert bias_label.get_text().startswith("편향 뉴런")
        assert bias_label.get_position()[1] == bias.center[1]
        for i in range(1, n_inputs + 1):
            assert f"$x_{i}$" in texts
        for j in range(1, n_outputs + 1):
            assert rf"$\hat{{y}}_{j}$" in texts
        assert min(t.get_fontsize() for t in ax.texts) >= 10
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_tlu_without_bias_outputs_one_at_the_origin():
    """편향이 0인 TLU는 가중치와 상관없이 (0, 0)에 1을 내 AND가 될 수 없는지 확인한다."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    W = np.random.default_rng(0).normal(size=(2, 50))
    Y = perceptron.perceptron_layer(X, W, np.zeros(50))
    assert (Y[0] == 1).all()
    # 편향이 음수면 (0, 0)에 0을 낼 수 있다: 페이지의 AND TLU
    and_tlu = perceptron.perceptron_layer(X, np.ones((2, 1)), np.array([-1.5]))
    assert and_tlu[:, 0].tolist() == [0, 0, 0, 1]


def test_one_update_by_hand(data):
    """0에서 시작해 음성 샘플 X[50] 하나로 갱신하면 w = -x, b = -1이 되는지 확인한다."""
    X, y = data
    assert y[50] == 0
    w, b, n_epochs = perceptron.fit_perceptron_rule(X[50:51], y[50:51],
                                                    max_epochs=1)
    np.testing.assert_allclose(w, -X[50])
    assert b == -1.0 and n_epochs == 1
    assert X[50] @ w + b < 0  # 갱신 뒤에는 음성으로 맞힌다
    # 양성 샘플이면 heaviside(0) = 1이 이미 맞지만, 규칙은 z = 0을 틀렸다고 본다
    assert y[0] == 1 and perceptron.heaviside(np.array(0.0)) == 1
    w_pos, b_pos, _ = perceptron.fit_perceptron_rule(X[:1], y[:1],
                                                     max_epochs=1)
    np.testing.assert_allclose(w_pos, X[0])
    assert b_pos == 1.0


def test_rule_learns_and_or_nand_but_not_xor():
    """학습 규칙이 AND·OR·NAND는 모두 맞히고 멈추지만 XOR은 최대 에포크까지 틀리는지 확인한다."""
    results = perceptron.learn_logic_functions(max_epochs=20)
    assert list(results) == ["AND", "OR", "NAND", "XOR"]
    for name in ["AND", "OR", "NAND"]:
        n_epochs, n_correct = results[name]
        assert n_epochs < 20 and n_correct == 4
    n_epochs, n_correct = results["XOR"]
    assert n_epochs == 20 and n_correct < 4


def test_log_loss_sgd_is_logistic_regression(per_clf, data):
    """로그 손실 SGDClassifier가 확률 σ(z)를 주고 세토사를 모두 맞히는지 확인한다."""
    X, y = data
    log_sgd = perceptron.fit_log_loss_sgd(X, y)
    assert log_sgd.get_params()["loss"] == "log_loss"
    assert not hasattr(per_clf, "predict_proba")
    z = log_sgd.decision_function(X)
    proba = log_sgd.predict_proba(X)
    np.testing.assert_allclose(proba[:, 1], 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    assert log_sgd.score(X, y) == 1.0
    new = log_sgd.predict_proba([[2, 0.5], [3, 1]])[:, 1]
    assert new[0] > 0.5 > new[1]
