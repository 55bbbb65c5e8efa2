"""What the engine and a run (``python -m sitebuild.run.runner``) say to each other.

The engine writes one :class:`RunRequest` as JSON and starts the runner with
its path; the runner writes one :class:`RunReply` beside it. Both carry
:data:`VERSION`: a reply of another version is refused, not half read.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sitebuild.run.environment import Platform

VERSION = 6


class ProtocolError(Exception):
    """A request or reply that is not what this version of the protocol says."""


def section_id(module: str, name: str) -> str:
    return f"{module}:{name}"


@dataclasses.dataclass(frozen=True)
class Section:
    """The code of one section, as the page shows it (read by sitebuild.pages.sections)."""

    module: str  # path relative to the project root, e.g. snippets/x.py
    name: str
    code: str  # the lines pymdownx shows, joined, ending with a newline
    lines: tuple[int, ...]  # the file line of each code line, 1-based

    @property
    def id(self) -> str:
        return section_id(self.module, self.name)

    @property
    def first_line(self) -> int:
        """The first non-blank code line's line in the file."""
        for text, line in zip(self.code.split("\n"), self.lines):
            if text.strip():
                return line
        return self.lines[0] if self.lines else 0


@dataclasses.dataclass(frozen=True)
class RunRequest:
    root: str  # the project root: cwd and sys.path[0] of the run
    page: str
    sections: list[Section]  # in page order
    out: str  # folder for figures and the reply
    parent: int  # the build process's pid: the run stops when it dies
    # sections marked ex:error: what they raise or warn is recorded, not a failure
    expect_error: list[str] = dataclasses.field(default_factory=list)
    version: int = VERSION


@dataclasses.dataclass(frozen=True)
class FigureInfo:
    name: str  # file name in ``out``, e.g. perceptron-plot_usage-1.svg
    width: int  # CSS pixels
    height: int
    # beside it: the dark variant and the frozen figure (sitebuild.run.figures names them)


@dataclasses.dataclass(frozen=True)
class WarningInfo:
    category: str  # e.g. UserWarning
    message: str
    file: str  # relative to the root when it is a project file
    line: int


@dataclasses.dataclass(frozen=True)
class ExpectedError:
    """What a section marked ex:error raised or warned: the message today's
    libraries give for code the page shows on purpose (a book's old line).

    Its warnings are not the section's :attr:`SectionOutput.warnings`: they
    are expected, so they do not fail a strict build.
    """

    warnings: list[WarningInfo]  # in the order they came
    type: str  # the exception's type, e.g. ValueError; "" if it only warned
    message: str  # str() of the exception
    line: int | None  # the section's line it raised at (its file's numbering)

    @property
    def raised(self) -> bool:
        return bool(self.type)

    @property
    def text(self) -> str:
        """What the page shows: each warning, then the exception, one a line."""
        lines = [f"{w.category}: {w.message}" for w in self.warnings]
        if self.raised:
            lines.append(self.exception)
        return "\n".join(lines)

    @property
    def exception(self) -> str:
        """The exception's last traceback line, as Python prints it."""
        return f"{self.type}: {self.message}" if self.message else self.type

    @classmethod
    def from_json(cls, data: dict) -> "ExpectedError":
        return cls(**{**data, "warnings": [WarningInfo(**w) for w in data["warnings"]]})


@dataclasses.dataclass(frozen=True)
class SectionOutput:
    section: str  # section id
    stdout: str
    stderr: str  # what Python code wrote to sys.stderr
    figures: list[FigureInfo]
    warnings: list[WarningInfo]
    # a section marked ex:error: what it raised or warned; None if neither
    # (the build reports that at the marker) or the section is not marked
    error: ExpectedError | None = None


@dataclasses.dataclass(frozen=True)
class RunFailure:
    """The exception that stopped a run, located in the snippet module."""

    section: str  # section id
    file: str
    line: int | None  # innermost line of the run's section modules
    entry_line: int | None  # the section's line that led there
    type: str
    message: str
    traceback: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclasses.dataclass(frozen=True)
class RunReply:
    outputs: list[SectionOutput]  # the sections that finished, in order
    failure: RunFailure | None
    deps: list[str]  # project files the code imported or read
    platform: Platform  # where it ran (runner.platform_of)
    version: int = VERSION


def write(path: Path, message: RunRequest | RunReply) -> None:
    path.write_text(json.dumps(dataclasses.asdict(message), ensure_ascii=False),
                    encoding="utf-8")


def read_request(path: Path) -> RunRequest:
    data = _read(path)
    return RunRequest(**{**data, "sections": [
        Section(**{**s, "lines": tuple(s["lines"])}) for s in data["sections"]]})


def read_reply(path: Path) -> RunReply:
    data = _read(path)
    try:
        return RunReply(
            outputs=[SectionOutput(**{
                **o, "figures": [FigureInfo(**f) for f in o["figures"]],
                "warnings": [WarningInfo(**w) for w in o["warnings"]],
                "error": ExpectedError.from_json(o["error"]) if o["error"] else None})
                for o in data["outputs"]],
            failure=RunFailure(**data["failure"]) if data["failure"] else None,
            deps=list(data["deps"]), platform=Platform.from_json(data["platform"]),
            version=data["version"])
    except (KeyError, TypeError, ValueError) as err:
        raise ProtocolError(f"{path}: malformed reply ({err})") from None


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ProtocolError(f"{path}: unreadable ({type(err).__name__}: {err})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        raise ProtocolError(f"{path}: protocol version {version!r}, expected {VERSION}")
    return data
