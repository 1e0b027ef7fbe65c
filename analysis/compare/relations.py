"""How documents relate: similarity with its evidence, stories (documents linked by related pairs) and copies.

Similarity is built from evidence that survives rewording: quotes carried
over (quotes are rarely rewritten, even by synonym spinners), figures about
the same thing, and sentence alignment. A synonym-spun copy is a document
whose sentences line up one-to-one with another's while many single words
are swapped; its side of each swap uses the rarer words in the corpus."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from scipy import sparse

from ..kinds import COPY_KINDS, Relation
from ..metadata import parse_date
from ..run import Executor, serial_map
from ..thresholds import (
    ALIGN_MIN_LEXICAL,
    ALIGN_MIN_REUSE,
    COPY_DIRECTION_MARGIN,
    COPY_MIN_NAMES,
    DOC_MAX_DF,
    EVIDENCE_MIN_ALIGNED,
    EVIDENCE_MIN_CONTAINED,
    INTERVIEW_MIN_QUOTES,
    INTERVIEW_MIN_SHARE,
    SPUN_CERTAIN_RARITY,
    SPUN_CONFIDENCE,
    SPUN_MIN_ALIGNED,
    SPUN_MIN_SENTENCES,
    SPUN_MIN_SWAPPED,
    STORY_FIGURE_WEIGHT,
    STORY_NAME_WEIGHT,
    VERBATIM_MIN_SHARE,
    WIDELY_QUOTED,
)
from .alignment import (
    NO_ALIGNMENT,
    CodedNarratives,
    align_chunk,
    aligned_sentences,
    alignment_chunks,
)
from .candidates import candidate_arrays, pair_dots, sets_matrix
from .stories import cluster_stories, name_vectors, pair_quote_evidence, story_table


@dataclass(frozen=True, slots=True)
class WordPairs:
    """Pairs of documents (``left[k] < right[k]``, sorted) and their word similarity: the cosine of the
    documents' TF-IDF vectors, kept for the similarity of other pairs (None without any term)."""

    left: np.ndarray
    right: np.ndarray
    lexical: np.ndarray
    tfidf: sparse.csr_matrix | None


def word_neighbours(term_counts: sparse.spmatrix, *, neighbours: int = 15,
                    executor: Executor | None = None) -> WordPairs:
    """Each document's ``neighbours`` sharing the most uncommon words (:func:`candidate_pairs`), with their
    word similarity; ``term_counts`` is a documents × terms count matrix.

    The comparison's first step, needing only the counts, so it can
    run elsewhere while the quotes are being matched.
    """
    X = tfidf_vectors(term_counts)
    if X is None:
        empty = np.zeros(0, dtype=np.int64)
        return WordPairs(empty, empty, np.zeros(0), None)
    left, right, _ = candidate_arrays(X, max_df=DOC_MAX_DF, top_k=neighbours, executor=executor)
    return WordPairs(left, right, pair_dots(X, left, right), X)


def tfidf_vectors(term_counts: sparse.spmatrix) -> sparse.csr_matrix | None:
    """Sublinear TF-IDF vectors of the documents, unit length; None without any term."""
    counts = sparse.csr_matrix(term_counts)
    if not counts.nnz:
        return None
    from sklearn.feature_extraction.text import TfidfTransformer  # imported late, as in topics.py

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


_SIMILARITY_COLUMNS = ["a", "b", "score", "story_similarity", "lexical", "shared_quotes", "quotes_a_in_b", "quotes_b_in_a",
                       "shared_figures", "aligned", "verbatim", "spun", "relation", "evidence"]


@dataclass(frozen=True, slots=True)
class DocumentPairs:
    """Candidate pairs of documents (``left[k] < right[k]``) with what is known before their sentences are
    aligned: word similarity, shared quotes, and which document of each pair is the shorter."""

    doc_ids: list[str]
    left: np.ndarray
    right: np.ndarray
    lexical: np.ndarray
    shared_quotes: np.ndarray
    quotes_a_in_b: np.ndarray
    quotes_b_in_a: np.ndarray
    quote_share: np.ndarray
    quote_matrix: sparse.csr_matrix  # documents × quote clusters
    words: sparse.csr_matrix | None  # the documents' TF-IDF vectors


