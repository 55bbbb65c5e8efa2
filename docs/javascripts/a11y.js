// Material 9.8 adds a <nav class="md-code__nav"> (the copy button's bar) to
// every code block, all without a name: several unnamed navigation landmarks
// on one page (axe: landmark-unique). Name each one after its code block.
(function () {
  let count = 0;
  function label(root) {
    root.querySelectorAll(".md-code__nav:not([aria-label])").forEach(nav => {
      count += 1;
      nav.setAttribute("aria-label", `코드 블록 ${count} 도구`);
    });
  }
  // only when elements arrive: a text that changes (the playground's numbers,
  // many times a second while it trains) is no new code block
  new MutationObserver(records => {
    if (records.some(r => [...r.addedNodes].some(n => n.nodeType === Node.ELEMENT_NODE))) {
      label(document);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  label(document);
})();

// A display formula, table, code block or notebook output wider than the
// column scrolls in its own box. A box that scrolls must be reachable by
// keyboard (axe: scrollable-region-focusable): give it a tab stop and a name
// of its own (axe: landmark-unique: the block's number among its kind on the
// page, so the name stays when folds open), and take them away again when
// the box fits (rotation, a wider window, long lines wrapped).
// Material gives a scrolling code block a tab stop only where the pointer can
// hover, and takes it away again on a touch screen whenever the block
// changes size: a phone reader with a keyboard (or a switch) had none. A
// ResizeObserver sees every box that opens (a fold), rewraps or resizes; a
// MutationObserver puts back a tab stop that Material took away.
(function () {
  const kinds = [[".md-typeset div.arithmatex", "가로로 넘겨 보는 수식"],
                 [".md-typeset .md-typeset__scrollwrap", "가로로 넘겨 보는 표"],
                 [".md-typeset pre > code", "가로로 넘겨 보는 코드"],
                 [".jupyter-wrapper .jp-OutputArea-output pre", "가로로 넘겨 보는 출력"]];
  const MARK = "data-ex-scroller";
  const names = new Map();  // box → its name
  const scrolls = box => box.clientWidth > 0 && box.scrollWidth > box.clientWidth + 1;

  function update(box) {
    const name = names.get(box);
    if (!name) return;
    if (scrolls(box)) {
      if (box.getAttribute("tabindex") !== "0") box.setAttribute("tabindex", "0");
      if (!box.hasAttribute(MARK)) {
        box.setAttribute(MARK, "");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
      }
    } else if (box.hasAttribute(MARK)) {
      [MARK, "tabindex", "role", "aria-label"].forEach(a => box.removeAttribute(a));
    }
  }

  const resized = new ResizeObserver(entries => entries.forEach(e => update(e.target)));
  function scan() {
    for (const [selector, name] of kinds) {
      document.querySelectorAll(selector).forEach((box, i) => {
        if (names.has(box)) return;
        names.set(box, `${name} ${i + 1}`);
        resized.observe(box);  // and it reports the box's size at once
      });
    }
  }
  function all() { names.forEach((_, box) => update(box)); }

  new MutationObserver(records => {
    let added = false;
    for (const r of records) {
      if (r.type === "attributes") {
        if (r.target.hasAttribute(MARK) && r.target.getAttribute("tabindex") !== "0") update(r.target);
      } else if ([...r.addedNodes].some(n => n.nodeType === Node.ELEMENT_NODE)) {
        added = true;
      }
    }
    if (added) scan();
  }).observe(document.body, { subtree: true, childList: true, attributes: true,
                              attributeFilter: ["tabindex"] });
  window.addEventListener("load", () => { scan(); all(); });
  document.addEventListener("ex-code-wrap", all);
  if (document.fonts) document.fonts.ready.then(all);
  scan();
})();
