"""Where the test suite's CPU time goes: run `pytest` and print the machine's
busy core-seconds, and the CPU of the processes the run started, by kind.

    python benchmarks/suite_cpu.py [PYTEST ARGS...]

It also prints how many times each real page's examples ran in the suite:
once, in the one shared build (tests/shared_build.py, whose log it keeps).

Linux only (it reads /proc). Every 0.2 s it reads the CPU time of each
process that was not there before the run, and keeps the last reading per
process; a process that lives less than 0.2 s, or its last 0.2 s, is missed,
so the kinds add up to a little less than the machine's busy time (the
"sampled" line says how much). Figures, not assertions: the suite's wall time
on 2 cores is limited by these core-seconds (2 cores give 300 of them in
150 s).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")

# (kind, pattern in the command line), first match wins
KINDS = [
    ("Chromium: page renderers", r"chrom\S* .*--type=renderer"),
    ("Chromium: browser, GPU and utility processes", r"chrom"),
    ("Playwright driver (node)", r"playwright|node"),
    ("notebook kernels (ipykernel)", r"ipykernel"),
    ("example runs (python -m sitebuild.run.runner, forked runs)", r"sitebuild\.run\.(runner|forkserver)"),
    ("playground exports (python -m sitebuild.playground)", r"sitebuild\.playground"),
    ("mkdocs build / serve processes", r"mkdocs"),
    ("pytest and its xdist workers (tests run in them)", r"pytest|execnet|sys\.stdin"),
]


def _busy() -> float:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / TICK  # all but idle and iowait


def _processes() -> dict[tuple[int, int], tuple[str, float]]:
    """(pid, start time) -> (command line, CPU seconds so far) of every process."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            cmd = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        found[(int(entry.name), int(fields[19]))] = (cmd, cpu)
    return found


def kind_of(cmd: str) -> str:
    for kind, pattern in KINDS:
        if re.search(pattern, cmd):
            return kind
    return "other python" if "python" in cmd else "other"


def main(args: list[str]) -> int:
    before = set(_processes())
    seen: dict[tuple[int, int], tuple[str, float]] = {}
    done = threading.Event()

    def sample():
        while not done.is_set():
            for key, (cmd, cpu) in _processes().items():
                if key not in before and key[0] != os.getpid():
                    seen[key] = (cmd or seen.get(key, ("", 0))[0], cpu)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    keep = Path(tempfile.mkdtemp(prefix="suite-shared-build-"))
    busy0, start = _busy(), time.perf_counter()
    sampler.start()
    code = subprocess.call([sys.executable, "-m", "pytest", "-q", *args], cwd=ROOT,
                           env=dict(os.environ, CI="true", NO_MKDOCS_2_WARNING="1",
                                    TESTS_SHARED_BUILD_KEEP=str(keep)))
    done.set()
    sampler.join()
    wall, busy = time.perf_counter() - start, _busy() - busy0
    by_kind: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for cmd, cpu in seen.values():
        by_kind[kind_of(cmd)] += cpu
        count[kind_of(cmd)] += 1
    sampled = sum(by_kind.values())
    print(f"\npytest exit status {code}; wall {wall:.0f} s on {os.cpu_count()} cores")
    print(f"machine busy: {busy:.0f} core-seconds ({busy / wall / os.cpu_count():.0%} "
          f"of the cores); sampled in the run's processes: {sampled:.0f} ({sampled / busy:.0%})")
    print(f"{'core-s':>7}  {'share':>5}  {'procs':>5}  kind")
    for kind, cpu in by_kind.most_common():
        print(f"{cpu:7.0f}  {cpu / sampled:5.0%}  {count[kind]:5d}  {kind}")
    log = keep / "build.log"
    runs = Counter(re.findall(r"running the examples of (\S+)",
                              log.read_text(encoding="utf-8") if log.is_file() else ""))
    print(f"\nthe real pages' examples ran in the suite's shared build "
          f"({'no shared build this run' if not log.is_file() else 'its log'}):")
    for page, times in sorted(runs.items()):
        print(f"{times:7d}  {page}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
