"""회귀 MLP로 당뇨병 진행 정도를 예측하고, 이상치 앞의 MSE·MAE·후버 손실을 비교한다.

이 모듈은 docs/regression.md(10.1.5 회귀를 위한 다층 퍼셉트론) 페이지에 실린다.
"""


# --8<-- [start:data]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def load_data(seed=42):
    """당뇨병 데이터를 훈련·검증·테스트(60:20:20)로 나누고 특성을 표준화한다."""
    X, y = load_diabetes(return_X_y=True)  # (442, 10), (442,)
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25, random_state=seed)
    scaler = StandardScaler().fit(X_train)  # 평균·표준편차는 훈련 세트에서만
    return ((scaler.transform(X_train), y_train),
            (scaler.transform(X_valid), y_valid),
            (scaler.transform(X_test), y_test))
# --8<-- [end:data]


# --8<-- [start:baseline]
def constant_mse(y_train, y):
    """모든 샘플을 훈련 타깃의 평균 하나로 예측했을 때 y에 대한 MSE."""
    return float(np.mean((y - y_train.mean()) ** 2))
# --8<-- [end:baseline]


# --8<-- [start:sklearn]
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.neural_network import MLPRegressor


def fit_sklearn_regressors(X_train, y_train, seed=42):
    """같은 훈련 세트로 선형 회귀와 사이킷런의 MLPRegressor를 훈련한다.

    MLP는 ReLU 뉴런 10개짜리 은닉층 하나에 L2 규제(alpha=10)를 둔다. 샘플이
    264개뿐이라 이보다 큰 네트워크는 훈련 세트에 과대적합한다.
    """
    linear = LinearRegression().fit(X_train, y_train)
    mlp = MLPRegressor(hidden_layer_sizes=(10,), alpha=10.0,
                       learning_rate_init=0.01, max_iter=2000,
                       random_state=seed).fit(X_train, y_train)
    return linear, mlp
# --8<-- [end:sklearn]


# --8<-- [start:model]
import keras
import tensorflow as tf


