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

// A display formula or table wider than the column scrolls in its own box
// (extra.css). A box that scrolls must be reachable by keyboard (axe:
// scrollable-region-focusable): give it a tab stop and a name, and take them
// away again when the box fits (rotation, a wider window).
(function () {
  const boxes = ".md-typeset div.arithmatex, .md-typeset .md-typeset__scrollwrap";
  function mark() {
    document.querySelectorAll(boxes).forEach(box => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.matches("div.arithmatex")
          ? "가로로 넘겨 보는 수식" : "가로로 넘겨 보는 표");
      } else if (!scrolls && box.getAttribute("tabindex") === "0") {
        ["tabindex", "role", "aria-label"].forEach(a => box.removeAttribute(a));
      }
    });
  }
  window.addEventListener("resize", mark);
  window.addEventListener("load", mark);
  if (document.fonts) document.fonts.ready.then(mark);
  mark();
})();
