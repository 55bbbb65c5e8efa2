// A small MLP trained in the page, with TensorFlow Playground's controls:
// data set (classification or regression), noise, train/test split, batch
// size, input features, hidden layers and neurons per layer, activation,
// learning rate, L1/L2; the decision regions, the train and test loss, the
// network drawn live, one sample through backpropagation, the settings in the
// URL and the Keras code of the setup.
import * as M from "./math.js";
import { kerasCode } from "./keras.js";
import { highlightPython } from "./python.js";
import { NetworkView, FEATURE_TEXT } from "./network.js";
import { ACTIVATION_NAMES, DEFAULTS, MAX_LAYERS, MAX_NEURONS, RATES, REG_RATES,
         decode, encode } from "./settings.js";
import { Widget, button, checkbox, colours, copyText, element, newId, number, range,
         reducedMotion, rgb, select, subscripts, withRo } from "./ui.js";

const CLASSIFICATION = [["xor", "XOR"], ["circles", "원"], ["moons", "두 개의 달"],
                        ["spiral", "나선"], ["gaussian", "가우스 분포 두 개"]];
const REGRESSION = [["plane", "평면"], ["bumps", "가우스 봉우리 여러 개"]];
const ACTIVATION_TEXT = { step: "계단 함수", sigmoid: "로지스틱(시그모이드)", tanh: "tanh",
                          relu: "ReLU" };
const VIEW = [-1.5, 1.5];  // both axes
const GRID = 40;  // cells per side of the heatmaps
const SMALL_GRID = 28;  // for a network of more than BIG weights, to keep a frame short
const BIG = 150;
const TOTAL = 400;  // points, training and test together
const SEED = 42;
const FRAME_BUDGET = 10;  // ms of training per animation frame
const MAX_EPOCHS_PER_FRAME = 4;
const PICTURE_GAP = 120;  // ms between two pictures (training frames between)
const MAX_PICTURE_GAP = 600;  // ms, on a slow computer
const LATE = 40;  // ms: a frame after a picture this late means the picture cost too much
const TEXT_GAP = 360;  // ms between two writes of the numbers
const STEP_NOTE = "계단 함수의 도함수는 (z = 0을 뺀) 모든 곳에서 0입니다. 그래서 역전파로 "
  + "은닉층에 돌아가는 그레이디언트도 0이고, 은닉층의 가중치는 처음 무작위 값 그대로 "
  + "남습니다. 바뀌는 것은 출력층의 가중치뿐입니다.";
const SAMPLE_BUTTON = { null: "샘플 하나: 정방향", forward: "역방향으로",
                        backward: "이 그레이디언트로 갱신" };
// what the network drawing's links and numbers show, in each stage
const NET_KEYS = {
  null: ["양의 가중치", "음의 가중치", "굵기: 가중치의 크기 · 칸: 각 뉴런의 출력"],
  forward: ["양의 가중치", "음의 가중치",
            "굵기: 가중치의 크기 · 칸 아래의 수: 이 샘플에서 각 뉴런의 출력"],
  backward: ["양의 그레이디언트", "음의 그레이디언트",
             "굵기: 그 가중치의 그레이디언트 크기 · 칸 아래: 각 뉴런의 δ"],
};

export function create(root) {
  return new MlpWidget(root);
}

// a <select> with option groups: [[group label, [[value, text]…]]…]
function groupedSelect(label, groups, value) {
  const id = newId();
  const control = element("select", { id }, ...groups.map(([name, options]) =>
    element("optgroup", { label: name },
      ...options.map(([v, text]) => element("option", { value: v, text })))));
  control.value = value;
  return { control, field: element("div", { class: "pg-field" },
    element("label", { for: id, text: label }), control) };
}

const fieldset = (legend, ...children) =>
  element("fieldset", { class: "pg-group" }, element("legend", { text: legend }), ...children);

class MlpWidget extends Widget {
  constructor(root) {
    super(root);
    this.settings = decode(location.hash) || structuredClone({ ...DEFAULTS });
    this.fromLink = location.hash.startsWith("#mlp:");
    this.timing = { epoch: 5, draw: 5 };  // ms, a running estimate
    this.build();
    this.show(this.settings);
    this.reset();
    if (this.fromLink) {
      this.writeHash();  // what was not allowed in the link is shown as it is now
      requestAnimationFrame(() => this.root.scrollIntoView());
    }
  }

