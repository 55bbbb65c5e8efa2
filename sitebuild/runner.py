"""One run: execute a page's sections in page order, as a reader would.

Started by :func:`sitebuild.engine.run_page` in a process of its own::

    python -m sitebuild.runner REQUEST.json

The sections run in one fresh ``__main__`` namespace, like notebook cells. For
each section the runner keeps what it printed (stdout and stderr apart), the
warnings it raised (with file and line) and every matplotlib figure it opened,
saved as byte-stable SVG. It writes a :class:`~sitebuild.protocol.RunReply`
into the request's ``out`` folder; an exception stops the run and is
reported, located in the snippet file, with the sections that finished.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import dataclasses
import datetime
import functools
import importlib.metadata
import io
import os
import platform
import re
import shutil
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path

from sitebuild import guard, protocol
from sitebuild.environment import INSTALLABLE

SVG_SALT = "handson-ml-ch10"
REPLY = "reply.json"
PROGRESS = "progress.txt"  # the id of each section as it starts
STOPPED = "stopped.txt"  # the snippet line that was running at SIGTERM
STOP = "stop"  # written by the engine before it sends SIGTERM
# What one section may print (stdout and stderr together): a teaching page
# shows a few screens, and every later stage is linear in it.
MAX_OUTPUT = 100_000
# How every figure is saved, light (here) and dark (sitebuild.figure_theme)
SVG_OPTIONS = {"format": "svg", "metadata": {"Date": None}, "bbox_inches": "tight",
               "pad_inches": 0.1}
# A Hangul label drawn with a font that lacks it must fail, not show boxes.
GLYPH_MISSING = r"(?s)Glyph \d+.*missing from"
# C0 controls, DEL and C1 controls, except tab and newline
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    request = protocol.read_request(Path(argv[0]))
    root, out = Path(request.root).resolve(), Path(request.out)
    watch = guard.Guard(root, out)
    signal.signal(signal.SIGTERM, functools.partial(_stopped, request, watch))
    guard.adopt_orphans(request.parent)
    sys.path.insert(0, str(root))
    os.chdir(root)
    _setup_matplotlib()
    sys.addaudithook(watch)
    already = set(sys.modules)  # a forked run's are the fork server's imports
    imported = _record_imports()
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    outputs: list[protocol.SectionOutput] = []
    failure = None
    progress = open(out / PROGRESS, "a", encoding="utf-8")
    for section in request.sections:
        progress.write(section.id + "\n")
        progress.flush()
        filename = str(root / section.module)
        before = set(_open_figures())
        stdout, stderr = io.StringIO(), io.StringIO()
        try:
            code = compile_section(section, filename)
            with warnings.catch_warnings(record=True) as caught, \
                    contextlib.redirect_stdout(stdout), \
                    contextlib.redirect_stderr(stderr):
                watch.active = True
                try:
                    exec(code, namespace)
                finally:
                    watch.active = False
            _check_output(stdout.getvalue(), stderr.getvalue())
            new = [n for n in _open_figures() if n not in before]
            figures = _save_figures(new, out, f"{Path(section.module).stem}-{section.name}")
        except BaseException as err:  # noqa: BLE001 - reported in the reply
            failure = _failure(err, section, filename)
            break
        outputs.append(protocol.SectionOutput(
            section.id, stdout.getvalue(), stderr.getvalue(), figures,
            [_warning(w, root) for w in caught]))
    if guard.stop_descendants() and outputs:
        last = outputs[-1]
        outputs[-1] = dataclasses.replace(last, warnings=[*last.warnings, protocol.WarningInfo(
            "ResourceWarning", "a process started by the example was still running "
            "when the run ended; it was stopped", last.section.rpartition(":")[0], 0)])
    modules = {s.module for s in request.sections}
    deps = set(_project_files(root)) | watch.read
    protocol.write(out / REPLY, protocol.RunReply(
        outputs, failure, deps=sorted(deps - modules),
        environment=_environment(imported, already)))
    return 1 if failure else 0


def _stopped(request: protocol.RunRequest, watch: guard.Guard, signum, frame) -> None:
    """SIGTERM: the engine stops the run (it wrote STOP first), or the build
    process died (``PR_SET_PDEATHSIG``).

    Record the snippet line that was running, stop every process the code
    started, and leave. If the build is gone, nobody else removes ``out``.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # it may come once per thread
    watch.active = False
    out = Path(request.out)
    files = {str(Path(request.root).resolve() / s.module) for s in request.sections}
    lines = [(f.filename, f.lineno) for f in traceback.extract_stack(frame)
             if f.filename in files]
    try:
        if lines:
            (out / STOPPED).write_text(f"{lines[-1][1]}\n", encoding="utf-8")
    except OSError:
        pass
    guard.stop_descendants()
    if not (out / STOP).exists():  # not the engine's stop: the build is gone
        shutil.rmtree(out, ignore_errors=True)
    os._exit(128 + signum)


