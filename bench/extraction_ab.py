"""Extraction speed of a commit against the working tree: ``analyze_document`` on every NewsArticles article in
one process (repair and segmentation, quotes, figures and sources, and what the corpus-level steps read), seconds per
stage.

    python bench/extraction_ab.py 940d7e0            # the commit issue 20's speed limit is measured against
    python bench/extraction_ab.py HEAD~3 --reps 5

The commit's ``analysis`` package is taken with ``git archive`` and imported as ``analysis_ref`` beside this
checkout's ``analysis``, so an editable install cannot serve one in place of the other (docs/benchmarks.md). The
two extract each document in turn, the order alternating, so that both run on the same machine at the same
moment: on a shared machine whole runs of the same code differ by up to 30%, these ratios by about 1%.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import DEFAULT_CACHE, fetch_corpus  # noqa: E402

STAGES = ("clean", "quotes", "figures", "topics", "comparison")
MODULES = ("extract",)


def _reference_package(commit: str, folder: Path) -> dict:
    """The modules of ``analysis`` at ``commit``, imported as ``analysis_ref``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "analysis"], capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    (folder / "analysis").rename(folder / "analysis_ref")
    sys.path.insert(0, str(folder))
    return {m: importlib.import_module(f"analysis_ref.{m}") for m in MODULES}


def _extract(modules: dict, text: str, seconds: list[float]) -> None:
    # Each stage's own seconds, as the document's result reports them.
    result = modules["extract"].analyze_document(text)
    for k, stage in enumerate(STAGES):
        seconds[k] += result.seconds[stage]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("commit", help="the commit to compare with the working tree")
    ap.add_argument("--reps", type=int, default=3, help="passes over the corpus (default 3)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where the corpus is kept (default {DEFAULT_CACHE})")
    args = ap.parse_args(argv)
    texts = pd.read_csv(fetch_corpus(args.cache))["text"].dropna().tolist()
    with tempfile.TemporaryDirectory() as folder:
        try:
            ref = _reference_package(args.commit, Path(folder))
        except (subprocess.CalledProcessError, ImportError) as e:
            print(f"error: cannot import analysis at {args.commit!r}: {e}", file=sys.stderr)
            return 2
        new = {m: importlib.import_module(f"analysis.{m}") for m in MODULES}
        runs: dict[str, list[list[float]]] = {"ref": [], "new": []}
        for rep in range(args.reps):
            seconds = {"ref": [0.0] * len(STAGES), "new": [0.0] * len(STAGES)}
            for k, text in enumerate(texts):
                for name in ("ref", "new") if (k + rep) % 2 == 0 else ("new", "ref"):
                    _extract(ref if name == "ref" else new, text, seconds[name])
            for name, s in seconds.items():
                runs[name].append(s)
    print(f"{len(texts)} articles, {args.reps} passes; seconds, best pass per stage")
    for name, label in (("ref", args.commit), ("new", "working tree")):
        best = [min(c) for c in zip(*runs[name])]
        print(f"  {label:>14}: " + "  ".join(f"{s} {b:.2f}" for s, b in zip(STAGES, best)) + f"  total {sum(best):.2f}")
    ratios = [sum(n) / sum(r) for r, n in zip(runs["ref"], runs["new"])]
    print("  working tree / commit, per pass: " + " ".join(f"{x:.3f}" for x in ratios))
    for k, stage in enumerate(STAGES):
        print(f"    {stage}: " + " ".join(f"{n[k] / r[k]:.3f}" for r, n in zip(runs["ref"], runs["new"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
