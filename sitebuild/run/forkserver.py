"""Warm starts: runs forked from one process that has imported the heavy libraries.

Importing TensorFlow, Keras, scikit-learn and matplotlib costs seconds of CPU,
and every page's run paid it again. Instead the engine starts one *fork
server* per build process (once per ``mkdocs build``, once per ``mkdocs
serve``): ``python -m sitebuild.run.forkserver`` imports the heavy modules the
pages' snippet modules import (:func:`preloads`), then forks a child for each
run. The child is a run like a cold one: it starts a session of its own (the
engine kills its process group), takes the run's environment, working folder
and output files, and calls :func:`sitebuild.run.runner.main` in its own
``__main__`` namespace, with the guard, time limit and kill as before. The
server only imports, so no TensorFlow op (and no thread pool of its runtime)
exists before a fork: every child starts TensorFlow's runtime itself.

Where ``os.fork`` is missing or unsafe (Windows; macOS, where system
frameworks refuse a forked child) or ``EXAMPLES_WARM=0``, each run is a
fresh interpreter, as before (:func:`sitebuild.run.engine.run_page`).

The engine and the server speak lines of JSON over the server's stdin and
stdout: ``{"request", "stdout", "stderr", "cwd", "env"}`` in, ``{"pid": N}``
out, later ``{"exit": N, "status": S}`` when that child ends. The server
leaves when its stdin closes, so also when the build process dies however it
dies; a child whose server is gone gets SIGTERM (the runner's
``PR_SET_PDEATHSIG``) and stops as a run whose build is gone does. (The
server itself has no death signal: it would fire when the engine thread that
started it ends, not the build process.)
"""

from __future__ import annotations

import ast
import gc
import json
import os
import queue
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from sitebuild import digests

# Packages whose import is worth sharing and changes no state a page sees.
# (Not koreanize_matplotlib: importing it changes matplotlib's rcParams.)
HEAVY = ("numpy", "scipy", "pandas", "matplotlib", "sklearn", "tensorflow", "keras")
# Imported by every run, whatever its page imports (the runner sets up
# matplotlib before the first section: figures.setup_matplotlib); about a
# second of each run that draws nothing.
ALWAYS = ("matplotlib",)
START_TIMEOUT = 120.0  # seconds for the server to import and say it is ready
# Variables that the run reads only while it runs (not at interpreter start):
# a change of them needs no new server, the child takes the run's values.
RUN_TIME_VARIABLES = ("PYTHONPATH", "SOURCE_DATE_EPOCH")


