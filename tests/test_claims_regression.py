"""The editor's verdicts on the engine's cross-outlet claims (tests/data/claims) as a regression set: the claims the
engine makes today on the NewsArticles corpus (3,788 articles, nine outlets) against what was read and judged.

Each verdict names its claim by documents and texts, not by the engine's ids, so it stays attached across versions.
Claims must stay as right as an editor found them, and those judged true must mostly still be made
(docs/benchmarks.md gives the numbers)."""

import json

import pytest

from analysis import analyze, load_corpus

from .conftest import DATA

pytestmark = [pytest.mark.network, pytest.mark.slow]

CLAIMS = DATA / "claims"


def _verdicts(name: str) -> list[dict]:
    return json.loads((CLAIMS / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def news():
    from bench.run import DEFAULT_CACHE, fetch_corpus

    return analyze(load_corpus(fetch_corpus(DEFAULT_CACHE)))


def test_copy_claims_are_nine_in_ten_right_and_those_judged_true_are_mostly_made(news):
    claimed = {frozenset([c.doc, c.source]) for c in news.copies.itertuples()}
    outlet = news.documents.set_index("id")["outlet"].to_dict()
    judged: dict[frozenset[str], bool] = {}
    for v in _verdicts("copies.json"):
        pair = frozenset([v["claim"]["doc"], v["claim"]["source"]])
        judged[pair] = judged.get(pair, True) and v["holds"]  # read false once, false
    for v in _verdicts("copy-candidates.json"):
        pair = frozenset([v["pair"]["a"], v["pair"]["b"]])
        judged[pair] = judged.get(pair, True) and v["holds"]
    # Every claim the engine makes on this corpus has been read (31 at a18f9cd, 29 hold).
    read = [judged[p] for p in claimed if p in judged]
    assert len(read) >= 0.9 * len(claimed) and sum(read) >= 0.9 * len(read), (sum(read), len(read), len(claimed))
    # Copies are claimed between outlets: one outlet's own reuse (judged true as an update) is shown, not claimed.
    assert not any(len({outlet[d] for d in p}) == 1 for p in claimed)
    true_pairs = [p for p, holds in judged.items() if holds and len({outlet[d] for d in p}) == 2]
    found = sum(p in claimed for p in true_pairs)
    assert len(true_pairs) >= 40 and found / len(true_pairs) >= 0.5, (found, len(true_pairs))


def _pair_keys(result) -> set[frozenset[tuple[str, str, str]]]:
    """Each flagged disagreement as the two figures' (document, text, sentence)."""
    figures = result.figures.set_index("id")
    key = {}
    for f in figures.itertuples():
        key[f.Index] = (f.doc, f.text, result.texts[f.doc][int(f.sentence_start) : int(f.sentence_end)])
    return {frozenset([key[a], key[b]]) for g in result.figure_groups.itertuples() for a, b in g.conflicts}


def test_disagreements_judged_false_stay_gone_and_the_true_ones_are_found(news):
    flagged = _pair_keys(news)
    made, missed = [], []
    for v in _verdicts("disagreements.json"):
        figures = [(f["doc"], f["text"], f["sentence"]) for f in v["claim"]["figures"]]
        pairs = {frozenset([a, b]) for k, a in enumerate(figures) for b in figures[k + 1 :] if a[0] != b[0]}
        is_flagged = bool(pairs & flagged)
        if is_flagged and not v["holds"]:
            made.append(v["note"])
        if v["holds"] and not is_flagged:
            missed.append(v["note"])
    assert made == []
    # One of the seven read true is missed: a bridge's cost in two sentences that each give it in three currencies.
    assert len(missed) <= 1, missed


def test_speaker_changes_judged_false_stay_gone(news):
    changed = {(m.a_doc, m.b_doc, m.a_text, m.b_text) for m in news.quote_matches.itertuples() if m.speaker_changed}
    changed |= {(b, a, bt, at) for a, b, at, bt in changed}
    back = [v["note"] for v in _verdicts("speaker-changes.json") if not v["holds"]
            and (v["claim"]["a_doc"], v["claim"]["b_doc"], v["claim"]["a_text"], v["claim"]["b_text"]) in changed]
    assert back == []
    # 576f222 claimed a change at 1,771 of 2,349 quote matches, and none of the 70 read held: a change is claimed only
    # between two resolved, different people, which this corpus (few outlets quoting one person differently) rarely has.
    assert len(changed) <= 10
