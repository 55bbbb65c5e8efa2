"""Run the pages' sections, each page in a fresh process, through the cache.

:func:`build_results` takes the page plans and returns one
:class:`~sitebuild.run.results.PageResult` per page that shows code, from the
cache or from a new run (:func:`run_page`), with every problem found on the
way. A failed run is a result too (its ``failure`` is set, the sections that
finished keep their output), so ``mkdocs serve`` can show the error in the
page; ``mkdocs build`` turns the problems into one error.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild import digests
from sitebuild.run import figures, forkserver, protocol, runner
from sitebuild.run.keys import fingerprint, page_key
from sitebuild.run.cache import Cache
from sitebuild.problems import Problem
from sitebuild.run.results import FigureFile, PageResult, SectionResult, sha256_bytes, sha256_file
from sitebuild.store import mac

if TYPE_CHECKING:  # a plan is read by pages/, and run here
    from sitebuild.pages.plan import PagePlan

DEFAULT_TIMEOUT = 180.0
STOP_GRACE = 3.0  # seconds a stopped run has to clean up before it is killed
PROJECT = Path(__file__).resolve().parents[2]  # the folder that holds sitebuild/


class Runs:
    """The runs of one build session (one ``mkdocs build``, or a whole
    ``mkdocs serve``): its fork server, the runs in progress (stopped together
    on an interrupt) and the folder that keeps failed runs' figures.

    The example room owns one for its session; a caller that passes none to
    :func:`build_results` gets one for that call. The folder is removed when
    the process ends, however it ends (a janitor process waits on a pipe only
    the process holds); dropping this object removes nothing a result points to.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._running: dict[subprocess.Popen, Path] = {}
        self.server: forkserver.Server | None = None
        self._uncached: Path | None = None

    def server_for(self, env: dict[str, str], modules: list[str],
                   cwd: Path) -> forkserver.Server | None:
        """The fork server for runs with ``env``, started on first use and
        kept while what it holds from its start stays the same
        (:func:`forkserver.server_key`); None if it cannot start (run cold)."""
        with self._lock:
            server = self.server
            if server is not None and (not server.alive()
                                       or server.key != forkserver.server_key(env)):
                server.close()
                self.server = server = None
            if server is None:
                try:
                    self.server = server = forkserver.Server(env, modules, cwd)
                except OSError:
                    return None
            return server

    def started(self, proc: subprocess.Popen, out: Path) -> None:
        with self._lock:
            self._running[proc] = out

    def ended(self, proc: subprocess.Popen) -> None:
        with self._lock:
            self._running.pop(proc, None)

    def stop_all(self) -> None:
        with self._lock:
            live = list(self._running.items())
        for proc, out in live:
            _stop(proc, out)

    def close(self) -> None:
        """Stop every run and the fork server (failed runs' figures stay)."""
        self.stop_all()
        with self._lock:
            if self.server is not None:
                self.server.close()
                self.server = None

    def uncached_folder(self) -> Path:
        with self._lock:
            if self._uncached is None:
                self._uncached = Path(tempfile.mkdtemp(prefix="example-uncached-"))
                # The janitor removes the folder when this process ends, even
                # by kill -9: it reads a pipe whose only writer is this
                # process, left open (no object here closes it when dropped).
                read, write = os.pipe()
                subprocess.Popen(
                    [sys.executable, "-c", "import shutil, sys; sys.stdin.buffer.read(); "
                     "shutil.rmtree(sys.argv[1], ignore_errors=True)", str(self._uncached)],
                    stdin=read, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    start_new_session=True)
                os.close(read)
                os.set_inheritable(write, False)
            return self._uncached


