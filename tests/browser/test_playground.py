"""Chromium에서 두 실습 도구(퍼셉트론 학습 규칙, MLP)를 키보드로 다룰 수 있고, 밝은·어두운
화면과 360·1280 px에서 접근성과 배치가 맞으며, 사이트가 내보낸 math.js와 fixture.json으로
퍼셉트론 규칙이 페이지의 넘파이 코드와 같은지(끝에서 끝까지 한 번) 확인한다. 계산의 나머지
(MLP의 정방향·역방향, 수치 미분, 학습)는 tests/js/를 node --test로 돌려 확인한다. MLP
실습 도구는 설정이 주소에 담겨 되살아나는지, 테스트 손실을 훈련 손실과 따로 보여 주는지,
네트워크 그림의 연결 굵기가 가중치를 따라 바뀌는지, 회귀 데이터로 훈련되는지도 확인한다.

Each widget page opens once per palette (dark at 360 px, light at 1280 px,
then resized to the other width); every check of that page runs on that load.

Time: a widget trains on animation frames (requestAnimationFrame) and speaks
through timers. The tests that watch it train do not wait for that in real
time: open_widget opens the page in a context with Playwright's fake clock
installed (page.clock; new_page(fake_clock=True) of conftest.py), hold_time()
stops it, and page.clock.run_for(ms) then runs every frame and timer of those
milliseconds at once, in order, as fast as the computer can: the widget's own
loop, on a clock the test moves. One test (test_mlp_trains_on_its_own_in_real_time)
lets a widget train on the real clock.
"""

import datetime
import json

import numpy as np
import pytest

from snippets import perceptron
from tests.browser.conftest import VIEWPORTS

pytestmark = pytest.mark.slow

SIZES = {"dark": ("phone", "desktop"), "light": ("desktop", "phone")}

# Compares the JS rule with a trace the build made from perceptron_rule_steps();
# returns what differs (index, field) and the largest numeric difference.
COMPARE_RULE = """([math, trace]) => {
    const steps = [...math.perceptronRuleSteps(trace.X, trace.y, trace.eta, trace.max_epochs)];
    const wrong = [];
    let largest = 0;
    const near = (a, b, where) => {
        largest = Math.max(largest, Math.abs(a - b));
        if (!(Math.abs(a - b) <= 1e-9)) wrong.push(where);
    };
    if (steps.length !== trace.steps.length) wrong.push(["length", steps.length]);
    trace.steps.forEach((want, i) => {
        const got = steps[i];
        if (!got) return;
        for (const key of ["epoch", "index", "wrong"])
            if (got[key] !== want[key]) wrong.push([i, key]);
        near(got.z, want.z, [i, "z"]);
        near(got.b, want.b, [i, "b"]);
        want.w.forEach((w, j) => near(got.w[j], w, [i, "w" + j]));
    });
    const last = steps[steps.length - 1];
    return {wrong: wrong.slice(0, 5), largest, count: steps.length,
            updates: steps.filter(s => s.wrong).length,
            final: {w: last.w, b: last.b, epochs: last.epoch}};
}"""

IMPORT = """async () => {
    window.pgMath = await import("/javascripts/playground/math.js");
    window.pgIndex = await import("/javascripts/playground/index.js");
    window.pgFixture = await (await fetch("/playground/fixture.json")).json();
}"""


def open_widget(new_page, site_url, scheme, path, fake_clock=True, **options):
    """A fresh page of the widget in the scheme's first size, with math.js,
    index.js and fixture.json at hand; with Playwright's fake clock installed
    (it runs as the real one does until hold_time())."""
    from tests.browser.watch import PageWatch

    page = new_page(color_scheme=scheme, viewport=VIEWPORTS[SIZES[scheme][0]],
                    fake_clock=fake_clock, **options)
    watch = PageWatch(page, site_url.rstrip("/"))
    page.goto(site_url + path, wait_until="domcontentloaded")
    page.locator(".pg button").first.wait_for(timeout=10_000)
    page.evaluate(IMPORT)
    return page, watch


def hold_time(page):
    """Stop the page's fake clock: from here on no animation frame or timer
    runs until the test moves time on with page.clock.run_for(ms), or lets it
    flow again with page.clock.resume()."""
    now = page.evaluate("Date.now()") / 1000 + 1
    page.clock.pause_at(datetime.datetime.fromtimestamp(now, datetime.timezone.utc))


