"""Sections of snippet modules and include lines of pages, read by pymdownx.

Nothing here re-implements the snippet syntax: include lines are matched with
pymdownx.snippets' own ``RE_ALL_SNIPPETS`` and targets split with its
``parse_snippet_target``; a section's code is what its ``extract_section``
returns, nested includes expanded as its ``parse_snippets`` does. So the code
a run executes is, byte for byte, the code the page shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor

from sitebuild.problems import BuildError, Problem
from sitebuild.run.protocol import Section, section_id  # noqa: F401 - re-exported

SNIPPETS_DIR = "snippets"
# The one module outside snippets/ whose sections run: this package's own
# export of the playground's data, run after the pages' sections.
PLAYGROUND_EXPORT = Path(__file__).resolve().parents[1] / "playground" / "export.py"
# Appended to each line to learn which file line pymdownx kept (see _line_map).
_TAG = "\x00"


@dataclasses.dataclass(frozen=True)
class Include:
    """An include line of a page: ``--8<-- "snippets/x.py:fit"``."""

    path: str  # as written
    section: str | None  # None when the line names no section
    has_lines: bool  # line ranges (snippets/x.py:3:5), not allowed for code


class SnippetReader:
    """Reads sections the way the site's pymdownx.snippets does.

    It keeps the texts it has read: make a new one for each build.

    ``root`` is the project root (pymdownx's ``base_path``); the settings are
    those of mkdocs.yml: ``check_paths`` and ``dedent_subsections`` on.
    """

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={
            "pymdownx.snippets": {"base_path": [str(self.root)], "check_paths": True,
                                  "dedent_subsections": True}})
        self._pre: SnippetPreprocessor = md.preprocessors["snippet"]
        self._texts: dict[str, str] = {}

    # Page side ----------------------------------------------------------

    def include(self, line: str) -> Include | None:
        """The include a page line holds (an escaped ``;--8<--`` is text)."""
        match = self._pre.RE_ALL_SNIPPETS.match(line)
        if not match or match["escape"] or not match["inline_marker"]:
            return None
        target = self._pre.parse_snippet_target(match["snippet"][1:-1].strip())
        if target is None:
            return None
        return Include(target["path"], target["section"], bool(target["start"]))

    def shown_block(self, lines: list[str]) -> list[str]:
        """A code block's lines with its includes expanded, as pymdownx does."""
        self._reset()
        try:
            return self._pre.parse_snippets(list(lines))
        except SnippetMissingError as err:
            raise BuildError(Problem("snippets", str(err))) from None

    # Snippet side -------------------------------------------------------

    def text(self, module: str) -> str:
        if module not in self._texts:
            path = self.module_path(module)
            try:
                self._texts[module] = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise BuildError(Problem(module, "snippet module does not exist")) from None
            except (OSError, UnicodeDecodeError) as err:
                raise BuildError(Problem(module, f"cannot be read: {err}")) from None
        return self._texts[module]

    def module_path(self, module: str) -> Path:
        """The file of ``module``, symlinks resolved; a BuildError unless it is
        inside the project's snippets folder (no code from elsewhere runs) or
        is the build package's own playground export (sitebuild.playground)."""
        folder = self.root / SNIPPETS_DIR
        path = (self.root / module).resolve()
        if folder not in path.parents and path != PLAYGROUND_EXPORT:
            raise BuildError(Problem(module, f"is outside the snippets folder ({path}): "
                                             "only modules in snippets/ may be shown and run"))
        return path

    def names(self, module: str) -> list[str]:
        """All section names the module declares, in file order."""
        names: list[str] = []
        for line in self._lines(module):
            match = self._pre.match_section(line)
            if match and not match["escape"] and match["type"] == "start" \
                    and match["name"] not in names:
                names.append(match["name"])
        return names

    def section(self, module: str, name: str) -> Section:
        """Section ``name`` of ``module``; a BuildError names what is wrong."""
        lines = self._lines(module)
        self._reset()
        try:
            code = self._pre.extract_section(name, lines)
        except SnippetMissingError:
            known = ", ".join(self.names(module)) or "none"
            raise BuildError(Problem(
                module, f"no section '{name}' (sections here: {known})")) from None
        if not self._closed(lines, name):
            raise BuildError(Problem(
                module, f"section '{name}' is never closed "
                        f"(add '# --8<-- [end:{name}]')"))
        code = self._pre.parse_snippets(code, str(self.root / module),
                                        is_section=True)
        return Section(module, name, "\n".join(code) + "\n",
                       self._line_map(lines, name, len(code)))

    # Helper functions -----------------------------------------------------

    def _lines(self, module: str) -> list[str]:
        text = self.text(module)
        return text.split("\n") if text else []  # as pymdownx's read_lines

    def _reset(self) -> None:
        self._pre.seen, self._pre.bases, self._pre.failed = set(), None, set()

    def _closed(self, lines: list[str], name: str) -> bool:
        started = False
        for line in lines:
            match = self._pre.match_section(line)
            if match and not match["escape"] and match["name"] == name:
                if match["type"] == "start":
                    started = True
                elif started:
                    return True
        return False

    def _line_map(self, lines: list[str], name: str, count: int) -> tuple[int, ...]:
        """Which file line each code line came from.

        pymdownx's extract_section is run again, without dedenting, on lines
        tagged with their numbers: the tags survive in the lines it keeps.
        """
        tagged = [f"{line}{_TAG}{number}" for number, line in enumerate(lines, 1)]
        dedent, self._pre.dedent_subsections = self._pre.dedent_subsections, False
        try:
            kept = self._pre.extract_section(name, tagged)
        finally:
            self._pre.dedent_subsections = dedent
        numbers = tuple(int(line.rpartition(_TAG)[2]) for line in kept)
        if len(numbers) == count:
            return numbers
        # A nested include grew the section: its lines have no line of their
        # own here, so every line points at the section's start.
        return (numbers[0] if numbers else 1,) * count
