"""휴대폰에서 코드를 읽는 사람의 눈으로: 옆으로 넘겨 보는 코드 상자마다 키보드로 닿고(접힌 답
속과 노트북 페이지까지), 줄 바꿈 단추가 긴 줄을 내어쓰기로 접고 그 선택이 다른 페이지와 새로
고침에도 남으며 복사는 원래 줄 그대로이고, 접힌 코드가 펼친 코드와 같은 크기이며,
model.summary()의 상자 선이 이어지는지 확인한다.

The accessibility check here runs axe's scrollable-region-focusable rule on
every element of every page: test_pages.py's sampler (one element per look)
hides repeated code blocks from axe, and with them this rule.
"""

import io
import json

import pytest
from PIL import Image

from tests.browser.test_pages import PAGES

pytestmark = pytest.mark.slow

PHONE = {"width": 360, "height": 780}

SCROLLERS = """() => [...document.querySelectorAll("article *")].filter(el => {
    const s = getComputedStyle(el);
    return ["auto", "scroll"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.getClientRects().length > 0;
}).map(el => ({tag: el.tagName, tabindex: el.getAttribute("tabindex"),
               name: el.getAttribute("aria-label")}))"""

OPEN_ALL_FOLDS = """() => new Promise(resolve => {
    document.querySelectorAll("article details:not([open])").forEach(d => { d.open = true; });
    // the "toggle" events are queued: two frames later they have all run
    requestAnimationFrame(() => requestAnimationFrame(resolve));
})"""

RULE = """async () => (await axe.run(document, {resultTypes: ["violations"],
    runOnly: {type: "rule", values: ["scrollable-region-focusable"]}})).violations
    .flatMap(v => v.nodes.map(n => n.target.join(" ")))"""


def phone(new_page, **options):
    """A page on a touch phone, dark: Material gives a code block that scrolls
    a tab stop only where the pointer can hover (matchMedia("(hover)")), not here."""
    return new_page(color_scheme="dark", viewport=PHONE, is_mobile=True, has_touch=True,
                    **options)


@pytest.mark.parametrize("path", PAGES)
def test_every_scrolling_box_is_reachable_by_keyboard(new_page, site_url, axe_script, path):
    """어두운 360 px 터치 화면에서, 접힌 것을 닫은 채로 그리고 모두 연 뒤에, 옆으로 넘겨 보는 상자
    (코드, 출력, 표, 수식)가 모두 키보드로 닿는지(axe의 scrollable-region-focusable을 모든
    요소에) 확인한다."""
    page = phone(new_page)
    page.goto(site_url + path, wait_until="load")
    page.evaluate("document.fonts.ready")
    assert not page.evaluate('matchMedia("(hover)").matches')
    page.add_script_tag(path=str(axe_script))
    closed = page.evaluate(RULE)
    page.evaluate(OPEN_ALL_FOLDS)
    opened = page.evaluate(RULE)
    scrollers = page.evaluate(SCROLLERS)
    assert closed == [], json.dumps(closed, ensure_ascii=False)
    assert opened == [], json.dumps(opened, ensure_ascii=False)
    assert all(s["tabindex"] == "0" and s["name"] for s in scrollers), scrollers
    if path == "mlp/":  # the audit's page: many of its code blocks scroll at 360 px
        assert len(scrollers) >= 10, scrollers


# The first shown block on the page whose code is wider than its box, the
# geometry of its longest line, and whether it scrolls.
LONG_BLOCK = """longer => {
    const blocks = [...document.querySelectorAll("article .highlight > pre > code")]
        .filter(c => c.getClientRects().length && !c.closest("details:not([open])"));
    const code = blocks.find(c => c.dataset.exProbe !== undefined)
        || blocks.find(c => (longer ? c.textContent.split("\\n").some(l => l.length > longer)
                             : c.scrollWidth > c.clientWidth + 1));
    code.dataset.exProbe = "";
    const lines = [...code.querySelectorAll(":scope > .ex-line")];
    const longest = lines.sort((a, b) => b.textContent.length - a.textContent.length)[0];
    let hang = null;
    if (longest) {
        const range = document.createRange();
        range.selectNodeContents(longest);
        // where each row of the line starts (a row holds several token boxes)
        const starts = new Map();
        for (const r of range.getClientRects()) {
            if (r.width === 0) continue;
            const row = Math.round(r.top);
            starts.set(row, Math.min(starts.get(row) ?? Infinity, r.left));
        }
        const lefts = [...starts].sort((a, b) => a[0] - b[0]).map(([, left]) => left);
        const probe = document.createElement("span");
        probe.textContent = "0000000000";
        code.append(probe);
        const ch = probe.getBoundingClientRect().width / 10;
        probe.remove();
        hang = {text: longest.textContent, lefts, ch,
                indent: /^ */.exec(longest.textContent)[0].length,
                rows: Math.round(longest.getBoundingClientRect().height
                                 / parseFloat(getComputedStyle(code).lineHeight))};
    }
    return {text: code.textContent, scrolls: code.scrollWidth > code.clientWidth + 1,
            hang, pressed: code.closest("pre").querySelector(".ex-wrap-button")
                .getAttribute("aria-pressed")};
}"""


