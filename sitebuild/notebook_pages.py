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
- Its code is ``<div class="highlight-ipynb"><pre>`` with a copy button of
  its own, which Material's code styles and copy button do not know. Each
  listing becomes the ``<div class="language-python highlight"><pre><code>``
  that pymdownx writes on the chapter pages, so the site's token colours
  (light and dark) and Material's one copy button apply; its own button and
  scripts go. No option or template of mkdocs-jupyter reaches this markup
  (its template is fixed in its code), so this is a rewrite of its HTML.
- Jupyter's Markdown leaves formulas as ``$…$`` for MathJax, which would be
  a CDN script. They are wrapped as arithmatex wraps them on the chapter
  pages, so ``hooks/mathml.py`` (which runs after this) draws them the same
  offline way; MathJax's script and config are dropped.
- Under the title a box says that this is the notebook view, with the
  download button and a link back to the chapter.
- Notebook pages repeat their chapter word for word, so they stay out of the
  search index (the chapter pages are found instead), and out of the chapters'
  previous/next chain (:func:`relink`).
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

from sitebuild.protocol import dark_name, svg_size

_SLUGIFY = slugify(case="lower")
_INLINE_STYLE = re.compile(r'<style type="text/css">.*?</style>\s*', re.S)
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<attrs>[^>]*)>'
                      r"(?P<body>.*?)</h(?P=level)>", re.S)
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">.*?</a>', re.S)
_SCRIPTS = re.compile(  # MathJax's config and CDN tag, the copy button's code, mermaid
    r'<script type="text/x-mathjax-config">.*?</script>\s*|<script src="[^"]*mathjax[^"]*">'
    r'\s*</script>\s*|<script src="">\s*</script>\s*|'
    r"<script>(?:(?!</script>).)*?(?:clipboard-copy|ClipboardCopyElement).*?</script>\s*|"
    r'<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?</script>\s*',
    re.S | re.I)
_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*'
                          r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
_LISTING = re.compile(r'<div class="(?:highlight-ipynb hl-(?P<lang>[\w+-]+)[^"]*|highlight)">'
                      r"<pre>(?:<span></span>)?(?P<body>.*?)</pre></div>", re.S)
_NOT_PROSE = re.compile(r"<(pre|code|script|style|math)\b.*?</\1>", re.S)
_DISPLAY_MATH = re.compile(r"(?:<p>\s*)?\$\$(?P<tex>.+?)\$\$(?:\s*</p>)?", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$]+?)(?<!\\)\$")
_TITLE = re.compile(r"(<h1 [^>]*>.*?</h1>)", re.S)
_ALT = re.compile(r'\s*alt="[^"]*"')
_SIZE = re.compile(r'\s*(?:width|height)="[^"]*"')
_SVG_DATA = re.compile(r'<img (?P<before>[^>]*?)src="data:image/svg\+xml;base64,'
                       r'(?P<data>[A-Za-z0-9+/=]+)"(?P<after>[^>]*?)/?>')


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def mend(html_text: str, page, files, alts: dict[str, str] | None = None) -> str:
    """A notebook page's HTML mended; sets its table of contents and keeps it
    out of the search index (read by the search plugin after this).

    ``alts``: figure file name -> the alt text its chapter page gives it.
    """
    html_text = _INLINE_STYLE.sub("", html_text)
    html_text = _SCRIPTS.sub("", html_text)
    html_text = _COPY_BUTTON.sub("", html_text)
    html_text = _LISTING.sub(_material_listing, html_text)
    html_text = wrap_math(html_text)
    html_text = _link_published_figures(html_text, page, files, alts or {})
    html_text = _TITLE.sub(lambda m: m[1] + _view_note(page, files), html_text, count=1)
    html_text, headings = renumber_headings(html_text)
    page.toc = get_toc(nest_toc_tokens(
        [{"level": level, "id": slug, "name": html.escape(name)}
         for level, slug, name in headings]))
    page.meta.setdefault("search", {})["exclude"] = True
    return html_text


def relink(nav) -> None:
    """The previous/next chain (Material's footer) runs through the chapter
    pages only: a reader going on from the last chapter reaches the next
    chapter page, not seven notebook versions of the chapters before it.
    Notebook pages keep their place in the navigation but get no footer
    links of their own."""
    chain = [page for page in nav.pages if not is_notebook(page)]
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for before, after in zip(chain, chain[1:]):
        before.next_page, after.previous_page = after, before


def download_button(href: str) -> str:
    """The button that downloads a chapter's .ipynb (chapter and notebook pages)."""
    return f'<a class="md-button" href="{href}" download>주피터 노트북 내려받기</a>'


def wrap_math(html_text: str) -> str:
    """Wrap the ``$…$`` / ``$$…$$`` of rendered Markdown as arithmatex does
    (code, scripts and existing MathML are left alone)."""
    out, last = [], 0
    for skip in _NOT_PROSE.finditer(html_text):
        out.append(_wrap_prose_math(html_text[last:skip.start()]))
        out.append(skip.group(0))
        last = skip.end()
    out.append(_wrap_prose_math(html_text[last:]))
    return "".join(out)


# Helper functions -----------------------------------------------------------


def _wrap_prose_math(text: str) -> str:
    text = _DISPLAY_MATH.sub(
        lambda m: f'<div class="arithmatex">\\[{m["tex"]}\\]</div>', text)
    return _INLINE_MATH.sub(
        lambda m: f'<span class="arithmatex">\\({m["tex"]}\\)</span>', text)


def _material_listing(match: re.Match) -> str:
    lang = match["lang"] or "text"
    lang = "python" if lang.startswith(("python", "ipython")) else lang
    return (f'<div class="language-{lang} highlight"><pre><span></span>'
            f'<code>{match["body"]}</code></pre></div>')


def _view_note(page, files) -> str:
    stem = posixpath.basename(page.file.src_uri).removesuffix(".ipynb")
    chapter = getattr(files, "get_file_from_path", lambda _: None)(f"{stem}.md")
    back = ""
    if chapter is not None and chapter.url:
        href = posixpath.relpath(chapter.url, page.url or ".") + "/"
        back = f' <a href="{html.escape(href)}">장 페이지로 돌아가기</a>'
    return ('\n<div class="admonition info ex-notebook-view"><p class="admonition-title">'
            "노트북 보기</p><p>이 페이지는 같은 이름의 장을 주피터 노트북으로 옮긴 것입니다. "
            "노트북 파일을 내려받아 Jupyter나 Colab에서 맨 위 준비 셀부터 차례로 실행할 수 "
            f"있습니다.{back}</p><p>"
            f"{download_button(stem + '.ipynb')}</p></div>\n")


def _link_published_figures(html_text: str, page, files, alts: dict[str, str]) -> str:
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
        alt = alts.get(posixpath.basename(light.src_uri))
        attrs = match["before"] + match["after"]
        if alt is not None:  # the chapter's words, not nbconvert's placeholder
            attrs = _ALT.sub("", attrs) + f' alt="{html.escape(alt)}"'
        # its size, so that the page does not jump as it loads (as chapter pages)
        attrs = _SIZE.sub("", attrs).rstrip() + ' width="{}" height="{}"'.format(
            *svg_size(light.content_bytes))
        for file, palette in pairs:
            src = posixpath.relpath(file.url, page.url or ".")
            links.append(f'<a class="ex-zoom" href="{src}"><img class="ex-figure" '
                         f'loading="lazy" src="{src}{palette}" {attrs.strip()}/></a>')
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

