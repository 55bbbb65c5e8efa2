"""Time one frame of the MLP playground in Chromium: one training epoch of a
2-8-8-1 network (tanh) on 200 points plus one redraw of its pictures.

    python benchmarks/playground.py [--runs 50]

Serves docs/ as it is (no build needed) on 127.0.0.1, opens a bare page with
the widget (javascripts/playground/mlp.js) on the two-moons data, and times
`train(1)` + `draw()` (decision regions on a 40×40 grid, points, loss curve),
reading one pixel back so that the canvas really was painted. Prints the
median and the 90th percentile in ms, at device pixel ratios 1 and 2; a
frame at 60 frames per second has 16.7 ms. Figures, not assertions.
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

TIME = """async runs => {
    const { create } = await import("/javascripts/playground/mlp.js");
    const widget = create(document.querySelector(".pg"));
    const set = (name, value) => {
        widget.controls[name].value = value;
        widget.controls[name].dispatchEvent(new Event("change"));
    };
    set("data", "moons"); set("layers", "2"); set("neurons", "8"); set("activation", "tanh");
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(ROOT / "docs"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/bench.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for dpr in (1, 2):
            context = browser.new_context(device_scale_factor=dpr)
            page = context.new_page()
            page.route(url, lambda route: route.fulfill(body=PAGE, content_type="text/html"))
            page.goto(url)
            result = page.evaluate(TIME, args.runs)
            times = sorted(result["times"])
            p90 = times[int(0.9 * (len(times) - 1))]
            print(f"{result['sizes']} on {result['points']} points, canvas "
                  f"{result['canvas'][0]}×{result['canvas'][1]} px (dpr {dpr}): "
                  f"epoch + redraw median {statistics.median(times):.2f} ms, "
                  f"90th percentile {p90:.2f} ms over {len(times)} runs")
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