def check_accessible_at_both_sizes(page, scheme, axe_script):
    """위젯이 두 화면 폭 모두에서 화면 안에 들어가고(가로 넘침 없음), 지금 상태(초점, 눌린
    설정)에서 axe 위반이 없는지 확인한다. 기본 상태는 test_pages가 네 조합 모두 검사한다."""
    # axe reads the whole page first; the chapter's code (thousands of token
    # spans, checked by test_pages) is not the widget's: out of its way
    page.evaluate("document.querySelectorAll('article .highlight:not(.pg *), article img')"
                  ".forEach(el => el.remove())")
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate("""async () => (await axe.run(document.querySelector(".pg"),
        {resultTypes: ["violations"]})).violations.map(v => ({id: v.id,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""")
    assert found == [], json.dumps(found, ensure_ascii=False)
    for size in SIZES[scheme]:
        page.set_viewport_size(VIEWPORTS[size])
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        layout = page.evaluate("""() => ({view: document.documentElement.clientWidth,
            // (the Keras code's coloured tokens reach past its box, which scrolls)
            right: Math.max(...[...document.querySelectorAll(".pg, .pg *:not(pre *)")]
                .map(el => el.getBoundingClientRect().right)),
            // code scrolls sideways at 360 px, as every code block of the site
            scrolls: [...document.querySelectorAll(".pg, .pg *:not(.pg-sr-only, pre, pre *)")]
                .filter(el => el.scrollWidth > el.clientWidth + 1
                              && getComputedStyle(el).overflowX !== "visible").length})""")
        assert layout["right"] <= layout["view"] and layout["scrolls"] == 0, (size, layout)


def tab_to(page, name, limit=30):
    """Tab 키만으로 이름이 name인 버튼에 초점을 옮긴다."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == name:
            return
    raise AssertionError(f"Tab never reached the button {name!r}")


def values(page):
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        ".pg-values dt")].map(dt => [dt.textContent, dt.nextElementSibling.textContent]))""")


def js_number(value):
    text = f"{round(value, 3):g}"
    return "0" if text == "-0" else text


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_perceptron_stepper_follows_the_page_rule(new_page, site_url, scheme, axe_script):
    """퍼셉트론 실습 도구가 페이지의 perceptron_rule_steps()를 갱신 하나하나까지(1e-9)
    따라 하고, 데이터가 load_data()·load_xor() 그대로이며, 키보드로 한 단계씩 진행되고,
    XOR에서는 멈추지 않으며, 어긋난 값 하나를 심으면 비교가 그것을 잡는지 확인한다."""
    page, watch = open_widget(new_page, site_url, scheme, "perceptron/")
    fixture = page.evaluate("pgFixture.perceptron")
    data = page.evaluate("fetch('/playground/perceptron-data.json').then(r => r.json())")
    X, y = perceptron.load_data()
    assert np.array_equal(np.array(data["iris"]["X"]), X)
    assert data["iris"]["y"] == y.tolist() == fixture["iris"]["y"]
    assert data["xor"]["X"] == perceptron.load_xor()[0].tolist()

    for name, trace in fixture.items():
        result = page.evaluate(f"() => ({COMPARE_RULE})([pgMath, pgFixture.perceptron.{name}])")
        assert result["wrong"] == [], (name, result)
        assert result["count"] == len(trace["steps"]) > 0
        final = trace["final"]
        assert result["final"]["epochs"] == final["epochs"]  # as fit_perceptron_rule()
        assert result["final"]["w"] == pytest.approx(final["w"], abs=1e-9)
        assert result["final"]["b"] == pytest.approx(final["b"], abs=1e-9)
    iris = fixture["iris"]  # what the fixture holds is checked by tests/js/ (same export)
    planted = page.evaluate(f"""() => {{
        const t = structuredClone(pgFixture.perceptron.iris);
        t.steps[200].w[1] += 1e-6;
        return ({COMPARE_RULE})([pgMath, t]).wrong;
    }}""")
    assert planted == [[200, "w1"]]

    # keyboard only: Tab to 한 단계, Enter, then Space
    page.get_by_label("데이터").focus()
    tab_to(page, "한 단계")
    for key, step in [("Enter", iris["steps"][0]), ("Space", iris["steps"][1])]:
        page.keyboard.press(key)
        shown = values(page)
        assert shown["가중치 w"] == "(" + ", ".join(map(js_number, step["w"])) + ")"
        assert shown["편향 b"] == js_number(step["b"])
        assert shown["z = w·x + b"] == js_number(step["z"])
    assert values(page)["Δw = η(y − ŷ)x"] == "(0, 0)"  # the 2nd sample is right
    assert "w = (1.4, 0.2)" in page.locator(".pg [aria-live]").text_content()
    # XOR: after one epoch (4 updates) the weights are back at 0
    page.get_by_label("데이터").select_option("xor")
    for _ in range(4):
        page.locator(".pg button", has_text="한 단계").click()
    assert values(page)["가중치 w"] == "(0, 0)" and values(page)["지금까지 갱신"] == "4번"
    assert "멈췄습니다" not in page.locator(".pg-status").text_content()
    # 끝까지 실행: the rest of the 100 epochs at once, ending where the page's rule
    # (perceptron_rule_steps with fit_perceptron_rule's 100 epochs) ends
    steps = list(perceptron.perceptron_rule_steps(*perceptron.load_xor(), max_epochs=100))
    epoch, _, _, _, w_end, _ = steps[-1]
    page.locator(".pg button", has_text="끝까지 실행").click()
    shown = values(page)
    assert epoch == 100 and shown["에포크 · 샘플"] == "100 · 4번째 / 4"
    assert shown["지금까지 갱신"] == f"{sum(wrong for _, _, _, wrong, _, _ in steps)}번"
    assert shown["가중치 w"] == "(" + ", ".join(map(js_number, w_end)) + ")"
    assert "100 에포크를 다 돌았지만" in page.locator(".pg-status").text_content()
    assert "100 에포크를 다 돌았지만" in page.locator(".pg [aria-live]").text_content()

    check_accessible_at_both_sizes(page, scheme, axe_script)
    assert watch.external == [] and watch.errors == []


