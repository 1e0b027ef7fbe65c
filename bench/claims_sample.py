"""Random samples of the engine's cross-outlet claims, written out for an editor to read and judge.

    python -m analysis analyze ~/.cache/news-coverage-bench/NewsArticles.csv --format parquet --out /tmp/na
    python bench/claims_sample.py /tmp/na --out /tmp/na-sample --seed 1

Three kinds of claim are drawn (``--copies``, ``--disagreements``, ``--speaker-changes`` of each, default 30): one
document copies another; figures about the same thing disagree; the same quote is credited to different speakers;
and, with ``--stories``, that documents tell one story; with ``--quotes``, who said a quote.
Each claim becomes a Markdown packet (``packets/<kind>-<k>.md``) holding what a reader needs to judge it: the claim
in words, the engine's evidence, and the texts behind it (whole articles for copies, sentences with their
paragraphs for figures and quotes). ``claims.json`` lists the claims with the keys the verdict files in
``tests/data/claims/`` use, so a verdict stays attached to its claim when the engine's ids change.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from analysis.export import read_parquet  # noqa: E402

CONTEXT = 400  # characters shown around a figure's or a quote's sentence


def _doc_line(documents, doc: str) -> str:
    d = documents.loc[doc]
    return f"document {doc} · {d['outlet'] or 'outlet unknown'} · {d['date'] or 'no date'} · {d['title'] or d['name']}"


def _around(text: str, start: int, end: int, mark: tuple[int, int] | None = None) -> str:
    """The text around ``start:end``, the span ``mark`` set in **bold**."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if mark is None:
        return text[lo:hi]
    a, b = mark
    return f"{'…' if lo else ''}{text[lo:a]}**{text[a:b]}**{text[b:hi]}{'…' if hi < len(text) else ''}"


def judged_copy_pairs() -> set[frozenset[str]]:
    """The pairs of documents whose copy claims (or candidate pairs) an editor has judged already."""
    folder = HERE.parent / "tests" / "data" / "claims"
    pairs = {frozenset([v["claim"]["doc"], v["claim"]["source"]])
             for v in json.loads((folder / "copies.json").read_text(encoding="utf-8"))}
    return pairs | {frozenset([v["pair"]["a"], v["pair"]["b"]])
                    for v in json.loads((folder / "copy-candidates.json").read_text(encoding="utf-8"))}


def copy_claims(result, rng: random.Random, n: int, *, skip: set[frozenset[str]] = frozenset()) -> list[dict]:
    docs = result.documents.set_index("id")
    rows = [r for r in result.copies.to_dict("records") if frozenset([r["doc"], r["source"]]) not in skip]
    out = []
    for row in rng.sample(rows, min(n, len(rows))):
        evidence = row.get("evidence", "")
        packet = [f"# Claim: {row['kind']} copy", "",
                  f"The engine says **{row['doc']}** is a {row['kind']} copy of **{row['source']}** "
                  f"(confidence {row['confidence']}).", "", f"Evidence: {evidence}", ""]
        for label, doc in (("Copy", row["doc"]), ("Source", row["source"])):
            packet += [f"## {label}: {_doc_line(docs, doc)}", "", result.texts[doc], ""]
        out.append({"kind": "copy", "key": {"doc": row["doc"], "source": row["source"], "copy_kind": row["kind"]},
                    "packet": "\n".join(packet)})
    return out


def disagreement_claims(result, rng: random.Random, n: int) -> list[dict]:
    """Pairs of figures the engine says cannot both be true (a group's ``conflicts``), each with the group it is in."""
    docs = result.documents.set_index("id")
    figures = result.figures.set_index("id")
    pairs = [(row, pair) for row in result.figure_groups[result.figure_groups["disagree"]].to_dict("records")
             for pair in row["conflicts"]]
    out = []
    for row, pair in rng.sample(pairs, min(n, len(pairs))):
        members = [figures.loc[f] for f in pair]
        packet = [f"# Claim: these two figures disagree ({row['label']})", "",
                  f"Values as written: {', '.join(_written(f) for f in members)} (the group holds "
                  f"{', '.join(row['values'])}). Why compared: {row['why']}.", ""]
        for f in members:
            text = result.texts[f["doc"]]
            packet += [f"## {_doc_line(docs, f['doc'])}", "",
                       f"Figure: **{f['text']}** (value {f['value']}, qualifier '{f['qualifier'] or ''}', "
                       f"kind {f['kind']}, counts '{f['subject'] or ''}')", "",
                       _around(text, int(f["sentence_start"]), int(f["sentence_end"]), (int(f["start"]), int(f["end"]))), ""]
        out.append({"kind": "disagreement",
                    "key": {"figures": [{"doc": f["doc"], "text": f["text"],
                                         "sentence": result.texts[f["doc"]][int(f["sentence_start"]) : int(f["sentence_end"])]}
                                        for f in members]},
                    "packet": "\n".join(packet)})
    return out


def _written(f) -> str:
    return f"{f['qualifier']} {f['text']}".strip() if f["qualifier"] else f["text"]


