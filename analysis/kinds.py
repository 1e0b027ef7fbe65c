"""The names the result tables give kinds of things, in one place: code compares with these, never with spelled-out
strings. Each is a ``str``, so the tables hold plain text."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["COPY_KINDS", "Relation"]


class Relation(StrEnum):
    """How two documents relate, as the similarity and copies tables write it."""

    VERBATIM = "verbatim"  # copied word for word
    SPUN = "spun"  # copied with words swapped for synonyms
    REWRITE = "rewrite"  # copied and reworded (or two retellings of one agency's copy or one interview)
    SAME_OUTLET = "same outlet"  # one outlet's own wording reused: shown, never claimed as a copy
    SAME_STORY = "same story"


COPY_KINDS = (Relation.VERBATIM, Relation.SPUN, Relation.REWRITE)