def test_the_readout_speaks_on_start_and_pause_not_all_the_time(new_page, site_url):
    """훈련 중의 화면 읽기 알림이 시작과 일시 정지 때에만 바로 나오고, 그사이에는 10초에
    한 번을 넘지 않는지 확인한다(예전에는 2초마다 말했다). 빠르게 돌려도 마찬가지다."""
    page, _ = open_widget(new_page, site_url, "dark", "perceptron/")
    page.get_by_label("데이터").select_option("xor")  # 100 epochs: about 13 s at this speed
    page.get_by_label("속도").select_option("fast")
    page.evaluate("""() => {
        window.said = [];
        const live = document.querySelector(".pg [aria-live]");
        new MutationObserver(() => said.push([performance.now(), live.textContent]))
            .observe(live, {childList: true, characterData: true, subtree: true});
    }""")
    hold_time(page)
    page.locator(".pg button", has_text="훈련 시작").click()
    page.clock.run_for(3_000)  # about 90 samples and pictures
    assert values(page)["지금까지 갱신"] != "0번"  # it did train
    assert [text for _, text in page.evaluate("said")] == ["훈련을 시작합니다."]
    page.clock.run_for(9_000)  # 12 s in all: once more, 10 s after the start
    said = page.evaluate("said")
    assert len(said) == 2 and said[1][1].startswith("에포크 "), said
    assert said[1][0] - said[0][0] >= 10_000, said
    assert page.locator(".pg button", has_text="일시 정지").count() == 1  # still training
    page.locator(".pg button", has_text="일시 정지").click()
    said = page.evaluate("said")
    assert len(said) == 3 and said[2][1].startswith("에포크 "), said


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_mlp_playground_matches_numpy_and_learns(new_page, site_url, scheme, axe_script):
    """MLP 실습 도구가 키보드로 훈련하고(보이는 손실이 math.js의 계산 그대로), 팔레트가
    바뀌면 다시 칠하고, 요소가 페이지를 떠나면 멈추는지 확인한다. 계산 자체가 페이지의
    forward()·backward()·gradient_descent_step()과 같은지, 수치 미분과 맞는지, XOR을 푸는지는
    tests/js/(node --test)가 확인한다."""
    page, watch = open_widget(new_page, site_url, scheme, "activations/")
    # the maths is checked against the NumPy code by tests/js/ (node --test);
    # here: the widget shows what that maths computes, from the served module.
    # The widget's own seeds and defaults: XOR, one hidden layer of 4 tanh neurons, η = 0.3
    losses = page.evaluate("""() => {
        const M = pgMath, data = M.makeDataset("xor", 200, 42);
        const net = M.createNetwork([2, 4, 1], "tanh", 42), random = M.makeRandom(43);
        return [1, 2].map(() => {
            M.trainEpoch(net, data.X, data.y, {learningRate: 0.3, random});
            return M.evaluate(net, data.X, data.y).loss;
        });
    }""")

    # keyboard only: Tab to 한 단계, Enter and Space each train one epoch
    readout = page.locator(".pg-readout")
    assert readout.text_content().startswith("에포크 0 ")
    page.locator(".pg select").first.focus()
    tab_to(page, "한 단계")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert readout.text_content().startswith("에포크 2 ")
    assert f"손실 {losses[1]:.4f}".rstrip("0") in readout.text_content()
    assert page.locator(".pg [aria-live]").text_content().startswith("에포크 2,")
    tab_to(page, "처음부터", limit=3)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "훈련 시작"
    hold_time(page)
    page.keyboard.press("Enter")
    page.clock.run_for(1_000)
    assert int(readout.text_content().split()[1]) > 5, readout.text_content()
    page.keyboard.press("Enter")  # the same button now pauses
    assert page.evaluate("document.activeElement.textContent") == "훈련 시작"
    paused = readout.text_content()
    page.clock.run_for(1_000)
    assert readout.text_content() == paused
    page.clock.resume()

    # the test set is shown apart from the training set: its own loss, the
    # one math.js computes on the widget's test points
    shown = page.evaluate("""() => {
        const w = [...pgIndex.active][0], M = pgMath;
        return {train: M.evaluate(w.net, w.trainX, w.data.y).loss,
                test: M.evaluate(w.net, w.testX, w.test.y).loss,
                sizes: [w.trainX.length, w.testX.length]};
    }""")
    assert shown["sizes"] == [200, 200] and abs(shown["train"] - shown["test"]) > 1e-4
    test_text = page.locator(".pg-readout .pg-test").text_content()
    train_text = page.locator(".pg-readout .pg-train").text_content()
    assert test_text.startswith("테스트 손실 ") and train_text.startswith("훈련 손실 ")
    assert float(test_text.split()[2].rstrip(",")) == pytest.approx(shown["test"], abs=6e-5)
    assert float(train_text.split()[2].rstrip(",")) == pytest.approx(shown["train"], abs=6e-5)

    # the step function: the note says why it cannot learn
    note = page.locator(".pg-step-note")
    assert note.is_hidden()
    page.locator(".pg").get_by_label("활성화 함수").select_option("step")
    assert note.is_visible() and "그레이디언트도 0" in note.text_content()

    # the other palette: the canvas is painted again in its colours
    corner = ("document.querySelector('.pg-regions').getContext('2d')"
              ".getImageData(1, 1, 1, 1).data.join()")
    before = page.evaluate(corner)
    other = "default" if scheme == "dark" else "slate"
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{other}')")
    page.wait_for_function(f"{corner} !== '{before}'", timeout=5_000)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', "
                  f"'{'slate' if scheme == 'dark' else 'default'}')")
    page.wait_for_function(f"{corner} === '{before}'", timeout=5_000)

    check_accessible_at_both_sizes(page, scheme, axe_script)

    # reduced motion: training runs on, the picture and numbers change once a second
    page.emulate_media(reduced_motion="reduce")
    page.locator(".pg button", has_text="처음부터").click()
    page.evaluate("""() => {
        window.shown = [];
        const readout = document.querySelector(".pg-readout");
        new MutationObserver(() => shown.push(readout.textContent)).observe(
            readout, {childList: true, characterData: true, subtree: true});
    }""")
    hold_time(page)
    page.locator(".pg button", has_text="훈련 시작").click()
    page.clock.run_for(2_500)
    shown = page.evaluate("shown")
    assert page.evaluate("[...pgIndex.active][0].epoch") >= 20
    assert len(shown) == 3, shown  # at 0, 1 and 2 s

    # leaving the page (as instant navigation does): the widget stops training
    # (here its IntersectionObserver pauses it before its next frame; on the
    # real clock its frame comes first and ends it, test_mlp_trains_on_its_own_in_real_time)
    # and mount() lets it go
    running = page.evaluate("""() => {
        window.leaving = [...pgIndex.active][0];
        document.querySelector(".pg").remove();
        return leaving.life.running;
    }""")
    epoch = page.evaluate("leaving.epoch")
    page.clock.run_for(2_000)
    ended = page.evaluate("""async () => {
        const stopped = !leaving.life.running;
        await pgIndex.mount(document);
        return {stopped, alive: leaving.life.alive, left: pgIndex.active.size};
    }""")
    assert running and ended == {"stopped": True, "alive": False, "left": 0}, ended
    assert page.evaluate("leaving.epoch") == epoch
    assert watch.external == [] and watch.errors == []


