"""snippets/callbacks.py: 모델 저장, 콜백, 텐서보드 기록 예제가 페이지의 설명대로 동작하는지 확인한다."""

import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from snippets import callbacks


@pytest.fixture(scope="module")
def data():
    return callbacks.load_data()


@pytest.fixture(scope="module")
def early_stopped(data, tmp_path_factory):
    """페이지처럼 체크포인트·조기 종료·비율 콜백을 붙여 훈련한 결과."""
    (X_train, y_train), (X_valid, y_valid), _ = data
    path = tmp_path_factory.mktemp("checkpoint") / "best.keras"
    checkpoint = keras.callbacks.ModelCheckpoint(path, save_best_only=True)
    stopping = keras.callbacks.EarlyStopping(patience=3,
                                             restore_best_weights=True)
    ratio = callbacks.ValTrainRatio(every=100)
    model = callbacks.build_model(X_train)
    history = model.fit(X_train, y_train, epochs=40,
                        validation_data=(X_valid, y_valid), verbose=0,
                        callbacks=[checkpoint, stopping, ratio])
    return model, history, stopping, ratio, path


def test_restored_models_predict_the_same(data, tmp_path):
    """.keras와 .weights.h5로 되살린 모델이 원래 모델과 정확히 같은 예측을 하는지 확인한다."""
    (X_train, y_train), _, (X_test, _) = data
    model = callbacks.build_model(X_train, seed=1)
    model.fit(X_train, y_train, epochs=1, verbose=0)
    y_pred = model.predict(X_test, verbose=0)
    model.save(tmp_path / "m.keras")
    model.save_weights(tmp_path / "m.weights.h5")
    restored = keras.models.load_model(tmp_path / "m.keras")
    clone = keras.models.clone_model(model)
    clone.load_weights(tmp_path / "m.weights.h5")
    np.testing.assert_array_equal(restored.predict(X_test, verbose=0), y_pred)
    np.testing.assert_array_equal(clone.predict(X_test, verbose=0), y_pred)
    # 옵티마이저 상태도 저장된다: Adam이 센 스텝 수(배치 9개)
    assert int(restored.optimizer.iterations.numpy()) == 9
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        model.save_weights(tmp_path / "m.h5")  # 케라스 3의 규칙


@pytest.mark.slow
def test_early_stopping_stops_and_restores_the_best(early_stopped, data):
    """조기 종료가 마지막 에포크 전에 멈추고 가장 좋은 가중치로 되돌리는지 확인한다."""
    (_, _), (X_valid, y_valid), _ = data
    model, history, stopping, _, path = early_stopped
    val_losses = history.history["val_loss"]
    best_epoch = int(np.argmin(val_losses)) + 1
    assert len(val_losses) < 40
    assert len(val_losses) == best_epoch + stopping.patience
    assert stopping.stopped_epoch == len(val_losses) - 1
    assert val_losses[-1] > min(val_losses)
    restored = model.evaluate(X_valid, y_valid, verbose=0, batch_size=256)
    assert restored == pytest.approx(min(val_losses), rel=1e-4)
    from_file = keras.models.load_model(path).evaluate(
        X_valid, y_valid, verbose=0, batch_size=256)
    assert from_file == pytest.approx(restored, rel=1e-6)


@pytest.mark.slow
def test_val_train_ratio_is_recorded_each_epoch(early_stopped):
    """비율 콜백이 에포크마다 검증 손실 ÷ 훈련 손실을 기록하는지 확인한다."""
    _, history, _, ratio, _ = early_stopped
    expected = (np.array(history.history["val_loss"])
                / np.array(history.history["loss"]))
    np.testing.assert_allclose(ratio.ratios, expected, rtol=1e-6)


def test_val_train_ratio_prints_every_few_epochs(capsys):
    """비율 콜백이 every 에포크마다 한 줄씩, 소수 둘째 자리까지 출력하는지 확인한다."""
    ratio = callbacks.ValTrainRatio(every=2)
    for epoch in range(4):
        ratio.on_epoch_end(epoch, {"loss": 2.0, "val_loss": 3.0 + epoch})
    assert capsys.readouterr().out.splitlines() == [
        "에포크  2: 검증/훈련 손실 = 2.00",
        "에포크  4: 검증/훈련 손실 = 3.00"]
    assert ratio.ratios == [1.5, 2.0, 2.5, 3.0]


def test_stop_at_loss_sets_stop_training():
    """목표 아래의 검증 손실에서만 stop_training을 켜는지 확인한다."""
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    stop = callbacks.StopAtLoss(target=10.0)
    stop.set_model(model)
    model.stop_training = False
    stop.on_epoch_end(0, {"loss": 1.0, "val_loss": 10.0})
    assert model.stop_training is False
    stop.on_epoch_end(1, {"loss": 1.0, "val_loss": 9.9})
    assert model.stop_training is True


