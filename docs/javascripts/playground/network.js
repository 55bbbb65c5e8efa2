// The network drawn live: every input feature, hidden neuron and the output
// as a small heatmap of its value over the plane, the links coloured by the
// sign of their weight and as wide as its size; in the one-sample mode, the
// sample's values under the neurons and the links drawn from the gradients.
// A table of the weights (in a <details>) says the same in text.
//
// The links and the heatmaps are painted on one canvas; an SVG above it holds
// what changes only with the network's shape (names, frames) and the sample's
// values. (The links were SVG lines: at 384 links, a redraw's style, layout
// and paint of the lines took about 100 ms on a 4× slowed CPU, a long task in
// every frame; the canvas takes a few ms.)
import { element, number, rgb } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
const svg = (tag, attrs = {}) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
};

// "x₁²" as SVG text: the subscript digits as lowered, smaller tspans (the
// fonts' own ₁ and ₂ are too small to read at 11 px)
function subscripted(textEl, text) {
  for (const part of text.split(/([₁₂])/)) {
    if (part === "₁" || part === "₂") {
      textEl.append(svg("tspan", { class: "pg-sub", dy: 3 }), svg("tspan", { dy: -3 }));
      textEl.children[textEl.children.length - 2].textContent = part === "₁" ? "1" : "2";
    } else if (part) {
      const last = textEl.lastElementChild;
      if (last && last.textContent === "") last.textContent = part;
      else textEl.append(document.createTextNode(part));
    }
  }
}

export const FEATURE_TEXT = {
  x1: "x₁", x2: "x₂", x1sq: "x₁²", x2sq: "x₂²", x1x2: "x₁x₂",
  sin1: "sin x₁", sin2: "sin x₂",
};

// the link's width in px for a weight (or a gradient scaled to 0 … 3)
export const linkWidth = w => Math.min(0.5 + 1.5 * Math.abs(w), 6);

export class NetworkView {
  constructor() {
    this.canvas = element("canvas", { class: "pg-net-tiles" });
    this.svg = svg("svg", { class: "pg-net-svg", "aria-hidden": "true" });
    this.el = element("div", { class: "pg-net", role: "img" }, this.canvas, this.svg);
    this.tbody = element("tbody");
    this.gradHead = element("th", { scope: "col", text: "그레이디언트", hidden: true });
    this.details = element("details", { class: "pg-weights" },
      element("summary", { text: "가중치 표 (그림의 연결을 글로)" }),
      element("div", { class: "pg-table-box", tabindex: "0", role: "region",
                         "aria-label": "가중치 표" }, element("table", {},
        element("thead", {}, element("tr", {},
          element("th", { scope: "col", text: "연결" }),
          element("th", { scope: "col", text: "가중치" }), this.gradHead)),
        this.tbody)));
    this.details.addEventListener("toggle", () => this.details.open && this.fillTable());
    this.key = null;
    this.width = 0;  // the drawing's CSS width, from a ResizeObserver (mlp.js)
    this.label = "";
  }

  // names of every neuron, column by column
  names(net, features) {
    return net.sizes.map((n, l) => Array.from({ length: n }, (_, i) => (
      l === 0 ? FEATURE_TEXT[features[i]]
        : l === net.sizes.length - 1 ? "출력"
          : `은닉층 ${l}의 뉴런 ${i + 1}`)));
  }

  // positions of the columns, neurons and links; the SVG's names and frames.
  // The width comes from resized() (no layout is read while drawing).
  resized(width) { this.width = width; }

