"""Time the site build: cold, warm, prose, snippet, theme and engine edits, serve.

    python benchmarks/build_times.py

Copies the project, its build package included, into a temporary folder (the
real cache and site are not touched; the builds import the copy's
``sitebuild`` through PYTHONPATH, so editing it there is safe) and runs
`mkdocs build` there: cold, warm, after a sentence added to a page, after a
comment added to a snippet module, after a colour changed in
``sitebuild/run/figure_theme.py`` and after a comment changed in
``sitebuild/run/engine.py``. It prints the wall times, the share of the cold
build and which pages' examples each build ran. Then it starts `mkdocs serve`
on the warm copy, edits a sentence of a page and times how long until the
served page shows it, and its notebook page (five edits, median); then the
same with `mkdocs serve --dirty`, which renders the notebook in a second build.

    python benchmarks/build_times.py --serve

times only the two serves, on a copy of the project and of its current cache.

The compute floor is the sum of the pages' run seconds in the cold build
(forked from the fork server, so without the heavy imports, which the server
did once), divided by the cores; the cold build is printed as a multiple of
it. Figures, not assertions.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import copy_project  # noqa: E402


def env(project: Path) -> dict:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project),
                EXAMPLES_CACHE_DIR=str(project / ".cache" / "examples"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"{path}: {old!r} is not there to edit")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(project: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-d", str(project / "site")],
        cwd=project, env=env(project), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(proc.stderr)
    ran = re.findall(r"ran the examples of (\S+) in ([\d.]+) s", proc.stderr)
    server = re.search(r"fork server ready in ([\d.]+) s", proc.stderr)
    notes = [f"{page} {secs} s" for page, secs in ran]
    if server:
        notes.insert(0, f"[fork server {server.group(1)} s]")
    return seconds, notes


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_prose_edits(project: Path, edits: int = 5, dirty: bool = True
                      ) -> tuple[list[float], list[float]]:
    """Seconds from saving a page to the served page showing the new text,
    and (``--dirty``: rendered by a follow-up build) to its notebook page
    showing it too; for :func:`main` and ``--serve``."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/perceptron/"
    notebook = f"http://127.0.0.1:{port}/notebooks/perceptron/"
    # serve's site folder (mkdocs_*), which SIGTERM leaves, goes with the copy
    scratch = project.parent / f"tmp-{'dirty' if dirty else 'full'}"
    scratch.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []),
         "-a", f"127.0.0.1:{port}"],
        cwd=project, env=dict(env(project), TMPDIR=str(scratch)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL, start_new_session=True)
    page = project / "docs" / "perceptron.md"
    times, notebook_times = [], []
    try:
        deadline = time.monotonic() + 300
        while "퍼셉트론" not in fetch(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        for n in range(edits):
            marker = f"서브 편집 {n} 번째 문장입니다 ({'dirty' if dirty else 'full'})."
            time.sleep(2)  # let the watcher settle after the last build
            page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n",
                            encoding="utf-8")
            start = time.perf_counter()
            for address, seconds in ((url, times), (notebook, notebook_times)):
                while marker not in fetch(address):
                    if time.perf_counter() - start > 120:
                        raise SystemExit(f"serve never showed the edit at {address}")
                    time.sleep(0.05)
                seconds.append(time.perf_counter() - start)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return times, notebook_times


def serve_report(project: Path) -> list[str]:
    """Lines on `mkdocs serve` and `mkdocs serve --dirty`: five prose edits each."""
    lines = []
    for dirty in (False, True):
        times, notebook = serve_prose_edits(project, dirty=dirty)
        name = "serve --dirty" if dirty else "serve"
        lines.append(f"{name}, prose edit to updated page: median "
                     f"{statistics.median(times):.2f} s (each: "
                     f"{', '.join(f'{s:.2f}' for s in times)}); its notebook page: "
                     f"median {statistics.median(notebook):.2f} s")
    return lines


def serve_only() -> None:
    """``--serve``: only the serve timings, on a copy of the project and of
    its warm cache (no cold build first)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        cache = ROOT / ".cache" / "examples"
        if cache.is_dir():
            shutil.copytree(cache, project / ".cache" / "examples")
        print("\n".join(serve_report(project)))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        rows = [("cold", *build(project)), ("warm", *build(project))]

        page = project / "docs" / "perceptron.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n추가한 문장입니다.\n",
                        encoding="utf-8")
        rows.append(("prose edit", *build(project)))

        snippet = project / "snippets" / "perceptron.py"
        snippet.write_text(snippet.read_text(encoding="utf-8") + "\n# edit\n",
                           encoding="utf-8")
        rows.append(("snippet edit", *build(project)))

        package = project / "sitebuild"
        edit(package / "run" / "figure_theme.py", 'INK = "#e3e5ea"', 'INK = "#e4e6eb"')
        rows.append(("theme edit", *build(project)))
        edit(package / "run" / "engine.py", "# seconds a stopped run has to clean up",
             "# how long a stopped run may take to clean up, in seconds;")
        rows.append(("engine comment", *build(project)))
        serve = serve_report(project)

    cold, ran = rows[0][1], rows[0][2]
    floor = sum(float(r.split()[1]) for r in ran if not r.startswith("[")) / (os.cpu_count() or 1)
    print(f"{'build':<16}{'seconds':>9}{'% of cold':>11}  pages whose examples ran")
    for name, seconds, pages in rows:
        print(f"{name:<16}{seconds:9.2f}{100 * seconds / cold:10.0f}%  "
              f"{', '.join(pages) or '-'}")
    print(f"compute floor: {floor:.2f} s (the cold build's page runs over "
          f"{os.cpu_count()} cores); cold build = {cold / floor:.2f} x the floor")
    print("\n".join(serve))


if __name__ == "__main__":
    serve_only() if sys.argv[1:] == ["--serve"] else main()