def test_log_keys_counts_batches(data):
    """배치 logs에는 훈련 손실만, 에포크 logs에는 검증 손실도 있고 미니배치 수가 맞는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), _ = data
    keys = callbacks.LogKeys()
    model = callbacks.build_model(X_train, n_hidden=(8,))
    model.fit(X_train, y_train, epochs=1, batch_size=50, verbose=0,
              validation_data=(X_valid, y_valid), callbacks=[keys])
    assert keys.n_batches == math.ceil(264 / 50) == 6
    assert keys.batch_keys == {"loss"}
    assert keys.epoch_keys == {"loss", "val_loss"}


def test_tensorboard_events_hold_the_logged_scalars(data, tmp_path):
    """텐서보드 이벤트 파일에 에포크마다의 손실이 알맞은 스텝 수로 들어 있는지 확인한다."""
    (X_train, y_train), (X_valid, y_valid), _ = data
    model = callbacks.build_model(X_train, n_hidden=(8,))
    history = model.fit(X_train, y_train, epochs=3, verbose=0,
                        validation_data=(X_valid, y_valid),
                        callbacks=[keras.callbacks.TensorBoard(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["train",
                                                          "validation"]
    scalars = callbacks.read_scalars(str(tmp_path))
    assert {("train", "epoch_loss"), ("validation", "epoch_loss"),
            ("validation", "evaluation_loss_vs_iterations")} <= set(scalars)
    assert ("train", "keras") not in scalars  # 모델 설정(문자열)은 건너뛴다
    for subdir, key in [("train", "loss"), ("validation", "val_loss")]:
        steps, values = scalars[subdir, "epoch_loss"]
        assert list(steps) == [0, 1, 2]
        np.testing.assert_allclose(values, history.history[key], rtol=1e-6)
    iterations, _ = scalars["validation", "evaluation_loss_vs_iterations"]
    assert list(iterations) == [9, 18, 27]


def test_tf_summary_scalars_read_back(tmp_path):
    """tf.summary로 쓴 사인 값 50개를 read_scalars()가 그대로 읽는지 확인한다."""
    callbacks.write_sine(str(tmp_path / "run"), n_steps=50)
    steps, values = callbacks.read_scalars(str(tmp_path))["run", "sine"]
    assert list(steps) == list(range(50))
    np.testing.assert_allclose(values, np.sin(steps / 8), atol=1e-6)


@pytest.mark.slow
def test_early_stopping_figure(early_stopped):
    """학습 곡선 그림에 두 곡선, 가장 좋은 에포크의 별, 멈춘 에포크의 세로선이 있는지 확인한다."""
    _, history, _, _, _ = early_stopped
    val_losses = history.history["val_loss"]
    best = int(np.argmin(val_losses)) + 1
    fig = callbacks.plot_early_stopping(history, best)
    try:
        ax = fig.axes[0]
        assert ax.get_xlabel() == "에포크"
        assert ax.get_yscale() == "log"
        train, valid, star, stop = ax.get_lines()
        assert list(star.get_xdata()) == [best]
        assert list(star.get_ydata()) == [min(val_losses)]
        assert list(stop.get_xdata()) == [len(val_losses)] * 2
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["훈련 세트", "검증 세트", f"가장 좋은 에포크 ({best})",
                          f"멈춘 에포크 ({len(val_losses)})"]
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_tensorboard_figure():
    """텐서보드 그림이 위에는 두 폴더의 epoch_loss를, 아래에는 미니배치 수 스텝의 검증 손실을
    그리는지 확인한다."""
    steps = np.arange(3)
    scalars = {
        ("train", "epoch_loss"): (steps, np.array([9.0, 5.0, 3.0])),
        ("validation", "epoch_loss"): (steps, np.array([8.0, 6.0, 4.0])),
        ("validation", "evaluation_loss_vs_iterations"): (
            np.array([9, 18, 27]), np.array([8.0, 6.0, 4.0])),
    }
    fig = callbacks.plot_tensorboard_run(scalars)
    try:
        ax_epoch, ax_iter = fig.axes
        train, valid = ax_epoch.get_lines()
        assert list(train.get_xdata()) == [0, 1, 2]
        assert list(valid.get_ydata()) == [8.0, 6.0, 4.0]
        assert [t.get_text() for t in ax_epoch.get_legend().get_texts()] == [
            "train 폴더", "validation 폴더"]
        (line,) = ax_iter.get_lines()
        assert list(line.get_xdata()) == [9, 18, 27]
        assert list(ax_iter.get_xticks()) == [9, 18, 27]
        assert ax_iter.get_xlabel() == "스텝 = 지금까지 훈련한 미니배치 수"
        assert ax_epoch.get_yscale() == ax_iter.get_yscale() == "log"
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_book_save_format_raises_today(tmp_path, monkeypatch):
    """책 3판의 save_format="tf"가 케라스 3에서 ValueError를 내고 파일을 남기지 않는지 확인한다."""
    monkeypatch.chdir(tmp_path)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="save_format"):
        callbacks.book_save_format(model)
    assert list(tmp_path.iterdir()) == []


def test_book_checkpoint_path_raises_today(tmp_path, monkeypatch):
    """책 3판의 ModelCheckpoint("my_checkpoints", save_weights_only=True)가 ValueError를 내는지 확인한다."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        callbacks.book_checkpoint_path()
    assert list(tmp_path.iterdir()) == []


def test_book_save_weights_raises_today(tmp_path, monkeypatch):
    """책 3판의 save_weights("my_weights")가 ValueError를 내고 파일을 남기지 않는지 확인한다."""
    monkeypatch.chdir(tmp_path)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        callbacks.book_save_weights(model)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_saved_model_folder_opens_only_as_tfsm_layer(tmp_path):
    """SavedModel 폴더를 load_model()은 ValueError로 거절하고, TFSMLayer는 같은 예측을 내는지 확인한다."""
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    path = str(tmp_path / "my_keras_model")
    model.export(path, verbose=False)
    with pytest.raises(ValueError, match="TFSMLayer"):
        callbacks.book_load_saved_model()  # the book's line, as the page runs it
    with pytest.raises(ValueError, match="TFSMLayer"):
        keras.models.load_model(path)  # the same refusal for a real SavedModel folder
    X = np.arange(12, dtype="float32").reshape(4, 3)
    layer = keras.layers.TFSMLayer(path, call_endpoint="serving_default")
    (y,) = layer(X).values()
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(y),
                                  keras.ops.convert_to_numpy(model(X)))