WIDGET = "[...pgIndex.active][0]"
# the width of every link as the network drawing paints it on its canvas
LINK_WIDTHS = f"{WIDGET}.view.links.map(l => String(l.width))"


def test_mlp_trains_on_its_own_in_real_time(new_page, site_url):
    """가짜 시계 없이, 실제 애니메이션 프레임에서: "훈련 시작"을 누르면 MLP 실습 도구가 스스로
    에포크를 쌓으며 그 수를 보여 주고, "일시 정지"로 멈추며, 훈련 중에 요소가 페이지를 떠나면
    다음 프레임에서 끝나는지 확인한다(이 파일에서 실제 시간에 기대는 유일한 테스트)."""
    page, watch = open_widget(new_page, site_url, "dark", "activations/", fake_clock=False)
    readout = page.locator(".pg-readout")
    assert readout.text_content().startswith("에포크 0 ")
    page.locator(".pg button", has_text="훈련 시작").click()
    page.wait_for_function("document.querySelector('.pg-readout').textContent"
                           ".match(/에포크 (\\d+)/)[1] >= 3", timeout=30_000)
    page.locator(".pg button", has_text="일시 정지").click()
    epoch = page.evaluate(f"{WIDGET}.epoch")
    assert not page.evaluate(f"{WIDGET}.life.running")
    assert page.evaluate(f"{WIDGET}.history.length") == epoch + 1
    assert readout.text_content().startswith(f"에포크 {epoch} ")  # the pause showed it

    # leaving the page while it trains (as instant navigation does): its next
    # frame finds its element gone and ends it, and mount() lets it go
    page.locator(".pg button", has_text="훈련 시작").click()
    ended = page.evaluate("""async () => {
        const widget = [...pgIndex.active][0];
        const running = widget.life.running;
        document.querySelector(".pg").remove();
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const stopped = !widget.life.alive && !widget.life.running;
        await pgIndex.mount(document);
        return {running, stopped, left: pgIndex.active.size};
    }""")
    assert ended == {"running": True, "stopped": True, "left": 0}
    assert watch.external == [] and watch.errors == []


