// Code on a phone: a code line longer than the screen scrolls sideways in its
// block. A "줄 바꿈" button beside each block's copy button wraps long lines
// instead, on every block and every page (the choice is kept in
// localStorage; overrides/main.html sets the class before the page is drawn,
// so a reader who chose wrapping never sees the page jump).
//
// A wrapped line hangs: its continuation starts four columns to the right of
// the line's own indentation, so Python's blocks stay visible. For that each
// line of the code becomes a <span class="ex-line"> with its indentation in
// --ex-indent (extra.css). The newlines stay text between the spans, so the
// code's text, and what Material's copy button copies (innerText), is the
// same line for line. Lines are split only once wrapping is on, and again
// when code-fold.js colours a fold's code ("ex-code-coloured").
//
// Output with box-drawing characters (model.summary()) is a table drawn in
// text: it never wraps (it would fall apart), and gets a line height at which
// │ and ─ join (extra.css, pre.ex-boxdraw).
(function () {
  "use strict";
  const KEY = "ex-code-wrap";
  const root = document.documentElement;
  const BOX = /[\u2500-\u257f]/;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(on) {
    try { on ? localStorage.setItem(KEY, "1") : localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
  }

  // Each line's nodes: a token span that holds a newline (a docstring) is cut
  // into one shallow copy per line.
  function pieces(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      return node.data.split("\n").map(t => (t ? [document.createTextNode(t)] : []));
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return [[]];
    if (!node.textContent.includes("\n")) return [[node]];
    const lines = [[]];
    for (const child of [...node.childNodes]) {
      const parts = pieces(child);
      lines[lines.length - 1].push(...parts[0]);
      for (let i = 1; i < parts.length; i++) lines.push(parts[i]);
    }
    return lines.map(nodes => {
      if (!nodes.length) return [];
      const copy = node.cloneNode(false);
      copy.append(...nodes);
      return [copy];
    });
  }

  function splitLines(code) {
    if (code.querySelector(":scope > .ex-line")) return;
    const text = code.textContent;
    const lines = [[]];
    for (const child of [...code.childNodes]) {
      const parts = pieces(child);
      lines[lines.length - 1].push(...parts[0]);
      for (let i = 1; i < parts.length; i++) lines.push(parts[i]);
    }
    const out = document.createDocumentFragment();
    lines.forEach((nodes, i) => {
      const last = i === lines.length - 1;
      if (last && !nodes.length) return;  // after the final newline
      const line = document.createElement("span");
      line.className = "ex-line";
      line.append(...nodes);
      const indent = /^ */.exec(line.textContent)[0].length;
      if (indent) line.style.setProperty("--ex-indent", indent);
      out.append(line);
      if (!last) out.append("\n");
    });
    code.replaceChildren(out);
    if (code.textContent !== text) console.error("code-blocks: the text changed", code);
  }

  const wrappable = code => code.matches(".highlight > pre:not(.ex-boxdraw) > code");

  function prepare(scope) {
    for (const code of scope.querySelectorAll(".md-typeset .highlight > pre > code")) {
      const pre = code.parentElement;
      if (!pre.classList.contains("ex-boxdraw") && BOX.test(code.textContent)) {
        pre.classList.add("ex-boxdraw");
      }
      if (root.classList.contains(KEY) && wrappable(code)) splitLines(code);
    }
  }

  const ICON = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M21 5H3v2h18zM3 "
    + "19h7v-2H3zm0-6h15c1 0 2 .43 2 2s-1 2-2 2h-2v-2l-4 3 4 3v-2h2c2.95 0 4-1.27 4-4 0-2.72-1-4-4-4H3z'/></svg>";
  root.style.setProperty("--ex-wrap-icon", `url("data:image/svg+xml,${encodeURIComponent(ICON)}")`);

  function setWrap(on) {
    root.classList.toggle(KEY, on);
    store(on);
    if (on) prepare(document);
    for (const button of document.querySelectorAll(".ex-wrap-button")) {
      button.setAttribute("aria-pressed", String(on));
    }
    document.dispatchEvent(new CustomEvent("ex-code-wrap", { detail: on }));
  }

  // Material draws each block's <nav class="md-code__nav"> (the copy button)
  // after the page has loaded: a button goes into each one as it appears.
  function addButtons() {
    for (const nav of document.querySelectorAll(".md-typeset .highlight > pre > .md-code__nav:not([data-ex-wrap])")) {
      nav.setAttribute("data-ex-wrap", "");
      const pre = nav.parentElement;
      if (pre.classList.contains("ex-boxdraw")) continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-code__button ex-wrap-button";
      button.dataset.mdType = "wrap";
      button.title = "긴 줄 바꿈";
      button.setAttribute("aria-label", "긴 줄 바꿈(모든 코드)");
      button.setAttribute("aria-pressed", String(root.classList.contains(KEY)));
      button.addEventListener("click", () => {
        const keep = button.getBoundingClientRect().top;
        setWrap(!root.classList.contains(KEY));
        // the block stays where the reader's finger is; the text above it may grow
        window.scrollBy(0, button.getBoundingClientRect().top - keep);
      });
      nav.append(button);  // after the copy button, which keeps its place
    }
  }

  document.addEventListener("ex-code-coloured", event => {
    if (root.classList.contains(KEY) && wrappable(event.target)) splitLines(event.target);
  });
  // another tab changed the choice
  window.addEventListener("storage", event => {
    if (event.key === KEY && stored() !== root.classList.contains(KEY)) setWrap(stored());
  });

  root.classList.toggle(KEY, stored());
  prepare(document);
  let queued = false;
  new MutationObserver(records => {
    if (queued || !records.some(r => [...r.addedNodes].some(n => n.nodeType === Node.ELEMENT_NODE))) {
      return;
    }
    queued = true;
    requestAnimationFrame(() => { queued = false; addButtons(); });
  }).observe(document.body, { childList: true, subtree: true });
  addButtons();
})();
