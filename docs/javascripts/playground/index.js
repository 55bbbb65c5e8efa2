// Starts the widgets of a page: <div data-playground="perceptron|mlp">.
// Called by playground-loader.js on every page Material shows; a widget
// whose element has left the page (instant navigation) is ended first.
export const active = new Set();  // the widgets now running on this page

const MODULES = { perceptron: "./perceptron.js", mlp: "./mlp.js" };

export async function mount(root = document) {
  for (const widget of active) {
    if (!widget.root.isConnected) {
      widget.destroy();
      active.delete(widget);
    }
  }
  const found = [...root.querySelectorAll("[data-playground]:not([data-pg-started])")];
  await Promise.all(found.map(async el => {
    el.dataset.pgStarted = "";
    const kind = el.dataset.playground;
    try {
      const module = await import(MODULES[kind]);
      active.add(await module.create(el));
    } catch (err) {
      el.querySelector(".pg-noscript")?.replaceChildren(
        "이 실습 도구를 불러오지 못했습니다. 페이지를 새로 고쳐 보세요.");
      throw err;
    }
  }));
}
