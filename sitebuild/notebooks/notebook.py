"""A chapter's Jupyter notebook, made from its page plan and its result.

The notebook is the whole lesson (:mod:`sitebuild.notebooks.lesson`): the
page's prose, formulas, exercises and answers as Markdown cells, its code
blocks as code cells in page order, each carrying the outputs the run
captured for that very code (printed text and SVG figures), so nothing runs
twice. A first cell says when and with which versions the outputs were made,
and a setup cell installs, where one is missing, the libraries the page
imports (stock Colab lacks koreanize-matplotlib) and quiets TensorFlow's
C++ log before TensorFlow is imported.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata

import nbformat

from sitebuild.run.environment import INSTALLABLE, KERAS_STACK, Platform
from sitebuild.notebooks.lesson import Code, attachments, glossary_text, lesson_parts
from sitebuild.pages.plan import CodeBlock, PagePlan
from sitebuild.run.protocol import ExpectedError
from sitebuild.notebooks.mend import FOLDED
from sitebuild.run.results import PageResult

SETUP_TAG = "setup"  # the setup cell's tag (not a page code block)
# Jupyter's tag for a cell that raises on purpose: nbclient (and JupyterLab's
# "run all") goes on to the next cell.
RAISES_TAG = "raises-exception"


def build_notebook(plan: PagePlan, result: PageResult,
                   glossary: str = "", address: str = "") -> nbformat.NotebookNode:
    """The notebook of one page, validated against nbformat 4; ``address``,
    the page's full address where the site is published, is named in it."""
    platform = result.platform
    parts, figures = lesson_parts(plan, result, address)
    code = [p.block for p in parts if isinstance(p, Code)]
    needed = imported_libraries(code)
    cells = [nbformat.v4.new_markdown_cell(_intro(plan.title, platform, needed, address))]
    setup = nbformat.v4.new_code_cell(setup_code(needed, platform),
                                      metadata={"tags": [SETUP_TAG]})
    cells.append(setup)
    count = 0
    for part in parts:
        if isinstance(part, Code):
            count += 1
            cell = nbformat.v4.new_code_cell(part.block.code, execution_count=count)
            if part.hidden:  # folded as on the page: JupyterLab's key, then Colab's
                cell.metadata["jupyter"] = {"source_hidden": True}
                cell.metadata["cellView"] = "form"
            cell.outputs = _outputs(result, part.block)
            if any(o.output_type == "error" for o in cell.outputs):
                cell.metadata["tags"] = [RAISES_TAG]
        else:
            cell = nbformat.v4.new_markdown_cell(part.text)
            found = attachments(part.text, figures)
            if found:
                cell.attachments = found
        cells.append(cell)
    terms = glossary_text(plan.source, glossary)
    if terms:
        cells.append(nbformat.v4.new_markdown_cell(terms))
    for number, cell in enumerate(cells, start=1):
        # stable ids (same page, same bytes); the notebook page folds "-folded"
        # cells again (sitebuild.notebooks.mend), as mkdocs-jupyter drops metadata
        folded = cell.metadata.get("jupyter", {}).get("source_hidden")
        cell.id = f"cell-{number}{FOLDED if folded else ''}"
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3",
                       "language": "python"},
        "language_info": {"name": "python", "version": platform.python},
    })
    nbformat.validate(notebook)
    return notebook


