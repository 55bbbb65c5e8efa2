"""Split Korean word forms for the search index (pure logic, no MkDocs).

Korean glues particles and endings to the word they follow: ``퍼셉트론을``,
``역전파는``, ``은닉층에서``. Material's lunr search splits only where the
plugin's ``separator`` matches, so without help ``퍼셉트론을`` is one token
and a search for ``퍼셉트론은`` cannot find it.

Kiwi (kiwipiepy) finds the morphemes of each word. Where a word's content
part (noun, verb stem, Latin name) meets its particles or endings, we insert
:data:`SEPARATOR` (U+200B, zero width, invisible) into the index text, and
the search plugin's ``separator`` splits on it too: ``퍼셉트론\\u200b을``
becomes the tokens ``퍼셉트론`` and ``을`` while the result snippet still
reads ``퍼셉트론을``. A noun written without its space (``다층퍼셉트론``) is
cut where it is made of two words the site also uses alone.

The :class:`Lexicon` (stems and suffixes found) goes to the browser, where
``korean-search.js`` cuts the reader's query the same way.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from sitebuild.store import Store

SEPARATOR = "\u200b"
# A compound is cut only into parts this long: "다층|퍼셉트론", never "함|수".
MIN_PART = 2
# Longer runs of Hangul are not cut into words (the search is quadratic in it).
MAX_COMPOUND = 40
# Particles and endings a reader may type even if the site never uses them
# after a given word; the index adds every suffix Kiwi finds in the text.
COMMON_SUFFIXES = frozenset("""
이 가 을 를 은 는 의 에 에서 에게 께 한테 로 으로 와 과 도 만 까지 부터
보다 처럼 같이 마다 이나 나 이란 란 이라는 라는 이라고 라고 이며 며 이고 고
이다 다 입니다 인 일 이면 면 들 들이 들을 들은 들의 들에 들로 들과
하다 하는 하고 하면 하여 해 해서 한 할 함 하기 된 되는 되다 시키는 시키다
에서는 에서도 에는 에도 으로는 로는 와는 과는 만을 만의 이라 라
""".split())

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af]")
_MARKUP = re.compile(r"<[^>]*>|&#?\w+;")

# Kiwi part-of-speech tags (https://github.com/bab2min/kiwipiepy#품사-태그)
_SUFFIX_TAGS = ("J", "E", "VCP", "XSV", "XSA", "XSM")
_STEM_TAGS = ("NN", "NR", "NP", "XPN", "XSN", "XR", "VV", "VA", "VX", "VCN",
              "MM", "MA", "IC")
_LATIN_TAGS = ("SL", "SN")


@dataclass(frozen=True)
class Piece:
    """A span of one word: its content part ("stem"), its particles and
    endings ("suffix"), a stem contracted with its ending ("fused": 했다),
    Latin letters or digits ("latin"), Hanja ("hanja") or anything else."""

    start: int
    end: int
    kind: str


@dataclass
class Lexicon:
    """What the query side needs: index tokens that are stems, and suffixes."""

    stems: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=lambda: set(COMMON_SUFFIXES))

    def to_json(self) -> dict:
        return {"min_part": MIN_PART,
                "stems": sorted(self.stems), "suffixes": sorted(self.suffixes)}


class Tok(NamedTuple):
    """The parts of a Kiwi token that the rules use (kiwipiepy.Token has more)."""

    form: str
    tag: str
    start: int
    len: int


class Segmenter:
    """Kiwi, loaded only when a text has not been analysed before.

    The tokens of every text analysed are kept by the text's hash, in memory
    and, with ``store``, in a JSON file: a rebuild analyses only the texts
    that changed, and a build whose texts all are known never loads Kiwi
    (about two seconds). The file names the Kiwi version that made it and is
    read and written through the cache store (:mod:`sitebuild.store`).
    ``kiwi`` lends an analyser already loaded (tests share one).
    """

    def __init__(self, store: Path | None = None, kiwi=None):
        self._kiwi = kiwi
        self._loading: threading.Thread | None = None
        self.store = Path(store) if store else None
        self._known: dict[str, list[Tok]] | None = None
        self.analysed = 0  # texts Kiwi analysed in the last call
        self.texts = 0  # texts in the last call
        self.memo = _Memo()  # what segment_texts keeps between rebuilds

    def tokens(self, texts: list[str]) -> list[list[Tok]]:
        known = self._load()
        keys = [_digest(text) for text in texts]
        new = {key: text for key, text in zip(keys, texts) if key not in known}
        if new:
            for key, tokens in zip(new, self.kiwi.tokenize(list(new.values()))):
                known[key] = [Tok(t.form, t.tag, t.start, t.len) for t in tokens]
        self.analysed, self.texts = len(new), len(texts)
        self._known = {key: known[key] for key in keys}
        if new or len(self._known) != len(known):
            self._save()
        return [self._known[key] for key in keys]

    @property
    def kiwi(self):
        """The analyser, loaded now if it was not (waits for :meth:`preload`)."""
        if self._loading is not None:
            self._loading.join()
        if self._kiwi is None:
            self._kiwi = _new_kiwi()
        return self._kiwi

    @property
    def loaded(self) -> bool:
        return self._kiwi is not None

    def preload(self) -> None:
        """Load Kiwi in the background now (``mkdocs serve``, after the first
        build), so that the first edit with new words does not wait for it."""
        if self._kiwi is None and self._loading is None:
            def load():
                self._kiwi = _new_kiwi()

            self._loading = threading.Thread(target=load, name="kiwi-preload", daemon=True)
            self._loading.start()

    def _load(self) -> dict[str, list[Tok]]:
        if self._known is None:
            self._known = {}
            data = Store(self.store.parent).get_json(self.store.name) if self.store else None
            if data is not None and data.get("kiwi") == _kiwi_version():
                try:
                    self._known = {key: [Tok(*t) for t in tokens]
                                   for key, tokens in data["texts"].items()}
                except (TypeError, KeyError, AttributeError):
                    self._known = {}  # not what _save writes: analyse again
        return self._known

    def _save(self) -> None:
        if self.store:  # a write that fails only makes the next build analyse again
            Store(self.store.parent).put_json(
                self.store.name, {"kiwi": _kiwi_version(), "texts": self._known})


def _new_kiwi():
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    kiwi.tokenize("가")  # its model loads on the first call (over a second)
    return kiwi


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _kiwi_version() -> str:
    names = ("kiwipiepy", "kiwipiepy-model")
    return " ".join(f"{n}=={importlib.metadata.version(n)}" for n in names)


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None


def kind_of(tag: str, form: str = "") -> str:
    """Which part of a word a Kiwi tag (and form) belongs to; see Piece."""
    if tag == "XSN" and form == "들":  # plural: "퍼셉트론들을" → 퍼셉트론
        return "suffix"
    if tag.startswith(_SUFFIX_TAGS):
        return "suffix"
    if tag.startswith(_STEM_TAGS):
        return "stem"
    if tag.startswith(_LATIN_TAGS):
        return "latin"
    return "hanja" if tag == "SH" else "other"


def pieces(tokens: Iterable[Tok]) -> list[Piece]:
    """Merge Kiwi tokens into pieces: runs of the same kind become one piece.

    Tokens that overlap (Kiwi restores contracted syllables: 했 = 하 + 었)
    cannot be cut apart; a stem fused with its ending keeps what follows.
    """
    result: list[Piece] = []
    for token in tokens:
        kind = kind_of(token.tag, token.form)
        start, end = token.start, token.start + token.len
        if result:
            last = result[-1]
            fused = start < last.end
            if fused or (start == last.end and _same(last.kind, kind)):
                merged = "fused" if fused and last.kind != kind else last.kind
                result[-1] = Piece(last.start, max(end, last.end), merged)
                continue
        result.append(Piece(start, end, kind))
    return result


def split_compound(word: str, words: set[str]) -> list[str]:
    """Cut ``word`` into the fewest parts that are all in ``words``.

    Each part has at least :data:`MIN_PART` characters and there are at
    least two, or ``word`` comes back whole.
    """
    n = len(word)
    if n < 2 * MIN_PART or n > MAX_COMPOUND:
        return [word]
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(MIN_PART, n + 1):
        for start in range(0, end - MIN_PART + 1):
            part = word[start:end]
            if best[start] is not None and part != word and part in words:
                if best[end] is None or len(best[start]) + 1 < len(best[end]):
                    best[end] = best[start] + [part]
    return best[n] if best[n] and len(best[n]) > 1 else [word]


def segment_texts(texts: list[str], segmenter: Segmenter,
                  splits: re.Pattern) -> tuple[list[str], Lexicon]:
    """Insert :data:`SEPARATOR` into each text between a Korean word's parts.

    ``texts`` may hold HTML (the search index keeps ``<p>``, ``<code>``):
    markup and entities are left alone. ``splits`` is the search plugin's
    separator; no SEPARATOR is put next to a character it already splits on.
    Returns the new texts and the lexicon of stems and suffixes.
    """
    clean = [text.replace(SEPARATOR, "") for text in texts]
    masked = [_MARKUP.sub(lambda m: " " * len(m.group()), text) for text in clean]
    memo = segmenter.memo  # the same tokens for the same text
    analysed = _pieces_of(masked, segmenter.tokens(masked), memo)

    lexicon = Lexicon()
    words = {text[p.start:p.end].lower()
             for text, found in zip(clean, analysed)
             for p in found if p.kind == "stem" and has_hangul(text[p.start:p.end])}
    if (words, splits) != (memo.words, memo.splits) \
            or len(memo.segmented) > 50 * len(texts):
        # a text's cuts depend on every text's stems
        memo.words, memo.splits, memo.segmented = words, splits, {}
    result = []
    for text, found in zip(clean, analysed):
        if text not in memo.segmented:
            memo.segmented[text] = _segment(text, found, words, splits)
        segmented, stems, suffixes = memo.segmented[text]
        lexicon.stems.update(stems)
        lexicon.suffixes.update(suffixes)
        result.append(segmented)
    return result, lexicon


def segment_index(index: dict, segmenter: Segmenter,
                  splits: re.Pattern) -> tuple[dict, Lexicon]:
    """Segment the titles and texts of a Material ``search_index.json``."""
    docs = index["docs"]
    fields = [(i, name) for i, doc in enumerate(docs)
              for name in ("title", "text") if isinstance(doc.get(name), str)]
    texts, lexicon = segment_texts([docs[i][name] for i, name in fields],
                                   segmenter, splits)
    new_docs = [dict(doc) for doc in docs]
    for (i, name), text in zip(fields, texts):
        new_docs[i][name] = text
    return {**index, "docs": new_docs}, lexicon


# Helper functions -----------------------------------------------------------


class _Memo:
    """What a segmenter keeps for a serve rebuild, which segments mostly the
    same texts again: each masked text's pieces, and each text's cuts
    and lexicon for the current stems and separator."""

    def __init__(self):
        self.pieces: dict[str, list[Piece]] = {}
        self.words: set[str] = set()
        self.splits: re.Pattern | None = None
        self.segmented: dict[str, tuple[str, set[str], set[str]]] = {}



def _pieces_of(masked: list[str], tokens: list[list[Tok]], memo: _Memo) -> list[list[Piece]]:
    if len(memo.pieces) > 50 * len(masked):  # texts of many edits ago
        memo.pieces = {}
    for text, found in zip(masked, tokens):
        if text not in memo.pieces:
            memo.pieces[text] = pieces(found)
    return [memo.pieces[text] for text in masked]


def _segment(text: str, found: list[Piece], words: set[str], splits: re.Pattern
             ) -> tuple[str, set[str], set[str]]:
    """One text with its cuts, and the stems and suffixes it adds."""
    stems: set[str] = set()
    suffixes: set[str] = set()
    cuts: set[int] = set()
    for prev, piece in zip([None, *found], found):
        value = text[piece.start:piece.end]
        if piece.kind in ("stem", "fused") and has_hangul(value):
            key = value.lower()
            parts = [key]
            if piece.kind == "stem" and len(key) == len(value):
                parts = split_compound(key, words)
            stems.update(parts)
            offset = piece.start
            for part in parts[:-1]:
                offset += len(part)
                cuts.add(offset)
        elif piece.kind == "suffix" and has_hangul(value):
            suffixes.add(value)
        if prev is not None and prev.end == piece.start:
            cuts.add(piece.start)
    return _insert(text, sorted(cuts), splits), stems, suffixes


def _same(a: str, b: str) -> bool:
    return a == b or (a == "fused" and b == "suffix")


def _insert(text: str, cuts: list[int], splits: re.Pattern) -> str:
    out, last = [], 0
    for cut in cuts:
        if not 0 < cut < len(text):
            continue
        left, right = text[cut - 1], text[cut]
        if not (has_hangul(left) or has_hangul(right)):
            continue  # only Korean words: code such as X_train stays whole
        if splits.fullmatch(left) or splits.fullmatch(right) or left == "<" \
                or right in "<&":
            continue
        out.append(text[last:cut])
        out.append(SEPARATOR)
        last = cut
    out.append(text[last:])
    return "".join(out)
