"""Make mkdocs-jupyter's notebook pages fit a Korean, light site.

mkdocs-jupyter (pinned in requirements.txt) renders the chapter notebooks that
:mod:`sitebuild.notebooks.publish` writes; the site plugin calls :func:`mend`.
What it writes is wrong for us in the ways below, and is mended here on the
rendered HTML, parsed with BeautifulSoup (not its private code, and no
regular expressions over its markup):

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
  pages, so the MathML step (which runs after this) draws them the same
  offline way; MathJax's script and config are dropped.
- Under the title a box says that this is the notebook view, with the
  download button and a link back to the chapter.
- The plotting cells folded on the chapter page (``jupyter.source_hidden`` in
  the notebook, cell id ``cell-N-folded``) are shown folded here too, in the
  chapter's ``<details>`` (its template drops the cell's metadata).
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

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown.extensions.toc import nest_toc_tokens, unique
from mkdocs.structure.toc import get_toc
from pymdownx.slugs import slugify

from sitebuild.run.figures import dark_name, svg_size
from sitebuild.pages.render import PublishedFigure

_SLUGIFY = slugify(case="lower")
FOLDED = "-folded"  # the end of a folded cell's id (sitebuild.notebooks.notebook)
FOLD_TITLE = "그림을 그리는 코드"  # as the chapter pages' ??? example
_NOT_PROSE = ("pre", "code", "script", "style", "math")
_DISPLAY_MATH = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$]+?)(?<!\\)\$")
_SVG_DATA = "data:image/svg+xml;base64,"


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def mend(html_text: str, page, files, alts: dict[str, str] | None = None) -> str:
    """A notebook page's HTML mended; sets its table of contents and keeps it
    out of the search index (read by the search plugin after this).

    ``alts``: figure file name -> the alt text its chapter page gives it
    (default: what the site's figure files carry, :class:`PublishedFigure`).
    """
    if alts is None:
        alts = {posixpath.basename(f.src_uri): f.alt for f in files
                if isinstance(f, PublishedFigure) and f.alt is not None}
    soup = BeautifulSoup(html_text, "html.parser")
    _drop_jupyter_extras(soup)
    _material_listings(soup)
    _fold_hidden_cells(soup)
    _wrap_math(soup)
    _link_figures(soup, page, files, alts)
    title = soup.find("h1")
    if title is not None:
        title.insert_after(BeautifulSoup(_view_note(page, files), "html.parser"))
    headings = renumber(soup)
    page.toc = get_toc(nest_toc_tokens(
        [{"level": level, "id": slug, "name": html.escape(name)}
         for level, slug, name in headings]))
    page.meta.setdefault("search", {})["exclude"] = True
    return str(soup)


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


# One function per mend ---------------------------------------------------------


def _drop_jupyter_extras(soup: BeautifulSoup) -> None:
    """JupyterLab's inline CSS, MathJax's config and CDN tag, the copy
    button (its markup and code), mermaid's loader, empty script tags."""
    for style in soup.find_all("style"):
        style.decompose()
    for script in soup.find_all("script"):
        src, text = script.get("src"), script.string or ""
        if (script.get("type") == "text/x-mathjax-config" or src == ""
                or (src and "mathjax" in src.lower())
                or "clipboard-copy" in text or "ClipboardCopyElement" in text
                or (script.get("type") == "module" and "jp-Mermaid" in text)):
            script.decompose()
    for box in soup.select("div.zeroclipboard-container, div.clipboard-copy-txt"):
        box.decompose()


def _material_listings(soup: BeautifulSoup) -> None:
    """``div.highlight-ipynb.hl-LANG > pre`` (and an output's ``div.highlight``)
    become pymdownx's ``div.language-LANG.highlight > pre > code``."""
    for box in soup.select("div.highlight-ipynb, div.highlight"):
        pre = box.find("pre", recursive=False)
        if pre is None:
            continue
        lang = next((c[3:] for c in box.get("class", []) if c.startswith("hl-")), "text")
        lang = "python" if lang.startswith(("python", "ipython")) else lang
        code = soup.new_tag("code")
        for child in list(pre.contents):
            if isinstance(child, Tag) and child.name == "span" and not child.contents:
                child.extract()  # pygments' leading empty span: put back first
                continue
            code.append(child.extract())
        pre.append(soup.new_tag("span"))
        pre.append(code)
        box["class"] = [f"language-{lang}", "highlight"]


def _fold_hidden_cells(soup: BeautifulSoup) -> None:
    """Each folded cell's input goes into the chapter's collapsed box."""
    for cell in soup.find_all("div", id=re.compile(re.escape(FOLDED) + "$")):
        area = cell.find("div", class_="jp-Cell-inputWrapper") or cell
        box = soup.new_tag("details", attrs={"class": "example"})
        summary = soup.new_tag("summary")
        summary.string = FOLD_TITLE
        box.append(summary)
        area.wrap(box)


def _wrap_math(soup: BeautifulSoup) -> None:
    for text in list(soup.find_all(string=lambda t: "$" in t)):
        if isinstance(text, NavigableString) and type(text) is NavigableString \
                and not text.find_parent(_NOT_PROSE):
            _wrap_text_math(soup, text)


def _wrap_text_math(soup: BeautifulSoup, text: NavigableString) -> None:
    parent = text.parent
    whole = str(text)
    display = _DISPLAY_MATH.fullmatch(whole.strip())
    if display and parent.name == "p" and len(parent.contents) == 1:
        box = soup.new_tag("div", attrs={"class": "arithmatex"})
        box.string = f"\\[{display['tex']}\\]"
        parent.replace_with(box)
        return
    parts, last = [], 0
    for match in _DISPLAY_MATH.finditer(whole):
        parts += [*_inline(soup, whole[last:match.start()]),
                  _math_tag(soup, "div", f"\\[{match['tex']}\\]")]
        last = match.end()
    parts += _inline(soup, whole[last:])
    if len(parts) > 1 or not isinstance(parts[0], NavigableString):
        for part in parts:
            text.insert_before(part)
        text.extract()


def _inline(soup: BeautifulSoup, text: str) -> list:
    parts, last = [], 0
    for match in _INLINE_MATH.finditer(text):
        parts += [NavigableString(text[last:match.start()]),
                  _math_tag(soup, "span", f"\\({match['tex']}\\)")]
        last = match.end()
    return parts + [NavigableString(text[last:])]


def _math_tag(soup: BeautifulSoup, name: str, tex: str) -> Tag:
    tag = soup.new_tag(name, attrs={"class": "arithmatex"})
    tag.string = tex
    return tag


def _link_figures(soup: BeautifulSoup, page, files, alts: dict[str, str]) -> None:
    """Point inline SVG figures at the identical files under figures/, and
    show the dark version on the dark palette as chapter pages do (the
    notebook file itself keeps the light one)."""
    figures = {f.src_uri: f for f in files if f.src_uri.startswith("figures/")
               and f.src_uri.endswith(".svg")}
    published = {hashlib.sha256(f.content_bytes).hexdigest(): f for f in figures.values()}
    for img in soup.find_all("img", src=lambda s: s and s.startswith(_SVG_DATA)):
        data = base64.b64decode(img["src"][len(_SVG_DATA):])
        light = published.get(hashlib.sha256(data).hexdigest())
        if light is None:
            continue
        dark = figures.get(posixpath.join(posixpath.dirname(light.src_uri),
                                          dark_name(posixpath.basename(light.src_uri))))
        pairs = [(light, "#only-light"), (dark, "#only-dark")] if dark else [(light, "")]
        attrs = {k: v for k, v in img.attrs.items()
                 if k not in ("src", "alt", "width", "height")}
        alt = alts.get(posixpath.basename(light.src_uri), img.get("alt"))
        if alt is not None:  # the chapter's words, not nbconvert's placeholder
            attrs["alt"] = alt
        # its size, so that the page does not jump as it loads (as chapter pages)
        width, height = svg_size(light.content_bytes)
        for file, palette in pairs:
            src = posixpath.relpath(file.url, page.url or ".")
            link = soup.new_tag("a", attrs={"class": "ex-zoom", "href": src})
            link.append(soup.new_tag("img", attrs={
                "class": "ex-figure", "loading": "lazy", "src": src + palette, **attrs,
                "width": str(width), "height": str(height)}))
            img.insert_before(link)
        img.decompose()


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


def renumber(soup: BeautifulSoup) -> list[tuple[int, str, str]]:
    """Each heading gets the Markdown pages' slug (made unique as
    Python-Markdown's toc does: slug_1, slug_2) and a headerlink."""
    seen: set[str] = set()
    headings: list[tuple[int, str, str]] = []
    for heading in soup.find_all(re.compile("^h[1-6]$"), id=True):
        for anchor in heading.find_all("a", class_="anchor-link"):
            anchor.decompose()
        text = heading.get_text().strip()
        slug = unique(_SLUGIFY(text, "-") or "section", seen)
        headings.append((int(heading.name[1]), slug, text))
        heading["id"] = slug
        link = soup.new_tag("a", attrs={"class": "headerlink", "href": f"#{slug}",
                                        "title": "Permanent link"})
        link.string = "\u00b6"
        heading.append(link)
    return headings