def build_regressor(n_inputs, n_hidden=(30, 30), output_activation=None,
                    learning_rate=0.01, seed=42):
    """ReLU 은닉층들 위에 출력 뉴런 하나를 얹은 회귀 MLP를 만든다."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential([keras.Input(shape=(n_inputs,))])
    for n_units in n_hidden:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(1, activation=output_activation))
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss="mse", optimizer=optimizer)
    return model


def train_regressor(X_train, y_train, X_valid, y_valid, epochs=30,
                    seed=42, **model_options):
    """회귀 MLP를 만들어 훈련하고 (모델, 훈련 기록)을 돌려준다."""
    model = build_regressor(X_train.shape[1], seed=seed,
                            **model_options)
    history = model.fit(X_train, y_train, epochs=epochs,
                        validation_data=(X_valid, y_valid), verbose=0)
    return model, history
# --8<-- [end:model]


# --8<-- [start:plot_curves]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.ticker import MaxNLocator


def plot_learning_curves(history, baseline=None):
    """에포크마다 훈련·검증 MSE를 로그 눈금으로 그린 Figure를 돌려준다."""
    epochs = np.arange(1, len(history.history["loss"]) + 1)
    fig, ax = plt.subplots(figsize=(5, 3.4))
    ax.plot(epochs, history.history["loss"], "-", color="#1f77b4",
            label="훈련 세트")
    ax.plot(epochs, history.history["val_loss"], "-", color="#d62728",
            label="검증 세트")
    if baseline is not None:
        ax.axhline(baseline, color="gray", linestyle="--",
                   label="상수 예측기(검증 세트)")
    ax.set_yscale("log")
    ax.set_xlabel("에포크")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # 에포크는 정수
    ax.set_ylabel("MSE (로그 눈금)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return fig
# --8<-- [end:plot_curves]


# --8<-- [start:losses]
def mse_loss(error):
    """오차의 제곱."""
    return error ** 2


def mae_loss(error):
    """오차의 절댓값."""
    return np.abs(error)


def huber_loss(error, delta=1.0):
    """|오차| <= delta이면 0.5·오차², 그 밖에서는 delta·(|오차| − 0.5·delta)."""
    abs_error = np.abs(error)
    return np.where(abs_error <= delta, 0.5 * error ** 2,
                    delta * (abs_error - 0.5 * delta))


LOSSES = {"MSE": mse_loss, "MAE": mae_loss, "후버": huber_loss}
# --8<-- [end:losses]


# --8<-- [start:plot_losses]
def plot_losses(delta=1.0, max_error=4.0):
    """세 손실(위)과 그 그레이디언트(아래)를 오차의 함수로 그린 Figure."""
    error = np.linspace(-max_error, max_error, 401)
    mae_grad = np.sign(error)
    mae_grad[error == 0] = np.nan  # 0에서 -1에서 1로 뛴다: 세로선으로 잇지 않는다
    gradients = {"MSE": 2 * error, "MAE": mae_grad,
                 "후버": np.clip(error, -delta, delta)}
    styles = {"MSE": dict(color="#1f77b4"),
              "MAE": dict(color="#2ca02c", linestyle="--", zorder=3),
              "후버": dict(color="#d62728", linewidth=2.5)}
    fig, (ax_loss, ax_grad) = plt.subplots(2, 1, figsize=(5, 6),
                                           sharex=True)
    for name, loss in LOSSES.items():
        ax_loss.plot(error, loss(error), label=name, **styles[name])
        ax_grad.plot(error, gradients[name], label=name, **styles[name])
    for ax in (ax_loss, ax_grad):
        ax.axvspan(-delta, delta, color="#eeeeee")  # 후버 손실이 2차인 구간
        ax.grid(True, alpha=0.3)
    ax_grad.set_xlabel("오차 (예측 - 타깃)")
    ax_loss.set_ylabel("손실")
    ax_loss.set_ylim(0, max_error)
    ax_grad.set_ylabel("그레이디언트")
    ax_grad.set_ylim(-max_error, max_error)
    ax_loss.legend()
    fig.tight_layout()
    return fig
# --8<-- [end:plot_losses]


# --8<-- [start:outliers]
def make_targets(n=101, n_outliers=5, outlier=15.0, seed=42):
    """표준정규분포 타깃과, 그중 n_outliers개를 outlier로 망가뜨린 복사본."""
    rng = np.random.default_rng(seed)
    y = rng.normal(0.0, 1.0, size=n)
    y_dirty = y.copy()
    y_dirty[:n_outliers] = outlier
    return y, y_dirty


def best_constant(y, loss, candidates=np.linspace(-3, 3, 6001)):
    """모든 샘플에 같은 값 c를 예측할 때 평균 손실이 가장 작은 c."""
    mean_losses = loss(candidates[:, None] - y).mean(axis=1)
    return float(candidates[np.argmin(mean_losses)])
# --8<-- [end:outliers]


# --8<-- [start:activations]
def output_activations(z):
    """출력층에 자주 쓰는 활성화 함수의 값을 이름별로 돌려준다."""
    functions = {"ReLU": keras.activations.relu,
                 "소프트플러스": keras.activations.softplus,
                 "로지스틱": keras.activations.sigmoid,
                 "tanh": keras.activations.tanh}
    z = np.asarray(z, dtype="float32")
    return {name: keras.ops.convert_to_numpy(f(z))
            for name, f in functions.items()}
# --8<-- [end:activations]


# --8<-- [start:ex_overfit]
def fit_mlp_regressor(X_train, y_train, hidden_layer_sizes, alpha,
                      seed=42):
    """은닉층 구성과 L2 규제의 세기(alpha)만 바꿔 MLPRegressor를 훈련한다.

    나머지 설정은 fit_sklearn_regressors()의 MLP와 같다.
    """
    return MLPRegressor(hidden_layer_sizes=hidden_layer_sizes,
                        alpha=alpha,
                        learning_rate_init=0.01, max_iter=2000,
                        random_state=seed).fit(X_train, y_train)
# --8<-- [end:ex_overfit]


# --8<-- [start:ex_gradient]
def numerical_gradient(loss, error, h=1e-6):
    """중앙 차분 (loss(e + h) - loss(e - h)) / 2h로 구한 도함수의 근삿값."""
    return (loss(error + h) - loss(error - h)) / (2 * h)
# --8<-- [end:ex_gradient]


def main():
    # --8<-- [start:data_usage]
    train, valid, test = load_data()
    X_train, y_train = train
    X_valid, y_valid = valid
    X_test, y_test = test
    print("훈련·검증·테스트 샘플 수:", len(X_train), len(X_valid), len(X_test))
    print("타깃 범위:", y_train.min(), "~", y_train.max(),
          " 평균:", round(y_train.mean(), 1))
    print("표준화한 훈련 특성의 평균·표준편차:",
          X_train.mean().round(3), X_train.std().round(3))
    # --8<-- [end:data_usage]

    # --8<-- [start:baseline_usage]
    print("상수 예측기의 검증 MSE:", round(constant_mse(y_train, y_valid), 1))
    print("상수 예측기의 테스트 MSE:", round(constant_mse(y_train, y_test), 1))
    # --8<-- [end:baseline_usage]

    # --8<-- [start:train_usage]
    model, history = train_regressor(X_train, y_train, X_valid, y_valid)
    print("파라미터 수:", model.count_params())
    valid_mse = model.evaluate(X_valid, y_valid, verbose=0)
    test_mse = model.evaluate(X_test, y_test, verbose=0)
    print(f"검증 MSE: {valid_mse:.1f}  (상수 예측기 "
          f"{constant_mse(y_train, y_valid):.1f})")
    print(f"테스트 MSE: {test_mse:.1f}  (상수 예측기 "
          f"{constant_mse(y_train, y_test):.1f})")
    print(f"테스트 RMSE: {np.sqrt(test_mse):.1f}")
    y_pred = model.predict(X_test[:3], verbose=0)  # (3, 1)
    print("처음 세 환자의 예측:", y_pred.ravel().round(1),
          " 실제:", y_test[:3])
    # --8<-- [end:train_usage]

    # --8<-- [start:sklearn_usage]
    linear, sk_mlp = fit_sklearn_regressors(X_train, y_train)
    scores = {
        "상수 예측기": constant_mse(y_train, y_valid),
        "선형 회귀": mean_squared_error(y_valid, linear.predict(X_valid)),
        "MLPRegressor (10)": mean_squared_error(y_valid,
                                                sk_mlp.predict(X_valid)),
        "케라스 MLP (30, 30)": valid_mse,
    }
    for name, score in scores.items():
        print(f"검증 MSE {score:7.1f}  {name}")
    print("MLPRegressor가 수렴한 에포크:", sk_mlp.n_iter_)
    print("MLPRegressor의 출력층 활성화 함수:", sk_mlp.out_activation_,
          " 손실:", sk_mlp.loss)
    assert sk_mlp.out_activation_ == "identity"  # 활성화 함수 없음
    # --8<-- [end:sklearn_usage]

    # --8<-- [start:plot_curves_usage]
    fig = plot_learning_curves(history,
                               baseline=constant_mse(y_train, y_valid))
    # --8<-- [end:plot_curves_usage]

    # --8<-- [start:losses_usage]
    error = np.array([0.5, -2.0, 10.0])
    print("오차:", error)
    for name, loss in LOSSES.items():
        print(f"{name} 손실: {loss(error)}")
    keras_huber = keras.losses.Huber(delta=1.0)(np.zeros(3), error)
    print("keras.losses.Huber와 같은가?",
          np.isclose(float(keras_huber), huber_loss(error).mean()))
    # --8<-- [end:losses_usage]

    # --8<-- [start:plot_losses_usage]
    fig = plot_losses(delta=1.0)
    # --8<-- [end:plot_losses_usage]

    # --8<-- [start:outliers_usage]
    y_clean, y_dirty = make_targets()
    print("평균 손실이 가장 작은 상수: 이상치 없음 → 이상치 5개")
    moved = {}
    for name, loss in LOSSES.items():
        c_clean = best_constant(y_clean, loss)
        c_dirty = best_constant(y_dirty, loss)
        moved[name] = round(c_dirty - c_clean, 3)
        print(f"  {name}: {c_clean:.3f} → {c_dirty:.3f} "
              f"({c_dirty - c_clean:+.3f})")
    assert moved == {"MSE": 0.753, "MAE": 0.083, "후버": 0.060}
    # 이상치로 바뀐 5개 가운데 2개는 원래 중앙값 아래에 있었다
    assert (y_clean[:5] < np.median(y_clean)).sum() == 2
    print("타깃의 평균:", y_clean.mean().round(3), "→", y_dirty.mean().round(3))
    print("타깃의 중앙값:", np.median(y_clean).round(3), "→",
          np.median(y_dirty).round(3))
    # --8<-- [end:outliers_usage]

    # --8<-- [start:activations_usage]
    z = np.array([-5.0, -1.0, 0.0, 1.0, 5.0])
    print("z:", z)
    for name, values in output_activations(z).items():
        print(f"{name}: {values.round(3)}")
    softplus = output_activations(z)["소프트플러스"]
    print("소프트플러스 = log(1 + e^z)인가?",
          np.allclose(softplus, np.log1p(np.exp(z)), atol=1e-6))
    # --8<-- [end:activations_usage]

    # --8<-- [start:ex_house_usage]
    house_model = build_regressor(8)  # 출력 뉴런 1개, 활성화 함수 없음
    positive_model = build_regressor(8, output_activation="softplus")
    X_houses = np.random.default_rng(42).normal(size=(100, 8))  # 표준화한 특성
    z = keras.ops.convert_to_numpy(house_model(X_houses))  # (100, 1)
    price = keras.ops.convert_to_numpy(positive_model(X_houses))
    print("출력 뉴런 수:", house_model.layers[-1].units, " 출력 모양:", z.shape)
    print(f"활성화 함수 없음: 가장 작은 출력 {z.min():.3f}")
    print(f"소프트플러스:     가장 작은 출력 {price.min():.3f}")
    assert house_model.layers[-1].units == 1 and z.shape == (100, 1)
    assert (z < 0).any() and (price > 0).all()
    # 같은 시드라 가중치가 같다: 소프트플러스는 z를 log(1 + e^z)로 바꿀 뿐이다
    assert np.allclose(price, np.log1p(np.exp(z)), atol=1e-5)
    # --8<-- [end:ex_house_usage]

    # --8<-- [start:ex_overfit_usage]
    big = fit_mlp_regressor(X_train, y_train, (50, 50), alpha=0.0)
    big_l2 = fit_mlp_regressor(X_train, y_train, (50, 50), alpha=1000.0)
    results = []  # 모델마다 (훈련 MSE, 검증 MSE)
    for net in (sk_mlp, big, big_l2):  # sk_mlp: 위에서 훈련한 MLPRegressor
        results.append((mean_squared_error(y_train, net.predict(X_train)),
                        mean_squared_error(y_valid, net.predict(X_valid))))
        print(f"은닉층 {net.hidden_layer_sizes}, alpha={net.alpha:g}")
        train_mse, valid_mse = results[-1]
        print(f"  훈련 MSE {train_mse:6.1f}  검증 MSE {valid_mse:6.1f}")
    small, big, l2 = results
    (small_train, small_valid), (big_train, big_valid) = small, big
    l2_valid = l2[1]
    # 큰 네트워크는 훈련 세트를 훨씬 잘 맞히지만 검증 세트는 더 못 맞힌다
    assert big_train < small_train / 2 and big_valid > small_valid
    assert l2_valid < big_valid  # 강한 L2 규제가 검증 MSE를 다시 낮춘다
    # --8<-- [end:ex_overfit_usage]

    # --8<-- [start:ex_gradient_usage]
    error = np.array([0.5, 3.0])
    exact = {"MSE": 2 * error, "MAE": np.sign(error),
             "후버": np.clip(error, -1.0, 1.0)}  # 후버는 δ = 1
    print("오차:", error)
    for name, loss in LOSSES.items():
        gradient = numerical_gradient(loss, error)
        print(f"{name} 그레이디언트: {gradient.round(3)}")
        assert np.allclose(gradient, exact[name], atol=1e-4)
    # --8<-- [end:ex_gradient_usage]
    return fig


if __name__ == "__main__":
    main()
