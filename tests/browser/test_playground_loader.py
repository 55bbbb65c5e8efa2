"""playground-loader.js: 실습 도구 모듈을 불러오지 못하면 위젯 자리에 한국어 안내가 나오는지
확인한다(사이트 빌드 없이, docs/의 파일을 그대로 쓴다)."""

from tests.helpers import ROOT

PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"></head><body>
<div class="pg" data-playground="mlp"><p>불러오는 중</p></div>
<script src="/javascripts/playground-loader.js"></script></body></html>"""


def test_a_module_that_fails_to_load_is_said_in_the_widget(browser):
    """playground/index.js가 없으면(404) 위젯이 '불러오지 못했습니다'를 알리고, 콘솔에 오류가
    남는지 확인한다."""
    loader = (ROOT / "docs" / "javascripts" / "playground-loader.js").read_text(encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def route(request_route):
        url = request_route.request.url
        if url.endswith("/javascripts/playground-loader.js"):
            request_route.fulfill(body=loader, content_type="text/javascript")
        elif url.endswith("/page.html"):
            request_route.fulfill(body=PAGE, content_type="text/html")
        else:
            request_route.fulfill(status=404, body="")

    page.route("http://pg.test/**", route)
    page.goto("http://pg.test/page.html")
    alert = page.locator("[data-playground] [role=alert]")
    alert.wait_for(timeout=10_000)
    assert "실습 도구를 불러오지 못했습니다" in alert.inner_text()
    assert any("playground:" in e for e in errors), errors
    context.close()
