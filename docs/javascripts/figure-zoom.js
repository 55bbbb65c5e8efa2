// A figure opens full-size when tapped or clicked (each figure is a link to
// its own SVG file: without JavaScript the browser simply shows that file).
// Hand-written instead of mkdocs-glightbox: GLightbox adds 15 KB (gzip) to
// every page, which put the MLP chapter over our 150 KB page budget, and the
// native <dialog> already gives what is needed: a modal that Escape closes,
// that keeps focus inside and gives it back to the figure's link.
(function () {
  let dialog = null;

  function make() {
    dialog = document.createElement("dialog");
    dialog.className = "ex-zoom-dialog";
    dialog.setAttribute("aria-label", "그림 크게 보기");
    dialog.innerHTML = '<form method="dialog"><button class="ex-zoom-close">'
      + "닫기 (Esc)</button></form><img alt=\"\">";
    // a tap on the backdrop (outside the figure) closes it too
    dialog.addEventListener("click", event => {
      if (event.target === dialog) dialog.close();
    });
    document.body.append(dialog);
  }

  document.addEventListener("click", event => {
    const link = event.target.closest("a.ex-zoom");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (!dialog) make();
    const figure = dialog.querySelector("img");
    figure.src = link.href;
    figure.alt = link.querySelector("img").alt;
    dialog.showModal();
  });
})();
