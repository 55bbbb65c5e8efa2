// Loads the playground (javascripts/playground/) only on a page that has a
// widget, and again after each page change of Material's instant navigation
// (mount() then also ends the widgets of the page that was left).
(function () {
  const url = new URL("playground/index.js", document.currentScript.src).href;
  let loaded = null;
  function start() {
    if (!loaded && !document.querySelector("[data-playground]")) return;
    loaded = loaded || import(url);
    loaded.then(module => module.mount(document));
  }
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
