"""``python -m sitebuild.playground ROOT``: the export as one JSON reply (tests/js)."""

import sys

from sitebuild.playground import main

main(sys.argv[1])
