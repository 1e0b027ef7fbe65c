"""The one public entry point: ``analyze(corpus)`` and the results it returns."""

from __future__ import annotations

import gc
import hashlib
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, fields
from functools import cache
from operator import itemgetter

import numpy as np
import pandas as pd
from scipy import sparse
from threadpoolctl import threadpool_limits

from .attribution import find_attributions, is_organisation, is_pronoun, named_part
from .compare import (
    CodedNarratives,
    DocumentFeatures,
    WordPairs,
    code_narratives,
    compare_documents,
    doc_sets,
    document_features,
    format_value,
    frame,
    group_figures,
    match_quotes,
    serial_map,
    word_neighbours,
)
from .corpus import Corpus, Document
from .figures import extract_figures
from .parallel import default_workers, worker_pool
from .quotes import canonical_names, extract_quotes
from .segment import CONTENT_KINDS, Segmentation, segment
from .topics import TermCounts, TopicModel, distinctive_terms, passage_terms, stop_words

__all__ = [
    "ENGINE_VERSION", "TABLES", "Analysis", "DocumentResult", "analyze", "analyze_document", "cache_key", "combine",
    "default_workers", "display_names", "extract_documents", "outlet_labels",
]

# Bump when extraction changes what it finds: cached per-document results from another version are ignored.
ENGINE_VERSION = "7"

TABLES = (
    "documents", "quotes", "speakers", "figures", "furniture", "passages", "topics", "coverage",
    "distinctive_terms", "similarity", "stories", "copies", "quote_matches", "figure_groups", "sources", "claims",
)


@dataclass(slots=True)
class DocumentResult:
    """What is extracted from one document alone (cacheable by content).

    Rows rather than DataFrames: building three small frames per document cost
    more than extracting them; the pipeline builds each table once.
    """

    furniture: list[tuple[int, int, str]]  # page furniture left out: start, end, kind
    passages: list[tuple[int, int]]  # the spans topics are found in
    quotes: list[tuple]
    figures: list[tuple]
    sources: list[tuple]
    terms: list[str]  # per passage, the words topics are made of (topics.passage_terms)
    features: DocumentFeatures  # what the comparison across documents reads
    words: int  # words in the article text (page furniture left out)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (STAGES): its per-document part