def test_mlp_settings_round_trip_through_the_url(new_page, site_url):
    """컨트롤을 바꾸면 주소의 해시가 바뀌고, 그 주소를 새로 열면 모든 설정이 돌아오며,
    "처음부터"는 설정을 그대로 두고, "링크 복사"는 그 주소를 클립보드에 넣는지 확인한다."""
    page, watch = open_widget(new_page, site_url, "dark", "activations/",
                              permissions=["clipboard-read", "clipboard-write"])
    assert page.evaluate("location.hash") == ""
    page.locator(".pg").get_by_label("데이터", exact=True).select_option("gaussian")
    page.locator(".pg").get_by_label("잡음(%)").fill("25")
    page.locator(".pg").get_by_label("훈련 데이터 비율(%)").fill("70")
    page.locator(".pg").get_by_label("배치 크기").fill("4")
    page.locator(".pg").get_by_label("x1²").check()
    page.locator(".pg").get_by_label("sin x2").check()
    page.locator(".pg").get_by_label("x1", exact=True).uncheck()
    page.locator(".pg").get_by_label("은닉층 수").fill("3")
    page.locator(".pg").get_by_label("은닉층 2 뉴런 더하기").click()
    page.locator(".pg").get_by_label("은닉층 3 뉴런 빼기").click()
    # the keyboard: focus stays on the − button, and Enter presses it again
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "은닉층 3 뉴런 빼기"
    page.keyboard.press("Enter")
    page.locator(".pg").get_by_label("은닉층 3 뉴런 더하기").press("Enter")
    page.locator(".pg").get_by_label("활성화 함수").select_option("relu")
    page.locator(".pg").get_by_label("학습률").select_option("0.03")
    page.locator(".pg").get_by_label("규제", exact=True).select_option("l1")
    page.locator(".pg").get_by_label("규제 강도").select_option("0.01")
    page.locator(".pg").get_by_label("테스트 데이터 보기").check()
    page.locator(".pg").get_by_label("출력을 두 값으로 나눠 보기").check()
    page.locator(".pg button", has_text="데이터 다시 만들기").click()
    want = {"data": "gaussian", "noise": 25, "ratio": 70, "batch": 4,
            "features": ["x2", "x1sq", "sin2"], "hidden": [4, 5, 3], "activation": "relu",
            "rate": "0.03", "reg": "l1", "regRate": "0.01", "showTest": True,
            "discretize": True}
    settings = page.evaluate(f"{WIDGET}.settings")
    assert {k: settings[k] for k in want} == want and settings["seed"] != 42
    url = page.evaluate("location.href")
    assert "#mlp:data=gaussian&noise=25&ratio=70&batch=4&features=x2,x1sq,sin2" in url
    sizes = page.evaluate(f"{WIDGET}.net.sizes")
    assert sizes == [3, 4, 5, 3, 1]
    page.locator(".pg button", has_text="한 단계").click()
    page.locator(".pg button", has_text="처음부터").click()  # keeps every setting
    assert page.evaluate("location.href") == url
    assert page.evaluate(f"{WIDGET}.settings") == settings
    page.locator(".pg button", has_text="링크 복사").click()
    page.wait_for_function("document.querySelector('.pg [aria-live]').textContent"
                           ".includes('복사')")
    assert page.evaluate("navigator.clipboard.readText()") == url
    points = page.evaluate(f"{WIDGET}.data.X.slice(0, 3)")

    # a new page at that URL: every control and the network as they were
    other = new_page(color_scheme="dark", viewport=VIEWPORTS["phone"], fake_clock=True,
                     permissions=["clipboard-read", "clipboard-write"])  # the same context
    other.goto(url, wait_until="domcontentloaded")
    other.locator(".pg button").first.wait_for(timeout=10_000)
    other.evaluate(IMPORT)
    assert other.evaluate(f"{WIDGET}.settings") == settings
    assert other.evaluate(f"{WIDGET}.net.sizes") == sizes
    assert other.evaluate(f"{WIDGET}.data.X.slice(0, 3)") == points  # the same data seed
    assert other.locator(".pg").get_by_label("잡음(%)").input_value() == "25"
    assert other.locator(".pg").get_by_label("데이터", exact=True).input_value() == "gaussian"
    box = other.locator(".pg").get_by_label
    assert box("x1²").is_checked() and not box("x1", exact=True).is_checked()
    assert other.locator(".pg").get_by_label("규제 강도").input_value() == "0.01"
    assert other.locator(".pg").get_by_label("출력을 두 값으로 나눠 보기").is_checked()
    assert other.locator(".pg-layer").all_text_contents() == [
        "은닉층 1: 뉴런 4개−+", "은닉층 2: 뉴런 5개−+", "은닉층 3: 뉴런 3개−+"]
    assert other.evaluate("location.href") == url
    assert watch.external == [] and watch.errors == []


