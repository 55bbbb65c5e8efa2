"""The libraries a page's outputs depend on, and the note that names them.

One list (:data:`LIBRARIES`) serves the run's record of versions, the note
under each page and the setup cell of each notebook; :data:`SETUP_ONLY` adds
those a notebook may install without the note naming them.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def note(page: str, env: dict, report_page: str = "environment.md") -> str:
    """A small admonition saying how a page's outputs were produced."""
    shown = [n for n in LIBRARIES if n in env["versions"]
             and (env["used_tensorflow"] or n not in KERAS_STACK)]
    libs = ", ".join(f"{LIBRARIES[n]} {env['versions'][n]}" for n in shown)
    if env["gpus"]:
        device = "GPU(" + ", ".join(env["gpus"]) + ")"
    else:
        device = f"CPU({env['cpu']}, {env['cpu_count']}코어)"
    link = Path(os.path.relpath(report_page, Path(page).parent or ".")).as_posix()
    return (
        '\n\n!!! info "이 페이지의 출력을 만든 환경"\n\n'
        f"    이 페이지의 출력과 그림은 {env['date']}에 사이트를 빌드하면서 "
        f"{device}에서 Python {env['python']}, {libs}로 코드를 실행해 "
        f"얻었습니다. 내 컴퓨터의 환경은 [실행 환경]({link}) 페이지의 방법으로 "
        "확인할 수 있습니다. 라이브러리 버전이나 장치가 다르면 마지막 자리 숫자가 "
        "조금 다를 수 있습니다.\n"
    )
