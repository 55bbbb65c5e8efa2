"""Time the site build: cold, warm, after a prose edit, after a snippet edit.

    python benchmarks/build_times.py

Copies the project into a temporary folder (the real cache and site are not
touched), runs `mkdocs build` four times there and prints the wall times and
which snippet modules each build ran. Figures, not assertions.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import copy_project  # noqa: E402


def build(project: Path) -> tuple[float, list[str]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               EXAMPLES_CACHE_DIR=str(project / ".cache" / "examples"))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-d", str(project / "site")],
        cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(proc.stderr)
    ran = re.findall(r"ran the examples of (\S+) in ([\d.]+) s", proc.stderr)
    return seconds, [f"{page} {secs} s" for page, secs in ran]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        rows = [("cold", *build(project)), ("warm", *build(project))]

        page = next((project / "docs").glob("perceptron.md"))
        page.write_text(page.read_text(encoding="utf-8") + "\n추가한 문장입니다.\n",
                        encoding="utf-8")
        rows.append(("prose edit", *build(project)))

        snippet = project / "snippets" / "perceptron.py"
        snippet.write_text(snippet.read_text(encoding="utf-8") + "\n# edit\n",
                           encoding="utf-8")
        rows.append(("snippet edit", *build(project)))

    cold = rows[0][1]
    print(f"{'build':<14}{'seconds':>9}{'% of cold':>11}  pages whose examples ran")
    for name, seconds, ran in rows:
        print(f"{name:<14}{seconds:9.2f}{100 * seconds / cold:10.0f}%  "
              f"{', '.join(ran) or '-'}")


if __name__ == "__main__":
    main()