@dataclass(slots=True)
class Analysis:
    """All tables the engine produces; the CLI, exports and dashboard read these.

    Every table is a pandas DataFrame. Spans (``start``/``end``) are Python
    string offsets into the document's text as read.
    """

    documents: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    figures: pd.DataFrame
    furniture: pd.DataFrame
    passages: pd.DataFrame
    topics: pd.DataFrame
    coverage: pd.DataFrame
    distinctive_terms: pd.DataFrame
    similarity: pd.DataFrame
    stories: pd.DataFrame
    copies: pd.DataFrame
    quote_matches: pd.DataFrame
    figure_groups: pd.DataFrame
    sources: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    timings: dict[str, float] = field(default_factory=dict, repr=False)  # seconds per stage

    def tables(self) -> dict[str, pd.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in TABLES}

    def select(self, doc_ids: Iterable[str]) -> Analysis:
        """The same results restricted to some documents, without recomputing anything.

        Corpus-level results (topics, stories, similarity) stay as computed on
        the whole corpus; rows that involve documents outside the selection
        are dropped, and lists of documents are cut down to the selection.
        Figure groups keep only their selected members, and a group that
        disagreed may agree once the other outlets are filtered out.
        """
        keep = set(doc_ids)
        unknown = keep - set(self.texts)
        if unknown:
            raise ValueError(f"unknown document ids: {', '.join(sorted(unknown))}")
        if keep == set(self.texts):
            return self
        in_doc = lambda df, col="doc": df[df[col].isin(keep)].reset_index(drop=True) if len(df) else df
        within = lambda lists: lists.map(lambda ds: [d for d in ds if d in keep])
        quotes, figures = in_doc(self.quotes), in_doc(self.figures)
        speakers = _speakers(quotes)
        groups = self.figure_groups
        if len(groups):
            members = set(figures["id"])
            formatted = dict(zip(figures["id"], (format_value(v, h) for v, h in zip(figures["value"], figures["high"]))))
            groups = groups.assign(
                figures=groups["figures"].map(lambda ids: [i for i in ids if i in members]),
                docs=within(groups["docs"]),
            )
            groups = groups[groups["docs"].map(len) >= 2].copy()  # a group is across documents
            groups["values"] = groups["figures"].map(lambda ids: sorted({formatted[i] for i in ids}))
            groups["n_figures"] = groups["figures"].map(len)
            groups["disagree"] = groups["values"].map(len) > 1
            groups = groups.reset_index(drop=True)
        stories = self.stories.assign(docs=within(self.stories["docs"]))
        stories = stories[stories["docs"].map(len) > 0].reset_index(drop=True)
        claims = self.claims.assign(docs=within(self.claims["docs"]))
        claims = claims[claims["docs"].map(len) > 0].reset_index(drop=True)
        claims["n_docs"] = claims["docs"].map(len)
        documents = self.documents[self.documents["id"].isin(keep)].reset_index(drop=True)
        outlets = set(documents["label"])
        terms = self.distinctive_terms
        if len(terms):
            terms = terms[((terms["level"] == "document") & terms["group"].isin(keep))
                          | ((terms["level"] == "outlet") & terms["group"].isin(outlets))].reset_index(drop=True)
        both = lambda df, a, b: df[df[a].isin(keep) & df[b].isin(keep)].reset_index(drop=True) if len(df) else df
        return Analysis(
            documents, quotes, speakers, figures, in_doc(self.furniture), in_doc(self.passages), self.topics,
            in_doc(self.coverage), terms, both(self.similarity, "a", "b"), stories, both(self.copies, "doc", "source"),
            both(self.quote_matches, "a_doc", "b_doc"), groups, in_doc(self.sources), claims,
            {k: v for k, v in self.texts.items() if k in keep},
        )


_QUOTE_COLS = ["id", "doc", "start", "end", "text", "speaker", "speaker_as_written", "how", "verb", "partial",
               "paragraph", "sentence_start", "sentence_end"]
_FIGURE_COLS = ["id", "doc", "start", "end", "text", "value", "high", "qualifier", "kind", "subject", "source",
                "paragraph", "sentence_start", "sentence_end", "unit"]


def _sentence_bounds(seg: Segmentation, start: int, end: int) -> tuple[int, int]:
    first, last = seg.sentence_at(start), seg.sentence_at(max(start, end - 1))
    p = seg.paragraphs
    lo = first.start if first else next((x.start for x in p if x.start <= start < x.end), start)
    hi = last.end if last else next((x.end for x in p if x.start <= start < x.end), end)
    return min(lo, start), max(hi, end)


