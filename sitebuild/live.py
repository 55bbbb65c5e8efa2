"""Keep a long ``mkdocs serve`` on the code as it is now.

MkDocs imports the hook files once per process, and Python imports a module
once, so an edit of this package would never reach a running server. The
hooks look the package up through :func:`module` on every event, and
:func:`refresh`, called at the start of each build, re-imports the package
when one of its files changed. A hook file itself cannot be re-imported by
its own code: :func:`refresh` says in the log that serve must be restarted.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
log = logging.getLogger("mkdocs.hooks.live")
_seen: dict[Path, str] = {}  # file -> sha256 when first seen by this process
command = "build"  # MkDocs' command ("build", "serve"), set by on_startup


def module(name: str):
    """The current ``sitebuild`` module ``name`` (imported on first use)."""
    return sys.modules.get(name) or importlib.import_module(name)


def refresh(config) -> None:
    hooks = [Path(m.__file__).resolve() for m in (config.get("hooks") or {}).values()]
    changed = [p for p in [*PACKAGE.glob("*.py"), *hooks] if _changed(p)]
    stale = [p for p in changed if p.parent == PACKAGE and p.name != "live.py"]
    for path in changed:
        if path in hooks or path.name == "live.py":
            log.warning("%s changed while serving: restart `mkdocs serve` for the "
                        "change to take effect", path.name)
    if stale:
        server = sys.modules.get("sitebuild.forkserver")
        if server is not None:  # else the old module's server would be left running
            server.shutdown()
        package = sys.modules["sitebuild"]
        for name in [n for n in sys.modules
                     if n.startswith("sitebuild.") and n != __name__]:
            del sys.modules[name]
            # `from sitebuild import x` reads the package's attribute first
            package.__dict__.pop(name.rpartition(".")[2], None)
        log.info("reloaded the build package (%s changed)",
                 ", ".join(p.name for p in stale))


def _changed(path: Path) -> bool:
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False
    old = _seen.setdefault(path, digest)
    _seen[path] = digest
    return old != digest

