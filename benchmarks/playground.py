"""Time one frame of the MLP playground in Chromium: one training epoch of a
network with 6 hidden layers of 8 neurons (tanh) on 200 points, plus one
redraw of its pictures; then the long tasks while it trains at 4× CPU
throttling.

    python benchmarks/playground.py [--runs 50] [--seconds 5] [--site site/]

Serves docs/ as it is (no build needed) on 127.0.0.1, opens a bare page with
the widget (javascripts/playground/mlp.js) on the two-moons data, set up
through the URL hash, and

1. times `train(1)` + `draw()` (decision regions on a 40×40 grid, points,
   loss curve, the network drawing with every neuron's heatmap and 384
   links), reading one pixel back so that the canvas really was painted.
   Prints the median and the 90th percentile in ms, at device pixel ratios
   1 and 2, with x₁, x₂ and with all seven input features; a frame at 60
   frames per second has 16.7 ms;
2. with the CPU slowed 4× (CDP `Emulation.setCPUThrottlingRate`) and at 1×,
   presses play for a few seconds and prints the epochs trained, the frames
   drawn and the long tasks (over 50 ms) that a PerformanceObserver saw;
3. with --site (a built site, `mkdocs build` first), the same on the real
   chapter page (activations/, with its thousands of elements, which a frame's
   style, layout, paint and commit pass over), on a phone (360×780, dark,
   device pixel ratio 2, touch) and on a laptop (1280×900, light): the bare
   page above misses that cost.

Figures, not assertions.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402

PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<link rel="stylesheet" href="/stylesheets/playground.css">
<style>html { font-size: 125%; } body { width: 44rem; --md-default-fg-color: #000000de;
--md-default-fg-color--light: #0000008a; --md-default-fg-color--lighter: #00000052;
--md-default-bg-color: #fff; }</style></head>
<body><article class="md-typeset"><div class="pg" data-playground="mlp"></div></article>
</body></html>"""

SETUPS = {
    "x1, x2": "#mlp:data=moons&hidden=8,8,8,8,8,8&activation=tanh",
    "7 features": "#mlp:data=moons&hidden=8,8,8,8,8,8&activation=tanh"
                  "&features=x1,x2,x1sq,x2sq,x1x2,sin1,sin2",
}

TIME = """async runs => {
    const { create } = await import("/javascripts/playground/mlp.js");
    const widget = create(document.querySelector(".pg"));
    const sizes = widget.net.sizes.join("-"), points = widget.data.X.length;
    const pixel = widget.regions.getContext("2d");
    const times = [];
    for (let i = 0; i < runs + 10; i++) {  // the first 10 warm the JIT up
        const start = performance.now();
        widget.train(1);
        widget.draw();
        pixel.getImageData(0, 0, 1, 1);
        if (i >= 10) times.push(performance.now() - start);
    }
    return { times, sizes, points, canvas: [widget.regions.width, widget.regions.height] };
}"""

# Presses play for `seconds` and counts what happened, long tasks included
PLAY = """async ([seconds, onSite]) => {
    let widget;
    if (onSite) {  // the page's own widget, started by playground-loader.js
        const index = await import("/javascripts/playground/index.js");
        widget = [...index.active][0];
    } else {
        const { create } = await import("/javascripts/playground/mlp.js");
        widget = create(document.querySelector(".pg"));
    }
    const long = [];
    new PerformanceObserver(list => list.getEntries().forEach(e => long.push(e.duration)))
        .observe({ type: "longtask" });
    let frames = 0;
    const parts = { train: [], pictures: [], network: [] };
    const wrap = (name, part) => {
        const work = widget[name].bind(widget);
        widget[name] = (...args) => {
            const start = performance.now();
            work(...args);
            parts[part].push(performance.now() - start);
            if (part === "pictures") frames += 1;
        };
    };
    wrap("train", "train");
    wrap("drawPictures", "pictures");
    wrap("drawNetwork", "network");
    await new Promise(r => setTimeout(r, 300));  // the first picture's tasks are not training
    long.length = 0;
    frames = 0;
    const start = performance.now(), first = widget.epoch;
    widget.play();
    await new Promise(r => setTimeout(r, seconds * 1000));
    widget.pause();
    const elapsed = (performance.now() - start) / 1000;
    await new Promise(r => setTimeout(r, 100));
    const median = v => v.sort((a, b) => a - b)[v.length >> 1] || 0;
    const worst = v => Math.max(0, ...v);
    return { epochs: widget.epoch - first, frames, elapsed, long,
             parts: Object.fromEntries(Object.entries(parts).map(([k, v]) =>
                 [k, [median(v), worst(v)].map(x => Math.round(x))])),
             sizes: widget.net.sizes.join("-") };
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def report(r: dict, where: str) -> None:
    long = sorted(r["long"])
    print(f"playing {r['sizes']} {where} for {r['elapsed']:.1f} s: "
          f"{r['epochs']} epochs ({r['epochs'] / r['elapsed']:.0f}/s), "
          f"{r['frames']} redraws ({r['frames'] / r['elapsed']:.0f}/s), "
          f"{len(long)} long tasks over 50 ms"
          + (f" (longest {long[-1]:.0f} ms)" if long else "")
          + "; median/longest ms of a frame's " + ", ".join(
              f"{k} {v[0]}/{v[1]}" for k, v in r["parts"].items()))


def on_site(browser, site: Path, seconds: float) -> None:
    """Plays the widget of the built activations/ page, as a reader's browser shows it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/activations/" + SETUPS["7 features"]
    looks = {"phone": dict(viewport={"width": 360, "height": 780}, color_scheme="dark",
                           device_scale_factor=2, is_mobile=True, has_touch=True),
             "laptop": dict(viewport={"width": 1280, "height": 900}, color_scheme="light")}
    for look, options in looks.items():
        for rate in (1, 4):
            context = browser.new_context(**options)
            page = context.new_page()
            page.goto(url, wait_until="load")
            page.locator(".pg button").first.wait_for()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
            report(page.evaluate(PLAY, [seconds, True]),
                   f"on activations/ ({look}) at {rate}× CPU throttling")
            context.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--site", type=Path, help="a built site: also play on its activations/ page")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(ROOT / "docs"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/bench.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for label, hash_ in SETUPS.items():
            for dpr in (1, 2):
                context = browser.new_context(device_scale_factor=dpr)
                page = context.new_page()
                page.route(url, lambda route: route.fulfill(body=PAGE,
                                                            content_type="text/html"))
                page.goto(url + hash_)
                result = page.evaluate(TIME, args.runs)
                times = sorted(result["times"])
                p90 = times[int(0.9 * (len(times) - 1))]
                print(f"{result['sizes']} ({label}) on {result['points']} points, canvas "
                      f"{result['canvas'][0]}×{result['canvas'][1]} px (dpr {dpr}): "
                      f"epoch + redraw median {statistics.median(times):.2f} ms, "
                      f"90th percentile {p90:.2f} ms over {len(times)} runs")
                context.close()
        for rate in (1, 4):
            context = browser.new_context(device_scale_factor=1)
            page = context.new_page()
            page.route(url, lambda route: route.fulfill(body=PAGE, content_type="text/html"))
            page.goto(url + SETUPS["7 features"])
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
            report(page.evaluate(PLAY, [args.seconds, False]), f"at {rate}× CPU throttling")
            context.close()
        if args.site:
            on_site(browser, args.site, args.seconds)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