  layout(net, features) {
    if (!this.width) this.width = this.el.clientWidth;
    const width = Math.max(200, this.width || 300);
    const key = `${width}|${net.sizes.join("-")}|${features.join(",")}`;
    if (key === this.key) return;
    this.key = key;
    this.neuronNames = this.names(net, features);
    const cols = net.sizes.length, rows = Math.max(...net.sizes);
    const label = 40;  // room for the features' names on the left
    const size = Math.max(16, Math.min(34, Math.floor((width - label) / cols * 0.55)));
    const step = cols > 1 ? (width - label - size - 4) / (cols - 1) : 0;
    const rowH = size + 13, head = 16;
    const height = head + rows * rowH;
    this.size = size;
    this.pos = net.sizes.map((n, l) => Array.from({ length: n }, (_, i) => [
      label + l * step, head + (rows - n) * rowH / 2 + i * rowH]));
    this.el.style.height = `${height}px`;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.svg.replaceChildren();
    const heads = ["입력", ...net.sizes.slice(1, -1).map((_, l) => `은닉 ${l + 1}`), "출력"];
    heads.forEach((text, l) => {
      const t = svg("text", { class: "pg-net-head", x: label + l * step + size / 2, y: 11,
                              "text-anchor": "middle" });
      t.textContent = text;
      this.svg.append(t);
    });
    this.links = [];
    net.layers.forEach((layer, l) => {
      const nOut = net.sizes[l + 1];
      for (let j = 0; j < net.sizes[l]; j++) {
        for (let k = 0; k < nOut; k++) {
          const [x1, y1] = this.pos[l][j], [x2, y2] = this.pos[l + 1][k];
          this.links.push({ x1: x1 + size, y1: y1 + size / 2, x2, y2: y2 + size / 2,
                            l, index: j * nOut + k, width: -1, sign: 0 });
        }
      }
    });
    this.labels = [];
    this.pos.forEach((column, l) => column.forEach(([x, y], i) => {
      this.svg.append(svg("rect", { class: "pg-net-node", x, y, width: size, height: size }));
      if (l === 0) {
        const t = svg("text", { class: "pg-net-name", x: x - 4, y: y + size / 2 + 4,
                                "text-anchor": "end" });
        subscripted(t, this.neuronNames[0][i]);
        this.svg.append(t);
      }
      const value = svg("text", { class: "pg-net-value", x: x + size / 2,
                                  y: y + size + 10, "text-anchor": "middle" });
      this.svg.append(value);
      this.labels.push(value);
    }));
    this.rows = null;  // the table is built again for the new shape
  }

  // Redraws: tiles from `grid` (the forward cache of a grid of points, row 0
  // at the top), links from the weights, or from the gradients of `sample`.
  update(net, features, grid, n, palette, { sample = null, stage = null, ranges,
                                            sharp = true } = {}) {
    this.layout(net, features);
    this.net = net;
    this.sample = stage === "backward" ? sample : null;
    const cells = [];
    net.sizes.forEach((k, l) => { for (let i = 0; i < k; i++) cells.push([l, i]); });
    let scale = 1;
    if (this.sample) {
      const top = Math.max(...this.sample.grads.flatMap(g => Array.from(g.W, Math.abs)), 1e-12);
      scale = 3 / top;
    }
    for (const link of this.links) {
      const w = this.sample ? this.sample.grads[link.l].W[link.index] * scale
        : net.layers[link.l].W[link.index];
      link.width = Math.round(linkWidth(w) * 10) / 10;
      link.sign = w >= 0 ? 1 : -1;
    }
    this.paint(grid, n, cells, palette, ranges, sharp);
    // the sample's value under every neuron (forward), or its δ (backward)
    let index = 0;
    net.sizes.forEach((k, l) => {
      for (let i = 0; i < k; i++, index++) {
        let text = "";
        if (sample && stage === "forward") text = number(sample.as[l][i], 2);
        else if (sample && stage === "backward" && l > 0) {
          text = `δ ${number(sample.deltas[l - 1][i], 3)}`;
        }
        if (this.labels[index].textContent !== text) this.labels[index].textContent = text;
      }
    });
    const hidden = net.sizes.slice(1, -1);
    const what = this.sample ? "그레이디언트" : "가중치";
    const label = `네트워크 그림: 입력 특성 ${net.sizes[0]}개, `
      + (hidden.length ? `은닉층 ${hidden.length}개(뉴런 ${hidden.join(", ")}개)` : "은닉층 없음")
      + `, 출력 뉴런 1개. 연결의 색은 ${what}의 부호, 굵기는 크기입니다. `
      + "값은 아래 가중치 표에 있습니다.";
    if (label !== this.label) this.el.setAttribute("aria-label", this.label = label);
    if (this.details.open) this.fillTable();
  }

