"""snippets/tuning.py: 랜덤 탐색과 학습률 탐색 예제가 페이지의 설명대로 동작하는지 확인한다."""

import importlib.util
import os
import tempfile

import keras
import keras_tuner as kt
import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import sequential, tuning


@pytest.fixture(scope="module")
def digits():
    return sequential.load_digit_images(seed=42)


@pytest.fixture(scope="module")
def sweep(digits):
    (X_train, y_train), _, _ = digits
    model = tuning.build_mlp(n_hidden=1, n_neurons=32)
    return tuning.sweep_learning_rate(model, X_train, y_train)


@pytest.mark.parametrize("n_hidden, n_neurons, optimizer", [
    (1, 16, "sgd"), (3, 32, "adam"),
])
def test_build_mlp_shapes_and_parameters(n_hidden, n_neurons, optimizer):
    """은닉층 수·뉴런 수·옵티마이저·학습률이 인자대로이고 파라미터 수가 맞는지 확인한다."""
    model = tuning.build_mlp(n_hidden, n_neurons, learning_rate=0.05,
                             optimizer=optimizer, seed=0)
    dense = model.layers[1:]
    assert [layer.units for layer in dense] == [n_neurons] * n_hidden + [10]
    assert model.input_shape == (None, 8, 8)
    assert model.output_shape == (None, 10)
    expected = (64 * n_neurons + n_neurons
                + (n_hidden - 1) * (n_neurons * n_neurons + n_neurons)
                + n_neurons * 10 + 10)
    assert model.count_params() == expected
    expected_class = {"sgd": keras.optimizers.SGD,
                      "adam": keras.optimizers.Adam}[optimizer]
    assert isinstance(model.optimizer, expected_class)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.05)


def test_build_model_reads_the_hyperparameters():
    """튜너의 hp에 고정한 값대로 모델이 만들어지고, 학습률은 로그 눈금 범위인지 확인한다."""
    hp = kt.HyperParameters()
    hp.Fixed("n_hidden", 2)
    hp.Fixed("n_neurons", 20)
    hp.Fixed("learning_rate", 0.003)
    hp.Fixed("optimizer", "adam")
    model = tuning.build_model(hp)
    assert [layer.units for layer in model.layers[1:]] == [20, 20, 10]
    assert isinstance(model.optimizer, keras.optimizers.Adam)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.003)

    free = kt.HyperParameters()
    tuning.build_model(free)  # 처음 부르면 범위가 등록된다
    rate = free._hps["learning_rate"][0]
    assert (rate.min_value, rate.max_value, rate.sampling) == (
        1e-3, 0.1, "log")
    assert free._hps["optimizer"][0].values == ["sgd", "adam"]


@pytest.mark.slow
def test_random_search_best_is_best_of_its_table(digits, tmp_path,
                                                 monkeypatch):
    """튜너의 최고 하이퍼파라미터가 표의 최고 시도와 같고, 임시 폴더가 남지 않는지 확인한다."""
    train, valid, _ = digits
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    trials, best_hp, best_model = tuning.random_search(
        train, valid, max_trials=3, epochs=1, seed=7)
    assert list(tmp_path.iterdir()) == []  # 튜너의 폴더는 지워졌다
    assert [t["trial"] for t in trials] == ["0", "1", "2"]
    scores = [t["val_accuracy"] for t in trials]
    best = trials[int(np.argmax(scores))]
    assert {k: best[k] for k in best_hp.values} == best_hp.values
    _, accuracy = best_model.evaluate(*valid, verbose=0)
    assert accuracy == pytest.approx(max(scores), abs=1e-6)
    # 같은 시드면 같은 하이퍼파라미터를 뽑는다
    again, _, _ = tuning.random_search(train, valid, max_trials=3,
                                       epochs=1, seed=7)
    assert [{k: v for k, v in t.items() if k != "val_accuracy"}
            for t in again] == [{k: v for k, v in t.items()
                                 if k != "val_accuracy"} for t in trials]


def test_callback_recovers_batch_losses_from_the_running_mean():
    """logs의 에포크 평균 손실에서 미니배치 손실을 되살리고 학습률을 factor배로 키우는지 확인한다."""
    model = tuning.build_mlp(n_hidden=1, n_neurons=4, learning_rate=0.01)
    callback = tuning.ExponentialLearningRate(factor=2.0)
    callback.set_model(model)
    batch_losses = [3.0, 1.0, 2.0, 6.0]
    running_means = np.cumsum(batch_losses) / np.arange(1, 5)
    for batch, mean in enumerate(running_means):
        callback.on_train_batch_end(batch, {"loss": mean})
    np.testing.assert_allclose(callback.losses, batch_losses)
    np.testing.assert_allclose(callback.rates, [0.01, 0.02, 0.04, 0.08],
                               rtol=1e-6)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.16)


