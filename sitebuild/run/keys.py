"""What a cache key is made of: the page's sections and snippet modules,
and the fingerprint of everything else that can change a run's results.

:func:`page_key` is compared with the key stored in each cache entry
(:mod:`sitebuild.run.cache`); a different key is a miss, and the log names the
parts that changed (``changed: code``, ``changed: fingerprint``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sitebuild import digests
from sitebuild.run.results import sha256_bytes, sha256_file

if TYPE_CHECKING:  # a plan is read by pages/, and run here
    from sitebuild.pages.plan import PagePlan

OWN_DISTRIBUTION = "handson_ch10_sitebuild"  # pyproject.toml's name, as metadata folders spell it


def fingerprint(root: Path) -> str:
    """Hash of what, besides the snippet modules, can change a run's results.

    The code of the run/ folder (``digests.of("results")``: code without
    comments and docstrings, so a comment edit re-runs nothing), the Python
    version, SOURCE_DATE_EPOCH (the date shown with the outputs), requirements.txt and
    every installed distribution's version (so a changed scipy or pillow
    counts too).
    """
    # Not the dark figures' theme: a change of it re-themes (engine.retheme).
    parts = [f"run code {digests.of('results')}", sys.version, os.environ.get("SOURCE_DATE_EPOCH", "")]
    requirements = Path(root) / "requirements.txt"
    if requirements.is_file():
        parts.append(sha256_file(requirements))
    parts += installed_distributions()
    return sha256_bytes("\n".join(parts).encode())


def installed_distributions() -> list[str]:
    """Every installed distribution as its metadata folder's name, which the
    packaging standards make ``{name}-{version}.dist-info`` (or ``.egg-info``).

    Listing the folders on ``sys.path`` takes milliseconds; reading every
    distribution's metadata with importlib.metadata took 1.4 s of each
    rebuild here (under ``mkdocs serve`` too).
    """
    found = set()
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as listing:
                found |= {e.name.lower() for e in listing
                          if e.name.endswith((".dist-info", ".egg-info"))}
        except OSError:  # a zip file, or a folder that is gone
            continue
    # Not this project's own build package: its code digest stands for it, and its
    # editable install leaves an .egg-info in the checkout (on sys.path when
    # building from there) that a copy of the project does not have.
    return sorted(name for name in found if not name.startswith(OWN_DISTRIBUTION))


def page_key(root: Path, plan: PagePlan, machine: str) -> dict:
    """``machine``: the :func:`fingerprint` of this build."""
    modules = sorted({s.module for s in plan.sections})
    return {
        "page": plan.page,
        "sections": [s.id for s in plan.sections],
        # a section marked ex:error runs on after it raises: another run
        "expect_error": plan.expected_errors,
        "code": sha256_bytes("\0".join(s.code for s in plan.sections).encode()),
        "modules": {m: sha256_file(Path(root) / m) for m in modules},
        "fingerprint": machine,
    }
