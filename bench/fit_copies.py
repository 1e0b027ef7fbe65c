"""Fit the copy model (``analysis/models/copies.json``) on pairs of NewsArticles documents an editor judged.

    python bench/fit_copies.py            # fit, cross-validate, write the model
    python bench/fit_copies.py --check    # cross-validate only; the shipped model is left alone

The judged pairs are ``tests/data/claims/copies.json`` (copy claims of an earlier engine, drawn at random) and
``tests/data/claims/copy-candidates.json`` (pairs drawn at random from those with some evidence of shared text,
claimed or not). A pair holds when one document's reporting is taken from the other's, or both carry one agency's
copy, or an outlet republishes its own story; it does not when the two only quote the same statement, share page
furniture or a stock background paragraph, a lead-in or a fragment.

Each pair's features are read by the engine's own code (:func:`analysis.compare.copy_features`) from the
corpus as the engine reads it. A logistic regression (scikit-learn) is cross-validated with folds grouped by
document, so that no document is judged by a model that saw it; the threshold is the lowest at which the
cross-validated claims are at least ``--precision`` precise, and is written with the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import DEFAULT_CACHE, fetch_corpus  # noqa: E402

MODEL = HERE.parent / "analysis" / "models" / "copies.json"
CLAIMS = HERE.parent / "tests" / "data" / "claims"


def judged_pairs() -> list[tuple[str, str, bool]]:
    """(document, document, holds) for every judged pair."""
    out = [(r["claim"]["doc"], r["claim"]["source"], r["holds"])
           for r in json.loads((CLAIMS / "copies.json").read_text(encoding="utf-8"))]
    out += [(r["pair"]["a"], r["pair"]["b"], r["holds"])
            for r in json.loads((CLAIMS / "copy-candidates.json").read_text(encoding="utf-8"))]
    return out


def _extract(text: str):
    from analysis.extract import analyze_document

    return analyze_document(text)


def pair_features(pairs: list[tuple[str, str, bool]], cache: Path = DEFAULT_CACHE) -> np.ndarray:
    """The copy model's features of each pair, read from the corpus as the engine reads it."""
    from analysis.compare import align_documents, code_narratives, copy_features
    from analysis.compare.candidates import pair_dots
    from analysis.compare.relations import DocumentPairs, day_number, tfidf_vectors
    from analysis.corpus import load_corpus
    from analysis.topics import TermCounts

    corpus = load_corpus(fetch_corpus(cache))
    docs = list(corpus)
    with Pool() as pool:
        results = pool.map(_extract, [d.text for d in docs], chunksize=64)
    index = {d.id: k for k, d in enumerate(docs)}
    terms = [t for r in results for t in r.terms]
    passage_docs = [d.id for d, r in zip(docs, results) for _ in r.terms]
    words = tfidf_vectors(TermCounts.from_terms(terms).sum_by(passage_docs, [d.id for d in docs]).matrix)
    coded = code_narratives([r.features.narrative for r in results], [r.features.narrative_words for r in results])
    ends = np.array(sorted((min(index[a], index[b]), max(index[a], index[b])) for a, b, _ in pairs))
    left, right = ends[:, 0], ends[:, 1]
    zeros = np.zeros(len(left))
    document_pairs = DocumentPairs([d.id for d in docs], left, right, pair_dots(words, left, right), zeros.astype(int),
                                   zeros, zeros, zeros, None, words)
    alignment = align_documents(document_pairs, coded)
    outlet = np.array([d.outlet for d in docs], dtype=object)
    day = np.array([day_number(d.meta.get("date", "")) for d in docs])
    features = copy_features(alignment, outlet[left] == outlet[right], np.nan_to_num(np.abs(day[left] - day[right])))
    # Back in the order of the judged pairs.
    row = {(a, b): k for k, (a, b) in enumerate(zip(left.tolist(), right.tolist()))}
    return np.array([features[row[(min(index[a], index[b]), max(index[a], index[b]))]] for a, b, _ in pairs])


def cross_validate(X: np.ndarray, y: np.ndarray, groups: list[str], *, C: float, repeats: int = 10) -> np.ndarray:
    """Each pair's probability averaged over ``repeats`` shuffles of 10 folds grouped by document."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    groups = np.asarray(groups)
    out = np.zeros(len(y))
    for seed in range(repeats):
        order = np.random.RandomState(seed).permutation(len(y))
        model = LogisticRegression(C=C, max_iter=2000)
        out[order] += cross_val_predict(model, X[order], y[order], cv=GroupKFold(10), groups=groups[order],
                                        method="predict_proba")[:, 1]
    return out / repeats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--precision", type=float, default=0.9,
                    help="cross-validated precision the threshold must keep, on pairs of two outlets")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    ap.add_argument("--check", action="store_true", help="cross-validate only; leave the shipped model alone")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    pairs = judged_pairs()
    X = pair_features(pairs)
    y = np.array([h for _, _, h in pairs])
    probability = cross_validate(X, y, [min(a, b) for a, b, _ in pairs], C=args.C)
    # Copies are claimed between outlets only (one outlet's own reuse is shown, not claimed): the threshold is read on
    # the pairs of two outlets.
    across = X[:, 4] == 0
    y_all, y, probability = y, y[across], probability[across]
    table = []
    for threshold in np.round(np.arange(0.30, 0.95, 0.05), 2):
        claimed = probability >= threshold
        table.append({"threshold": float(threshold), "claims": int(claimed.sum()),
                      "precision": round(float(y[claimed].mean()), 3) if claimed.any() else None,
                      "recall": round(float(y[claimed].sum() / y.sum()), 3)})
    good = [t for t in table if t["precision"] is not None and t["precision"] >= args.precision]
    chosen = min(good, key=lambda t: t["threshold"]) if good else table[-1]
    model = LogisticRegression(C=args.C, max_iter=2000).fit(X, y_all)
    features = ["log1p_reuse", "aligned", "lead", "early", "same_outlet", "days_apart"]
    out = {
        "features": features, "coef": [round(float(c), 4) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4), "threshold": chosen["threshold"],
        "trained_on": f"{len(y_all)} NewsArticles pairs judged by hand ({int(y_all.sum())} hold): "
                      "tests/data/claims/copies.json and copy-candidates.json",
        "cross_validated": {"folds": "10, grouped by document, 10 shuffles", "C": args.C,
                            "threshold_read_on": f"the {len(y)} pairs of two outlets ({int(y.sum())} hold)",
                            "at_threshold": chosen, "by_threshold": table},
    }
    print(json.dumps({k: out[k] for k in ("features", "coef", "intercept", "threshold")}, indent=1))
    print("cross-validated at the threshold:", chosen)
    for t in table:
        print("  ", t)
    if not args.check:
        MODEL.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"-> {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