def run_page(root: Path, plan: PagePlan, out: Path, timeout: float = DEFAULT_TIMEOUT,
             server: forkserver.Server | None = None, runs: Runs | None = None) -> PageResult:
    """Run a page's sections in a new process, writing figures into ``out``.

    The process is forked from ``server`` (warm: the heavy libraries are
    imported already) or, without one or if it fails, a fresh interpreter.
    A timeout or a crash becomes the result's ``failure``; child processes a
    section left behind are stopped when the run ends.
    """
    root, out = Path(root).resolve(), Path(out)
    runs = runs or Runs()
    env = child_env_vars(root)
    theme = digests.of("dark figures")  # the runner makes the dark figures with this code
    start = time.monotonic()
    proc = None
    if server is not None:
        _request(root, plan, out, server.pid)
        try:
            proc = server.spawn(out / "request.json", out / "stdout.txt",
                                out / "stderr.txt", root, env)
        except OSError:
            proc = None  # the server is gone: this run starts cold
    if proc is None:
        _request(root, plan, out, os.getpid())
        with open(out / "stdout.txt", "wb") as stdout, \
                open(out / "stderr.txt", "wb") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-m", "sitebuild.run.runner", str(out / "request.json")],
                cwd=root, env=env, stdin=subprocess.DEVNULL,
                stdout=stdout, stderr=stderr, start_new_session=True)
    runs.started(proc, out)
    try:
        proc.wait(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        _stop(proc, out)
        runs.ended(proc)
    seconds = round(time.monotonic() - start, 2)
    reply = None
    if not timed_out and (out / runner.REPLY).is_file():
        try:
            reply = protocol.read_reply(out / runner.REPLY)
        except protocol.ProtocolError as err:
            return _failed(plan, f"unusable reply: {err}", out, seconds)
    if reply is None:
        why = (f"timed out after {timeout:g} s" if timed_out else
               f"the run ended with status {proc.returncode} and no reply")
        return _failed(plan, why, out, seconds)
    sections = {o.section: SectionResult(
        o.stdout,
        [FigureFile(out / f.name, f.name, sha256_file(out / f.name), f.width, f.height,
                    sha256_file(out / figures.dark_name(f.name)),
                    sha256_file(out / figures.frozen_name(f.name))) for f in o.figures],
        o.stderr, list(o.warnings), o.error) for o in reply.outputs}
    deps = {dep: sha256_file(root / dep) for dep in sorted(reply.deps)}
    return PageResult(plan.page, sections, deps, seconds, False, reply.platform,
                      reply.failure, theme)


def build_results(root: Path, plans: list[PagePlan], cache: Cache,
                  timeout: float = DEFAULT_TIMEOUT, workers: int | None = None,
                  log=None, warm: bool | None = None, runs: Runs | None = None
                  ) -> tuple[dict[str, PageResult], list[Problem]]:
    """A result per page that shows code (page order), and the problems.

    Pages run in parallel, the longest (by its last run's seconds) first,
    forked from the fork server when ``warm`` (default: where
    :func:`sitebuild.run.forkserver.available`); an interrupt (Ctrl-C) stops
    every run at once. ``runs`` is the session's (its fork server is kept
    for the next call); without it, one is started and closed for this call.
    """
    root = Path(root).resolve()
    own = runs is None
    runs = runs or Runs()
    log = log or (lambda message: None)
    machine = fingerprint(root)  # what else can change a result
    results: dict[str, PageResult] = {}
    problems: list[Problem] = []
    to_run: list[tuple[PagePlan, dict]] = []
    to_theme: list[tuple[PageResult, dict]] = []
    theme = digests.of("dark figures")
    for plan in plans:
        if not plan.sections:
            continue
        key = page_key(root, plan, machine)
        cached, why = cache.load(root, plan.page, key)
        if cached is not None:
            results[plan.page] = cached
            if cached.theme != theme:
                to_theme.append((cached, key))
        else:
            log(f"running the examples of {plan.page} ({why})")
            to_run.append((plan, key))
    if to_theme:
        themed, theme_problems = retheme(root, to_theme, cache, theme, timeout, workers, runs)
        results.update(themed)
        problems += theme_problems
        log(f"made the dark figures of {len(themed)} page(s) anew "
            "(sitebuild/run/figure_theme.py changed), without running their examples")
    # Longest first: the last run's time, and pages never run before first of all.
    to_run.sort(key=lambda job: -_or_infinity(cache.last_seconds(job[0].page)))
    server = None
    if to_run and (forkserver.available() if warm is None else warm):
        modules = forkserver.preloads(
            {root / s.module for plan, _ in to_run for s in plan.sections})
        server = runs.server_for(child_env_vars(root), modules, root)
        if server is None:
            log("the fork server did not start: the examples start cold")
        elif not server.announced:
            server.announced = True
            log(f"fork server ready in {server.ready_seconds:.1f} s: the runs start "
                f"with {', '.join(server.modules) or 'nothing'} imported")

    def work(plan: PagePlan, key: dict) -> PageResult:
        with tempfile.TemporaryDirectory(prefix="example-run-",
                                         ignore_cleanup_errors=True) as out:
            fresh = run_page(root, plan, Path(out), timeout, server, runs)
            if fresh.failure is not None:
                return _detached(fresh, cache, plan.page, runs)
            try:
                return cache.store(key, fresh)
            except OSError as err:
                problems.append(Problem(str(cache.root), f"cannot write the cache: {err}"))
                return _detached(fresh, cache, plan.page, runs)

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1)
    try:
        futures = {pool.submit(work, plan, key): plan for plan, key in to_run}
        for future in concurrent.futures.as_completed(futures):
            result = future.result()
            results[result.page] = result
            if result.failure is None:
                log(f"ran the examples of {result.page} in {result.seconds:.1f} s")
    finally:
        runs.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        if own:
            runs.close()
    ordered = {p.page: results[p.page] for p in plans if p.page in results}
    for result in ordered.values():
        problems.extend(result_problems(result))
    return ordered, problems


