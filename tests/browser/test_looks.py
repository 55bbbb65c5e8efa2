"""The shared browser contexts of conftest.py: a page of one test never sees
what a page of another stored in the same look."""

from tests.browser.conftest import clear_site_storage

# what Material stored of the palette (it stores the one it shows on every load)
STORED = "Object.keys(localStorage).filter(k => k.includes('palette')).map(k => localStorage[k])"


def test_a_new_page_of_a_look_starts_with_nothing_stored(new_page, site_url):
    """같은 생김새(컨텍스트)를 나눠 쓰는 테스트 사이에 팔레트 선택 같은 저장 값이 남지 않는지,
    new_page가 테스트 끝에 쓰는 정리(clear_site_storage)로 확인한다."""
    first = new_page(color_scheme="light")
    first.goto(site_url, wait_until="load")
    first.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert first.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert any("slate" in value for value in first.evaluate(STORED))  # the choice was stored
    first.goto("about:blank")  # the clearing does not need the page on the site
    second = new_page(color_scheme="light")
    assert second.context is first.context  # one context for the look
    clear_site_storage(first, site_url)
    second.goto(site_url, wait_until="load")
    assert not any("slate" in value for value in second.evaluate(STORED))
    assert second.evaluate("document.body.dataset.mdColorScheme") == "default"
