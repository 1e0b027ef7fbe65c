"""The one public entry point: ``analyze(corpus)``, and the corpus-level steps it runs after extraction."""

from __future__ import annotations

import gc
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from .compare import (
    WordPairs,
    align_documents,
    code_narratives,
    copy_sentences,
    doc_sets,
    document_pairs,
    empty_relations,
    figure_components,
    group_figures,
    link_figures,
    match_quotes,
    quote_weights,
    relate_documents,
    shared_quote_sentences,
    speaker_changes,
    word_neighbours,
)
from .corpus import Corpus, Document
from .extract import analyze_document
from .kinds import FigureKind
from .lexicon import stop_words
from .model import STAGES, Analysis, DocumentResult, FigureRow, PhraseRow, QuoteRow, SourceRow, content_hash
from .names import corpus_names
from .run import Executor, SerialExecutor
from .run.local import ProcessExecutor, default_workers, worker_pool
from .tables import claims_table, display_names, documents_table, main_topics, outlet_labels, rows_frame, speakers_table
from .thresholds import MIN_QUOTE_WORDS
from .tokens import passage_terms
from .topics import TermCounts, TopicModel, distinctive_terms

__all__ = ["analyze", "combine", "with_topics"]

QUOTE_COLUMNS = ["id", "doc", *QuoteRow._fields]
FIGURE_COLUMNS = ["id", "doc", *FigureRow._fields]
SOURCE_COLUMNS = ["doc", *SourceRow._fields]
_PARALLEL_MIN_DOCS = 200  # below this, starting worker processes costs more than it saves


def analyze(
    corpus: Corpus,
    *,
    progress: bool = False,
    cache: MutableMapping[str, DocumentResult] | None = None,
    on_document: Callable[[Document], None] | None = None,
    workers: int | None = None,
) -> Analysis:
    """Analyse a corpus: per-document extraction, then topics and cross-document comparison.

    Args:
        corpus: the documents.
        progress: show a progress bar on stderr.
        cache: per-document results keyed by :func:`~analysis.model.content_hash` of the text (a dict, or a
            :class:`~analysis.store.ResultCache` on disk); reused when present
            and filled in as documents are analysed.
        on_document: called after each document is extracted.
        workers: processes for per-document extraction and the comparison's chunks; default one per CPU.

    Raises:
        ValueError: the corpus is empty, or ``workers`` is below 1.
    """
    if len(corpus) == 0:
        raise ValueError("cannot analyse an empty corpus")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    docs = list(corpus)
    # One pool of workers for the whole run: it extracts the documents, then runs the comparison's chunks.
    workers = workers or default_workers()
    # The pool forks first: only this process pauses its garbage collector.
    with _worker_pool(workers, len(docs)) as pool, _gc_paused():
        t0 = time.perf_counter()
        results = _extract(docs, pool, workers, cache, on_document, progress)
        timings = split_extraction(results, time.perf_counter() - t0)
        if pool is None:
            with SerialExecutor() as here:
                return combine(docs, results, timings, here)
        return combine(docs, results, timings, ProcessExecutor(pool, workers))


def _extract(docs: list[Document], pool: ProcessPoolExecutor | None, workers: int,
             cache: MutableMapping[str, DocumentResult] | None, on_document: Callable[[Document], None] | None,
             progress: bool) -> dict[str, DocumentResult]:
    keys = {d.id: content_hash(d.text) for d in docs}
    found: dict[str, DocumentResult] = {}
    if cache is not None:
        get_many = getattr(cache, "get_many", None)  # one query for a cache on disk
        found = get_many(set(keys.values())) if get_many else {k: cache[k] for k in keys.values() if k in cache}
    results: dict[str, DocumentResult] = {}
    todo = []
    for d in docs:
        if keys[d.id] in found:
            results[d.id] = found[keys[d.id]]
            if on_document:
                on_document(d)
        else:
            todo.append(d)
    bar = None
    if progress and len(todo) >= 20:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc="extracting", unit="doc", file=sys.stderr)
    fresh: dict[str, DocumentResult] = {}
    for d, r in zip(todo, _map_documents(todo, pool, workers)):
        results[d.id] = fresh[keys[d.id]] = r
        if cache is not None and len(fresh) >= 500:  # save as we go: an interrupted run keeps its work
            cache.update(fresh)
            fresh = {}
        if on_document:
            on_document(d)
        if bar is not None:
            bar.update()
    if cache is not None and fresh:
        cache.update(fresh)
    if bar is not None:
        bar.close()
    return results


def _worker_pool(workers: int, n_docs: int) -> AbstractContextManager[ProcessPoolExecutor | None]:
    if n_docs < _PARALLEL_MIN_DOCS:
        return nullcontext(None)
    # stop_words() imports scikit-learn once before forking, rather than in every worker.
    return worker_pool(workers, before_fork=stop_words)


