"""The engine's records: what one document yields, and the tables of a whole analysis."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import NamedTuple

import pandas as pd

from .numbers import written_values

__all__ = [
    "CHART_MAX_DOCS", "ENGINE_VERSION", "STAGES", "TABLES", "Analysis", "DocumentFeatures", "DocumentResult", "Figure",
    "FigureRow", "FurnitureSpan", "PhraseRow", "QuoteRow", "SourceRow", "content_hash",
]

# Bump when extraction changes what it finds, or the tables change shape: cached per-document results from another
# version are ignored, and a results folder from another version is refused with a message to analyse it again.
ENGINE_VERSION = "18"


class Figure(NamedTuple):
    """A reported figure as written in the text, with what it counts and on whose authority."""

    start: int
    end: int
    text: str
    value: float
    high: float | None
    qualifier: str
    kind: str  # count, percent, duration, money, measure
    subject: str
    source: str
    paragraph: int
    sentence_start: int
    sentence_end: int
    unit: str  # a money figure's currency as written ("$", "£", "euros"), "%", a duration's unit, "" for a count
    vague: bool = False  # "thousands of", "hundreds": an order of magnitude, never compared as an exact figure


FigureRow = Figure  # a figure's row is the figure as extracted, its source made canonical


@dataclass(slots=True)
class DocumentFeatures:
    """What the comparison needs from one document, made with its extraction (in parallel, cached).

    Words are normalised (:func:`normalize_words`) and space-joined: cheap to
    send between processes and to store.
    """

    narrative: list[str]  # body sentences with their quotations cut out
    narrative_spans: list[tuple[int, int]]  # where each of those sentences is in the text
    narrative_words: str  # the distinct words of the narrative
    quote_words: list[str]  # per quote
    figure_stems: list[str]  # per figure: stems of the words around it
    # per figure: classes of counted things in its sentence, in its subject, and in the words right around it; and
    # "elsewhen" where its sentence ties it to another time or to a hypothesis (:func:`figure_time`)
    figure_classes: list[tuple[str, str, str, str]]
    name_terms: str  # the names and numbers of its body (:func:`name_terms`)
    credit: str  # the credit it gives a news agency whose copy it carries (:func:`agency_credit`), or ""
    interviewers: str  # the organisations its speakers give their words to (:func:`interviewers`), "; "-joined

# One row or column per document stays readable up to about this many: per-document charts draw no more.
CHART_MAX_DOCS = 30

TABLES = (
    "documents", "quotes", "phrases", "speakers", "figures", "furniture", "passages", "topics", "coverage",
    "distinctive_terms", "similarity", "stories", "copies", "quote_matches", "figure_groups", "sources", "claims",
)
# The stages whose time is reported (per-document work is shared among them in proportion to its CPU time).
STAGES = ("clean", "quotes", "figures", "topics", "comparison")


def content_hash(text: str) -> str:
    """The key of a text's per-document results and of its place in the store: results depend only on it."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


# Rows are named tuples: named where they are read, and as cheap as tuples to make by the hundred thousand and to
# turn into table columns.
class FurnitureSpan(NamedTuple):
    start: int
    end: int
    kind: str  # caption, ad, bio, byline, counter, chrome, ...


class QuoteRow(NamedTuple):
    start: int
    end: int
    text: str
    speaker: str
    speaker_as_written: str
    how: str
    verb: str
    partial: bool
    paragraph: int
    sentence_start: int
    sentence_end: int


class PhraseRow(NamedTuple):
    """Words in quote marks that nobody is quoted saying: a title, or the writer's word in scare quotes."""

    start: int
    end: int
    text: str
    kind: str  # title, scare quote
    paragraph: int
    sentence_start: int
    sentence_end: int


class SourceRow(NamedTuple):
    name: str
    count: int  # type: ignore[assignment]  # the sources table's column; as a field it hides tuple.count, unused here
    kind: str  # person or organisation


@dataclass(slots=True)
class DocumentResult:
    """What is extracted from one document alone (cacheable by content).

    Rows rather than DataFrames: building three small frames per document cost
    more than extracting them; the pipeline builds each table once.
    """

    furniture: list[FurnitureSpan]  # page furniture left out
    passages: list[tuple[int, int]]  # the spans topics are found in
    quotes: list[QuoteRow]
    phrases: list[PhraseRow]
    figures: list[FigureRow]
    sources: list[SourceRow]
    terms: list[str]  # per passage, the words topics are made of (tokens.passage_terms)
    features: DocumentFeatures  # what the comparison across documents reads
    words: int  # words in the article text (page furniture left out)
    notes: list[str]  # what the reader should know about how the text was read (damaged punctuation)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (STAGES): its per-document part