def test_mlp_network_drawing_follows_the_weights(new_page, site_url, axe_script):
    """그려진 네트워크의 연결 수가 가중치 수와 같고, 연결의 굵기가 가중치의 크기를 따르며
    훈련하면 굵기가 바뀌고, 샘플 하나의 역전파 모드가 정방향 값과 그레이디언트를 보여 주며,
    케라스 코드가 열리는지 확인한다."""
    page, watch = open_widget(
        new_page, site_url, "light",
        "activations/#mlp:hidden=8,8,8,8,8,8&features=x1,x2,x1sq,x2sq,x1x2,sin1,sin2&data=spiral")
    count = 7 * 8 + 5 * 8 * 8 + 8
    before = page.evaluate(LINK_WIDTHS)
    assert len(before) == count
    # the widths are linkWidth() of the weights, rounded to 0.1 px
    expected = page.evaluate(f"""async () => {{
        const {{ linkWidth }} = await import("/javascripts/playground/network.js");
        const w = {WIDGET};
        return w.net.layers.flatMap(l => Array.from(l.W, v =>
            String(Math.round(linkWidth(v) * 10) / 10)));
    }}""")
    assert before == expected and len(set(before)) > 10
    for _ in range(5):
        page.locator(".pg button", has_text="한 단계").click()
    after = page.evaluate(LINK_WIDTHS)
    assert sum(a != b for a, b in zip(before, after)) > count // 4

    # one sample: forward values under the neurons, then the gradients
    page.locator(".pg button", has_text="샘플 하나: 정방향").click()
    note = page.locator(".pg-sample")
    assert note.is_visible() and note.text_content().startswith("정방향: 훈련 샘플 1번")
    assert page.locator(".pg [aria-live]").text_content() == note.text_content()
    values = page.locator(".pg-net-value").all_text_contents()
    assert len(values) == 7 + 48 + 1 and all(v != "" for v in values)
    page.locator(".pg button", has_text="역방향으로").click()
    assert note.text_content().startswith("역방향:")
    grads = page.evaluate(LINK_WIDTHS)
    assert grads != after and max(map(float, grads)) == pytest.approx(5, abs=0.1)
    page.locator(".pg-weights summary").click()
    rows = page.locator(".pg-weights tbody tr")
    assert rows.count() == count + 6 * 8 + 1
    assert page.locator(".pg-weights th", has_text="그레이디언트").is_visible()
    first = page.evaluate(f"{WIDGET}.sample.grads[0].W[0]")
    shown = page.evaluate(f"""(v => {{ const t = Number(v.toFixed(4)).toString();
                                       return t === "-0" ? "0" : t; }})({first})""")
    assert rows.first.locator("td").nth(1).text_content() == shown
    weight = page.evaluate(f"{WIDGET}.net.layers[0].W[0]")
    page.locator(".pg button", has_text="이 그레이디언트로 갱신").click()
    moved = page.evaluate(f"{WIDGET}.net.layers[0].W[0]")
    assert moved == pytest.approx(weight - 0.3 * first, abs=1e-12)
    assert note.is_hidden()

    # the Keras code of this setup
    page.locator(".pg button", has_text="케라스 코드로 보기").click()
    code = page.locator(".pg-code code").text_content()
    assert code.count("keras.layers.Dense(8") == 6 and "keras.Input(shape=(7,))" in code
    assert page.locator(".pg button", has_text="케라스 코드 닫기").get_attribute(
        "aria-expanded") == "true"
    check_accessible_at_both_sizes(page, "light", axe_script)
    assert watch.external == [] and watch.errors == []


