"""Build logic of the site: run each page's example code and place what it made.

MkDocs calls this package through the thin event files in ``hooks/``; tests
import the same modules. One noun per idea, in code, tests, logs and README:

page
    A Markdown file under ``docs/`` (``perceptron.md``).
snippet module
    A Python file under ``snippets/`` whose named sections pages show.
section
    A named part of a snippet module, ``# --8<-- [start:fit]`` …
    ``# --8<-- [end:fit]``; written ``snippets/perceptron.py:fit``.
code block
    A fenced Python block on a page that includes one or more sections.
marker
    ``<!-- ex:output perceptron.py:fit -->`` or ``<!-- ex:figure … alt -->``:
    where a section's printed output or figure goes on its page.
page plan
    A page read once (:mod:`sitebuild.page`): its code blocks, markers and
    headings. Running, rendering and notebooks all use the plan.
run
    One fresh Python process that executes a page's sections in page order
    (:mod:`sitebuild.runner`, started by :mod:`sitebuild.engine`).
result
    What a run produced: per section, the printed text, the figures and the
    warnings (:class:`sitebuild.protocol.PageResult`).
problem
    Something wrong with a page or its code, with the file and line it is at
    (:class:`sitebuild.problems.Problem`). A build reports all of them at once.
"""