def document_pairs(doc_ids: list[str], quote_clusters: dict[str, set[int]], word_pairs: WordPairs) -> DocumentPairs:
    """The pairs worth comparing: each document's neighbours by uncommon words (``word_pairs``, from
    :func:`word_neighbours`) and every pair sharing a quote that few carry (``quote_clusters`` holds each
    document's quote clusters). A quote everybody carries is no sign that two of them copied, and pairing all
    of them would be quadratic."""
    n = len(doc_ids)
    Q = sets_matrix(doc_ids, quote_clusters)
    few = Q[:, np.flatnonzero(np.bincount(Q.indices, minlength=Q.shape[1]) <= WIDELY_QUOTED)]
    quoted = sparse.triu(few @ few.T, k=1).tocoo()
    by_words = word_pairs.left * n + word_pairs.right  # sorted, as the pairs are
    code = np.sort(np.concatenate([by_words, quoted.row.astype(np.int64) * n + quoted.col]))
    code = code[np.r_[True, code[1:] != code[:-1]]] if len(code) else code  # distinct (np.unique hashes: slower)
    left, right = code // n, code % n
    # Word similarity comes with the pairs found by words; only the pairs found by quotes alone need it worked out.
    lexical, by_quotes = np.zeros(len(code)), np.ones(len(code), dtype=bool)
    at = np.searchsorted(code, by_words)
    lexical[at], by_quotes[at] = word_pairs.lexical, False
    if word_pairs.tfidf is not None:
        lexical[by_quotes] = pair_dots(word_pairs.tfidf, left[by_quotes], right[by_quotes])
    shared_q = pair_dots(Q, left, right).astype(int)
    n_quotes = np.asarray(Q.sum(axis=1)).ravel()
    qa, qb = n_quotes[left], n_quotes[right]
    return DocumentPairs(
        doc_ids, left, right, lexical, shared_q,
        np.divide(shared_q, qa, out=np.zeros(len(left)), where=qa > 0),
        np.divide(shared_q, qb, out=np.zeros(len(left)), where=qb > 0),
        np.divide(shared_q, np.minimum(qa, qb), out=np.zeros(len(left)), where=(qa > 0) & (qb > 0)),
        Q, word_pairs.tfidf,
    )


def align_documents(pairs: DocumentPairs, narratives: CodedNarratives, *,
                    executor: Executor | None = None) -> dict[str, np.ndarray]:
    """Sentence alignment of the pairs that may be copies (similar words, or phrasing in common: even a
    synonym-spun copy keeps a quarter of its words), the shorter narrative against the longer.

    Returns per pair: the ``short`` document, and the shares of sentences ``aligned``, ``verbatim`` and
    ``spun``, the number of ``spun_sentences``, the ``rarity`` of the swapped words and the share of either story's
    ``lead`` the other holds (0 where not aligned); for every pair, the ``reuse`` of phrasing (each run of four
    words the two share, weighted by how few documents hold it: 1 for a run only they share) and the shares of the
    short and the long document's runs of four words found in the other (``contained_short``, ``contained_long``).
    ``narratives`` come from :func:`code_narratives`; chunks run on ``executor`` (here by default).
    """
    left, right = pairs.left, pairs.right
    sentences = np.fromiter(map(len, narratives.sentences), dtype=np.int64, count=len(pairs.doc_ids))
    short = np.where(sentences[left] <= sentences[right], left, right)
    long_ = np.where(short == left, right, left)
    # Phrasing shared, for every pair: a document's runs of four words times the other's, in bulk. The square roots
    # of the weights on both sides make each shared run count its weight.
    phrases = narratives.phrases
    reuse = pair_dots(phrases.multiply(np.sqrt(narratives.phrase_weights)).tocsr(), left, right)
    may_copy = (pairs.lexical >= ALIGN_MIN_LEXICAL) | (reuse >= ALIGN_MIN_REUSE)
    jobs = list(zip(short[may_copy].tolist(), long_[may_copy].tolist()))
    found: dict[tuple[int, int], dict] = {}
    run = executor.map_chunks if executor else serial_map
    for part in run(align_chunk, alignment_chunks(narratives.sentences, jobs), df=narratives.df):
        found.update(part)
    aligned_pairs = [found[job] for job in jobs]
    out = {key: np.zeros(len(left)) for key in NO_ALIGNMENT}
    for key, column in out.items():
        column[may_copy] = [pair[key] for pair in aligned_pairs]
    out["short"] = short
    out["reuse"] = reuse
    shared = pair_dots(phrases, left, right)
    counts = narratives.phrase_counts
    out["contained_short"] = np.divide(shared, counts[short], out=np.zeros(len(left)), where=counts[short] > 0)
    out["contained_long"] = np.divide(shared, counts[long_], out=np.zeros(len(left)), where=counts[long_] > 0)
    return out