  build() {
    const c = this.controls = {};
    const add = (name, made) => { c[name] = made.control; return made.field; };
    const data = fieldset("데이터",
      element("div", { class: "pg-grid" },
        add("data", groupedSelect("데이터", [["분류", CLASSIFICATION], ["회귀", REGRESSION]],
                                   "xor")),
        add("noise", range("잡음(%)", 0, 50, 0, 5)),
        add("ratio", range("훈련 데이터 비율(%)", 10, 90, 50, 10)),
        add("batch", range("배치 크기", 1, 30, 10))),
      element("div", { class: "pg-checks" },
        add("showTest", checkbox("테스트 데이터 보기")),
        add("discretize", checkbox("출력을 두 값으로 나눠 보기"))));
    this.regenerate = button("데이터 다시 만들기", () => {
      this.settings.seed = (this.settings.seed * 7 + 13) % 100003;
      this.changed(true);
    });
    data.append(element("div", { class: "pg-buttons" }, this.regenerate));

    this.featureBoxes = M.FEATURE_NAMES.map(name => {
      const box = checkbox(subscripts(FEATURE_TEXT[name]));
      box.control.dataset.feature = name;
      box.control.addEventListener("change", () => {
        if (!this.featureBoxes.some(b => b.control.checked)) box.control.checked = true;
        this.changed(true);
      });
      return box;
    });
    const features = fieldset("입력 특성",
      element("div", { class: "pg-checks" }, ...this.featureBoxes.map(b => b.field)));

    this.layerRows = element("div", { class: "pg-layers" });
    const network = fieldset("네트워크",
      element("div", { class: "pg-grid" },
        add("layers", range("은닉층 수", 0, MAX_LAYERS, 1)),
        add("activation", select("활성화 함수",
          ACTIVATION_NAMES.map(a => [a, ACTIVATION_TEXT[a]]), "tanh")),
        add("rate", select("학습률", RATES.map(r => [r, r]), "0.3")),
        add("reg", select("규제", [["none", "없음"], ["l1", "L1"], ["l2", "L2"]], "none")),
        add("regRate", select("규제 강도", REG_RATES.map(r => [r, r]), "0.001"))),
      this.layerRows);
    for (const name of ["data", "noise", "ratio", "layers", "activation"]) {
      c[name].addEventListener("change", () => this.changed(true));
    }
    for (const name of ["batch", "rate", "reg", "regRate", "showTest", "discretize"]) {
      c[name].addEventListener("change", () => this.changed(false));
    }

    this.stepButton = button("한 단계", () => {
      this.pause();
      this.endSample();
      this.train(1);
      this.report(true);
    });
    this.resetButton = button("처음부터", () => this.reset());
    this.sampleButton = button(SAMPLE_BUTTON.null, () => this.sampleStep());
    this.linkButton = button("링크 복사", async () => {
      this.writeHash();
      const done = await copyText(location.href);
      this.live.say(done ? "이 설정의 링크를 복사했습니다."
        : "복사하지 못했습니다. 주소창의 링크를 복사하세요.", true);
      this.linkButton.textContent = done ? "링크를 복사했습니다" : "주소창의 링크를 쓰세요";
      setTimeout(() => { this.linkButton.textContent = "링크 복사"; }, 2000);
    });
    this.codeButton = button("케라스 코드로 보기", () => this.toggleCode());
    this.codeButton.setAttribute("aria-expanded", "false");
    this.code = element("code");
    this.copyCode = button("코드 복사", async () => {
      const done = await copyText(this.code.textContent);
      this.copyCode.textContent = done ? "복사했습니다" : "코드를 직접 선택하세요";
      setTimeout(() => { this.copyCode.textContent = "코드 복사"; }, 2000);
    });
    this.codeBox = element("div", { class: "pg-code", hidden: true },
      element("p", { class: "pg-note", text: "지금 설정과 같은 모델을 케라스로 만드는 "
        + "코드입니다. 데이터는 실습 도구의 것과 비슷하게 넘파이로 만들고, 처음 가중치는 "
        + "케라스의 방식(글로럿 초기화)이라 곡선이 똑같지는 않습니다." }),
      element("pre", { class: "highlight", tabindex: "0", role: "region",
                       "aria-label": "케라스 코드" }, this.code),
      this.copyCode);

    this.note = element("p", { class: "pg-note pg-step-note", text: STEP_NOTE, hidden: true });
    this.sampleNote = element("p", { class: "pg-note pg-sample", hidden: true });
    this.regions = element("canvas", { class: "pg-regions", role: "img" });
    this.curve = element("canvas", { class: "pg-curve", role: "img" });
    this.trainText = element("span", { class: "pg-train" });
    this.testText = element("span", { class: "pg-test" });
    this.epochText = element("span");
    this.readout = element("p", { class: "pg-readout", "aria-hidden": "true" },
      this.epochText, " ", this.trainText, " ", this.testText);
    this.view = new NetworkView();
    this.regionKeys = element("figcaption");
    this.netKeys = NET_KEYS.null.map((text, i) => element("span", {
      class: ["pg-line pg-w-key-pos", "pg-line pg-w-key-neg", "pg-key-text"][i], text }));
    // The decision regions and the loss on the left, the network on the
    // right (side by side from 1024 px, playground.css); the one-sample
    // button and what it shows sit right above the network drawing it
    // explains, on a phone too.
    this.root.replaceChildren(
      element("div", { class: "pg-controls" }, data, features, network),
      this.note,
      element("div", { class: "pg-buttons" }, this.playButton, this.stepButton,
              this.resetButton),
      this.readout,
      element("div", { class: "pg-stage" },
        element("div", { class: "pg-figures" },
          element("figure", {}, this.regions, this.regionKeys),
          element("figure", {}, this.curve, element("figcaption", {},
            element("span", { class: "pg-line pg-line-train", text: "훈련 손실" }),
            element("span", { class: "pg-line pg-line-test", text: "테스트 손실" }),
            element("span", { class: "pg-key-text", text: "가로: 에포크(로그 눈금)" })))),
        element("div", { class: "pg-net-side" },
          element("div", { class: "pg-buttons pg-sample-buttons" }, this.sampleButton),
          this.sampleNote,
          element("figure", { class: "pg-net-figure" }, this.view.el,
                  element("figcaption", {}, ...this.netKeys)))),
      this.view.details,
      element("div", { class: "pg-buttons" }, this.linkButton, this.codeButton),
      this.codeBox,
      this.live.el);
    this.life.onPalette(() => { this.palette = null; this.draw(); });
    this.life.onVisibility(visible => { if (!visible) this.pause(); });
    // sizes are read here, not while drawing (a read after a change of the
    // page's text would lay the whole page out again in that frame)
    this.sizes = new Map();
    const resized = new ResizeObserver(entries => {
      for (const e of entries) {
        this.sizes.set(e.target, [e.contentRect.width, e.contentRect.height]);
        if (e.target === this.view.el) this.view.resized(e.contentRect.width);
      }
      if (this.life.alive && !this.life.running) this.draw();
    });
    for (const el of [this.view.el, this.regions, this.curve]) resized.observe(el);
    this.life.cleanups.push(() => resized.disconnect());
  }

