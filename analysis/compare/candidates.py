"""Candidate pairs: items that share enough features to be worth comparing closely, found without all pairs.

The same search serves documents (uncommon words), quotes (word trigrams)
and figures (stems of the words around them), and the dot products of the
pairs found are taken from sparse rows in bulk."""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd
from scipy import sparse

from ..run import Executor, serial_map


def incidence(features: list) -> sparse.csr_matrix:
    """A 0/1 items × features matrix from the distinct hashable features of each item."""
    flat = [f for feats in features for f in feats]
    cols: np.ndarray
    vocab: pd.Index | list
    cols, vocab = pd.factorize(pd.Series(flat, dtype=object)) if flat else (np.zeros(0, dtype=np.int64), [])
    rows = np.repeat(np.arange(len(features)), [len(feats) for feats in features])
    return sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(len(features), len(vocab)))


def candidate_pairs(features: list[set] | sparse.spmatrix, *, blocks: list | None = None, max_df: int = 200,
                    top_k: int = 20, executor: Executor | None = None) -> list[tuple[int, int, int]]:
    """Pairs of items (i < j) that share features, with how many: the candidates to compare closely.

    ``features`` is a set of hashable features per item, or a sparse matrix
    with one row per item. Features carried by more than ``max_df`` items say
    nothing (a phrase everybody uses) and are ignored. Each item keeps the
    ``top_k`` later items sharing the most features with it, so the cost grows
    with the number of items, not with all pairs. Items in the same block (the
    same document) are never paired when ``blocks`` is given. The work is done
    in blocks of items, run by ``executor`` (here, in order, by default).
    """
    r, c, v = candidate_arrays(features, blocks=blocks, max_df=max_df, top_k=top_k, executor=executor)
    return list(zip(r.tolist(), c.tolist(), v.tolist()))


_CANDIDATE_BLOCK_ROWS = 5_000  # items whose shared features are counted at once: bounds the memory it takes
_CANDIDATE_MIN_BLOCKS = 4  # a few thousand items still make blocks enough to share among a few workers
_CANDIDATE_MIN_BLOCK_ROWS = 500  # below this a block costs more to send than to compute
_TOP_K_BINS = 64  # shared counts told apart when finding what may be in an item's top_k


def candidate_arrays(features: list[set] | sparse.spmatrix, *, blocks: list | None = None, max_df: int = 200,
                      top_k: int = 20, executor: Executor | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`candidate_pairs` as arrays of items, partners and shared counts, sorted by item and partner."""
    empty = (np.zeros(0, dtype=np.int64),) * 3
    if sparse.issparse(features):
        M = sparse.csr_matrix(features, dtype=np.int32)
        M.data[:] = 1
    else:
        M = incidence(features)
    if M.nnz == 0:
        return empty
    df = np.bincount(M.indices, minlength=M.shape[1])
    M = M[:, np.flatnonzero((df >= 2) & (df <= max_df))]
    codes = pd.factorize(pd.Series(blocks, dtype=object))[0] if blocks is not None else None
    n = M.shape[0]
    rows = min(_CANDIDATE_BLOCK_ROWS, max(_CANDIDATE_MIN_BLOCK_ROWS, -(-n // _CANDIDATE_MIN_BLOCKS)))
    spans = [(lo, min(lo + rows, n)) for lo in range(0, n, rows)]
    parts = (executor.map_chunks if executor else serial_map)(_candidate_block, spans, M=M, codes=codes, top_k=top_k)
    # Each part is one block's (items, partners, counts), so the tuple holds three arrays.
    return (cast("tuple[np.ndarray, np.ndarray, np.ndarray]", tuple(np.concatenate(arrays) for arrays in zip(*parts)))
            if parts else empty)


def _candidate_block(span: tuple[int, int], *, M: sparse.csr_matrix, codes: np.ndarray | None,
                     top_k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates of items ``span[0]`` to ``span[1] - 1``: their ``top_k`` later partners."""
    lo, hi = span
    # Partners come later than the item, so only items from lo on can be partners.
    shared = (M[lo:hi] @ M[lo:].T).tocoo()
    r, c, v = shared.row.astype(np.int64) + lo, shared.col.astype(np.int64) + lo, shared.data.astype(np.int64)
    keep = c > r
    if codes is not None:
        keep &= codes[r] != codes[c]
    r, c, v = r[keep], c[keep], v[keep]
    if len(r) == 0:
        return (np.zeros(0, dtype=np.int64),) * 3
    # Only what can be among an item's top_k is sorted: its entries sharing at least as many features as its
    # top_k-th. That count comes from a histogram per item; counts of _TOP_K_BINS or more share its last bin,
    # which keeps more entries, never fewer. Sorting every entry cost four times as much as the rest.
    binned = np.minimum(v, _TOP_K_BINS - 1)
    hist = np.bincount((r - lo) * _TOP_K_BINS + binned, minlength=(hi - lo) * _TOP_K_BINS).reshape(hi - lo, -1)
    at_least = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]  # per item: its entries sharing each count or more
    floor = np.maximum((at_least >= top_k).sum(axis=1) - 1, 0)
    keep = binned >= floor[r - lo]
    r, c, v = r[keep], c[keep], v[keep]
    # By item, then most shared features, then partner: one sort of a single key (faster than three).
    n, vmax = M.shape[0], int(v.max())
    key_fits = n * n * (vmax + 1) < 2**62  # always, short of a hundred million items
    order = np.argsort((r * (vmax + 1) + (vmax - v)) * n + c) if key_fits else np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
    keep = rank < top_k
    r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, r))
    return r[order], c[order], v[order]


