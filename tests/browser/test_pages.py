"""실제 브라우저(Chromium)에서 모든 페이지를 밝은·어두운 화면으로 열어 확인한다."""

import json
import re
import urllib.parse

import pytest

from sitebuild.pages.plan import plan_page
from sitebuild.pages.sections import SnippetReader
from tests.browser.conftest import AXE
from tests.helpers import ROOT, code_pages, svg_texts

pytestmark = pytest.mark.slow

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = ["" if p.stem == "index" else f"{p.stem}/" for p in DOCS] + [
    f"notebooks/{stem}/" for stem in code_pages()]  # the rendered chapter notebooks


def open_page(watched, site_url, path):
    # "load", not "networkidle" (half a second of quiet more per page): what
    # loads later (the search index, the playground) is covered by checking the
    # console and the requests again at the end of each test
    watched.page.goto(site_url + path, wait_until="load")
    return watched.page


# axe's colour-contrast rule costs about 1.6 ms per element with text, and a
# chapter's code is some 3,000 token spans and its formulas some 1,000 MathML
# elements, with a few dozen looks. Before axe runs, one element of each look
# is kept for it (a look: the element's colours, opacity, shadow, font, and the
# classes of the elements it sits in, which decide the background):
# - a code token span whose look was already seen is replaced by its text (the
#   text, and so every size and overflow, is unchanged);
# - every other element with text in code or a formula whose look was seen, and
#   under which nothing unseen sits, gets data-axe-seen, and axe leaves those
#   out (AXE_CONTEXT); the page itself is not changed. (Leaving the token
#   spans out this way too, instead of replacing them, is much slower: axe on
#   mlp/ took 19 s instead of 3.4 s with thousands of nodes to leave out.)
# Every look of code and formula text is still checked
# (test_sampling_keeps_every_look). axe on the MLP chapter took 2.8 s instead
# of 6.2 s with the token replacement; leaving the rest out, medians of four
# fresh pages: mlp/ 2.65 s instead of 2.94 s, perceptron/ 1.92 s instead of 2.39 s.
ONE_ELEMENT_PER_LOOK = """() => {
    const chain = (el, top) => {
        const names = [];
        for (let e = el.parentElement; e && e !== top; e = e.parentElement)
            names.push(e.tagName + "." + e.className);
        return names.join(">");
    };
    const look = (el, top) => {
        const s = getComputedStyle(el);
        return [el.tagName, s.color, s.backgroundColor, s.opacity, s.textShadow,
                s.fontSize, s.fontWeight, s.fontStyle, chain(el, top)].join("|");
    };
    // code tokens; all reads first, then all writes: a read after a write
    // recomputes the styles
    const tokens = new Set();
    const spans = [...document.querySelectorAll("pre code span")]
        .filter(span => span.children.length === 0);
    const spanLooks = spans.map(span => look(span, span.closest("pre")) + "|"
                                        + span.closest("pre").className);
    spans.forEach((span, i) => {
        if (tokens.has(spanLooks[i])) span.replaceWith(document.createTextNode(span.textContent));
        else tokens.add(spanLooks[i]);
    });
    // the rest of code and formulas: marked, not changed
    const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const elements = [...document.querySelectorAll("pre code *, math *")].filter(ownText);
    const looks = elements.map(el => look(el, document.body));
    const seen = new Set(), repeated = new Set();
    elements.forEach((el, i) => {
        if (seen.has(looks[i])) repeated.add(el);
        else seen.add(looks[i]);
    });
    const leftOut = el => (!ownText(el) || repeated.has(el)) && [...el.children].every(leftOut);
    const marked = elements.filter(leftOut);
    marked.forEach(el => el.setAttribute("data-axe-seen", ""));
    return {tokens: tokens.size, looks: seen.size, marked: marked.length};
}"""
AXE_CONTEXT = {"exclude": [["[data-axe-seen]"]]}
CODE_PAGES = set(code_pages())

