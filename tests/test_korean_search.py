"""한국어 검색: 빌드 때 색인의 낱말을 형태소로 나누는 규칙과 그 결과를 확인한다."""

import gzip
import json
import re
import time

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from sitebuild.search import words as korean
from tests.helpers import ROOT

ZWSP = korean.SEPARATOR
# The search plugin's separator in mkdocs.yml (checked against it below)
SPLITS = re.compile(
    r"""[\s\-\u200b,:;!?=/()\[\]{}"'“”‘’·…–—《》「」『』〈〉]+|\.(?!\d)|&[lg]t;""")

# Sentences in the site's style: they use 다층, 퍼셉트론, 손실, 함수 alone, so
# that an unspaced 다층퍼셉트론 or 손실함수 may be cut into those words.
CORPUS = [
    "다층 퍼셉트론은 입력층, 하나 이상의 은닉층, 출력층으로 이루어진다.",
    "손실 함수의 그레이디언트는 역전파로 구하고, 활성화 함수는 층마다 고른다.",
    "분류 문제에서는 출력층에 소프트맥스 함수를 쓴다.",
]

# One table for both sides: how the build cuts a word form in the index
# ("|" marks U+200B), and what korean-search.js makes of the same form typed
# as a query (tests/browser/test_korean_search.py runs the JavaScript).
FORMS = [
    ("퍼셉트론을", "퍼셉트론|을", "퍼셉트론"),
    ("퍼셉트론은", "퍼셉트론|은", "퍼셉트론"),
    ("역전파는", "역전파|는", "역전파"),
    ("활성화 함수의", "활성화 함수|의", "활성화 함수"),
    ("소프트맥스를", "소프트맥스|를", "소프트맥스"),
    ("은닉층에서", "은닉층|에서", "은닉층"),
    ("다층퍼셉트론", "다층|퍼셉트론", "다층 퍼셉트론"),
    ("다층퍼셉트론을", "다층|퍼셉트론|을", "다층 퍼셉트론"),
    ("퍼셉트론들을", "퍼셉트론|들을", "퍼셉트론"),
    ("손실함수를", "손실|함수|를", "손실 함수"),
    ("신경망으로", "신경망|으로", "신경망"),
    ("퍼셉트론이다", "퍼셉트론|이다", "퍼셉트론"),
    ("분류하는", "분류|하는", "분류"),
    ("학습시켰습니다", "학습|시켰습니다", "학습"),
    ("Keras로", "Keras|로", "Keras"),
    ("TLU를", "TLU|를", "TLU"),
]


SEGMENTER = korean.Segmenter()  # Kiwi loads on first use, once


def segment(texts):
    return korean.segment_texts(texts, SEGMENTER, SPLITS)


@pytest.fixture(scope="module")
def table_cut():
    """The corpus and every form of FORMS, cut once (Kiwi loads once)."""
    texts, lexicon = segment(CORPUS + [form for form, _, _ in FORMS])
    return dict(zip([form for form, _, _ in FORMS], texts[len(CORPUS):])), lexicon


@pytest.mark.parametrize("form, cut, query", FORMS)
def test_index_cuts_a_word_form_between_stem_and_particle(table_cut, form, cut,
                                                          query):
    """색인에서 낱말 꼴이 어간과 조사·어미 사이에서 보이지 않게 나뉘는지 확인한다."""
    texts, _ = table_cut
    assert texts[form].replace(ZWSP, "|") == cut


@pytest.mark.parametrize("form, cut, query", FORMS)
def test_query_column_is_the_stems_of_the_cut(table_cut, form, cut, query):
    """표의 질의 칸이 색인이 나눈 조각에서 조사·어미를 뺀 어간과 같은지 확인한다."""
    _, lexicon = table_cut
    pieces = re.split(r"[| ]", cut)
    stems = [p for p in pieces if p not in lexicon.suffixes]
    assert stems == query.split()
    assert all(p.lower() in lexicon.stems for p in stems if korean.has_hangul(p))


def test_lexicon_holds_stems_and_suffixes_found_in_the_text(table_cut):
    """어휘 목록에 본문의 어간과 본문에서 찾은 조사·어미가 들어가는지 확인한다."""
    _, lexicon = table_cut
    assert {"퍼셉트론", "역전파", "은닉층", "소프트맥스", "다층"} <= lexicon.stems
    assert "다층퍼셉트론" not in lexicon.stems  # always cut, never a token
    assert {"을", "에서", "들을", "시켰습니다"} <= lexicon.suffixes
    data = lexicon.to_json()
    assert data["stems"] == sorted(data["stems"])
    assert data["min_part"] == korean.MIN_PART


