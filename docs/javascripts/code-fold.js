// Folded code (drawing code, exercise answers) arrives as plain text, its
// highlighted HTML waiting beside it in <script type="text/html" class="ex-hl">
// (sitebuild/polish/light_code.py): a closed fold costs the page no token elements.
// The first time a fold opens, its code gets its colours. The <code> element
// stays the same one, so Material's copy button copies the same text; it
// then hears "ex-code-coloured" (code-blocks.js splits it into lines again
// when long lines wrap).
(function () {
  "use strict";

  function colour(root) {
    for (const script of root.querySelectorAll("script.ex-hl")) {
      const code = script.parentElement.querySelector("pre > code");
      if (code) {
        code.innerHTML = script.textContent;
        code.dispatchEvent(new CustomEvent("ex-code-coloured", { bubbles: true }));
      }
      script.remove();
    }
  }

  // "toggle" does not bubble: listen in the capture phase
  document.addEventListener("toggle", event => {
    const details = event.target;
    if (details instanceof HTMLDetailsElement && details.open) colour(details);
  }, true);
  // printing opens every fold (Material): colour them all first
  window.addEventListener("beforeprint", () => colour(document));
  // a fold already open (a link to an anchor inside it, the browser's find)
  for (const details of document.querySelectorAll("details[open]")) colour(details);
})();
