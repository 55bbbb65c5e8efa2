"""snippets/tuning.py: 랜덤 탐색과 학습률 탐색 예제가 페이지의 설명대로 동작하는지 확인한다."""

import importlib.util
import os
import tempfile
import types

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


class _FitRecorder:
    """model.fit에 넘어온 인자를 기록만 하는 가짜 모델."""

    def fit(self, X, y, **kwargs):
        self.X, self.y, self.kwargs = np.asarray(X), y, kwargs
        return "history"


def _hyperband_schedule(max_epochs, factor):
    """Hyperband 오라클에 가짜 점수를 주며 시도를 끝까지 만들게 한다(훈련 없음)."""
    oracle = kt.oracles.HyperbandOracle(
        objective=kt.Objective("val_accuracy", "max"),
        max_epochs=max_epochs, factor=factor, hyperband_iterations=1,
        seed=42)
    with tempfile.TemporaryDirectory() as tmp_dir:
        oracle._set_project_dir(tmp_dir, "schedule")
        hp = kt.HyperParameters()
        tuning.build_model(hp)
        oracle.update_space(hp)
        for i in range(100):
            trial = oracle.create_trial(f"tuner{i}")
            if trial.status == "STOPPED":
                break
            oracle.update_trial(trial.trial_id, {"val_accuracy": i / 100})
            trial.status = "COMPLETED"
            oracle.end_trial(trial)
    return types.SimpleNamespace(oracle=oracle)


def test_hyperband_schedule_is_successive_halving():
    """max_epochs=3, factor=3의 Hyperband가 3개를 1에포크 → 1개를 3에포크, 2개를 3에포크로
    모두 여섯 시도, 에포크 11번을 쓰는지 확인한다(페이지의 표와 글)."""
    tuner = _hyperband_schedule(max_epochs=3, factor=3)
    rounds = tuning.hyperband_rounds(tuner)
    assert rounds == {(1, 0, 1): 3, (1, 1, 3): 1, (0, 0, 3): 2}
    assert sum(rounds.values()) == 6
    spent = 0
    for trial in tuner.oracle.trials.values():
        hp = trial.hyperparameters.values
        spent += hp["tuner/epochs"] - hp["tuner/initial_epoch"]
    assert spent == 11 < 6 * 3  # 여섯 개를 끝까지 훈련하면 18번
    # 이어 훈련한 시도는 앞 라운드에서 가장 점수가 좋았던 시도를 잇는다
    (second,) = [t for t in tuner.oracle.trials.values()
                 if t.hyperparameters.values["tuner/round"] == 1]
    first_round = [t for t in tuner.oracle.trials.values()
                   if t.hyperparameters.values["tuner/bracket"] == 1
                   and t.hyperparameters.values["tuner/round"] == 0]
    best = max(first_round, key=lambda t: t.score)
    assert second.hyperparameters.values["tuner/trial_id"] == best.trial_id
    assert second.hyperparameters.values["tuner/initial_epoch"] == 1


def test_rounded_drops_hyperband_bookkeeping():
    """표시용 값에서 실수는 넷째 자리로 반올림되고 "tuner/…" 값은 빠지는지 확인한다."""
    values = {"n_hidden": 2, "learning_rate": 0.0123456, "optimizer": "adam",
              "tuner/epochs": 3, "tuner/trial_id": "0001"}
    assert tuning.rounded(values) == {"n_hidden": 2, "learning_rate": 0.0123,
                                      "optimizer": "adam"}