def test_cut_text_reads_the_same_without_the_separator():
    """나눈 글에서 U+200B만 지우면 원래 글과 한 글자도 다르지 않은지 확인한다."""
    texts, _ = segment(CORPUS)
    assert [t.replace(ZWSP, "") for t in texts] == CORPUS
    assert all(ZWSP in t for t in texts)


def test_markup_entities_and_code_are_left_whole():
    """HTML 태그, 엔터티, 영문 코드에는 구분자를 넣지 않는지 확인한다."""
    text = "<p>퍼셉트론을 <code>X_train</code>과 &lt;b&gt; model.fit</p>"
    [cut], _ = segment([text])
    assert cut.replace(ZWSP, "|") == (
        "<p>퍼셉트론|을 <code>X_train</code>과 &lt;b&gt; model.fit</p>")


@pytest.mark.parametrize("word", ["만든다", "했다", "됐습니다"])
def test_contracted_syllable_is_never_cut(word):
    """두 형태소가 한 음절로 줄어든 낱말(만든다, 했다)은 자르지 않는지 확인한다."""
    [cut], _ = segment([word])
    assert cut == word


def test_cutting_twice_gives_the_same_text():
    """이미 나눈 글을 다시 나눠도 같은 결과가 나오는지 확인한다."""
    once, _ = segment(CORPUS)
    twice, _ = segment(once)
    assert twice == once


@pytest.mark.parametrize("word, words, parts", [
    ("다층퍼셉트론", {"다층", "퍼셉트론"}, ["다층", "퍼셉트론"]),
    ("손실함수", {"손실", "함수", "손실함수"}, ["손실", "함수"]),
    ("하이퍼파라미터", {"하이", "퍼파", "라미터", "하이퍼", "파라미터"},
     ["하이퍼", "파라미터"]),  # fewest parts
    ("출력층", {"출력", "층"}, ["출력층"]),  # 층 is one letter
    ("함수", {"함", "수"}, ["함수"]),
    ("역전파", {"역전"}, ["역전파"]),  # 파 is not a word of the site
])
def test_split_compound_table(word, words, parts):
    """띄어 쓰지 않은 합성어를 사이트가 따로 쓰는 두 글자 이상 낱말로만 나누는지 확인한다."""
    assert korean.split_compound(word, words) == parts


@pytest.mark.parametrize("tag, form, kind", [
    ("NNG", "함수", "stem"), ("NNP", "퍼셉트론", "stem"), ("VV", "만들", "stem"),
    ("XSN", "화", "stem"), ("XSN", "들", "suffix"), ("JKO", "을", "suffix"),
    ("JX", "는", "suffix"), ("EF", "다", "suffix"), ("XSV", "하", "suffix"),
    ("VCP", "이", "suffix"), ("SL", "Keras", "latin"), ("SN", "3", "latin"),
    ("SH", "漢字", "hanja"), ("SF", ".", "other"), ("W_EMOJI", "😀", "other"),
])
def test_kiwi_tags_map_to_word_parts(tag, form, kind):
    """Kiwi 품사 태그가 어간·조사/어미·로마자·한자·기타로 나뉘는지 확인한다."""
    assert korean.kind_of(tag, form) == kind


def test_segment_index_changes_only_titles_and_texts():
    """검색 색인에서 제목과 본문만 나누고 주소와 설정은 그대로 두는지 확인한다."""
    index = {"config": {"separator": SPLITS.pattern},
             "docs": [{"location": "mlp/#역전파를-쓰는-이유",
                       "title": "역전파를 쓰는 이유",
                       "text": "<p>은닉층에서 그레이디언트를 구한다.</p>"}]}
    new, _ = korean.segment_index(index, SEGMENTER, SPLITS)
    doc = new["docs"][0]
    assert new["config"] == index["config"]
    assert doc["location"] == index["docs"][0]["location"]
    assert doc["title"].replace(ZWSP, "|") == "역전파|를 쓰|는 이유"
    assert doc["text"].replace(ZWSP, "") == index["docs"][0]["text"]
    assert index["docs"][0]["title"] == "역전파를 쓰는 이유"  # input untouched


def test_tokens_are_kept_on_disk_by_text(tmp_path):
    """분석한 글의 토큰을 파일에 두어, 다음 빌드는 바뀐 글만 Kiwi로 분석하는지 확인한다."""
    store = tmp_path / "kiwi-tokens.json"
    segment(["한국어"])  # load the shared Kiwi once, then lend it out
    first = korean.Segmenter(store, kiwi=SEGMENTER.kiwi)
    cut, _ = korean.segment_texts(CORPUS, first, SPLITS)
    assert first.analysed == len(CORPUS) and store.is_file()
    second = korean.Segmenter(store)  # a new build process
    assert korean.segment_texts(CORPUS, second, SPLITS)[0] == cut
    assert second.analysed == 0 and not second.loaded  # Kiwi never loaded
    lent = korean.Segmenter(store, kiwi=SEGMENTER.kiwi)
    korean.segment_texts(CORPUS[:2] + ["퍼셉트론을 고쳐 쓴 문장."], lent, SPLITS)
    assert lent.analysed == 1
    store.write_text("{깨진 파일", encoding="utf-8")
    third = korean.Segmenter(store, kiwi=SEGMENTER.kiwi)
    assert korean.segment_texts(CORPUS, third, SPLITS)[0] == cut
    assert third.analysed == len(CORPUS)  # an unreadable store is only a miss