def test_wrap_button_wraps_long_lines_with_a_hanging_indent_and_is_remembered(new_page,
                                                                               site_url):
    """휴대폰에서 코드 블록의 "긴 줄 바꿈" 단추를 누르면 옆으로 넘기던 긴 줄이 화면 안에서
    접히고, 접힌 줄이 그 줄의 들여쓰기보다 네 칸 더 들어가 시작하며(내어쓰기), 복사 단추는
    원래 줄 그대로 복사하고, 그 선택이 새로 고침과 다른 페이지에도 남으며, 다시 누르면
    예전처럼 옆으로 넘겨 보는지 확인한다."""
    page = phone(new_page, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + "mlp/", wait_until="load")
    before = page.evaluate(LONG_BLOCK, 0)
    assert before["scrolls"] and before["pressed"] == "false" and before["hang"] is None
    block = page.locator("article pre:has(> code[data-ex-probe])")
    button = block.locator(".ex-wrap-button")
    assert button.get_attribute("aria-label").startswith("긴 줄 바꿈")
    button.click()
    after = page.evaluate(LONG_BLOCK, 0)
    assert not after["scrolls"] and after["pressed"] == "true", after
    assert after["text"] == before["text"]  # the same characters, only drawn wrapped
    hang = after["hang"]
    assert hang["rows"] >= 2 and len(hang["lefts"]) == hang["rows"], hang
    # continuation rows start (indent + 4) columns in
    for left in hang["lefts"][1:]:
        assert left - hang["lefts"][0] == pytest.approx((hang["indent"] + 4) * hang["ch"],
                                                        abs=1.5), hang
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    block.locator("button[data-md-type='copy']").click()
    assert page.evaluate("navigator.clipboard.readText()") == before["text"].rstrip("\n")

    page.reload(wait_until="load")
    assert page.evaluate("document.documentElement.classList.contains('ex-code-wrap')")
    again = page.evaluate(LONG_BLOCK, 45)
    assert not again["scrolls"] and again["pressed"] == "true" and again["hang"]["rows"] >= 2
    page.goto(site_url + "sequential/", wait_until="load")
    other = page.evaluate(LONG_BLOCK, 45)  # a block that would scroll
    assert not other["scrolls"] and other["pressed"] == "true", other
    # a table drawn in text (model.summary()) never wraps: it scrolls, a tab stop
    summary = page.locator("article pre.ex-boxdraw > code").first
    assert summary.evaluate("c => c.scrollWidth > c.clientWidth")
    assert summary.get_attribute("tabindex") == "0"
    assert page.locator("article pre.ex-boxdraw .ex-wrap-button").count() == 0

    page.locator("article .ex-wrap-button").first.click()  # off again, everywhere
    page.goto(site_url + "mlp/", wait_until="load")
    off = page.evaluate(LONG_BLOCK, 0)
    assert off["scrolls"] and off["pressed"] == "false"