def relate_documents(pairs: DocumentPairs, alignment: dict[str, np.ndarray], figure_groups: dict[str, set[int]],
                     *, names: list[str] | None = None, dates: list[str] | None = None,
                     outlets: list[str] | None = None, credits: list[str] | None = None,
                     interviewers: list[str] | None = None, quote_weights: dict[int, float] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pairwise similarity with its evidence, stories, and copies, from the pairs, their :func:`align_documents`,
    each document's figure groups, its :func:`name_terms` (``names``, in the order of the pairs' documents) and
    how informative each quote cluster is (:func:`quote_weights`; every shared quote counts in full without).
    ``dates`` (as written, "" where unknown) tell which of a copy and its source came first; ``outlets`` ("" where
    unknown) and the news agencies each document credits (``credits``, :func:`~analysis.metadata.agency_credit`)
    whether a copy is an outlet reusing its own story or two outlets carrying one agency's copy; the organisations
    each document's speakers give their words to (``interviewers``, :func:`~analysis.metadata.interviewers`) whether
    two outlets retell one interview.

    A copy is reused reporting: the writer's own sentences, quotes apart, taken from the other document. Quotes of
    the same statement are evidence of one story, never of copying. Whether a pair is a copy is decided by
    :func:`copy_probability` from the phrasing the two share and how their sentences line up.
    """
    doc_ids, left, right, lexical = pairs.doc_ids, pairs.left, pairs.right, pairs.lexical
    shared_q, quote_share = pairs.shared_quotes, pairs.quote_share
    aligned, verbatim, spun = alignment["aligned"], alignment["verbatim"], alignment["spun"]
    F = sets_matrix(doc_ids, figure_groups)
    shared_f = pair_dots(F, left, right).astype(int)
    score = np.maximum.reduce([0.5 * lexical + 0.5 * quote_share, aligned, lexical])
    short_is_a = alignment["short"] == left
    contained_a = np.where(short_is_a, alignment["contained_short"], alignment["contained_long"])
    contained_b = np.where(short_is_a, alignment["contained_long"], alignment["contained_short"])
    contained = np.maximum(contained_a, contained_b)
    # Names compared by their first letters, so that a country and its people are one ("Chile", "Chilean"); the
    # story's label reads them whole.
    named_as = name_vectors(names or [])
    name_matrix = named_as.stems
    same_names = pair_dots(name_matrix, left, right) if name_matrix is not None else np.zeros(len(left))
    # A copy keeps the event's names; reports from one template (appeals for missing people) share all but those.
    named = (same_names >= COPY_MIN_NAMES) | (name_matrix is None)
    outlet = np.asarray([o or "" for o in (outlets or [""] * len(doc_ids))], dtype=object)
    same_outlet = (outlet[left] == outlet[right]) & (outlet[left] != "")
    day = np.array([day_number(x) for x in (dates or [""] * len(doc_ids))], dtype=float)
    days_apart = np.nan_to_num(np.abs(day[left] - day[right]), nan=0.0)
    probability = copy_probability(alignment, same_outlet, days_apart)
    threshold = _copy_model()["threshold"]
    copied = (probability >= threshold) & named & ~same_outlet
    # One outlet's documents sharing its own wording are no copy: an update of its story and its stock paragraphs in
    # another story look alike (an editor's reading of 140 such NewsArticles pairs: no threshold kept even 0.85 of
    # them right), so the reuse is shown as it is ("same outlet") and claimed as neither: the reuse that would be a
    # copy between two outlets.
    reused = copied | ((copy_probability(alignment, np.zeros_like(same_outlet), days_apart) >= threshold) & named
                       & same_outlet)
    interviewer = _shared_interviewer(interviewers or [""] * len(doc_ids), left, right)
    retold = ((interviewer != "") & ~same_outlet & (shared_q >= INTERVIEW_MIN_QUOTES)
              & (quote_share >= INTERVIEW_MIN_SHARE) & ~copied)
    spun_copy = ((aligned >= SPUN_MIN_ALIGNED) & (spun >= SPUN_MIN_SWAPPED)
                 & (alignment["spun_sentences"] >= SPUN_MIN_SENTENCES) & named & ~same_outlet)
    # Whether any other pair is the same story is decided below, once the stories are clustered.
    relation = np.select([copied & (verbatim >= VERBATIM_MIN_SHARE), spun_copy, copied | retold, reused],
                         [Relation.VERBATIM, Relation.SPUN, Relation.REWRITE, Relation.SAME_OUTLET], "")
    ids = np.asarray(doc_ids, dtype=object)
    short = alignment["short"]
    interviewer = np.where(retold & (relation == Relation.REWRITE), interviewer, "")
    sim = pd.DataFrame({
        "a": ids[left], "b": ids[right], "score": score.round(3), "lexical": lexical.round(3), "shared_quotes": shared_q,
        "quotes_a_in_b": pairs.quotes_a_in_b.round(3), "quotes_b_in_a": pairs.quotes_b_in_a.round(3),
        "shared_figures": shared_f, "aligned": aligned.round(3), "verbatim": verbatim.round(3), "spun": spun.round(3),
        "story_similarity": 0.0, "relation": relation,
        "evidence": _evidence(shared_q, shared_f, aligned, lexical, contained, interviewer),
        "contained_a": contained_a, "contained_b": contained_b, "short_doc": ids[short], "rarity": alignment["rarity"],
        "probability": np.where(interviewer != "", quote_share, probability), "same_outlet": same_outlet,
        "interviewer": interviewer,
    }, columns=[*_SIMILARITY_COLUMNS, "contained_a", "contained_b", "short_doc", "rarity", "probability", "same_outlet",
                "interviewer"])
    copies = _copies(sim, dict(zip(doc_ids, dates or [])), dict(zip(doc_ids, credits or [])))
    # Sentences one outlet reuses from its own pages say nothing of the story (its stock paragraphs recur in others).
    story_sim = _story_similarity(pairs, np.where(named & ~same_outlet, alignment["aligned"], 0.0), shared_f, relation,
                                  name_matrix, quote_weights)
    labels, cohesion = cluster_stories(len(doc_ids), left, right, story_sim, pairs.words, name_matrix)
    # Same story: the pairs average linkage put together; closer relations stay as they are (an outlet's own wording
    # reused says nothing of the story: a stock paragraph is reused in other stories).
    sim["relation"] = np.where((relation == "") | (relation == Relation.SAME_OUTLET),
                               np.where(labels[left] == labels[right],
                                        np.where(relation == Relation.SAME_OUTLET, Relation.SAME_OUTLET,
                                                 Relation.SAME_STORY), ""), relation)
    sim["story_similarity"] = story_sim.round(3)
    stories = story_table(doc_ids, labels, cohesion, named_as.words, named_as.vocabulary, pairs.quote_matrix,
                          F, copies)
    return (sim[_SIMILARITY_COLUMNS].sort_values("score", ascending=False, kind="stable").reset_index(drop=True),
            stories, copies)


@lru_cache(maxsize=1)
def _copy_model() -> dict:
    """The fitted copy model (``analysis/models/copies.json``, written by ``bench/fit_copies.py``)."""
    return json.loads(resources.files("analysis.models").joinpath("copies.json").read_text(encoding="utf-8"))


def copy_features(alignment: dict[str, np.ndarray], same_outlet: np.ndarray, days_apart: np.ndarray) -> np.ndarray:
    """What the copy model reads of each pair, in the order of its ``features``: the phrasing the two share
    (log of 1 + its :func:`align_documents` ``reuse``), the share of the shorter one's sentences that line up
    with the other's, the share of either lead the other holds, the lesser share of each one's first half that the
    other holds, whether one outlet published both, and the days between them (at most 30; 0 where a date is
    unknown)."""
    return np.column_stack([np.log1p(alignment["reuse"]), alignment["aligned"], alignment["lead"], alignment["early"],
                            same_outlet.astype(float), np.clip(days_apart, 0, 30)])


def copy_probability(alignment: dict[str, np.ndarray], same_outlet: np.ndarray, days_apart: np.ndarray) -> np.ndarray:
    """How likely each pair is a copy, by the logistic model fitted on pairs of real news an editor judged."""
    model = _copy_model()
    z = copy_features(alignment, same_outlet, days_apart) @ np.asarray(model["coef"]) + model["intercept"]
    return 1.0 / (1.0 + np.exp(-z))


def empty_relations(doc_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The tables of :func:`relate_documents` for fewer than two documents: no pairs, each document its story."""
    n = len(doc_ids)
    stories = pd.DataFrame({"id": list(range(n)), "docs": [[d] for d in doc_ids], "label": [""] * n,
                            "cohesion": [None] * n, "evidence": [""] * n})
    return (pd.DataFrame(columns=_SIMILARITY_COLUMNS), stories,
            pd.DataFrame(columns=["doc", "source", "kind", "basis", "confidence", "evidence", "sentences"]))