  // Settings ⇄ controls ⇄ URL ------------------------------------------------

  show(s) {
    const c = this.controls;
    for (const name of ["data", "noise", "ratio", "batch", "activation", "rate", "reg",
                        "regRate"]) {
      c[name].value = String(s[name]);
      c[name].dispatchEvent(new Event("input"));  // the range's shown value
    }
    c.showTest.checked = s.showTest;
    c.discretize.checked = s.discretize;
    c.layers.value = String(s.hidden.length);
    c.layers.dispatchEvent(new Event("input"));
    for (const { control } of this.featureBoxes) {
      control.checked = s.features.includes(control.dataset.feature);
    }
    this.showLayers(s.hidden);
    c.regRate.disabled = s.reg === "none";
  }

  // one row per hidden layer: its neurons and − / + buttons
  showLayers(hidden) {
    this.layerRows.replaceChildren(...hidden.map((n, l) => {
      const name = `은닉층 ${l + 1}`;
      const change = d => () => {
        this.settings.hidden[l] = Math.min(MAX_NEURONS, Math.max(1, n + d));
        this.showLayers(this.settings.hidden);
        // focus stays on the button pressed, or on its pair once that is disabled
        const row = this.layerRows.children[l];
        const same = row.querySelector(`[data-d="${d}"]`);
        (same.disabled ? row.querySelector(`[data-d="${-d}"]`) : same).focus();
        this.changed(true, false);
      };
      const minus = element("button", { type: "button", class: "pg-small", text: "−",
        "aria-label": `${name} 뉴런 빼기`, "data-layer": l, "data-d": -1,
        disabled: n <= 1 ? "" : null, on: { click: change(-1) } });
      const plus = element("button", { type: "button", class: "pg-small", text: "+",
        "aria-label": `${name} 뉴런 더하기`, "data-layer": l, "data-d": 1,
        disabled: n >= MAX_NEURONS ? "" : null, on: { click: change(1) } });
      return element("div", { class: "pg-layer" },
        element("span", { text: `${name}: 뉴런 ${n}개` }), minus, plus);
    }));
  }

