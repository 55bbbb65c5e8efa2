// A figure opens large when tapped or clicked (each figure is a link to its
// own SVG file: without JavaScript the browser simply shows that file).
// Hand-written instead of mkdocs-glightbox: GLightbox adds 15 KB (gzip) to
// every page, which put the MLP chapter over our 150 KB page budget, and the
// native <dialog> already gives what is needed: a modal that Escape closes
// and that keeps focus inside.
//
// It opens fitted to the screen: the whole figure, its axes and legend
// included, is in view. ("크게 보기" then shows it at twice that size in a view
// the reader pans by scrolling, and can pinch-zoom further: on a phone that
// is the way to read small print. It used to open that way on a phone,
// centred, with the axes and the legend out of view.) A button switches
// between the two; a tap outside the figure, the close button or Escape
// closes it, and focus goes back to the figure's link.
(function () {
  let dialog = null, opener = null;

  function make() {
    dialog = document.createElement("dialog");
    dialog.className = "ex-zoom-dialog";
    dialog.setAttribute("aria-label", "그림 크게 보기");
    dialog.innerHTML = '<div class="ex-zoom-bar">'
      + '<button type="button" class="ex-zoom-fit"></button>'
      + '<form method="dialog"><button class="ex-zoom-close">닫기'
      + '<span class="ex-zoom-key"> (Esc)</span></button></form></div>'
      // the view scrolls: a keyboard reaches it too (arrow keys move the figure)
      + '<div class="ex-zoom-view" tabindex="0" role="region" aria-label="그림">'
      + '<img alt=""></div>';
    const img = dialog.querySelector("img");
    dialog.addEventListener("click", event => {
      // a tap on anything but the figure and the buttons closes it
      if (!event.target.closest("img, button")) dialog.close();
    });
    dialog.querySelector(".ex-zoom-fit").addEventListener("click", () => {
      setFitted(!dialog.classList.contains("ex-zoom-fitted"));
    });
    dialog.addEventListener("close", () => {
      if (opener && opener.isConnected) opener.focus({preventScroll: true});
    });
    img.addEventListener("load", () => layout(true));
    window.addEventListener("resize", () => layout(false));
    document.body.append(dialog);
  }

  function setFitted(fitted) {
    dialog.classList.toggle("ex-zoom-fitted", fitted);
    dialog.querySelector(".ex-zoom-fit").textContent = fitted ? "크게 보기" : "화면에 맞추기";
    layout(true);
  }

  // The figure's width: fitted into the view, or twice that (panned by scrolling).
  function layout(recentre) {
    if (!dialog || !dialog.open) return;
    const img = dialog.querySelector("img"), view = dialog.querySelector(".ex-zoom-view");
    if (!img.naturalWidth || !img.naturalHeight) return;
    const fit = 0.96 * Math.min(view.clientWidth / img.naturalWidth,  // a margin around
                                view.clientHeight / img.naturalHeight);
    const scale = dialog.classList.contains("ex-zoom-fitted") ? fit : 2 * fit;
    img.style.width = Math.floor(img.naturalWidth * scale) + "px";
    if (recentre) {  // start at the top, centred across
      view.scrollTop = 0;
      view.scrollLeft = (view.scrollWidth - view.clientWidth) / 2;
    }
  }

  document.addEventListener("click", event => {
    const link = event.target.closest("a.ex-zoom");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    if (!dialog) make();
    opener = link;
    const figure = dialog.querySelector("img");
    figure.style.width = "";
    figure.alt = link.querySelector("img").alt;
    figure.src = link.href;
    dialog.showModal();
    setFitted(true);
  });
})();
