"""Build a chapter's Jupyter notebook from its page and the engine's results.

The notebook holds the page's code blocks in page order (each block one code
cell: the included sections joined as pymdownx shows them), the page's
headings as Markdown cells between them, and a first cell naming the package
versions and how to install them. Each code cell carries the outputs the
engine captured when it ran that very code at build time (printed text and
figures as SVG), so the notebook matches the page without running twice.

Pure logic: tests import it; ``hooks/examples.py`` calls it.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from snippet_engine import Result, extract_section, item_key

FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING_RE = re.compile(
    r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*(?:\{[^}]*\})?[ \t]*$")
INCLUDE_RE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["'])(?P<module>[^"':]+):(?P<section>[\w-]+)\1""")
# Packages whose versions a reader needs to reproduce a chapter.
PINNED = ("tensorflow", "keras", "numpy", "scikit-learn", "matplotlib",
          "koreanize-matplotlib")


def page_blocks(markdown: str) -> list[tuple[str, object]]:
    """The page as ('heading', (level, text)) and ('code', body lines)."""
    blocks: list[tuple[str, object]] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        fence = FENCE_RE.match(lines[i])
        if fence:
            close = re.compile(rf"^[ \t]*{re.escape(fence['fence'][0])}{{{len(fence['fence'])},}}[ \t]*$")
            body = []
            i += 1
            while i < len(lines) and not close.match(lines[i]):
                body.append(lines[i])
                i += 1
            language = fence["info"].strip().split(" ")[0].lower()
            if language in ("python", "py") and any(map(INCLUDE_RE.match, body)):
                blocks.append(("code", body))
        else:
            heading = HEADING_RE.match(lines[i])
            if heading:
                blocks.append(("heading", (len(heading["hashes"]), heading["text"])))
        i += 1
    return blocks


def block_items(body: list[str]) -> list[tuple[str, str]]:
    return [(m["module"], m["section"]) for m in map(INCLUDE_RE.match, body) if m]


def cell_code(root: Path, body: list[str]) -> str:
    """A code block's text as the page shows it: includes expanded in place."""
    lines = []
    for line in body:
        match = INCLUDE_RE.match(line)
        if match:
            text = (root / match["module"]).read_text(encoding="utf-8")
            code = extract_section(match["module"], text, match["section"]).code
            lines.extend(code.rstrip("\n").split("\n"))
        else:
            lines.append(line)
    return "\n".join(lines).strip("\n")


def pins(requirements: Path) -> list[str]:
    """Exact pins (name==version) of the packages in PINNED."""
    found = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        name = line.split("==", 1)[0].strip()
        if "==" in line and name in PINNED:
            found.append(line)
    return found


def _outputs(result: Result, items: list[tuple[str, str]]) -> list:
    outputs = []
    for module, section in items:
        sec = result.sections[item_key(module, section)]
        if sec.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=sec.stdout))
        for fig in sec.figures:
            outputs.append(nbformat.v4.new_output(
                "display_data",
                data={"image/svg+xml": fig.path.read_text(encoding="utf-8"),
                      "text/plain": f"<Figure size {fig.width}x{fig.height}>"},
            ))
    return outputs


def build_notebook(root: Path, page_title: str, markdown: str, result: Result) -> nbformat.NotebookNode:
    """The notebook of one page, validated against nbformat 4."""
    env = result.environment
    install = " ".join(pins(root / "requirements.txt"))
    versions = ", ".join(f"{name} {env['versions'][name]}"  # fixed order: stable bytes
                         for name in PINNED if name in env["versions"])
    intro = (
        f"# {page_title}\n\n"
        "《핸즈온 머신러닝》 10장 학습 사이트의 같은 이름 페이지에 실린 코드를, 페이지와 같은 "
        "순서로 담은 노트북입니다. 위에서부터 차례로 실행하면 됩니다.\n\n"
        f"이 노트북과 출력은 {env['date']}에 Python {env['python']}, {versions}로 "
        "만들었습니다. 같은 버전을 설치하려면 다음 명령을 실행하세요"
        "(Colab에서는 앞에 `!`를 붙여 셀에서 실행합니다).\n\n"
        f"```\npip install {install}\n```"
    )
    cells = [nbformat.v4.new_markdown_cell(intro)]
    count = 0
    first_heading = True
    for kind, value in page_blocks(markdown):
        if kind == "heading":
            level, text = value
            if level == 1 and first_heading:
                first_heading = False
                continue  # the title is in the first cell
            cells.append(nbformat.v4.new_markdown_cell(f"{'#' * level} {text}"))
        else:
            count += 1
            cell = nbformat.v4.new_code_cell(cell_code(root, value), execution_count=count)
            cell.outputs = _outputs(result, block_items(value))
            cells.append(cell)
    for number, cell in enumerate(cells, start=1):
        cell.id = f"cell-{number}"  # stable ids: same page, same bytes
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3",
                       "language": "python"},
        "language_info": {"name": "python", "version": env["python"]},
    })
    nbformat.validate(notebook)
    return notebook