  read() {
    const c = this.controls, s = this.settings;
    Object.assign(s, {
      data: c.data.value, noise: Number(c.noise.value), ratio: Number(c.ratio.value),
      batch: Number(c.batch.value), activation: c.activation.value, rate: c.rate.value,
      reg: c.reg.value, regRate: c.regRate.value, showTest: c.showTest.checked,
      discretize: c.discretize.checked,
      features: this.featureBoxes.filter(b => b.control.checked)
        .map(b => b.control.dataset.feature),
    });
    const layers = Number(c.layers.value);
    while (s.hidden.length < layers) s.hidden.push(s.hidden.at(-1) ?? 4);
    s.hidden.length = layers;
  }

  changed(rebuild, readLayers = true) {
    const before = this.settings.hidden.length;
    this.read();
    if (readLayers && this.settings.hidden.length !== before) {
      this.showLayers(this.settings.hidden);
    }
    this.controls.regRate.disabled = this.settings.reg === "none";
    this.writeHash();
    if (this.codeBox.hidden === false) this.showCode();
    if (rebuild) this.reset();
    else this.draw();
  }

  writeHash() {
    const hash = encode(this.settings);
    if (location.hash !== hash) history.replaceState(history.state, "", hash);
  }

  toggleCode() {
    const open = this.codeBox.hidden;
    this.codeBox.hidden = !open;
    this.codeButton.setAttribute("aria-expanded", String(open));
    this.codeButton.textContent = open ? "케라스 코드 닫기" : "케라스 코드로 보기";
    if (open) this.showCode();
  }

  // the code in the site's colours (the Pygments classes of its code blocks)
  showCode() {
    this.code.innerHTML = highlightPython(kerasCode(this.settings));
  }

  // Training -------------------------------------------------------------------

  reset() {
    this.pause();
    const s = this.settings;
    this.regression = M.isRegression(s.data);
    const { train, test } = M.splitDataset(s.data, { total: TOTAL, ratio: s.ratio,
                                                     seed: s.seed, noise: s.noise });
    this.data = train;
    this.test = test;
    this.trainX = M.featurize(train.X, s.features);
    this.testX = M.featurize(test.X, s.features);
    this.net = M.createNetwork([s.features.length, ...s.hidden, 1], s.activation, SEED,
                               this.regression ? "linear" : "sigmoid");
    this.random = M.makeRandom(SEED + 1);  // the order of the samples in each epoch
    this.epoch = 0;
    this.history = [];
    this.sample = null;
    this.stage = null;
    this.sampleIndex = 0;
    this.note.hidden = s.activation !== "step" || s.hidden.length === 0;
    this.measure();
    this.report(true);
  }

  options() {
    const s = this.settings;
    return { learningRate: Number(s.rate), batchSize: s.batch, random: this.random,
             regularization: s.reg, regRate: s.reg === "none" ? 0 : Number(s.regRate) };
  }

  train(epochs) {
    for (let i = 0; i < epochs; i++) {
      M.trainEpoch(this.net, this.trainX, this.data.y, this.options());
      this.epoch += 1;
      this.measure();
    }
  }