# What a reader sees of the layout, measured in the page (CSS px).
LAYOUT = """() => {
    const box = el => el.getBoundingClientRect();
    const formulas = [...document.querySelectorAll("article div.arithmatex")].map(div => {
        const math = div.querySelector("math");
        const style = getComputedStyle(div);
        return {tex: math.textContent.slice(0, 40), right: box(div).right,
                fits: box(math).width <= div.clientWidth + 1,
                scrolls: ["auto", "scroll"].includes(style.overflowX)
                         && div.scrollWidth > div.clientWidth
                         && div.getAttribute("tabindex") === "0"};
    });
    // a brace of \\begin{cases} stretches to the height of its table
    const braces = [...document.querySelectorAll("article mo[stretchy='true']")]
        .filter(mo => mo.nextElementSibling && mo.nextElementSibling.tagName === "mtable")
        .map(mo => ({brace: box(mo).height, table: box(mo.nextElementSibling).height}));
    const figures = [...document.querySelectorAll("article img.ex-figure")].map(img => ({
        src: img.getAttribute("src"), path: new URL(img.src).pathname,
        shown: img.getClientRects().length > 0,
        width: img.clientWidth, natural: img.naturalWidth}));
    // Korean words stay whole in links and highlights too (Material breaks them)
    const broken_words = [...document.querySelectorAll(".md-typeset a, .md-typeset mark")]
        .filter(el => getComputedStyle(el).wordBreak !== "keep-all")
        .map(el => el.textContent.slice(0, 30));
    // buttons a finger must hit (those shown: a closed fold hides its own)
    const small_buttons = [...document.querySelectorAll("article .md-code__button")]
        .map(b => b.getBoundingClientRect()).filter(r => r.width > 0)
        .filter(r => r.width < 24 || r.height < 24).map(r => [r.width, r.height]);
    return {page: document.documentElement.scrollWidth, view: window.innerWidth,
            formulas, braces, figures, broken_words, small_buttons};
}"""


def check_layout(page, scheme, site):
    """가로로 넘치는 페이지가 없고, 링크와 강조 표시 안에서도 한국어 낱말이 끊기지 않으며,
    복사 단추가 24 CSS px 이상이고,
    수식은 모두 제 상자(360 px에서 본문 폭)에 들어가며, cases의 중괄호는 표만큼 길고,
    화면 팔레트에 맞는 판의 그림만 보이고, 그 그림의 가장 작은 글자도 보이는 폭에서
    9 CSS px 이상인지 확인한다."""
    page.evaluate("document.fonts.ready")
    layout = page.evaluate(LAYOUT)
    assert layout["page"] <= layout["view"], "the page scrolls sideways"
    assert layout["broken_words"] == [], "Korean words may break inside these"
    assert layout["small_buttons"] == [], "copy buttons smaller than 24 CSS px"
    for formula in layout["formulas"]:
        assert formula["right"] <= layout["view"] + 0.5, formula
        assert formula["fits"], formula  # no display formula wider than the column
    for brace in layout["braces"]:
        assert brace["brace"] >= 0.9 * brace["table"], brace
    shown = [f for f in layout["figures"] if f["shown"]]
    assert len(shown) * 2 == len(layout["figures"])  # one of each pair
    wanted = "#only-dark" if scheme == "dark" else "#only-light"
    assert all(f["src"].endswith(wanted) for f in shown), shown
    for figure in shown:
        assert figure["width"] <= layout["view"]
        sizes = [pt for _, pt in svg_texts(
            (site / urllib.parse.unquote(figure["path"]).lstrip("/")).read_text(encoding="utf-8"))]
        assert sizes, figure  # its texts were found
        # a size in pt is 4/3 CSS px at the figure's natural width
        px = min(sizes) * 4 / 3 * figure["width"] / figure["natural"]
        assert px >= 9, f"{figure['src']}: text of {px:.1f} CSS px"


