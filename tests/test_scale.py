"""Scaling parts of the engine: candidate generation, parallel extraction, skipped rows."""

import csv
import io
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

from analysis import analyze, load_corpus
from analysis.compare import candidate_pairs
from analysis.corpus import CorpusError, documents_from_bytes
from analysis.topics import TermCounts

from .conftest import SEEDS


def test_candidate_pairs_share_a_feature_and_skip_common_features_and_same_block():
    features = [{"rare", "the"}, {"rare", "the"}, {"the"}, {"other", "the"}, {"other"}]
    pairs = candidate_pairs(features, max_df=2)
    assert pairs == [(0, 1, 1), (3, 4, 1)]  # "the" is in 4 items: more than max_df, ignored
    assert candidate_pairs(features, max_df=2, blocks=["a", "a", "b", "c", "c"]) == []


def test_candidate_pairs_keep_each_items_closest_partners_only():
    # Item 0 shares one feature with items 1..5 and three with item 6.
    features = [{"x", "y", "z"}] + [{"x"}] * 5 + [{"x", "y", "z"}]
    pairs = candidate_pairs(features, top_k=2)
    from_first = [(j, shared) for i, j, shared in pairs if i == 0]
    assert from_first == [(1, 1), (6, 3)]  # the best (6) and then the first of the ties