  measure() {
    this.score = M.evaluate(this.net, this.trainX, this.data.y);
    this.testScore = M.evaluate(this.net, this.testX, this.test.y);
    this.history.push([this.score.loss, this.testScore.loss]);
  }

  play() {
    // Each animation frame does one kind of work, so that no frame's task
    // grows long on a slow computer (a 4× slowed CPU): training frames (as
    // many epochs as fit in FRAME_BUDGET ms, at least one); every PICTURE_GAP
    // ms a frame that paints the canvases (decision regions, loss, network);
    // every TEXT_GAP ms a frame that writes the numbers (text, which lays the
    // page out again). Every frame that changes what is seen also waits for
    // the compositor (on a busy computer, tens of ms), so they are few.
    // With reduced motion a still picture every second.
    this.endSample();
    this.playing = true;
    const still = reducedMotion(), t = this.timing;
    const epochs = () => Math.max(1, Math.min(MAX_EPOCHS_PER_FRAME,
                                              Math.floor(FRAME_BUDGET / t.epoch)));
    const timed = (key, work, per = 1) => {  // ms per call (per epoch)
      const start = performance.now();
      work();
      const took = Math.max(0.05, (performance.now() - start) / per);
      t[key] = Math.max(took, 0.7 * t[key] + 0.3 * took);  // up at once, down slowly
    };
    // The gap between pictures grows while the frames that draw come late
    // (a slow or busy computer: the frame after a picture starts more than
    // LATE ms after it) and shrinks back when they are on time again.
    let gap = still ? 1000 : PICTURE_GAP;
    const textGap = still ? 1000 : TEXT_GAP;
    let picture = 0, text = 0, drawn = false, drewAt = null;
    this.run(time => {
      if (drewAt !== null && !still) {
        gap = time - drewAt > LATE ? Math.min(MAX_PICTURE_GAP, gap * 1.5)
          : Math.max(PICTURE_GAP, gap * 0.9);
        drewAt = null;
      }
      if (time >= picture) {
        timed("draw", () => { this.drawPictures(); this.drawNetwork(); });
        picture = time + gap;
        drawn = true;
        drewAt = time;
      } else if (drawn && time >= text) {
        this.showNumbers();
        text = time + textGap;
        drawn = false;
      } else {
        const n = epochs();
        timed("epoch", () => this.train(n), n);
      }
      return true;
    });
  }

  // The pictures are drawn at one canvas pixel per CSS pixel while training
  // and sharp (the screen's device pixel ratio) once paused. Without a GPU a
  // canvas's pixels are copied to the compositor with every frame: on a
  // phone's screen (ratio 2 or 3) that copy alone made most frames longer
  // than 50 ms on a slow CPU.
  pause() {
    this.playing = false;
    super.pause();
  }

  // One sample through backpropagation: forward, backward, then the step
  sampleStep() {
    this.pause();
    if (this.stage === null) {
      const i = this.sampleIndex % this.trainX.length;
      this.sampleIndex += 1;
      this.sample = { index: i,
                      ...M.sampleBackprop(this.net, this.trainX[i], this.data.y[i]) };
      this.stage = "forward";
    } else if (this.stage === "forward") {
      this.stage = "backward";
    } else {
      const o = this.options();
      M.gradientDescentStep(this.net, this.sample.grads, o.learningRate);
      this.measure();
      this.history.pop();  // a single sample's step is not an epoch
      this.history.push([this.score.loss, this.testScore.loss]);
      this.stage = null;
    }
    this.sampleButton.textContent = SAMPLE_BUTTON[this.stage];
    this.describeSample();
    this.report();
    // a screen reader hears what the step shows (or the numbers after the update)
    if (this.stage) this.live.say(this.sampleNote.textContent, true);
    else this.report(true);
  }

  endSample() {
    if (this.stage === null) return;
    this.stage = null;
    this.sample = null;
    this.sampleButton.textContent = SAMPLE_BUTTON.null;
    this.describeSample();
  }

