"""How a hook reports a failure: one clear MkDocs error naming where it was."""

from __future__ import annotations

import contextlib
import traceback
from pathlib import Path

from mkdocs.exceptions import PluginError

from sitebuild.problems import BuildError


@contextlib.contextmanager
def reported(where: str):
    """Turn any failure inside into one clear MkDocs error naming ``where``."""
    try:
        yield
    except PluginError:
        raise
    except BuildError as err:
        raise PluginError(str(err)) from None
    except Exception as err:
        frame = traceback.extract_tb(err.__traceback__)[-1]
        raise PluginError(f"{where}: unexpected {type(err).__name__}: {err} "
                          f"(at {Path(frame.filename).name}:{frame.lineno})") from err
