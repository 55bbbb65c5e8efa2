"""Browser fixtures: the built site served on 127.0.0.1, and Chromium.

Playwright drives the system's Chromium (`chromium` from Debian, as CI
installs it, or $CHROMIUM) or else its own (`python -m playwright install
chromium`, where the internet is reachable). axe-core comes from PyPI inside
axe-playwright-python. Without any Chromium the browser tests skip with that
advice, except under CI (CI=true), where they fail instead, so a missing
install step can never pass silently.
"""

import functools
import http.server
import importlib.resources
import os
import shutil
import threading
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.watch import PageWatch

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# axe-core as vendored by axe-playwright-python (requirements.txt)
AXE = importlib.resources.files("axe_playwright_python") / "axe.min.js"


def _missing(advice: str):
    if os.environ.get("CI"):
        pytest.fail(advice)
    pytest.skip(advice)


def _chromium(pw) -> str | None:
    """The system's Chromium, or None for Playwright's own; skip without any."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if path:
        return path
    if Path(pw.chromium.executable_path).is_file():
        return None
    _missing("Chromium is not installed: run `python -m playwright install "
             "chromium`, or on Debian/Ubuntu `apt-get install chromium fonts-nanum`")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site["site"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        executable = _chromium(pw)
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["light", "dark"])
def scheme(request):
    return request.param


VIEWPORTS = {"phone": {"width": 360, "height": 740},
             "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def watched(browser, site_url, scheme, viewport):
    """A fresh context (no stored palette) in the given colour scheme and size."""
    context = browser.new_context(color_scheme=scheme, locale="ko-KR",
                                  viewport=VIEWPORTS[viewport])
    page = context.new_page()
    watch = PageWatch(page, site_url.rstrip("/"))
    yield watch
    context.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths ('', 'perceptron/')."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else urllib.parse.quote(rel) + "/")
    return pages


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        _missing("axe-core is missing: run `pip install -r requirements.txt`")
    return Path(str(AXE))