  describeSample() {
    const g = this.sample, note = this.sampleNote;
    note.hidden = this.stage === null;
    if (!g || this.stage === null) return;
    const x = this.data.X[g.index], y = this.data.y[g.index];
    const where = `훈련 샘플 ${g.index + 1}번 (x₁ ${number(x[0], 2)}, x₂ ${number(x[1], 2)}, `
      + `타깃 ${number(y, 2)})`;
    if (this.stage === "forward") {
      note.textContent = `정방향: ${where}이 네트워크를 지나갑니다. 뉴런 아래의 수가 `
        + `이 샘플에서 각 뉴런의 출력이고, 네트워크의 출력은 ${number(g.yHat, 3)}, `
        + `이 샘플의 손실은 ${number(g.loss, 4)}입니다.`;
    } else {
      note.textContent = `역방향: 출력층에서부터 각 뉴런의 δ(손실을 그 뉴런의 z로 미분한 값)를 `
        + "구해 아래층으로 보냅니다. 연결의 굵기는 이제 그 가중치의 그레이디언트 크기이고, "
        + "색은 그 부호입니다. 가중치 표에 값이 모두 있습니다. 한 번 더 누르면 "
        + `학습률 ${withRo(this.settings.rate)} 이 샘플 하나만큼 가중치를 고칩니다.`;
    }
  }

  report(now = false) {
    this.drawPictures();
    this.drawNetwork();
    this.showNumbers(now);
  }

  // the numbers and what the pictures' labels say (the text of the page)
  showNumbers(now = false) {
    const pct = v => `${number(100 * v, 1)}%`;
    const part = score => (this.regression ? `손실 ${number(score.loss, 4)}`
      : `손실 ${number(score.loss, 4)}, 정확도 ${pct(score.accuracy)}`);
    this.epochText.textContent = `에포크 ${this.epoch}`;
    this.trainText.textContent = `훈련 ${part(this.score)}`;
    this.testText.textContent = `테스트 ${part(this.testScore)}`;
    this.live.say(`에포크 ${this.epoch}, 훈련 ${part(this.score)}, `
      + `테스트 ${part(this.testScore)}`, now);
    const h = this.history, last = h[h.length - 1];
    setText(this.curve, "aria-label", `손실 곡선: 에포크 ${this.epoch}, 훈련 손실 `
      + `${number(h[0][0], 3)}에서 ${number(last[0], 3)}, 테스트 손실 ${number(h[0][1], 3)}에서 `
      + `${number(last[1], 3)}`);
    const s = this.settings;
    setText(this.regions, "aria-label", (this.regression ? "회귀: 예측값과 " : "결정 영역과 ")
      + `훈련 샘플 ${this.data.X.length}개` + (s.showTest ? `, 테스트 샘플 ${this.test.X.length}개`
        : ""));
    const keys = `${this.regression}|${s.showTest}`;
    if (keys !== this.regionKeysShown) {
      this.regionKeysShown = keys;
      this.regionKeys.replaceChildren(
        element("span", { class: "pg-key pg-key0", text: this.regression ? "-1" : "클래스 0" }),
        element("span", { class: "pg-key pg-key1", text: this.regression ? "+1" : "클래스 1" }),
        ...(s.showTest ? [element("span", { class: "pg-key pg-key-test", text: "테두리: 테스트" })]
          : []),
        element("span", { class: "pg-key-text",
                          text: this.regression ? "배경: 예측값" : "배경: 예측 확률 p" }));
    }
    NET_KEYS[this.stage].forEach((text, i) => {
      if (this.netKeys[i].textContent !== text) this.netKeys[i].textContent = text;
    });
  }

  // Pictures -------------------------------------------------------------------

  draw() {
    this.drawPictures();
    this.drawNetwork();
  }

  // the decision regions (from every neuron's values on a grid) and the loss
  drawPictures() {
    if (!this.net) return;
    if (!this.palette) this.palette = colours(this.root);
    const n = M.countParameters(this.net) > BIG ? SMALL_GRID : GRID;
    const key = `${n}|${this.settings.features}`;
    if (this.gridKey !== key) {
      this.gridKey = key;
      this.gridInput = M.gridInput(n, VIEW[0], VIEW[1], this.settings.features);
    }
    this.grid = M.gridActivations(this.net, n, VIEW[0], VIEW[1], this.settings.features,
                                  this.gridInput);
    this.gridSize = n;
    this.drawRegions(this.grid.yHat, n);
    this.drawCurve();
  }

