"""One run: execute a page's sections in page order, as a reader would.

Started by :func:`sitebuild.run.engine.run_page` in a process of its own::

    python -m sitebuild.run.runner REQUEST.json

The sections run in one fresh ``__main__`` namespace, like notebook cells. For
each section the runner keeps what it printed (stdout and stderr apart), the
warnings it raised (with file and line) and every matplotlib figure it opened,
saved as byte-stable SVG. It writes a :class:`~sitebuild.run.protocol.RunReply`
into the request's ``out`` folder; an exception stops the run and is
reported, located in the snippet module, with the sections that finished.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
import os
import re
import shutil
import signal
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path

from sitebuild.run import environment, figures, guard, protocol, tracebacks

REPLY = "reply.json"
PROGRESS = "progress.txt"  # the id of each section as it starts
STOPPED = "stopped.txt"  # the snippet line that was running at SIGTERM
STOP = "stop"  # written by the engine before it sends SIGTERM
STOP_LINE_GRACE = 1.0  # seconds a stopped run has to say which line it was on
# What one section may print (stdout and stderr together): a teaching page
# shows a few screens, and every later stage is linear in it.
MAX_OUTPUT = 100_000
# C0 controls, DEL and C1 controls, except tab and newline
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    request = protocol.read_request(Path(argv[0]))
    if hasattr(os, "fork") and hasattr(signal, "sigtimedwait"):
        return _supervise(request)
    return _run(request)


def _supervise(request: protocol.RunRequest) -> int:
    """Fork the run and watch it from a process that runs no example code.

    This process (the one the engine started, or the fork server forked) is
    a child subreaper: every process the example starts, in a session of its
    own or not, stays below it. When the run ends, when the engine stops it
    (SIGTERM), or when its own parent is gone (``mkdocs`` killed, however),
    it asks the run for the line it is on, then kills everything below it,
    and if the build is gone removes the run's folder. The example can
    replace its signal handlers; it cannot replace this process's.
    """
    out = Path(request.out)
    guard.become_subreaper()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGCHLD})
    ask_r, ask_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the run
        os.close(ask_w)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGCHLD})
        exit_after(lambda: _run(request, ask_r))  # never returns
    os.close(ask_r)
    status, stopped, gone = None, False, False
    while status is None:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(raw)
            break
        gone = os.getppid() != request.parent
        if stopped or gone:
            break
        got = signal.sigtimedwait({signal.SIGTERM, signal.SIGCHLD}, 0.1)
        stopped = got is not None and got.si_signo == signal.SIGTERM
    if status is None:  # stopped, or the build is gone: the line, then the end
        try:
            os.write(ask_w, b"stop")
        except OSError:
            pass
        deadline = time.monotonic() + STOP_LINE_GRACE
        while status is None and time.monotonic() < deadline:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
            else:
                time.sleep(0.01)
    guard.stop_descendants()
    if gone or (stopped and not (out / STOP).exists()):  # nobody else removes it
        shutil.rmtree(out, ignore_errors=True)
    if status is None or stopped or gone:
        return 128 + signal.SIGTERM
    return status if status >= 0 else 128 - status


def exit_after(work) -> None:
    """In a forked child: end the process with ``work()``'s exit code, never
    returning into the parent's code (SystemExit's code; 1 and the traceback
    on stderr, which the engine reads, for any other exception)."""
    code = 1
    try:
        code = work()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - the engine reads stderr's tail
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _run(request: protocol.RunRequest, ask: int | None = None) -> int:
    """The run itself; ``ask``: the pipe on which its supervisor asks for the
    line that is running (then the run ends)."""
    root, out = Path(request.root).resolve(), Path(request.out)
    guard.limit_memory(guard.memory_limit())
    watch = guard.Guard(root, out)
    if ask is None:  # no supervisor (no fork): the run stops itself
        signal.signal(signal.SIGTERM, functools.partial(_stopped, request, watch))
        guard.adopt_orphans(request.parent)
    else:
        guard.adopt_orphans(os.getppid(), signal.SIGKILL)
        threading.Thread(target=_answer_stop, args=(request, watch, ask,
                                                    threading.main_thread().ident),
                         name="run-stop", daemon=True).start()
    sys.path.insert(0, str(root))
    os.chdir(root)
    figures.setup_matplotlib()
    sys.addaudithook(watch)
    already = set(sys.modules)  # a forked run's are the fork server's imports
    imported = environment.record_imports()
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    outputs: list[protocol.SectionOutput] = []
    failure = None
    expected = set(request.expect_error)
    progress = open(out / PROGRESS, "a", encoding="utf-8")
    for section in request.sections:
        progress.write(section.id + "\n")
        progress.flush()
        filename = str(root / section.module)
        before = set(figures.open_figures())
        stdout, stderr = _Capped.pair()
        raised = None  # the exception of a section marked ex:error
        try:
            code = tracebacks.compile_section(section, filename)
            with warnings.catch_warnings(record=True) as caught, \
                    contextlib.redirect_stdout(stdout), \
                    contextlib.redirect_stderr(stderr):
                watch.active, watch.refused = True, False
                try:
                    exec(code, namespace)
                except Exception as err:
                    # expected: recorded, and the next section runs; not what
                    # the guard refused (the project stays read-only)
                    if section.id not in expected or watch.refused:
                        raise
                    raised = err
                finally:
                    watch.active = False
            warned = [tracebacks.warning_info(w, root) for w in caught]
            error = None
            if section.id in expected and (raised is not None or warned):
                error = tracebacks.expected_error(raised, warned, filename)
                warned = []  # the expected message, not a warning of the build
            del raised
            stdout.check()
            _check_output(stdout.getvalue(), stderr.getvalue(), error.text if error else "")
            new = [n for n in figures.open_figures() if n not in before]
            saved = figures.save_figures(new, out, f"{Path(section.module).stem}-{section.name}")
        except BaseException as err:  # noqa: BLE001 - reported in the reply
            failure = tracebacks.failure(err, section, filename, tracebacks.section_files(request))
            break
        outputs.append(protocol.SectionOutput(
            section.id, stdout.getvalue(), stderr.getvalue(), saved, warned, error))
    if guard.stop_descendants() and outputs:
        last = outputs[-1]
        outputs[-1] = dataclasses.replace(last, warnings=[*last.warnings, protocol.WarningInfo(
            "ResourceWarning", "a process started by the example was still running "
            "when the run ended; it was stopped", last.section.rpartition(":")[0], 0)])
    modules = {s.module for s in request.sections}
    deps = set(_project_files(root)) | watch.read
    protocol.write(out / REPLY, protocol.RunReply(
        outputs, failure, deps=sorted(deps - modules),
        platform=environment.platform_of(imported, already)))
    return 1 if failure else 0


def _answer_stop(request: protocol.RunRequest, watch: guard.Guard, ask: int,
                 main: int) -> None:
    """In the run, on a thread of its own: when the supervisor asks (or is
    gone), record the snippet line the main thread is on and end the run.
    Unlike a signal handler, example code does not replace this."""
    try:
        os.read(ask, 16)
    except OSError:
        return  # the example closed the pipe: the supervisor kills the run anyway
    watch.active = False
    _note_line(request, sys._current_frames().get(main))
    os._exit(128 + signal.SIGTERM)


def _note_line(request: protocol.RunRequest, frame) -> None:
    """Write "LINE MODULE", the innermost line of the page's code in
    ``frame``'s stack, to the run's STOPPED file."""
    out = Path(request.out)
    files = tracebacks.section_files(request)
    lines = [(f.filename, f.lineno) for f in traceback.extract_stack(frame)
             if f.filename in files] if frame is not None else []
    try:
        if lines:
            (out / STOPPED).write_text(f"{lines[-1][1]} {files[lines[-1][0]]}\n",
                                       encoding="utf-8")
    except OSError:
        pass


def _stopped(request: protocol.RunRequest, watch: guard.Guard, signum, frame) -> None:
    """SIGTERM: the engine stops the run (it wrote STOP first), or the build
    process died (``PR_SET_PDEATHSIG``).

    Record the snippet line that was running, stop every process the code
    started, and leave. If the build is gone, nobody else removes ``out``.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # it may come once per thread
    watch.active = False
    out = Path(request.out)
    _note_line(request, frame)
    guard.stop_descendants()
    if not (out / STOP).exists():  # not the engine's stop: the build is gone
        shutil.rmtree(out, ignore_errors=True)
    os._exit(128 + signum)


