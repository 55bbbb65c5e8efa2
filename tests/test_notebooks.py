"""장마다 빌드 때 만든 주피터 노트북이 페이지와 같고, 새 커널에서 실제로 돌아가는지 확인한다."""

import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from pymdownx.slugs import slugify

from tests.helpers import ROOT, code_pages

pytestmark = pytest.mark.slow

CODE_PAGES = code_pages()
IMPORTS = {"numpy": "numpy", "sklearn": "scikit-learn", "matplotlib": "matplotlib",
           "koreanize_matplotlib": "koreanize-matplotlib", "keras": "keras"}


def notebook(site, stem):
    return nbformat.read(site / "notebooks" / stem / f"{stem}.ipynb", as_version=4)


def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article")


def is_answer(element):
    """Inside an exercise's answer (a fold that is not the plotting code's)."""
    return any(d.name == "details" and "example" not in d.get("class", [])
               for d in element.parents)


def page_code_blocks(site, stem):
    """(code, in an answer?) of every Python block of the chapter page."""
    return [(block.select_one("code").get_text(), is_answer(block))
            for block in soup(site, stem).select("div.language-python")]


def norm(code):
    return "\n".join(line.rstrip() for line in code.strip("\n").split("\n"))


def code_cells(nb):
    """The page's code cells: every code cell but the setup cell."""
    return [c for c in nb.cells if c.cell_type == "code"
            and "setup" not in c.metadata.get("tags", [])]


def plain(text):
    return " ".join(text.split())


def markdown_text(nb):
    """The notebook's Markdown as words: formulas, marks and tags removed."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"^```.*?^```", " ", text, flags=re.S | re.M)  # code and outputs
    text = re.sub(r"\$\$.*?\$\$|\$[^$]+\$", "", text, flags=re.S)  # as math.decompose()
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)  # figures
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^[ \t]*(?:>[ \t]?)+", "", text, flags=re.M)  # quotes
    text = re.sub(r"^[ \t]*(?:[-*]|\d+\.)[ \t]+", "", text, flags=re.M)  # list marks
    # bold marks go, but not a `**kwargs` inside inline code
    codes: list[str] = []
    text = re.sub(r"`([^`\n]+)`", lambda m: codes.append(m[1]) or f"\0{len(codes) - 1}\0", text)
    text = re.sub(r"\0(\d+)\0", lambda m: codes[int(m[1])], text.replace("**", ""))
    return plain(text)


def page_paragraphs(site, stem):
    """The text of the chapter's paragraphs and list items, formulas removed;
    the environment note, the notebook buttons and the playground are the
    website's own."""
    article = soup(site, stem)
    for math in article.select("math"):
        math.decompose()
    texts = []
    for element in article.select("p, li"):
        if element.name == "li" and element.select("ul, ol, p"):
            continue  # its own paragraphs and items are read instead
        if element.find_parent(class_="admonition") is not None and \
                "이 페이지의 출력을 만든 환경" in element.find_parent(class_="admonition").get_text():
            continue
        if element.select(".md-button") or "admonition-title" in element.get("class", []) \
                or "ex-caption" in element.get("class", []):  # a figure's number: the page's
            continue
        if element.find_parent(class_="pg") is not None:
            continue  # the playground's own text (a notebook gets a note instead)
        text = plain(element.get_text())
        if text:
            texts.append(text)
    return texts


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
def test_notebook_is_valid_and_holds_the_page_code(built_site, stem):
    """노트북이 nbformat 4로 유효하고, 준비 셀 다음의 코드 셀이 페이지의 (답 밖) 코드 블록과
    같으며, 답 속 코드는 마크다운 셀의 <details> 안에 그대로 있는지 확인한다."""
    nb = notebook(built_site["site"], stem)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    setup = nb.cells[1]
    assert setup.cell_type == "code" and setup.metadata["tags"] == ["setup"]
    assert "%pip install" in setup.source
    blocks = page_code_blocks(built_site["site"], stem)
    every = "\n".join(code for code, _ in blocks)
    for module, dist in IMPORTS.items():  # pinned exactly where the page imports it
        imported = re.search(rf"^\s*(?:import|from) {module}\b", every, re.M)
        assert bool(imported) == (f'"{module}": "{dist}==' in setup.source), module
    assert [norm(c.source) for c in code_cells(nb)] == \
        [norm(code) for code, answer in blocks if not answer]
    details = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown"
                        and "<details" in c.source)
    for code, answer in blocks:
        if answer:
            assert f"```python\n{norm(code)}\n```" in details


@pytest.mark.parametrize("stem", CODE_PAGES)
def test_notebook_holds_the_page_prose_and_formulas(built_site, stem):
    """노트북의 마크다운 셀이 장 페이지의 문단과 목록 글을 모두 담고, 노트북 페이지가 장
    페이지와 같은 수식(같은 MathML, 같은 순서)을 보여 주는지 확인한다."""
    site = built_site["site"]
    nb = notebook(site, stem)
    words = markdown_text(nb)
    paragraphs = page_paragraphs(site, stem)
    assert len(paragraphs) >= 5
    missing = [p for p in paragraphs if p not in words]
    assert missing == []
    chapter = [str(m) for m in soup(site, stem).select("math")]
    rendered = [str(m) for m in soup(site, f"notebooks/{stem}").select("math")]
    assert rendered == chapter
    assert "$" not in "".join(m.get_text() for m in soup(site, f"notebooks/{stem}").select("p"))


