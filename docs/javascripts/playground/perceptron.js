// The perceptron rule, step by step: the page's iris points (or XOR), the
// sample being looked at, its z, ŷ, error and Δw, and the decision line.
import { perceptronRuleSteps } from "./math.js";
import { Widget, button, element, number, reducedMotion, select } from "./ui.js";

const DATA_URL = new URL("../../playground/perceptron-data.json", import.meta.url);
const SETS = {
  iris: { name: "붓꽃: 세토사인가", view: [0, 7.5, 0, 2.75], axes: ["꽃잎 길이 (cm)",
          "꽃잎 너비 (cm)"], labels: ["세토사 아님 (y = 0)", "세토사 (y = 1)"], marker: 1 },
  xor: { name: "XOR (직선으로 나눌 수 없음)", view: [-0.5, 1.5, -0.5, 1.5], axes: ["x₁", "x₂"],
         labels: ["XOR = 0", "XOR = 1"], marker: 2 },
};
const MAX_EPOCHS = 100;  // fit_perceptron_rule's default on the page
// samples per picture, and whether a wrong sample is looked at longer
const SPEEDS = {
  slow: { name: "느리게 (고칠 때마다 잠깐 멈춤)", samples: 1, pauseAfterUpdate: true },
  fast: { name: "빠르게", samples: 1, pauseAfterUpdate: false },
  fastest: { name: "아주 빠르게", samples: 10, pauseAfterUpdate: false },
};
const SIZE = { w: 360, h: 250, left: 44, right: 10, top: 10, bottom: 40 };  // SVG units

export async function create(root) {
  const response = await fetch(DATA_URL);
  if (!response.ok) throw new Error(`${DATA_URL}: ${response.status}`);
  const data = await response.json();
  return new PerceptronWidget(root, data);
}

class PerceptronWidget extends Widget {
  constructor(root, data) {
    super(root);
    this.data = data;
    this.build();
    this.reset();
  }

  build() {
    const choice = select("데이터", Object.entries(SETS).map(([k, s]) => [k, s.name]), "iris");
    this.choice = choice.control;
    this.choice.addEventListener("change", () => this.reset());
    const speed = select("속도", Object.entries(SPEEDS).map(([k, v]) => [k, v.name]), "slow");
    this.speed = speed.control;
    this.stepButton = button("한 단계", () => { this.pause(); this.step(true); });
    this.endButton = button("끝까지 실행", () => this.runToEnd());
    this.resetButton = button("처음부터", () => this.reset());
    this.svg = element("svg", { viewBox: `0 0 ${SIZE.w} ${SIZE.h}`, class: "pg-plot",
                                role: "img", "aria-label": "샘플과 결정 경계 그림" });
    this.caption = element("p", { class: "pg-caption" });
    this.table = element("dl", { class: "pg-values" });
    this.status = element("p", { class: "pg-status" });
    this.root.replaceChildren(
      element("div", { class: "pg-controls" }, choice.field, speed.field,
        element("div", { class: "pg-buttons" }, this.stepButton, this.playButton,
                this.endButton, this.resetButton)),
      element("div", { class: "pg-figures" },
        element("div", { class: "pg-plot-box" }, this.svg, this.caption),
        element("div", { class: "pg-values-box" }, this.status, this.table)),
      this.live.el);
    this.life.onVisibility(visible => { if (!visible) this.pause(); });
  }

  reset() {
    this.pause();
    const set = this.data[this.choice.value];
    this.set = SETS[this.choice.value];
    this.X = set.X;
    this.y = set.y;
    this.steps = perceptronRuleSteps(this.X, this.y, 1.0, MAX_EPOCHS);
    this.current = null;
    this.done = false;
    this.updates = 0;
    this.w = [0, 0];
    this.b = 0;
    this.draw();
    this.report();
    this.live.say(`${this.set.name}: 처음부터 시작합니다. w = (0, 0), b = 0.`, true);
  }

  // One sample of the rule; `quiet` leaves the picture and the readout alone
  step(now = false, quiet = false) {
    if (this.done) return false;
    const next = this.steps.next();
    if (next.done) {
      this.done = true;
      this.current = null;
    } else {
      this.current = next.value;
      this.w = next.value.w;
      this.b = next.value.b;
      if (next.value.wrong) this.updates += 1;
      // the rule stops after an epoch without a wrong sample, or at MAX_EPOCHS
      const last = next.value.index === this.X.length - 1;
      if (last && (next.value.nErrors === 0 || next.value.epoch === MAX_EPOCHS)) {
        this.done = true;
      }
    }
    if (!quiet) {
      this.draw();
      this.report(now);
    }
    return !this.done;
  }

