// A small MLP trained in the page: data set, layers, neurons, activation and
// learning rate; decision regions and loss curve redrawn as it trains.
import { createNetwork, evaluate, makeDataset, makeRandom, predictGrid,
         trainEpoch } from "./math.js";
import { Widget, button, colours, element, number, range, reducedMotion, rgb,
         select } from "./ui.js";

const DATASETS = [["xor", "XOR"], ["circles", "원"], ["moons", "두 개의 달"], ["spiral", "나선"]];
const ACTIVATIONS = [["step", "계단 함수"], ["sigmoid", "로지스틱(시그모이드)"], ["tanh", "tanh"],
                     ["relu", "ReLU"]];
const RATES = ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3"];
const VIEW = [-1.5, 1.5];  // both axes
const GRID = 40;  // cells per side of the decision-region picture
const SEED = 42;
const STEP_NOTE = "계단 함수의 도함수는 (z = 0을 뺀) 모든 곳에서 0입니다. 그래서 역전파로 "
  + "은닉층에 돌아가는 그레이디언트도 0이고, 은닉층의 가중치는 처음 무작위 값 그대로 "
  + "남습니다. 바뀌는 것은 출력층(로지스틱 뉴런)의 가중치뿐입니다.";

export function create(root) {
  return new MlpWidget(root);
}

class MlpWidget extends Widget {
  constructor(root) {
    super(root);
    this.build();
    this.reset();
  }

  build() {
    const data = select("데이터", DATASETS, "xor");
    const layers = range("은닉층 수", 0, 3, 1);
    const neurons = range("층마다 뉴런 수", 1, 8, 4);
    const activation = select("활성화 함수", ACTIVATIONS, "tanh");
    const rate = select("학습률", RATES.map(r => [r, r]), "0.3");
    this.controls = { data: data.control, layers: layers.control, neurons: neurons.control,
                      activation: activation.control, rate: rate.control };
    for (const name of ["data", "layers", "neurons", "activation"]) {
      this.controls[name].addEventListener("change", () => this.reset());
    }
    this.stepButton = button("한 단계", () => { this.pause(); this.train(1); this.report(true); });
    this.resetButton = button("처음부터", () => this.reset());
    this.note = element("p", { class: "pg-note", text: STEP_NOTE, hidden: true });
    this.regions = element("canvas", { class: "pg-regions", role: "img",
                                       "aria-label": "결정 영역과 훈련 샘플" });
    this.curve = element("canvas", { class: "pg-curve", role: "img",
                                     "aria-label": "에포크마다의 손실 곡선" });
    this.readout = element("p", { class: "pg-readout", "aria-hidden": "true" });
    this.root.replaceChildren(
      element("div", { class: "pg-controls pg-grid" }, data.field, layers.field,
              neurons.field, activation.field, rate.field),
      this.note,
      element("div", { class: "pg-buttons" }, this.playButton, this.stepButton,
              this.resetButton),
      this.readout,
      element("div", { class: "pg-figures" },
        element("figure", {}, this.regions, element("figcaption", {},
          element("span", { class: "pg-key pg-key0", text: "클래스 0" }),
          element("span", { class: "pg-key pg-key1", text: "클래스 1" }),
          element("span", { class: "pg-key-text", text: "배경: 예측 확률 p" }))),
        element("figure", {}, this.curve, element("figcaption", {
          text: "손실 곡선 (가로: 에포크, 세로: 크로스 엔트로피 손실)" }))),
      this.live.el);
    this.life.onPalette(() => { this.palette = null; this.draw(); });
    this.life.onVisibility(visible => { if (!visible) this.pause(); });
  }

  reset() {
    this.pause();
    const c = this.controls;
    this.data = makeDataset(c.data.value, 200, SEED);
    const hidden = Array(Number(c.layers.value)).fill(Number(c.neurons.value));
    this.net = createNetwork([2, ...hidden, 1], c.activation.value, SEED);
    this.random = makeRandom(SEED + 1);  // the order of the samples in each epoch
    this.epoch = 0;
    this.history = [];
    this.note.hidden = c.activation.value !== "step" || hidden.length === 0;
    c.neurons.disabled = hidden.length === 0;  // no hidden layer, no neurons to choose
    this.measure();
    this.report(true);
  }