@pytest.mark.parametrize("stem", CODE_PAGES)
def test_notebook_needs_nothing_from_the_repository(built_site, stem):
    """노트북의 코드가 저장소의 모듈(snippets, sitebuild, tests)을 import하지 않는지 확인한다.
    코랩에 올린 노트북 파일 하나만으로 돌아가야 한다."""
    nb = notebook(built_site["site"], stem)
    every = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not re.findall(r"^\s*(?:from|import)\s+(?:snippets|sitebuild|tests)\b", every, re.M)
    assert "--8<--" not in every


# Every chapter's notebook holds the page's code and the build's outputs (the
# static tests above). Running one in a fresh kernel proves the setup cell and
# that a notebook gives the build's outputs; it runs the chapter's examples
# again, so only on the cheapest chapter that imports TensorFlow (its C++ log
# must stay quiet). tests/test_notebooks.py's offline-install test runs
# neurons in a kernel of its own.
KERNEL_PAGES = ["environment"]


@pytest.mark.parametrize("stem", KERNEL_PAGES)
def test_notebook_runs_in_a_fresh_kernel(built_site, stem, tmp_path, monkeypatch):
    """노트북이 새 커널에서 오류 없이 끝까지 돌고, 출력 글이 빌드 때와 같으며, 텐서플로의
    C++ 로그가 보이지 않는지 확인한다(준비 셀이 스스로 끈다)."""
    assert "import tensorflow" in (ROOT / "snippets" / f"{stem}.py").read_text(encoding="utf-8")
    from nbclient import NotebookClient

    for name in ("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS"):
        monkeypatch.delenv(name, raising=False)  # the setup cell sets them
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.delenv("PYTHONPATH", raising=False)  # no repository on the path
    nb = notebook(built_site["site"], stem)
    stored = [[o.text for o in c.outputs if o.output_type == "stream"]
              for c in code_cells(nb)]
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    ran = [[o.text for o in c.outputs
            if o.output_type == "stream" and o.name == "stdout"]
           for c in code_cells(nb)]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"
              and "raises-exception" not in c.metadata.get("tags", [])]  # not ex:error
    assert errors == []
    assert ["".join(r) for r in ran] == ["".join(s) for s in stored]
    stderr = "".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if o.output_type == "stream" and o.name == "stderr")
    for noise in ("cuInit", "NodeDef", "oneDNN custom operations", "cuda_"):
        assert noise not in stderr


def test_setup_cell_installs_what_is_missing_offline(built_site, tmp_path, monkeypatch):
    """koreanize_matplotlib이 없는 커널에서, 인터넷 없이 로컬 휠 폴더만 주어도 준비 셀이
    그것을 설치하고 노트북이 끝까지 도는지 확인한다(Colab 기본 환경에 없는 라이브러리)."""
    from nbclient import NotebookClient

    kernel = fresh_kernel_without(tmp_path, "koreanize-matplotlib")
    monkeypatch.setenv("JUPYTER_PATH", str(kernel["jupyter_path"]))
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # no network: only the local wheel
    monkeypatch.setenv("PIP_FIND_LINKS", str(kernel["wheels"]))
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    nb = notebook(built_site["site"], "neurons")
    assert "import koreanize_matplotlib" in "".join(c.source for c in code_cells(nb))
    NotebookClient(nb, timeout=300, kernel_name=kernel["name"],
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"
              and "raises-exception" not in c.metadata.get("tags", [])]  # not ex:error
    assert errors == []
    assert (kernel["site_packages"] / "koreanize_matplotlib" / "__init__.py").is_file()


def fresh_kernel_without(tmp_path, missing):
    """A Jupyter kernel in a new venv that sees this Python's packages except
    ``missing``, and a folder with a wheel of ``missing`` (what pip would
    download), made from its installed files."""
    import importlib.metadata
    import json
    import site
    import subprocess
    import sys
    import sysconfig
    import zipfile

    dist = importlib.metadata.distribution(missing)
    top = {f.parts[0] for f in dist.files}
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    name = dist.metadata["Name"].replace("-", "_")
    with zipfile.ZipFile(wheels / f"{name}-{dist.version}-py3-none-any.whl", "w") as whl:
        for file in dist.files:
            if "__pycache__" not in file.parts and file.name not in (
                    "INSTALLER", "REQUESTED", "direct_url.json"):
                whl.write(file.locate(), file.as_posix())
    shown = []  # this Python's site folders, each but the missing distribution
    sources = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                             *site.getsitepackages()])
    for number, source in enumerate(Path(s) for s in sources if Path(s).is_dir()):
        folder = tmp_path / f"site-packages-{number}"
        folder.mkdir()
        for entry in source.iterdir():
            if entry.name not in top:
                (folder / entry.name).symlink_to(entry)
        shown.append(str(folder))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    own = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    (own / "shown.pth").write_text(
        "".join(f"import site; site.addsitedir({folder!r})\n" for folder in shown))
    spec = tmp_path / "jupyter" / "kernels" / "fresh"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh venv", "language": "python"}))
    check = subprocess.run([python, "-c", f"import {name}"], capture_output=True)
    assert check.returncode != 0  # really missing there
    return {"name": "fresh", "jupyter_path": tmp_path / "jupyter", "wheels": wheels,
            "site_packages": own}


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
    assert set(ids[1:]) - {"이-노트북의-용어"} <= {slug(re.sub(r"[`*]", "", t), "-")
                                               for t in texts}
    assert len(text.encode()) < 600_000  # JupyterLab's inline CSS is gone
    assert "jp-Notebook" in text and 'class="jp-OutputArea' in text
    assert f'href="{stem}.ipynb" download' in text  # the download button