def available() -> bool:
    """Whether runs may be forked here (Linux, and not switched off)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and os.environ.get("EXAMPLES_WARM", "1") != "0")


def preloads(files) -> list[str]:
    """The modules of :data:`HEAVY` packages that ``files`` import, anywhere
    in them (``import x.y``, ``from x.y import z``), and :data:`ALWAYS`, sorted."""
    found = set(ALWAYS)
    for path in files:
        try:
            tree = ast.parse(Path(path).read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue  # the run itself reports it
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found |= {n for n in names if n.partition(".")[0] in HEAVY}
    return sorted(found)


# The engine's side ------------------------------------------------------------


class ForkedRun:
    """A forked run, handled as the engine handles a ``subprocess.Popen``."""

    def __init__(self, server: "Server", pid: int):
        self.server, self.pid, self.returncode = server, pid, None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.server.status(self.pid)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if not self.server.alive():  # its parent is gone: it was killed with it
                self.returncode = -signal.SIGKILL
                break
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired(f"run {self.pid}", timeout)
            self.server.wait_for_exit(min(left, 0.5) if left is not None else 0.5)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Server:
    """One fork server process and the thread that reads what it says."""

    def __init__(self, env: dict[str, str], modules: list[str], cwd: Path):
        self.key = server_key(env)
        self.modules = list(modules)
        self.announced = False  # whether the engine has logged that it started
        start = time.monotonic()
        self._log = tempfile.TemporaryFile()  # the server's own stderr
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sitebuild.run.forkserver", *self.modules],
            cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._log, start_new_session=True)
        self.pid = self.proc.pid
        self._replies: queue.Queue = queue.Queue()  # answers to spawn(), in order
        self._exits: dict[int, int] = {}
        self._changed = threading.Condition()
        self._spawn_lock = threading.Lock()
        threading.Thread(target=self._read, name="forkserver-reader", daemon=True).start()
        ready = self._reply(START_TIMEOUT)
        if ready.get("ready") is not True:
            self.close()
            raise OSError(f"the fork server did not start: {ready.get('error') or self.tail()}")
        self.modules = ready["modules"]  # those that imported
        self.ready_seconds = time.monotonic() - start

    def alive(self) -> bool:
        return self.proc.poll() is None

    def spawn(self, request: Path, stdout: Path, stderr: Path, cwd: Path,
              env: dict[str, str]) -> ForkedRun:
        job = {"request": str(request), "stdout": str(stdout), "stderr": str(stderr),
               "cwd": str(cwd), "env": env}
        with self._spawn_lock:
            try:
                self.proc.stdin.write((json.dumps(job) + "\n").encode())
                self.proc.stdin.flush()
            except (OSError, ValueError) as err:
                raise OSError(f"the fork server is gone ({err}): {self.tail()}") from None
            reply = self._reply(30.0)
        if "pid" not in reply:
            raise OSError(f"the fork server could not fork: {reply.get('error') or self.tail()}")
        return ForkedRun(self, reply["pid"])

    def status(self, pid: int) -> int | None:
        with self._changed:
            return self._exits.get(pid)

    def wait_for_exit(self, timeout: float) -> None:
        with self._changed:
            self._changed.wait(timeout)

    def tail(self) -> str:
        try:
            self._log.seek(0)
            return self._log.read().decode(errors="replace").strip()[-2000:] or "no output"
        except (OSError, ValueError):
            return "no output"

    def close(self) -> None:
        """Stop the server (its children are runs the engine has stopped)."""
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self._log.close()

    def _reply(self, timeout: float) -> dict:
        try:
            return self._replies.get(timeout=timeout)
        except queue.Empty:
            return {"error": f"no answer in {timeout:g} s"}

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "exit" in message:
                with self._changed:
                    self._exits[message["exit"]] = message["status"]
                    self._changed.notify_all()
            else:
                self._replies.put(message)
        self._replies.put({"error": "the fork server ended"})
        with self._changed:
            self._changed.notify_all()


def server_key(env: dict[str, str]) -> tuple:
    """What a server holds from its start: the interpreter, the code of run/
    (it imported the runner) and the variables read at start (all but
    :data:`RUN_TIME_VARIABLES`)."""
    return (sys.executable, digests.of("results"),
            tuple(sorted((k, v) for k, v in env.items() if k not in RUN_TIME_VARIABLES)))


# The server's side ------------------------------------------------------------


def _send(message: dict) -> None:
    data = (json.dumps(message) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def serve(modules: list[str]) -> int:
    """Import ``modules``, then fork a run for each request line on stdin."""
    for name in modules:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - the run that imports it reports it
            traceback.print_exc()
    # The imported libraries' objects (about 400,000 with TensorFlow) are
    # never garbage: kept out of every collection in the forked runs, where
    # KerasTuner alone collects twice a trial (0.6-1.7 s each under load).
    gc.collect()
    gc.freeze()
    _send({"ready": True, "modules": [m for m in modules if m in sys.modules]})
    children: set[int] = set()
    buffer = b""
    while True:
        ready, _, _ = select.select([0], [], [], 0.02 if children else None)
        if ready:
            chunk = os.read(0, 65536)
            if not chunk:
                return 0  # the engine is gone
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                try:
                    job = json.loads(line)
                    pid = os.fork()
                except Exception as err:  # noqa: BLE001 - told to the engine
                    _send({"error": f"{type(err).__name__}: {err}"})
                    continue
                if pid == 0:
                    _child(job)  # never returns
                children.add(pid)
                _send({"pid": pid})
        for pid in list(children):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                children.discard(pid)
                _send({"exit": pid, "status": os.waitstatus_to_exitcode(status)})


def _child(job: dict) -> None:
    """In the forked child: become a run of its own, then run the request."""
    from sitebuild.run import runner

    runner.exit_after(lambda: _run_job(job, runner))  # never returns


def _run_job(job: dict, runner) -> int:
    os.setsid()
    for fd, path, flags in ((0, os.devnull, os.O_RDONLY),
                            (1, job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                            (2, job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
        opened = os.open(path, flags, 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    old_paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    os.environ.clear()
    os.environ.update(job["env"])
    os.chdir(job["cwd"])
    # sys.path as a cold `python -m` in cwd would have it: cwd, then
    # PYTHONPATH, then the interpreter's own entries.
    new_paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    rest = [p for p in sys.path[1:] if p not in old_paths]
    sys.path[:] = list(dict.fromkeys([job["cwd"], *new_paths, *rest]))
    sys.argv = [runner.__file__, job["request"]]
    return runner.main([job["request"]])


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