  train(epochs) {
    for (let i = 0; i < epochs; i++) {
      const learningRate = Number(this.controls.rate.value);
      trainEpoch(this.net, this.data.X, this.data.y, { learningRate, random: this.random });
      this.epoch += 1;
      this.measure();
    }
  }

  measure() {
    this.score = evaluate(this.net, this.data.X, this.data.y);
    this.history.push(this.score.loss);
  }

  play() {
    // one epoch and one picture per frame; with reduced motion a still
    // picture every second, after the epochs of that second
    const still = reducedMotion();
    let due = 0;
    this.run(time => {
      this.train(1);
      if (!still || time >= due) {
        due = time + 1000;
        this.report();
      }
      return true;
    });
  }

  report(now = false) {
    const text = `에포크 ${this.epoch} · 손실 ${number(this.score.loss, 4)} · `
      + `정확도 ${number(100 * this.score.accuracy, 1)}%`;
    this.readout.textContent = text;
    this.live.say(text.replaceAll(" · ", ", "), now);
    this.draw();
  }

  // Pictures -----------------------------------------------------------------

  draw() {
    if (!this.palette) this.palette = colours(this.root);
    this.drawRegions();
    this.drawCurve();
  }

  drawRegions() {
    const canvas = this.regions, pal = this.palette;
    const size = fit(canvas);
    const ctx = canvas.getContext("2d");
    const p = predictGrid(this.net, GRID, VIEW[0], VIEW[1]);
    if (!this.cells) {
      this.cells = document.createElement("canvas");
      this.cells.width = this.cells.height = GRID;
    }
    const cells = this.cells.getContext("2d"), image = cells.createImageData(GRID, GRID);
    const [c0, c1] = [rgb(pal.region0), rgb(pal.region1)];
    for (let i = 0; i < p.length; i++) {
      for (let k = 0; k < 3; k++) image.data[4 * i + k] = c0[k] + p[i] * (c1[k] - c0[k]);
      image.data[4 * i + 3] = 255;
    }
    cells.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.cells, 0, 0, size.w, size.h);
    const scale = size.w / (VIEW[1] - VIEW[0]), r = 2.6 * size.dpr;
    const at = v => (v - VIEW[0]) * scale;
    ctx.lineWidth = size.dpr;
    ctx.strokeStyle = pal.bg;
    this.data.X.forEach(([u, v], i) => {
      const x = at(u), y = size.h - at(v);
      ctx.fillStyle = this.data.y[i] ? pal.class1 : pal.class0;
      ctx.beginPath();
      if (this.data.y[i]) ctx.arc(x, y, r, 0, 2 * Math.PI);
      else ctx.rect(x - r, y - r, 2 * r, 2 * r);
      ctx.fill();
      ctx.stroke();
    });
  }

  drawCurve() {
    const canvas = this.curve, pal = this.palette, size = fit(canvas);
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, size.w, size.h);
    // the scale's label above the plot, the axes below it
    const pad = 4 * size.dpr, head = 18 * size.dpr, h = this.history;
    const top = h.reduce((a, b) => Math.max(a, b), 1e-9);
    const [left, right, y0, y1] = [pad, size.w - pad, size.h - pad, head];
    ctx.fillStyle = pal.fg;
    ctx.font = `${12 * size.dpr}px sans-serif`;
    ctx.textBaseline = "top";
    ctx.fillText(`손실 (세로 끝 = ${number(top, 2)})`, left, pad / 2);
    ctx.strokeStyle = pal.light;
    ctx.lineWidth = size.dpr;
    ctx.beginPath();
    ctx.moveTo(left, y1);
    ctx.lineTo(left, y0);
    ctx.lineTo(right, y0);
    ctx.stroke();
    ctx.strokeStyle = pal.fg;
    ctx.lineWidth = 1.5 * size.dpr;
    ctx.beginPath();
    const n = Math.max(h.length - 1, 1), stride = Math.max(1, Math.floor(h.length / size.w));
    for (let i = 0; i < h.length; i += stride) {
      const x = left + (right - left) * i / n;
      const y = y0 - (y0 - y1) * h[i] / top;
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.stroke();
    canvas.setAttribute("aria-label", `손실 곡선: 에포크 ${this.epoch}, 처음 손실 `
      + `${number(h[0], 3)}, 지금 손실 ${number(h[h.length - 1], 3)}`);
  }

}

// Sizes the canvas's pixels to its CSS box (sharp on any screen)
function fit(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
  const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return { w, h, dpr };
}