  drawNetwork() {
    if (!this.grid) return;
    this.view.update(this.net, this.settings.features, this.grid, this.gridSize, this.palette, {
      sample: this.sample, stage: this.stage, ranges: this.ranges(this.grid),
      sharp: !this.playing });
  }

  // the range of values that each neuron's tile spans from one colour to the other
  ranges(grid) {
    const net = this.net, L = net.sizes.length - 1;
    return net.sizes.map((k, l) => Array.from({ length: k }, (_, i) => {
      if (l === L) return this.regression ? [-1, 1] : [0, 1];
      if (l > 0 && net.activation === "tanh") return [-1, 1];
      if (l > 0 && net.activation !== "relu") return [0, 1];
      let lo = Infinity, hi = -Infinity;
      for (let p = i; p < grid.as[l].length; p += k) {
        lo = Math.min(lo, grid.as[l][p]);
        hi = Math.max(hi, grid.as[l][p]);
      }
      if (l === 0) { const m = Math.max(Math.abs(lo), Math.abs(hi)); return [-m, m]; }
      return [0, Math.max(hi, 1e-9)];
    }));
  }

  drawRegions(p, n) {
    const canvas = this.regions, pal = this.palette, s = this.settings;
    const size = fit(canvas, this.sizes, !this.playing);
    const ctx = canvas.getContext("2d");
    if (!this.cells || this.cells.width !== n) {
      this.cells = document.createElement("canvas");
      this.cells.width = this.cells.height = n;
    }
    const cells = this.cells.getContext("2d"), image = cells.createImageData(n, n);
    const [c0, c1] = [rgb(pal.region0), rgb(pal.region1)];
    const level = v => {  // 0 … 1 from the output
      const t = this.regression ? (v + 1) / 2 : v;
      return s.discretize ? (t >= 0.5 ? 1 : 0) : Math.min(1, Math.max(0, t));
    };
    for (let i = 0; i < p.length; i++) {
      const t = level(p[i]);
      for (let k = 0; k < 3; k++) image.data[4 * i + k] = c0[k] + t * (c1[k] - c0[k]);
      image.data[4 * i + 3] = 255;
    }
    cells.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = !s.discretize;
    ctx.drawImage(this.cells, 0, 0, size.w, size.h);
    const scale = size.w / (VIEW[1] - VIEW[0]), r = 2.6 * size.dpr;
    const at = v => (v - VIEW[0]) * scale;
    const [k0, k1] = [rgb(pal.class0), rgb(pal.class1)];
    const colour = y => (this.regression
      ? `rgb(${k0.map((v, k) => Math.round(v + (y + 1) / 2 * (k1[k] - v))).join(",")})`
      : y ? pal.class1 : pal.class0);
    const dots = (data, hollow) => data.X.forEach(([u, v], i) => {
      const x = at(u), yy = size.h - at(v), round = this.regression || data.y[i];
      ctx.beginPath();
      if (round) ctx.arc(x, yy, r, 0, 2 * Math.PI);
      else ctx.rect(x - r, yy - r, 2 * r, 2 * r);
      if (hollow) {
        ctx.lineWidth = 1.6 * size.dpr;
        ctx.strokeStyle = pal.fg;
        ctx.stroke();
        ctx.fillStyle = colour(data.y[i]);
        ctx.fill();
      } else {
        ctx.lineWidth = size.dpr;
        ctx.strokeStyle = pal.bg;
        ctx.fillStyle = colour(data.y[i]);
        ctx.fill();
        ctx.stroke();
      }
    });
    dots(this.data, false);
    if (s.showTest) dots(this.test, true);
    if (this.sample && this.stage) {
      const [u, v] = this.data.X[this.sample.index];
      ctx.lineWidth = 2.5 * size.dpr;
      ctx.strokeStyle = pal.fg;
      ctx.beginPath();
      ctx.arc(at(u), size.h - at(v), 3 * r, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  drawCurve() {
    const canvas = this.curve, pal = this.palette, size = fit(canvas, this.sizes, !this.playing);
    const ctx = canvas.getContext("2d"), d = size.dpr, h = this.history;
    ctx.clearRect(0, 0, size.w, size.h);
    let top = 1e-9;
    for (const [a, b] of h) top = Math.max(top, a, Number.isFinite(b) ? b : 0);
    top = niceCeiling(top);
    ctx.font = `${11 * d}px sans-serif`;
    const label = v => number(v, v < 0.1 ? 3 : 2);
    const ticks = [0, top / 2, top];
    const left = Math.max(...ticks.map(v => ctx.measureText(label(v)).width)) + 8 * d;
    const right = size.w - 6 * d;
    const y1 = 6 * d, y0 = size.h - 18 * d;
    // axes, ticks and their labels
    ctx.strokeStyle = pal.light;
    ctx.fillStyle = pal.fg;
    ctx.lineWidth = d;
    ctx.beginPath();
    ctx.moveTo(left, y1);
    ctx.lineTo(left, y0);
    ctx.lineTo(right, y0);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of ticks) {
      const y = y0 - (y0 - y1) * v / top;
      ctx.moveTo(left - 4 * d, y);
      ctx.lineTo(left, y);
      ctx.fillText(label(v), left - 6 * d, Math.max(y, y1 + 5 * d));
    }
    // the epochs on a logarithmic axis (epochX): 0, 1, 10, 100, … and the last
    ctx.textBaseline = "top";
    const last = h.length - 1, xAt = e => left + (right - left) * epochX(e, last);
    const shown = epochTicks(last);
    let free = right;  // labels from the right: none may overlap the one after it
    for (let k = shown.length - 1; k >= 0; k--) {
      const e = shown[k], x = xAt(e), text = String(e);
      const w = ctx.measureText(text).width;
      const align = k === shown.length - 1 && k > 0 ? "right" : k === 0 ? "left" : "center";
      const from = align === "right" ? x - w : align === "center" ? x - w / 2 : x;
      ctx.moveTo(x, y0);
      ctx.lineTo(x, y0 + 4 * d);
      if (from + w + 4 * d <= free || k === shown.length - 1) {
        ctx.textAlign = align;
        ctx.fillText(text, x, y0 + 5 * d);
        free = from;
      }
    }
    ctx.stroke();
    // one point per device pixel across (the first epochs each get their own)
    const points = [];
    for (let px = 0, prev = -1; px <= right - left; px++) {
      const e = last > 0 ? Math.min(last, Math.round(Math.expm1(px / (right - left)
                                                                 * Math.log1p(last)))) : 0;
      if (e !== prev) points.push(e);
      prev = e;
    }
    [[0, pal.fg, []], [1, pal.class1, [5 * d, 3 * d]]].forEach(([which, colour, dash]) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.8 * d;
      ctx.setLineDash(dash);
      ctx.beginPath();
      points.forEach((i, k) => {
        const x = xAt(i), y = y0 - (y0 - y1) * h[i][which] / top;
        if (k === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
  }
}

// sets an attribute only when it changes (a change costs the page a style pass)
function setText(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

// The loss chart's x axis is logarithmic: after 2,000 epochs the first ten,
// where the loss falls fastest, still take a third of it. x in 0 … 1 for an
// epoch of n; the ticks are 0, 1, 10, 100, … and n.
export function epochX(e, n) {
  return n > 0 ? Math.log1p(e) / Math.log1p(n) : 0;
}
export function epochTicks(n) {
  const ticks = [0];
  for (let t = 1; t < n; t *= 10) ticks.push(t);
  if (n > 0) ticks.push(n);
  return ticks;
}

// 1, 2 or 5 times a power of ten, at least v
function niceCeiling(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map(m => m * p).find(m => m >= v * 0.999) ?? v;
}

// Sizes the canvas's pixels to its CSS box, sharp on any screen (or one
// pixel per CSS pixel); the box's size as the ResizeObserver last saw it
function fit(canvas, sizes, sharp = true) {
  const dpr = sharp ? window.devicePixelRatio || 1 : 1;
  const [cw, ch] = sizes.get(canvas) || [canvas.clientWidth, canvas.clientHeight];
  const w = Math.max(1, Math.round(cw * dpr));
  const h = Math.max(1, Math.round(ch * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return { w, h, dpr };
}
