// Loads the playground (javascripts/playground/) only on a page that has a
// widget, and again after each page change of Material's instant navigation
// (mount() then also ends the widgets of the page that was left). If the
// module cannot be loaded or started, each widget says so in Korean (and the
// console has the error); the next page change tries again.
(function () {
  const url = new URL("playground/index.js", document.currentScript.src).href;
  let loaded = null;
  function fail(error) {
    loaded = null;
    console.error("playground:", error);
    for (const widget of document.querySelectorAll("[data-playground]")) {
      const note = document.createElement("p");
      note.className = "pg-error";
      note.setAttribute("role", "alert");
      note.textContent = "실습 도구를 불러오지 못했습니다. 페이지를 새로 고쳐 보세요. (" +
        (error && error.message ? error.message : String(error)) + ")";
      widget.replaceChildren(note);
    }
  }
  function start() {
    if (!loaded && !document.querySelector("[data-playground]")) return;
    loaded = loaded || import(url);
    loaded.then(module => module.mount(document)).catch(fail);
  }
  if (window.document$) window.document$.subscribe(start);
  else document.addEventListener("DOMContentLoaded", start);
})();
