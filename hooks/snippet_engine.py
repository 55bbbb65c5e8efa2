"""Build-time example engine: the pure logic behind ``hooks/examples.py``.

A page shows code from ``snippets/`` with pymdownx.snippets includes
(``--8<-- "snippets/perceptron.py:fit"``) and places what that code printed or
drew with HTML-comment markers::

    <!-- ex:output perceptron.py:fit -->
    <!-- ex:figure perceptron.py:plot 결정 경계를 보여 주는 그림 -->

For every snippet module the engine runs the sections a page shows, in page
order, in a fresh Python process (``snippet_runner.py``), exactly as a reader
would paste them into a notebook. Results are cached on disk; an entry is
reused only while the module, the project files it imported, the pinned
library versions and the engine itself are unchanged, and only after its
checksum and figure files have been verified.

Nothing here imports MkDocs, so tests can use it directly.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "snippet_runner.py"
ENGINE_VERSION = "1"
DEFAULT_TIMEOUT = 180.0

# The section marker syntax of pymdownx.snippets (see its RE_SNIPPET_SECTION).
SECTION_RE = re.compile(
    r"^(?P<pre>.*?)(?<!;)-{1,}8<-{1,}[ \t]+"
    r"\[[ \t]*(?P<type>start|end)[ \t]*:[ \t]*"
    r"(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]",
    re.I,
)
# An include line inside a page: --8<-- "snippets/x.py:section".
INCLUDE_RE = re.compile(
    r"""^[ \t]*(?<!;)-{1,}8<-{1,}[ \t]+(["'])(?P<spec>[^"'\n]+)\1[ \t]*$""",
    re.M,
)
# An engine marker: <!-- ex:KIND ARGS -->.
MARKER_RE = re.compile(r"<!--[ \t]*ex:(?P<kind>\S*)(?P<args>.*?)-->", re.S)
TARGET_RE = re.compile(
    r"^(?P<module>[\w./-]+\.py):(?P<section>[a-z][-_0-9a-z]*)"
    r"(?:#(?P<index>[1-9][0-9]*))?$",
    re.I,
)


class ExampleError(Exception):
    """A problem with an example; the message names the file and the cause."""


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Section:
    module: str  # path relative to the project root, e.g. snippets/x.py
    name: str
    first_line: int  # 1-based line of the first code line in the file
    code: str  # dedented, marker lines removed


def extract_section(module: str, text: str, name: str) -> Section:
    """Return section ``name`` of a snippet file, as pymdownx shows it."""
    lines = text.splitlines()
    body: list[str] = []
    first_line = 0
    state = "before"
    for number, line in enumerate(lines, start=1):
        match = SECTION_RE.match(line) if "8<-" in line else None
        if match and match["name"].lower() == name.lower():
            kind = match["type"].lower()
            if kind == "start" and state == "before":
                state = "inside"
                first_line = number + 1
            elif kind == "end" and state == "inside":
                state = "done"
                break
            elif kind == "end":
                raise ExampleError(
                    f"{module}:{number}: section '{name}' ends before it starts"
                )
            continue
        if match:  # another section's marker: not part of the code
            continue
        if state == "inside":
            body.append(line)
    if state == "before":
        raise ExampleError(f"{module}: no section '{name}'")
    if state == "inside":
        raise ExampleError(
            f"{module}:{first_line - 1}: section '{name}' is never closed "
            f"(add '# --8<-- [end:{name}]')"
        )
    code = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
    # Leading blank lines were stripped: keep line numbers true to the file.
    leading = len(body) - len("\n".join(body).lstrip("\n").split("\n"))
    return Section(module, name, first_line + leading, code)


def section_names(text: str) -> list[str]:
    """All section names a snippet file declares, in file order."""
    names: list[str] = []
    for line in text.splitlines():
        match = SECTION_RE.match(line) if "8<-" in line else None
        if match and match["type"].lower() == "start":
            if match["name"] not in names:
                names.append(match["name"])
    return names


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Marker:
    page: str
    line: int
    kind: str  # "output" or "figure"
    module: str  # relative to the project root
    section: str
    index: int | None  # figure number within the section, 1-based
    alt: str
    raw: str


@dataclasses.dataclass
class PagePlan:
    page: str
    includes: list[tuple[str, str]]  # (module, section) in page order
    markers: list[Marker]


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def scan_page(page: str, markdown: str, snippets_dir: str = "snippets") -> PagePlan:
    """Find the snippet includes and engine markers of one page."""
    includes: list[tuple[str, str]] = []
    for match in INCLUDE_RE.finditer(markdown):
        spec = match["spec"]
        line = _line_of(markdown, match.start())
        if not spec.startswith(snippets_dir + "/"):
            continue  # not an example (e.g. the glossary include)
        target = TARGET_RE.match(spec)
        if not target or target["index"]:
            raise ExampleError(
                f"{page}:{line}: include '{spec}' must name a section, like "
                f"'{snippets_dir}/perceptron.py:fit' (line numbers are not allowed)"
            )
        item = (target["module"], target["section"])
        if item in includes:
            raise ExampleError(
                f"{page}:{line}: section '{spec}' is included twice on this page"
            )
        includes.append(item)

    markers: list[Marker] = []
    for match in MARKER_RE.finditer(markdown):
        line = _line_of(markdown, match.start())
        kind, args = match["kind"], match["args"].strip()
        if kind not in ("output", "figure"):
            raise ExampleError(
                f"{page}:{line}: unknown marker 'ex:{kind}' "
                "(known: ex:output, ex:figure)"
            )
        target_text, _, alt = args.partition(" ")
        target = TARGET_RE.match(target_text)
        if not target:
            raise ExampleError(
                f"{page}:{line}: marker 'ex:{kind}' needs a target like "
                f"'perceptron.py:fit', got '{target_text}'"
            )
        alt = " ".join(alt.split())
        if kind == "figure" and not alt:
            raise ExampleError(
                f"{page}:{line}: figure marker '{target_text}' needs alt text "
                "that says what the figure shows"
            )
        if kind == "output" and (alt or target["index"]):
            raise ExampleError(
                f"{page}:{line}: output marker takes only 'module.py:section'"
            )
        module = f"{snippets_dir}/{target['module']}"
        markers.append(
            Marker(
                page, line, kind, module, target["section"],
                int(target["index"]) if target["index"] else None,
                alt, match.group(0),
            )
        )
        if (module, target["section"]) not in includes:
            raise ExampleError(
                f"{page}:{line}: marker refers to '{target_text}', but the page "
                f"does not include '--8<-- \"{module}:{target['section']}\"'"
            )
    return PagePlan(page, includes, markers)


@dataclasses.dataclass(frozen=True)
class Job:
    """One page's examples: the sections it shows, in page order.

    They run together, in one process, like a reader pasting the page's code
    blocks top to bottom into a notebook.
    """

    page: str
    items: tuple[tuple[str, str], ...]  # (module, section)

    @property
    def modules(self) -> list[str]:
        return sorted({module for module, _ in self.items})


def item_key(module: str, section: str) -> str:
    return f"{module}:{section}"


def plan_jobs(plans: list[PagePlan]) -> list[Job]:
    """One job per page that shows example code."""
    return [Job(plan.page, tuple(plan.includes)) for plan in plans if plan.includes]


# ---------------------------------------------------------------------------
# Results and cache
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FigureFile:
    path: Path  # where the file is now (cache entry)
    name: str  # file name, e.g. plot-1.svg
    sha256: str
    width: int  # CSS pixels
    height: int


@dataclasses.dataclass
class SectionResult:
    stdout: str
    figures: list[FigureFile]


@dataclasses.dataclass
class Result:
    job: Job
    sections: dict[str, SectionResult]  # "snippets/x.py:section" -> result
    deps: dict[str, str]  # project files the code imported -> sha256
    seconds: float
    cached: bool
    environment: dict  # versions, device and date the outputs were made with


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    return sha256_bytes(path.read_bytes())


def _requirement_names(requirements: Path) -> list[str]:
    names = []
    if requirements.is_file():
        for line in requirements.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(re.split(r"[\[=<>!~; ]", line, maxsplit=1)[0])
    return names


def environment_fingerprint(root: Path) -> str:
    """Hash of what, besides a module's own files, can change its results.

    The engine's own code, the Python version, requirements.txt and the
    versions actually installed for each requirement (read from package
    metadata, so nothing heavy is imported).
    """
    # SOURCE_DATE_EPOCH sets the date shown with the outputs.
    parts = [ENGINE_VERSION, sys.version, os.environ.get("SOURCE_DATE_EPOCH", "")]
    for path in (RUNNER, Path(__file__).resolve()):
        parts.append(sha256_file(path))
    requirements = root / "requirements.txt"
    if requirements.is_file():
        parts.append(sha256_file(requirements))
    for name in _requirement_names(requirements):
        try:
            parts.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return sha256_bytes("\n".join(parts).encode())


def job_key(root: Path, job: Job, env: str) -> dict:
    return {
        "page": job.page,
        "items": [item_key(*item) for item in job.items],
        "modules": {m: sha256_file(root / m) for m in job.modules},
        "environment": env,
    }


def _checksum(entry: dict) -> str:
    body = {k: v for k, v in entry.items() if k != "checksum"}
    return sha256_bytes(json.dumps(body, sort_keys=True, ensure_ascii=False).encode())


class Cache:
    """One folder per page under ``root`` (e.g. ``.cache/examples``)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def entry_dir(self, job: Job) -> Path:
        return self.root / job.page.removesuffix(".md").replace("/", "__")

    def load(self, project: Path, job: Job, key: dict) -> tuple[Result | None, str]:
        """Return (result, why) — result is None on a miss, with the reason."""
        folder = self.entry_dir(job)
        path = folder / "entry.json"
        if not path.is_file():
            return None, "not cached yet"
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("checksum") != _checksum(entry):
                return None, "cache entry is corrupt (checksum mismatch)"
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError) as err:
            return None, f"cache entry is unreadable ({type(err).__name__})"
        if entry["key"] != key:
            changed = [k for k in key if entry["key"].get(k) != key[k]]
            return None, "changed: " + ", ".join(changed)
        for dep, digest in entry["deps"].items():
            dep_path = project / dep
            if not dep_path.is_file() or sha256_file(dep_path) != digest:
                return None, f"changed: imported file {dep}"
        sections = {}
        for name, data in entry["sections"].items():
            figures = []
            for fig in data["figures"]:
                fig_path = folder / fig["name"]
                if not fig_path.is_file() or sha256_file(fig_path) != fig["sha256"]:
                    return None, f"cache entry is corrupt (figure {fig['name']})"
                figures.append(FigureFile(fig_path, fig["name"], fig["sha256"],
                                          fig["width"], fig["height"]))
            sections[name] = SectionResult(data["stdout"], figures)
        return Result(job, sections, entry["deps"], entry["seconds"], True,
                      entry["environment"]), "hit"

    def store(self, job: Job, key: dict, result: Result) -> Result:
        """Move a fresh result into the cache atomically and return it there."""
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root))
        sections_json = {}
        sections = {}
        for name, sec in result.sections.items():
            figs_json = []
            for fig in sec.figures:
                shutil.copyfile(fig.path, staging / fig.name)
                figs_json.append({"name": fig.name, "sha256": fig.sha256,
                                  "width": fig.width, "height": fig.height})
            sections_json[name] = {"stdout": sec.stdout, "figures": figs_json}
        entry = {"key": key, "deps": result.deps, "seconds": result.seconds,
                 "sections": sections_json, "environment": result.environment}
        entry["checksum"] = _checksum(entry)
        (staging / "entry.json").write_text(
            json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True),
            encoding="utf-8",
        )
        folder = self.entry_dir(job)
        old = None
        if folder.exists():
            old = folder.with_name(folder.name + f".old-{os.getpid()}")
            os.replace(folder, old)
        os.replace(staging, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        for name, sec in result.sections.items():
            sections[name] = SectionResult(sec.stdout, [
                dataclasses.replace(f, path=folder / f.name) for f in sec.figures
            ])
        return dataclasses.replace(result, sections=sections, cached=False)


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def child_environment(root: Path) -> dict[str, str]:
    """Environment of a snippet process: quiet TensorFlow, fixed hashing."""
    env = dict(os.environ)
    env.update({
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join(
            [str(root)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        ),
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "TF_ENABLE_ONEDNN_OPTS": "0",
    })
    return env


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _location(root: Path, item: str) -> str:
    """'snippets/x.py:LINE (section NAME)' for an item's first line."""
    module, _, section = item.rpartition(":")
    try:
        text = (root / module).read_text(encoding="utf-8")
        line = extract_section(module, text, section).first_line
        return f"{module}:{line} (section '{section}'"
    except (OSError, ExampleError):
        return f"{module} (section '{section}'"


def _current_item(out: Path, job: Job) -> str:
    """The section the runner was executing (it logs each one it starts)."""
    progress = out / "progress.txt"
    names = progress.read_text(encoding="utf-8").split() if progress.is_file() else []
    return names[-1] if names else item_key(*job.items[0])


def run_job(root: Path, job: Job, out: Path, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Run a job's sections in a new process, writing figures into ``out``.

    Raise ExampleError naming the file, line and section on an exception, a
    timeout or a crash of the process.
    """
    root = Path(root).resolve()
    cmd = [sys.executable, str(RUNNER), "--root", str(root), "--out", str(out),
           *(item_key(*item) for item in job.items)]
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=root, env=child_environment(root), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise ExampleError(
            f"{_location(root, _current_item(out, job))}, page {job.page}): "
            f"timed out after {timeout:g} s"
        ) from None
    seconds = time.monotonic() - start
    error_file = out / "error.json"
    if error_file.is_file():
        err = json.loads(error_file.read_text(encoding="utf-8"))
        where = f"{err['file']}:{err['line']}" if err.get("line") else err["file"]
        called = err.get("entry_line")
        via = f"called from line {called}, " if called and called != err["line"] else ""
        raise ExampleError(
            f"{where} ({via}section '{err['section']}', page {job.page}): "
            f"{err['type']}: {err['message']}\n{err['traceback']}"
        )
    result_file = out / "result.json"
    if proc.returncode != 0 or not result_file.is_file():
        tail = stderr.decode("utf-8", "replace")[-2000:]
        raise ExampleError(
            f"{_location(root, _current_item(out, job))}, page {job.page}): the "
            f"example process exited with status {proc.returncode}\n{tail}"
        )
    data = json.loads(result_file.read_text(encoding="utf-8"))
    sections = {}
    for name in (item_key(*item) for item in job.items):
        sec = data["sections"][name]
        figs = [FigureFile(out / f["name"], f["name"], sha256_file(out / f["name"]),
                           f["width"], f["height"]) for f in sec["figures"]]
        sections[name] = SectionResult(sec["stdout"], figs)
    deps = {dep: sha256_file(root / dep) for dep in sorted(data["deps"])}
    return Result(job, sections, deps, round(seconds, 2), False, data["environment"])


def build_examples(
    root: Path,
    jobs: list[Job],
    cache: Cache,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
    log=None,
) -> dict[str, Result]:
    """Return a Result per page, from the cache or by running it.

    Pages run in parallel; every failure is collected and reported together.
    """
    root = Path(root).resolve()
    env = environment_fingerprint(root)
    results: dict[str, Result] = {}
    to_run: list[tuple[Job, dict]] = []
    for job in jobs:
        for module in job.modules:
            if not (root / module).is_file():
                raise ExampleError(f"{job.page}: snippet file {module} does not exist")
        key = job_key(root, job, env)
        cached, why = cache.load(root, job, key)
        if cached is not None:
            results[job.page] = cached
        else:
            if log:
                log(f"running the examples of {job.page} ({why})")
            to_run.append((job, key))

    def work(item):
        job, key = item
        with tempfile.TemporaryDirectory(prefix="example-run-") as out:
            fresh = run_job(root, job, Path(out), timeout)
            return cache.store(job, key, fresh)

    errors: list[str] = []
    workers = workers or max(1, os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, item): item[0] for item in to_run}
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except ExampleError as err:
                errors.append(str(err))
                continue
            results[job.page] = result
            if log:
                log(f"ran the examples of {job.page} in {result.seconds:.1f} s")
    if errors:
        raise ExampleError("\n\n".join(sorted(errors)))
    return {job.page: results[job.page] for job in jobs}  # page order, not finish order


# ---------------------------------------------------------------------------
# Placing results on pages
# ---------------------------------------------------------------------------


def check_markers(plans: list[PagePlan], results: dict[str, Result]) -> None:
    """Every marker points at something real; everything made has a place."""
    for plan in plans:
        if not plan.includes:
            continue
        result = results[plan.page]
        used: set[tuple[str, str, int]] = set()
        for m in plan.markers:
            item = item_key(m.module, m.section)
            sec = result.sections[item]
            where = f"{m.page}:{m.line}"
            if m.kind == "output":
                if not sec.stdout:
                    raise ExampleError(f"{where}: section '{item}' printed nothing")
                used.add(("output", item, 0))
                continue
            count, index = len(sec.figures), m.index or 1
            if count == 0:
                raise ExampleError(f"{where}: section '{item}' drew no figure")
            if m.index is None and count > 1:
                raise ExampleError(
                    f"{where}: section '{item}' drew {count} figures; "
                    f"name one as '{m.section}#N'"
                )
            if index > count:
                raise ExampleError(
                    f"{where}: section '{item}' drew only {count} figure(s), "
                    f"not #{index}"
                )
            used.add(("figure", item, index))
        for item, sec in result.sections.items():
            short = item.removeprefix("snippets/")
            if sec.stdout and ("output", item, 0) not in used:
                raise ExampleError(
                    f"{plan.page}: section '{item}' prints output that the page "
                    f"does not show (add <!-- ex:output {short} -->)"
                )
            for i in range(1, len(sec.figures) + 1):
                if ("figure", item, i) not in used:
                    raise ExampleError(
                        f"{plan.page}: figure {i} of '{item}' is not placed on "
                        f"the page (add <!-- ex:figure {short} ... -->)"
                    )


def figure_uri(page: str, fig: FigureFile) -> str:
    """Site path of a generated figure, e.g. figures/perceptron/plot-1.svg."""
    return f"figures/{page.removesuffix('.md')}/{fig.name}"


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render_markers(page: str, markdown: str, result: Result,
                   snippets_dir: str = "snippets") -> str:
    """Replace the engine markers of a (checked) page with outputs and figures."""
    page_dir = Path(page).parent

    def replace(match: re.Match) -> str:
        target_text, _, alt = match["args"].strip().partition(" ")
        target = TARGET_RE.match(target_text)
        sec = result.sections[item_key(f"{snippets_dir}/{target['module']}",
                                       target["section"])]
        if match["kind"] == "output":
            fence = _fence(sec.stdout)
            return f'{fence}text title="출력"\n{sec.stdout.rstrip()}\n{fence}'
        fig = sec.figures[int(target["index"] or 1) - 1]
        src = os.path.relpath(figure_uri(result.job.page, fig), page_dir or ".")
        alt = " ".join(alt.split()).replace("[", "(").replace("]", ")")
        return (f'![{alt}]({Path(src).as_posix()}){{ .ex-figure loading=lazy '
                f'width="{fig.width}" height="{fig.height}" }}')

    return MARKER_RE.sub(replace, markdown)


_LIBRARY_NAMES = {"tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy",
                  "scikit-learn": "scikit-learn", "matplotlib": "matplotlib"}


def environment_note(page: str, env: dict, report_page: str = "environment.md") -> str:
    """A small admonition saying how a page's outputs were produced."""
    shown = [n for n in _LIBRARY_NAMES
             if n in env["versions"] and (env["used_tensorflow"]
                                          or n not in ("tensorflow", "keras"))]
    libs = ", ".join(f"{_LIBRARY_NAMES[n]} {env['versions'][n]}" for n in shown)
    if env["gpus"]:
        device = "GPU(" + ", ".join(env["gpus"]) + ")"
    else:
        device = f"CPU({env['cpu']}, {env['cpu_count']}코어)"
    link = Path(os.path.relpath(report_page, Path(page).parent or ".")).as_posix()
    return (
        '\n\n!!! info "이 페이지의 출력을 만든 환경"\n\n'
        f"    이 페이지의 출력과 그림은 {env['date']}에 사이트를 빌드하면서 "
        f"{device}에서 Python {env['python']}, {libs}로 코드를 실행해 "
        f"얻었습니다. 내 컴퓨터의 환경은 [실행 환경]({link}) 페이지의 방법으로 "
        "확인할 수 있습니다. 라이브러리 버전이나 장치가 다르면 마지막 자리 숫자가 "
        "조금 다를 수 있습니다.\n"
    )