def speakers_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted, how often and in how many documents, from the quotes table."""
    named = quotes[quotes["speaker"] != ""] if len(quotes) else quotes
    if not len(named):
        return pd.DataFrame(columns=["speaker", "quotes", "documents"])
    return (
        named.groupby(["speaker"]).agg(quotes=("id", "size"), documents=("doc", "nunique")).reset_index()
        .sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)
    )


@dataclass(slots=True)
class Analysis:
    """All tables the engine produces; the CLI, exports and dashboard read these.

    Every table is a pandas DataFrame. Spans (``start``/``end``) are Python
    string offsets into the document's text as read.
    """

    documents: pd.DataFrame
    quotes: pd.DataFrame
    phrases: pd.DataFrame  # titles and scare quotes: in quote marks, but nobody's statement
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

    def most_involved(self, limit: int = CHART_MAX_DOCS) -> Analysis:
        """The ``limit`` documents per-document charts draw: all of them, or the most involved ones (copying or
        copied first, then the most quotes and figures), so that a chart's size never grows with the corpus."""
        docs = self.documents
        if len(docs) <= limit:
            return self
        in_copies = docs["id"].isin(set(self.copies["doc"]) | set(self.copies["source"]))
        ranked = docs.assign(_copy=in_copies, _evidence=docs["quotes"] + docs["figures"])
        ranked = ranked.sort_values(["_copy", "_evidence"], ascending=False, kind="stable")
        return self.select(ranked["id"].head(limit))

    def select(self, doc_ids: Iterable[str]) -> Analysis:
        """The same results restricted to some documents, without recomputing anything.

        Corpus-level results (topics, stories, similarity) stay as computed on
        the whole corpus; rows that involve documents outside the selection
        are dropped, and lists of documents are cut down to the selection.
        Figure groups keep only their selected members and the disagreements
        between them: a group that disagreed may agree once the other outlets
        are filtered out.
        """
        keep = set(doc_ids)
        unknown = keep - set(self.texts)
        if unknown:
            raise ValueError(f"unknown document ids: {', '.join(sorted(unknown))}")
        if keep == set(self.texts):
            return self
        def in_doc(df, col="doc"):
            return df[df[col].isin(keep)].reset_index(drop=True) if len(df) else df
        def within(lists):
            return lists.map(lambda ds: [d for d in ds if d in keep])
        quotes, figures = in_doc(self.quotes), in_doc(self.figures)
        speakers = speakers_table(quotes)
        groups = self.figure_groups
        group_label: dict[str, str] = {}  # a figure group's claim, as its selected members write it
        if len(groups):
            members = set(figures["id"])
            written = dict(zip(figures["id"], zip(figures["value"], figures["high"], figures["qualifier"].fillna(""))))
            for group, label, ids in zip(groups["group"].tolist(), groups["label"].tolist(), groups["figures"].tolist()):
                kept = [i for i in ids if i in members]
                if kept:
                    group_label[f"figure:{group}"] = f"{label}: {', '.join(written_values(*zip(*(written[i] for i in kept))))}"
            groups = groups.assign(
                figures=groups["figures"].map(lambda ids: [i for i in ids if i in members]),
                docs=within(groups["docs"]),
                conflicts=groups["conflicts"].map(lambda pairs: [p for p in pairs if p[0] in members and p[1] in members]),
            )
            groups = groups[groups["docs"].map(len) >= 2].copy()  # a group is across documents
            groups["values"] = [written_values(*zip(*(written[i] for i in ids))) for ids in groups["figures"]]
            groups["n_figures"] = groups["figures"].map(len)
            groups["disagree"] = groups["conflicts"].map(bool)
            groups = groups.reset_index(drop=True)
        stories = self.stories.assign(docs=within(self.stories["docs"]))
        stories = stories[stories["docs"].map(len) > 0].reset_index(drop=True)
        claims = self.claims.assign(docs=within(self.claims["docs"]))
        claims = claims[claims["docs"].map(len) > 0].reset_index(drop=True)
        claims["n_docs"] = claims["docs"].map(len)
        claims["label"] = [group_label.get(c, label) for c, label in zip(claims["claim"].tolist(), claims["label"].tolist())]
        documents = self.documents[self.documents["id"].isin(keep)].reset_index(drop=True)
        outlets = set(documents["label"])
        terms = self.distinctive_terms
        if len(terms):
            terms = terms[((terms["level"] == "document") & terms["group"].isin(keep))
                          | ((terms["level"] == "outlet") & terms["group"].isin(outlets))].reset_index(drop=True)
        def both(df, a, b):
            return df[df[a].isin(keep) & df[b].isin(keep)].reset_index(drop=True) if len(df) else df
        return Analysis(
            documents=documents, quotes=quotes, phrases=in_doc(self.phrases), speakers=speakers, figures=figures, furniture=in_doc(self.furniture),
            passages=in_doc(self.passages), topics=self.topics, coverage=in_doc(self.coverage), distinctive_terms=terms,
            similarity=both(self.similarity, "a", "b"), stories=stories, copies=both(self.copies, "doc", "source"),
            quote_matches=both(self.quote_matches, "a_doc", "b_doc"), figure_groups=groups, sources=in_doc(self.sources),
            claims=claims, texts={k: v for k, v in self.texts.items() if k in keep},
        )
