"""The names the result tables give kinds of things, in one place: code compares with these, never with spelled-out
strings. Each is a ``str``, so the tables hold plain text."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["COPY_KINDS", "FigureKind", "How", "QuoteKind", "Relation"]


class Relation(StrEnum):
    """How two documents relate, as the similarity and copies tables write it."""

    VERBATIM = "verbatim"  # copied word for word
    SPUN = "spun"  # copied with words swapped for synonyms
    REWRITE = "rewrite"  # copied and reworded (or two retellings of one agency's copy or one interview)
    SAME_OUTLET = "same outlet"  # one outlet's own wording reused: shown, never claimed as a copy
    SAME_STORY = "same story"


COPY_KINDS = (Relation.VERBATIM, Relation.SPUN, Relation.REWRITE)


class How(StrEnum):
    """How a quote is attributed: the readings of its speaker (:mod:`analysis.speakers`) and, as the quotes table
    writes it, the one chosen (``FOLLOW_ON`` stands for the reported, paragraph and previous readings)."""

    LEADING = "leading"  # a verb of saying before it in its sentence
    TRAILING = "trailing"  # a verb of saying after it
    ACCORDING = "according"  # "according to X"
    CALLED = "called"  # words someone is said to have used: 'Musk's "production hell"'
    INTRODUCED = "introduced"  # after a colon in a sentence naming the speaker
    REPORTED = "reported"  # right after the speaker's reported speech
    PARAGRAPH = "paragraph"  # the speaker of the paragraph's earlier quote
    CONTINUED = "continued"  # a quote running on from the previous paragraph
    PREVIOUS = "previous"  # the previous quote's speaker
    NAMED = "named"  # the person last named
    FOLLOW_ON = "follow-on"
    UNATTRIBUTED = "unattributed"


class FigureKind(StrEnum):
    """What kind of amount a figure is, as the figures table writes it."""

    COUNT = "count"  # people, homes, votes: the default
    PERCENT = "percent"
    MONEY = "money"
    SHARE = "share"  # "a third", "two in five"
    DURATION = "duration"
    MEASURE = "measure"  # a depth, a distance, a temperature, a weight


class QuoteKind(StrEnum):
    """What words in quote marks are: somebody's statement, or a phrase (the phrases table)."""

    QUOTE = "quote"
    TITLE = "title"  # of a work, a show or an event
    SCARE_QUOTE = "scare quote"  # the writer's own word in quote marks
