"""What the engine keeps of a run: per section, output, figures and warnings."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from sitebuild.run.environment import Platform
from sitebuild.run.figures import dark_name, frozen_name
from sitebuild.run.protocol import ExpectedError, RunFailure, WarningInfo

@dataclasses.dataclass(frozen=True)
class FigureFile:
    path: Path  # where the file is now (a cache entry, or the run's folder)
    name: str  # file name, e.g. perceptron-plot_usage-1.svg
    sha256: str
    width: int  # CSS pixels
    height: int
    dark_sha256: str  # the dark-palette version beside it (dark_path)
    frozen_sha256: str  # the pickled figure beside it, for a new dark one (frozen_path)

    @property
    def dark_name(self) -> str:
        return dark_name(self.name)

    @property
    def dark_path(self) -> Path:
        return self.path.with_name(self.dark_name)

    @property
    def frozen_name(self) -> str:
        return frozen_name(self.name)

    @property
    def frozen_path(self) -> Path:
        return self.path.with_name(self.frozen_name)

    def files(self) -> list[tuple[Path, str]]:
        """The three files (light, dark, frozen) with their digests."""
        return [(self.path, self.sha256), (self.dark_path, self.dark_sha256),
                (self.frozen_path, self.frozen_sha256)]


@dataclasses.dataclass(frozen=True)
class SectionResult:
    stdout: str
    figures: list[FigureFile]
    stderr: str = ""
    warnings: list[WarningInfo] = dataclasses.field(default_factory=list)
    # what a section marked ex:error raised or warned (protocol.ExpectedError)
    error: ExpectedError | None = None


@dataclasses.dataclass(frozen=True)
class PageResult:
    """The result of one page's run (fresh or from the cache)."""

    page: str
    sections: dict[str, SectionResult]  # section id -> result, page order
    deps: dict[str, str]  # project files the code imported -> sha256
    seconds: float
    cached: bool
    platform: Platform | None  # where the outputs were made; None: no reply
    failure: RunFailure | None = None  # set only for a failed run (never cached)
    theme: str = ""  # digests.of("dark figures") when the dark figures were made


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The file's digest, read in pieces (a huge file is not held whole)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
