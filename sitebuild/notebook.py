"""A chapter's Jupyter notebook, made from its page plan and its result.

The notebook holds the page's code blocks in page order (each block one code
cell, exactly as the page shows it), the page's headings as Markdown cells
between them, and a first cell naming the package versions and how to
install them. Each code cell carries the outputs the run captured for that
very code (printed text and SVG figures), so nothing runs twice.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from sitebuild.environment import LIBRARIES, pins
from sitebuild.page import CodeBlock, Heading, PagePlan
from sitebuild.results import PageResult


def build_notebook(plan: PagePlan, result: PageResult,
                   requirements: Path) -> nbformat.NotebookNode:
    """The notebook of one page, validated against nbformat 4."""
    env = result.environment
    install = " ".join(pins(requirements))
    versions = ", ".join(f"{name} {env['versions'][name]}"  # fixed order: stable bytes
                         for name in LIBRARIES if name in env["versions"])
    intro = (
        f"# {plan.title}\n\n"
        "《핸즈온 머신러닝》 10장 학습 사이트의 같은 이름 페이지에 실린 코드를, 페이지와 같은 "
        "순서로 담은 노트북입니다. 위에서부터 차례로 실행하면 됩니다.\n\n"
        f"이 노트북과 출력은 {env['date']}에 Python {env['python']}, {versions}로 "
        "만들었습니다. 같은 버전을 설치하려면 다음 명령을 실행하세요"
        "(Colab에서는 앞에 `!`를 붙여 셀에서 실행합니다).\n\n"
        f"```\npip install {install}\n```"
    )
    cells = [nbformat.v4.new_markdown_cell(intro)]
    count = 0
    parts: list[Heading | CodeBlock] = sorted(
        [*plan.headings, *plan.blocks], key=lambda part: part.line)
    title = next((h for h in plan.headings if h.level == 1), None)
    for part in parts:
        if isinstance(part, Heading):
            if part is not title:  # the title is in the first cell
                cells.append(nbformat.v4.new_markdown_cell(
                    f"{'#' * part.level} {part.text}"))
            continue
        count += 1
        cell = nbformat.v4.new_code_cell(part.code, execution_count=count)
        cell.outputs = _outputs(result, part)
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


def _outputs(result: PageResult, block: CodeBlock) -> list:
    outputs = []
    for section in block.sections:
        sec = result.sections.get(section.id)
        if sec is None:  # a failed run (mkdocs serve) stopped before it
            continue
        if sec.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout",
                                                  text=sec.stdout))
        if sec.stderr:
            outputs.append(nbformat.v4.new_output("stream", name="stderr",
                                                  text=sec.stderr))
        for fig in sec.figures:
            outputs.append(nbformat.v4.new_output(
                "display_data",
                data={"image/svg+xml": fig.path.read_text(encoding="utf-8"),
                      "text/plain": f"<Figure size {fig.width}x{fig.height}>"},
            ))
    return outputs
