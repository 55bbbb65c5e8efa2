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
  new MutationObserver(() => label(document)).observe(document.documentElement,
    { childList: true, subtree: true });
  label(document);
})();

// A display formula, table or notebook cell wider than the column scrolls in
// its own box (extra.css). A box that scrolls must be reachable by keyboard
// (axe: scrollable-region-focusable): give it a tab stop and a name of its
// own (axe: landmark-unique), and take them away again when the box fits
// (rotation, a wider window).
(function () {
  const kinds = [[".md-typeset div.arithmatex", "가로로 넘겨 보는 수식"],
                 [".md-typeset .md-typeset__scrollwrap", "가로로 넘겨 보는 표"],
                 [".jupyter-wrapper pre", "가로로 넘겨 보는 코드"]];
  function mark() {
    for (const [selector, name] of kinds) {
      let count = 0;
      document.querySelectorAll(selector).forEach(box => {
        const scrolls = box.scrollWidth > box.clientWidth + 1;
        if (scrolls) {
          count += 1;
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", `${name} ${count}`);
        } else if (box.getAttribute("role") === "region") {
          ["tabindex", "role", "aria-label"].forEach(a => box.removeAttribute(a));
        }
      });
    }
  }
  window.addEventListener("resize", mark);
  window.addEventListener("load", mark);
  if (document.fonts) document.fonts.ready.then(mark);
  mark();
})();