# Every page in the two looks most readers meet (a phone in dark mode, a laptop
# in light mode), so each page is checked in both palettes and at both widths.
# The crossed pairs are checked on one chapter and one notebook page: what
# differs between pages is their content, and the site's frame around it
# (header, sidebars, drawer) is the same on all of them.
LOOKS = [("dark", "phone"), ("light", "desktop")]
CROSSED = [("light", "phone"), ("dark", "desktop")]
CASES = [(s, v, p) for p in PAGES for s, v in LOOKS] + [
    (s, v, p) for p in ("mlp/", "notebooks/mlp/") for s, v in CROSSED]

# On a notebook page: its code blocks, those with exactly one copy button
# (Material's; the wrap button of code-blocks.js sits beside it), and the
# colour of a keyword next to the code's plain colour.
NOTEBOOK_CODE = """() => {
    const blocks = [...document.querySelectorAll(".jupyter-wrapper pre > code")];
    const keyword = document.querySelector(".jupyter-wrapper code span.k, "
                                           + ".jupyter-wrapper code span.kn");
    return {blocks: blocks.length,
            one_button: blocks.filter(code => code.closest("pre").querySelectorAll(
                "button.md-clipboard, button.md-code__button[data-md-type='copy']").length === 1).length,
            other_buttons: document.querySelectorAll(".jupyter-wrapper clipboard-copy").length,
            keyword: keyword && getComputedStyle(keyword).color,
            plain: keyword && getComputedStyle(keyword.closest("code")).color};
}"""


@pytest.mark.parametrize("scheme,viewport,path", CASES)
def test_page_is_offline_clean_complete_and_accessible(watched, site_url, scheme, path,
                                                       axe_script, built_site):
    """휴대폰(360 px)과 데스크톱(1280 px), 밝은·어두운 화면에서: 다른 호스트 요청·콘솔
    오류가 없고, 그림이 모두 뜨고, 수식이 MathML이며, 배치가 화면을 넘지 않고(check_layout),
    노트북 페이지의 코드도 사이트 색으로 강조되고 복사 버튼이 하나씩이며, axe-core가
    접근성 위반을 하나도 찾지 않는지 확인한다."""
    page = open_page(watched, site_url, path)
    page.wait_for_function(f"document.body.dataset.mdColorScheme === "
                           f"'{'slate' if scheme == 'dark' else 'default'}'", timeout=5000)
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
    check_layout(page, scheme, built_site["site"])
    if path.startswith("notebooks/"):
        code = page.evaluate(NOTEBOOK_CODE)
        assert code["blocks"] >= 3 and code["one_button"] == code["blocks"], code
        assert code["other_buttons"] == 0 and code["keyword"] != code["plain"], code
    sample = page.evaluate(ONE_ELEMENT_PER_LOOK)
    if path.strip("/") in CODE_PAGES or path.startswith("notebooks/"):
        # highlighted code was there to sample (neurons/ shows only calls like
        # "fig = plot_cortex()" open, one look; its folded code is plain text
        # until opened, sitebuild/polish/light_code.py)
        assert sample["tokens"] >= 1, sample
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("""async context => {
        const r = await axe.run(context, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: "
                + (n.failureSummary || "").split("\\n").slice(0, 2).join(" "))}));
    }""", AXE_CONTEXT)
    assert result == [], json.dumps(result, ensure_ascii=False, indent=1)
    assert watched.external == []  # nor after the load event
    assert watched.errors == []


