"""케라스 시퀀셜 API로 숫자 이미지 분류 MLP와 회귀 MLP를 만들고 훈련·평가한다.

이 모듈은 docs/sequential.md(10.2.2–10.2.3 시퀀셜 API) 페이지에 실린다.
"""

# 10.1.5 회귀 페이지의 함수들: 페이지는 그 구간들을 그대로 포함해 실행한다
from snippets.regression import constant_mse, load_data, train_regressor


# --8<-- [start:data]
import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def load_digit_images(seed=42):
    """8×8 숫자 이미지를 훈련·검증·테스트(60:20:20)로 나누고 0~1로 바꾼다."""
    digits = load_digits()
    X = digits.images / 16.0  # (1797, 8, 8), 픽셀값 0~16 → 0~1
    y = digits.target  # (1797,), 정수 0~9
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25,
        stratify=y_train_full, random_state=seed)
    return (X_train, y_train), (X_valid, y_valid), (X_test, y_test)
# --8<-- [end:data]


# --8<-- [start:model]
def build_model(n_hidden=(100, 50), seed=42):
    """8×8 이미지를 펼쳐 ReLU 은닉층들과 소프트맥스 출력층 10개에 넣는다."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential()
    model.add(keras.Input(shape=(8, 8)))
    model.add(keras.layers.Flatten())  # (8, 8) → (64,)
    for n_units in n_hidden:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    return model
# --8<-- [end:model]


# --8<-- [start:params]
def dense_params(n_inputs, n_units):
    """밀집 층의 파라미터 수: 연결 가중치 n_inputs × n_units + 편향 n_units."""
    return n_inputs * n_units + n_units
# --8<-- [end:params]


# --8<-- [start:plot_curves]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.ticker import MaxNLocator


def plot_history(history):
    """훈련 기록의 네 곡선(손실·정확도 × 훈련·검증)을 한 축에 그린다."""
    epochs = np.arange(1, len(history.epoch) + 1)
    styles = {"loss": ("훈련 손실", "#1f77b4", "-"),
              "val_loss": ("검증 손실", "#1f77b4", "--"),
              "accuracy": ("훈련 정확도", "#d62728", "-"),
              "val_accuracy": ("검증 정확도", "#d62728", "--")}
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for key, (label, color, linestyle) in styles.items():
        ax.plot(epochs, history.history[key], linestyle, color=color,
                marker=".", label=label)
    ax.set_xlabel("에포크")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # 에포크는 정수
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper right")
    return fig
# --8<-- [end:plot_curves]


# --8<-- [start:plot_digits]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴


def plot_digits(images, titles, n_cols=5):
    """8×8 이미지들을 n_cols열 격자로 그리고 이미지마다 제목을 단다."""
    n_rows = int(np.ceil(len(images) / n_cols))
    fig, axes = plt.subplots(n_rows, n_cols,
                             figsize=(5, 1.25 * n_rows + 0.2),
                             squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, title in zip(axes.flat, images, titles):
        ax.imshow(image, cmap="binary", vmin=0, vmax=1)
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig
# --8<-- [end:plot_digits]


# --8<-- [start:regression]
from sklearn.datasets import load_diabetes


def load_raw_diabetes(seed=42):
    """표준화하지 않은 당뇨병 데이터를 회귀 페이지와 같은 행으로 나눈다."""
    # 나이는 살, 혈압은 mmHg 그대로
    X, y = load_diabetes(return_X_y=True, scaled=False)
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25, random_state=seed)
    return (X_train, y_train), (X_valid, y_valid), (X_test, y_test)


def build_normalized_regressor(X_train, n_hidden=(30, 30), seed=42):
    """맨 앞의 Normalization 층이 훈련 세트로 표준화를 배우는 회귀 MLP."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    norm_layer = keras.layers.Normalization()
    norm_layer.adapt(X_train)  # 특성마다 평균과 분산을 잰다
    model = keras.Sequential([keras.Input(shape=X_train.shape[1:]),
                              norm_layer])
    for n_units in n_hidden:
        model.add(keras.layers.Dense(n_units, activation="relu"))
    model.add(keras.layers.Dense(1))
    model.compile(loss="mse",
                  optimizer=keras.optimizers.Adam(learning_rate=0.01))
    return model
# --8<-- [end:regression]