  // the links, then the neurons' heatmaps, on the canvas
  paint(grid, n, cells, palette, ranges, sharp) {
    const dpr = sharp ? window.devicePixelRatio || 1 : 1;  // 1 while training (mlp.js)
    const w = Math.round(this.width * dpr), h = Math.round(this.height * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    if (!this.tiles || this.tiles.width !== n * cells.length) {
      this.tiles = document.createElement("canvas");
      this.tiles.width = n * cells.length;
      this.tiles.height = n;
    }
    const tctx = this.tiles.getContext("2d"), image = tctx.createImageData(n * cells.length, n);
    const [c0, c1] = [rgb(palette.region0), rgb(palette.region1)], data = image.data;
    const stride = 4 * n * cells.length;
    cells.forEach(([l, i], t) => {
      const a = grid.as[l], k = this.net.sizes[l], [lo, hi] = ranges[l][i];
      const span = hi - lo || 1;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const v = Math.min(1, Math.max(0, (a[(r * n + c) * k + i] - lo) / span));
          const o = r * stride + 4 * (t * n + c);
          data[o] = c0[0] + v * (c1[0] - c0[0]);
          data[o + 1] = c0[1] + v * (c1[1] - c0[1]);
          data[o + 2] = c0[2] + v * (c1[2] - c0[2]);
          data[o + 3] = 255;
        }
      }
    });
    tctx.putImageData(image, 0, 0);
    const ctx = this.canvas.getContext("2d"), s = this.size * dpr;
    ctx.clearRect(0, 0, w, h);
    ctx.lineCap = "round";
    for (const sign of [1, -1]) {  // one path per colour and width
      ctx.strokeStyle = sign > 0 ? palette.class1 : palette.class0;
      const widths = new Map();
      for (const link of this.links) {
        if (link.sign !== sign) continue;
        if (!widths.has(link.width)) widths.set(link.width, []);
        widths.get(link.width).push(link);
      }
      for (const [width, links] of widths) {
        ctx.lineWidth = width * dpr;
        ctx.beginPath();
        for (const { x1, y1, x2, y2 } of links) {
          ctx.moveTo(x1 * dpr, y1 * dpr);
          ctx.lineTo(x2 * dpr, y2 * dpr);
        }
        ctx.stroke();
      }
    }
    cells.forEach(([l, i], t) => {
      const [x, y] = this.pos[l][i];
      ctx.drawImage(this.tiles, t * n, 0, n, n, x * dpr, y * dpr, s, s);
    });
  }

  // the table of every weight and bias (and the sample's gradients)
  fillTable() {
    const net = this.net;
    if (!net) return;
    if (!this.rows) {
      this.rows = [];
      const names = this.neuronNames;
      net.layers.forEach((layer, l) => {
        const to = names[l + 1];
        const add = (from, k, kind, index) => {
          const cells = [element("td"), element("td")];
          const row = element("tr", {}, element("th", { scope: "row",
            text: `${from.replace(/[₁₂]/g, d => (d === "₁" ? "1" : "2"))} → ${to[k]}` }),
          ...cells);
          this.rows.push({ row, cells, l, kind, index });
        };
        for (let j = 0; j < net.sizes[l]; j++) {
          const nOut = net.sizes[l + 1];
          for (let k = 0; k < nOut; k++) add(names[l][j], k, "W", j * nOut + k);
        }
        for (let k = 0; k < net.sizes[l + 1]; k++) add("편향", k, "b", k);
      });
      this.tbody.replaceChildren(...this.rows.map(r => r.row));
    }
    const g = this.sample;
    this.gradHead.hidden = !g;
    for (const { cells, l, kind, index } of this.rows) {
      cells[0].textContent = number(net.layers[l][kind][index], 3);
      cells[1].hidden = !g;
      cells[1].textContent = g ? number(g.grads[l][kind][index], 4) : "";
    }
  }
}
