"""What the engine keeps of a run: per section, output, figures and warnings."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
from pathlib import Path

from sitebuild.environment import Platform
from sitebuild.figures import dark_name, frozen_name
from sitebuild.protocol import ExpectedError, RunFailure, WarningInfo

# The version of what a run produces, in the cache key instead of the build
# package's bytes. Bump it with any change that makes a run's results differ
# (what the runner records or how it saves figures, the house style, the
# run's environment); tests/test_results_format.py fails until you decide.
FORMAT = 7


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
    theme: str = ""  # theme_digest() of the code that made the dark figures


def code_digest(source: str | bytes) -> str:
    """Hash of a module's syntax tree without its docstrings: a comment or a
    docstring edit leaves it as it is, a change of code does not."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return sha256_bytes(_canonical(tree).encode())[:16]


def _canonical(node) -> str:
    """The tree as text, the same on every Python the project supports:
    ``ast.dump`` leaves out empty fields on 3.13 but not on 3.11, and 3.12 added
    an empty ``type_params`` to every function, so neither is shown here."""
    if isinstance(node, ast.AST):
        fields = (f"{name}={_canonical(value)}" for name in node._fields
                  if (value := getattr(node, name, None)) is not None and value != [])
        return f"{type(node).__name__}({', '.join(fields)})"
    if isinstance(node, list):
        return f"[{', '.join(map(_canonical, node))}]"
    return repr(node)


def theme_digest() -> str:
    """The code of sitebuild/figure_theme.py, which makes the dark figures:
    a result made with other code gets new dark figures, without a run."""
    return code_digest((Path(__file__).with_name("figure_theme.py")).read_bytes())


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The file's digest, read in pieces (a huge file is not held whole)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
