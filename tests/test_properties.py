"""Property-based tests (Hypothesis) on every extractor.

Texts are drawn both as arbitrary Unicode and as news-like soup: names,
reporting verbs, every kind of quote mark, numbers in all their spellings,
line endings and page furniture, in random order. For any of them the
extractors must not raise, every reported span must be valid and
``text[start:end]`` must be exactly the reported text; and what is found in one
document must not depend on the other documents analysed with it.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analysis import analyze
from analysis.attribution import find_attributions
from analysis.corpus import Corpus, CorpusError, Document, decode, document_from_text, documents_from_bytes
from analysis.extract import analyze_document
from analysis.figures import extract_figures
from analysis.names import canonical_names
from analysis.quotes import extract_quotes
from analysis.segment import segment

FRAGMENTS = [
    " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", ".", ",", ";", ":", "?", "!", "—", "–", "-", "(", ")", "/",
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "said", "says", "told", "added", "according to", "per", "claimed",
    "he", "she", "they", "it", "the", "a", "of", "and", "that", "who", "The", "Mr.", "Dr.", "Jane", "Doe", "Smith",
    "Ministry of Defence", "(MoD)", "CNN", "NATO", "soldiers", "people", "troops", "killed", "percent", "%", "$",
    "£", "€", "0", "1", "5", "12", "1,000", "3.5", "22,000", "10^6", "2 x 10^3", "1,2,3,4", "1-2", "two", "thousand",
    "a hundred", "dozens", "thousands", "first", "150th", "March 25", "2022", "COVID-19", "F-16", "about", "more than",
    "up to", "between", "million", "bn", "Photo:", "Getty Images", "AFP/", "Read more", "By Ann Lee", "is a reporter",
    "Advertisement", "I", "5'10\"", "'90s", "don't", "O'Brien", "…", "...", "\u00a0", "\u200b", "é", "ß", "Ж", "中",
    "🙂", "\x00", "\x0c",
]
news_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=120).map("".join)
any_text = st.one_of(news_like, st.text(max_size=400))
FAST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(any_text)
def test_segmentation_covers_the_text_with_valid_ordered_spans(text):
    seg = segment(text)
    previous_end = 0
    for p in seg.paragraphs:
        assert previous_end <= p.start < p.end <= len(text)
        previous_end = p.end
    paragraphs = {p.index: p for p in seg.paragraphs}
    for s in seg.sentences:
        p = paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
    for start, end in seg.passages:
        assert 0 <= start < end <= len(text)


@FAST
@given(any_text)
def test_quotes_are_exact_spans_of_the_text(text):
    for q in extract_quotes(text, segment(text)):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text


@FAST
@given(any_text)
def test_figures_are_exact_spans_with_finite_values(text):
    seg = segment(text)
    quotes = [(q.start, q.end, q.speaker) for q in extract_quotes(text, seg)]
    for f in extract_figures(text, seg, quotes):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert math.isfinite(f.value) and (f.high is None or math.isfinite(f.high))
        assert f.sentence_start <= f.start and f.end <= f.sentence_end


@FAST
@given(any_text)
def test_attributions_lie_inside_the_range_searched(text):
    cut = len(text) // 3
    for a in find_attributions(text, cut, len(text)):
        assert cut <= a.start < a.end <= len(text)
        assert a.speaker.strip() and a.verb
        assert a.speaker[0] not in "<>[](){}|/\\*#=+~^\"'“”‘’«»", a.speaker  # no markup or quote marks before a name


@FAST
@given(any_text)
def test_document_rows_trace_back_to_their_sentences(text):
    result = analyze_document(text)
    for start, end, quoted, *_, sentence_start, sentence_end in result.quotes:
        assert text[start:end] == quoted and sentence_start <= start and end <= sentence_end <= len(text)
    for start, end, written, *_ in result.figures:
        assert text[start:end] == written
    for name, count, kind in result.sources:
        assert name and count >= 1 and kind in ("person", "organisation")


@FAST
@given(st.lists(st.text(min_size=1, max_size=30), max_size=20), any_text)
def test_canonical_names_maps_every_name(names, text):
    canon = canonical_names(names, text)
    assert set(canon) == set(names) and all(canon.values())


@FAST
@given(st.lists(st.sampled_from(["Jane", "Ann", "Doe", "Doe's", "Roe-Smith", "Mr", "the", "said", ",", ".", "\n"]),
                max_size=40),
       st.lists(st.sampled_from(["Jane", "Ann", "Doe", "Roe", "Smith", "Mr"]), max_size=6))
def test_first_full_names_read_lazily_are_those_of_the_whole_text(words, wanted):
    from analysis.names import FirstFullNames
    from analysis.noun_phrases import person_name

    def first_full_name(word: str) -> str:
        """The first run of capitalised words holding ``word`` (or a word it is the stem of) after its first
        word: that word with up to two words before it, a title among them left out ("Mr")."""
        run: list[str] = []
        for token in [*words, ","]:
            if token[:1].isupper():
                run.append(token)
                continue
            for k, w in enumerate(run[1:], 1):
                if word == w or (len(word) >= 2 and w.startswith(word) and w[len(word)] in "-'"):
                    return person_name(" ".join([*run[max(0, k - 2) : k], word]))
            run = []
        return ""

    lazy = FirstFullNames(" ".join(words))
    assert [lazy.get(w) for w in wanted] == [first_full_name(w) for w in wanted]


@FAST
@given(any_text)
def test_metadata_inference_never_raises(text):
    if not text.strip():
        return
    doc = document_from_text("doc", text)
    assert "\r" not in doc.text and set(doc.meta_source) == set(doc.meta)


@FAST
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.csv", "a.jsonl", "a.md", "a.html"]))
def test_any_bytes_are_documents_or_one_clear_error(data, name):
    try:
        corpus = documents_from_bytes(name, data)
    except CorpusError as exc:
        assert str(exc).startswith(name) and "\n" not in str(exc)
        return
    assert len(corpus) >= 1 and all(d.text.strip() for d in corpus)


@FAST
@given(st.binary(max_size=600))
def test_decoding_gives_text_or_a_clear_error(data):
    try:
        assert isinstance(decode(data, "f.txt"), str)
    except CorpusError as exc:
        assert str(exc).startswith("f.txt: ")


PER_DOCUMENT = {"quotes": ["cluster"], "figures": ["group"], "sources": []}


@SLOW
@given(news_like.filter(str.strip), news_like.filter(str.strip))
def test_a_documents_findings_do_not_depend_on_the_rest_of_the_corpus(text, other):
    alone = analyze(Corpus([Document("a", text)]), workers=1)
    together = analyze(Corpus([Document("a", text), Document("b", other)]), workers=1)
    for table, corpus_level in PER_DOCUMENT.items():
        mine = getattr(together, table)
        mine = mine[mine["doc"] == "a"].drop(columns=corpus_level).reset_index(drop=True)
        assert_frame_equal(mine, getattr(alone, table).drop(columns=corpus_level).reset_index(drop=True),
                           check_dtype=False, check_index_type=False, obj=table)
    assert alone.texts["a"] == together.texts["a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "army", "said", "Army", "troops", "fled", "to", "a", "base", "base."]), max_size=30),
       st.lists(st.sampled_from(["the", "army", "said", "Army", "troops", "fled", "to", "a", "base", "camp"]), max_size=30))
def test_word_diffs_are_difflibs(a, b):
    # The compiled SequenceMatcher behind quote diffs must give the standard library's blocks exactly.
    import difflib

    from analysis.compare.words import word_diff, word_key

    line, ops = word_diff(" ".join(a), " ".join(b))
    reference = difflib.SequenceMatcher(a=[word_key(w) for w in a], b=[word_key(w) for w in b], autojunk=False)
    expected = [(tag, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for tag, i1, i2, j1, j2 in reference.get_opcodes()
                if tag != "equal"]
    assert [(op["op"], op["from"], op["to"]) for op in ops] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 30), st.sampled_from([-1.5, 0.0, 0.5, 2.0, 3.25])),
                unique_by=lambda e: (e[0], e[1]), max_size=120), st.integers(1, 5))
def test_top_terms_per_group_are_a_full_sorts(entries, k):
    # Distinctive terms keep each group's k highest scores without sorting every entry: the same as sorting.
    from analysis.topics import top_per_group

    entries.sort()
    g, t, z = (np.array([e[i] for e in entries], dtype=float if i == 2 else np.int64) for i in range(3))
    order = np.lexsort((t, -z, g))
    first = np.r_[0, np.flatnonzero(np.diff(g[order])) + 1]
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    top, top_rank = top_per_group(g, z, t, k)
    assert top.tolist() == order[rank < k].tolist() and top_rank.tolist() == rank[rank < k].tolist()


quote_like = st.lists(st.sampled_from(["we", "will", "not", "fight", "the", "war", "they", "said", "no", "orders"]),
                      min_size=1, max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(quote_like, quote_like), min_size=1, max_size=20))
def test_partial_scores_with_cutoffs_decide_matches_and_scores_as_full_scores_do(pairs):
    # Quote matching scores partial ratios with cutoffs; what it reads of them must be what the full scores give.
    from rapidfuzz import fuzz

    from analysis.compare.quotes import partial_scores, quote_scores

    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    ratio = quote_scores(left, right, fuzz.ratio)
    full = quote_scores(left, right, fuzz.partial_ratio)
    cut = partial_scores(left, right, ratio)
    matched = (ratio >= 80) | (full >= 92)
    assert np.array_equal(matched, (ratio >= 80) | (cut >= 92))
    assert np.array_equal(np.maximum(ratio, cut)[matched], np.maximum(ratio, full)[matched])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0.0, -0.0, 1.0, 0.5, 1e-9, -1e-9]), min_size=3, max_size=3), min_size=1,
                max_size=40), st.integers(1, 50))
def test_distinct_rows_counted_up_to_enough_are_numpys(rows, enough):
    # The topic model caps its number of topics by the distinct passages it reads this way.
    from analysis.topics import distinct_rows

    Z = np.asarray(rows)
    assert distinct_rows(Z, enough) == min(enough, len(np.unique(np.round(Z, 6), axis=0)))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXYZéÉß1_'’- .\n", max_size=60))
def test_passage_terms_are_the_words_of_three_letters_or_more(text):
    # Terms are found as runs of word characters that turn out to be letters; the same as matching whole words
    # of letters between word boundaries, which is slower.
    import re

    from analysis.lexicon import stop_words
    from analysis.tokens import passage_terms

    words = re.findall(r"\b[^\W\d_]{3,}\b", text.lower())
    assert passage_terms(text).split() == [w for w in words if w not in stop_words()]
    assert passage_terms("½ab x²yz") == ""  # a fraction or a power is not a letter


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sets(st.integers(0, 12), max_size=10), min_size=2, max_size=25), st.integers(1, 6),
       st.sampled_from([2, 3, 64]))
def test_candidate_partners_are_a_full_sorts_top_k(features, top_k, bins):
    # Candidates sort only what a histogram of shared counts says may be in an item's top_k; with few bins the
    # larger counts share one. Either way: each item's top_k later partners by shared features, then by partner.
    from analysis.compare import candidates as compare

    shared = {(i, j): len(features[i] & features[j]) for i in range(len(features)) for j in range(i + 1, len(features))}
    expected = []
    for i in range(len(features)):
        partners = sorted(((-n, j) for (a, j), n in shared.items() if a == i and n), key=lambda x: x)[:top_k]
        expected += sorted((i, j, -n) for n, j in partners)
    old_bins = compare._TOP_K_BINS
    compare._TOP_K_BINS = bins
    try:
        assert compare.candidate_pairs(features, max_df=len(features), top_k=top_k) == expected
    finally:
        compare._TOP_K_BINS = old_bins


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(quote_like, max_size=5), min_size=2, max_size=5))
def test_coded_sentences_score_as_their_words_and_align_alike_however_they_are_coded(narratives):
    # Sentence alignment compares words, each coded as one character; past a million words, as tuples of codes.
    from collections import Counter

    from rapidfuzz import fuzz

    from analysis.compare import alignment as compare

    coded = compare.code_narratives(narratives)
    sentences = [(s, c) for narr, codes in zip(narratives, coded.sentences) for s, c in zip(narr, codes)]
    for s, c in sentences:
        assert all(fuzz.ratio(s.split(), t.split()) == fuzz.ratio(c, d) for t, d in sentences)
    old_limit = compare._WORD_CODES
    compare._WORD_CODES = 0
    try:
        as_tuples = compare.code_narratives(narratives, [" ".join(set(" ".join(n).split())) for n in narratives])
    finally:
        compare._WORD_CODES = old_limit
    assert all(isinstance(c, tuple) for codes in as_tuples.sentences for c in codes)
    holding = Counter(code for codes in as_tuples.sentences for code in set().union(*map(set, codes)))
    assert [holding[k] for k in range(len(as_tuples.df))] == as_tuples.df == coded.df
    jobs = [(i, j) for i in range(len(narratives)) for j in range(len(narratives)) if i != j]
    assert (coded.phrases != as_tuples.phrases).nnz == 0 and list(coded.phrase_counts) == list(as_tuples.phrase_counts)
    assert compare._alignments(coded.sentences, jobs, coded.df) == compare._alignments(
        as_tuples.sentences, jobs, as_tuples.df)