FONT_SIZES = """() => {
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const code = [...document.querySelectorAll("article .highlight > pre > code")];
    return {open: [...new Set(code.filter(c => !c.closest("details, .admonition")).map(size))],
            folded: [...new Set(code.filter(c => c.closest("details")).map(size))]};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_folded_code_is_as_large_as_open_code(new_page, site_url, width):
    """접힌 코드(그림을 그리는 코드, 연습 문제의 답)의 글자가 펼쳐 둔 코드와 같은 크기인지
    확인한다(예전에는 10.9 px 대 13.6 px)."""
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "mlp/", wait_until="load")
    page.evaluate(OPEN_ALL_FOLDS)
    sizes = page.evaluate(FONT_SIZES)
    assert len(sizes["open"]) == 1 and sizes["folded"] == sizes["open"], sizes


def test_summary_box_lines_join(new_page, site_url):
    """model.summary()의 표에서 세로선 │이 줄과 줄 사이에 틈 없이 이어지는지, 그려진 화면의
    픽셀로 확인한다."""
    page = phone(new_page)
    page.goto(site_url + "sequential/", wait_until="load")
    page.evaluate("document.fonts.ready")
    code = page.locator("article pre > code", has_text="Layer (type)").first
    code.scroll_into_view_if_needed()
    # the first │ of the body rows and the rows below it: a column one
    # character wide (background on both sides of the line), from the first
    # body row to the bottom border
    column = code.evaluate("""code => {
        const text = code.textContent, start = text.indexOf("\\n│") + 1;
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        let node, seen = 0;
        while ((node = walker.nextNode()) && seen + node.length <= start) seen += node.length;
        const range = document.createRange();
        range.setStart(node, start - seen);
        range.setEnd(node, start - seen + 1);
        const r = range.getBoundingClientRect();
        const last = text.lastIndexOf("└");
        const rows = text.slice(start, last).split("\\n").length - 1;  // └ goes up only
        return {x: r.left, width: r.width, top: r.top, height: r.height, rows,
                lineHeight: parseFloat(getComputedStyle(code).lineHeight)};
    }""")
    shot = page.screenshot(clip={"x": column["x"], "y": column["top"], "width": column["width"],
                                 "height": column["lineHeight"] * column["rows"]})
    image = Image.open(io.BytesIO(shot)).convert("L")
    # dark palette: a light line on a dark background; each pixel row's
    # brightest pixel is the line's, unless the line has a gap there
    background, line = image.getextrema()
    assert line - background > 100, (background, line)  # a line is there to see
    ink = [max(image.getpixel((x, y)) for x in range(image.width)) for y in range(image.height)]
    gaps = [y for y, v in enumerate(ink) if v < background + (line - background) / 2]
    assert gaps == [], (column, ink)


TEXT_SIZES = """() => {
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const texts = sel => [...document.querySelectorAll(sel)].filter(el =>
        [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
    return {
        learning: texts("article .admonition.abstract :is(p, li)").map(size),
        summaries: texts("article details > summary").map(size),
        tables: texts("article table:not([class]) :is(th, td)").map(size),
    };
}"""


@pytest.mark.parametrize("path", ["mlp/", "references/"])
def test_class_text_is_at_least_14_px_on_a_wide_screen(new_page, site_url, path):
    """교실에서 화면에 띄워도 읽히게, 1280 px 밝은 화면에서 "이 페이지에서 배울 것" 상자의 글,
    접힌 부분의 제목(summary), 표의 글자가 14 px 이상인지 확인한다(예전에는 12.8 px)."""
    page = new_page(color_scheme="light", viewport={"width": 1280, "height": 900})
    page.goto(site_url + path, wait_until="load")
    sizes = page.evaluate(TEXT_SIZES)
    if path == "mlp/":
        assert sizes["learning"] and sizes["summaries"] and sizes["tables"], sizes
    else:
        assert len(sizes["tables"]) > 100, sizes  # the glossary
    assert min(v for found in sizes.values() for v in found) >= 14, sizes


GLOSSARY = """() => {
    const view = document.documentElement.clientWidth;
    const article = document.querySelector("article").getBoundingClientRect();
    const tables = [...document.querySelectorAll("article table")];
    const cells = tables.flatMap(t => [...t.querySelectorAll("td")]);
    const out = cells.filter(td => {
        const r = td.getBoundingClientRect();
        return r.right > Math.min(view, article.right) + 0.5 || r.left < -0.5;
    }).map(td => td.textContent.slice(0, 20));
    const scrolls = [...document.querySelectorAll("article table, article .md-typeset__scrollwrap")]
        .filter(el => el.scrollWidth > el.clientWidth + 1).length;
    const first = tables.find(t => t.rows.length > 1).rows[1].cells;
    const box = i => first[i].getBoundingClientRect();
    return {view, tables: tables.length, cells: cells.length, out, scrolls,
            widest: Math.max(...tables.map(t => t.getBoundingClientRect().width)),
            stacked: box(1).top >= box(0).bottom - 1 && box(2).top >= box(1).bottom - 1,
            page: document.documentElement.scrollWidth};
}"""


def test_glossary_tables_fit_a_phone(new_page, site_url):
    """360 px 휴대폰에서 참고 문헌 페이지의 용어집 표가 화면보다 넓지 않고, 한 행이 용어, 영어
    이름, 뜻의 차례로 위아래로 쌓여 어느 칸도 잘리지 않는지 확인한다."""
    page = phone(new_page)
    page.goto(site_url + "references/", wait_until="load")
    found = page.evaluate(GLOSSARY)
    assert found["tables"] >= 5 and found["cells"] > 250, found
    assert found["widest"] <= found["view"] and found["page"] <= found["view"], found
    assert found["out"] == [] and found["scrolls"] == 0, found
    assert found["stacked"], found


def test_no_glossary_underline_in_headings(new_page, site_url):
    """제목 속의 용어집 약어에는 점선 밑줄이 없고, 본문 속의 약어에는 그대로 있는지 확인한다."""
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "callbacks/", wait_until="load")
    lines = page.evaluate("""() => [...document.querySelectorAll("article abbr")].map(a => {
        const s = getComputedStyle(a);
        return [Boolean(a.closest("h1, h2, h3, h4, h5, h6")),
                s.borderBottomStyle !== "none" || s.textDecorationLine !== "none"];
    })""")
    assert any(heading for heading, _ in lines) and any(not heading for heading, _ in lines)
    assert all(underlined != heading for heading, underlined in lines), lines
