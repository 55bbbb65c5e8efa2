// The Keras code of an MLP playground setup: the same layers, activations,
// input features, L1/L2, optimizer, learning rate, loss, batch size and
// train/test split, with NumPy data like the widget's. Pure: settings in,
// Python text out (tests/test_playground_keras.py runs what it writes).
import { FEATURE_NAMES, REGRESSION_SETS } from "./math.js";

export const EPOCHS = 100;

const FEATURE_CODE = {
  x1: "x1", x2: "x2", x1sq: "x1 ** 2", x2sq: "x2 ** 2", x1x2: "x1 * x2",
  sin1: "np.sin(x1)", sin2: "np.sin(x2)",
};
const FEATURE_TEXT = {
  x1: "x1", x2: "x2", x1sq: "x1²", x2sq: "x2²", x1x2: "x1·x2",
  sin1: "sin x1", sin2: "sin x2",
};

// Python lines that make X (400 × 2) and y like the widget's data set
const DATA = {
  xor: ["X = rng.uniform(-1.2, 1.2, size=(400, 2))",
        "y = (X[:, 0] * X[:, 1] < 0).astype(int)  # 두 좌표의 부호가 다르면 1"],
  circles: ["X = rng.uniform(-1, 1, size=(400, 2))",
            "y = (np.hypot(X[:, 0], X[:, 1]) < 0.6).astype(int)  # 원 안이면 1"],
  moons: ["X, y = make_moons(400, noise=0.1, random_state=42)",
          "X = 0.6 * (X - [0.5, 0.25])  # 실습 도구의 크기로"],
  spiral: ["r = np.tile(np.linspace(0, 1, 200), 2)  # 팔마다 중심에서 끝까지",
           "y = np.repeat([0, 1], 200)",
           "t = 1.75 * 2 * np.pi * r + np.pi * y",
           "X = np.c_[r * np.sin(t), r * np.cos(t)]",
           "X += rng.normal(0, 0.04, size=X.shape)"],
  gaussian: ["y = np.repeat([0, 1], 200)",
             "X = np.where(y[:, None] == 1, 0.45, -0.45)",
             "X = X + rng.normal(0, 0.18, size=(400, 2))"],
  plane: ["X = rng.uniform(-1.2, 1.2, size=(400, 2))",
          "y = (X[:, 0] + X[:, 1]) / 2.4  # 평면: -1에서 1까지"],
  bumps: ["X = rng.uniform(-1.2, 1.2, size=(400, 2))",
          "BUMPS = [(-0.8, 0.5, 1), (0, 0.5, -1), (0.8, 0.5, 1),",
          "         (-0.8, -0.5, -1), (0, -0.5, 1), (0.8, -0.5, -1)]",
          "y = sum(s * np.exp(-((X[:, 0] - a) ** 2 + (X[:, 1] - b) ** 2)",
          "                   / (2 * 0.3 ** 2)) for a, b, s in BUMPS)",
          "y = np.clip(y, -1, 1)  # 가우스 봉우리 여섯 개"],
};

const ACTIVATION_CODE = {
  sigmoid: '"sigmoid"', tanh: '"tanh"', relu: '"relu"',
  // Keras has no step function; this one has no gradient, like the widget's
  step: 'lambda z: keras.ops.cast(z >= 0, "float32")',
};

// features = np.column_stack([...]), wrapped under 80 characters
function columnStack(parts) {
  const one = `features = np.column_stack([${parts.join(", ")}])`;
  if (one.length <= 79) return [one];
  const lines = ["features = np.column_stack(["];
  let line = "   ";
  for (const part of parts) {
    if (line.length + part.length + 2 > 79) { lines.push(line.trimEnd()); line = "   "; }
    line += ` ${part},`;
  }
  lines.push(line, "])");
  return lines;
}

export function kerasCode(s) {
  const regression = REGRESSION_SETS.includes(s.data);
  const features = FEATURE_NAMES.filter(f => s.features.includes(f));
  const reg = s.reg === "none" ? ""
    : `kernel_regularizer=keras.regularizers.${s.reg.toUpperCase()}(${s.regRate})`;
  const dense = (units, activation) => {
    const args = [String(units)];
    if (activation) args.push(`activation=${activation}`);
    if (reg) args.push(reg);
    const one = `    keras.layers.Dense(${args.join(", ")}),`;
    if (one.length <= 79) return [one];
    return [`    keras.layers.Dense(${args.slice(0, -1).join(", ")},`,
            `                       ${args.at(-1)}),`];
  };
  const lines = [
    "import numpy as np",
    "import keras",
    ...(s.data === "moons" ? ["from sklearn.datasets import make_moons"] : []),
    "from sklearn.model_selection import train_test_split",
    "",
    "rng = np.random.default_rng(42)",
    ...DATA[s.data],
  ];
  if (s.noise > 0) {
    const sd = Number((0.6 * s.noise / 100).toFixed(3));
    lines.push(regression
      ? `y = y + rng.normal(0, ${sd}, size=y.shape)  # 잡음 ${s.noise}%`
      : `X = X + rng.normal(0, ${sd}, size=X.shape)  # 잡음 ${s.noise}%`);
  }
  lines.push(
    "",
    `# 입력 특성: ${features.map(f => FEATURE_TEXT[f]).join(", ")}`,
    "x1, x2 = X[:, 0], X[:, 1]",
    ...columnStack(features.map(f => FEATURE_CODE[f])),
    "X_train, X_test, y_train, y_test = train_test_split(",
    `    features, y, test_size=${(100 - s.ratio) / 100}, random_state=42)`,
    "",
    "keras.utils.set_random_seed(42)",
    "model = keras.Sequential([",
    `    keras.Input(shape=(${features.length},)),`,
    ...s.hidden.flatMap(n => dense(n, ACTIVATION_CODE[s.activation])),
    ...dense(1, regression ? null : '"sigmoid"'),
    "])",
    `model.compile(loss="${regression ? "mse" : "binary_crossentropy"}",`,
    `              optimizer=keras.optimizers.SGD(learning_rate=${s.rate})`
      + (regression ? ")" : ","),
    ...(regression ? [] : ['              metrics=["accuracy"])']),
    `EPOCHS = ${EPOCHS}`,
    `history = model.fit(X_train, y_train, epochs=EPOCHS, batch_size=${s.batch},`,
    "                    validation_data=(X_test, y_test), verbose=0)",
    'print("테스트 손실:", model.evaluate(X_test, y_test, verbose=0))',
  );
  return lines.join("\n") + "\n";
}