def _map_documents(docs: list[Document], pool: ProcessPoolExecutor | None, workers: int) -> Iterator[DocumentResult]:
    if pool is None or len(docs) < _PARALLEL_MIN_DOCS:
        yield from (analyze_document(d.text) for d in docs)
        return
    chunk = max(1, min(64, len(docs) // (workers * 8)))
    yield from pool.map(analyze_document, [d.text for d in docs], chunksize=chunk)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while, as it was afterwards.

    Combining a corpus makes millions of small objects (rows, tuples) that
    live until the tables are built. Each of the collector's full passes
    walks all of them, and finds next to nothing in cycles. Reference counting
    still frees everything else as it goes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def split_extraction(results: dict[str, DocumentResult], wall: float) -> dict[str, float]:
    """Wall time of per-document work shared among its stages in proportion to their CPU time.

    Topics and comparison have a per-document part (their features) as well as a corpus-level one.
    """
    cpu: Counter[str] = Counter()
    for r in results.values():
        cpu.update(r.seconds)
    total = sum(cpu.values()) or 1.0
    return {stage: wall * cpu[stage] / total for stage in STAGES}


def combine(docs: list[Document], results: dict[str, DocumentResult], timings: dict[str, float] | None,
            executor: Executor, *, counts: TermCounts | None = None) -> Analysis:
    """Corpus-level steps on per-document results: tables, topics and cross-document comparison.

    ``counts`` are the passages' term counts when already made (on a
    cluster). The topic model, the figure groups, the documents' word
    neighbours and the coding of their narratives are jobs on ``executor``:
    with workers they run there while this process matches quotes; without,
    the topic model runs in a thread beside the comparison and the others
    here when their results are wanted. The comparison's chunked steps
    (candidate pairs, sentence alignment) run on ``executor`` too.
    """
    timings = dict(timings or {})
    here = isinstance(executor, SerialExecutor)
    t0 = time.perf_counter()
    # What the jobs read comes first, so that they start before the tables are built.
    passage_rows = [(f"{d.id}:p{k}", d.id, s, e, d.text[s:e]) for d in docs for k, (s, e) in enumerate(results[d.id].passages)]
    names = display_names(docs, results)
    outlets = outlet_labels(docs, names)
    passage_docs = [row[1] for row in passage_rows]
    # Words distinctive of an outlet are read on the documents that name one; the others count in the rest only.
    outlet_of = {d.id: d.outlet or "" for d in docs}
    doc_ids = [d.id for d in docs]
    # With workers, each job counts the passages' terms where it runs, so that the workers do not wait while this
    # process counts them first.
    terms: TermCounts | list[str] = counts if counts is not None else [t for d in docs for t in results[d.id].terms]
    if here:
        terms = _term_counts(terms)
    t1 = time.perf_counter()
    # The topic model's one-thread limit (see _topics) is set here as well: set from inside a thread, it does not
    # reach BLAS.
    with threadpool_limits(1):
        topics_job = executor.submit(_topics, [row[4] for row in passage_rows], [row[0] for row in passage_rows],
                                     passage_docs, [outlet_of[d] for d in passage_docs], terms, beside=True)
        neighbours_job = executor.submit(_word_neighbours, terms, passage_docs, doc_ids)
        t2 = time.perf_counter()
        figures = rows_frame([(f"{d.id}:f{k}", d.id, *row) for d in docs for k, row in enumerate(results[d.id].figures)],
                             FIGURE_COLUMNS)
        features = [results[d.id].features for d in docs]
        # Figure groups do not depend on the quotes, nor the narratives' coded words on anything but the narratives.
        figures_job = executor.submit(link_figures, figures, [s for f in features for s in f.figure_stems],
                                      [c for f in features for c in f.figure_classes])
        coding_job = executor.submit(code_narratives, [f.narrative for f in features],
                                     [f.narrative_words for f in features])
        quotes = rows_frame([(f"{d.id}:q{k}", d.id, *row) for d in docs for k, row in enumerate(results[d.id].quotes)],
                            QUOTE_COLUMNS)
        phrases = rows_frame([(d.id, *row) for d in docs for row in results[d.id].phrases],
                             ["doc", *PhraseRow._fields])
        sources = rows_frame([(d.id, *row) for d in docs for row in results[d.id].sources], SOURCE_COLUMNS)
        quotes, figures, sources = _one_name_per_person(quotes, figures, sources)
        furniture = rows_frame([(d.id, s, e, kind, d.text[s:e]) for d in docs for s, e, kind in results[d.id].furniture],
                               ["doc", "start", "end", "kind", "text"])
        passages = rows_frame(passage_rows, ["id", "doc", "start", "end", "text"])
        t3 = time.perf_counter()
        quote_matches, quote_cluster = match_quotes(quotes, [w for f in features for w in f.quote_words],
                                                    executor=executor)
        quotes["cluster"] = quote_cluster.to_numpy() if len(quotes) else pd.Series(dtype=int)
        if len(quote_matches):
            quote_matches["speaker_changed"] = speaker_changes(quote_matches, quotes, {d.id: d.text for d in docs})
        long_quotes = quotes[[len(t.split()) >= MIN_QUOTE_WORDS for t in quotes["text"].tolist()]] if len(quotes) else quotes
        # Each job's result is asked for only where the comparison needs it, so that it has the longest to run.
        if len(docs) >= 2:
            pairs = document_pairs(doc_ids, doc_sets(long_quotes, "cluster"), neighbours_job.result())
            alignment = align_documents(pairs, coding_job.result(), executor=executor)
        figure_links = figures_job.result()
        # Figures about the same thing, across the corpus, are evidence that two documents tell one story. A measure
        # two articles share (a depth, a distance, a temperature) tells the kind of event as often as the event: two
        # earthquakes 10 km deep. It is no evidence of one story.
        story_figures = figures.assign(group=figure_components(len(figures), figure_links)) if len(figures) \
            else figures.assign(group=pd.Series(dtype=int))
        story_figures = story_figures[(story_figures["kind"] != FigureKind.MEASURE) & ~story_figures["vague"].astype(bool)]
        similarity, stories, copies = (relate_documents(pairs, alignment, doc_sets(story_figures, "group"),
                                                        names=[f.name_terms for f in features],
                                                        dates=[d.meta.get("date", "") for d in docs],
                                                        outlets=[d.outlet for d in docs],
                                                        credits=[f.credit for f in features],
                                                        interviewers=[f.interviewers for f in features],
                                                        quote_weights=quote_weights(long_quotes))
                                       if len(docs) >= 2 else empty_relations(doc_ids))
        # Each copy's evidence: the sentences that line up with its source's, where they are in both texts.
        if len(copies):
            sentences = copy_sentences(copies, doc_ids, coding_job.result(), [f.narrative_spans for f in features])
            # Two retellings of one interview share its quotes, not their own sentences: the quotes are the evidence.
            for k, (doc, source, basis) in enumerate(zip(*(copies[c].tolist() for c in ("doc", "source", "basis")))):
                if basis == "interview":
                    sentences[k] = shared_quote_sentences(doc, source, quotes)
            copies["sentences"] = pd.Series(sentences, index=copies.index, dtype=object)
        elif "sentences" not in copies:
            copies["sentences"] = pd.Series(dtype=object)  # the same columns whether or not a copy is found
        # Reconciled, figures are grouped within a story: another story's count of "people" is another event's.
        story_of = {d: k for k, docs_ in zip(stories["id"].tolist(), stories["docs"].tolist()) for d in docs_}
        figure_groups, member_group = group_figures(figures, figure_links, story_of=story_of,
                                                    dates={d.id: d.meta.get("date", "") for d in docs})
        figures["group"] = member_group.to_numpy() if len(figures) else pd.Series(dtype=int)
        speakers = speakers_table(quotes)
        claims = claims_table(quotes, figures, figure_groups, sources)
        t4 = time.perf_counter()
        topics, assigned, coverage, distinct, topic_seconds = topics_job.result()
    if len(topics):
        passages["topic"] = assigned
    documents = documents_table(docs, results, quotes, figures, coverage, topics, names, outlets)
    timings["clean"] = timings.get("clean", 0.0) + (t3 - t2)
    # The topic model may have run beside the comparison: its own time is counted, not the wait.
    timings["topics"] = timings.get("topics", 0.0) + (t1 - t0) + topic_seconds
    timings["comparison"] = timings.get("comparison", 0.0) + (t4 - t3) + (time.perf_counter() - t4)
    return Analysis(
        documents=documents, quotes=quotes, phrases=phrases, speakers=speakers, figures=figures, furniture=furniture, passages=passages,
        topics=topics, coverage=coverage, distinctive_terms=distinct, similarity=similarity, stories=stories,
        copies=copies, quote_matches=quote_matches, figure_groups=figure_groups, sources=sources, claims=claims,
        texts={d.id: d.text for d in docs}, timings=timings,
    )


def with_topics(result: Analysis, n_topics: int) -> Analysis:
    """``result`` with ``n_topics`` topics (as many as its passages allow) instead of the model's own choice: the
    topic model fitted again on the passages, and each document's main topic and theme with it. Nothing is
    extracted again and nothing else changes.

    Raises:
        ValueError: ``n_topics`` is below 1.
    """
    if n_topics < 1:
        raise ValueError(f"n_topics must be at least 1, got {n_topics}")
    passages, documents = result.passages, result.documents
    if not len(passages):
        return result
    texts, passage_docs = passages["text"].tolist(), passages["doc"].tolist()
    outlet_of = dict(zip(documents["id"], documents["outlet"].fillna("")))
    topics, assigned, coverage, distinct, _ = _topics(texts, passages["id"].tolist(), passage_docs,
                                                      [outlet_of[d] for d in passage_docs],
                                                      [passage_terms(t) for t in texts], n_topics=n_topics)
    main = main_topics(coverage, topics)
    for k, c in enumerate(("main_topic", "main_topic_label", "main_theme_label")):
        documents = documents.assign(**{c: pd.Series([main.get(d, (None, "", ""))[k] for d in documents["id"]],
                                                     index=documents.index)})
    return replace(result, topics=topics, coverage=coverage, distinctive_terms=distinct, documents=documents,
                   passages=passages.assign(topic=assigned) if len(topics) else passages)


def _one_name_per_person(quotes: pd.DataFrame, figures: pd.DataFrame,
                         sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Speakers, figures' sources and cited sources under one name per person across the corpus
    (:func:`~analysis.names.corpus_names`); a document's sources named twice are counted once."""
    columns = ((quotes, "speaker"), (figures, "source"), (sources, "name"))
    people = corpus_names([pair for df, col in columns if len(df) for pair in zip(df["doc"].tolist(), df[col].tolist())])
    for df, col in columns:
        if len(df):
            df[col] = [people.get(x, x) for x in df[col].tolist()]
    if len(sources):
        sources = (sources.groupby(["doc", "name"], sort=False, as_index=False)
                   .agg(count=("count", "sum"), kind=("kind", "first"))
                   .sort_values(["doc", "count", "name"], ascending=[True, False, True], kind="stable")
                   .reset_index(drop=True))[SOURCE_COLUMNS]
    return quotes, figures, sources


_LETTER = re.compile(r"[^\W\d_]")


# The comparison keeps the other CPUs busy meanwhile, so the model's OpenMP and BLAS threads are held to one: more
# only spin-wait for a CPU, and one thread gives the same topics on every machine.
@threadpool_limits.wrap(limits=1)
def _topics(texts: list[str], ids: list[str], passage_docs: list[str], passage_outlets: list[str],
            counts: TermCounts | list[str], n_topics: int | None = None):
    """Topics, each passage's topic, coverage per document and distinctive terms, and the seconds it took.

    ``counts`` are the passages' term counts, or their :func:`passage_terms`
    to count; ``n_topics`` asks for that many topics (default: the model's
    own choice). Takes and returns plain data: it may run in another process.
    """
    t0 = time.perf_counter()
    counts = _term_counts(counts)
    topic_cols = ["id", "label", "terms", "size", "examples", "theme", "theme_label"]
    cov_cols = ["doc", "topic", "share"]
    if not any(map(_LETTER.search, texts)):  # no words at all: nothing to model
        return (pd.DataFrame(columns=topic_cols), None, pd.DataFrame(columns=cov_cols),
                distinctive_terms([], {"document": [], "outlet": []}), time.perf_counter() - t0)
    model = TopicModel(n_topics=n_topics).fit(texts, counts=counts, documents=passage_docs)
    labels = model.labels_
    topics = pd.DataFrame({
        "id": range(model.n_topics_),
        "label": model.topic_labels_,
        "terms": model.top_terms_,
        "size": np.bincount(labels, minlength=model.n_topics_).tolist(),
        "examples": [[ids[i] for i in ex] for ex in model.examples_],
        "theme": model.themes_.tolist(),
        "theme_label": [model.theme_labels_[h] for h in model.themes_.tolist()],
    })
    assigned = pd.DataFrame({"doc": passage_docs, "topic": labels})
    coverage = (assigned.groupby(["doc", "topic"]).size() / assigned.groupby("doc").size()).rename("share").reset_index()
    coverage["share"] = coverage["share"].round(4)
    distinct = distinctive_terms(counts, {"document": passage_docs, "outlet": passage_outlets})
    return topics, labels, coverage, distinct, time.perf_counter() - t0


def _word_neighbours(counts: TermCounts | list[str], passage_docs: list[str], doc_ids: list[str]) -> WordPairs:
    """:func:`~analysis.compare.word_neighbours` of the documents, from their passages' term counts or terms."""
    return word_neighbours(_term_counts(counts).sum_by(passage_docs, doc_ids).matrix)


def _term_counts(counts: TermCounts | list[str]) -> TermCounts:
    """Term counts as given, or counted from :func:`passage_terms` strings (where the job runs)."""
    return counts if isinstance(counts, TermCounts) else TermCounts.from_terms(counts)
