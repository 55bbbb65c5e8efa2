"""케라스 모델을 저장·복원하고, 콜백으로 훈련을 조절하며, 텐서보드 기록을 읽는다.

이 모듈은 docs/callbacks.md(10.2.6–10.2.8 모델 저장, 콜백, 텐서보드) 페이지에 실린다.
"""


# --8<-- [start:data]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split


def load_data(seed=42):
    """당뇨병 데이터를 훈련·검증·테스트(60:20:20)로 나눈다(표준화는 모델 안에서)."""
    X, y = load_diabetes(return_X_y=True)
    X, y = X.astype("float32"), y.astype("float32")
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25, random_state=seed)
    return (X_train, y_train), (X_valid, y_valid), (X_test, y_test)
# --8<-- [end:data]


# --8<-- [start:model]
import keras
import tensorflow as tf


def build_model(X_train, n_hidden=(64, 64, 64), learning_rate=0.02,
                seed=42):
    """Normalization 층과 ReLU 은닉층들, 출력 뉴런 하나로 된 회귀 MLP."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    normalization = keras.layers.Normalization()
    normalization.adapt(X_train)
    model = keras.Sequential([keras.Input(shape=X_train.shape[1:]),
                              normalization])
    for n_units in n_hidden:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(1))
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss="mse", optimizer=optimizer)
    return model
# --8<-- [end:model]


# --8<-- [start:ratio_callback]
class ValTrainRatio(keras.callbacks.Callback):
    """에포크가 끝날 때마다 검증 손실 ÷ 훈련 손실을 기록하고 가끔 출력한다."""

    def __init__(self, every=3):
        super().__init__()
        self.every = every
        self.ratios = []

    def on_epoch_end(self, epoch, logs=None):
        ratio = logs["val_loss"] / logs["loss"]
        self.ratios.append(ratio)
        if (epoch + 1) % self.every == 0:
            print(f"에포크 {epoch + 1:2d}: 검증/훈련 손실 = {ratio:.2f}")
# --8<-- [end:ratio_callback]


# --8<-- [start:plot_curves]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴


def plot_early_stopping(history, best_epoch):
    """훈련·검증 손실 곡선에 가장 좋았던 에포크와 멈춘 에포크를 표시한다."""
    epochs = np.arange(1, len(history.history["loss"]) + 1)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.plot(epochs, history.history["loss"], "-", color="#1f77b4",
            label="훈련 세트")
    ax.plot(epochs, history.history["val_loss"], "-", color="#d62728",
            label="검증 세트")
    best_loss = history.history["val_loss"][best_epoch - 1]
    ax.plot(best_epoch, best_loss, "*", color="#d62728", markersize=14,
            label=f"가장 좋은 에포크 ({best_epoch})")
    ax.axvline(epochs[-1], color="gray", linestyle="--",
               label=f"멈춘 에포크 ({epochs[-1]})")
    ax.set_yscale("log")
    ax.set_xlabel("에포크")
    ax.set_ylabel("MSE (로그 눈금)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="upper right")  # 곡선이 내려간 오른쪽 위 빈 곳에
    fig.tight_layout()
    return fig
# --8<-- [end:plot_curves]


# --8<-- [start:read_events]
import os

from tensorboard.backend.event_processing.event_accumulator import (
    EventAccumulator)


def read_scalars(run_dir):
    """텐서보드 기록 폴더에서 {(하위 폴더, 태그): (스텝들, 값들)}을 읽는다."""
    scalars = {}
    for subdir in sorted(os.listdir(run_dir)):  # "train", "validation"
        events = EventAccumulator(os.path.join(run_dir, subdir),
                                  size_guidance={"tensors": 0})  # 0: 모두
        events.Reload()
        for tag in events.Tags()["tensors"]:
            records = events.Tensors(tag)
            dtype = records[0].tensor_proto.dtype
            if dtype != tf.float32.as_datatype_enum:
                continue  # 수치가 아닌 것(모델 설정을 담은 "keras")은 건너뛴다
            steps = [record.step for record in records]
            values = [float(tf.make_ndarray(record.tensor_proto))
                      for record in records]
            scalars[subdir, tag] = (np.array(steps), np.array(values))
    return scalars
# --8<-- [end:read_events]


# --8<-- [start:plot_tensorboard]
def plot_tensorboard_run(scalars):
    """이벤트 파일에서 읽은 손실을 에포크(위)와 훈련한 미니배치 수(아래)로 그린다."""
    fig, (ax_epoch, ax_iter) = plt.subplots(2, 1, figsize=(5, 5.4))
    runs = [("train", "#1f77b4", "train 폴더"),
            ("validation", "#d62728", "validation 폴더")]
    for subdir, color, label in runs:
        steps, values = scalars[subdir, "epoch_loss"]
        ax_epoch.plot(steps, values, "o-", color=color, label=label)
    ax_epoch.set_xlabel("스텝 = 에포크 (0부터)")
    ax_epoch.set_ylabel("epoch_loss")
    ax_epoch.set_xticks(steps)
    ax_epoch.legend()
    key = ("validation", "evaluation_loss_vs_iterations")
    steps, values = scalars[key]
    ax_iter.plot(steps, values, "o-", color="#d62728")
    ax_iter.set_xlabel("스텝 = 지금까지 훈련한 미니배치 수")
    ax_iter.set_ylabel("evaluation_loss\n_vs_iterations")
    ax_iter.set_xticks(steps)
    for ax in (ax_epoch, ax_iter):
        ax.set_yscale("log")
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    return fig
# --8<-- [end:plot_tensorboard]


# --8<-- [start:ex_stop]
class StopAtLoss(keras.callbacks.Callback):
    """검증 손실이 목표 아래로 내려가면 그 에포크에서 훈련을 멈춘다."""

    def __init__(self, target):
        super().__init__()
        self.target = target

    def on_epoch_end(self, epoch, logs=None):
        if logs["val_loss"] < self.target:
            self.model.stop_training = True
# --8<-- [end:ex_stop]


# --8<-- [start:ex_logs]
class LogKeys(keras.callbacks.Callback):
    """미니배치와 에포크가 끝날 때 logs에 어떤 값이 들어오는지 모은다."""

    def __init__(self):
        super().__init__()
        self.batch_keys, self.epoch_keys = set(), set()
        self.n_batches = 0

    def on_train_batch_end(self, batch, logs=None):
        self.batch_keys.update(logs)
        self.n_batches += 1

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_keys.update(logs)
# --8<-- [end:ex_logs]


# --8<-- [start:ex_summary]
def write_sine(run_dir, n_steps=50):
    """tf.summary로 사인 곡선 값을 스텝마다 하나씩 텐서보드 기록에 쓴다."""
    writer = tf.summary.create_file_writer(run_dir)
    with writer.as_default():
        for step in range(n_steps):
            tf.summary.scalar("sine", np.sin(step / 8), step=step)
    writer.close()
# --8<-- [end:ex_summary]


# 책 3판의 저장 코드 가운데 케라스 3에서 예외를 내는 줄. 페이지는 각 구간을
# 실행해 그 예외를 보여 준다. 두 줄 모두 파일을 쓰기 전에 예외를 낸다.
def book_save_format(model):
    """책 3판의 save_format="tf": 케라스 3은 ValueError를 낸다."""
    # --8<-- [start:book_save_format]
    model.save("my_keras_model", save_format="tf")  # 책 3판
    # --8<-- [end:book_save_format]


def book_save_weights(model):
    """책 3판의 save_weights("my_weights"): .weights.h5로 끝나지 않아 ValueError."""
    # --8<-- [start:book_save_weights]
    model.save_weights("my_weights")  # 책 3판
    # --8<-- [end:book_save_weights]


def book_load_saved_model():
    """책 3판의 load_model("my_keras_model")(SavedModel 폴더): 케라스 3은 확장자가
    없는 경로를 폴더가 있든 없든 ValueError로 거절한다."""
    # --8<-- [start:book_load_saved_model]
    book_model = keras.models.load_model("my_keras_model")  # 책 3판
    # --8<-- [end:book_load_saved_model]
    return book_model


def book_checkpoint_path():
    """책 3판의 가중치 체크포인트 경로: .weights.h5로 끝나지 않아 ValueError."""
    # --8<-- [start:book_checkpoint_path]
    book_checkpoint_cb = keras.callbacks.ModelCheckpoint(
        "my_checkpoints", save_weights_only=True)  # 책 3판
    # --8<-- [end:book_checkpoint_path]
    return book_checkpoint_cb


def main():
    # --8<-- [start:data_usage]
    (X_train, y_train), (X_valid, y_valid), (X_test, y_test) = load_data()
    print("훈련·검증·테스트 샘플 수:", len(X_train), len(X_valid), len(X_test))
    # --8<-- [end:data_usage]

    # --8<-- [start:save_usage]
    import os
    import tempfile

    model = build_model(X_train)
    model.fit(X_train, y_train, epochs=3, verbose=0)
    y_pred = keras.ops.convert_to_numpy(model(X_test))  # (89, 1)

    with tempfile.TemporaryDirectory() as folder:
        model_path = os.path.join(folder, "diabetes.keras")
        weights_path = os.path.join(folder, "diabetes.weights.h5")
        model.save(model_path)  # 구조 + 가중치 + 옵티마이저 상태
        model.save_weights(weights_path)  # 가중치만
        print("저장한 파일:", sorted(os.listdir(folder)))

        restored = keras.models.load_model(model_path)
        same_shape = keras.models.clone_model(model)  # 구조만 복제
        same_shape.load_weights(weights_path)

    for name, other in [("load_model", restored),
                        ("load_weights", same_shape)]:
        equal = np.array_equal(keras.ops.convert_to_numpy(other(X_test)),
                               y_pred)
        print(f"{name}로 되살린 모델의 예측이 같은가? {equal}")
        assert equal
    # --8<-- [end:save_usage]

    # --8<-- [start:export_usage]
    export_dir = tempfile.TemporaryDirectory()
    saved_model_path = os.path.join(export_dir.name, "my_keras_model")
    model.export(saved_model_path, verbose=False)  # 텐서플로 SavedModel 폴더
    print("SavedModel 폴더 안:", sorted(os.listdir(saved_model_path)))
    # --8<-- [end:export_usage]

    # --8<-- [start:tfsm_usage]
    tfsm_layer = keras.layers.TFSMLayer(saved_model_path,
                                        call_endpoint="serving_default")
    outputs = tfsm_layer(X_test)  # 출력 이름을 키로 쓰는 딕셔너리
    print("TFSMLayer의 출력:", {name: tuple(value.shape)
                                for name, value in outputs.items()})
    y_tfsm = keras.ops.convert_to_numpy(outputs["output_0"])
    print("원래 모델과 예측이 같은가?", np.array_equal(y_tfsm, y_pred))
    print("TFSMLayer에 layers 속성이 있는가?", hasattr(tfsm_layer, "layers"))
    assert np.array_equal(y_tfsm, y_pred)
    assert not hasattr(tfsm_layer, "layers")  # 층 구조는 돌아오지 않는다
    # --8<-- [end:tfsm_usage]

    # --8<-- [start:callbacks_usage]
    checkpoint_dir = tempfile.TemporaryDirectory()  # 체크포인트를 둘 곳
    checkpoint_path = os.path.join(checkpoint_dir.name, "best.keras")
    checkpoint_cb = keras.callbacks.ModelCheckpoint(checkpoint_path,
                                                    save_best_only=True)
    early_stopping_cb = keras.callbacks.EarlyStopping(
        patience=5, restore_best_weights=True)
    ratio_cb = ValTrainRatio(every=3)

    model = build_model(X_train)
    history = model.fit(X_train, y_train, epochs=50,
                        validation_data=(X_valid, y_valid), verbose=0,
                        callbacks=[checkpoint_cb, early_stopping_cb,
                                   ratio_cb])
    # --8<-- [end:callbacks_usage]

    # --8<-- [start:stopped_usage]
    val_losses = history.history["val_loss"]
    n_epochs = len(val_losses)
    best_epoch = int(np.argmin(val_losses)) + 1  # 1부터 센다
    print(f"50 에포크 가운데 {n_epochs} 에포크에서 멈췄다"
          f" (stopped_epoch = {early_stopping_cb.stopped_epoch})")
    print(f"검증 손실이 가장 낮았던 에포크: {best_epoch}"
          f" ({min(val_losses):.1f})")
    print(f"마지막 에포크의 검증 손실: {val_losses[-1]:.1f}")
    now = model.evaluate(X_valid, y_valid, verbose=0, batch_size=256)
    print(f"되돌린 모델의 검증 손실: {now:.1f}")
    best_model = keras.models.load_model(checkpoint_path)
    from_file = best_model.evaluate(X_valid, y_valid, verbose=0,
                                    batch_size=256)
    print(f"체크포인트 파일에서 불러온 모델: {from_file:.1f}")
    assert (n_epochs, best_epoch) == (12, 7)
    assert n_epochs == best_epoch + early_stopping_cb.patience
    assert early_stopping_cb.stopped_epoch == n_epochs - 1  # 0부터 센다
    assert early_stopping_cb.best_epoch == best_epoch - 1
    assert val_losses[-1] > min(val_losses)
    # 가장 좋은 에포크 뒤로는 크게 오르지 않는다: 5% 안, 마지막은 3% 안
    assert max(val_losses[best_epoch:]) < 1.05 * min(val_losses)
    assert val_losses[-1] < 1.03 * min(val_losses)
    assert ratio_cb.ratios[0] < 1 < ratio_cb.ratios[-1]
    assert np.isclose(now, min(val_losses), rtol=1e-4)
    assert np.isclose(from_file, now, rtol=1e-6)
    # --8<-- [end:stopped_usage]

    # --8<-- [start:plot_curves_usage]
    fig = plot_early_stopping(history, best_epoch)
    # --8<-- [end:plot_curves_usage]

    # --8<-- [start:tensorboard_usage]
    log_dir = tempfile.TemporaryDirectory()  # 책의 my_logs 폴더 자리
    run_dir = os.path.join(log_dir.name, "run_lr_0.02")  # 실행마다 하위 폴더
    model = build_model(X_train)
    tensorboard_cb = keras.callbacks.TensorBoard(run_dir)
    history = model.fit(X_train, y_train, epochs=5,
                        validation_data=(X_valid, y_valid), verbose=0,
                        callbacks=[tensorboard_cb])
    print("실행 폴더:", os.listdir(log_dir.name))
    print("실행 폴더 안:", sorted(os.listdir(run_dir)))
    scalars = read_scalars(run_dir)
    for (subdir, tag), (steps, values) in scalars.items():
        print(f"  {subdir:10s} {tag:30s} 기록 {len(steps)}개, "
              f"스텝 {steps[0]}~{steps[-1]}")
    steps, values = scalars["validation", "epoch_loss"]
    print("history와 같은 값인가?",
          np.allclose(values, history.history["val_loss"], rtol=1e-6))
    assert list(steps) == [0, 1, 2, 3, 4]
    assert np.allclose(values, history.history["val_loss"], rtol=1e-6)
    iterations, _ = scalars["validation", "evaluation_loss_vs_iterations"]
    assert list(iterations) == [9, 18, 27, 36, 45]  # 에포크마다 미니배치 9개
    # --8<-- [end:tensorboard_usage]

    # --8<-- [start:plot_tensorboard_usage]
    fig_tb = plot_tensorboard_run(scalars)
    # --8<-- [end:plot_tensorboard_usage]

    # --8<-- [start:ex_stop_usage]
    model = build_model(X_train)
    history = model.fit(X_train, y_train, epochs=50,
                        validation_data=(X_valid, y_valid), verbose=0,
                        callbacks=[StopAtLoss(target=3100)])
    val_losses = np.array(history.history["val_loss"])
    print("훈련한 에포크 수:", len(val_losses))
    print("에포크마다 검증 손실:", val_losses.round(1))
    assert len(val_losses) < 50 and val_losses[-1] < 3100
    assert (val_losses[:-1] >= 3100).all()  # 그 전에는 목표에 못 미쳤다
    # --8<-- [end:ex_stop_usage]

    # --8<-- [start:ex_logs_usage]
    log_keys = LogKeys()
    # 1번 답의 모델을 더 훈련한다
    model.fit(X_train, y_train, epochs=2,
              validation_data=(X_valid, y_valid), verbose=0,
              callbacks=[log_keys])
    print("미니배치가 끝날 때 logs:", sorted(log_keys.batch_keys))
    print("에포크가 끝날 때 logs:", sorted(log_keys.epoch_keys))
    print("미니배치 수:", log_keys.n_batches, "(에포크마다 264 ÷ 32를 올림한 9개)")
    assert log_keys.n_batches == 2 * int(np.ceil(len(X_train) / 32))
    assert "val_loss" in log_keys.epoch_keys
    assert "val_loss" not in log_keys.batch_keys
    # --8<-- [end:ex_logs_usage]

    # --8<-- [start:ex_summary_usage]
    with tempfile.TemporaryDirectory() as root:
        write_sine(os.path.join(root, "my_run"))
        steps, values = read_scalars(root)["my_run", "sine"]
    print("기록 수:", len(steps), " 처음 스텝:", steps[:3],
          " 값:", values[:3].round(3))
    assert list(steps) == list(range(50))
    assert np.allclose(values, np.sin(steps / 8), atol=1e-6)
    # --8<-- [end:ex_summary_usage]
    return fig, fig_tb


if __name__ == "__main__":
    main()