def test_hypermodel_fit_normalizes_with_training_statistics(digits):
    """normalize=True면 훈련 세트의 평균·분산 하나로 훈련·검증 세트를 모두 바꾸고,
    뽑은 배치 크기와 나머지 인자를 model.fit에 넘기는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), _ = digits
    hp = kt.HyperParameters()
    hp.Fixed("normalize", True)
    hp.Fixed("batch_size", 32)
    model = _FitRecorder()
    result = tuning.DigitsHyperModel().fit(
        hp, model, X_train, y_train, validation_data=(X_valid, y_valid),
        epochs=2, verbose=0)
    assert result == "history"
    assert model.kwargs["batch_size"] == 32
    assert model.kwargs["epochs"] == 2 and model.kwargs["verbose"] == 0
    mean, std = X_train.mean(), X_train.std()
    np.testing.assert_allclose(model.X, (X_train - mean) / std, atol=1e-4)
    X_valid_seen, y_valid_seen = model.kwargs["validation_data"]
    np.testing.assert_allclose(np.asarray(X_valid_seen),
                               (X_valid - mean) / std, atol=1e-4)
    assert y_valid_seen is y_valid

    raw = kt.HyperParameters()
    raw.Fixed("normalize", False)
    raw.Fixed("batch_size", 64)
    model = _FitRecorder()
    tuning.DigitsHyperModel().fit(raw, model, X_train, y_train,
                                  validation_data=(X_valid, y_valid))
    np.testing.assert_array_equal(model.X, X_train)
    assert model.kwargs["batch_size"] == 64


def test_per_pixel_normalization_would_divide_by_zero(digits):
    """훈련 세트에서 늘 0인 픽셀이 넷이고, 그중 하나가 검증 이미지 하나에서 0이 아닌지
    확인한다(페이지가 axis=None을 쓰는 이유)."""
    (X_train, _), (X_valid, _), _ = digits
    constant = X_train.reshape(len(X_train), -1).std(axis=0) == 0
    assert constant.sum() == 4
    nonzero = X_valid.reshape(len(X_valid), -1)[:, constant] != 0
    assert nonzero.any(axis=1).sum() == 1


@pytest.mark.slow
def test_hypermodel_search_starts_with_default_fit_values(digits, tmp_path):
    """fit()에서 처음 만나는 값은 첫 시도에서 기본값(False, 16)이고, 가장 좋은 시도의
    배치 크기가 목록 안의 값인지 확인한다."""
    (X_train, y_train), valid, _ = digits
    tuner = kt.RandomSearch(
        tuning.DigitsHyperModel(), objective="val_accuracy", max_trials=2,
        seed=45, directory=str(tmp_path), project_name="hypermodel",
        overwrite=True)
    tuner.search(X_train[:300], y_train[:300], epochs=1,
                 validation_data=valid, verbose=0)
    first, second = tuner.oracle.trials.values()
    assert first.hyperparameters.values["normalize"] is False
    assert first.hyperparameters.values["batch_size"] == 16
    assert (second.hyperparameters.values["normalize"],
            second.hyperparameters.values["batch_size"]) == (True, 64)
    best_hp, best_score = tuning.best_of(tuner)
    assert best_hp["batch_size"] in [16, 32, 64]
    assert best_score == max(first.score, second.score)


@pytest.mark.slow
def test_bayesian_optimization_proposal_beats_the_random_starts(digits,
                                                                tmp_path):
    """페이지와 같은 크기의 베이즈 최적화에서 처음 두 시도는 학습률이 작은 SGD이고,
    가우스 과정이 고른 세 번째 시도(Adam, 더 큰 학습률과 뉴런 수)가 가장 좋은지 확인한다."""
    train, valid, _ = digits
    tuner = kt.BayesianOptimization(
        tuning.build_model, objective="val_accuracy", max_trials=3,
        num_initial_points=2, alpha=1e-4, beta=2.6, seed=42,
        directory=str(tmp_path), project_name="bayesian", overwrite=True)
    tuner.search(*train, epochs=2, validation_data=valid, verbose=0)
    first, second, proposed = tuner.oracle.trials.values()
    starts = [first.hyperparameters.values, second.hyperparameters.values]
    chosen = proposed.hyperparameters.values
    assert all(v["optimizer"] == "sgd" and v["learning_rate"] < 0.02
               for v in starts)
    assert max(first.score, second.score) < 0.5  # 거의 못 배움
    assert chosen["optimizer"] == "adam"
    assert chosen["learning_rate"] > max(v["learning_rate"] for v in starts)
    assert chosen["n_neurons"] > max(v["n_neurons"] for v in starts)
    _, best_score = tuning.best_of(tuner)
    assert best_score == proposed.score > 0.9
