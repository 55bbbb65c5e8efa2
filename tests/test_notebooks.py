"""장마다 빌드 때 만든 주피터 노트북이 페이지와 같고, 새 커널에서 실제로 돌아가는지 확인한다."""

import html
import re
import shutil

import nbformat
import pytest
from pymdownx.slugs import slugify

from tests.helpers import ROOT, code_pages, copy_project, run_build

pytestmark = pytest.mark.slow

CODE_PAGES = code_pages()


def notebook(site, stem):
    return nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", as_version=4)


def page_code_blocks(site, stem):
    text = (site / stem / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(
        r'<div class="language-python highlight"><pre>.*?<code>(.*?)</code>',
        text, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks]


def norm(code):
    return "\n".join(line.rstrip() for line in code.strip("\n").split("\n"))


def test_every_code_page_has_a_linked_notebook(built_site):
    """예제가 있는 페이지마다 노트북이 있고 페이지에 내려받기 링크가 있는지 확인한다."""
    assert len(CODE_PAGES) >= 7
    for stem in CODE_PAGES:
        source = built_site["site"] / "notebooks" / stem / f"{stem}.ipynb"
        assert source.is_file()
        page = (built_site["site"] / stem / "index.html").read_text(encoding="utf-8")
        assert (f'href="../notebooks/{stem}/{stem}.ipynb" download>'
                "주피터 노트북 내려받기</a>") in page
        assert f'href="../notebooks/{stem}/">노트북으로 보기</a>' in page


@pytest.mark.parametrize("stem", CODE_PAGES)
def test_notebook_is_valid_and_equals_the_page(built_site, stem):
    """노트북이 nbformat 4로 유효하고, 코드 셀이 페이지의 코드 블록과 같은지 확인한다."""
    nb = notebook(built_site["site"], stem)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    first = nb.cells[0]
    assert first.cell_type == "markdown" and "pip install" in first.source
    for pin in ("tensorflow==", "scikit-learn==", "koreanize-matplotlib=="):
        assert pin in first.source
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert [norm(c) for c in code] == \
        [norm(b) for b in page_code_blocks(built_site["site"], stem)]
    headings = [c.source for c in nb.cells[1:] if c.cell_type == "markdown"]
    page_md = (ROOT / "docs" / f"{stem}.md").read_text(encoding="utf-8")
    for heading in headings:
        assert heading in page_md


@pytest.mark.parametrize("stem", CODE_PAGES)
def test_notebook_runs_in_a_fresh_kernel(built_site, stem, tmp_path, monkeypatch):
    """노트북이 새 커널에서 오류 없이 끝까지 돌고, 출력 글이 빌드 때와 같은지 확인한다."""
    from nbclient import NotebookClient

    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")  # as the build runs it
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.delenv("PYTHONPATH", raising=False)  # no repository on the path
    nb = notebook(built_site["site"], stem)
    stored = [[o.text for o in c.outputs if o.output_type == "stream"]
              for c in nb.cells if c.cell_type == "code"]
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    ran = [[o.text for o in c.outputs
            if o.output_type == "stream" and o.name == "stdout"]
           for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    assert ["".join(r) for r in ran] == ["".join(s) for s in stored]


def test_snippet_edit_changes_the_rebuilt_notebook(built_site, tmp_path):
    """스니펫을 고치면 다시 빌드한 노트북의 코드와 출력이 새것으로 바뀌는지 확인한다."""
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    shutil.copytree(built_site["cache"], cache)  # warm: only the edit re-runs
    snippet = project / "snippets" / "perceptron.py"
    text = snippet.read_text(encoding="utf-8")
    old = '    print("훈련 세트 정확도:", per_clf.score(X, y))\n'
    assert old in text
    snippet.write_text(text.replace(
        old, old + '    print("고친 뒤에 더한 줄")\n'), encoding="utf-8")
    proc = run_build(project, tmp_path / "site", cache)
    assert proc.returncode == 0, proc.stderr
    assert "running the examples of perceptron.md" in proc.stderr
    reran = [line for line in proc.stderr.splitlines() if "running the" in line]
    assert reran == [line for line in reran if "perceptron.md" in line], reran
    nb = notebook(tmp_path / "site", "perceptron")
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs)
    assert "고친 뒤에 더한 줄" in outputs
    assert "고친 뒤에 더한 줄" not in "".join(
        o.get("text", "") for c in notebook(built_site["site"], "perceptron").cells
        if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("stem", CODE_PAGES)
def test_notebook_page_has_a_korean_table_of_contents(built_site, stem):
    """노트북 페이지의 제목 앵커가 한글을 지키고, 목차 링크가 모두 그 앵커로 이어지는지 확인한다."""
    text = (built_site["site"] / "notebooks" / stem / "index.html").read_text(
        encoding="utf-8")
    ids = re.findall(r'<h[1-6] id="([^"]*)"', text)
    assert ids and len(ids) == len(set(ids))

    assert any(re.search(r"[가-힣]", i) for i in ids)
    assert not [i for i in ids if "%" in i or i.startswith("_")]
    toc = re.findall(r'<a href="#([^"]*)" class="md-nav__link">', text)
    assert len(toc) >= len(ids) - 1  # every heading but the title
    assert set(toc) <= set(ids)
    # the same slug as the chapter's headings (their text, without { #id })
    slug = slugify(case="lower")
    chapter = (ROOT / "docs" / f"{stem}.md").read_text(encoding="utf-8")
    texts = re.findall(r"^#{2,6} (.+?)(?:\s*\{[^}]*\})?$", chapter, re.M)
    assert set(ids[1:]) <= {slug(re.sub(r"[`*]", "", t), "-") for t in texts}
    assert len(text.encode()) < 600_000  # JupyterLab's inline CSS is gone
    assert "jp-Notebook" in text and 'class="jp-OutputArea' in text
    assert f'href="{stem}.ipynb" download' in text  # the download button