# Helper functions -----------------------------------------------------------


class OutputError(Exception):
    """Output a page cannot show."""


def _check_output(stdout: str, stderr: str) -> None:
    size = len(stdout) + len(stderr)
    if size > MAX_OUTPUT:
        raise OutputError(f"the section printed {size:,} characters; a page shows at "
                          f"most {MAX_OUTPUT:,} per section")
    for name, text in (("stdout", stdout), ("stderr", stderr)):
        bad = CONTROL_RE.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            raise OutputError(f"the section wrote the control character "
                              f"{bad.group()!r} to {name} (output line {line}); "
                              "a page shows only text, tabs and newlines")


def compile_section(section: protocol.Section, filename: str):
    """Compile a section so that its line numbers are the file's (also the
    line of a SyntaxError); ``filename`` names it in tracebacks."""
    try:
        tree = ast.parse(section.code, filename=filename)
    except SyntaxError as err:
        if err.lineno and err.lineno <= len(section.lines):
            err.lineno = section.lines[err.lineno - 1]
        raise
    for node in ast.walk(tree):
        for attr in ("lineno", "end_lineno"):
            value = getattr(node, attr, None)
            if value:
                setattr(node, attr, section.lines[min(value, len(section.lines)) - 1])
    return compile(tree, filename, "exec")


def snippet_lines(err: BaseException, filenames) -> list[tuple[str, int]]:
    """(file, line) of every traceback frame in ``filenames``, outermost
    first; for a SyntaxError in one of them, its own line."""
    if isinstance(err, SyntaxError) and err.filename in filenames:
        return [(err.filename, err.lineno)]
    return [(frame.f_code.co_filename, n) for frame, n in traceback.walk_tb(err.__traceback__)
            if frame.f_code.co_filename in filenames]


def _failure(err: BaseException, section: protocol.Section,
             filename: str) -> protocol.RunFailure:
    line = entry = None
    lines = [n for _, n in snippet_lines(err, {filename})]
    if lines:
        line = lines[-1]
        entry = None if isinstance(err, SyntaxError) and err.filename == filename else lines[0]
    tb = err.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next  # the runner's own frames are noise
    return protocol.RunFailure(
        section.id, section.module, line, entry, type(err).__name__, str(err),
        "".join(traceback.format_exception(type(err), err, tb, limit=-8)))


def _warning(w: warnings.WarningMessage, root: Path) -> protocol.WarningInfo:
    path = Path(w.filename)
    try:
        name = path.resolve().relative_to(root).as_posix()
    except ValueError:
        name = w.filename
    return protocol.WarningInfo(w.category.__name__, str(w.message), name, w.lineno)


def _setup_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    warnings.filterwarnings("error", message=GLYPH_MISSING)
    _house_style()


def _house_style() -> None:
    """The house style: rcParams, and on the figure about to be saved (the
    active one, in _save_figures) every text at least 9 CSS px where the
    reader sees it, a 328 px column on a 360 px phone, sub- and superscripts
    included (mathtext draws them at 0.7 of the text's size)."""
    import math

    import matplotlib as mpl
    from matplotlib import _pylab_helpers
    from matplotlib.text import Text

    mpl.rcParams.update({
        "svg.hashsalt": SVG_SALT,  # stable clip-path ids
        "svg.fonttype": "path",  # text as outlines: no font needed to view
        # figures are drawn about 5 in wide for the content column, so that
        # at a 360 px phone no text is below 9 CSS px
        "font.size": 11,
        "figure.facecolor": "white",  # readable on light and dark pages
        "savefig.facecolor": "white",
        # log axes label 10, 100, ... 10000 as numbers, not 10^4 (whose
        # exponent would be 0.7 of the tick size, under 9 CSS px)
        "axes.formatter.min_exponent": 5,
    })
    manager = _pylab_helpers.Gcf.get_active()
    if manager is None:
        return
    fig = manager.canvas.figure
    # the saved width: the tight box plus its padding (SVG_OPTIONS), 96 px/in
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    width_px = (box.width + 2 * SVG_OPTIONS["pad_inches"]) * 96
    px_per_pt = 4 / 3 * min(1.0, 328 / width_px)
    ticks = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for label in axis.get_ticklabels(which="both")}
    for text in fig.findobj(Text):
        string = text.get_text()
        if id(text) in ticks or not string.strip() or not text.get_visible():
            continue
        scripted = string.count("$") >= 2 and re.search(r"[_^]", string)
        needed = 9.05 / (px_per_pt * (0.7 if scripted else 1.0))
        if text.get_fontsize() < needed:
            text.set_fontsize(math.ceil(needed * 10) / 10)