def _evidence(shared_q: np.ndarray, shared_f: np.ndarray, aligned: np.ndarray, lexical: np.ndarray,
              contained: np.ndarray, interviewer: np.ndarray) -> list[str]:
    """Each pair's evidence in words: shared quotes and figures (and whom both say the quotes were given to),
    aligned sentences, shared wording, word similarity."""
    out = [f"word similarity {x:.2f}" for x in lexical.tolist()]
    # Most pairs have only their word similarity to show: the others are written out one by one.
    for k in np.flatnonzero((shared_q > 0) | (shared_f > 0) | (aligned >= EVIDENCE_MIN_ALIGNED)
                            | (contained >= EVIDENCE_MIN_CONTAINED)).tolist():
        q, f, share = int(shared_q[k]), int(shared_f[k]), float(aligned[k])
        bits = []
        if q:
            bits.append(f"{q} shared quote{'s' * (q != 1)}" + (f" of an interview both say was given to {interviewer[k]}"
                                                               if interviewer[k] else ""))
        if f:
            bits.append(f"{f} shared figure{'s' * (f != 1)}")
        if share >= EVIDENCE_MIN_ALIGNED:
            bits.append(f"{share:.0%} of sentences align")
        if contained[k] >= EVIDENCE_MIN_CONTAINED:
            bits.append(f"{contained[k]:.0%} of the wording of one found in the other")
        out[k] = "; ".join([*bits, out[k]])
    return out


