"""Figures scored on 315 real news sentences annotated by hand (tests/data/figures_dev.json).

Run as ``python -m tests.test_figures_dev`` for the report; the test holds the scores at what the rules reach now,
so that a change that loses figures, or finds false ones, fails.
"""

import json
from collections import Counter

from analysis.extract import analyze_document

from .conftest import DATA

_UNITS = {"percent": "%", "per cent": "%", "pc": "%", "us$": "$", "$us": "$", "pounds": "£", "pound": "£",
          "euro": "euros", "€": "euros", "kilometres": "kilometers", "km": "kilometers", "metres": "meters",
          "m": "meters", "day": "days", "year": "years", "month": "months", "hour": "hours", "minute": "minutes",
          "week": "weeks", "second": "seconds", "decade": "decades", "mile": "miles"}


def _unit(unit: str) -> str:
    u = (unit or "").strip().lower()
    return _UNITS.get(u, u)


def score() -> dict:
    """Recall and precision of figures (a found figure is right when its span overlaps an annotated one and its
    value is the same, to the annotation's four decimals), and how often the unit, qualifier and counted thing are right on those found."""
    data = json.loads((DATA / "figures_dev.json").read_text(encoding="utf-8"))["sentences"]
    gold_n = found_n = right = 0
    agree = Counter()
    missed, false = [], []
    for item in data:
        sentence = item["sentence"]
        # Vague amounts ("thousands of") are marked so by the engine; the annotation leaves them out.
        found = [f for f in analyze_document(sentence).figures if not f.vague]
        gold, at = [], 0
        for g in item["figures"]:  # annotated in the order they are written
            start = sentence.find(g["text"], at)
            start = start if start >= 0 else sentence.find(g["text"])
            gold.append((start, start + len(g["text"]), g))
            at = start + len(g["text"])
        gold_n += len(gold)
        found_n += len(found)
        used = set()
        for f in found:
            match = next((k for k, (a, b, g) in enumerate(gold) if k not in used and f.start < b and a < f.end
                          and abs(f.value - g["value"]) <= 1e-3 * max(1e-3, abs(g["value"]))), None)
            if match is None:
                false.append((sentence, f.text, f.value))
                continue
            used.add(match)
            right += 1
            g = gold[match][2]
            agree["unit"] += _unit(f.unit) == _unit(g["unit"])
            agree["qualifier"] += (f.qualifier or "").lower() == g["qualifier"].lower()
            counted = {w.lower().rstrip("s") for w in g["counted"].split()}
            agree["counted"] += bool(counted & {w.lower().rstrip("s") for w in (f.subject or "").split()})
        missed += [(sentence, g["text"]) for k, (_, _, g) in enumerate(gold) if k not in used]
    return {"sentences": len(data), "annotated": gold_n, "found": found_n, "right": right,
            "recall": round(right / gold_n, 3), "precision": round(right / max(found_n, 1), 3),
            **{f"{k}_accuracy": round(v / max(right, 1), 3) for k, v in sorted(agree.items())},
            "missed": missed, "false": false}


def test_figures_on_hand_annotated_news_sentences():
    result = score()
    assert result["annotated"] >= 240 and result["sentences"] >= 300
    # The scores the rules reach now (see the report); a change that loses figures or finds false ones fails.
    assert result["recall"] >= RECALL_FLOOR and result["precision"] >= PRECISION_FLOOR, {
        k: v for k, v in result.items() if k not in ("missed", "false")}


# 0.976 until two annotated sentences, one HuffPost share prompt carried by two articles ("Share this slide: How will
# Donald Trump's first 100 days impact YOU?"), became page furniture (2026-12-08): 0.968 since.
RECALL_FLOOR = 0.965
PRECISION_FLOOR = 0.95


if __name__ == "__main__":
    report = score()
    for sentence, text in report.pop("missed"):
        print(f"missed  {text!r:28} in {sentence[:110]!r}")
    for sentence, text, value in report.pop("false"):
        print(f"false   {text!r:28} ({value:g}) in {sentence[:100]!r}")
    print(json.dumps(report, indent=1))
