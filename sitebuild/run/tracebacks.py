"""Where in a page's code a run failed: sections compiled with their file's
line numbers, and an exception located at the innermost line of the run's
section modules (:func:`failure`)."""

from __future__ import annotations

import ast
import traceback
import warnings
from pathlib import Path

from sitebuild.run import protocol


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


def section_files(request: protocol.RunRequest) -> dict[str, str]:
    """The path each section module is compiled with -> the module's name."""
    root = Path(request.root).resolve()
    return {str(root / s.module): s.module for s in request.sections}


def failure(err: BaseException, section: protocol.Section, filename: str,
             files: dict[str, str]) -> protocol.RunFailure:
    """Located at the innermost line of the run's code (a function of an
    earlier section, maybe of another module, that the section called), with
    the section's own line that led there."""
    module, line, entry = section.module, None, None
    lines = snippet_lines(err, files)
    if lines:
        module, line = files[lines[-1][0]], lines[-1][1]
        own = [n for f, n in lines if f == filename]
        entry = None if isinstance(err, SyntaxError) and err.filename == filename \
            else (own[0] if own else None)
    tb = err.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename in _OWN_FILES:
        tb = tb.tb_next  # the runner's own frames are noise
    return protocol.RunFailure(
        section.id, module, line, entry, type(err).__name__, str(err),
        "".join(traceback.format_exception(type(err), err, tb, limit=-8)))


def expected_error(err: BaseException | None, warned: list[protocol.WarningInfo],
                   filename: str) -> protocol.ExpectedError:
    """What a section marked ex:error raised (``err``, or None) and warned,
    with the section's own line it raised at."""
    if err is None:
        return protocol.ExpectedError(warned, "", "", None)
    own = [n for f, n in snippet_lines(err, {filename}) if f == filename]
    return protocol.ExpectedError(warned, type(err).__name__, str(err),
                                  own[0] if own else None)


def warning_info(w: warnings.WarningMessage, root: Path) -> protocol.WarningInfo:
    path = Path(w.filename)
    try:
        name = path.resolve().relative_to(root).as_posix()
    except ValueError:
        name = w.filename
    return protocol.WarningInfo(w.category.__name__, str(w.message), name, w.lineno)


# The runner's frames at the top of every traceback
_OWN_FILES = {str(Path(__file__).with_name("runner.py")), __file__}