def _story_similarity(pairs: DocumentPairs, aligned: np.ndarray, shared_figures: np.ndarray, relation: np.ndarray,
                      names: sparse.csr_matrix | None, quote_weights: dict[int, float] | None) -> np.ndarray:
    """How likely each pair tells one story: its words and names, then its shared quotes by how informative they
    are and its shared figures (about the same things), and its ``aligned`` sentences (where its names agree); a
    copy is one story whatever its words."""
    left, right = pairs.left, pairs.right
    text = (1.0 - STORY_NAME_WEIGHT) * pairs.lexical
    if names is not None:
        text = text + STORY_NAME_WEIGHT * pair_dots(names, left, right)
    Q = pairs.quote_matrix
    weights = np.ones(Q.shape[1])
    for cluster, weight in (quote_weights or {}).items():
        if cluster < len(weights):
            weights[cluster] = weight
    quoted = pair_quote_evidence(Q, weights, left, right)
    figured = 1.0 - (1.0 - STORY_FIGURE_WEIGHT) ** shared_figures
    similarity = np.maximum(1.0 - (1.0 - text) * (1.0 - quoted) * (1.0 - figured), aligned)
    return np.where(np.isin(relation, _COPIES), 1.0, similarity)


_COPIES = COPY_KINDS


def _copies(sim: pd.DataFrame, dates: dict[str, str], credits: dict[str, str]) -> pd.DataFrame:
    """Which document derives from which, for copies (verbatim, spun, rewrite), and on what basis: two outlets
    carrying the same agency's copy ("agency") or retelling one interview given to a third ("interview"): siblings,
    neither taken from the other; or one taken from the other ("derived")."""
    close = sim[sim["relation"].isin(COPY_KINDS)]
    a, b, short, relation = (close[c].to_numpy(dtype=object) for c in ("a", "b", "short_doc", "relation"))
    rarity, ca, cb, probability = (close[c].to_numpy(dtype=float) for c in ("rarity", "contained_a", "contained_b",
                                                                             "probability"))
    spun = relation == Relation.SPUN
    # A spun copy is the side whose swapped words are rarer in the corpus: the long side when its words are.
    spun_doc = np.where(rarity < 0, np.where(short == a, b, a), short)
    # Otherwise the derived document is the one whose phrasing the other contains, else the shorter.
    derived = np.where(np.abs(ca - cb) > COPY_DIRECTION_MARGIN, np.where(ca > cb, a, b), short)
    doc = np.where(spun, spun_doc, derived)
    # Dates, where both are known and differ, settle it: the later one copies.
    day_a, day_b = (np.array([day_number(dates.get(x, "")) for x in side], dtype=float) for side in (a, b))
    dated = ~np.isnan(day_a) & ~np.isnan(day_b) & (day_a != day_b)
    doc = np.where(dated, np.where(day_a > day_b, a, b), doc)
    confidence = np.where(spun, np.minimum(1.0, SPUN_CONFIDENCE + (1 - SPUN_CONFIDENCE) * np.abs(rarity) / SPUN_CERTAIN_RARITY),
                          probability)
    credited = np.array([bool(credits.get(x)) or bool(credits.get(y)) for x, y in zip(a, b)], dtype=bool)
    basis = np.where(close["interviewer"].to_numpy(dtype=object) != "", "interview",
                     np.where(credited & ~spun, "agency", "derived"))
    copies = pd.DataFrame({"doc": doc.tolist(), "source": np.where(doc == b, a, b).tolist(), "kind": relation.tolist(),
                           "basis": basis.tolist(), "confidence": [round(x, 3) for x in confidence.tolist()],
                           "evidence": close["evidence"].tolist()})
    # A document gets one source: the closest relation, then the most confident.
    order = {kind: k for k, kind in enumerate(COPY_KINDS)}
    copies["_o"] = copies["kind"].map(order)
    copies = copies.sort_values(["_o", "confidence"], ascending=[True, False], kind="stable")
    # Taken in that order, a relation that would make a document a copy of its own copy is left out.
    source_of: dict[str, str] = {}
    kept = []
    for k, d, s in zip(copies.index.tolist(), copies["doc"].tolist(), copies["source"].tolist()):
        if d in source_of or _descends(s, d, source_of):
            continue
        source_of[d] = s
        kept.append(k)
    return copies.loc[kept].sort_values("doc", kind="stable").drop(columns="_o").reset_index(drop=True)