def imported_libraries(blocks: list[CodeBlock]) -> dict[str, str]:
    """Import name -> distribution, for the INSTALLABLE libraries the code imports.

    A page that imports Keras needs its TensorFlow backend too.
    """
    modules: set[str] = set()
    for block in blocks:
        try:
            tree = ast.parse(block.code)
        except SyntaxError:
            continue  # the run reports it with its line
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules |= {a.name.partition(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.partition(".")[0])
    names = _import_names()
    found = {dist: module for dist, tops in names.items() for module in tops
             if module in modules}
    if "keras" in found:
        found["tensorflow"] = "tensorflow"  # Keras's backend (same import name)
    return {found[d]: d for d in INSTALLABLE if d in found}  # INSTALLABLE order


@functools.lru_cache(maxsize=1)
def _import_names() -> dict[str, frozenset[str]]:
    """Distribution -> the top-level modules it installs, for the INSTALLABLE.

    Read from each one's metadata (``top_level.txt``, or the folders and
    modules its file list names), not from ``packages_distributions()``,
    which reads every installed distribution (1.5 s here).
    """
    found = {}
    for dist in INSTALLABLE:
        try:
            meta = importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
        listed = (meta.read_text("top_level.txt") or "").split()
        if not listed:
            listed = {f.parts[0].removesuffix(".py") for f in meta.files or ()
                      if len(f.parts) > 1 or f.suffix == ".py"}
        found[dist] = frozenset(n for n in listed
                                if n.isidentifier() and not n.startswith("_"))
    return found


def setup_code(needed: dict[str, str], platform: Platform) -> str:
    """The first code cell: install what is missing, pinned to the build's versions."""
    pins = "\n".join(f'    "{module}": "{dist}=={platform.versions[dist]}",'
                      for module, dist in needed.items() if dist in platform.versions)
    lines = ["# 준비 셀: 없는 라이브러리만 설치합니다.",
             "# (이미 있는 것은 버전이 달라도 그대로 씁니다.)",
             "import importlib", "import importlib.util"]
    if any(d in needed.values() for d in KERAS_STACK):
        lines += ["import os", "",
                  "# 텐서플로를 불러오기 전에: C++ 로그(cuInit 알림 등)를",
                  "# 숨기고, 빌드와 같은 계산 경로(oneDNN 끔)를 씁니다.",
                  'os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")',
                  'os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")']
    lines += ["", f"# 이 노트북의 출력은 {platform.date}에 아래 버전으로 만들었습니다.",
              "REQUIRED = {  # import 이름: 출력을 만든 버전", pins, "}",
              "missing = [pin for module, pin in REQUIRED.items()",
              "           if importlib.util.find_spec(module) is None]",
              "if missing:",
              '    %pip install --quiet {" ".join(missing)}',
              "    importlib.invalidate_caches()"]
    return "\n".join(lines)


def _intro(title: str, platform: Platform, needed: dict[str, str], address: str = "") -> str:
    versions = ", ".join(f"{INSTALLABLE[d]} {platform.versions[d]}"
                         for d in needed.values() if d in platform.versions)
    page = f"같은 이름 페이지([{address}]({address}))" if address else "같은 이름 페이지"
    return (
        f"# {title}\n\n"
        f"《핸즈온 머신러닝》 10장 학습 사이트의 {page}를 통째로 옮긴 노트북입니다. "
        "본문과 식, 그림, 연습 문제와 답이 페이지와 같은 순서로 들어 있고, 코드 셀에 붙은 "
        "출력은 사이트를 빌드하면서 바로 그 코드를 실행해 얻은 것입니다.\n\n"
        "**실행하는 법**: 바로 아래 준비 셀부터 위에서 아래로 차례로 실행하세요. 준비 셀은 "
        "빠진 라이브러리만 설치하므로 Colab이나 새 가상 환경에서도 다른 준비가 필요 없습니다. "
        f"출력은 {platform.date}에 Python {platform.python}"
        + (f", {versions}" if versions else "") + "로 만들었습니다. "
        "빌드는 `PYTHONHASHSEED=0`과 `TF_ENABLE_ONEDNN_OPTS=0`으로 실행했습니다. 이 값이나 "
        "버전, 장치가 다르면 마지막 자리만이 아니라 훈련 결과(조기 종료가 멈춘 에포크 등)도 "
        "달라질 수 있습니다."
    )


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
        outputs += _error_outputs(sec.error)
    return outputs


def _error_outputs(error: ExpectedError | None) -> list:
    """A section marked ex:error: its warnings as Jupyter shows warnings (on
    stderr), its exception as an error output; one line each, as on the page."""
    if error is None:
        return []
    outputs = []
    if error.warnings:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text="".join(
            f"{w.category}: {w.message}\n" for w in error.warnings)))
    if error.raised:
        outputs.append(nbformat.v4.new_output(
            "error", ename=error.type, evalue=error.message,
            traceback=[error.exception]))
    return outputs
