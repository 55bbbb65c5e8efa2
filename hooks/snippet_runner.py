"""Run the shown sections of one snippet module, as a reader would.

Started by ``snippet_engine.run_job`` in a process of its own, for one page::

    python hooks/snippet_runner.py --root ROOT --out DIR \
        snippets/x.py:SECTION [snippets/y.py:SECTION ...]

The sections run in the given (page) order in one fresh namespace, like
notebook cells.
For each section the runner keeps what it printed and every matplotlib figure
it opened (saved as byte-stable SVG into DIR). It writes ``result.json``, or
``error.json`` naming the file, line and section that failed, into DIR.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime
import importlib.metadata
import io
import json
import os
import platform
import re
import sys
import time
import traceback
import warnings
from pathlib import Path

from snippet_engine import ExampleError, extract_section

SVG_SALT = "handson-ml-ch10"
SVG_SIZE_RE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"')


def _setup_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    # A Hangul label drawn with a font that lacks it must fail, not show boxes.
    warnings.filterwarnings("error", message=r"(?s)Glyph \d+.*missing from")


def _house_style() -> None:
    import matplotlib as mpl

    mpl.rcParams.update({
        "svg.hashsalt": SVG_SALT,  # stable clip-path ids
        "svg.fonttype": "path",  # text as outlines: no font needed to view
        "figure.facecolor": "white",  # readable on light and dark pages
        "savefig.facecolor": "white",
    })


def _open_figures() -> list[int]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    return list(sys.modules["matplotlib.pyplot"].get_fignums())


def _save_figures(nums: list[int], out: Path, stem: str) -> list[dict]:
    import matplotlib.pyplot as plt

    saved = []
    for index, num in enumerate(nums, start=1):
        fig = plt.figure(num)
        _house_style()
        name = f"{stem}-{index}.svg"
        fig.savefig(out / name, format="svg", metadata={"Date": None},
                    bbox_inches="tight", pad_inches=0.1)
        plt.close(fig)
        head = (out / name).read_bytes()[:2000]
        size = SVG_SIZE_RE.search(head)
        width, height = (round(float(v) * 4 / 3) for v in size.groups())
        saved.append({"name": name, "width": width, "height": height})
    return saved


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _environment() -> dict:
    """Versions and device the page's outputs were produced with."""
    versions = {}
    for name in ("tensorflow", "keras", "numpy", "scikit-learn", "matplotlib"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    gpus = []
    if "tensorflow" in sys.modules:  # only a page that used TensorFlow
        tf = sys.modules["tensorflow"]
        for gpu in tf.config.list_physical_devices("GPU"):
            details = tf.config.experimental.get_device_details(gpu)
            gpus.append(details.get("device_name", gpu.name))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(
        int(epoch) if epoch else time.time(), datetime.timezone.utc)
    return {
        "python": platform.python_version(),
        "versions": versions,
        "used_tensorflow": "tensorflow" in sys.modules,
        "gpus": gpus,
        "cpu": _cpu_name(),
        "cpu_count": os.cpu_count(),
        "date": when.date().isoformat(),
    }


def _project_files(root: Path) -> list[str]:
    """Project source files imported so far (they join the cache key)."""
    found = set()
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        if root in path.parents and "site-packages" not in path.parts \
                and path.suffix == ".py" and path.parent.name != "hooks":
            found.add(path.relative_to(root).as_posix())
    return sorted(found)


def _error_lines(tb, filename: str) -> tuple[int | None, int | None]:
    """(innermost, outermost) line of the snippet file in a traceback."""
    lines = [lineno for frame, lineno in traceback.walk_tb(tb)
             if frame.f_code.co_filename == filename]
    return (lines[-1], lines[0]) if lines else (None, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("items", nargs="+", help="snippets/x.py:section")
    args = parser.parse_args(argv)
    root, out = Path(args.root).resolve(), Path(args.out)
    sys.path.insert(0, str(root))
    os.chdir(root)
    _setup_matplotlib()
    _house_style()
    progress = open(out / "progress.txt", "a", encoding="utf-8")

    texts: dict[str, str] = {}
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    results = {}
    for item in args.items:
        module, _, name = item.rpartition(":")
        filename = str(root / module)
        progress.write(item + "\n")
        progress.flush()
        before = set(_open_figures())
        buffer = io.StringIO()
        section = None
        try:
            if module not in texts:
                texts[module] = (root / module).read_text(encoding="utf-8")
            section = extract_section(module, texts[module], name)
            tree = ast.parse(section.code, filename=filename)
            ast.increment_lineno(tree, section.first_line - 1)
            code = compile(tree, filename, "exec")
            with contextlib.redirect_stdout(buffer):
                exec(code, namespace)
            _house_style()
            new = [n for n in _open_figures() if n not in before]
            figures = _save_figures(new, out, f"{Path(module).stem}-{name}")
        except BaseException as err:  # noqa: BLE001 - reported, then exit 1
            line = entry = None
            if isinstance(err, SyntaxError) and err.filename == filename \
                    and section is not None and err.lineno is not None:
                line = err.lineno + section.first_line - 1  # parsed before shifting
            elif not isinstance(err, ExampleError):
                line, entry = _error_lines(err.__traceback__, filename)
            tb = err.__traceback__
            if tb is not None and tb.tb_frame.f_code.co_filename == __file__:
                tb = tb.tb_next  # the runner's own frame is noise
            (out / "error.json").write_text(json.dumps({
                "file": module,
                "line": line,
                "entry_line": entry,
                "section": name,
                "type": type(err).__name__,
                "message": str(err),
                "traceback": "".join(traceback.format_exception(
                    type(err), err, tb, limit=-8)),
            }, ensure_ascii=False), encoding="utf-8")
            return 1
        results[item] = {"stdout": buffer.getvalue(), "figures": figures}

    (out / "result.json").write_text(json.dumps({
        "sections": results,
        "deps": [d for d in _project_files(root) if d not in texts],
        "environment": _environment(),
    }, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
