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
