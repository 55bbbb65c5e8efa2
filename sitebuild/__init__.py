"""Build logic of the site: run each page's example code and place what it made.

MkDocs calls this package through its plugin (:mod:`sitebuild.plugin`); tests
import the same modules. Each folder is a room (its ``__init__`` says what it
owns): ``run/`` runs the examples, ``pages/`` reads pages and places results,
``notebooks/``, ``polish/``, ``search/``, ``serve/`` and ``playground/``. At the
top are the modules that connect them to MkDocs (``plugin``, ``examples``,
``reporting``) and those every room may use (``store``, ``problems``,
``digests``); tests/test_import_rules.py keeps who imports whom.

One noun per idea, in code, tests, logs and README:

page
    A Markdown file under ``docs/`` (``perceptron.md``).
chapter
    A page of the book's chapter 10 that shows code; its notebook and its
    notebook page repeat it.
snippet module
    A Python file under ``snippets/`` whose named sections pages show.
section
    A named part of a snippet module, ``# --8<-- [start:fit]`` …
    ``# --8<-- [end:fit]``. Its *section id* is ``snippets/perceptron.py:fit``;
    the object (:class:`sitebuild.run.protocol.Section`) holds its code and lines.
example
    The code a page shows, run by the build: "the examples of perceptron.md"
    are its sections, run in page order.
code block
    A fenced Python block on a page that includes one or more sections.
marker
    ``<!-- ex:output perceptron.py:fit -->`` or ``<!-- ex:figure … alt -->``:
    where a section's printed output or figure goes on its page.
    ``<!-- ex:error x.py:old -->`` marks a section that must raise or warn
    (a book's old line under today's libraries): the run records the message
    (:class:`sitebuild.run.protocol.ExpectedError`) and goes on, and the page
    shows it where the marker is.
page plan
    A page read once (:mod:`sitebuild.pages.plan`): its code blocks, markers and
    headings. Running, rendering and notebooks all use the plan. The
    playground export is planned like a page (:mod:`sitebuild.playground`).
run
    One fresh Python process that executes a page plan's sections in order
    (:mod:`sitebuild.run.runner`, started by :mod:`sitebuild.run.engine`, forked from
    the *fork server* where it can be).
result
    What a run produced: per section, the printed text, the figures and the
    warnings (:class:`sitebuild.run.results.PageResult`).
platform
    Where a run ran: the date, Python, the library versions, CPU or GPU
    (:class:`sitebuild.run.environment.Platform`); shown under each page and in
    its notebook. Not to be confused with the *fingerprint*.
fingerprint
    The hash of what besides the snippet modules can change a result (Python,
    the installed libraries, the run modules): part of each cache key.
figure
    A matplotlib figure a section drew, saved light (as drawn), *frozen*
    (pickled, to be drawn again) and dark (:mod:`sitebuild.run.figure_theme`).
problem
    Something wrong with a page or its code, with the file and line it is at
    (:class:`sitebuild.problems.Problem`). A build reports all of them at once.
cache store
    The one folder a build keeps for the next (:mod:`sitebuild.store`); a
    *cache entry* is one page's stored result (:mod:`sitebuild.run.cache`). A
    damaged file in it is a *miss*, never an error.
notebook
    The ``.ipynb`` made from a chapter's plan and result
    (:mod:`sitebuild.notebooks.notebook`); its *notebook page* is mkdocs-jupyter's
    rendering of it, mended for this site (:mod:`sitebuild.notebooks.mend`).
room
    A folder of the package, and the state of its build step: the example room (:mod:`sitebuild.examples`),
    the Korean search (:mod:`sitebuild.search.index`), the notebook renderings
    (:mod:`sitebuild.notebooks.renderings`) and serve's partial builds
    (:mod:`sitebuild.serve.rebuilds`, handed the example room it reads). The site's
    plugin (:mod:`sitebuild.plugin`) creates them and keeps them for a build,
    or for a whole ``mkdocs serve`` session.
"""
