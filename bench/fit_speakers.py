"""Fit the speaker model (``analysis/models/speakers.json``) on quotes annotated with their speakers.

    python bench/fit_speakers.py            # fit, cross-validate, write the model
    python bench/fit_speakers.py --check    # cross-validate only

The annotated quotes are the development half of the Gender Gap Tracker set (49 Canadian articles, in
``../shared/eval/dev/ggt``) and the development split of the NewsArticles quotes annotated here
(``tests/data/news_quotes.json``: 45 articles from nine US, UK and international outlets). The held-out halves are
never read.

Every quote the engine finds in them proposes its candidate speakers (:func:`analysis.speakers.candidates`); a
candidate is right when it names the annotated speaker (a word in common with the reference or the speaker as
written, as the scorers read it). A logistic regression (scikit-learn) scores candidates; a quote's speaker is its
best candidate when that scores above the threshold, else nobody. Cross-validation is grouped by article (10 folds,
five shuffles): speaker accuracy is reported on the development articles as fitted and as cross-validated, beside
the rules' ranking of the same candidates (their order in ``HOWS``), and the threshold is the one that gives the
best cross-validated accuracy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.news_quotes import load_gold, load_texts  # noqa: E402

MODEL = HERE.parent / "analysis" / "models" / "speakers.json"
GGT = HERE.parent.parent / "shared" / "eval" / "dev" / "ggt"
_PRONOUNS = {"i", "we", "he", "she", "it", "they", "him", "her", "them", "you"}


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", (s or "").lower()))


def annotated_articles() -> list[tuple[str, str, list[dict]]]:
    """(article id, text, its annotated direct quotes) of both development sets."""
    out = []
    if GGT.exists():
        gold = json.loads((GGT / "gold.json").read_text(encoding="utf-8"))
        by_doc: dict[str, list[dict]] = {}
        for q in gold["quotes"]:
            if q["direct"]:
                by_doc.setdefault(q["doc"], []).append(q)
        for doc in gold["documents"]:
            out.append((f"ggt:{doc}", (GGT / "docs" / f"{doc}.txt").read_text(encoding="utf-8"), by_doc.get(doc, [])))
    else:
        print(f"note: {GGT} not found; fitting on the NewsArticles quotes alone", file=sys.stderr)
    news = load_gold("dev")
    texts = load_texts(set(news["documents"]))
    for doc in news["documents"]:
        out.append((f"news:{doc}", texts[doc], [q for q in news["quotes"] if q["doc"] == doc]))
    return out


def candidate_rows(articles) -> tuple[np.ndarray, np.ndarray, list[int], list[int], list[list[str]], list[set[str]]]:
    """Every candidate of every quote matched to an annotated one: features, whether right, its quote, its
    article; and per quote its candidates' speakers in order and the annotated words."""
    from analysis.marks import repair_marks
    from analysis.quotes import extract_quotes
    from analysis.segment import segment
    from analysis.speakers import FEATURES

    X, y, quote_of, group_of, speakers, wanted = [], [], [], [], [], []
    for k, (_, text, gold) in enumerate(articles):
        text = repair_marks(text).text
        record: list = []
        extract_quotes(text, segment(text), record=record)
        spans = [(text.find(q["text"]), q) for q in gold]
        for start, end, cands, feats, _ in record:
            match = next((q for at, q in spans if at >= 0 and max(0, min(at + len(q["text"]), end) - max(at, start)) * 2
                          >= min(len(q["text"]), end - start)), None)
            if match is None or not len(cands):
                continue
            words = _words(match["reference"]) | (_words(match["speaker"]) if match["speaker"].lower() not in _PRONOUNS
                                                  else set())
            q = len(speakers)
            speakers.append([c.speaker for c in cands])
            wanted.append(words)
            for c, row in zip(cands, feats):
                X.append(row)
                y.append(bool(c.speaker) and bool(_words(c.speaker) & words))
                quote_of.append(q)
                group_of.append(k)
    return (np.asarray(X, dtype=float).reshape(-1, len(FEATURES)), np.asarray(y), quote_of, group_of, speakers, wanted)


def accuracy(scores: np.ndarray, quote_of: list[int], speakers: list[list[str]], wanted: list[set[str]],
             threshold: float) -> float:
    """Share of quotes whose best-scoring named candidate (above the threshold) names the annotated speaker, or that
    are credited to nobody when nobody is annotated."""
    best: dict[int, tuple[float, int]] = {}
    position: dict[int, int] = {}
    for row, q in enumerate(quote_of):
        k = position.get(q, 0)
        position[q] = k + 1
        if speakers[q][k] and (q not in best or scores[row] > best[q][0]):
            best[q] = (scores[row], k)
    right = 0
    for q in range(len(speakers)):
        if q in best and best[q][0] >= threshold:
            right += bool(_words(speakers[q][best[q][1]]) & wanted[q])
        else:
            right += not wanted[q]  # nobody is said to have said it, and nobody is credited
    return right / max(1, len(speakers))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the logistic regression")
    ap.add_argument("--check", action="store_true", help="cross-validate only; leave the shipped model alone")
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from analysis.speakers import FEATURES, HOWS

    articles = annotated_articles()
    X, y, quote_of, group_of, speakers, wanted = candidate_rows(articles)
    groups = np.asarray(group_of)
    # Cross-validated probabilities, averaged over shuffles of article-grouped folds.
    probability = np.zeros(len(y))
    for seed in range(5):
        order = np.random.RandomState(seed).permutation(len(articles))
        rank = order[groups]
        for train, test in GroupKFold(10).split(X, y, rank):
            model = LogisticRegression(C=args.C, max_iter=5000).fit(X[train], y[train])
            probability[test] += model.predict_proba(X[test])[:, 1] / 5
    by_threshold = {round(t, 2): round(accuracy(probability, quote_of, speakers, wanted, t), 4)
                    for t in np.arange(0.05, 0.8, 0.05)}
    threshold = max(by_threshold, key=lambda t: (by_threshold[t], -t))
    model = LogisticRegression(C=args.C, max_iter=5000).fit(X, y)
    fitted = model.predict_proba(X)[:, 1]
    # The rules' ranking: the first candidate in the order of HOWS (leading, trailing, according, ...).
    rule = -X[:, : len(HOWS)].argmax(axis=1).astype(float)
    scores = {
        "quotes": len(speakers), "candidates": len(y), "articles": len(articles),
        "development_accuracy": round(accuracy(fitted, quote_of, speakers, wanted, threshold), 4),
        "cross_validated_accuracy": by_threshold[threshold],
        "rules_accuracy": round(accuracy(rule, quote_of, speakers, wanted, -np.inf), 4),
        # The most any choice among these candidates could reach: a quote some candidate names right.
        "candidates_ceiling": round(float(np.mean([any(_words(s) & w for s in ss) for ss, w in zip(speakers, wanted)])),
                                    4),
        "cross_validated_by_threshold": by_threshold,
    }
    out = {"features": list(FEATURES), "coef": [round(float(c), 4) for c in model.coef_[0]],
           "intercept": round(float(model.intercept_[0]), 4), "threshold": float(threshold),
           "trained_on": "Gender Gap Tracker development half (49 articles) and tests/data/news_quotes.json development "
                         "split (45 NewsArticles articles)",
           "C": args.C, "scores": scores}
    print(json.dumps({**{k: v for k, v in scores.items() if k != "cross_validated_by_threshold"},
                      "threshold": threshold}, indent=1))
    print(json.dumps(dict(zip(FEATURES, out["coef"])), indent=1))
    if not args.check:
        MODEL.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"-> {MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