@pytest.mark.parametrize("viewport", ["desktop"])
def test_sampling_keeps_every_look(watched, site_url):
    """코드 토큰과 수식 기호를 모양마다 하나만 검사해도, 대비가 낮은 코드 토큰 하나와 수식
    기호 하나를 axe가 여전히 찾는지 확인한다."""
    page = open_page(watched, site_url, "perceptron/")
    # one token of one block and one letter of one formula, mid grey: about
    # 3.6:1 on the code background and on the page
    page.evaluate("""() => {
        const block = [...document.querySelectorAll("div.language-python")]
            .filter(b => !b.closest("details:not([open])"))[1];  // folded: plain
        const token = [...block.querySelectorAll("code span")]
            .find(span => span.textContent.length > 3);  // axe left the one-letter "X" unchecked
        token.classList.add("low-contrast");
        token.style.color = "#808080";
        const letter = [...document.querySelectorAll("article math")][2].querySelectorAll("mi")[1];
        letter.classList.add("low-contrast-math");
        letter.style.color = "#808080";
    }""")
    sample = page.evaluate(ONE_ELEMENT_PER_LOOK)
    assert sample["marked"] >= 100, sample  # elements really were left out
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async context => (await axe.run(context, {resultTypes: ["violations"],
        runOnly: {type: "rule", values: ["color-contrast"]}})).violations
        .flatMap(v => v.nodes.map(n => n.html))""", AXE_CONTEXT)
    assert len(found) == 2 and all("low-contrast" in html for html in found), found
    assert sorted("low-contrast-math" in html for html in found) == [False, True], found


def test_copy_button_copies_the_code(new_page, site_url):
    """코드 복사 버튼이 코드 블록의 내용을 그대로 클립보드에 넣는지 확인한다."""
    # The first shown (not folded) block with two sections, read as the build reads it.
    markdown = (ROOT / "docs" / "perceptron.md").read_text(encoding="utf-8")
    plan = plan_page("perceptron.md", markdown, SnippetReader(ROOT))
    shown = [b for b in plan.blocks  # a block under ??? is indented
             if not markdown.split("\n")[b.line - 1].startswith("    ")]
    index, block = next((i, b) for i, b in enumerate(shown) if len(b.sections) >= 2)
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + "perceptron/", wait_until="load")
    element = page.locator("div.language-python:visible").nth(index)
    element.hover()
    element.locator("button.md-code__button, button.md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == block.code.strip()
    assert all(s.code.strip() in copied for s in block.sections)


def test_palette_toggle_switches_the_palette_and_the_figures(new_page, site_url):
    """팔레트 버튼이 밝은/어두운 화면을 바꾸고, 그림도 그 화면용 판으로 바뀌며, 선택이
    다시 읽어도 남는지 확인한다."""
    page = new_page(color_scheme="light")
    page.goto(site_url + "perceptron/", wait_until="load")
    body = "document.body.dataset.mdColorScheme"
    shown = """() => [...document.querySelectorAll("img.ex-figure")]
        .filter(img => img.getClientRects().length).map(img => img.getAttribute("src"))"""
    assert page.evaluate(body) == "default"
    light = page.evaluate(shown)
    assert "../figures/perceptron/perceptron-plot_usage-1.svg#only-light" in light
    assert all(src.endswith("#only-light") for src in light)
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate(body) == "slate"
    dark = page.evaluate(shown)
    assert dark == [src.replace(".svg#only-light", "-dark.svg#only-dark") for src in light]
    page.reload(wait_until="load")
    assert page.evaluate(body) == "slate"  # the choice is remembered
    assert page.evaluate(shown) == dark


@pytest.mark.parametrize("first", ["dark", "light"])
def test_only_the_palettes_figure_version_is_downloaded(browser, site_url, first):
    """처음 온 독자(저장된 팔레트 없음)의 브라우저는 첫 그림의 자기 팔레트 판만 내려받고,
    다른 판은 내려받지 않는지, 팔레트 버튼을 누르면 다른 판이 내려와 보이는지 확인한다."""
    # a context of its own: a first visit, with nothing in the HTTP cache
    context = browser.new_context(color_scheme=first, viewport={"width": 360, "height": 780})
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site_url + "perceptron/", wait_until="load")
    light = urllib.parse.urljoin(site_url, "figures/perceptron/perceptron-plot_tlu_usage-1.svg")
    dark = light.replace(".svg", "-dark.svg")
    mine, other = (dark, light) if first == "dark" else (light, dark)
    page.wait_for_function("""name => [...document.querySelectorAll("img.ex-figure")].some(
        img => img.src.split("#")[0].endsWith(name) && img.complete && img.naturalWidth)""",
        arg=mine.rsplit("/", 1)[1])
    page.wait_for_timeout(300)  # and a moment for a request the other would make
    assert mine in asked
    assert other not in asked
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    shown = page.locator(f"img.ex-figure[src$='{other.rsplit('/', 1)[1]}#only-"
                         f"{'light' if first == 'dark' else 'dark'}']")
    shown.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
    assert other in asked
    context.close()


ZOOM_SIZES = """() => {
    const img = document.querySelector("dialog.ex-zoom-dialog img");
    const view = document.querySelector("dialog.ex-zoom-dialog .ex-zoom-view");
    return {img: [img.clientWidth, img.clientHeight], view: [view.clientWidth, view.clientHeight],
            scrolls: view.scrollWidth > view.clientWidth,
            key: getComputedStyle(document.querySelector(".ex-zoom-key")).display};
}"""


def test_figure_opens_fitted_on_a_phone_and_closes_by_tap_or_escape(new_page, site_url,
                                                                    axe_script):
    """휴대폰(360 px, 터치)에서 그림은 탭 키로 닿는 링크이고, Enter로 열면 화면에 맞춰 그림
    전체(축과 범례까지)가 보이며, "크게 보기"로 두 배가 되어 스크롤로 옮겨 보고, "화면에
    맞추기"로 돌아오며, 그림 밖을 탭하거나 Esc를 누르면 닫히고 초점이 그림 링크로 돌아오는지
    확인한다. 키보드가 없는 기기에서는 닫기 단추에 "Esc"를 쓰지 않고, 숨은 판의 링크는 보이지
    않는다(탭 순서에 없다)."""
    page = new_page(color_scheme="dark", viewport={"width": 360, "height": 740},
                    is_mobile=True, has_touch=True)
    page.goto(site_url + "mlp/", wait_until="load")
    links = page.locator("article a.ex-zoom")
    visible = page.locator("article a.ex-zoom:visible")
    assert links.count() == 2 * visible.count() and visible.count() >= 3
    hrefs = visible.evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
    assert all(h.endswith("-dark.svg") for h in hrefs), hrefs
    visible.first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.ex-zoom-dialog[open]")
    dialog.wait_for(timeout=5_000)
    shown = dialog.locator("img")
    assert shown.get_attribute("src").endswith(hrefs[0].removeprefix(".."))  # absolute URL
    shown.evaluate("img => img.decode()")
    fitted = page.evaluate(ZOOM_SIZES)
    assert fitted["img"][0] <= fitted["view"][0] and fitted["img"][1] <= fitted["view"][1]
    assert not fitted["scrolls"], fitted  # the whole figure at once
    assert fitted["key"] == "none"  # no "(Esc)" without a keyboard
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("""async () => (await axe.run("dialog.ex-zoom-dialog",
        {resultTypes: ["violations"]})).violations.map(v => v.id)""")
    assert found == []
    page.get_by_role("button", name="크게 보기").click()
    large = page.evaluate(ZOOM_SIZES)
    assert abs(large["img"][0] - 2 * fitted["img"][0]) <= 2 and large["scrolls"], large
    page.get_by_role("button", name="화면에 맞추기").click()
    assert page.evaluate(ZOOM_SIZES) == fitted
    # a tap below the fitted figure, inside the view, closes it
    box = shown.bounding_box()
    view = dialog.locator(".ex-zoom-view").bounding_box()
    assert view["y"] + view["height"] - (box["y"] + box["height"]) > 4
    page.touchscreen.tap(view["x"] + view["width"] / 2, view["y"] + view["height"] - 2)
    page.wait_for_function("!document.querySelector('dialog.ex-zoom-dialog[open]')",
                           timeout=5_000)
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[0]
    page.keyboard.press("Enter")  # opens fitted again, and Escape closes it
    dialog.wait_for(timeout=5_000)
    assert not page.evaluate(ZOOM_SIZES)["scrolls"]
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('dialog.ex-zoom-dialog[open]')",
                           timeout=5_000)
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[0]


def test_figure_opens_fitted_on_a_wide_screen(new_page, site_url):
    """데스크톱(1280 px)에서는 그림이 화면에 맞춰 본문보다 크게 열리고, 닫기 단추가 Esc를
    알려 주며, "크게 보기"로 두 배가 되는지 확인한다."""
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "mlp/", wait_until="load")
    link = page.locator("article a.ex-zoom:visible").first
    in_page = link.locator("img").evaluate("img => img.clientWidth")
    link.click()
    shown = page.locator("dialog.ex-zoom-dialog[open] img")
    shown.wait_for(timeout=5_000)
    shown.evaluate("img => img.decode()")
    fitted = page.evaluate(ZOOM_SIZES)
    assert fitted["img"][0] > in_page and not fitted["scrolls"], (in_page, fitted)
    assert fitted["key"] != "none"
    page.get_by_role("button", name="크게 보기").click()
    large = page.evaluate(ZOOM_SIZES)
    assert abs(large["img"][0] - 2 * fitted["img"][0]) <= 2, (fitted, large)


def test_a_glossary_term_shows_its_definition_on_keyboard_focus(new_page, site_url):
    """용어집 약어에 탭 키로 닿으면 Material의 풍선 도움말이 그 정의를 보여 주는지 확인한다."""
    page = new_page(color_scheme="dark", viewport={"width": 360, "height": 740})
    page.goto(site_url + "perceptron/", wait_until="load")
    term = page.locator("article abbr[title]").first
    title = term.get_attribute("title")
    term.focus()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5_000)
    assert tip.inner_text().strip() == title


def test_search_finds_a_korean_term(new_page, site_url):
    """검색창에 한국어 용어를 치면 그 용어를 다루는 페이지가 결과에 나오는지 확인한다."""
    page = new_page()
    page.goto(site_url, wait_until="load")
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


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_without_javascript_the_site_follows_the_readers_palette(new_page, site_url, scheme):
    """자바스크립트가 꺼진 브라우저에서도 독자가 고른 밝은/어두운 화면을 따르고, 그림도 그
    화면용 판이 보이는지 확인한다(no-js-dark.css, <noscript>)."""
    page = new_page(color_scheme=scheme, java_script_enabled=False,
                    viewport={"width": 360, "height": 780})
    page.goto(site_url + "perceptron/", wait_until="load")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in re.findall(r"\d+", body)[:3]]
    shown = page.evaluate("""() => [...document.querySelectorAll("img.ex-figure")]
        .filter(img => img.getClientRects().length).map(img => img.getAttribute("src"))""")
    assert shown
    if scheme == "dark":
        assert max(channels) < 80, body
        assert all(src.endswith("-dark.svg#only-dark") for src in shown), shown
    else:
        assert min(channels) > 200, body
        assert all(src.endswith("#only-light") for src in shown), shown


def test_mlp_page_is_light_and_folded_code_gets_its_colours_when_opened(new_page, site_url):
    """MLP 장은 요소가 5,000개 아래이고, 접힌 그림 코드는 펼칠 때 강조 색이 입혀지며, 복사
    단추는 그때도 같은 코드를 복사하는지 확인한다(sitebuild/polish/light_code.py, code-fold.js)."""
    page = new_page(color_scheme="dark", viewport={"width": 360, "height": 780},
                    permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + "mlp/", wait_until="load")
    assert page.evaluate("document.getElementsByTagName('*').length") < 5000
    fold = page.locator("details.example").first
    code = fold.locator("pre > code")
    text = code.evaluate("code => code.textContent")
    assert code.locator("span").count() == 0
    fold.locator("summary").click()
    page.wait_for_function("code => code.querySelector('span.k, span.kn')",
                           arg=code.element_handle())
    assert code.evaluate("code => code.textContent") == text
    colours = code.locator("span").evaluate_all(
        "spans => new Set(spans.map(s => getComputedStyle(s).color)).size")
    assert colours >= 3
    assert fold.locator("script.ex-hl").count() == 0
    fold.locator("pre").hover()
    fold.locator("button.md-code__button, button.md-clipboard").first.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == text.strip()