def test_worker_processes_extract_and_run_the_comparison_chunks_with_the_same_tables(monkeypatch):
    from analysis import pipeline, run
    from analysis.compare import alignment, candidates, quotes
    from analysis.run import local

    submitted = Counter()

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            # The comparison's chunks go as serial_map(step, chunks, ...), extraction as batches of documents
            # (a partial, which has no name), the topic model and the figure groups as themselves.
            submitted[args[0].__name__ if fn is run.serial_map else getattr(fn, "__name__", "documents")] += 1
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(local, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(pipeline, "_PARALLEL_MIN_DOCS", 1)
    # Chunks small enough that the seeds make several of each.
    monkeypatch.setattr(candidates, "_CANDIDATE_BLOCK_ROWS", 7)
    monkeypatch.setattr(candidates, "_CANDIDATE_MIN_BLOCK_ROWS", 7)
    monkeypatch.setattr(alignment, "_ALIGN_CHUNK_CELLS", 1)
    monkeypatch.setattr(quotes, "_DIFF_CHUNK_PAIRS", 1)
    corpus = load_corpus(SEEDS)
    one = analyze(corpus, workers=1)
    assert not submitted
    two = analyze(corpus, workers=2)
    for name, table in one.tables().items():
        pd.testing.assert_frame_equal(table, two.tables()[name], obj=name)
    assert set(one.timings) == {"clean", "quotes", "figures", "topics", "comparison"}
    # Who runs the comparison's chunks depends on which workers are free (tested below); the documents went to them.
    assert submitted["documents"] >= 1
    # The topic model, the figure groups and the word neighbours ran in the workers beside the quote matching.
    assert submitted["_topics"] == 1 and submitted["link_figures"] == 1 and submitted["_word_neighbours"] == 1


def test_chunks_go_to_the_free_workers_and_stay_here_while_the_workers_are_busy():
    import os
    from concurrent.futures import Future

    from analysis.run.local import ProcessExecutor

    chunks = list(range(7))
    with ProcessPoolExecutor(2) as pool:
        workers = ProcessExecutor(pool, 2)
        where = workers.map_chunks(_pid_of, chunks, offset=10)
        assert [x for x, _ in where] == [10 + c for c in chunks]  # every chunk, in order, whoever ran it
        # This process starts on the first chunk; the free workers are sent shares of the others (two shares,
        # which one worker may take both of).
        assert where[0][1] == os.getpid() and {pid for _, pid in where} - {os.getpid()}
        busy = Future()  # a background job still running (the topic model): its worker gets no share
        workers.jobs.append(busy)
        assert len({pid for _, pid in workers.map_chunks(_pid_of, chunks, offset=0)} - {os.getpid()}) <= 1
        workers.jobs.append(Future())
        assert {pid for _, pid in workers.map_chunks(_pid_of, chunks, offset=0)} == {os.getpid()}
        workers.jobs.append(Future())  # more background jobs than workers (one queued): still all done here
        assert workers.map_chunks(_pid_of, chunks, offset=0) == [(c, os.getpid()) for c in chunks]


def _pid_of(chunk: int, *, offset: int) -> tuple[int, int]:
    import os

    return chunk + offset, os.getpid()


def test_a_large_table_is_read_on_worker_processes_with_the_same_documents_and_notes(monkeypatch):
    from analysis import corpus as corpus_module
    from analysis.run import local

    pools = []

    class CountingPool(ProcessPoolExecutor):
        def map(self, fn, *iterables, **kwargs):
            pools.append(fn.__name__)
            return super().map(fn, *iterables, **kwargs)

    monkeypatch.setattr(local, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(local, "_can_fork", lambda: True)  # the test runner may have threads of its own
    seeds = load_corpus(SEEDS)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["id", "link", "text"])
    for d in seeds:
        writer.writerow([d.id, "https://www.example.org/a", d.text])
    writer.writerow(["empty", "", ""])
    writer.writerow(["other", "", "Der Minister sagte am Montag, dass die Schulen geschlossen bleiben und die Eltern "
                     "sich auf eine lange Zeit ohne Unterricht einstellen müssen, wie die Zeitung berichtet. " * 4])
    data = rows.getvalue().encode()
    one = documents_from_bytes("export.csv", data)
    assert not pools
    monkeypatch.setattr(corpus_module, "_PARALLEL_MIN_CHARS", 1)
    many = documents_from_bytes("export.csv", data)
    assert pools == ["_text_facts"]
    assert [(d.id, d.text, d.meta, d.meta_source) for d in many] == [(d.id, d.text, d.meta, d.meta_source) for d in one]
    assert many.notes == one.notes and len(many.notes) == 2  # the empty row, and the text not in English
    assert "does not look like English" in many.notes[1]
    assert {d.meta.get("outlet") for d in many} == {"example.org", None}
    assert any(d.meta_source.get("title", "").startswith("text") for d in many)
    # A bad row found while the workers are busy is still one clear error.
    with pytest.raises(CorpusError, match=r"row 3: the id 'a' is already used by row 2"):
        documents_from_bytes("twice.csv", b"id,text\na,One text here.\na,Another text.\n" + data.split(b"\n", 1)[1])


def test_csv_rows_without_text_are_skipped_and_named():
    data = b"id,title,text\na,First,Officials said 12 schools closed.\nb,Second,\nc,Third,Police said 3 people were hurt.\n"
    corpus = documents_from_bytes("export.csv", data)
    assert corpus.ids == ["a", "c"]
    assert corpus.notes == ["export.csv, row 3: no text; row skipped"]


def test_a_quote_everybody_carries_does_not_pair_every_document():
    from analysis.compare import document_pairs, word_neighbours

    words = ["harbour", "election", "vaccine", "drought", "festival", "railway", "museum", "tariff"]
    ids = [f"d{i}" for i in range(60)]
    texts = [f"Story {i} about the {words[i % 8]} number {i} in town {i}." for i in range(60)]
    neighbours = word_neighbours(TermCounts.from_texts(texts).matrix)
    few, everyone = {d: {1} for d in ids[:3]}, {d: {1} for d in ids}
    pairs = document_pairs(ids, few, neighbours)
    assert {(ids[a], ids[b]) for a, b in zip(pairs.left, pairs.right)} >= {("d0", "d1"), ("d0", "d2"), ("d1", "d2")}
    pairs = document_pairs(ids, everyone, neighbours)
    assert len(pairs.left) < 60 * 15  # neighbours by vocabulary only, not all 1,770 pairs of the 60


def test_a_trie_of_words_matches_exactly_what_the_plain_alternation_matches():
    import re

    from analysis.attribution import REPORTING_VERBS
    from analysis.patterns import words_pattern

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    plain = re.compile(r"\b(" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")\b")
    trie = re.compile(r"\b(" + words_pattern(REPORTING_VERBS) + r")\b")
    found = [(m.start(), m.group()) for m in trie.finditer(text)]
    assert found == [(m.start(), m.group()) for m in plain.finditer(text)] and len(found) > 50


def test_a_start_scan_finds_what_the_look_behind_finds():
    import re

    from analysis.attribution import REPORTING_VERBS
    from analysis.patterns import StartScan, words_pattern

    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    for pattern, not_after in ((words_pattern(REPORTING_VERBS) + r"\b", r"\w"), (r"\d+(?:[.,]\d+)*", r"\w.,")):
        behind = re.compile(rf"(?<![{not_after}])(?:{pattern})")
        scan = StartScan(pattern, not_after=not_after)
        # The whole text, a window starting inside a word, and a text that opens with a match.
        for piece, start in ((text, 0), (text, 1001), ("said " + text[:2000], 0), ("2,000 " + text[:2000], 0)):
            found = [(m.start("at"), m.group("at")) for m in scan.finditer(piece, start, len(piece) - 7)]
            assert found == [(m.start(), m.group()) for m in behind.finditer(piece, start, len(piece) - 7)]
            assert len(found) > 5


def test_pair_dot_products_equal_the_sparse_product():
    import numpy as np
    from scipy import sparse

    from analysis.compare.candidates import pair_dots

    X = sparse.random(300, 400, density=0.03, format="lil", random_state=1)
    X[7] = 0  # a row with no entries
    X = X.tocsr()
    pairs = sorted({(int(a), int(b)) for a, b in np.random.default_rng(2).integers(0, 300, (2000, 2))})
    left, right = np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])
    expected = (X @ X.T).toarray()[left, right]
    assert np.allclose(pair_dots(X, left, right), expected) and (expected > 0).sum() > 50


