"""Words as topics and the comparison count them: a passage's terms, and space-joined words split in bulk."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .lexicon import stop_words

__all__ = ["passage_terms", "split_joined"]

# Runs of word characters three or more long; those of letters only are terms. Finding the runs and then asking
# str.isalpha is a third faster than one pattern of letters between word boundaries, which backtracks.
_RUNS = re.compile(r"\w{3,}")


def passage_terms(text: str) -> str:
    """The words of a passage that topics are made of: lower-cased, three letters or more, no stop words.

    Space-joined, so that a document's worth travels cheaply from the process
    that extracted it; :meth:`TermCounts.from_terms` counts them.
    """
    stop = stop_words()
    return " ".join([w for w in _RUNS.findall(text.lower()) if w.isalpha() and w not in stop])


def split_joined(joined: Sequence[str]) -> tuple[np.ndarray, pa.Array]:
    """Space-joined words split by Arrow, in C++: how many words each string has, and all the words in turn."""
    words = pc.split_pattern(pa.array([j or None for j in joined], type=pa.large_string()), " ")  # "": no words
    return pc.list_value_length(words).fill_null(0).to_numpy().astype(np.int64), pc.list_flatten(words)