# Helper functions -----------------------------------------------------------


class OutputError(Exception):
    """Output a page cannot show."""


class _Capped(io.StringIO):
    """A section's stdout or stderr, capped as it is written: past
    MAX_OUTPUT characters (both together) a write raises OutputError, and
    nothing more is kept, so a print flood never sits whole in memory."""

    def __init__(self, shared: list[int]):
        super().__init__()
        self.shared = shared  # [characters written to the pair, overflowed]

    @classmethod
    def pair(cls) -> tuple["_Capped", "_Capped"]:
        shared = [0, 0]
        return cls(shared), cls(shared)

    def write(self, text: str) -> int:
        if self.shared[1] or self.shared[0] + len(text) > MAX_OUTPUT:
            self.shared[1] = 1
            raise OutputError(self._message())
        self.shared[0] += len(text)
        return super().write(text)

    def check(self) -> None:
        """After the section: a flood the example caught still fails it."""
        if self.shared[1]:
            raise OutputError(self._message())

    @staticmethod
    def _message() -> str:
        return (f"the section printed more than {MAX_OUTPUT:,} characters; a page "
                f"shows at most {MAX_OUTPUT:,} per section")


def _check_output(stdout: str, stderr: str, error: str = "") -> None:
    """``error``: the expected error's text (a section marked ex:error)."""
    size = len(stdout) + len(stderr) + len(error)
    if size > MAX_OUTPUT:
        raise OutputError(f"the section printed {size:,} characters; a page shows at "
                          f"most {MAX_OUTPUT:,} per section")
    for name, text in (("stdout", stdout), ("stderr", stderr),
                       ("its expected error", error)):
        bad = CONTROL_RE.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            raise OutputError(f"the section wrote the control character "
                              f"{bad.group()!r} to {name} (output line {line}); "
                              "a page shows only text, tabs and newlines")


def _project_files(root: Path) -> list[str]:
    """Project source files imported so far (they join the cache key)."""
    found = set()
    package = Path(__file__).resolve().parents[1]  # sitebuild/
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
