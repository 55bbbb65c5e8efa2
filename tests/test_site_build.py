"""사이트 전체를 --strict로 빌드하고, 만들어진 HTML과 파일을 확인한다."""

import html
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT, SOURCE_DATE_EPOCH, code_pages, svg_texts

CODE_PAGES = code_pages()

pytestmark = pytest.mark.slow


def page(built_site, name):
    return (built_site["site"] / name / "index.html").read_text(encoding="utf-8")


def output_blocks(text):
    """'출력' 제목이 붙은 코드 블록들의 텍스트."""
    blocks = re.findall(
        r'<span class="filename">출력</span>.*?<code>(.*?)</code>', text, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks]


def test_output_blocks_hold_what_the_code_printed(built_site, capsys):
    """출력 블록이 스니펫의 main()이 실제로 출력한 내용과 같은지 확인한다."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from snippets import perceptron

    plt.close(perceptron.main())
    printed = capsys.readouterr().out
    blocks = output_blocks(page(built_site, "perceptron"))
    assert len(blocks) == 13  # nine in the lesson, four in the exercises' answers
    assert "".join(b.rstrip("\n") + "\n" for b in blocks) == printed
    assert "heaviside(z)" in blocks[0]
    assert "가중치 w: [-1.4 -2.2]" in blocks[2]
    assert "시드 100개 중 최고 정확도: 0.75" in blocks[8]
    # first exercise
    assert "z >= 0이면 1: (0, 0)에 1을 낸 TLU 1000개" in blocks[9]
    assert "AND를 계산한 TLU 0개" in blocks[9]


def test_code_blocks_are_included_from_snippets(built_site):
    """코드 블록이 snippets/의 구간 그대로이고 구간 표시는 보이지 않는지 확인한다."""
    text = page(built_site, "perceptron")
    codes = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(
        r'<div class="language-python highlight"><pre>.*?<code>(.*?)</code>',
        text, re.S)]
    assert len(codes) == 19  # plotting code (folded) and answers are blocks of their own
    assert "def fit_perceptron_rule(X, y, eta=1.0, max_epochs=100):" in codes[11]
    assert all("8<" not in c for c in codes)
    # 들여쓰기가 풀린 main() 안의 코드
    assert "\nX, y = load_data()\n" in codes[6]


def test_figure_is_generated_and_referenced(built_site):
    """결정 경계 그림이 빌드 때 밝은 화면용과 어두운 화면용 두 판으로 만들어져 페이지에서
    참조되는지 확인한다."""
    text = page(built_site, "perceptron")
    images = [img for img in re.findall(r"<img [^>]*>", text)
              if "perceptron-plot_usage-1" in img]
    srcs = [re.search(r'src="([^"]+)"', img).group(1) for img in images]
    assert srcs == ["../figures/perceptron/perceptron-plot_usage-1.svg#only-light",
                    "../figures/perceptron/perceptron-plot_usage-1-dark.svg#only-dark"]
    assert all(re.search(r'alt="[^"]*결정 경계[^"]*"', img) for img in images)
    for name in ("perceptron-plot_usage-1.svg", "perceptron-plot_usage-1-dark.svg"):
        data = (built_site["site"] / "figures" / "perceptron" / name).read_bytes()
        assert data.startswith(b"<?xml") and len(data) < 200_000
        assert b"<dc:date>" not in data  # 날짜가 없어야 바이트가 안정적이다


def test_every_figure_text_is_readable_on_its_palette(built_site):
    """모든 그림에 어두운 화면용 판이 있고, 두 판 모두 글자색이 제 바탕과 4.5:1 이상
    대비되는지 확인한다(밝은 판은 흰 바탕, 어두운 판은 Material slate 배경)."""
    from matplotlib import colors
    from sitebuild.run import figure_theme

    lights = [p for p in (built_site["site"] / "figures").rglob("*.svg")
              if not p.name.endswith("-dark.svg")]
    assert len(lights) >= 9
    for light in lights:
        dark = light.with_name(light.stem + "-dark.svg")
        for path, background in ((light, "#ffffff"), (dark, figure_theme.BACKGROUND)):
            svg = path.read_text(encoding="utf-8")
            assert f"fill: {background}" in svg, path.name
            fills = [fill for fill, _ in svg_texts(svg)]
            assert len(fills) >= 3, path.name
            for fill in set(fills):
                ratio = figure_theme.contrast(colors.to_rgb(fill), colors.to_rgb(background))
                assert ratio >= 4.5, f"{path.name}: text {fill} on {background} is {ratio:.2f}:1"


def test_every_dark_figure_can_be_made_again_from_its_frozen_figure(built_site, tmp_path):
    """실행 중에 만든 어두운 그림과, 캐시에 남은 얼린 그림(pickle)으로 새 프로세스에서 다시
    만든 어두운 그림이 바이트까지 같은지 확인한다. figure_theme.py를 고쳤을 때 예제를 다시
    실행하지 않고 그림만 새로 칠하는 길이 실행과 같은 결과를 내야 한다."""
    import json

    frozen = sorted(built_site["cache"].glob("*/*.pickle"))
    assert len(frozen) >= 9
    from sitebuild.store import mac

    jobs = [[str(f), str(tmp_path / f"{f.parent.name}-{f.stem}-dark.svg"), mac(f.read_bytes())]
            for f in frozen]
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sitebuild.run.figure_theme",
                           str(tmp_path / "jobs.json")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "MPLBACKEND": "Agg"})
    assert proc.returncode == 0, proc.stderr
    for f, (_, made, _) in zip(frozen, jobs):
        ran = f.with_name(f.stem + "-dark.svg").read_bytes()
        assert Path(made).read_bytes() == ran, f.name


def test_no_dark_colour_bar_reads_backwards(built_site):
    """사이트의 모든 그림에서 연속 색 지도의 어두운 판이 밝기 순서를 지키는지(뒤집힘이
    없는지), 그런 색 지도가 적어도 하나는 검사되는지 확인한다(캐시의 얼린 그림으로)."""
    from sitebuild.run import figure_theme
    from tests.test_figure_theme import continuous_maps, lightness_reversals

    checked = 0
    for frozen in sorted(built_site["cache"].glob("*/*.pickle")):
        with figure_theme.thawed(frozen.read_bytes()) as fig:
            maps = continuous_maps(fig)
            figure_theme.to_dark(fig)
            for light, artist in maps:
                dark = artist.get_cmap()(range(artist.get_cmap().N))
                assert len(lightness_reversals(light, dark)) == 0, frozen.name
                checked += 1
    assert checked >= 1


def test_next_links_run_through_every_chapter_and_no_notebook(built_site):
    """시작 페이지에서 "다음" 링크만 따라가면 장 페이지를 모두 한 번씩 지나 참고 문헌에서
    끝나고, 노트북 페이지는 그 사슬에 없으며 자기 이전/다음 링크도 없는지 확인한다."""
    site = built_site["site"]
    next_link = re.compile(r'<a href="([^"]*)" class="md-footer__link md-footer__link--next"')
    chapters = {p.stem for p in (built_site["project"] / "docs").glob("*.md")}
    path, seen = site / "index.html", ["index"]
    while (found := next_link.search(path.read_text(encoding="utf-8"))):
        path = (path.parent / found[1] / "index.html").resolve()
        seen.append(path.parent.name)
        assert len(seen) <= len(chapters), seen
    assert sorted(seen) == sorted(chapters) and seen[-1] == "references", seen
    for notebook in (site / "notebooks").glob("*/index.html"):
        assert "md-footer__link" not in notebook.read_text(encoding="utf-8"), notebook


def test_interface_words_are_korean_as_we_write_them(built_site):
    """화면의 Material 문구가 한국어(lang="ko", 검색 안내)이고, 띄어쓰기를 고친 "맨 위로"가
    쓰이는지 확인한다."""
    text = (built_site["site"] / "mlp" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in text and "맨 위로" in text and "맨위로" not in text
    assert 'placeholder="검색"' in text


def test_nothing_generated_is_written_into_docs(built_site):
    """빌드가 docs/에 파일을 쓰지 않는지 확인한다."""
    assert built_site["docs_after"] == built_site["docs_before"]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True,
                             text=True).stdout.split()
    assert not [t for t in tracked if t.startswith(("site/", ".cache/"))]


def test_math_is_mathml(built_site):
    """수식이 MathML로 바뀌고 TeX 원문이 남지 않으며, 학습 규칙이 글자·첨자·모자까지 수식으로
    그려지는지 확인한다."""
    text = page(built_site, "perceptron")
    assert text.count("<math") >= 10
    assert "\\(" not in text and "\\[" not in text and "\\text{" not in text
    blocks = re.findall(r'<div class="arithmatex">(<math[^>]*display="block".*?</math>)',
                        text, re.S)
    (rule,) = [b for b in blocks if "다음\u00a0단계" in b]
    assert "<mtext>다음\u00a0단계</mtext>" in rule  # upright words inside the math
    assert "<mi>\u03b7</mi>" in rule  # eta, the learning rate
    # y hat: a combining circumflex over y (centred by the math font), subscripted j
    assert '<mover accent="true"><mrow><mi>y</mi></mrow><mo>\u0302</mo></mover>' in rule
    assert rule.count("<msub>") + rule.count("<msubsup>") >= 4  # w_ij, y_j, x_i


def test_korean_heading_anchors(built_site):
    """한글 제목의 앵커가 한글을 그대로 담는지 확인한다."""
    text = page(built_site, "perceptron")
    assert 'id="퍼셉트론-학습-규칙"' in text


def test_no_request_to_other_hosts(built_site):
    """페이지가 다른 호스트의 글꼴·스크립트·스타일을 불러오지 않는지 확인한다."""
    for html_file in built_site["site"].rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]+)"',
                           text)
        remote = [u for u in loads if re.match(r"(https?:)?//", u)]
        assert not remote, (html_file, remote)
        assert "fonts.googleapis" not in text


def test_korean_ui_and_line_breaking(built_site):
    """한국어 UI와 단어 단위 줄바꿈 CSS가 들어가는지 확인한다."""
    text = page(built_site, "perceptron")
    assert '<html lang="ko"' in text
    css = (built_site["site"] / "stylesheets" / "extra.css").read_text()
    assert "word-break: keep-all" in css


def test_warm_rebuild_is_quick_work_and_byte_identical(built_site, tmp_path):
    """캐시로 다시 빌드하면 예제·노트북 변환·형태소 분석을 다시 하지 않고, ML 라이브러리도 불러오지
    않으며, 사이트가 바이트 단위로 같은지 확인한다."""
    script = textwrap.dedent(f"""
        import logging, os, sys
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)  # the build log
        os.environ["EXAMPLES_CACHE_DIR"] = {str(built_site["cache"])!r}
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        build(load_config({str(built_site["project"] / "mkdocs.yml")!r},
                          site_dir={str(tmp_path / "site")!r}, strict=True))
        heavy = [m for m in ("tensorflow", "keras", "sklearn", "matplotlib", "kiwipiepy")
                 if m in sys.modules]
        print("HEAVY", heavy)
    """)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)  # same key
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True,
                          text=True, cwd=built_site["project"], env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout  # Kiwi is not loaded either: all texts known
    assert "Documentation built in" in proc.stderr  # the log is really there to read
    assert "running the examples" not in proc.stderr  # all from the cache
    assert "Converting notebook" not in proc.stderr  # renderings from the cache store
    assert "Korean search: 0 of " in proc.stderr
    first, second = built_site["site"], tmp_path / "site"
    names = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second) for p in second.rglob("*")
                           if p.is_file())
    assert any(n.suffix == ".svg" for n in names)
    different = [str(n) for n in names
                 if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []


def test_every_page_with_examples_states_its_environment(built_site):
    """예제가 있는 페이지마다 출력을 만든 버전·장치·날짜를 밝히는지 확인한다."""
    import numpy
    import sklearn

    for md in sorted((built_site["project"] / "docs").glob("*.md")):
        html_text = page(built_site, md.stem) if md.stem != "index" else \
            (built_site["site"] / "index.html").read_text(encoding="utf-8")
        has_code = md.stem in CODE_PAGES
        assert ("이 페이지의 출력을 만든 환경" in html_text) == has_code, md.name
        if has_code:
            note = html_text[html_text.index("이 페이지의 출력을 만든 환경"):]
            assert "2026-01-01에" in note  # SOURCE_DATE_EPOCH of the test build
            assert f"NumPy {numpy.__version__}" in note
            assert f"scikit-learn {sklearn.__version__}" in note
            assert "CPU(" in note or "GPU(" in note
            module = (ROOT / "snippets" / f"{md.stem}.py").read_text(encoding="utf-8")
            if "import keras" in module or "import tensorflow" in module:
                assert "TensorFlow " in note and "Keras " in note