# 책의 코드 가운데 오늘의 케라스에서 그대로 돌지 않는 줄. 페이지는 각 구간을
# 실행해 케라스가 내는 예외나 경고를 보여 준다(구간이 더는 예외를 내지 않으면
# 빌드가 실패한다). 함수로 감싼 것은 테스트가 부르기 위해서다.
def book_input_shape():
    """책(2판·3판)의 첫 층: input_shape= 인자. 케라스 3은 UserWarning을 낸다."""
    # --8<-- [start:book_input_shape]
    book_model = keras.Sequential([
        keras.layers.Flatten(input_shape=[28, 28]),  # 책의 첫 층
        keras.layers.Dense(10, activation="softmax"),
    ])
    # --8<-- [end:book_input_shape]
    return book_model


def book_input_layer():
    """책 3판의 첫 모델: InputLayer(input_shape=…). 케라스 3은 UserWarning을 낸다."""
    # --8<-- [start:book_input_layer]
    book_model = tf.keras.Sequential()  # 3판의 tf.keras: 케라스 3 그대로
    book_model.add(tf.keras.layers.InputLayer(input_shape=[28, 28]))  # 3판
    # --8<-- [end:book_input_layer]
    return book_model


def book_sgd_lr():
    """책 2판의 SGD(lr=…): 케라스 3은 모르는 인자라며 ValueError를 낸다."""
    # --8<-- [start:book_sgd_lr]
    book_optimizer = keras.optimizers.SGD(lr=0.01)  # 책 2판의 인자 이름
    # --8<-- [end:book_sgd_lr]
    return book_optimizer


def book_predict_classes(model, X_test):
    """책 2판의 predict_classes(): 이제 없는 메서드라 AttributeError가 난다."""
    # --8<-- [start:book_predict_classes]
    book_pred = model.predict_classes(X_test[:3])  # 책 2판
    # --8<-- [end:book_predict_classes]
    return book_pred


