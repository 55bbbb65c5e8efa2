"""snippets/functional.py: 함수형·서브클래싱 API의 와이드 & 딥 모델이
페이지의 설명대로 동작하는지 확인한다."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import FancyArrowPatch

from snippets import functional


@pytest.fixture(scope="module")
def data():
    (X_train, y_train), valid, (X_test, y_test), names = functional.load_data()
    return X_train, y_train, X_test, y_test, names


def split(X):
    return X[:, functional.WIDE], X[:, functional.DEEP]


def test_split_and_feature_subsets(data):
    """442명을 264/89(+89)로 나누고, 와이드 5개·딥 8개 특성이 3개를 함께 쓰는지 확인한다."""
    X_train, y_train, X_test, y_test, names = data
    assert X_train.shape == (264, 10) and X_test.shape == (89, 10)
    assert X_train.dtype == np.float32
    wide, deep = names[functional.WIDE], names[functional.DEEP]
    assert len(wide) == 5 and len(deep) == 8
    assert set(wide) & set(deep) == {"bmi", "bp", "s1"}
    assert set(wide) | set(deep) == set(names)


def test_wide_deep_structure(data):
    """와이드 & 딥 모델의 연결, 출력 모양, 파라미터 수(1,322개)를 확인한다."""
    X_train, _, X_test, _, _ = data
    model = functional.build_wide_deep(X_train, seed=0)
    assert model.count_params() == 1322
    assert model.get_layer("concat").output.shape == (None, 40)
    # 연결 층은 정규화된 입력(와이드)과 두 번째 은닉층(딥)을 받는다
    concat_inputs = model.get_layer("concat")._inbound_nodes[0].input_tensors
    assert [t._keras_history.operation.name for t in concat_inputs] == [
        "normalization", "hidden2"]
    mean = keras.ops.convert_to_numpy(model.get_layer("normalization").mean)
    np.testing.assert_allclose(mean.ravel(), X_train.mean(axis=0), rtol=1e-4,
                               atol=1e-6)
    assert model.predict(X_test, verbose=0).shape == (89, 1)


def test_two_inputs_take_tuples_or_dicts(data):
    """입력 두 개짜리 모델이 튜플과 입력 이름 딕셔너리에 같은 예측을 내는지 확인한다."""
    X_train, _, X_test, _, _ = data
    model = functional.build_two_inputs(*split(X_train), seed=0)
    assert [t.name for t in model.inputs] == ["wide", "deep"]
    assert model.count_params() == 270 + 930 + 36 + 11 + 17
    wide, deep = split(X_test)
    by_tuple = model.predict((wide, deep), verbose=0)
    by_dict = model.predict({"deep": deep, "wide": wide}, verbose=0)
    assert by_tuple.shape == (89, 1)
    np.testing.assert_array_equal(by_tuple, by_dict)


def test_aux_output_loss_is_the_weighted_sum(data):
    """보조 출력 모델이 출력 두 개를 내고, 전체 손실이 0.9·주 손실 + 0.1·보조 손실인지 확인한다."""
    X_train, y_train, X_test, y_test, _ = data
    model = functional.build_with_aux_output(*split(X_train), seed=0)
    main, aux = model.predict(split(X_test), verbose=0)
    assert main.shape == aux.shape == (89, 1)
    assert not np.array_equal(main, aux)
    scores = model.evaluate(split(X_test), (y_test, y_test), verbose=0,
                            batch_size=89, return_dict=True)
    main_mse = np.mean((main.ravel() - y_test) ** 2)
    aux_mse = np.mean((aux.ravel() - y_test) ** 2)
    assert scores["main_output_loss"] == pytest.approx(main_mse, rel=1e-5)
    assert scores["aux_output_loss"] == pytest.approx(aux_mse, rel=1e-5)
    assert scores["loss"] == pytest.approx(0.9 * main_mse + 0.1 * aux_mse,
                                           rel=1e-5)


def build_subclass(model_class, X_train, X_probe):
    sub = model_class(name="sub")
    sub.norm_wide.adapt(X_train[:, functional.WIDE])
    sub.norm_deep.adapt(X_train[:, functional.DEEP])
    sub(split(X_probe[:1]))
    return sub


def test_subclass_is_unbuilt_then_matches_functional(data):
    """서브클래싱 모델은 호출 전에는 파라미터를 셀 수 없고, 같은 가중치면 출력이 같은지 확인한다."""
    X_train, _, X_test, _, _ = data
    keras.utils.set_random_seed(3)
    fresh = functional.WideAndDeepModel()
    assert not fresh.built
    with pytest.raises(ValueError, match="isn't built"):
        fresh.count_params()
    functional_model = functional.build_with_aux_output(*split(X_train),
                                                        seed=0)
    sub = build_subclass(functional.WideAndDeepModel, X_train, X_test)
    assert sub.count_params() == functional_model.count_params() == 1295
    before = sub.predict(split(X_test), verbose=0)[0]
    expected = functional_model.predict(split(X_test), verbose=0)
    assert not np.array_equal(before, expected[0])  # 가중치가 다르면 다르다
    functional.copy_weights(functional_model, sub)
    for got, want in zip(sub.predict(split(X_test), verbose=0), expected):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("n_wide, n_deep, n_hidden",
                         [(5, 8, 30), (10, 10, 4), (1, 3, 7)])
def test_parameter_count_formula(n_wide, n_deep, n_hidden):
    """손으로 센 파라미터 수가 케라스가 센 수와 같은지 확인한다."""
    rng = np.random.default_rng(0)
    X_wide = rng.normal(size=(20, n_wide)).astype("float32")
    X_deep = rng.normal(size=(20, n_deep)).astype("float32")
    model = functional.build_with_aux_output(X_wide, X_deep,
                                             n_hidden=n_hidden)
    trainable, non_trainable = functional.count_wide_deep_params(
        n_wide, n_deep, n_hidden)
    assert trainable == sum(int(np.prod(w.shape))
                            for w in model.trainable_weights)
    assert trainable + non_trainable == model.count_params()


def test_repeated_dense_changes_with_n_steps_not_parameters():
    """반복 횟수를 호출마다 바꾸면 예측은 달라지고 파라미터 수(153개)는 그대로인지 확인한다."""
    keras.utils.set_random_seed(0)
    model = functional.RepeatedDense()
    X = np.random.default_rng(1).normal(size=(4, 8)).astype("float32")
    # 처음 호출에서 모든 층이 빌드되도록 1번 되풀이부터 부른다
    one, three, zero = [keras.ops.convert_to_numpy(model(X, n_steps=n))
                        for n in (1, 3, 0)]
    assert model.count_params() == 153
    assert not np.allclose(one, three) and not np.allclose(zero, one)
    # 0번 되풀이하면 공유 층을 건너뛰고, 1번이면 한 번 지난다
    hidden = model.project(X)
    np.testing.assert_allclose(zero, keras.ops.convert_to_numpy(
        model.head(hidden)), rtol=1e-6)
    np.testing.assert_allclose(one, keras.ops.convert_to_numpy(
        model.head(model.shared(hidden))), rtol=1e-6)


def test_subclass_saving_needs_registration(data, tmp_path):
    """등록하지 않은 서브클래스는 불러오지 못하고, 등록한 것은 같은 예측으로 되살아나는지 확인한다."""
    X_train, _, X_test, _, _ = data
    plain = build_subclass(functional.WideAndDeepModel, X_train, X_test)
    path = tmp_path / "plain.keras"
    plain.save(path)
    with pytest.raises(TypeError, match="Could not locate class"):
        keras.models.load_model(path)
    # 자동 설정은 생성자에 준 n_hidden=7 대신 기본값 30을 담아, 다시 만들면 모양이 어긋난다
    small = functional.WideAndDeepModel(n_hidden=7, name="small")
    assert small.get_config()["n_hidden"] == 30
    small.norm_wide.adapt(X_train[:, functional.WIDE])
    small.norm_deep.adapt(X_train[:, functional.DEEP])
    small(split(X_test[:1]))
    small.save(tmp_path / "small.keras")
    with pytest.raises(ValueError, match="could not be loaded"):
        keras.models.load_model(tmp_path / "small.keras", custom_objects={
            "WideAndDeepModel": functional.WideAndDeepModel})
    savable = build_subclass(functional.SavableWideAndDeep, X_train, X_test)
    assert savable.get_config()["n_hidden"] == 30
    before, after = functional.save_and_load(savable, split(X_test))
    for b, a in zip(before, after):
        np.testing.assert_array_equal(b, a)


@pytest.mark.parametrize("two_inputs, aux_output, n_arrows, extra", [
    (False, False, 6, "입력"),
    (True, True, 8, "보조 출력"),
])
def test_wide_deep_diagram(two_inputs, aux_output, n_arrows, extra):
    """구조도에 층 이름 상자와 연결 화살표가 알맞은 수만큼 있는지 확인한다."""
    fig = functional.plot_wide_deep(two_inputs=two_inputs,
                                    aux_output=aux_output)
    try:
        ax = fig.axes[0]
        texts = [t.get_text() for t in ax.texts]
        for name in ("Normalization", "은닉층 1 (ReLU)", "은닉층 2 (ReLU)",
                     "Concatenate", "출력", "와이드\n경로", "딥\n경로",
                     extra):
            assert name in texts
        assert ("보조 출력" in texts) == aux_output
        assert texts.count("Normalization") == (2 if two_inputs else 1)
        arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
        assert len(arrows) == n_arrows
        fig.canvas.draw()
    finally:
        plt.close(fig)


@pytest.mark.slow
def test_short_training_beats_the_constant_predictor(data):
    """와이드 & 딥 모델을 짧게 훈련해도 테스트 MSE가 상수 예측기보다 작아지는지 확인한다."""
    X_train, y_train, X_test, y_test, _ = data
    model = functional.build_wide_deep(X_train)
    history = model.fit(X_train, y_train, epochs=10, verbose=0)
    constant = np.mean((y_test - y_train.mean()) ** 2)
    assert history.history["loss"][-1] < history.history["loss"][0] / 2
    assert model.evaluate(X_test, y_test, verbose=0) < 0.7 * constant


def test_book_metrics_for_two_outputs_raise_today(data):
    """책 3판의 지표 하나(출력 둘)가 케라스 3의 fit()에서 ValueError를 내는지 확인한다."""
    X_train, y_train, _, _, _ = data
    with pytest.raises(ValueError, match="Invalid `metrics`"):
        functional.book_metrics(*split(X_train[:40]), y_train[:40])


def test_book_subclass_single_loss_raises_today(data):
    """책 3판의 서브클래싱 모델 loss="mse", loss_weights=[0.9, 0.1]이 ValueError를 내는지 확인한다."""
    X_train, y_train, _, _, _ = data
    with pytest.raises(ValueError, match="`loss_weights` must match"):
        functional.book_subclass_loss(*split(X_train[:40]), y_train[:40])