  // The rest of the run at once (XOR takes 100 epochs), then its last picture
  runToEnd() {
    this.pause();
    while (this.step(false, true));
    this.draw();
    this.report(true);
  }

  play() {
    if (this.done) this.reset();
    // a picture about 30 times a second (with reduced motion every half
    // second: a series of still pictures), of one or more samples by the
    // chosen speed; "느리게" looks longer at each update
    const speed = SPEEDS[this.speed.value], still = reducedMotion();
    let due = 0;
    this.run(time => {
      if (time < due) return true;
      let going = true;
      for (let i = 0; i < speed.samples && going; i++) going = this.step(false, true);
      this.draw();
      this.report();
      const look = speed.pauseAfterUpdate && this.current && this.current.wrong;
      due = time + (still ? 500 : look ? 600 : 33);
      if (!going) this.pause();
      return going;
    });
  }

  report(now = false) {
    const s = this.current;
    const rows = [];
    if (s) {
      const x = s.x.map(v => number(v)).join(", ");
      const target = this.y[s.index];
      const onBoundary = s.z === 0;
      const error = s.wrong ? (target === 1 ? 1 : -1) : 0;
      rows.push(["에포크 · 샘플", `${s.epoch} · ${s.index + 1}번째 / ${this.X.length}`],
                ["입력 x", `(${x})`], ["타깃 y", String(target)],
                ["z = w·x + b", number(s.z)],
                ["예측 ŷ", onBoundary ? `${s.yHat} (z = 0, 경계 위)` : String(s.yHat)],
                ["오차 y − ŷ", s.wrong ? (onBoundary ? `${error} (경계 위는 틀린 것으로 봄)`
                                                     : String(error)) : "0 (맞음)"],
                ["Δw = η(y − ŷ)x", `(${s.dw.map(v => number(v)).join(", ")})`],
                ["Δb = η(y − ŷ)", number(s.db)]);
    }
    rows.push(["가중치 w", `(${this.w.map(v => number(v)).join(", ")})`],
              ["편향 b", number(this.b)], ["지금까지 갱신", `${this.updates}번`]);
    this.table.replaceChildren(...rows.flatMap(([k, v]) =>
      [element("dt", { text: k }), element("dd", { text: v })]));
    let status;
    if (this.done && s && s.nErrors === 0) {
      status = `${s.epoch}번째 에포크에서 틀린 샘플이 없어 멈췄습니다. 모든 샘플을 맞힙니다.`;
    } else if (this.done) {
      status = `${MAX_EPOCHS} 에포크를 다 돌았지만 멈추지 못했습니다: 직선 하나로는 모두 맞힐 수 없습니다.`;
    } else if (!s) {
      status = "w = 0, b = 0에서 시작합니다. 처음에는 모든 z가 0이라 첫 샘플부터 고칩니다.";
    } else {
      status = s.wrong ? "틀렸으므로 가중치와 편향을 고칩니다." : "맞혔으므로 그대로 둡니다.";
    }
    this.status.textContent = status;
    const said = s ? `에포크 ${s.epoch}, ${s.index + 1}번째 샘플: ${s.wrong ? "틀림" : "맞음"}. `
                     + `w = (${this.w.map(v => number(v)).join(", ")}), b = ${number(this.b)}. `
                   : "";
    if (s || this.done) this.live.say(said + (this.done ? status : ""), now || this.done);
  }

  // The plot ---------------------------------------------------------------