def _open_figures() -> list[int]:
    if "matplotlib.pyplot" not in sys.modules:
        return []
    return list(sys.modules["matplotlib.pyplot"].get_fignums())


def _save_figures(nums: list[int], out: Path, stem: str) -> list[protocol.FigureInfo]:
    """Save each figure light, frozen (for the theme) and dark, then close it."""
    import matplotlib.pyplot as plt

    from sitebuild import figure_theme

    saved = []
    for index, num in enumerate(nums, start=1):
        fig = plt.figure(num)
        _house_style()
        name = f"{stem}-{index}.svg"
        fig.savefig(out / name, **SVG_OPTIONS)
        frozen = freeze(fig)
        plt.close(fig)
        (out / protocol.frozen_name(name)).write_bytes(frozen)
        # the dark variant from the frozen figure, as a later theme edit makes it
        (out / protocol.dark_name(name)).write_bytes(figure_theme.dark_svg(frozen))
        saved.append(protocol.FigureInfo(name, *protocol.svg_size((out / name).read_bytes())))
    return saved


def freeze(fig) -> bytes:
    """The figure as drawn, pickled with what its drawing reads from outside
    it: the rcParams (ticks and texts made at draw time take them) and the
    font files registered in this process (koreanize_matplotlib adds one).

    It lives here, beside thawing's counterpart in figure_theme, on purpose:
    what a run stores is the results format (a change here bumps FORMAT and
    re-runs the pages), while figure_theme's code decides only the colours (a
    change there re-themes the stored figures without a run)."""
    import pickle

    import matplotlib as mpl
    from matplotlib import font_manager

    rc = {k: v for k, v in mpl.rcParams.items() if k != "backend"}
    fonts = sorted({entry.fname for entry in font_manager.fontManager.ttflist})
    try:
        return pickle.dumps({"figure": fig, "rc": rc, "fonts": fonts}, protocol=5)
    except Exception as err:  # noqa: BLE001 - say what it is for
        raise TypeError(f"the figure cannot be pickled for its dark variant ({err}); "
                        "draw it without lambdas or open files in it") from err


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _record_imports() -> set[str]:
    """From now on, the top-level name of every absolute import statement
    (in the sections and in everything they call), gathered in the set."""
    names: set[str] = set()
    real = builtins.__import__

    def recording(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0:
            names.add(name.partition(".")[0])
        return real(name, globals, locals, fromlist, level)

    builtins.__import__ = recording
    return names


def _environment(imported: set[str], already: set[str]) -> dict:
    """Versions and device the page's outputs were produced with.

    The page used TensorFlow if it is loaded and the run imported it (or
    Keras) itself: a forked run finds it loaded by the fork server.
    """
    versions = {}
    for name in INSTALLABLE:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    used_tensorflow = "tensorflow" in sys.modules and (
        "tensorflow" not in already or bool(imported & {"tensorflow", "keras"}))
    gpus = []
    if used_tensorflow:  # only a page that used TensorFlow
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
        "used_tensorflow": used_tensorflow,
        "gpus": gpus,
        "cpu": _cpu_name(),
        "cpu_count": os.cpu_count(),
        "date": when.date().isoformat(),
    }


def _project_files(root: Path) -> list[str]:
    """Project source files imported so far (they join the cache key)."""
    found = set()
    package = Path(__file__).resolve().parent
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        if root in path.parents and "site-packages" not in path.parts \
                and path.suffix == ".py" and package not in path.parents:
            found.add(path.relative_to(root).as_posix())
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main())
