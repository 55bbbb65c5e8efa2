"""케라스 튜너의 랜덤 탐색과 학습률 탐색으로 숫자 분류 MLP의 하이퍼파라미터를 고른다.

이 모듈은 docs/tuning.md(10.3 신경망 하이퍼파라미터 튜닝하기) 페이지에 실린다.
"""

# 10.2.2 시퀀셜 API 페이지의 데이터 함수: 페이지는 그 구간을 그대로 포함해 실행한다
from snippets.sequential import load_digit_images


# --8<-- [start:model]
import keras
import numpy as np
import tensorflow as tf


def build_mlp(n_hidden=2, n_neurons=64, learning_rate=0.01,
              optimizer="sgd", seed=42):
    """8×8 숫자 이미지를 분류하는 MLP를 만들고 컴파일한다."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential([keras.Input(shape=(8, 8)),
                              keras.layers.Flatten()])
    for _ in range(n_hidden):
        model.add(keras.layers.Dense(n_neurons, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    if optimizer == "sgd":
        opt = keras.optimizers.SGD(learning_rate=learning_rate)
    else:
        opt = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss="sparse_categorical_crossentropy", optimizer=opt,
                  metrics=["accuracy"])
    return model
# --8<-- [end:model]


# --8<-- [start:search]
import tempfile
import warnings

import keras_tuner as kt


def build_model(hp):
    """케라스 튜너가 시도마다 부른다: hp에서 하이퍼파라미터를 뽑아 모델을 만든다."""
    return build_mlp(
        n_hidden=hp.Int("n_hidden", min_value=1, max_value=3),
        n_neurons=hp.Int("n_neurons", min_value=16, max_value=128,
                         sampling="log"),
        learning_rate=hp.Float("learning_rate", min_value=1e-3,
                               max_value=0.1, sampling="log"),
        optimizer=hp.Choice("optimizer", ["sgd", "adam"]))


def random_search(train, valid, max_trials=3, epochs=3, seed=42):
    """랜덤 탐색을 임시 폴더에서 돌린다.

    돌려주는 것: (시도마다 하이퍼파라미터와 점수를 담은 딕셔너리의 리스트,
    가장 좋은 하이퍼파라미터, 그 값으로 훈련한 모델).
    """
    with tempfile.TemporaryDirectory() as tmp_dir:  # 끝나면 폴더째 지운다
        tuner = kt.RandomSearch(
            build_model, objective="val_accuracy",
            max_trials=max_trials, seed=seed, directory=tmp_dir,
            project_name="digits",
            overwrite=True)
        tuner.search(*train, epochs=epochs, validation_data=valid,
                     verbose=0)
        trials = [{"trial": trial.trial_id,
                   **trial.hyperparameters.values,
                   "val_accuracy": trial.score}
                  for trial in tuner.oracle.trials.values()]
        best_hp = tuner.get_best_hyperparameters()[0]
        with warnings.catch_warnings():
            # 저장된 옵티마이저 상태는 불러오지 않는다는 경고: 평가와
            # 예측에는 가중치만 쓰이므로 상관없다
            warnings.filterwarnings("ignore",
                                    "Skipping variable loading")
            best_model = tuner.get_best_models()[0]
    return trials, best_hp, best_model
# --8<-- [end:search]


# --8<-- [start:tuners]
def rounded(values):
    """하이퍼파라미터 값을 보기 좋게: 실수는 반올림하고, Hyperband가
    기록용으로 붙이는 "tuner/…" 값은 뺀다."""
    return {k: round(v, 4) if isinstance(v, float) else v
            for k, v in values.items() if not k.startswith("tuner/")}


def best_of(tuner):
    """튜너의 가장 좋은 시도: (하이퍼파라미터, 검증 정확도)."""
    best = tuner.oracle.get_best_trials(num_trials=1)[0]
    return rounded(best.hyperparameters.values), best.score


def hyperband_rounds(tuner):
    """Hyperband의 (브래킷, 라운드, 에포크)마다 훈련한 모델 수."""
    counts = {}
    for trial in tuner.oracle.trials.values():
        hp = trial.hyperparameters.values
        key = (hp["tuner/bracket"], hp["tuner/round"],
               hp["tuner/epochs"])
        counts[key] = counts.get(key, 0) + 1
    return counts
# --8<-- [end:tuners]


# --8<-- [start:hypermodel]
class DigitsHyperModel(kt.HyperModel):
    """모델 구조에 더해 입력 정규화 여부와 배치 크기도 튜닝한다."""

    def build(self, hp):
        return build_model(hp)

    def fit(self, hp, model, X, y, validation_data, **kwargs):
        if hp.Boolean("normalize"):
            norm_layer = keras.layers.Normalization(axis=None)
            norm_layer.adapt(X)  # 평균과 분산은 훈련 세트에서만 잰다
            X_valid, y_valid = validation_data
            X = norm_layer(X)
            validation_data = (norm_layer(X_valid), y_valid)
        batch_size = hp.Choice("batch_size", [16, 32, 64])
        return model.fit(X, y, batch_size=batch_size,
                         validation_data=validation_data, **kwargs)
# --8<-- [end:hypermodel]


# --8<-- [start:lr_sweep]
class ExponentialLearningRate(keras.callbacks.Callback):
    """미니배치마다 학습률과 손실을 기록하고 학습률을 factor배로 키운다."""

    def __init__(self, factor):
        super().__init__()
        self.factor = factor
        self.rates, self.losses = [], []
        self.total = 0.0  # 지금까지 미니배치 손실의 합

    def on_train_batch_end(self, batch, logs=None):
        optimizer = self.model.optimizer
        rate = keras.ops.convert_to_numpy(optimizer.learning_rate)
        rate = float(rate)
        # logs["loss"]는 에포크 시작부터의 평균이므로 합으로 바꿔 뺀다
        total = logs["loss"] * (batch + 1)
        self.rates.append(rate)
        self.losses.append(total - self.total)  # 이 미니배치의 손실
        self.total = total
        optimizer.learning_rate = rate * self.factor


def sweep_learning_rate(model, X, y, min_rate=1e-3, max_rate=10.0,
                        batch_size=8):
    """한 에포크 동안 학습률을 min_rate에서 max_rate까지 지수적으로 키운다.

    돌려주는 것: (미니배치마다의 학습률, 손실) 넘파이 배열 두 개.
    모델의 가중치는 망가지므로 탐색이 끝난 모델은 버린다.
    """
    n_steps = len(X) // batch_size  # 모든 미니배치의 크기를 같게
    X, y = X[:n_steps * batch_size], y[:n_steps * batch_size]
    factor = (max_rate / min_rate) ** (1 / (n_steps - 1))
    model.optimizer.learning_rate = min_rate
    callback = ExponentialLearningRate(factor)
    model.fit(X, y, epochs=1, batch_size=batch_size, shuffle=False,
              callbacks=[callback], verbose=0)
    return np.array(callback.rates), np.array(callback.losses)


def smooth(values, beta=0.9):
    """지수 이동 평균(처음 값들의 치우침을 보정한 것)."""
    averages, average = [], 0.0
    for step, value in enumerate(values, start=1):
        average = beta * average + (1 - beta) * value
        averages.append(average / (1 - beta ** step))
    return np.array(averages)


def pick_learning_rate(rates, losses):
    """매끄럽게 한 손실이 가장 낮은 학습률과, 그 1/10인 고른 학습률."""
    turn = int(np.argmin(smooth(losses)))
    return rates[turn], rates[turn] / 10
# --8<-- [end:lr_sweep]


# --8<-- [start:plot_sweep]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.ticker import StrMethodFormatter


def plot_lr_sweep(rates, losses, chosen_rate):
    """학습률(로그 눈금)에 따른 미니배치 손실과 그 이동 평균을 그린다."""
    smoothed = smooth(losses)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.plot(rates, losses, "-", color="#1f77b4", linewidth=1,
            alpha=0.35, label="미니배치 손실")
    ax.plot(rates, smoothed, "-", color="#1f77b4", linewidth=2,
            label="이동 평균")
    turn = int(np.argmin(smoothed))
    ax.plot(rates[turn], smoothed[turn], "o", color="#d62728",
            label="이동 평균이 가장 낮은 곳")
    ax.axvline(chosen_rate, color="#2ca02c", linestyle="--",
               label=f"고른 학습률 {chosen_rate:.2g}")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:g}"))
    ax.set_ylim(0, 1.5 * smoothed[0])
    ax.set_xlabel("학습률 (로그 눈금)")
    ax.set_ylabel("손실")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower left")
    return fig
# --8<-- [end:plot_sweep]


# --8<-- [start:ex_deep]
import os


def train_deep_mlp(train, valid, learning_rate, log_root, n_hidden=4,
                   n_neurons=100, max_epochs=30, patience=3):
    """체크포인트, 조기 종료, 텐서보드 기록을 켜고 깊은 MLP를 훈련한다.

    log_root 폴더 안에 가장 좋은 모델(best.keras)과 텐서보드 기록(logs/)을
    남긴다. 돌려주는 것: (모델, 훈련 기록, 체크포인트 파일의 경로).
    """
    model = build_mlp(n_hidden=n_hidden, n_neurons=n_neurons,
                      learning_rate=learning_rate, optimizer="adam")
    checkpoint_path = os.path.join(log_root, "best.keras")
    callbacks = [
        keras.callbacks.ModelCheckpoint(checkpoint_path,
                                        monitor="val_accuracy",
                                        save_best_only=True),
        keras.callbacks.EarlyStopping(monitor="val_accuracy",
                                      patience=patience,
                                      restore_best_weights=True),
        keras.callbacks.TensorBoard(os.path.join(log_root, "logs")),
    ]
    history = model.fit(*train, epochs=max_epochs,
                        validation_data=valid, callbacks=callbacks,
                        verbose=0)
    return model, history, checkpoint_path
# --8<-- [end:ex_deep]


# 책 2판의 사이킷런 래퍼. 페이지는 이 구간을 실행해 그 예외를 보여 준다.
def book_sklearn_wrapper():
    """책 2판의 keras.wrappers.scikit_learn: 지금은 없어 AttributeError가 난다."""
    # --8<-- [start:book_sklearn_wrapper]
    # 책 2판의 줄
    keras_reg = keras.wrappers.scikit_learn.KerasRegressor(build_model)
    # --8<-- [end:book_sklearn_wrapper]
    return keras_reg


def main():
    # --8<-- [start:data_usage]
    train, valid, test = load_digit_images()
    X_train, y_train = train
    print("훈련·검증·테스트:", len(X_train), len(valid[0]), len(test[0]))
    # --8<-- [end:data_usage]

    # --8<-- [start:search_usage]
    trials, best_hp, best_model = random_search(train, valid, seed=7)
    header = ["시도", "은닉층", "뉴런", "학습률", "옵티마이저", "검증 정확도"]
    print("  ".join(header))
    for t in trials:
        print(f"{t['trial']:>4}  {t['n_hidden']:>6}  {t['n_neurons']:>4}  "
              f"{t['learning_rate']:>6.4f}  {t['optimizer']:>10}  "
              f"{t['val_accuracy']:>11.3f}")
    best_trial = max(trials, key=lambda t: t["val_accuracy"])
    print("가장 좋은 시도:", best_trial["trial"])
    print("가장 좋은 하이퍼파라미터:",
          {k: round(v, 4) if isinstance(v, float) else v
           for k, v in best_hp.values.items()})
    assert len(trials) == 3
    slow = [t for t in trials
            if t["optimizer"] == "sgd" and t["learning_rate"] < 0.02]
    assert slow and all(t["val_accuracy"] < 0.5 for t in slow)  # 거의 못 배움
    assert {k: best_trial[k] for k in best_hp.values} == best_hp.values
    _, valid_accuracy = best_model.evaluate(*valid, verbose=0)
    print(f"가장 좋은 모델의 검증 정확도: {valid_accuracy:.3f}")
    assert np.isclose(valid_accuracy, best_trial["val_accuracy"])
    # --8<-- [end:search_usage]

    # --8<-- [start:baseline_usage]
    baseline = build_mlp(n_hidden=2, n_neurons=64, learning_rate=0.1)  # SGD
    history = baseline.fit(*train, epochs=3, validation_data=valid,
                           verbose=0)
    baseline_accuracy = max(history.history["val_accuracy"])
    print(f"튜닝하지 않은 모델(SGD, 학습률 0.1): {baseline_accuracy:.3f}")
    print(f"튜너가 고른 모델:                  "
          f"{best_trial['val_accuracy']:.3f}")
    assert best_trial["val_accuracy"] > baseline_accuracy
    # --8<-- [end:baseline_usage]

    # --8<-- [start:final_usage]
    final_model = build_model(best_hp)  # 고른 값으로 새 모델을 만든다
    X_full = np.concatenate([X_train, valid[0]])  # 훈련 + 검증
    y_full = np.concatenate([y_train, valid[1]])
    final_model.fit(X_full, y_full, epochs=3, verbose=0)
    _, final_accuracy = final_model.evaluate(*test, verbose=0)
    print(f"훈련+검증 {len(X_full)}장으로 다시 훈련한 모델의 "
          f"테스트 정확도: {final_accuracy:.3f}")
    assert len(X_full) == len(X_train) + len(valid[0])
    assert final_accuracy > 0.9
    # --8<-- [end:final_usage]

    # --8<-- [start:hyperband_usage]
    with tempfile.TemporaryDirectory() as tmp_dir:
        hyperband_tuner = kt.Hyperband(
            build_model, objective="val_accuracy", max_epochs=3,
            factor=3, hyperband_iterations=1, seed=42,
            directory=tmp_dir, project_name="hyperband", overwrite=True)
        with warnings.catch_warnings():
            # 다음 라운드가 앞 라운드의 가중치만 불러오며 내는 경고
            # (옵티마이저 상태는 새로 시작한다)
            warnings.filterwarnings("ignore",
                                    "Skipping variable loading")
            hyperband_tuner.search(*train, validation_data=valid,
                                   verbose=0)
    rounds = hyperband_rounds(hyperband_tuner)
    print("브래킷  라운드  에포크  모델 수")
    for (bracket, round_, epochs), n_models in rounds.items():
        print(f"{bracket:>6}  {round_:>6}  {epochs:>6}  {n_models:>7}")
    hyperband_hp, hyperband_score = best_of(hyperband_tuner)
    print("가장 좋은 하이퍼파라미터:", hyperband_hp)
    print(f"가장 좋은 검증 정확도: {hyperband_score:.3f}")
    assert rounds == {(1, 0, 1): 3, (1, 1, 3): 1, (0, 0, 3): 2}
    assert hyperband_score < best_trial["val_accuracy"]  # 랜덤 탐색보다 낮다
    # --8<-- [end:hyperband_usage]

    # --8<-- [start:bayesian_usage]
    with tempfile.TemporaryDirectory() as tmp_dir:
        bayesian_tuner = kt.BayesianOptimization(
            build_model, objective="val_accuracy", max_trials=3,
            num_initial_points=2, alpha=1e-4, beta=2.6, seed=42,
            directory=tmp_dir, project_name="bayesian", overwrite=True)
        bayesian_tuner.search(*train, epochs=2, validation_data=valid,
                              verbose=0)
    bayesian_trials = list(bayesian_tuner.oracle.trials.values())
    for trial in bayesian_trials:
        how = "무작위" if int(trial.trial_id) < 2 else "가우스 과정"
        print(f"시도 {trial.trial_id}({how}): "
              f"{rounded(trial.hyperparameters.values)}")
        print(f"  검증 정확도 {trial.score:.3f}")
    bayesian_hp, bayesian_score = best_of(bayesian_tuner)
    print(f"가장 좋은 검증 정확도: {bayesian_score:.3f}")
    first_two = max(trial.score for trial in bayesian_trials[:2])
    assert bayesian_trials[2].score == bayesian_score > first_two
    # --8<-- [end:bayesian_usage]

    # --8<-- [start:hypermodel_usage]
    with tempfile.TemporaryDirectory() as tmp_dir:
        hypermodel_tuner = kt.RandomSearch(
            DigitsHyperModel(), objective="val_accuracy", max_trials=2,
            seed=45, directory=tmp_dir, project_name="hypermodel",
            overwrite=True)
        hypermodel_tuner.search(*train, epochs=2, validation_data=valid,
                                verbose=0)
    hypermodel_trials = list(hypermodel_tuner.oracle.trials.values())
    for trial in hypermodel_trials:
        values = rounded(trial.hyperparameters.values)
        normalize = values.pop("normalize")
        batch_size = values.pop("batch_size")
        print(f"시도 {trial.trial_id}: {values}")
        print(f"  정규화 {normalize}, 배치 크기 {batch_size}"
              f" → 검증 정확도 {trial.score:.3f}")
    hypermodel_hp, hypermodel_score = best_of(hypermodel_tuner)
    print(f"가장 좋은 검증 정확도: {hypermodel_score:.3f}")
    first = hypermodel_trials[0].hyperparameters.values
    assert (first["normalize"], first["batch_size"]) == (False, 16)
    assert hypermodel_hp["batch_size"] in [16, 32, 64]
    # --8<-- [end:hypermodel_usage]

    # --8<-- [start:sweep_usage]
    model = build_mlp(n_hidden=2, n_neurons=64)  # SGD
    rates, losses = sweep_learning_rate(model, X_train, y_train)
    turn_rate, chosen_rate = pick_learning_rate(rates, losses)
    smoothed = smooth(losses)
    print(f"미니배치 {len(rates)}개, 학습률 {rates[0]:.0e} → {rates[-1]:.0e}")
    print(f"이동 평균 손실: 처음 {smoothed[0]:.2f}, "
          f"가장 낮을 때 {smoothed.min():.2f}, 마지막 {smoothed[-1]:.2f}")
    print(f"손실이 가장 낮은 학습률: {turn_rate:.3g}")
    print(f"고른 학습률(그 1/10): {chosen_rate:.3g}")
    assert np.isclose(rates[0], 1e-3) and np.isclose(rates[-1], 10.0)
    assert smoothed[-1] > smoothed[0] > smoothed.min()  # 끝에서 치솟는다
    assert 0.1 < turn_rate < 1
    # --8<-- [end:sweep_usage]

    # --8<-- [start:plot_sweep_usage]
    fig = plot_lr_sweep(rates, losses, chosen_rate)
    # --8<-- [end:plot_sweep_usage]

    # --8<-- [start:try_rates_usage]
    candidates = {"고른 학습률(1/10)": chosen_rate,
                  "가장 낮은 곳의 1/2": turn_rate / 2,
                  "가장 낮은 곳": turn_rate}
    curves = {}
    for name, rate in candidates.items():
        fresh = build_mlp(n_hidden=2, n_neurons=64, learning_rate=rate)
        history = fresh.fit(*train, epochs=4, validation_data=valid,
                            verbose=0)
        curves[name] = np.array(history.history["val_accuracy"])
        print(f"{name} ({rate:.3f}):")
        print("  " + " ".join(f"{a:.2f}" for a in curves[name]))
    safe, half, turn = curves.values()
    assert (np.diff(safe) >= 0).all()  # 한 번도 뒤로 가지 않는다
    assert np.diff(turn).min() < -0.05  # 한 번 크게 떨어진다
    assert safe[-1] < min(half[-1], turn[-1])  # 하지만 가장 느리다
    assert np.diff(half).min() > -0.05 and turn[0] > safe[0]
    # --8<-- [end:try_rates_usage]

    # --8<-- [start:wrappers_usage]
    import importlib.util

    old = importlib.util.find_spec("keras.wrappers.scikit_learn")
    print("keras.wrappers.scikit_learn이 있는가?", old is not None)
    print("keras.wrappers에 있는 것:",
          [name for name in dir(keras.wrappers) if name.startswith("SK")])
    assert old is None and hasattr(keras.wrappers, "SKLearnClassifier")
    # --8<-- [end:wrappers_usage]

    # --8<-- [start:ex_factor_usage]
    n_steps = len(X_train) // 8  # 미니배치 8개씩, 남는 샘플은 버린다
    factor = (10.0 / 1e-3) ** (1 / (n_steps - 1))
    print(f"미니배치 {n_steps}개, 한 번에 {factor:.4f}배")
    print(f"학습률이 10배가 되는 데 걸리는 미니배치: "
          f"{np.log(10) / np.log(factor):.1f}개")
    assert len(rates) == n_steps
    assert np.allclose(rates[1:] / rates[:-1], factor, rtol=1e-4)
    # --8<-- [end:ex_factor_usage]

    # --8<-- [start:ex_deep_usage]
    sweep_model = build_mlp(n_hidden=4, n_neurons=100, optimizer="adam")
    rates, losses = sweep_learning_rate(sweep_model, X_train, y_train,
                                        min_rate=1e-4, max_rate=1.0)
    turn_rate, deep_rate = pick_learning_rate(rates, losses)
    print(f"손실이 가장 낮은 학습률 {turn_rate:.3g} → 고른 학습률 "
          f"{deep_rate:.3g}")
    with tempfile.TemporaryDirectory() as log_root:
        deep, history, checkpoint = train_deep_mlp(train, valid, deep_rate,
                                                   log_root)
        best_epoch = int(np.argmax(history.history["val_accuracy"]))
        print(f"훈련한 에포크: {len(history.epoch)}, "
              f"가장 좋은 에포크: {best_epoch + 1}")
        saved = keras.models.load_model(checkpoint)
        logs = sorted(os.listdir(os.path.join(log_root, "logs")))
        print("텐서보드 기록 폴더:", logs)
        _, test_accuracy = deep.evaluate(*test, verbose=0)
        _, saved_accuracy = saved.evaluate(*test, verbose=0)
    print(f"테스트 정확도: {test_accuracy:.3f} "
          f"(체크포인트에서 불러온 모델: {saved_accuracy:.3f})")
    assert logs == ["train", "validation"]
    assert len(history.epoch) < 30  # 조기 종료가 멈췄다
    assert np.isclose(test_accuracy, saved_accuracy)  # 같은 가중치
    assert 0.95 <= test_accuracy < 0.98
    # --8<-- [end:ex_deep_usage]

    # --8<-- [start:ex_batch_usage]
    import math

    for batch_size in (32, 256):
        seen = []  # 미니배치가 끝날 때마다 그 번호를 모은다
        counter = keras.callbacks.LambdaCallback(
            on_train_batch_end=lambda batch, logs: seen.append(batch))
        small = build_mlp(n_hidden=1, n_neurons=8)
        small.fit(X_train, y_train, epochs=1, batch_size=batch_size,
                  verbose=0, callbacks=[counter])
        expected = math.ceil(len(X_train) / batch_size)
        print(f"배치 크기 {batch_size}: 에포크 하나에 미니배치 {len(seen)}개 "
              f"(⌈{len(X_train)} / {batch_size}⌉ = {expected})")
        assert len(seen) == expected
    # --8<-- [end:ex_batch_usage]
    return fig


if __name__ == "__main__":
    main()
