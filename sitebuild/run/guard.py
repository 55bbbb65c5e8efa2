"""What a run may touch, and what it leaves behind (used by the runner).

- **The project is read-only to example code.** An audit hook (PEP 578)
  refuses, with a :class:`PermissionError` raised at the example's own line,
  opening a project file for writing and removing, renaming or creating one,
  and changing the working directory. Project files are those under the root
  that are not hidden (``.cache``, ``.venv``, ``.git``), not in the
  interpreter's prefix (a venv inside the project) and not in the run's
  ``out`` folder. Programs the code starts are not Python and escape the
  hook; the build (sitebuild.examples) compares the sources before and after the
  runs for them.
- **Files the code reads are recorded**, so that they join the cache key as
  imported modules do.
- **No process outlives the run.** The runner becomes a child subreaper
  (Linux ``prctl(PR_SET_CHILD_SUBREAPER)``): processes the code starts stay
  its descendants even when they start a session of their own, and
  :func:`stop_descendants` kills them all. The run's own handlers are not
  relied on (example code can replace them): the runner forks the run from a
  supervisor that runs no example code (:func:`sitebuild.run.runner._supervise`),
  a subreaper too, which kills everything below it when the run ends, when
  the engine stops it, or when its parent (the build, or the fork server that
  leaves with it) is gone, so a killed ``mkdocs`` leaves no process or run
  folder behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
# audit events that change the file system: (path argument, its dir_fd argument)
_CHANGES = {"os.remove": [(0, 1)], "os.rename": [(0, 2), (1, 3)], "os.mkdir": [(0, 2)],
            "os.rmdir": [(0, 1)], "shutil.rmtree": [(0, 1)], "os.symlink": [(1, 2)],
            "os.link": [(1, 3)], "os.truncate": [(0, None)], "os.chmod": [(0, 2)],
            "os.utime": [(0, 3)]}


class Guard:
    """The audit hook of one run: refuses changes, records reads."""

    def __init__(self, root: Path, out: Path):
        self.root = Path(root).resolve()
        self.out = Path(out).resolve()
        self.prefixes = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix,
                                                     sys.exec_prefix)}
        self.read: set[str] = set()  # project files opened for reading
        self.active = False  # only while example code runs
        # refused something since the runner last cleared it: the exception
        # it raised is a failure, even in a section marked ex:error
        self.refused = False

    def project_file(self, path, dir_fd: int | None = None) -> str | None:
        """The path relative to the root if it is a project file, else None.

        A relative path is relative to ``dir_fd`` when one is given (as
        shutil.rmtree does), else to the working directory.
        """
        if isinstance(path, int) or path is None:
            return None
        try:
            resolved = Path(os.fsdecode(path))
            base = Path(os.readlink(f"/proc/self/fd/{dir_fd}")) \
                if isinstance(dir_fd, int) and dir_fd >= 0 else Path.cwd()  # -1: none
            resolved = resolved if resolved.is_absolute() else base / resolved
            resolved = Path(os.path.normpath(resolved))
            rel = resolved.relative_to(self.root)
        except (ValueError, TypeError, OSError):
            return None
        if self.out == resolved or self.out in resolved.parents:
            return None
        if any(p == resolved or p in resolved.parents for p in self.prefixes):
            return None
        if not rel.parts or rel.parts[0].startswith("."):
            return None
        return rel.as_posix()

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open":
            path, mode, flags = args
            self._only_inside_snippets(path)
            writing = (any(c in mode for c in "wax+") if isinstance(mode, str)
                       else bool(flags & _WRITE_FLAGS))
            name = self.project_file(path)
            if writing and name is None:
                # os.open(path, dir_fd=...): the audit event does not say which
                # folder a relative path is relative to, so every open folder is
                name = self._relative_to_an_open_folder(path)
            if name is None:
                return
            if writing:
                self._refuse(f"write to the project file {name}")
            if os.path.isfile(self.root / name):
                self.read.add(name)
        elif event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple):  # AF_INET, AF_INET6 (not AF_UNIX)
                self._refuse(f"connect to {address[0]} port {address[1]}", "the build "
                             "runs offline (examples use only the data libraries ship)")
        elif event == "os.chdir":
            self._refuse(f"change the working directory to {os.fsdecode(args[0])}")
        elif event in _CHANGES:
            for index, fd_index in _CHANGES[event]:
                name = self.project_file(args[index],
                                         None if fd_index is None else args[fd_index])
                if name is not None:
                    self._refuse(f"change the project file {name} ({event})")

    def _relative_to_an_open_folder(self, path) -> str | None:
        """The project file a relative ``path`` names from any folder this
        process holds open (a possible ``dir_fd``), or None."""
        if not isinstance(path, (str, bytes)) or os.path.isabs(os.fsdecode(path)):
            return None
        try:
            fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
        except OSError:
            return None
        for fd in fds:
            try:
                if os.path.isdir(f"/proc/self/fd/{fd}"):
                    name = self.project_file(path, fd)
                    if name is not None:
                        return name
            except OSError:
                continue
        return None

    def _only_inside_snippets(self, path) -> None:
        """Refuse a file under ``snippets/`` that is a link to one outside it
        (an import of it would run code from outside the project)."""
        if not isinstance(path, (str, bytes)):
            return
        name = Path(os.path.normpath(os.path.join(os.getcwd(), os.fsdecode(path))))
        folder = self.root / "snippets"
        if folder in name.parents and folder not in name.resolve().parents:
            self._refuse(f"read {name.relative_to(self.root).as_posix()}, a link to "
                         f"{name.resolve()} outside the snippets folder")

    def _refuse(self, what: str, why: str = "the project is read-only to them") -> None:
        self.refused = True
        raise PermissionError(f"examples may not {what}: {why}")


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(option, value, 0, 0, 0) == 0


# The memory a run may hold (RLIMIT_DATA: heap and private mappings), unless
# EXAMPLES_MEMORY says otherwise: two runs at once stay well inside a 24 GB
# machine, and TensorFlow's import and the pages' training fit far below it.
DEFAULT_MEMORY = 8 << 30
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def memory_limit(value: str | None = None) -> int:
    """Bytes from ``EXAMPLES_MEMORY`` (``8G``, ``512M``, ``1073741824``);
    a ValueError says what is wrong."""
    value = os.environ.get("EXAMPLES_MEMORY") if value is None else value
    if value is None or not value.strip():
        return DEFAULT_MEMORY
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "")
    try:
        size = float(number) * _UNITS[unit]
    except ValueError:
        size = 0.0
    if not 1 << 20 <= size < float("inf"):
        raise ValueError(f"EXAMPLES_MEMORY must be a size like 8G or 512M (at least 1M), "
                         f"not {value!r}")
    return int(size)


def limit_memory(limit: int) -> None:
    """Cap the memory this process (the run) may take: an allocation past
    it fails (MemoryError) instead of taking the machine's memory."""
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # not Linux or macOS: no ceiling


def become_subreaper() -> bool:
    """Orphans below this process become its children, not init's."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def adopt_orphans(parent: int, death: int = signal.SIGTERM) -> None:
    """Keep every process the run starts a descendant; die with ``parent``.

    ``parent`` is the process the run is a child of (its supervisor, or the
    build): if it is already gone when the death signal is set up, the run
    gets ``death`` at once.
    """
    become_subreaper()
    _prctl(_PR_SET_PDEATHSIG, death)
    if os.getppid() != parent:
        os.kill(os.getpid(), death)


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` (from /proc; [] elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":  # a zombie is dead already
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_descendants(seconds: float = 2.0) -> int:
    """Kill every process below this one and reap them; how many were alive."""
    me = os.getpid()
    alive = descendants(me)
    count = len(alive)
    deadline = time.monotonic() + seconds
    while alive and time.monotonic() < deadline:
        for pid in alive:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        _reap()
        time.sleep(0.01)
        alive = descendants(me)
    _reap()
    return count


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