def result_problems(result: PageResult) -> list[Problem]:
    """A failed run, and every warning a section raised, as problems."""
    found = []
    for sid, sec in result.sections.items():
        name = sid.rpartition(":")[2]
        for w in sec.warnings:
            where = f"{w.file}:{w.line}" if w.line else w.file
            found.append(Problem(where, f"{w.category}: {w.message} (section '{name}', "
                                        f"page {result.page})", warning=True, page=result.page))
        if sec.stderr.strip():
            found.append(Problem(sid, f"wrote to stderr (page {result.page}):",
                                 sec.stderr.strip()[-2000:], warning=True,
                                 page=result.page))
    failure = result.failure
    if failure is not None:
        caller = failure.section.rpartition(":")[0]
        via = "" if not failure.entry_line else (
            f", called from {caller}:{failure.entry_line}" if caller != failure.file
            else f", called from line {failure.entry_line}"
            if failure.entry_line != failure.line else "")
        found.append(Problem(
            failure.where,
            f"{failure.type}: {failure.message} (section "
            f"'{failure.section.rpartition(':')[2]}', page {result.page}{via})"
            + missing_package_notice(failure) + memory_notice(failure),
            failure.traceback, page=result.page))
    return found


def memory_notice(failure: protocol.RunFailure) -> str:
    """For a run that hit its memory ceiling: which, and how to change it."""
    if failure.type != "MemoryError":
        return ""
    from sitebuild.run.guard import memory_limit

    try:
        limit = f"{memory_limit() / (1 << 30):g} GiB"
    except ValueError:
        limit = "EXAMPLES_MEMORY"
    return (f"\n  The run may use at most {limit} of memory (EXAMPLES_MEMORY, "
            "e.g. EXAMPLES_MEMORY=12G).")


def missing_package_notice(failure: protocol.RunFailure) -> str:
    """For an example that imports a package this Python does not have: which
    one, and the command that installs what the project declares."""
    found = re.fullmatch(r"No module named '([^']+)'", failure.message)
    if failure.type != "ModuleNotFoundError" or not found:
        return ""
    top = found[1].split(".")[0]
    if top in ("snippets", "sitebuild"):  # the project's own modules: a typo, not a package
        return ""
    return (f"\n  The package that provides '{top}' is not installed in this Python "
            f"({sys.executable}). Install the project's packages with: "
            f"pip install -r requirements.txt")


def retheme(root: Path, stale: list[tuple[PageResult, dict]], cache: Cache, theme: str,
            timeout: float = DEFAULT_TIMEOUT, workers: int | None = None,
            runs: Runs | None = None) -> tuple[dict[str, PageResult], list[Problem]]:
    """New dark figures for cached results whose dark figures were made by
    other theme code, from their frozen figures: no example runs.

    The figures are split over up to ``workers`` processes of
    ``python -m sitebuild.run.figure_theme`` (each imports matplotlib once). A page
    whose figures all succeed is stored with ``theme``; a failure is a problem
    that names the figure, and its page keeps no stale dark figure unnoticed.
    """
    themed: dict[str, PageResult] = {}
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="example-theme-") as tmp:
        jobs, pages = [], {}  # [frozen, dark] path pairs; frozen path -> page
        for result, _key in stale:
            folder = Path(tmp) / cache.entry_dir(result.page).name
            folder.mkdir()
            for sec in result.sections.values():
                for fig in sec.figures:
                    for path in (fig.path, fig.frozen_path):
                        shutil.copyfile(path, folder / path.name)
                    frozen = (folder / fig.frozen_name).read_bytes()
                    # the signed entry's digest, checked again on the copy;
                    # figure_theme unpickles only what carries this user's MAC
                    sign = mac(frozen) if sha256_bytes(frozen) == fig.frozen_sha256 else ""
                    jobs.append([str(folder / fig.frozen_name), str(folder / fig.dark_name),
                                 sign])
                    pages[jobs[-1][0]] = result.page
        count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        failed: dict[str, list[str]] = {}  # page -> what went wrong
        procs = []
        for index in range(count):
            chunk = Path(tmp) / f"jobs-{index}.json"
            chunk.write_text(json.dumps(jobs[index::count]), encoding="utf-8")
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "sitebuild.run.figure_theme", str(chunk)],
                cwd=root, env=child_env_vars(root), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True))
        deadline = time.monotonic() + timeout
        for index, proc in enumerate(procs):
            try:
                _, err = proc.communicate(timeout=max(0.0, deadline - time.monotonic()))
                why = err.decode(errors="replace").strip()
            except subprocess.TimeoutExpired:
                why = f"timed out after {timeout:g} s"
            finally:
                _kill_group(proc)
            if proc.returncode == 0:
                continue
            # one line per failed figure (figure_theme.main); else the whole chunk
            named = {line.partition(":")[0]: line for line in why.splitlines()}
            whole = why[-2000:] or f"ended with status {proc.returncode}"
            for frozen, dark, _ in jobs[index::count]:
                name = Path(frozen).name
                if name in named or not Path(dark).is_file():
                    failed.setdefault(pages[frozen], []).append(named.get(name, whole))
        for result, key in stale:
            if result.page in failed:
                problems.append(Problem(
                    "sitebuild/run/figure_theme.py",
                    f"cannot make the dark figures of page {result.page} anew",
                    "\n".join(dict.fromkeys(failed[result.page])), page=result.page))
                continue
            folder = Path(tmp) / cache.entry_dir(result.page).name
            sections = {sid: dataclasses.replace(sec, figures=[dataclasses.replace(
                fig, path=folder / fig.name,
                dark_sha256=sha256_file(folder / fig.dark_name)) for fig in sec.figures])
                for sid, sec in result.sections.items()}
            fresh = dataclasses.replace(result, sections=sections, theme=theme)
            try:
                themed[result.page] = dataclasses.replace(cache.store(key, fresh),
                                                          cached=True)
            except OSError as err:
                problems.append(Problem(str(cache.root), f"cannot write the cache: {err}"))
                themed[result.page] = _detached(fresh, cache, result.page, runs or Runs())
    return themed, problems


