"""Load every chapter page as a phone would: 360×780, dark, 4× slower CPU.

    python benchmarks/page_load.py [SITE_DIR] [--runs 3] [--notebooks]

Serves a built site (default ``site/``: build it first with ``mkdocs build``)
on 127.0.0.1 and opens each chapter page (``docs/*.md``, and with
``--notebooks`` their notebook pages) in a fresh Chromium context with the CPU
slowed four times (``Emulation.setCPUThrottlingRate`` over CDP; the network is
local and not throttled). Prints per page the median over the runs of:

- load: navigation start to the end of the load event, ms;
- DOM: elements in the document once loaded;
- spans: of those, syntax-highlighting spans inside code blocks;
- bytes: what the page transferred until load (HTML, CSS, JS, fonts, figures).

Figures, not assertions: a timed test would fail on a busy machine.
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

from tests.browser.conftest import CHROMIUM_ARGS, _chromium  # noqa: E402
from tests.helpers import code_pages  # noqa: E402

MEASURE = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const bytes = [nav, ...performance.getEntriesByType("resource")]
        .reduce((sum, entry) => sum + (entry.transferSize || entry.encodedBodySize || 0), 0);
    return {load: nav.loadEventEnd - nav.startTime,
            elements: document.getElementsByTagName("*").length,
            spans: document.querySelectorAll("pre code span").length,
            bytes};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(notebooks: bool) -> list[str]:
    paths = ["" if p.stem == "index" else f"{p.stem}/"
             for p in sorted((ROOT / "docs").glob("*.md"))]
    return paths + ([f"notebooks/{stem}/" for stem in code_pages()] if notebooks else [])


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 780},
                                  color_scheme="dark", device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    result = page.evaluate(MEASURE)
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notebooks", action="store_true")
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "index.html").is_file():
        sys.exit(f"no built site in {site}: run `mkdocs build` first")
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(pw), args=CHROMIUM_ARGS)
        measure(browser, base)  # warm up Chromium itself
        print(f"{'page':28} {'load ms':>8} {'DOM':>7} {'spans':>7} {'KB':>7}")
        for path in pages(args.notebooks):
            runs = [measure(browser, base + path) for _ in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            print(f"{path or '/':28} {median['load']:8.0f} {median['elements']:7.0f} "
                  f"{median['spans']:7.0f} {median['bytes'] / 1024:7.0f}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