def test_mlp_regression_mode_trains(new_page, site_url):
    """회귀 데이터(평면, 가우스 봉우리)를 고르면 출력이 선형이고 손실이 MSE이며, 훈련하면
    훈련 손실과 테스트 손실이 모두 크게 내려가는지 확인한다."""
    page, watch = open_widget(new_page, site_url, "dark", "activations/")
    hold_time(page)
    for name, epochs in [("plane", 60), ("bumps", 150)]:
        page.locator(".pg").get_by_label("데이터", exact=True).select_option(name)
        page.locator(".pg").get_by_label("은닉층 수").fill("2")
        page.locator(".pg").get_by_label("학습률").select_option("0.03")
        assert page.evaluate(f"{WIDGET}.net.output") == "linear"
        start = page.evaluate(f"{WIDGET}.history[0]")
        assert "정확도" not in page.locator(".pg-readout").text_content()
        page.locator(".pg button", has_text="훈련 시작").click()
        if name == "bumps":  # as on a slow computer: the frames take turns from now on
            run_until(page, f"{WIDGET}.epoch >= 5")
            page.evaluate(f"{WIDGET}.timing.draw = 1000")
        run_until(page, f"{WIDGET}.epoch >= {epochs}")
        page.locator(".pg button", has_text="일시 정지").click()
        end = page.evaluate(f"{WIDGET}.history.at(-1)")
        assert end[0] < 0.3 * start[0] and end[1] < 0.3 * start[1], (name, start, end)
        shown = page.locator(".pg-readout .pg-test").text_content()
        assert float(shown.split()[2]) == pytest.approx(end[1], abs=6e-5)
        epoch = page.evaluate(f"{WIDGET}.epoch")  # the pause showed the last epoch
        assert page.locator(".pg-readout").text_content().startswith(f"에포크 {epoch} ")
    assert watch.external == [] and watch.errors == []