def copy_sentences(copies: pd.DataFrame, doc_ids: list[str], narratives: CodedNarratives,
                   spans: list[list[tuple[int, int]]]) -> list[list[list[float]]]:
    """Each copy's evidence: its narrative sentences that line up with its source's, as [copy start, copy end, source
    start, source end, score] (offsets into each document's text, score 0-100), in the copy's order. ``spans`` are
    each document's narrative sentences' spans (:class:`DocumentFeatures`), in the order of ``doc_ids``."""
    index = {d: k for k, d in enumerate(doc_ids)}
    out = []
    for doc, source in zip(copies["doc"].tolist(), copies["source"].tolist()):
        a, b = index[doc], index[source]
        out.append([[*spans[a][i], *spans[b][j], score]
                    for i, j, score in aligned_sentences(narratives.sentences[a], narratives.sentences[b])])
    return out


def copy_claim(row, names: Mapping[str, str]) -> str:
    """A copies row as a reader is told it, in plain words (names as given, not escaped)."""
    copy, source = names.get(row.doc, row.doc), names.get(row.source, row.source)
    kind = {Relation.SPUN: "a synonym-spun copy", Relation.VERBATIM: "a verbatim copy",
            Relation.REWRITE: "a rewrite"}.get(row.kind, row.kind)
    basis = getattr(row, "basis", "derived")
    if basis == "agency":
        return f"{copy} and {source} carry the same agency copy ({row.kind}; a news agency is credited)"
    if basis == "interview":
        return f"{copy} and {source} retell the same interview (most of their quotes, given to the same outlet)"
    return f"{copy} is {kind} of {source}"


def _shared_interviewer(interviewers: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the first organisation both documents' speakers give their words to ("" when none)."""
    named = {k: x.split("; ") for k, x in enumerate(interviewers) if x}
    out = np.full(len(left), "", dtype=object)
    for k in np.flatnonzero([a in named and b in named for a, b in zip(left.tolist(), right.tolist())]).tolist():
        other = set(named[int(right[k])])
        out[k] = next((x for x in named[int(left[k])] if x in other), "")
    return out


def _descends(doc: str, ancestor: str, source_of: dict[str, str]) -> bool:
    """Whether ``doc`` copies ``ancestor``, directly or through other copies."""
    seen = set()
    while doc in source_of and doc not in seen:
        seen.add(doc)
        doc = source_of[doc]
        if doc == ancestor:
            return True
    return False


def day_number(date: str) -> float:
    """The day a date as written falls on (days since year 1), NaN if it cannot be read."""
    day = parse_date(date)
    return float(day.toordinal()) if day else np.nan


def doc_sets(df: pd.DataFrame, column: str) -> dict[str, set[int]]:
    """doc -> set of cluster ids, for quotes or figures."""
    out: dict[str, set[int]] = defaultdict(set)
    for d, c in zip(df["doc"].tolist(), df[column].tolist()):
        if c is not None and not (isinstance(c, float) and np.isnan(c)) and c >= 0:
            out[d].add(int(c))
    return out
