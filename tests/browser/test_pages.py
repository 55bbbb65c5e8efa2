"""실제 브라우저(Chromium)에서 모든 페이지를 밝은·어두운 화면으로 열어 확인한다."""

import json
import urllib.parse

import pytest

from sitebuild.page import plan_page
from sitebuild.sections import SnippetReader
from tests.helpers import ROOT, code_pages

pytestmark = pytest.mark.slow

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = ["" if p.stem == "index" else f"{p.stem}/" for p in DOCS] + [
    f"notebooks/{stem}/" for stem in code_pages()]  # the rendered chapter notebooks


def open_page(watched, site_url, path):
    watched.page.goto(site_url + path, wait_until="networkidle")
    return watched.page


@pytest.mark.parametrize("path", PAGES)
def test_page_is_offline_clean_and_complete(watched, site_url, scheme, path):
    """다른 호스트 요청·콘솔 오류가 없고, 그림이 모두 뜨고, 수식이 MathML인지 확인한다."""
    page = open_page(watched, site_url, path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == (
        "slate" if scheme == "dark" else "default")
    broken = page.evaluate("""async () => {
        const images = [...document.images];
        images.forEach(img => { img.loading = "eager"; });  // lazy ones too
        await Promise.all(images.map(img => img.decode().catch(() => null)));
        return images.filter(img => !(img.complete && img.naturalWidth > 0))
                     .map(img => img.src);
    }""")
    assert broken == []
    assert page.locator("article .arithmatex").count() == \
        page.locator("article .arithmatex math").count()
    text = page.locator("article").inner_text()
    assert "\\(" not in text and "$$" not in text
    assert watched.external == []
    assert watched.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(watched, site_url, scheme, path, axe_script):
    """axe-core가 밝은·어두운 화면 모두에서 접근성 위반을 하나도 찾지 않는지 확인한다."""
    page = open_page(watched, site_url, path)
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: "
                + (n.failureSummary || "").split("\\n").slice(0, 2).join(" "))}));
    }""")
    assert result == [], json.dumps(result, ensure_ascii=False, indent=1)


def test_copy_button_copies_the_code(browser, site_url):
    """코드 복사 버튼이 코드 블록의 내용을 그대로 클립보드에 넣는지 확인한다."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "perceptron/", wait_until="networkidle")
    block = page.locator("div.language-python").first
    block.hover()
    block.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    # The first code block of the page, its sections read as the build reads them.
    markdown = (ROOT / "docs" / "perceptron.md").read_text(encoding="utf-8")
    block = plan_page("perceptron.md", markdown, SnippetReader(ROOT)).blocks[0]
    assert len(block.sections) >= 2
    assert copied.strip() == block.code.strip()
    assert all(s.code.strip() in copied for s in block.sections)


def test_palette_toggle_switches_and_figures_stay_framed(browser, site_url):
    """팔레트 버튼이 밝은/어두운 화면을 바꾸고, 어두운 화면에서도 그림 바탕이 흰색인지 확인한다."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "perceptron/", wait_until="networkidle")
    body = "document.body.dataset.mdColorScheme"
    assert page.evaluate(body) == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate(body) == "slate"
    figure = page.locator("img.ex-figure").first
    assert figure.evaluate("img => getComputedStyle(img).backgroundColor") == \
        "rgb(255, 255, 255)"
    page.reload(wait_until="networkidle")
    assert page.evaluate(body) == "slate"  # the choice is remembered
    context.close()


def test_search_finds_a_korean_term(browser, site_url):
    """검색창에 한국어 용어를 치면 그 용어를 다루는 페이지가 결과에 나오는지 확인한다."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("퍼셉트론")
    box.press("End")  # Material reads the query on key events
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    target = [h for h in hrefs if h.split("?")[0].split("#")[0].endswith("perceptron/")]
    assert target, hrefs
    page.locator(f".md-search-result__item > a[href='{target[0]}']").click()
    page.wait_for_load_state()
    assert urllib.parse.urlparse(page.url).path == "/perceptron/"
    context.close()
