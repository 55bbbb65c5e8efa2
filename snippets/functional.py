"""함수형 API로 와이드 & 딥 모델을 만들고, 같은 모델을 서브클래싱 API로 다시 만든다.

이 모듈은 docs/functional.md(10.2.4–10.2.5 함수형 API와 서브클래싱 API) 페이지에 실린다.
"""


# --8<-- [start:data]
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

WIDE = slice(0, 5)   # 와이드 경로의 특성: 0~4번 열
DEEP = slice(2, 10)  # 딥 경로의 특성: 2~9번 열 (2~4번은 양쪽에 다 들어간다)


def load_data(seed=42):
    """당뇨병 데이터를 훈련·검증·테스트(60:20:20)로 나눈다.

    표준화는 모델 안의 Normalization 층이 하므로 특성은 그대로 둔다.
    """
    data = load_diabetes()
    X, y = data.data.astype("float32"), data.target.astype("float32")
    X_train_full, X_test, y_train_full, y_test = train_test_split(
        X, y, test_size=0.2, random_state=seed)
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_train_full, y_train_full, test_size=0.25, random_state=seed)
    return ((X_train, y_train), (X_valid, y_valid), (X_test, y_test),
            data.feature_names)
# --8<-- [end:data]


# --8<-- [start:wide_deep]
import keras
import tensorflow as tf


def build_wide_deep(X_train, n_hidden=30, learning_rate=0.01, seed=42):
    """입력 전체가 와이드 경로와 딥 경로로 갈라졌다가 합쳐지는 모델."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    normalization = keras.layers.Normalization(name="normalization")
    normalization.adapt(X_train)  # 훈련 세트의 평균과 분산을 층에 담는다
    input_ = keras.Input(shape=X_train.shape[1:], name="features")
    normalized = normalization(input_)
    hidden1 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden1")(normalized)
    hidden2 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden2")(hidden1)
    concat = keras.layers.Concatenate(name="concat")(
        [normalized, hidden2])
    output = keras.layers.Dense(1, name="output")(concat)
    model = keras.Model(inputs=input_, outputs=output)
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss="mse", optimizer=optimizer)
    return model
# --8<-- [end:wide_deep]


# --8<-- [start:multi_input]
def build_two_inputs(X_train_wide, X_train_deep, n_hidden=30,
                     learning_rate=0.01, seed=42):
    """와이드 경로와 딥 경로가 서로 다른 특성을 받는 입력 두 개짜리 모델."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    input_wide = keras.Input(shape=X_train_wide.shape[1:], name="wide")
    input_deep = keras.Input(shape=X_train_deep.shape[1:], name="deep")
    norm_wide = keras.layers.Normalization(name="norm_wide")
    norm_deep = keras.layers.Normalization(name="norm_deep")
    norm_wide.adapt(X_train_wide)
    norm_deep.adapt(X_train_deep)
    hidden1 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden1")(norm_deep(input_deep))
    hidden2 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden2")(hidden1)
    concat = keras.layers.Concatenate(name="concat")(
        [norm_wide(input_wide), hidden2])
    output = keras.layers.Dense(1, name="output")(concat)
    model = keras.Model(inputs=[input_wide, input_deep], outputs=output)
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss="mse", optimizer=optimizer)
    return model
# --8<-- [end:multi_input]


# --8<-- [start:aux_output]
def build_with_aux_output(X_train_wide, X_train_deep, n_hidden=30,
                          loss_weights=(0.9, 0.1), learning_rate=0.01,
                          seed=42):
    """입력 두 개에, 딥 경로 끝에서 바로 예측하는 보조 출력을 더한 모델."""
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    input_wide = keras.Input(shape=X_train_wide.shape[1:], name="wide")
    input_deep = keras.Input(shape=X_train_deep.shape[1:], name="deep")
    norm_wide = keras.layers.Normalization(name="norm_wide")
    norm_deep = keras.layers.Normalization(name="norm_deep")
    norm_wide.adapt(X_train_wide)
    norm_deep.adapt(X_train_deep)
    hidden1 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden1")(norm_deep(input_deep))
    hidden2 = keras.layers.Dense(n_hidden, activation="relu",
                                 name="hidden2")(hidden1)
    concat = keras.layers.Concatenate(name="concat")(
        [norm_wide(input_wide), hidden2])
    output = keras.layers.Dense(1, name="main_output")(concat)
    aux_output = keras.layers.Dense(1, name="aux_output")(hidden2)
    model = keras.Model(inputs=[input_wide, input_deep],
                        outputs=[output, aux_output])
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model.compile(loss=("mse", "mse"), loss_weights=loss_weights,
                  optimizer=optimizer)
    return model
