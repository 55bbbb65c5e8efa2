"""The build's one cache folder, and the only code that reads or writes it.

What a build keeps for the next one lives under one folder (``.cache/examples``
or ``EXAMPLES_CACHE_DIR``)::

    <page>/             a page's example results: entry.json and figures
                        (sitebuild.run.cache; the playground's export is one too)
    _notebooks/         the chapters' notebooks, mkdocs-jupyter's sources
    _notebook_pages/    mkdocs-jupyter's rendering of each notebook
    _search/            Kiwi's analysis of the site's words
    _fonts/             the math font cut to the site's formulas

A cache file can be garbled on disk (a full disk, an interrupted copy, a sync
tool, a hand edit). Reading never raises: a file that is missing, unreadable,
truncated, of the wrong type or encoding, or whose checksum fails is a *miss*,
logged at debug level with its reason, and the build makes it again. Every
write is atomic (:func:`write_atomic`): a reader sees the old file or the new
one, never a part. A cache that cannot be written only costs the next build
the same work again; :meth:`Store.unusable` says before any work whether the
folder can hold a cache at all.

Checked files (:meth:`Store.get`/:meth:`Store.put`) start with one header line,
``sitebuild-cache sha256:<digest of the rest>``. Files that other programs
read as they are (the notebooks) are written with :meth:`Store.publish`, which
compares bytes and rewrites anything else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.sitebuild.store")
HEADER = b"sitebuild-cache sha256:"
KEY_BYTES = 32
# The largest cache file read (a notebook page with its figures is a few MB):
# a bigger one is a miss, never read into memory.
MAX_FILE = 64 << 20


def key_path() -> Path:
    """This user's signing key for cache entries: outside every cache folder
    (``$XDG_CACHE_HOME/handson-site/key``, else ``~/.cache/handson-site/key``),
    so a cache copied from elsewhere (a CI restore, a shared ``.cache/``) does
    not carry it."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handson-site" / "key"


def signing_key() -> bytes:
    """The key of :func:`key_path`, made (random, private) on first use."""
    path = key_path()
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(os.urandom(KEY_BYTES))
        try:
            os.link(temp, path)  # the first writer wins; others read its key
        except FileExistsError:
            if len(path.read_bytes()) != KEY_BYTES:  # damaged: replaced
                os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
    return path.read_bytes()


def mac(data: bytes) -> str:
    """HMAC-SHA256 of ``data`` under this user's key: what a cache file that
    is acted on (an entry, a frozen figure to unpickle) must carry."""
    return "hmac-sha256:" + hmac.new(signing_key(), data, hashlib.sha256).hexdigest()


def mac_ok(data: bytes, tag) -> bool:
    return isinstance(tag, str) and hmac.compare_digest(mac(data), tag)


def folder(root: Path) -> Path:
    """The cache folder of the project at ``root``."""
    return Path(os.environ.get("EXAMPLES_CACHE_DIR") or Path(root) / ".cache" / "examples")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder
    and one rename; whatever was at ``path`` (a folder too) is replaced."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def replace_folder(staging: Path, target: Path) -> None:
    """Move a filled ``staging`` folder to ``target`` in one rename (the old
    ``target``, a folder or a file, is moved aside first and then removed)."""
    old = None
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    elif target.exists() or target.is_symlink():
        target.unlink()
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class Store:
    """The cache folder ``root``; names are paths relative to it."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def unusable(self) -> str | None:
        """Why this folder cannot hold the cache, or None."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe-"):
                pass
        except OSError as err:
            return f"{type(err).__name__}: {err.strerror or err}"
        return None

    def path(self, name: str) -> Path:
        return self.root / name

    # Reading: a miss, never an exception ----------------------------------

    def read(self, name: str) -> bytes | None:
        """The file's bytes as they are (no header), or None; a file larger
        than MAX_FILE is a miss and is not read."""
        try:
            size = self.path(name).stat().st_size
            if size > MAX_FILE:
                return self._miss(name, f"{size:,} bytes, more than a cache file "
                                        f"holds ({MAX_FILE:,})")
            return self.path(name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            return self._miss(name, f"unreadable ({type(err).__name__}: "
                                    f"{err.strerror or err})")

    def get(self, name: str) -> bytes | None:
        """What :meth:`put` stored under ``name``, if it is intact."""
        raw = self.read(name)
        if raw is None:
            return None
        header, newline, body = raw.partition(b"\n")
        if not newline or not header.startswith(HEADER):
            return self._miss(name, "no cache header (truncated or garbled)")
        if header[len(HEADER):] != hashlib.sha256(body).hexdigest().encode():
            return self._miss(name, "checksum mismatch (truncated or garbled)")
        return body

    def get_json(self, name: str, kind: type = dict):
        """The JSON value stored under ``name`` if it is a ``kind``, or None."""
        body = self.get(name)
        if body is None:
            return None
        return self.loads(name, body, kind)

    def loads(self, name: str, data: bytes, kind: type = dict):
        """``data`` (read from ``name``) as JSON of type ``kind``, or None."""
        try:
            value = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            return self._miss(name, f"not JSON in UTF-8 ({type(err).__name__})")
        if not isinstance(value, kind):
            return self._miss(name, f"a JSON {type(value).__name__}, not a {kind.__name__}")
        return value

    # Writing: atomic; a failure is logged, never fatal ---------------------

    def put(self, name: str, data: bytes) -> bool:
        """Store ``data`` under ``name`` with its checksum; False if it could not."""
        digest = hashlib.sha256(data).hexdigest().encode()
        return self._write(name, HEADER + digest + b"\n" + data)

    def put_json(self, name: str, value) -> bool:
        return self.put(name, json.dumps(value, ensure_ascii=False,
                                         separators=(",", ":")).encode("utf-8"))

    def publish(self, name: str, data: bytes) -> Path:
        """Make the file ``name`` hold exactly ``data`` (rewritten only if it
        differs), for a program that reads it as it is. Raises OSError."""
        path = self.path(name)
        if self.read(name) != data:
            write_atomic(path, data)
        return path

    def _write(self, name: str, data: bytes) -> bool:
        try:
            write_atomic(self.path(name), data)
        except OSError as err:
            log.debug(f"cache: cannot write {name}: {err}")
            return False
        return True

    # Pruning ----------------------------------------------------------------

    def keep_only(self, folder: str, names: set[str], pattern: str = "*") -> list[str]:
        """Remove what ``folder`` holds (matching ``pattern``, at any depth)
        except ``names`` (relative to the store); the names removed."""
        removed = []
        for path in sorted(self.path(folder).glob(f"**/{pattern}")):
            name = path.relative_to(self.root).as_posix()
            if name in names or not (path.is_file() or path.is_symlink()):
                continue
            try:
                path.unlink()
                removed.append(name)
            except OSError as err:
                log.debug(f"cache: cannot remove {name}: {err}")
        return removed

    def _miss(self, name: str, why: str) -> None:
        log.debug(f"cache: {name} is a miss: {why}")
        return None