def run_until(page, condition, step=100, limit=60_000):
    """Move the fake clock on by `step` ms at a time until condition (a JS
    expression) holds; fail after `limit` ms of the page's time."""
    for _ in range(limit // step):
        if page.evaluate(condition):
            return
        page.clock.run_for(step)
    raise AssertionError(f"{condition} after {limit} ms of the page's time")


RING = """() => {
    const s = getComputedStyle(document.activeElement);
    return {tag: document.activeElement.tagName, type: document.activeElement.type || null,
            outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
            shadow: s.boxShadow !== "none"};
}"""


def tab_until(page, check, limit=60):
    """Tab 키를 눌러 초점이 check(activeElement)를 만족하는 요소에 갈 때까지 옮긴다."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {check})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {check}")


def test_mlp_controls_show_focus_and_the_sample_step_sits_by_its_drawing(new_page, site_url):
    """키보드 초점이 간 슬라이더, 체크 상자, 단추에 초점 표시가 보이고, 휴대폰(360 px)에서 샘플
    하나 단추와 그 설명이 설명하는 네트워크 그림 바로 위(한 화면 안)에 있으며, 범례가 정방향에서는
    가중치를, 역방향에서는 그레이디언트를 말하고, 1280 px에서는 결정 영역과 네트워크가 나란히
    보이고, 손실 곡선의 가로축 눈금이 로그 눈금이며, 케라스 코드가 사이트의 코드 색으로 칠해지는지
    확인한다."""
    page, watch = open_widget(new_page, site_url, "dark", "activations/")
    page.locator(".pg select").first.focus()
    for check in ["el.type === 'range'", "el.type === 'checkbox'", "el.tagName === 'BUTTON'"]:
        tab_until(page, check)
        ring = page.evaluate(RING)
        assert ring["outline"] or ring["shadow"], ring

    sample = page.locator(".pg button", has_text="샘플 하나: 정방향")
    sample.click()
    box = lambda sel: page.locator(sel).bounding_box()  # noqa: E731
    button, note, net = box(".pg-sample-buttons"), box(".pg-sample"), box(".pg-net")
    assert button["y"] < note["y"] < net["y"], (button, note, net)
    assert net["y"] + net["height"] - button["y"] <= VIEWPORTS["phone"]["height"], (button, net)
    keys = page.locator(".pg-net-figure figcaption").text_content()
    assert "가중치" in keys and "그레이디언트" not in keys, keys
    page.locator(".pg button", has_text="역방향으로").click()
    keys = page.locator(".pg-net-figure figcaption").text_content()
    assert "양의 그레이디언트" in keys and "양의 가중치" not in keys, keys
    assert "그레이디언트의 부호" in page.locator(".pg-net").get_attribute("aria-label")
    page.locator(".pg button", has_text="이 그레이디언트로 갱신").click()
    assert "양의 가중치" in page.locator(".pg-net-figure figcaption").text_content()

    page.set_viewport_size(VIEWPORTS["desktop"])
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    regions, net = box(".pg-regions"), box(".pg-net")
    assert net["x"] >= regions["x"] + regions["width"], (regions, net)  # side by side
    assert net["y"] < regions["y"] + regions["height"], (regions, net)
    assert regions["width"] >= 200 and net["width"] >= 300, (regions, net)

    ticks = page.evaluate("""async () => {
        const { epochTicks, epochX } = await import("/javascripts/playground/mlp.js");
        return {ticks: epochTicks(2000), x10: epochX(10, 2000), x2000: epochX(2000, 2000)};
    }""")
    assert ticks["ticks"] == [0, 1, 10, 100, 1000, 2000]
    assert ticks["x10"] > 0.3 and ticks["x2000"] == 1  # the first ten epochs: a third of it

    page.locator(".pg button", has_text="케라스 코드로 보기").click()
    code = page.locator(".pg-code code")
    colours = code.locator("span").evaluate_all(
        "spans => new Set(spans.map(s => getComputedStyle(s).color)).size")
    plain = code.evaluate("c => getComputedStyle(c).color")
    keyword = code.locator("span.kn").first.evaluate("s => getComputedStyle(s).color")
    assert colours >= 4 and keyword != plain, (colours, keyword, plain)
    assert watch.external == [] and watch.errors == []
