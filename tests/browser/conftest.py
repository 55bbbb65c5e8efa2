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
import json
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


@pytest.fixture(scope="session")
def looks(browser):
    """One browser context per look (its options: colour scheme, viewport,
    touch, permissions, JavaScript...), made on first use and shared by every
    test of this process that asks for that look (new_page). fake_clock=True
    is a look of its own: Playwright's fake clock installed in the context
    (page.clock is the context's clock, so it is never installed in a context
    that tests without it share)."""
    contexts = {}

    def context(fake_clock=False, **options):
        key = json.dumps([fake_clock, options], sort_keys=True)
        if key not in contexts:
            contexts[key] = browser.new_context(**options)
            if fake_clock:
                contexts[key].clock.install()
        return contexts[key]

    yield context
    for shared in contexts.values():
        shared.close()


@pytest.fixture
def new_page(looks, site_url):
    """new_page(**options) -> a fresh page in the shared context of that look
    (locale ko-KR unless given). After the test what the site stored in that
    context (localStorage: the palette, the code wrap; cookies) is cleared,
    so no test sees another's choices (test_looks.py), and the page closes.
    A page's routes and listeners end with it; a fake clock (fake_clock=True,
    the context's) that a test stopped flows again. A test that needs a
    context of its own (a first visit's requests, with an empty HTTP cache)
    makes one."""
    pages = []

    def new(fake_clock=False, **options):
        page = looks(fake_clock, **{"locale": "ko-KR", **options}).new_page()
        pages.append((page, fake_clock))
        return page

    yield new
    for page, fake_clock in pages:
        clear_site_storage(page, site_url)
        page.close()
        if fake_clock:
            page.context.clock.resume()


def clear_site_storage(page, site_url):
    """Clear what the site stored in the page's context: its cookies, and its
    localStorage from a blank page of the site's origin that a route makes
    (the page need not be on the site, and the server is not asked)."""
    page.context.clear_cookies()
    if page.is_closed():
        return
    blank = site_url + "__clear_storage__"
    page.route(blank, lambda route: route.fulfill(
        content_type="text/html",
        body='<link rel="icon" href="data:,">'  # no request for /favicon.ico
             "<script>localStorage.clear(); sessionStorage.clear()</script>"))
    page.goto(blank)
    page.unroute(blank)


@pytest.fixture
def watched(new_page, site_url, scheme, viewport):
    """A fresh page (no stored palette) in the given colour scheme and size."""
    page = new_page(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    return PageWatch(page, site_url.rstrip("/"))


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