@pytest.mark.parametrize("values, expected", [
    ([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]),
    ([1.0, 0.0], [1.0, 0.9 / 1.9]),
])
def test_smooth_is_a_debiased_moving_average(values, expected):
    """지수 이동 평균이 처음 값들의 치우침을 보정하는지(상수는 그대로) 확인한다."""
    np.testing.assert_allclose(tuning.smooth(values), expected)


@pytest.mark.slow
def test_lr_sweep_grows_geometrically_and_losses_rise_at_the_end(sweep):
    """학습률이 0.001에서 10까지 같은 비율로 커지고, 손실이 내려갔다가 끝에서 오르는지 확인한다."""
    rates, losses = sweep
    assert len(rates) == len(losses) == 1077 // 8
    assert rates[0] == pytest.approx(1e-3) and rates[-1] == pytest.approx(
        10.0, rel=1e-4)
    ratios = rates[1:] / rates[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-4)
    smoothed = tuning.smooth(losses)
    assert smoothed.min() < smoothed[0] < smoothed[-1]
    assert losses[0] == pytest.approx(np.log(10), rel=0.1)  # 처음엔 찍기
    turn_rate, chosen = tuning.pick_learning_rate(rates, losses)
    assert turn_rate == rates[int(np.argmin(smoothed))]
    assert chosen == pytest.approx(turn_rate / 10)
    assert 0.01 < turn_rate < 5


@pytest.mark.slow
def test_lr_sweep_figure(sweep):
    """학습률 그림의 가로축이 로그 눈금이고, 곡선 둘, 가장 낮은 점, 고른 학습률 세로선이 있는지 확인한다."""
    rates, losses = sweep
    _, chosen = tuning.pick_learning_rate(rates, losses)
    fig = tuning.plot_lr_sweep(rates, losses, chosen)
    try:
        (ax,) = fig.axes
        assert ax.get_xscale() == "log"
        assert ax.get_xlabel() == "학습률 (로그 눈금)"
        assert ax.get_ylabel() == "손실"
        raw, smoothed, point, vline = ax.get_lines()
        np.testing.assert_allclose(raw.get_xdata(), rates)
        np.testing.assert_allclose(smoothed.get_ydata(),
                                   tuning.smooth(losses))
        assert point.get_ydata()[0] == pytest.approx(smoothed.get_ydata().min())
        assert vline.get_xdata()[0] == pytest.approx(chosen)
        assert ax.xaxis.get_major_formatter()(0.01, 0) == "0.01"
        assert fig.get_size_inches()[0] <= 5
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_old_sklearn_wrappers_are_gone_from_keras_3():
    """keras.wrappers.scikit_learn은 없고 케라스 3의 SKLearnClassifier가 있는지 확인한다."""
    assert importlib.util.find_spec("keras.wrappers.scikit_learn") is None
    assert hasattr(keras.wrappers, "SKLearnClassifier")
    assert hasattr(keras.wrappers, "SKLearnRegressor")


@pytest.mark.slow
def test_deep_mlp_callbacks_write_checkpoint_and_tensorboard_logs(
        digits, tmp_path):
    """체크포인트가 가장 좋은 에포크를 저장하고 조기 종료가 그 가중치로 되돌리며 텐서보드 기록이 남는지
    확인한다."""
    train, valid, _ = digits
    model, history, checkpoint = tuning.train_deep_mlp(
        train, valid, learning_rate=1e-3, log_root=str(tmp_path),
        n_hidden=2, n_neurons=16, max_epochs=4, patience=1)
    assert checkpoint == os.path.join(str(tmp_path), "best.keras")
    assert os.path.exists(checkpoint)
    assert sorted(os.listdir(tmp_path / "logs")) == ["train", "validation"]
    assert any(os.listdir(tmp_path / "logs" / "train"))
    assert 1 <= len(history.epoch) <= 4
    saved = keras.models.load_model(checkpoint)
    _, saved_acc = saved.evaluate(*valid, verbose=0)
    _, model_acc = model.evaluate(*valid, verbose=0)
    assert saved_acc == pytest.approx(model_acc, abs=1e-6)
    assert model_acc == pytest.approx(max(history.history["val_accuracy"]),
                                      abs=1e-6)


def test_book_sklearn_wrapper_raises_today():
    """책 2판의 keras.wrappers.scikit_learn.KerasRegressor가 AttributeError를 내는지 확인한다."""
    with pytest.raises(AttributeError, match="scikit_learn"):
        tuning.book_sklearn_wrapper()