def analyze_document(text: str) -> DocumentResult:
    """Segment one document's text and extract its quotes, figures and cited sources.

    A pure function of the text, so results can be cached by content; rows
    carry no document id (the pipeline adds it).
    """
    t0 = time.perf_counter()
    seg = segment(text)
    t1 = time.perf_counter()
    quotes = extract_quotes(text, seg)
    t2 = time.perf_counter()
    figures = extract_figures(text, seg, [(q.start, q.end, q.speaker) for q in quotes])

    # Cited sources: every named speaker, addressee and "according to" in the text.
    named: list[tuple[str, str]] = []
    for p in seg.content:
        for a in find_attributions(text, p.start, p.end):
            for name in (named_part(a.speaker), a.addressee):
                name = _proper_name(name)
                if name:
                    named.append((name, a.verb))
    names = [n for n, _ in named] + [q.speaker for q in quotes if q.speaker] + [f.source for f in figures if f.source]
    canon = canonical_names(names, text)

    qrows = []
    for q in quotes:
        s0, s1 = _sentence_bounds(seg, q.start, q.end)
        qrows.append((q.start, q.end, q.text, canon.get(q.speaker, q.speaker),
                      q.speaker_as_written, q.how, q.verb, q.partial, q.paragraph, s0, s1))
    frows = []
    for f in figures:
        frows.append((f.start, f.end, f.text, f.value, f.high, f.qualifier, f.kind,
                      f.subject, canon.get(f.source, f.source), f.paragraph, f.sentence_start, f.sentence_end, f.unit))
    counts = Counter(c for c in (_proper_name(canon.get(n, n)) for n, _ in named) if c)
    srows = [(name, n, "organisation" if is_organisation(name) or " " not in name else "person")
             for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    t3 = time.perf_counter()

    # What the corpus-level steps read, made here where documents are processed in parallel.
    terms = [passage_terms(text[a:b]) for a, b in seg.passages]
    t4 = time.perf_counter()
    body = [(x.start, x.end) for x in seg.sentences if seg.paragraphs[x.paragraph].kind == "body"]
    features = document_features(text, body, [(q.start, q.end) for q in quotes],
                                 [(f.start, f.end, f.sentence_start, f.sentence_end, f.subject) for f in figures])
    words = sum(len(text[p.start : p.end].split()) for p in seg.paragraphs if p.kind in CONTENT_KINDS)
    seconds = {"clean": t1 - t0, "quotes": t2 - t1, "figures": t3 - t2, "topics": t4 - t3,
               "comparison": time.perf_counter() - t4}
    furniture = [(p.start, p.end, p.kind) for p in seg.furniture]
    return DocumentResult(furniture, seg.passages, qrows, frows, srows, terms, features, words, seconds)


_NOT_NAME_START = re.compile(
    r"^(?:If|They|Some|Another|One|Many|Most|All|Both|Each|Several|Other|Others|It|He|She|We|I|You|This|That|These|"
    r"Those|There|Here|When|While|After|Before|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_PROPER = re.compile(r"(?:The )?[A-Z][\w'’&.-]*(?: (?:(?:of|for|the|and|on|de|al)\s)*[A-Z][\w'’&.-]*)*(?: \([A-Z]{2,}\))?")


def _proper_name(name: str) -> str:
    """``name`` if it is a proper name (every word capitalised but connectors), else ""."""
    name = name.strip().rstrip(".")
    if not name or name == "The" or "\n" in name or ". " in name or _NOT_NAME_START.match(name) or is_pronoun(name):
        return ""
    return name if _PROPER.fullmatch(name) and len(name) > 1 else ""


_SOURCE_COLS = ["doc", "name", "count", "kind"]
_PARALLEL_MIN_DOCS = 200  # below this, starting worker processes costs more than it saves


def extract_documents(
    docs: list[Document],
    *,
    workers: int = 1,
    cache: MutableMapping[str, DocumentResult] | None = None,
    on_document: Callable[[Document], None] | None = None,
    progress: bool = False,
) -> dict[str, DocumentResult]:
    """Per-document extraction, reusing ``cache`` (keyed by :func:`cache_key`) and filling it."""
    with _worker_pool(workers, len(docs)) as pool:
        return _extract(docs, pool, workers, cache, on_document, progress)


def _extract(docs: list[Document], pool: ProcessPoolExecutor | None, workers: int,
             cache: MutableMapping[str, DocumentResult] | None, on_document: Callable[[Document], None] | None,
             progress: bool) -> dict[str, DocumentResult]:
    keys = {d.id: cache_key(d) for d in docs}
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


def cache_key(doc: Document) -> str:
    """Per-document results depend only on the text: key them by its hash."""
    return hashlib.sha256(doc.text.encode("utf-8", errors="surrogatepass")).hexdigest()


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


class _Workers:
    """The worker pool as :func:`combine` uses it: jobs run in the background, chunked steps on the free workers.

    A chunked step runs here, a chunk at a time, and whenever a worker is free
    (not busy with a background job such as the topic model, nor with this
    step) it is sent its share of the chunks not yet started, as one task: the
    shared inputs (a matrix of the whole corpus) travel once per task. Who
    runs a chunk never changes its result.
    """

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool, self.workers, self.jobs = pool, workers, []

    def submit(self, func: Callable, *args) -> Future:
        job = self.pool.submit(func, *args)
        self.jobs.append(job)
        return job

    def map_chunks(self, func: Callable, chunks: list, **shared) -> list:
        """:func:`~analysis.compare.serial_map`'s contract, on the free workers and this process."""
        out = [None] * len(chunks)
        todo = list(range(len(chunks)))  # not yet started; this process takes from the front, workers from the back
        tasks: list[tuple[list[int], Future]] = []
        while todo:
            busy = sum(not job.done() for job in self.jobs) + sum(not t.done() for _, t in tasks)
            free = max(0, self.workers - busy)  # jobs may queue beyond the workers
            size = max(1, len(todo) // (free + 1))
            for _ in range(free):
                if len(todo) <= 1:  # the last chunk is done here rather than sent
                    break
                share, todo = todo[-size:], todo[:-size]
                tasks.append((share, self.pool.submit(serial_map, func, [chunks[k] for k in share], **shared)))
            k = todo.pop(0)
            out[k] = func(chunks[k], **shared)
        for share, task in tasks:
            for k, result in zip(share, task.result()):
                out[k] = result
        return out


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
        cache: per-document results keyed by :func:`cache_key` (a dict, or a
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
        timings = _split_extraction(results, time.perf_counter() - t0)
        if pool is None:
            return combine(docs, results, timings)
        shared = _Workers(pool, workers)
        return combine(docs, results, timings, submit=shared.submit, map_chunks=shared.map_chunks)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while, as it was afterwards.

    Combining a corpus makes millions of small objects (rows, tuples) that
    live until the tables are built. Each of the collector's full passes
    walks all of them: on NewsArticles it ran 676 times, found 71 objects in
    cycles, and cost a tenth of this process's time. Reference counting
    still frees everything else as it goes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _split_extraction(results: dict[str, DocumentResult], wall: float) -> dict[str, float]:
    """Wall time of per-document work shared among its stages in proportion to their CPU time.

    Topics and comparison have a per-document part (their features) as well as a corpus-level one.
    """
    cpu = Counter()
    for r in results.values():
        cpu.update(r.seconds)
    total = sum(cpu.values()) or 1.0
    return {stage: wall * cpu[stage] / total for stage in STAGES}


STAGES = ("clean", "quotes", "figures", "topics", "comparison")


def combine(docs: list[Document], results: dict[str, DocumentResult], timings: dict[str, float] | None = None, *,
            counts: TermCounts | None = None, submit: Callable | None = None,
            map_chunks: Callable = serial_map) -> Analysis:
    """Corpus-level steps on per-document results: tables, topics and cross-document comparison.

    ``counts`` are the passages' term counts when already made (on a
    cluster). The topic model runs in a thread beside the comparison (its
    numerical work releases the GIL), or with ``submit`` (a worker pool's or
    a Dask client's) elsewhere, and so do the figure groups. The comparison's
    chunked steps (candidate pairs, sentence alignment) run with
    ``map_chunks`` (:func:`~analysis.compare.serial_map`, or the workers').
    """
    timings = dict(timings or {})
    t0 = time.perf_counter()
    # What the background jobs read comes first, so that they start before the tables are built.
    passage_rows = [(f"{d.id}:p{k}", d.id, s, e, d.text[s:e]) for d in docs for k, (s, e) in enumerate(results[d.id].passages)]
    names = display_names(docs, results)
    outlets = outlet_labels(docs, names)
    passage_docs = [row[1] for row in passage_rows]
    doc_ids = [d.id for d in docs]
    terms: TermCounts | list[str] = counts if counts is not None else [t for d in docs for t in results[d.id].terms]
    if submit is None:
        terms = _term_counts(terms)
    topic_args = ([row[4] for row in passage_rows], [row[0] for row in passage_rows], passage_docs,
                  [outlets[d] for d in passage_docs], terms)
    t1 = time.perf_counter()
    # Without workers, a thread rather than a forked process: OpenMP, which k-means uses, cannot run in a child
    # forked after it started; and the topic model's numerical work releases the GIL while the comparison runs.
    # Its one-thread limit (see _topics) is set here as well: set from inside a thread, it does not reach BLAS.
    with ThreadPoolExecutor(1) as thread, threadpool_limits(1):
        topics_job = (submit or thread.submit)(_topics, *topic_args)
        # The documents' neighbours by their words need only the term counts: with workers, found there while
        # the quotes are matched here. Each job counts the terms where it runs, so that this process does not
        # count them first (1.3 s at 30,000 articles) while the workers wait.
        neighbours_job = submit(_word_neighbours, terms, passage_docs, doc_ids) if submit is not None else None
        doc_counts = None if submit is not None else terms.sum_by(passage_docs, doc_ids).matrix
        t2 = time.perf_counter()
        figures = _frame([(f"{d.id}:f{k}", d.id, *row) for d in docs for k, row in enumerate(results[d.id].figures)],
                         _FIGURE_COLS)
        features = [results[d.id].features for d in docs]
        figure_args = (figures, [s for f in features for s in f.figure_stems],
                       [c for f in features for c in f.figure_classes])
        # Figure groups do not depend on the quotes: with workers, they are made there while quotes are matched,
        # and so are the narratives' coded words that sentence alignment compares.
        figures_job = submit(group_figures, *figure_args) if submit is not None else None
        coding_args = ([f.narrative for f in features], [f.narrative_words for f in features])
        coding_job = submit(code_narratives, *coding_args) if submit is not None else None
        quotes = _frame([(f"{d.id}:q{k}", d.id, *row) for d in docs for k, row in enumerate(results[d.id].quotes)],
                        _QUOTE_COLS)
        sources = _frame([(d.id, *row) for d in docs for row in results[d.id].sources], _SOURCE_COLS)
        furniture = _frame([(d.id, s, e, kind, d.text[s:e]) for d in docs for s, e, kind in results[d.id].furniture],
                           ["doc", "start", "end", "kind", "text"])
        passages = _frame(passage_rows, ["id", "doc", "start", "end", "text"])
        texts = {d.id: d.text for d in docs}
        t3 = time.perf_counter()
        quote_matches, similarity, stories, copies, figure_groups = _comparison(
            doc_ids, features, quotes, figures, doc_counts, map_chunks, figures_job, figure_args, neighbours_job,
            coding_job.result if coding_job is not None else lambda: code_narratives(*coding_args))
        speakers = _speakers(quotes)
        claims = _claims(quotes, figures, figure_groups, sources)
        t4 = time.perf_counter()
        topics, assigned, coverage, distinct, topic_seconds = topics_job.result()
    if len(topics):
        passages["topic"] = assigned
    documents = _documents_table(docs, results, quotes, figures, coverage, names, outlets)
    timings["clean"] = timings.get("clean", 0.0) + (t3 - t2)
    # The topic model may have run beside the comparison: its own time is counted, not the wait.
    timings["topics"] = timings.get("topics", 0.0) + (t1 - t0) + topic_seconds
    timings["comparison"] = timings.get("comparison", 0.0) + (t4 - t3) + (time.perf_counter() - t4)
    return Analysis(documents, quotes, speakers, figures, furniture, passages, topics, coverage, distinct,
                    similarity, stories, copies, quote_matches, figure_groups, sources, claims, texts, timings)


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)`` for rows of plain values, through :func:`~analysis.compare.frame`."""
    if not rows:
        return pd.DataFrame(columns=columns)
    # A list per column (not zip(*rows): unpacking a few hundred thousand rows as arguments costs three times as
    # much, and Arrow reads lists faster than tuples).
    return frame({name: list(map(itemgetter(k), rows)) for k, name in enumerate(columns)})


def _comparison(doc_ids: list[str], features: list[DocumentFeatures], quotes: pd.DataFrame, figures: pd.DataFrame,
                doc_counts: sparse.csr_matrix | None, map_chunks: Callable, figures_job: Future | None, figure_args: tuple,
                neighbours_job: Future | None, coded_narratives: Callable[[], CodedNarratives]):
    """Quotes and figures matched across documents (adding their cluster and group columns), and document pairs.

    The figure groups and the documents' word neighbours are the jobs' when they are made elsewhere, else made
    here (the figure groups from ``figure_args``); ``coded_narratives`` gives the narratives coded for alignment.
    """
    quote_matches, quote_cluster = match_quotes(quotes, [w for f in features for w in f.quote_words],
                                                map_chunks=map_chunks)
    quotes["cluster"] = quote_cluster.to_numpy() if len(quotes) else pd.Series(dtype=int)
    long_quotes = quotes[[len(t.split()) >= 3 for t in quotes["text"].tolist()]] if len(quotes) else quotes

    @cache
    def grouped() -> pd.DataFrame:
        # The comparison wants the figure groups only once the sentences are aligned: until then they may
        # still be being made elsewhere.
        groups, member_group = (figures_job.result() if figures_job is not None
                                else group_figures(*figure_args, map_chunks=map_chunks))
        figures["group"] = member_group.to_numpy() if len(figures) else pd.Series(dtype=int)
        return groups

    def figure_sets() -> dict[str, set[int]]:
        grouped()
        return doc_sets(figures, "group")

    similarity, stories, copies = compare_documents(
        doc_ids, doc_counts, coded_narratives, doc_sets(long_quotes, "cluster"), figure_sets, map_chunks=map_chunks,
        word_pairs=neighbours_job.result if neighbours_job is not None else None,
    )
    return quote_matches, similarity, stories, copies, grouped()


def _speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    named = quotes[quotes["speaker"] != ""] if len(quotes) else quotes
    if not len(named):
        return pd.DataFrame(columns=["speaker", "quotes", "documents"])
    return (
        named.groupby(["speaker"]).agg(quotes=("id", "size"), documents=("doc", "nunique")).reset_index()
        .sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)
    )


_LETTER = re.compile(r"[^\W\d_]")


# The comparison keeps the other CPUs busy meanwhile, so the model's OpenMP and BLAS threads are held to one: more
# only spin-wait for a CPU (on two CPUs, 1.5 to 4 CPU-seconds of a NewsArticles run), and one thread gives the same
# topics on every machine.
@threadpool_limits.wrap(limits=1)
def _topics(texts: list[str], ids: list[str], passage_docs: list[str], passage_outlets: list[str],
            counts: TermCounts | list[str]):
    """Topics, each passage's topic, coverage per document and distinctive terms, and the seconds it took.

    ``counts`` are the passages' term counts, or their :func:`passage_terms`
    to count. Takes and returns plain data: it may run in another process.
    """
    t0 = time.perf_counter()
    counts = _term_counts(counts)
    topic_cols, cov_cols = ["id", "label", "terms", "size", "examples"], ["doc", "topic", "share"]
    if not any(map(_LETTER.search, texts)):  # no words at all: nothing to model
        return (pd.DataFrame(columns=topic_cols), None, pd.DataFrame(columns=cov_cols),
                distinctive_terms([], {"document": [], "outlet": []}), time.perf_counter() - t0)
    model = TopicModel().fit(texts, counts=counts)
    labels = model.labels_
    topics = pd.DataFrame({
        "id": range(model.n_topics_),
        "label": model.topic_labels_,
        "terms": model.top_terms_,
        "size": np.bincount(labels, minlength=model.n_topics_).tolist(),
        "examples": [[ids[i] for i in ex] for ex in model.examples_],
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


_OPENING_WORDS = 8  # enough of a first sentence to recognise the article by


def display_names(docs: list[Document], results: Mapping[str, DocumentResult]) -> dict[str, str]:
    """A readable name per document for tables, charts and links, unique within the corpus and never an id.

    The outlet when it has one article here; otherwise the outlet and the title; without an outlet the title;
    without either the article's opening words (of its first passage, so not a caption or a dateline).
    A name two documents would share gets " (2)", " (3)" in order.
    """
    per_outlet = Counter(d.outlet for d in docs if d.outlet)
    names: dict[str, str] = {}
    used: Counter[str] = Counter()
    for d in docs:
        title = d.meta.get("title", "") or _opening_words(d.text, results[d.id].passages)
        name = d.outlet if d.outlet and per_outlet[d.outlet] == 1 else ": ".join(x for x in (d.outlet, title) if x)
        name = name or d.id  # a document of nothing but furniture
        used[name] += 1
        names[d.id] = name if used[name] == 1 else f"{name} ({used[name]})"
    return names


def _opening_words(text: str, passages: list[tuple[int, int]]) -> str:
    if not passages:
        return ""
    words = text[passages[0][0] : passages[0][1]].split()
    opening = " ".join(words[:_OPENING_WORDS]).strip("\"'“”‘’")
    return f"“{opening}{'…' if len(words) > _OPENING_WORDS else ''}”" if opening else ""


def outlet_labels(docs: list[Document], names: Mapping[str, str]) -> dict[str, str]:
    """What to call each document's outlet in filters and per-outlet tables: the outlet, or for a document
    without one its name marked as such, so it is never taken for an outlet or merged with others."""
    return {d.id: d.outlet or f"{names[d.id]} (outlet unknown)" for d in docs}


def _documents_table(docs, results, quotes, figures, coverage, names, outlets) -> pd.DataFrame:
    rows = []
    main_topic = {}
    if len(coverage):
        top = coverage.sort_values(["doc", "share"], ascending=[True, False], kind="stable").drop_duplicates("doc")
        main_topic = dict(zip(top["doc"].tolist(), top["topic"].tolist()))
    qn = quotes.groupby("doc").size().to_dict() if len(quotes) else {}
    fn = figures.groupby("doc").size().to_dict() if len(figures) else {}
    for d in docs:
        words = results[d.id].words
        row = {"id": d.id, "name": names[d.id], "label": outlets[d.id], "outlet": d.meta.get("outlet", ""), "title": d.meta.get("title", ""),
               "author": d.meta.get("author", ""), "date": d.meta.get("date", ""), "url": d.meta.get("url", ""),
               "words": words, "quotes": int(qn.get(d.id, 0)), "figures": int(fn.get(d.id, 0)),
               "main_topic": main_topic.get(d.id), "chars": len(d.text)}
        for k, v in d.meta.items():
            row.setdefault(k, v)
        row["meta_source"] = dict(d.meta_source)
        rows.append(row)
    return pd.DataFrame(rows)


def _claims(quotes: pd.DataFrame, figures: pd.DataFrame, figure_groups: pd.DataFrame,
            sources: pd.DataFrame) -> pd.DataFrame:
    """Which quotes, figures and sources each document carries: one row per claim."""
    rows = []
    if len(quotes):
        clusters: dict[int, tuple[str, str, set[str]]] = {}  # the first quote's text and speaker, and every document
        for cid, text, speaker, doc in zip(quotes["cluster"].tolist(), quotes["text"].tolist(),
                                           quotes["speaker"].tolist(), quotes["doc"].tolist()):
            if len(text.split()) < 3:
                continue
            if cid in clusters:
                clusters[cid][2].add(doc)
            else:
                clusters[cid] = (text, speaker, {doc})
        for cid in sorted(clusters):
            text, speaker, docs = clusters[cid]
            rows.append((f"quote:{cid}", "quote", text[:120], speaker, sorted(docs)))
    if len(figure_groups):
        for group, label, values, docs in zip(figure_groups["group"].tolist(), figure_groups["label"].tolist(),
                                              figure_groups["values"].tolist(), figure_groups["docs"].tolist()):
            rows.append((f"figure:{group}", "figure", f"{label}: {', '.join(values)}", "", docs))
    if len(figures):
        alone = figures[figures["group"] < 0]
        for fid, subject, kind, text, source, doc in zip(*(alone[c].tolist() for c in ("id", "subject", "kind", "text",
                                                                                         "source", "doc"))):
            rows.append((f"figure:{fid}", "figure", f"{subject or kind}: {text}", source, [doc]))
    if len(sources):
        cited: dict[str, set[str]] = defaultdict(set)
        for name, doc in zip(sources["name"].tolist(), sources["doc"].tolist()):
            cited[name].add(doc)
        for name in sorted(cited):
            rows.append((f"source:{name}", "source", name, "", sorted(cited[name])))
    claims = pd.DataFrame(rows, columns=["claim", "type", "label", "attributed_to", "docs"])
    claims["n_docs"] = claims["docs"].map(len)
    return claims