def test_preloaded_kiwi_is_the_one_that_analyses(tmp_path, monkeypatch):
    """serve에서 미리 불러 둔 Kiwi를 새 글 분석이 기다렸다가 쓰고, 다시 만들지 않는지 확인한다."""
    made = []

    def fake_kiwi():
        made.append(1)
        time.sleep(0.3)  # still loading when the analysis asks for it
        return SEGMENTER.kiwi

    segment(["한국어"])  # the shared Kiwi, lent out
    monkeypatch.setattr(korean, "_new_kiwi", fake_kiwi)
    segmenter = korean.Segmenter(tmp_path / "kiwi-tokens.json")
    segmenter.preload()
    segmenter.preload()  # a second rebuild does not start another
    cut, _ = korean.segment_texts(CORPUS[:1], segmenter, SPLITS)
    assert made == [1] and segmenter.analysed == 1
    assert cut == korean.segment_texts(CORPUS[:1], SEGMENTER, SPLITS)[0]


def test_a_long_run_of_hangul_is_not_split():
    """띄어쓰기 없는 아주 긴 한글은 낱말로 쪼개지 않고 그대로 두는지 확인한다(시간이 제곱으로 늘지 않게)."""
    words = {"다층", "퍼셉트론"}
    assert korean.split_compound("다층퍼셉트론", words) == ["다층", "퍼셉트론"]
    long = "다층퍼셉트론" * 20_000
    assert korean.split_compound(long, words) == [long]


def configure(separator=None):
    """The real mkdocs.yml after the search plugin's and the site plugin's on_config."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    search = config.plugins["material/search"]
    if separator is not None:
        search.config.separator = separator
    search.on_config(config)
    config.plugins["handson-site"].on_config(config)
    return search.config


def test_site_config_separator_splits_on_u200b():
    """mkdocs.yml의 검색 separator가 이 테스트의 것과 같고 U+200B로 나누는지 확인한다."""
    separator = configure().separator  # the hook accepts it
    assert separator == SPLITS.pattern
    assert re.split(separator, f"퍼셉트론{ZWSP}을") == ["퍼셉트론", "을"]


def test_build_stops_on_a_separator_without_u200b():
    """검색 separator가 U+200B로 나누지 않으면 빌드가 이유를 밝히며 멈추는지 확인한다."""
    with pytest.raises(PluginError, match=r"U\+200B"):
        configure(separator=r"[\s\-]+")


# The built site --------------------------------------------------------------


@pytest.mark.slow
def test_built_index_is_cut_and_small(built_site):
    """빌드한 색인의 한국어 낱말이 나뉘고 색인과 어휘 파일이 gzip 300KB 이하인지 확인한다."""
    folder = built_site["site"] / "search"
    raw = (folder / "search_index.json").read_bytes()
    lexicon_raw = (folder / "korean-search.json").read_bytes()
    index, lexicon = json.loads(raw), json.loads(lexicon_raw)
    size = len(gzip.compress(raw)) + len(gzip.compress(lexicon_raw))
    print(f"\nsearch index {len(raw) / 1024:.0f} KB + lexicon "
          f"{len(lexicon_raw) / 1024:.0f} KB; gzip together {size / 1024:.0f} KB")
    assert size <= 300 * 1024
    texts = [doc[name] for doc in index["docs"] for name in ("title", "text")]
    assert any(f"퍼셉트론{ZWSP}을" in t for t in texts)
    assert all(ZWSP not in doc["location"] for doc in index["docs"])
    # Every U+200B sits inside a word, next to Korean, never doubled
    for text in texts:
        for m in re.finditer(ZWSP, text):
            left, right = text[m.start() - 1], text[m.end()]
            assert korean.has_hangul(left + right), text[m.start() - 20:m.end() + 20]
            assert not SPLITS.fullmatch(left) and not SPLITS.fullmatch(right)
    assert {"퍼셉트론", "역전파", "은닉층", "소프트맥스", "활성화"} <= set(lexicon["stems"])
    assert {"을", "는", "에서", "의"} <= set(lexicon["suffixes"])
