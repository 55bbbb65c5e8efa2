"""Where a run ran (its :class:`Platform`), and the note that says so.

One list (:data:`LIBRARIES`) serves the platform's record of versions, the
note under each page and the setup cell of each notebook; :data:`SETUP_ONLY`
adds those a notebook may install without the note naming them.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime
import importlib.metadata
import os
import platform
import sys
import time

# Distribution name -> how a reader knows it. Order is the order shown.
LIBRARIES = {
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "numpy": "NumPy",
    "scikit-learn": "scikit-learn",
    "matplotlib": "matplotlib",
    "koreanize-matplotlib": "koreanize-matplotlib",
}
KERAS_STACK = ("tensorflow", "keras")  # named only where a page used them
# Libraries a notebook's setup cell installs when its code imports them, which
# the note under a page does not name (one page uses them). Their versions are
# recorded with every run, as the LIBRARIES' are.
SETUP_ONLY = {"keras-tuner": "Keras Tuner"}
INSTALLABLE = {**LIBRARIES, **SETUP_ONLY}


@dataclasses.dataclass(frozen=True)
class Platform:
    """Where a run ran: what the note under its page and its notebook tell
    (made by the run, :func:`platform_of`)."""

    python: str  # e.g. 3.11.7
    versions: dict[str, str]  # distribution -> version, of INSTALLABLE
    used_tensorflow: bool  # the page's code imported TensorFlow or Keras
    gpus: list[str]  # the GPUs TensorFlow saw (none: the CPU ran it)
    cpu: str  # the CPU's model name
    cpu_count: int | None
    date: str  # ISO date of the run (SOURCE_DATE_EPOCH when set)

    @classmethod
    def from_json(cls, data: dict) -> Platform:
        """From :meth:`to_json`'s dict; TypeError or ValueError if it is not one."""
        if not isinstance(data, dict) or set(data) != {f.name for f in dataclasses.fields(cls)}:
            raise ValueError(f"not a platform record: {data!r:.80}")
        return cls(**data)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


# The run's side: what it records --------------------------------------------


def record_imports() -> set[str]:
    """From now on, the top-level name of every absolute import statement
    (in the sections and in everything they call), gathered in the set."""
    names: set[str] = set()
    real = builtins.__import__

    def recording(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0:
            names.add(name.partition(".")[0])
        return real(name, globals, locals, fromlist, level)

    builtins.__import__ = recording
    return names


def platform_of(imported: set[str], already: set[str]) -> Platform:
    """Versions and device the page's outputs were produced with.

    The page used TensorFlow if it is loaded and the run imported it (or
    Keras) itself: a forked run finds it loaded by the fork server.
    """
    versions = {}
    for name in INSTALLABLE:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    used_tensorflow = "tensorflow" in sys.modules and (
        "tensorflow" not in already or bool(imported & {"tensorflow", "keras"}))
    gpus = []
    if used_tensorflow:  # only a page that used TensorFlow
        tf = sys.modules["tensorflow"]
        for gpu in tf.config.list_physical_devices("GPU"):
            details = tf.config.experimental.get_device_details(gpu)
            gpus.append(details.get("device_name", gpu.name))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(
        int(epoch) if epoch else time.time(), datetime.timezone.utc)
    return Platform(python=platform.python_version(), versions=versions,
                    used_tensorflow=used_tensorflow, gpus=gpus, cpu=cpu_name(),
                    cpu_count=os.cpu_count(), date=when.date().isoformat())


def cpu_name() -> str:
    """The CPU's model name. snippets/environment.py:cpu_name does the same on
    the 실행 환경 page: that copy stays in the snippet on purpose, so that a
    reader can paste the page's code alone (snippets import nothing of the
    build, and the build nothing of a snippet)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return platform.processor() or platform.machine()