def speaker_change_claims(result, rng: random.Random, n: int) -> list[dict]:
    docs = result.documents.set_index("id")
    quotes = result.quotes.set_index("id")
    matches = result.quote_matches[result.quote_matches["speaker_changed"]].to_dict("records")
    out = []
    for row in rng.sample(matches, min(n, len(matches))):
        packet = ["# Claim: the same quote, a different speaker", "",
                  f"The engine says the quote is credited to **{row['speaker_a']}** in one document and to "
                  f"**{row['speaker_b']}** in the other (match {row['kind']}, score {row['score']}).", ""]
        for doc, qid, speaker in ((row["a_doc"], row["a_quote"], row["speaker_a"]),
                                  (row["b_doc"], row["b_quote"], row["speaker_b"])):
            q = quotes.loc[qid]
            packet += [f"## {_doc_line(docs, doc)}: credited to {speaker}", "",
                       _around(result.texts[doc], int(q["sentence_start"]), int(q["sentence_end"]),
                               (int(q["start"]), int(q["end"]))), ""]
        out.append({"kind": "speaker_change",
                    "key": {"a_doc": row["a_doc"], "a_text": row["a_text"], "speaker_a": row["speaker_a"],
                            "b_doc": row["b_doc"], "b_text": row["b_text"], "speaker_b": row["speaker_b"]},
                    "packet": "\n".join(packet)})
    return out


QUOTE_PARAGRAPHS = 3  # paragraphs shown before a quote's own: where its speaker may have been named


def quote_claims(result, rng: random.Random, n: int) -> list[dict]:
    """Quotes drawn at random, each with the speaker the engine credits and the paragraphs that say who spoke."""
    docs = result.documents.set_index("id")
    rows = result.quotes.to_dict("records")
    out = []
    for q in rng.sample(rows, min(n, len(rows))):
        text = result.texts[q["doc"]]
        start = int(q["sentence_start"])
        for _ in range(QUOTE_PARAGRAPHS):
            start = max(0, text.rfind("\n\n", 0, max(0, start - 2)))
        end = text.find("\n\n", int(q["sentence_end"]))
        end = len(text) if end < 0 else end
        shown = text[start:end].strip("\n")
        shown = shown if len(shown) < 3000 else _around(text, int(q["sentence_start"]), int(q["sentence_end"]))
        marked = shown.replace(q["text"], f"**{q['text']}**", 1)
        speaker = q["speaker"] or "nobody (unattributed)"
        packet = ["# Claim: who said this quote", "",
                  f"The engine credits the quote in bold to **{speaker}** (read as '{q['speaker_as_written'] or ''}', "
                  f"how: {q['how'] or 'none'}).", "",
                  f"## {_doc_line(docs, q['doc'])}", "", marked, ""]
        out.append({"kind": "quote", "key": {"doc": q["doc"], "text": q["text"], "speaker": q["speaker"]},
                    "packet": "\n".join(packet)})
    return out


STORY_OPENING = 700  # characters of each document shown for a story: enough to tell which event it reports


def story_claims(result, rng: random.Random, n: int) -> list[dict]:
    docs = result.documents.set_index("id")
    stories = [r for r in result.stories.to_dict("records") if len(r["docs"]) > 1]
    out = []
    for row in rng.sample(stories, min(n, len(stories))):
        packet = [f"# Claim: these {len(row['docs'])} documents tell one story", "",
                  f"Label: {row['label']}. Cohesion {row['cohesion']}. Evidence: {row['evidence']}", ""]
        for doc in row["docs"]:
            text = result.texts[doc]
            packet += [f"## {_doc_line(docs, doc)}", "", text[:STORY_OPENING] + ("…" if len(text) > STORY_OPENING else ""), ""]
        out.append({"kind": "story", "key": {"docs": sorted(row["docs"])}, "packet": "\n".join(packet)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="a results folder (python -m analysis analyze ... --format parquet)")
    ap.add_argument("--out", required=True, help="folder for claims.json and the packets")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--copies", type=int, default=30)
    ap.add_argument("--disagreements", type=int, default=30)
    ap.add_argument("--speaker-changes", type=int, default=30)
    ap.add_argument("--unjudged", action="store_true", help="draw only copies not judged in tests/data/claims yet")
    ap.add_argument("--stories", type=int, default=0)
    ap.add_argument("--quotes", type=int, default=0, help="quotes drawn at random, to judge their speakers")
    args = ap.parse_args(argv)
    result = read_parquet(args.results)
    rng = random.Random(args.seed)
    claims = (copy_claims(result, rng, args.copies, skip=judged_copy_pairs() if args.unjudged else set()) + disagreement_claims(result, rng, args.disagreements)
              + speaker_change_claims(result, rng, args.speaker_changes) + story_claims(result, rng, args.stories)
              + quote_claims(result, rng, args.quotes))
    out = Path(args.out)
    (out / "packets").mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    listed = []
    for claim in claims:
        k = counts[claim["kind"]] = counts.get(claim["kind"], 0) + 1
        name = f"{claim['kind']}-{k:03d}"
        (out / "packets" / f"{name}.md").write_text(claim["packet"], encoding="utf-8")
        listed.append({"id": name, "kind": claim["kind"], "key": claim["key"]})
    (out / "claims.json").write_text(json.dumps(listed, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{', '.join(f'{v} {k}' for k, v in counts.items())} -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