def child_env_vars(root: Path) -> dict[str, str]:
    """Environment of a run: quiet TensorFlow, fixed hashing."""
    env = dict(os.environ)
    paths = [str(root), str(PROJECT)]
    env.update({
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join(
            dict.fromkeys(paths + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))),
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "TF_ENABLE_ONEDNN_OPTS": "0",
    })
    return env


# Helper functions -----------------------------------------------------------


def _or_infinity(seconds: float | None) -> float:
    return float("inf") if seconds is None else seconds


def _request(root: Path, plan: PagePlan, out: Path, parent: int) -> None:
    """The run's request; ``parent`` is the process the run is a child of
    (the run stops if that one is gone)."""
    protocol.write(out / "request.json",
                   protocol.RunRequest(str(root), plan.page, plan.sections, str(out), parent,
                                       plan.expected_errors))


def _stop(proc: subprocess.Popen, out: Path, grace: float = STOP_GRACE) -> None:
    """End a run: SIGTERM lets the runner note its line and stop the processes
    its code started (sitebuild.run.guard); then its process group is killed."""
    if proc.poll() is None:
        try:
            (out / runner.STOP).touch()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=grace)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            pass
    _kill_group(proc)


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the process group a process leads (it and anything it started)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def _failed(plan: PagePlan, why: str, out: Path, seconds: float) -> PageResult:
    """A result for a run that gave no usable reply (timeout, crash)."""
    progress = out / runner.PROGRESS
    started = progress.read_text(encoding="utf-8").split() if progress.is_file() else []
    current = next((s for s in plan.sections if started and s.id == started[-1]),
                   plan.sections[0])
    stopped = out / runner.STOPPED  # "LINE MODULE" that was running, if the runner said
    line, module = current.first_line, current.module
    if stopped.is_file():
        number, _, named = stopped.read_text(encoding="utf-8").strip().partition(" ")
        line, module = int(number), named or module
    tail = (out / "stderr.txt").read_text(encoding="utf-8", errors="replace")[-2000:] \
        if (out / "stderr.txt").is_file() else ""
    failure = protocol.RunFailure(current.id, module, line, None, "RunError",
                                  why, tail)
    return PageResult(plan.page, {}, {}, seconds, False, None, failure)


def _detached(result: PageResult, cache: Cache, page: str, runs: Runs) -> PageResult:
    """A result kept outside the cache (a failed run): figures copied out of
    the run's folder into one folder per page, replaced on each build and
    removed when the process ends (:meth:`Runs.uncached_folder`)."""
    folder = runs.uncached_folder() / cache.entry_dir(page).name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sections = {}
    for sid, sec in result.sections.items():
        figures = []
        for fig in sec.figures:
            for path, _ in fig.files():
                shutil.copyfile(path, folder / path.name)
            figures.append(dataclasses.replace(fig, path=folder / fig.name))
        sections[sid] = dataclasses.replace(sec, figures=figures)
    return PageResult(result.page, sections, result.deps, result.seconds, False,
                      result.platform, result.failure)