_PAIR_DOTS_CELLS = 2**18  # left rows spread out at once: about 2 MB of float64, which stays in a CPU's cache


def pair_dots(X: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot products of rows ``left[k]`` and ``right[k]`` of ``X``, pairs sorted by ``left``.

    A block of left rows is spread into dense rows at once; the partners' entries
    are read straight from the CSR arrays and summed per pair. Gathering all left
    and right rows as matrices would copy every pair's rows; a block rather than
    one row at a time matters where rows are short and partners few (figures).
    """
    X = sparse.csr_matrix(X)
    out = np.zeros(len(left))
    if not len(left) or not X.nnz:
        return out
    indptr, indices, data = X.indptr, X.indices, X.data
    row_lengths = np.diff(indptr)
    width = X.shape[1]
    block = max(1, _PAIR_DOTS_CELLS // width)
    dense = np.zeros(block * width)  # filled for each block, then cleared again: no allocation per block
    bounds = np.flatnonzero(np.r_[True, left[1:] != left[:-1], True])  # where each left row's pairs start
    for g0 in range(0, len(bounds) - 1, block):
        g1 = min(g0 + block, len(bounds) - 1)
        lo, hi = bounds[g0], bounds[g1]
        rows = left[bounds[g0:g1]]
        spread = _row_entries(indptr[rows], row_lengths[rows])
        cells = np.repeat(np.arange(len(rows)) * width, row_lengths[rows]) + indices[spread]
        dense[cells] = data[spread]
        partners = right[lo:hi]
        lengths = row_lengths[partners]
        if lengths.sum():
            entries = _row_entries(indptr[partners], lengths)
            slot = np.repeat(np.repeat(np.arange(len(rows)) * width, np.diff(bounds[g0 : g1 + 1])), lengths)
            products = data[entries] * dense[slot + indices[entries]]
            filled = lengths > 0
            out[lo:hi][filled] = np.add.reduceat(products, (np.cumsum(lengths) - lengths)[filled])
        dense[cells] = 0.0
    return out


def _row_entries(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Positions in a CSR matrix's arrays of the rows starting at ``starts`` with ``lengths`` entries, in turn."""
    offsets = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum())) - np.repeat(offsets - starts, lengths)


def sets_matrix(doc_ids: list[str], sets: dict[str, set[int]]) -> sparse.csr_matrix:
    """Documents × ids, 1 where the document's set holds the id (quote clusters, figure groups)."""
    rows = [k for k, d in enumerate(doc_ids) for _ in sets.get(d, ())]
    cols = [c for d in doc_ids for c in sets.get(d, ())]
    width = max(cols, default=-1) + 1
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(doc_ids), width))
