"""빌드된 사이트 전체의 링크와 무게(전송량)를 확인한다."""

import gzip
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

pytestmark = pytest.mark.slow

PAGE_BUDGET = 150_000  # gzip bytes a page loads at once: HTML, CSS, JS, eager images
# …and with every figure of one palette, which load lazily as the reader scrolls
# to them (the MLP chapter has six figures)
PAGE_WITH_FIGURES_BUDGET = 300_000
SEARCH_BUDGET = 300_000  # gzip bytes of the search index
FIGURE_BUDGET = 200_000  # bytes per figure file


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_links_and_fragments_resolve(built_site):
    """HTML에 직접 쓴 링크와 한글 앵커까지, 사이트 안의 모든 링크가 실제로 이어지는지 확인한다."""
    lychee = shutil.which("lychee")
    assert lychee, "lychee missing: pip install -r requirements.txt"
    site = built_site["site"]
    proc = subprocess.run(
        [lychee, "--offline", "--include-fragments", "--no-progress",
         "--root-dir", str(site), "--index-files", "index.html",
         f"{site}/**/*.html"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"[1-9]\d* OK", proc.stdout + proc.stderr)


def test_lychee_catches_a_broken_hangul_fragment(built_site, tmp_path):
    """링크 검사가 없는 한글 앵커를 실제로 잡아내는지(검사가 헛돌지 않는지) 확인한다."""
    site = tmp_path / "site"
    shutil.copytree(built_site["site"], site)
    page = site / "perceptron" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="#없는-앵커">x</a></article>'), encoding="utf-8")
    proc = subprocess.run(
        ["lychee", "--offline", "--include-fragments", "--no-progress",
         "--root-dir", str(site), "--index-files", "index.html",
         f"{site}/**/*.html"], capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "Cannot find fragment" in proc.stdout + proc.stderr


def _assets(html_file: Path, site: Path, lazy: bool = True) -> set[Path]:
    """Files a page loads by itself: stylesheets, scripts, images (without the
    ones marked loading="lazy" unless ``lazy``)."""
    text = html_file.read_text(encoding="utf-8")
    refs = re.findall(r'<link [^>]*rel="stylesheet"[^>]*href="([^"]+)"', text)
    refs += re.findall(r'<script [^>]*src="([^"]+)"', text)
    refs += [re.search(r'src="([^"]+)"', img).group(1)
             for img in re.findall(r"<img [^>]*>", text)
             if lazy or 'loading="lazy"' not in img]
    base = "file://" + str(html_file)
    found = set()
    for ref in refs:
        if ref.startswith("data:"):  # inline (notebook figures): in the HTML
            continue
        if ref.endswith("#only-dark"):  # a reader's browser loads one palette's figures
            continue
        if ref.startswith("/"):  # 404.html uses site-absolute paths
            ref = "file://" + str(site) + ref
        path = Path(unquote(urlparse(urljoin(base, ref)).path))
        assert path.is_file() and site in path.parents, (html_file, ref)
        if path.suffix not in (".woff", ".woff2", ".ttf"):
            found.add(path)
    return found


def test_page_weight_budget(built_site, capsys):
    """페이지마다 처음 열 때 받는 HTML·CSS·JS·(지연 로딩이 아닌) 그림이 gzip 150KB 이하이고,
    스크롤하며 받는 한 팔레트의 그림까지 합쳐도 300KB 이하인지 확인한다."""
    site = built_site["site"]
    first, full = [], []
    for html_file in sorted(site.rglob("*.html")):
        name = html_file.relative_to(site).as_posix()
        first.append((gz(html_file) + sum(gz(a) for a in _assets(html_file, site, False)),
                      name))
        full.append((gz(html_file) + sum(gz(a) for a in _assets(html_file, site)), name))
    with capsys.disabled():
        print("\npage weight (gzip, at first / with figures):", ", ".join(
            f"{p} {a / 1000:.0f}/{b / 1000:.0f} KB" for (a, p), (b, _) in zip(first, full)))
    assert max(first)[0] <= PAGE_BUDGET, max(first)
    assert max(full)[0] <= PAGE_WITH_FIGURES_BUDGET, max(full)
    assert max(full)[0] > max(first)[0]  # the figures were really counted


def test_search_index_and_figure_budgets(built_site):
    """검색 색인이 gzip 300KB 이하, 그림 파일이 하나에 200KB 이하인지 확인한다."""
    site = built_site["site"]
    assert gz(site / "search" / "search_index.json") <= SEARCH_BUDGET
    figures = list((site / "figures").rglob("*.svg"))
    assert figures
    assert max(f.stat().st_size for f in figures) <= FIGURE_BUDGET
