"""Glossary terms a keyboard can reach: a Markdown extension.

The glossary (``includes/glossary.md``, appended to every page) becomes
``<abbr title="…">`` elements through Python-Markdown's ``abbr`` extension,
whose text Material shows as a tooltip (``content.tooltips``) on hover and on
focus. An ``<abbr>`` cannot take focus, so a reader on a keyboard never saw a
definition; this gives each one ``tabindex="0"``. The abbr extension has no
option for it, hence these few lines, which run after its tree processor.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class FocusableTerms(Treeprocessor):
    def run(self, root):
        for term in root.iter("abbr"):
            if term.get("title"):
                term.set("tabindex", "0")


class FocusableTermsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(FocusableTerms(md), "focusable_terms", 6)  # after abbr (7)


def makeExtension(**kwargs):
    return FocusableTermsExtension(**kwargs)