def test_edited_regions_are_difflibs_non_equal_opcodes():
    import difflib

    from analysis.compare.words import edited_regions

    a = ["the", "officer", "told", "cnn", "that", "the", "troops", "were", "tired", "and", "hungry"]
    b = ["the", "officer", "instructed", "cnn", "that", "the", "troopers", "were", "exhausted", "and", "hungry"]
    expected = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in
                difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if tag != "equal"]
    assert edited_regions(a, b) == expected and len(expected) == 3
    assert edited_regions([], ["new"]) == [(0, 0, 0, 1)]
    assert edited_regions(["old", "x"], ["x"]) == [(0, 1, 0, 0)]
    assert edited_regions(["x"], ["x"]) == []


def _quotes(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"{d}:q{k}" for k, (d, _) in enumerate(rows)], "doc": [d for d, _ in rows],
                         "text": [t for _, t in rows], "speaker": ""})


def test_a_long_quote_cut_short_and_reworded_elsewhere_is_matched_as_truncated():
    from analysis.compare import match_quotes
    from analysis.compare.quotes import PARTIAL_MAX_CHARS

    body = " ".join(load_corpus(SEEDS).documents[0].text.split())
    passage = body[:2600].rsplit(" ", 1)[0]
    words = passage[:1100].rsplit(" ", 1)[0].split()  # too short a part for the whole texts to be alike
    words[40] = "somewhere"  # one word changed as well as the cut
    cut = " ".join(words)
    assert len(cut) > PARTIAL_MAX_CHARS and cut not in passage and len(body) > 2600
    matches, cluster = match_quotes(_quotes([("a", passage), ("b", cut), ("c", "Nothing to do with it at all.")]))
    assert list(zip(matches["a_doc"], matches["b_doc"], matches["kind"])) == [("a", "b", "truncated")]
    assert matches["score"].iloc[0] >= 0.92
    assert cluster.tolist()[:2] == [0, 0] and cluster.iloc[2] != 0


def test_copies_carrying_the_same_quote_each_get_the_match_and_its_diff():
    from analysis.compare import match_quotes

    said = "We will not send our sons to a war that nobody here believes in any more"
    reworded = "We will not send our sons to a war that nobody here believes in anymore"
    matches, _ = match_quotes(_quotes([("a", said), ("b", said), ("c", said), ("d", reworded)]))
    pairs = {(a, b): (kind, diff) for a, b, kind, diff in zip(matches["a_doc"], matches["b_doc"], matches["kind"],
                                                               matches["diff"])}
    assert {pairs[(x, y)][0] for x, y in (("a", "b"), ("a", "c"), ("b", "c"))} == {"identical"}
    assert [pairs[(x, "d")] for x in "abc"] == [("reworded", "We will not send our sons to a war that nobody here "
                                                "believes in [-any more-] {+anymore+}")] * 3


def test_candidate_pairs_found_in_blocks_of_items_equal_those_found_at_once(monkeypatch, seed_analysis):
    from analysis.compare import candidates
    from analysis.run import SerialExecutor

    class Recording(SerialExecutor):
        def map_chunks(self, func, chunks, **shared):
            spans.append(chunks)
            return super().map_chunks(func, chunks, **shared)

    words = [set(t.lower().split()) for t in seed_analysis.passages["text"]]
    blocks = seed_analysis.passages["doc"].tolist()
    at_once = candidate_pairs(words, blocks=blocks, max_df=20, top_k=5)
    monkeypatch.setattr(candidates, "_CANDIDATE_BLOCK_ROWS", 7)
    spans = []
    in_blocks = candidate_pairs(words, blocks=blocks, max_df=20, top_k=5, executor=Recording())
    assert len(at_once) > 100 and len(spans[0]) > 10
    assert in_blocks == at_once


