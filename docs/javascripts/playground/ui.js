// What both widgets share: building controls, colours from the palette, an
// animation loop that ends with its widget, a throttled aria-live readout.

let count = 0;  // makes ids unique on a page
export const newId = () => `pg-${++count}`;

// element(tag, {attributes…, text, on: {event: handler}}, …children)
export function element(tag, props = {}, ...children) {
  const ns = ["svg", "circle", "rect", "line", "text", "tspan", "polygon"]
    .includes(tag) ? "http://www.w3.org/2000/svg" : null;
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") el.textContent = value;
    else if (key === "on") Object.entries(value).forEach(([e, f]) => el.addEventListener(e, f));
    else if (value !== null && value !== undefined && value !== false) el.setAttribute(key, value);
  }
  el.append(...children);
  return el;
}

// A labelled <select> of [value, text] pairs, or a labelled range with its value shown
export function select(label, options, value) {
  const id = `pg-${++count}`;
  const control = element("select", { id },
    ...options.map(([v, text]) => element("option", { value: v, text })));
  control.value = String(value);
  return { control, field: element("div", { class: "pg-field" },
    element("label", { for: id, text: label }), control) };
}

export function range(label, min, max, value, step = 1) {
  const id = `pg-${++count}`;
  const control = element("input", { id, type: "range", min, max, step, value });
  const shown = element("output", { for: id, text: String(value) });
  control.addEventListener("input", () => { shown.textContent = control.value; });
  return { control, field: element("div", { class: "pg-field" },
    element("label", { for: id, text: label }), element("span", { class: "pg-range" },
      control, shown)) };
}

export function button(text, onClick) {
  return element("button", { type: "button", class: "md-button pg-button", text,
                             on: { click: onClick } });
}

// A labelled checkbox; the label is text, or nodes
export function checkbox(label, checked = false) {
  const id = `pg-${++count}`;
  const control = element("input", { id, type: "checkbox" });
  control.checked = checked;
  const text = typeof label === "string" ? [label] : label;
  return { control, field: element("div", { class: "pg-check" }, control,
    element("label", { for: id }, ...text)) };
}

// "x₁²" with the subscripts as <sub> (the fonts' own ₁ ₂ are too small)
export function subscripts(text) {
  return text.split(/([₁₂])/).filter(Boolean).map(part => (
    part === "₁" || part === "₂" ? element("sub", { text: part === "₁" ? "1" : "2" }) : part));
}

// Copies text to the clipboard; false where the browser does not allow it
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// 0.5, -1.4, 2: at most `digits` decimals, no "-0"
export function number(value, digits = 3) {
  const text = Number(value.toFixed(digits)).toString();
  return text === "-0" ? "0" : text;
}

export const reducedMotion = () =>
  window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// The palette's colours, read from CSS (extra.css sets --pg-* per scheme)
export function colours(root) {
  const style = getComputedStyle(root);
  const read = name => style.getPropertyValue(name).trim();
  return { fg: read("--md-default-fg-color"), light: read("--md-default-fg-color--lighter"),
           bg: read("--md-default-bg-color"), class0: read("--pg-class0"),
           class1: read("--pg-class1"), region0: read("--pg-region0"),
           region1: read("--pg-region1") };
}

// "#rrggbb" or "rgb(r, g, b)" → [r, g, b]
export function rgb(colour) {
  if (colour.startsWith("#")) {
    const hex = colour.length === 4 ? colour.replace(/\w/g, c => c + c) : colour;
    return [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  }
  return colour.match(/[\d.]+/g).slice(0, 3).map(Number);
}

// One widget's life: its timers, frames and listeners end together, when
// destroy() is called or when its element has left the page.
export class Life {
  constructor(root) {
    this.root = root;
    this.cleanups = [];
    this.frame = null;
    this.alive = true;
  }

  // calls back when the palette changes (Material sets data-md-color-scheme)
  onPalette(callback) {
    const observer = new MutationObserver(callback);
    observer.observe(document.body, { attributes: true,
                                      attributeFilter: ["data-md-color-scheme"] });
    this.cleanups.push(() => observer.disconnect());
  }

  // calls back with false when the widget scrolls out of view
  onVisibility(callback) {
    if (!("IntersectionObserver" in window)) return;
    const observer = new IntersectionObserver(entries =>
      callback(entries[entries.length - 1].isIntersecting));
    observer.observe(this.root);
    this.cleanups.push(() => observer.disconnect());
  }

  // tick(time) on every animation frame until it returns false
  loop(tick) {
    this.stop();
    const run = time => {
      this.frame = null;
      if (!this.root.isConnected) return this.destroy();
      if (tick(time) !== false && this.alive) this.frame = requestAnimationFrame(run);
    };
    this.frame = requestAnimationFrame(run);
  }

  stop() {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  get running() { return this.frame !== null; }

  destroy() {
    if (!this.alive) return;
    this.alive = false;
    this.stop();
    this.cleanups.splice(0).forEach(f => f());
  }
}

// What both widgets have: a life, a spoken readout and a 훈련 시작 / 일시 정지
// button. A widget defines play() (which calls run()) and report(now).
export class Widget {
  constructor(root) {
    this.root = root;
    this.life = new Life(root);
    this.live = liveRegion();
    this.life.cleanups.push(() => this.live.cancel());
    this.playButton = button("훈련 시작", () => (this.life.running ? this.pause() : this.play()));
  }

  destroy() { this.life.destroy(); }

  run(tick) {
    this.playButton.textContent = "일시 정지";
    this.live.say("훈련을 시작합니다.", true);
    this.life.loop(tick);
  }

  pause() {
    const was = this.life.running;
    this.life.stop();
    this.playButton.textContent = "훈련 시작";
    if (was) this.report(true);
  }
}

// An aria-live="polite" text that a screen reader hears at most every `gap` ms
// (and at once when `now` is set: when training starts, pauses or ends, and
// after a key press); every 2 s was a reader talking without a break
export function liveRegion(gap = 10000) {
  const el = element("p", { class: "pg-sr-only", "aria-live": "polite" });
  let last = -Infinity, timer = null, pending = null;
  const write = () => {
    timer = null;
    if (pending !== null && el.textContent !== pending) el.textContent = pending;
    pending = null;
    last = performance.now();
  };
  return {
    el,
    say(text, now = false) {
      pending = text;
      if (now || performance.now() - last >= gap) {
        if (timer !== null) clearTimeout(timer);
        write();
      } else if (timer === null) {
        timer = setTimeout(() => el.isConnected && write(), gap - (performance.now() - last));
      }
    },
    cancel() { if (timer !== null) clearTimeout(timer); timer = null; },
  };
}

// A number followed by the particle 로/으로, as Korean reads it aloud: 으로
// after a final consonant (0 영/십/백, 3 삼, 6 육), 로 after a vowel or ㄹ
// (1 일, 7 칠, 8 팔): "0.3으로", "0.01로", "10으로".
export function withRo(value) {
  return `${value}${"036".includes(String(value).slice(-1)) ? "으로" : "로"}`;
}
