"""Figure reconciliation: figures about the same thing in different documents, and groups whose values disagree."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..lexicon import FIGURE_CONTEXT_FUNCTION_WORDS, POINTING_WORDS
from ..run import Executor
from ..thresholds import FIGURE_MAX_DF, FIGURE_MIN_CONTEXT, FIGURE_SAME_CONTEXT, FIGURE_SAME_VALUE_CONTEXT
from .candidates import _candidate_arrays, _incidence, _pair_dots

# Words for the same counted thing, as news writes them.
_CLASSES = {
    "casualties": "killed kill dead death deaths died die losses loss casualties casualty fatalities "
                  "wounded injured toll bodies body",
    "people": "soldiers soldier troops troop troopers trooper servicemen serviceman personnel men people "
              "fighters reservists conscripts draftees recruits civilians residents persons",
    "detained": "arrested detained held holding imprisoned jailed captured prisoners detainees",
    "displaced": "fled displaced refugees evacuated homeless",
}
_CLASS_BIT = {c: 1 << k for k, c in enumerate(_CLASSES)}
_TALLY_BITS = _CLASS_BIT["casualties"] | _CLASS_BIT["people"]
_CLASS_OF = {w: c for c, words in _CLASSES.items() for w in words.split()}


def _stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if w not in FIGURE_CONTEXT_FUNCTION_WORDS and not w.isdigit() and len(w) > 2}


def _classes(words: list[str]) -> set[str]:
    return {_CLASS_OF[w] for w in words if w in _CLASS_OF}


def group_figures(figures: pd.DataFrame, stems: list[str], classes: list[tuple[str, str]], *,
                  executor: Executor | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Group figures about the same thing across documents; flag groups whose values disagree.

    ``stems`` and ``classes`` are each figure's from :func:`document_features`.
    Two figures from different documents are linked when they are of the same
    kind and either their sentences share much of their vocabulary or both
    count the same class of thing (deaths and losses, troops and soldiers) in
    the same role. The rules run on all candidate pairs at once.
    """
    cols = ["group", "docs", "values", "n_figures", "disagree", "label", "figures"]
    n = len(figures)
    # Few distinct sets of classes: each turned into bits once.
    mask = {names: sum(_CLASS_BIT[c] for c in names.split()) for names in {x for pair in classes for x in pair}}
    sent_mask = np.fromiter((mask[c] for c, _ in classes), dtype=np.int64, count=n)
    subj_mask = np.fromiter((mask[c] for _, c in classes), dtype=np.int64, count=n)
    # A measure is compared only with measures in the same unit: 90 mph and 30mm are different things.
    units = figures["unit"].tolist() if "unit" in figures else [""] * n
    kinds = [f"{k} in {u}" if k == "measure" else k for k, u in zip(figures["kind"].tolist(), units)]
    docs = figures["doc"].tolist()
    doc_code = pd.factorize(pd.Series(docs, dtype=object))[0]
    value, high = figures["value"].to_numpy(dtype=float), figures["high"].to_numpy(dtype=float)
    S = _incidence([s.split() for s in stems])
    # Every rule below needs shared vocabulary (a Jaccard floor), so candidates share a stem; and a kind.
    a_parts, b_parts, shared_parts = [], [], []
    for rows in pd.Series(np.arange(n)).groupby(np.asarray(kinds, dtype=object), sort=True).groups.values():
        rows = np.sort(np.asarray(rows))
        S_kind = S[rows]
        r, c, v = _candidate_arrays(S_kind, max_df=FIGURE_MAX_DF, executor=executor)
        # The candidates' shared stems are counted on stems around 2 to FIGURE_MAX_DF figures of the kind;
        # a stem around one figure is shared by none, so the more common stems are all that is left to add.
        common = S_kind[:, np.flatnonzero(np.bincount(S_kind.indices, minlength=S.shape[1]) > FIGURE_MAX_DF)]
        a_parts.append(rows[r])
        b_parts.append(rows[c])
        shared_parts.append(v + _pair_dots(common, r, c))
    a = np.concatenate(a_parts) if a_parts else np.zeros(0, dtype=np.int64)
    b = np.concatenate(b_parts) if b_parts else np.zeros(0, dtype=np.int64)
    shared = np.concatenate(shared_parts) if shared_parts else np.zeros(0)
    sizes = np.asarray(S.sum(axis=1)).ravel()
    union = sizes[a] + sizes[b] - shared
    jacc = np.divide(shared, union, out=np.zeros(len(a)), where=union > 0)
    # Deaths, losses and troops killed are one tally, even within one article.
    tally = lambda x: ((sent_mask[x] & _CLASS_BIT["casualties"]) > 0) & ((subj_mask[x] & _TALLY_BITS) > 0)
    casualty = tally(a) & tally(b)
    same_thing = ((subj_mask[a] & subj_mask[b]) != 0) | ((subj_mask[a] | subj_mask[b]) == 0)
    same_value = (value[a] == value[b]) & ((high[a] == high[b]) | (np.isnan(high[a]) & np.isnan(high[b])))
    across = ((jacc >= FIGURE_SAME_CONTEXT) & same_thing) | casualty | (same_value & (jacc >= FIGURE_SAME_VALUE_CONTEXT))
    link = (jacc >= FIGURE_MIN_CONTEXT) & np.where(doc_code[a] == doc_code[b], casualty, across)
    graph = sparse.coo_matrix((np.ones(int(link.sum())), (a[link], b[link])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    group = np.full(n, -1, dtype=int)
    subject_list, id_list = figures["subject"].fillna("").astype(str).tolist(), figures["id"].astype(str).tolist()
    rows = []
    gid = 0
    order = np.argsort(component, kind="stable")  # members of a component together, in figure order
    bounds = np.flatnonzero(np.r_[True, np.diff(component[order]) != 0, True])
    linked = [order[lo:hi].tolist() for lo, hi in zip(bounds[:-1], bounds[1:]) if hi - lo >= 2]
    for members in sorted(linked, key=lambda m: m[0]):
        group_docs = sorted({docs[m] for m in members})
        if len(group_docs) < 2:
            continue
        vals = sorted({format_value(value[m], high[m]) for m in members})
        subjects = Counter(subject_list[m] for m in members if subject_list[m] and subject_list[m].lower() not in POINTING_WORDS)
        label = subjects.most_common(1)[0][0] if subjects else kinds[members[0]]
        group[members] = gid
        rows.append((gid, group_docs, vals, len(members), len(vals) > 1, label, [id_list[m] for m in members]))
        gid += 1
    return pd.DataFrame(rows, columns=cols), pd.Series(group, index=figures.index)


def format_value(low: float, high: float | None) -> str:
    """A figure's value as a reader writes it: 22,000 or 60–70."""
    f = lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    return f"{f(low)}–{f(high)}" if high is not None and not pd.isna(high) else f(low)