def test_reports_written_in_one_template_are_not_spun_copies_but_a_reworded_one_is():
    from analysis.corpus import Corpus, document_from_text

    appeal = """Appeal for man missing from Gorey

Gardaí are appealing for information on the whereabouts of a 45-year-old man who has been missing from his home in \
Gorey, Co Wexford since Tuesday.

Patrick Nolan was last seen on Main Street in the town at around 6pm on Tuesday evening.

He is described as being 5ft 9in tall, of slim build, with short grey hair and blue eyes.

When last seen he was wearing a navy jacket, blue jeans and black shoes.

Anyone with information is asked to contact Gorey Garda Station or any garda station."""
    # Another appeal in the same frame: other person, place, age and clothes. Sentences line up with names swapped,
    # which is how a template reads, not how a spinner writes.
    other = """Appeal to trace teenager missing from Dublin

Gardaí are seeking the public's help in tracing a 16-year-old girl who has been missing from her home in Tallaght, \
Dublin since Friday.

Aoife Byrne was last seen at the Square shopping centre in Tallaght at around 2pm on Friday afternoon.

She is described as being 5ft 4in tall, of medium build, with long brown hair and green eyes.

When last seen she was wearing a grey hoodie, black leggings and white runners.

Anyone who has seen Aoife or who can assist in locating her is asked to contact Tallaght Garda Station."""
    # The same appeal put through a synonym spinner: same person, place and numbers, other words.
    spun = """Appeal for man missing from Gorey

Gardaí are requesting details on the location of a 45-year-old man who has been absent from his house in Gorey, Co \
Wexford since Tuesday.

Patrick Nolan was final spotted on Main Road in the town at approximately 6pm on Tuesday night.

He is portrayed as being 5ft 9in tall, of thin frame, with brief grey hair and blue eyes.

When final spotted he was sporting a navy coat, blue denims and black shoes.

Anyone with details is requested to call Gorey Garda Station or any garda station."""
    result = analyze(Corpus([document_from_text(doc_id, t) for doc_id, t in zip("abc", (appeal, other, spun))]))
    relations = dict(zip(zip(result.similarity["a"], result.similarity["b"]), result.similarity["relation"]))
    copies = set(zip(result.copies["doc"], result.copies["source"], result.copies["kind"]))
    assert relations[("a", "b")] != "spun" and not {c for c in copies if {"a", "b"} == set(c[:2])}
    assert relations[("a", "c")] == "spun" and ("c", "a", "spun") in copies


def test_shared_measures_are_reconciled_within_a_story_but_do_not_make_one():
    from analysis.corpus import Corpus, document_from_text

    storm = document_from_text("storm", "Storm hits northern coast\n\nA storm hit the northern coast of Norway on Monday, "
                               "with winds of 90 mph and 30mm of rain falling in an hour. Fishing boats stayed in port "
                               "and ferries were cancelled.\n\nThe coastguard said waves reached 12 metres high near the "
                               "harbour.\n")
    typhoon = document_from_text("typhoon", "Typhoon lashes island\n\nA typhoon struck the southern island of Okinawa on "
                                 "Thursday, with winds of 90 mph and 30mm of rain falling in an hour. Schools were shut "
                                 "and flights grounded at the airport.\n\nForecasters said waves reached 12 metres high "
                                 "along the shore.\n")
    result = analyze(Corpus([storm, typhoon]))
    measures = result.figures[result.figures["kind"] == "measure"]
    assert set(measures["unit"]) == {"mph", "mm", "metres"}
    pair = result.similarity.iloc[0]
    assert (pair["shared_figures"], pair["relation"]) == (0, "")
    assert len(result.stories) == 2
    # Two storms' 90 mph are two events' figures: not reconciled with each other.
    assert measures["group"].eq(-1).all()
    # Another outlet's report of the Norwegian storm: each unit its own group, not 90 mph with 30mm.
    again = document_from_text("storm-2", "Norway storm: ferries cancelled\n\nFerries were cancelled along Norway's "
                               "northern coast on Monday as winds of 90 mph swept in from the sea. The coastguard "
                               "said 30mm of rain fell in an hour and waves reached 12 metres near the harbour at "
                               "Tromso.\n")
    result = analyze(Corpus([storm, again]))
    assert len(result.stories) == 1
    measures = result.figures[result.figures["kind"] == "measure"]
    assert measures.groupby("group")["unit"].nunique().eq(1).all() and measures["group"].ge(0).all()