  draw() {
    const [x0, x1, y0, y1] = this.set.view;
    const sx = v => SIZE.left + (v - x0) / (x1 - x0) * (SIZE.w - SIZE.left - SIZE.right);
    const sy = v => SIZE.h - SIZE.bottom - (v - y0) / (y1 - y0) * (SIZE.h - SIZE.top - SIZE.bottom);
    const corners = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
    const z = ([u, v]) => this.w[0] * u + this.w[1] * v + this.b;
    const positive = clip(corners, z);
    const parts = [
      element("rect", { x: sx(x0), y: sy(y1), width: sx(x1) - sx(x0), height: sy(y0) - sy(y1),
                    class: "pg-region0" }),
    ];
    if (positive.length) {
      parts.push(element("polygon", { class: "pg-region1",
        points: positive.map(([u, v]) => `${sx(u)},${sy(v)}`).join(" ") }));
    }
    const line = boundary(corners, this.w, this.b);
    if (line) {
      parts.push(element("line", { x1: sx(line[0][0]), y1: sy(line[0][1]), x2: sx(line[1][0]),
                               y2: sy(line[1][1]), class: "pg-boundary" }));
    }
    parts.push(...axes(this.set, sx, sy));
    const k = this.set.marker;
    this.X.forEach(([u, v], i) => {
      parts.push(this.y[i] === 1
        ? element("circle", { cx: sx(u), cy: sy(v), r: 3.2 * k, class: "pg-point1" })
        : element("rect", { x: sx(u) - 2.8 * k, y: sy(v) - 2.8 * k, width: 5.6 * k,
                            height: 5.6 * k, class: "pg-point0" }));
    });
    if (this.current) {
      const [u, v] = this.current.x;
      parts.push(element("circle", { cx: sx(u), cy: sy(v), r: 5 + 3 * k, class: "pg-current" }));
    }
    this.svg.replaceChildren(...parts);
    const [l0, l1] = this.set.labels;
    this.caption.replaceChildren(
      element("span", { class: "pg-key pg-key0", text: l0 }),
      element("span", { class: "pg-key pg-key1", text: l1 }),
      element("span", { class: "pg-key pg-key-current", text: "지금 보는 샘플" }),
      element("span", { class: "pg-key pg-key-region", text: "ŷ = 1인 쪽" }));
    const where = line ? `결정 경계 ${number(this.w[0])}·x₁ + ${number(this.w[1])}·x₂ + `
                         + `${number(this.b)} = 0` : "결정 경계가 아직 없음";
    this.svg.setAttribute("aria-label", `${this.set.axes.join(", ")} 평면의 샘플 `
                          + `${this.X.length}개와 ${where}`);
  }
}

function axes(set, sx, sy) {
  const [x0, x1, y0, y1] = set.view;
  const ticks = (lo, hi) => {
    const stepSize = hi - lo > 4 ? 1 : 0.5;
    const out = [];
    for (let t = Math.ceil(lo / stepSize) * stepSize; t <= hi + 1e-9; t += stepSize) out.push(t);
    return out;
  };
  const parts = [element("rect", { x: sx(x0), y: sy(y1), width: sx(x1) - sx(x0),
                               height: sy(y0) - sy(y1), class: "pg-frame" })];
  for (const t of ticks(x0, x1)) {
    const text = element("text", { x: sx(t), y: sy(y0) + 14, class: "pg-tick",
                                   "text-anchor": "middle" });
    text.textContent = number(t, 1);
    parts.push(text);
  }
  for (const t of ticks(y0, y1)) {
    const text = element("text", { x: sx(x0) - 5, y: sy(t) + 4, class: "pg-tick",
                                   "text-anchor": "end" });
    text.textContent = number(t, 1);
    parts.push(text);
  }
  const xl = element("text", { x: (sx(x0) + sx(x1)) / 2, y: SIZE.h - 6, class: "pg-axis",
                           "text-anchor": "middle" });
  label(xl, set.axes[0]);
  const yl = element("text", { x: 12, y: (sy(y0) + sy(y1)) / 2, class: "pg-axis",
                           "text-anchor": "middle",
                           transform: `rotate(-90 12 ${(sy(y0) + sy(y1)) / 2})` });
  label(yl, set.axes[1]);
  parts.push(xl, yl);
  return parts;
}

// "x₁" as x with a lowered 1: the system fonts may have no subscript digits
function label(text, name) {
  const match = name.match(/^(.*?)([₀-₉]+)$/);
  if (!match) {
    text.textContent = name;
    return;
  }
  const digits = [...match[2]].map(c => String(c.charCodeAt(0) - 0x2080)).join("");
  text.append(match[1], element("tspan", { "baseline-shift": "sub", "font-size": "75%" }));
  text.lastChild.textContent = digits;
}

// The part of a convex polygon where f >= 0 (Sutherland–Hodgman, one edge)
function clip(polygon, f) {
  const out = [];
  polygon.forEach((p, i) => {
    const q = polygon[(i + 1) % polygon.length];
    const fp = f(p), fq = f(q);
    if (fp >= 0) out.push(p);
    if ((fp >= 0) !== (fq >= 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return out;
}

// Where w·x + b = 0 crosses the view: two points, or null
function boundary(corners, w, b) {
  if (Math.abs(w[0]) + Math.abs(w[1]) < 1e-12) return null;
  const f = ([u, v]) => w[0] * u + w[1] * v + b;
  const points = [];
  corners.forEach((p, i) => {
    const q = corners[(i + 1) % 4];
    const fp = f(p), fq = f(q);
    if (fp === 0) points.push(p);
    else if (fp * fq < 0) {
      const t = fp / (fp - fq);
      points.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return points.length >= 2 ? [points[0], points[1]] : null;
}
