"""Make mkdocs-jupyter's notebook pages fit a Korean, light site.

mkdocs-jupyter (pinned in requirements.txt) renders the chapter notebooks that
:mod:`sitebuild.site` builds; ``hooks/notebook_pages.py`` calls :func:`mend`. Three things it does are wrong for us, and are
mended here on the rendered HTML, without touching its private code:

- Its slugify keeps ASCII only, so Korean headings get empty, clashing or
  percent-encoded ids, and its table of contents disagrees with them. We give
  every heading the id the Markdown pages would give it (pymdownx.slugs) and
  rebuild the page's table of contents from those headings.
- It inlines ~590 KB of JupyterLab CSS into every notebook page. We drop
  those <style> blocks; stylesheets/notebook.css styles the few classes used.
- It embeds each figure as a base64 data URI, which gzip cannot shrink. The
  same SVG is already published for the chapter page (figures/…), so the
  notebook page points at that file instead (the .ipynb keeps its copy).
- Notebook pages repeat their chapter word for word, so they stay out of the
  search index (the chapter pages are found instead).
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re

from markdown.extensions.toc import nest_toc_tokens, unique
from mkdocs.structure.toc import get_toc
from pymdownx.slugs import slugify

from sitebuild.protocol import dark_name

_SLUGIFY = slugify(case="lower")
_INLINE_STYLE = re.compile(r'<style type="text/css">.*?</style>\s*', re.S)
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<attrs>[^>]*)>'
                      r"(?P<body>.*?)</h(?P=level)>", re.S)
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">.*?</a>', re.S)
_SVG_DATA = re.compile(r'<img (?P<before>[^>]*?)src="data:image/svg\+xml;base64,'
                       r'(?P<data>[A-Za-z0-9+/=]+)"(?P<after>[^>]*?)/?>')


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def mend(html_text: str, page, files) -> str:
    """A notebook page's HTML mended; sets its table of contents and keeps it
    out of the search index (read by the search plugin after this)."""
    html_text = _INLINE_STYLE.sub("", html_text)
    html_text = _link_published_figures(html_text, page, files)
    html_text, headings = renumber_headings(html_text)
    page.toc = get_toc(nest_toc_tokens(
        [{"level": level, "id": slug, "name": html.escape(name)}
         for level, slug, name in headings]))
    page.meta.setdefault("search", {})["exclude"] = True
    return html_text


# Helper functions -----------------------------------------------------------


def _link_published_figures(html_text: str, page, files) -> str:
    """Point inline SVG figures at the identical files under figures/, and
    show the dark version on the dark palette as chapter pages do (the
    notebook file itself keeps the light one)."""
    figures = {f.src_uri: f for f in files if f.src_uri.startswith("figures/")
               and f.src_uri.endswith(".svg")}
    published = {hashlib.sha256(f.content_bytes).hexdigest(): f for f in figures.values()}

    def replace(match: re.Match) -> str:
        digest = hashlib.sha256(base64.b64decode(match["data"])).hexdigest()
        light = published.get(digest)
        if light is None:
            return match.group(0)
        dark = figures.get(posixpath.join(posixpath.dirname(light.src_uri),
                                          dark_name(posixpath.basename(light.src_uri))))
        pairs = [(light, "#only-light"), (dark, "#only-dark")] if dark else [(light, "")]
        links = []
        for file, palette in pairs:
            src = posixpath.relpath(file.url, page.url or ".")
            links.append(f'<a class="ex-zoom" href="{src}"><img {match["before"]}'
                         f'class="ex-figure" loading="lazy" src="{src}{palette}"'
                         f'{match["after"]}/></a>')
        return "".join(links)

    return _SVG_DATA.sub(replace, html_text)


def renumber_headings(html_text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Give each heading the Markdown pages' slug; return (html, headings).

    Slugs are made unique as Python-Markdown's toc does (slug_1, slug_2).
    """
    seen: set[str] = set()
    headings: list[tuple[int, str, str]] = []

    def replace(match: re.Match) -> str:
        body = _ANCHOR.sub("", match["body"])
        text = html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        slug = unique(_SLUGIFY(text, "-") or "section", seen)
        headings.append((int(match["level"]), slug, text))
        level = match["level"]
        anchor = f'<a class="headerlink" href="#{slug}" title="Permanent link">&para;</a>'
        return f'<h{level} id="{slug}"{match["attrs"]}>{body}{anchor}</h{level}>'

    return _HEADING.sub(replace, html_text), headings

