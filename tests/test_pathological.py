"""Hostile and degenerate texts: the analysis finishes, and its time grows in proportion to the input.

Each input is analysed at two sizes, four times apart. A linear extractor takes
about four times as long on the larger one; one that is quadratic anywhere takes
sixteen. The test asserts the growth ratio, not a time, so it holds on a slow or
busy machine; absolute speed is the benchmark's business (``bench/``).
"""

from __future__ import annotations

import gc
import time
from itertools import product
from string import ascii_lowercase

import pytest

from analysis import analyze
from analysis.corpus import Corpus, Document

pytestmark = pytest.mark.slow  # each case analyses two sizes of text several times

GROWTH = 4
# Halfway (on a log scale) between linear (4) and quadratic (16) growth.
MAX_RATIO = 8.0


def _surnames(n: int) -> str:
    """'Abc said.' for n different capitalised surnames."""
    names = ("".join(p) for p in product(ascii_lowercase, repeat=3))
    return " ".join(f"A{next(names)} said." for _ in range(n))


# Each builds a text of n repetitions of something an extractor has to look at.
PATHOLOGICAL = {
    "10,000 straight quote marks": lambda n: '"' * n,
    "quote marks between spaces": lambda n: '" ' * n,
    "a quote that never closes": lambda n: 'He said "' + "word " * n,
    "curly quotes that only open": lambda n: "“word ‘word " * n,
    "one line with no breaks": lambda n: "word " * n,
    "one word with no spaces": lambda n: "a" * (5 * n),
    "a paragraph of attributions": lambda n: "Smith said. " * n,
    "a paragraph of quotes with speakers": lambda n: '"Yes," Smith said. ' * n,
    "distinct speakers": _surnames,
    "pronouns with nobody to refer to": lambda n: "It said. " * n,
    "capitalised words": lambda n: "Big " * n,
    "acronyms": lambda n: "Big Name (BN) " * n,
    "full stops between spaces": lambda n: ". " * n,
    "full stops without spaces": lambda n: "." * (2 * n),
    "numbers in one sentence": lambda n: "5 soldiers and " * n,
    "figures in one run-on sentence": lambda n: "The council said 5 roads closed and " * n,
    "comma-separated digits": lambda n: "1,2,3,4 " * n,
    "powers of ten": lambda n: "10^6 " * n,
    "according to": lambda n: "according to " * n,
    "slashes like photo credits": lambda n: "/Abc " * n,
    "many short paragraphs": lambda n: "A b c.\n\n" * n,
    "many lines": lambda n: "a\n" * n,
    "mixed line endings": lambda n: "He said 5 things.\r\nShe said 6.\rThey said 7.\n" * (n // 3),
}


def _cpu_seconds(text: str) -> float:
    """The best of three runs, without the garbage collector (its pauses are not the extractor's)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            analyze(Corpus([Document("doc", text)]), workers=1)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_extraction_time_grows_linearly(name):
    build = PATHOLOGICAL[name]
    n = 1000
    small = build(n)
    while _cpu_seconds(small) < 0.05 and n < 64_000:  # too quick to time reliably: make it bigger
        n *= 2
        small = build(n)
    ratio = _cpu_seconds(build(n * GROWTH)) / _cpu_seconds(small)
    print(f"{name}: n={n}, ratio {ratio:.1f}")
    assert ratio < MAX_RATIO, f"{name}: {GROWTH}x the input took {ratio:.1f}x the time (n={n})"
