"""One cold strict build of the real project, shared by every test process.

The build starts in the background as soon as collection shows that a test
needs it, so the tests that do not need it run meanwhile. It runs once per
pytest run, also under pytest-xdist: the first process to claim the shared
folder starts it (``python -m tests.shared_build FOLDER``, in a session of its
own), every process waits for the result file it writes, and the first pytest
process stops it when the run ends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitebuild.store import write_atomic
from tests.helpers import ROOT, build_command, build_env, copy_project

FOLDER_ENV = "TESTS_SHARED_BUILD"  # set by the first pytest process, inherited
# Where the build keeps its examples' cache and its log after the run (.ci/run
# sets it: its strict build then runs no example again). Unset: inside FOLDER,
# removed with it.
KEEP_ENV = "TESTS_SHARED_BUILD_KEEP"
TIMEOUT = 900


def cache_folder(folder: Path) -> Path:
    keep = os.environ.get(KEEP_ENV)
    return Path(keep) / "cache" if keep else folder / "cache"


def start(folder: Path) -> bool:
    """Start the build unless a process already has; True if this one did."""
    try:
        (folder / "claimed").mkdir()
    except FileExistsError:
        return False
    proc = subprocess.Popen([sys.executable, "-m", "tests.shared_build", str(folder)],
                            cwd=ROOT, stdin=subprocess.DEVNULL, start_new_session=True)
    (folder / "claimed" / "pid").write_text(str(proc.pid), encoding="utf-8")
    return True


def stop(folder: Path) -> None:
    """Stop a build that is still running (its whole process group)."""
    pid_file = folder / "claimed" / "pid"
    if pid_file.is_file() and not (folder / "result.json").is_file():
        try:
            os.killpg(int(pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
        except ProcessLookupError:
            pass


def result(folder: Path) -> dict:
    """Wait for the build (starting it if nobody has) and return what it left."""
    start(folder)
    deadline = time.monotonic() + TIMEOUT + 120
    while not (folder / "result.json").is_file():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the shared build in {folder} never finished")
        time.sleep(0.2)
    done = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    return {"project": folder / "project", "site": folder / "site",
            "cache": cache_folder(folder), **done}


def _listing(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*"))


def main(folder: Path) -> None:
    project = copy_project(folder / "project")
    docs_before = _listing(project)
    try:
        proc = subprocess.run(build_command(project, folder / "site"), cwd=project,
                              env=build_env(cache_folder(folder)), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT)
        code, log = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired as err:
        code, log = "timed out", f"the build took more than {TIMEOUT} s\n{err.stderr}"
    done = {"returncode": code, "log": log, "docs_before": docs_before,
            "docs_after": _listing(project)}
    if os.environ.get(KEEP_ENV):
        (Path(os.environ[KEEP_ENV]) / "build.log").write_text(log, encoding="utf-8")
    write_atomic(folder / "result.json", json.dumps(done).encode("utf-8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
