"""Problems found while building, and the error that reports them together."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong, at ``where`` (``snippets/x.py:12`` or ``x.md:40``)."""

    where: str
    message: str
    details: str = ""  # e.g. a short traceback, shown under the message
    warning: bool = False  # logged as a warning: fails only a --strict build
    page: str = ""  # the page it belongs to, when it is not in ``where``

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text}\n{self.details.rstrip()}" if self.details else text


class BuildError(Exception):
    """Every problem of a build, reported in one message."""

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n\n".join(map(str, self.problems)))
