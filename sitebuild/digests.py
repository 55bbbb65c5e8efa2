"""The one rule for "has this code changed", and what each cache depends on.

A cache of the build is made anew when the code it was made with changed:
:func:`code_digest` (a module's code without comments and docstrings) of the
files :data:`DEPENDS` declares for it. A comment or a docstring edit makes
nothing again; prose that changes no result lives outside the folders a
cache depends on.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # sitebuild/


@dataclasses.dataclass(frozen=True)
class Depends:
    """Files of the package (a folder: every module in it), less ``exclude``."""
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def files(self, package: Path = PACKAGE) -> list[Path]:
        found = set()
        for name in self.include:
            path = package / name
            if path.is_dir():
                found |= set(path.rglob("*.py"))
            elif path.is_file():
                found.add(path)
            else:
                raise FileNotFoundError(f"sitebuild/{name}: declared in DEPENDS, but not there")
        return sorted(p for p in found if p.relative_to(package).as_posix() not in self.exclude)


# Every cache the build keeps, and the package code it is made with (its other
# inputs, such as the page's code or the installed libraries, are in its key).
DEPENDS: dict[str, Depends] = {
    # A page's results (output, figures, warnings, platform) and the
    # playground's export: the results lock is the whole run/ folder, less the
    # dark figures' theme, which re-themes the stored figures without a run.
    "results": Depends(("run",), exclude=("run/figure_theme.py",)),
    "dark figures": Depends(("run/figure_theme.py",)),
    # mkdocs-jupyter's notebook pages as mended for this site
    "mended notebook pages": Depends(("notebooks/mend.py",)),
    # the math font cut down to the site's characters
    "math font": Depends(("polish/math_font.py",)),
}


def of(cache: str, package: Path = PACKAGE) -> str:
    """The digest of the code ``cache`` depends on (:data:`DEPENDS`)."""
    parts = [f"{path.relative_to(package).as_posix()} {code_digest(path.read_bytes())}"
             for path in DEPENDS[cache].files(package)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def package(folder: Path = PACKAGE) -> dict[str, str]:
    """Every module of the package and its code digest ("unreadable" if it
    cannot be read or parsed): what serve compares to say "restart"."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        try:
            found[path.relative_to(folder).as_posix()] = code_digest(path.read_bytes())
        except (OSError, SyntaxError, ValueError):
            found[path.relative_to(folder).as_posix()] = "unreadable"
    return found


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
    return hashlib.sha256(_canonical(tree).encode()).hexdigest()[:16]


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