def main():
    # --8<-- [start:data_usage]
    train, valid, test = load_digit_images()
    X_train, y_train = train
    X_valid, y_valid = valid
    X_test, y_test = test
    print("훈련·검증·테스트:", X_train.shape, X_valid.shape, X_test.shape)
    print("픽셀값 범위:", X_train.min(), "~", X_train.max(), X_train.dtype)
    print("처음 열 개의 레이블:", y_train[:10])
    assert [len(X_train), len(X_valid), len(X_test)] == [1077, 360, 360]
    # --8<-- [end:data_usage]

    # --8<-- [start:plot_samples_usage]
    fig = plot_digits(X_train[:10], [f"레이블 {y}" for y in y_train[:10]])
    # --8<-- [end:plot_samples_usage]

    # --8<-- [start:summary_usage]
    model = build_model()
    model.summary(print_fn=print, line_length=60)  # 휴대폰 폭
    # --8<-- [end:summary_usage]

    # --8<-- [start:params_usage]
    sizes = [64, 100, 50, 10]  # 펼친 입력, 은닉층 둘, 출력층
    expected = [dense_params(n_in, n_out)
                for n_in, n_out in zip(sizes, sizes[1:])]
    print("층마다 파라미터 수:", expected, " 합계:", sum(expected))
    assert expected == [6500, 5050, 510]
    assert [layer.count_params() for layer in model.layers[1:]] == expected
    assert model.count_params() == sum(expected) == 12060
    assert expected[0] > sum(expected) / 2  # 첫 은닉층에 절반 넘게
    # --8<-- [end:params_usage]

    # --8<-- [start:weights_usage]
    print("층:", [layer.name for layer in model.layers])
    hidden1 = model.layers[1]
    weights, biases = hidden1.get_weights()
    print("가중치 모양:", weights.shape, " 편향 모양:", biases.shape)
    print("가중치의 범위:", weights.min().round(3), "~",
          weights.max().round(3))
    print("편향이 모두 0인가?", bool((biases == 0).all()))
    limit = np.sqrt(6 / (64 + 100))  # 글로럿 균등 분포의 한계
    print("글로럿 한계 sqrt(6 / (64 + 100)):", limit.round(3))
    assert weights.shape == (64, 100) and biases.shape == (100,)
    assert np.abs(weights).max() <= limit
    # --8<-- [end:weights_usage]

    # --8<-- [start:loss_usage]
    y_small = np.array([2, 0])  # 정수 레이블
    y_onehot = keras.utils.to_categorical(y_small, num_classes=3)
    proba = np.array([[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    sparse = keras.losses.sparse_categorical_crossentropy(y_small, proba)
    dense = keras.losses.categorical_crossentropy(y_onehot, proba)
    print("원-핫 레이블:\n", y_onehot)
    print("sparse_categorical_crossentropy:", np.round(sparse, 4))
    print("categorical_crossentropy:       ", np.round(dense, 4))
    print("−log(정답 확률):                ", np.round(-np.log([0.7, 0.6]), 4))
    assert np.allclose(sparse, dense) and np.allclose(sparse,
                                                      -np.log([0.7, 0.6]))
    # --8<-- [end:loss_usage]

    # --8<-- [start:compile_usage]
    model.compile(loss="sparse_categorical_crossentropy",
                  optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  metrics=["accuracy"])
    # --8<-- [end:compile_usage]

    # --8<-- [start:fit_usage]
    history = model.fit(X_train, y_train, epochs=12, batch_size=32,
                        validation_data=(X_valid, y_valid), verbose=0)
    print("훈련 설정:", history.params)
    print("기록한 값:", list(history.history))
    for key, values in history.history.items():
        print(f"  {key:>12}: {values[0]:.3f} → {values[-1]:.3f}")
    assert len(history.epoch) == history.params["epochs"] == 12
    assert history.params["steps"] == 34  # 1077 / 32를 올림
    assert len(X_train) - 33 * 32 == 21  # 마지막 미니배치의 크기
    curves = history.history
    assert curves["loss"][0] > 1  # 손실은 처음 두 에포크만 1을 넘는다
    assert max(curves["loss"][2:] + curves["val_loss"][2:]) < 1
    assert abs(curves["accuracy"][-1] - curves["val_accuracy"][-1]) < 0.03
    assert (np.diff(curves["val_loss"][-4:]) < 0).all()  # 아직 내려간다
    # --8<-- [end:fit_usage]

    # --8<-- [start:plot_curves_usage]
    fig = plot_history(history)
    # --8<-- [end:plot_curves_usage]

    # --8<-- [start:book_tf_keras]
    from tensorflow import keras as tf_keras  # 2판의 import

    print("2판: tensorflow의 keras.layers.Dense는 keras.layers.Dense인가?",
          tf_keras.layers.Dense is keras.layers.Dense)
    print("3판: tf.keras.Sequential은 keras.Sequential인가?",
          tf.keras.Sequential is keras.Sequential)
    assert tf_keras.layers.Dense is keras.layers.Dense
    assert tf.keras.Sequential is keras.Sequential
    # --8<-- [end:book_tf_keras]

    # --8<-- [start:evaluate_usage]
    test_loss, test_accuracy = model.evaluate(X_test, y_test, verbose=0)
    print(f"테스트 손실: {test_loss:.3f}  테스트 정확도: {test_accuracy:.3f}")
    valid_accuracy = history.history["val_accuracy"][-1]
    valid_right = round(valid_accuracy * len(y_valid))
    test_right = round(test_accuracy * len(y_test))
    print(f"맞힌 이미지: 검증 {valid_right}/{len(y_valid)}, "
          f"테스트 {test_right}/{len(y_test)}")
    assert 0.9 < test_accuracy < valid_accuracy
    assert len(y_valid) == len(y_test) and valid_right - test_right < 8
    # --8<-- [end:evaluate_usage]

    # --8<-- [start:predict_usage]
    y_proba = model.predict(X_test[:3], verbose=0)  # (3, 10)
    print(y_proba.round(2))
    y_pred = y_proba.argmax(axis=1)  # 확률이 가장 큰 클래스
    print("예측:", y_pred, " 정답:", y_test[:3])
    assert np.allclose(y_proba.sum(axis=1), 1, atol=1e-5)
    assert (y_pred == y_test[:3]).all()  # 세 장 모두 맞혔다
    assert (y_proba[:2].max(axis=1) > 0.9).all() and y_test[2] == 8
    assert y_proba[2, 1] > 0.2  # 세 번째 이미지: 1에도 확률을 나눠 준다
    # --8<-- [end:predict_usage]

    # --8<-- [start:mistakes_usage]
    y_proba_all = model.predict(X_test, verbose=0)
    y_pred_all = y_proba_all.argmax(axis=1)
    wrong = np.flatnonzero(y_pred_all != y_test)
    print(f"틀린 테스트 이미지: {len(wrong)}개 / {len(y_test)}개")
    assert np.isclose(1 - len(wrong) / len(y_test), test_accuracy)
    shown = wrong[:10]
    titles = [f"예측 {y_pred_all[i]}\n정답 {y_test[i]}" for i in shown]
    fig = plot_digits(X_test[shown], titles)
    # --8<-- [end:mistakes_usage]

    # --8<-- [start:clear_session_usage]
    before = keras.layers.Dense(1).name
    keras.backend.clear_session()  # 케라스의 전역 상태(이름 번호 등)를 비운다
    after = keras.layers.Dense(1).name
    print("clear_session() 전에 만든 층:", before, " 뒤에 만든 층:", after)
    assert before != "dense" and after == "dense"
    # --8<-- [end:clear_session_usage]

    # --8<-- [start:regression_usage]
    (Xr_train, yr_train), _, (Xr_test, yr_test) = load_raw_diabetes()
    print("표준화 전 첫 환자의 특성:", Xr_train[0].round(1))
    reg_model = build_normalized_regressor(Xr_train)
    norm_layer = reg_model.layers[0]
    print("Normalization 층이 잰 평균(앞 세 특성):",
          np.asarray(norm_layer.mean).ravel()[:3].round(2))
    assert np.allclose(np.asarray(norm_layer.mean).ravel(),
                       Xr_train.mean(axis=0), rtol=1e-5)
    reg_model.fit(Xr_train, yr_train, epochs=30, verbose=0)
    test_mse = reg_model.evaluate(Xr_test, yr_test, verbose=0)
    n_trainable = sum(int(np.prod(w.shape))
                      for w in reg_model.trainable_weights)
    print("훈련하는 파라미터 수:", n_trainable)
    assert n_trainable == 1291  # 회귀 페이지의 모델과 같다
    print(f"Normalization 층 모델의 테스트 MSE: {test_mse:.1f}")
    # --8<-- [end:regression_usage]

    # --8<-- [start:compare_usage]
    # 10.1.5 페이지: StandardScaler로 미리 표준화한 데이터, 같은 구조의 모델
    page_train, page_valid, page_test = load_data()
    assert np.array_equal(page_train[1], yr_train)  # 같은 환자들이다
    page_model, _ = train_regressor(*page_train, *page_valid)
    page_mse = page_model.evaluate(*page_test, verbose=0)
    print(f"10.1.5 페이지 모델의 테스트 MSE: {page_mse:.1f}")
    print(f"상수 예측기의 테스트 MSE: {constant_mse(yr_train, yr_test):.1f}")
    assert f"{test_mse:.1f}" == f"{page_mse:.1f}"  # 출력한 자리까지 같다
    assert test_mse < 0.7 * constant_mse(yr_train, yr_test)
    # --8<-- [end:compare_usage]

    # --8<-- [start:ex_fashion_usage]
    fashion_model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(300, activation="relu"),
        keras.layers.Dense(100, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    counts = [layer.count_params() for layer in fashion_model.layers]
    print("층마다 파라미터 수:", counts)
    print("합계:", fashion_model.count_params())
    assert counts == [0, dense_params(784, 300), dense_params(300, 100),
                      dense_params(100, 10)] == [0, 235500, 30100, 1010]
    assert fashion_model.count_params() == 266610
    # --8<-- [end:ex_fashion_usage]

    # --8<-- [start:ex_onehot_usage]
    Y_test = keras.utils.to_categorical(y_test, num_classes=10)  # (360, 10)
    losses = keras.losses.categorical_crossentropy(Y_test, y_proba_all)
    print("원-핫 레이블로 잰 손실:", round(float(np.mean(losses)), 4))
    print("evaluate()의 손실:     ", round(test_loss, 4))
    assert np.isclose(np.mean(losses), test_loss, rtol=1e-4)
    assert (Y_test.argmax(axis=1) == y_test).all()  # 원-핫 → 정수
    # --8<-- [end:ex_onehot_usage]

    # --8<-- [start:ex_first_epoch_usage]
    train_acc = history.history["accuracy"]
    valid_acc = history.history["val_accuracy"]
    print(f"1 에포크: 훈련 정확도 {train_acc[0]:.3f}, "
          f"검증 정확도 {valid_acc[0]:.3f}")
    print(f"마지막 에포크: 훈련 정확도 {train_acc[-1]:.3f}, "
          f"검증 정확도 {valid_acc[-1]:.3f}")
    assert valid_acc[0] > train_acc[0] and train_acc[-1] > valid_acc[-1]
    # --8<-- [end:ex_first_epoch_usage]
    return fig


if __name__ == "__main__":
    main()