# --8<-- [end:aux_output]


# --8<-- [start:subclass]
class WideAndDeepModel(keras.Model):
    """build_with_aux_output()과 같은 구조를 서브클래싱 API로 만든 모델."""

    def __init__(self, n_hidden=30, **kwargs):
        super().__init__(**kwargs)  # 모델 이름 같은 표준 인자를 넘긴다
        self.n_hidden = n_hidden
        self.norm_wide = keras.layers.Normalization(name="norm_wide")
        self.norm_deep = keras.layers.Normalization(name="norm_deep")
        self.hidden1 = keras.layers.Dense(n_hidden, activation="relu",
                                          name="hidden1")
        self.hidden2 = keras.layers.Dense(n_hidden, activation="relu",
                                          name="hidden2")
        self.main_output = keras.layers.Dense(1, name="main_output")
        self.aux_output = keras.layers.Dense(1, name="aux_output")

    def call(self, inputs):
        input_wide, input_deep = inputs
        hidden1 = self.hidden1(self.norm_deep(input_deep))
        hidden2 = self.hidden2(hidden1)
        concat = keras.ops.concatenate(
            [self.norm_wide(input_wide), hidden2], axis=-1)
        return self.main_output(concat), self.aux_output(hidden2)
# --8<-- [end:subclass]


# --8<-- [start:copy_weights]
def copy_weights(source, target):
    """source의 층마다 같은 이름의 target 층에 가중치를 옮겨 담는다."""
    for layer in source.layers:
        if layer.weights:  # Input 층과 Concatenate 층에는 가중치가 없다
            twin = target.get_layer(layer.name)  # 같은 이름의 층
            twin.set_weights(layer.get_weights())
# --8<-- [end:copy_weights]


# --8<-- [start:plot]
import matplotlib.pyplot as plt
import koreanize_matplotlib  # 그림 속 한글 글꼴
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch


def plot_wide_deep(two_inputs=False, aux_output=False):
    """와이드 & 딥 모델의 구조도. 아래(입력)에서 위(출력)로 그린다.

    two_inputs=True면 와이드 경로와 딥 경로가 입력을 따로 받고,
    aux_output=True면 딥 경로 끝에 보조 출력을 단다.
    """
    wide_x, deep_x = 0.0, 2.2
    boxes = {}  # 이름: (x, y, 글자, 색)
    if two_inputs:
        boxes["in_w"] = (wide_x, 0, "입력 A (와이드)", "#d9d9d9")
        boxes["in_d"] = (deep_x, 0, "입력 B (딥)", "#d9d9d9")
        boxes["norm_w"] = (wide_x, 1, "Normalization", "#e9ecef")
        boxes["norm_d"] = (deep_x, 1, "Normalization", "#e9ecef")
        edges = [("in_w", "norm_w"), ("in_d", "norm_d"),
                 ("norm_d", "h1"), ("norm_w", "concat")]
    else:
        boxes["in_w"] = (wide_x, 0, "입력", "#d9d9d9")
        boxes["norm_w"] = (wide_x, 1, "Normalization", "#e9ecef")
        edges = [("in_w", "norm_w"), ("norm_w", "h1"),
                 ("norm_w", "concat")]
    boxes["h1"] = (deep_x, 2, "은닉층 1 (ReLU)", "#9ec5fe")
    boxes["h2"] = (deep_x, 3, "은닉층 2 (ReLU)", "#9ec5fe")
    boxes["concat"] = (wide_x, 4, "Concatenate", "#b2f2bb")
    boxes["out"] = (wide_x, 5, "출력", "#ffc078")
    edges += [("h1", "h2"), ("h2", "concat"), ("concat", "out")]
    if aux_output:
        boxes["aux"] = (deep_x, 5, "보조 출력", "#ffc078")
        edges.append(("h2", "aux"))

    fig, ax = plt.subplots(figsize=(5, 5.2))
    width, height = 1.9, 0.5
    for x, y, text, color in boxes.values():
        ax.add_patch(FancyBboxPatch(
            (x - width / 2, y - height / 2), width, height,
            boxstyle="round,pad=0.04", facecolor=color,
            edgecolor="black"))
        ax.text(x, y, text, ha="center", va="center")
    for start, end in edges:
        (x0, y0, *_), (x1, y1, *_) = boxes[start], boxes[end]
        ax.add_patch(FancyArrowPatch(
            (x0, y0 + height / 2 + 0.04), (x1, y1 - height / 2 - 0.04),
            arrowstyle="-|>", mutation_scale=12, color="#495057",
            shrinkA=0, shrinkB=0))
    ax.text(wide_x - 0.12, 2.5, "와이드\n경로", ha="right", va="center",
            color="#495057")
    ax.text(deep_x + width / 2 + 0.12, 2.5, "딥\n경로", ha="left",
            va="center", color="#495057")
    ax.set_xlim(wide_x - width / 2 - 0.1, deep_x + width / 2 + 0.6)
    ax.set_ylim(-0.5, 5.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
# --8<-- [end:plot]


# --8<-- [start:ex_count]
def count_wide_deep_params(n_wide, n_deep, n_hidden=30):
    """입력 두 개와 보조 출력이 있는 와이드 & 딥 모델의 파라미터 수를 센다.

    돌려주는 것: (훈련되는 파라미터 수, Normalization 층의 훈련되지 않는 수).
    """
    trainable = ((n_deep + 1) * n_hidden            # 은닉층 1
                 + (n_hidden + 1) * n_hidden        # 은닉층 2
                 + (n_wide + n_hidden + 1)          # 주 출력: 연결된 입력
                 + (n_hidden + 1))                  # 보조 출력
    # Normalization 층은 특성마다 평균과 분산, 그리고 센 샘플 수 하나를 담는다
    non_trainable = (2 * n_wide + 1) + (2 * n_deep + 1)
    return trainable, non_trainable
# --8<-- [end:ex_count]


# --8<-- [start:ex_dynamic]
class RepeatedDense(keras.Model):
    """같은 Dense 층을 호출할 때 정한 횟수만큼 되풀이해 적용하는 모델."""

    def __init__(self, n_units=8, **kwargs):
        super().__init__(**kwargs)
        self.project = keras.layers.Dense(n_units, activation="tanh")
        self.shared = keras.layers.Dense(n_units, activation="tanh")
        self.head = keras.layers.Dense(1)

    def call(self, inputs, n_steps=1):
        hidden = self.project(inputs)
        for _ in range(n_steps):  # 파이썬 반복문: 횟수가 호출마다 달라도 된다
            hidden = self.shared(hidden)
        return self.head(hidden)
# --8<-- [end:ex_dynamic]


# --8<-- [start:ex_save]
import os
import tempfile


@keras.saving.register_keras_serializable(package="site")
class SavableWideAndDeep(WideAndDeepModel):
    """저장한 뒤 다시 만들 수 있도록 생성자 인자를 설정으로 내보내는 모델."""

    def get_config(self):
        return {**super().get_config(), "n_hidden": self.n_hidden}


def save_and_load(model, inputs):
    """임시 폴더에 .keras로 저장했다가 불러와, 두 모델의 예측을 돌려준다."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "wide_deep.keras")
        model.save(path)
        restored = keras.models.load_model(path)
    return model.predict(inputs, verbose=0), restored.predict(inputs,
                                                              verbose=0)
# --8<-- [end:ex_save]


# 책 3판의 코드 가운데 케라스 3에서 예외를 내는 줄. 페이지는 각 구간을 실행해
# 그 예외를 보여 준다(더는 예외를 내지 않으면 빌드가 실패한다). 두 줄 모두
# compile()은 지나가고, fit()이 첫 스텝을 준비할 때 ValueError를 낸다.
def book_metrics(X_train_wide, X_train_deep, y_train):
    """책 3판: 출력이 둘인 모델에 지표 하나. 케라스 3은 ValueError를 낸다."""
    # --8<-- [start:book_metrics]
    book_model = build_with_aux_output(X_train_wide, X_train_deep)
    book_model.compile(loss=("mse", "mse"), loss_weights=(0.9, 0.1),
                       optimizer="adam",
                       metrics=["RootMeanSquaredError"])  # 책 3판
    book_model.fit((X_train_wide, X_train_deep), (y_train, y_train),
                   epochs=1, verbose=0)
    # --8<-- [end:book_metrics]


def book_subclass_loss(X_train_wide, X_train_deep, y_train):
    """책 3판: 출력이 둘인 서브클래싱 모델에 손실 하나와 가중치 둘. ValueError."""
    # --8<-- [start:book_subclass_loss]
    book_sub = WideAndDeepModel(name="book_sub")
    book_sub.norm_wide.adapt(X_train_wide)
    book_sub.norm_deep.adapt(X_train_deep)
    book_sub.compile(loss="mse", loss_weights=[0.9, 0.1], optimizer="adam",
                     metrics=["RootMeanSquaredError"])  # 책 3판
    book_sub.fit((X_train_wide, X_train_deep), (y_train, y_train),
                 epochs=1, verbose=0)
    # --8<-- [end:book_subclass_loss]


def main():
    # --8<-- [start:data_usage]
    train, valid, test, feature_names = load_data()
    X_train, y_train = train
    X_valid, y_valid = valid
    X_test, y_test = test
    print("훈련·검증·테스트 샘플 수:", len(X_train), len(X_valid), len(X_test))
    print("특성:", feature_names)
    print("와이드 경로:", feature_names[WIDE])
    print("딥 경로:   ", feature_names[DEEP])
    # --8<-- [end:data_usage]

    # --8<-- [start:wide_deep_usage]
    model = build_wide_deep(X_train)
    model.summary(print_fn=print, line_length=60)  # 휴대폰 폭
    assert model.count_params() == 1322
    assert sum(int(np.prod(w.shape))
               for w in model.non_trainable_weights) == 21
    # --8<-- [end:wide_deep_usage]

    # --8<-- [start:plot_usage]
    fig = plot_wide_deep()
    # --8<-- [end:plot_usage]

    # --8<-- [start:get_layer_usage]
    hidden1 = model.get_layer("hidden1")  # 이름으로 층을 찾는다
    kernel, bias = hidden1.get_weights()
    print("층 이름:", [layer.name for layer in model.layers])
    print(hidden1.name, "가중치", kernel.shape, "편향", bias.shape)
    assert model.layers[2] is hidden1 and kernel.shape == (10, 30)
    # --8<-- [end:get_layer_usage]

    # --8<-- [start:multi_input_usage]
    X_train_wide, X_train_deep = X_train[:, WIDE], X_train[:, DEEP]
    X_valid_wide, X_valid_deep = X_valid[:, WIDE], X_valid[:, DEEP]
    X_test_wide, X_test_deep = X_test[:, WIDE], X_test[:, DEEP]
    two_input_model = build_two_inputs(X_train_wide, X_train_deep)
    two_input_model.fit({"wide": X_train_wide, "deep": X_train_deep},
                        y_train, epochs=15, verbose=0)
    mse_two = two_input_model.evaluate((X_test_wide, X_test_deep), y_test,
                                       verbose=0)
    mse_constant = float(np.mean((y_test - y_train.mean()) ** 2))
    print("입력:", [tensor.name for tensor in two_input_model.inputs])
    print(f"테스트 MSE: {mse_two:.1f}  (상수 예측기 {mse_constant:.1f})")
    assert mse_two < 0.6 * mse_constant
    # --8<-- [end:multi_input_usage]

    # --8<-- [start:plot_aux_usage]
    fig_aux = plot_wide_deep(two_inputs=True, aux_output=True)
    # --8<-- [end:plot_aux_usage]

    # --8<-- [start:aux_usage]
    aux_model = build_with_aux_output(X_train_wide, X_train_deep)
    aux_history = aux_model.fit((X_train_wide, X_train_deep),
                                (y_train, y_train), epochs=15, verbose=0)
    print("기록된 손실:", list(aux_history.history))
    scores = aux_model.evaluate(
        (X_test_wide, X_test_deep), (y_test, y_test), verbose=0,
        batch_size=len(y_test), return_dict=True)  # 테스트 세트를 한 배치로
    for name, value in scores.items():
        print(f"  {name}: {value:.1f}")
    weighted = (0.9 * scores["main_output_loss"]
                + 0.1 * scores["aux_output_loss"])
    print(f"0.9 × 주 손실 + 0.1 × 보조 손실 = {weighted:.1f}")
    assert np.isclose(weighted, scores["loss"], rtol=1e-5)
    y_pred_main, y_pred_aux = aux_model.predict(
        (X_test_wide[:3], X_test_deep[:3]), verbose=0)  # (3, 1) 두 개
    print("주 출력:", y_pred_main.ravel().round(1))
    print("보조 출력:", y_pred_aux.ravel().round(1))
    print("실제 값:", y_test[:3])
    main_loss = scores["main_output_loss"]
    aux_loss = scores["aux_output_loss"]
    assert main_loss < aux_loss < 1.01 * main_loss  # 보조 손실이 1%도 안 크다
    assert np.abs(y_pred_main - y_pred_aux).max() < 1.5
    # --8<-- [end:aux_usage]

    # --8<-- [start:subclass_usage]
    keras.utils.set_random_seed(42)
    sub_model = WideAndDeepModel(name="wide_and_deep")
    print("만든 직후 빌드되었나?", sub_model.built)
    try:
        sub_model.count_params()
    except ValueError as error:
        print("count_params():", str(error).split(". ")[0])
    sub_model.norm_wide.adapt(X_train_wide)
    sub_model.norm_deep.adapt(X_train_deep)
    sub_model((X_test_wide[:1], X_test_deep[:1]))  # 한 번 호출하면 빌드된다
    print("호출한 뒤:", sub_model.built, " 파라미터 수:",
          sub_model.count_params())
    print("보조 출력이 있는 함수형 모델(aux_model):",
          aux_model.count_params())
    assert sub_model.count_params() == aux_model.count_params() == 1295
    # --8<-- [end:subclass_usage]

    # --8<-- [start:subclass_summary]
    sub_model.summary(print_fn=print, line_length=60)
    # --8<-- [end:subclass_summary]

    # --8<-- [start:compare_usage]
    copy_weights(aux_model, sub_model)
    functional_main, functional_aux = aux_model.predict(
        (X_test_wide, X_test_deep), verbose=0)
    sub_main, sub_aux = sub_model.predict((X_test_wide, X_test_deep),
                                          verbose=0)
    print("주 출력이 같은가?", np.array_equal(functional_main, sub_main))
    print("보조 출력이 같은가?", np.array_equal(functional_aux, sub_aux))
    assert np.array_equal(functional_main, sub_main)
    assert np.array_equal(functional_aux, sub_aux)
    # --8<-- [end:compare_usage]

    # --8<-- [start:ex_count_usage]
    trainable, non_trainable = count_wide_deep_params(n_wide=5, n_deep=8)
    print("훈련되는 파라미터:", trainable, " Normalization 층의 값:", non_trainable)
    assert trainable + non_trainable == aux_model.count_params()
    assert trainable == sum(int(np.prod(w.shape))
                            for w in aux_model.trainable_weights)
    # --8<-- [end:ex_count_usage]

    # --8<-- [start:ex_dynamic_usage]
    keras.utils.set_random_seed(42)
    repeated = RepeatedDense()
    X_small = X_test_deep[:2] * 10  # 특성 8개, 샘플 2개
    for n_steps in (1, 2, 5):
        y_pred = repeated(X_small, n_steps=n_steps)
        y_pred = keras.ops.convert_to_numpy(y_pred)
        print(f"n_steps={n_steps}: 예측 {y_pred.ravel().round(3)}, "
              f"파라미터 {repeated.count_params()}개")
        assert repeated.count_params() == (8 * 8 + 8) * 2 + 9
    # --8<-- [end:ex_dynamic_usage]

    # --8<-- [start:ex_save_usage]
    for model_class in (WideAndDeepModel, SavableWideAndDeep):
        config = model_class(n_hidden=7).get_config()
        print(f"{model_class.__name__}(n_hidden=7)의 설정:",
              "n_hidden =", config["n_hidden"])
    assert WideAndDeepModel(n_hidden=7).get_config()["n_hidden"] == 30
    assert SavableWideAndDeep(n_hidden=7).get_config()["n_hidden"] == 7
    savable = SavableWideAndDeep(name="savable")
    savable.norm_wide.adapt(X_train_wide)
    savable.norm_deep.adapt(X_train_deep)
    savable((X_test_wide[:1], X_test_deep[:1]))
    copy_weights(aux_model, savable)
    before, after = save_and_load(savable, (X_test_wide, X_test_deep))
    print("불러온 모델의 예측이 같은가?",
          all(np.array_equal(b, a) for b, a in zip(before, after)))
    assert np.array_equal(before[0], functional_main)
    # --8<-- [end:ex_save_usage]
    return fig, fig_aux


if __name__ == "__main__":
    main()
