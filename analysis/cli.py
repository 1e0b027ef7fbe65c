"""Command line: ``python -m analysis analyze PATH... --format json|csv|parquet --out FILE_OR_DIR``."""

from __future__ import annotations

import argparse
import os
import sys
import time

from .corpus import LOCAL_MAX_FILE_MB, CorpusError, load_corpus
from .export import RESULT_FORMATS

USAGE_ERROR = 2
INTERNAL_ERROR = 1
DEBUG_ENV_VAR = "NEWS_COVERAGE_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="Compare how outlets covered one news story.")
    sub = ap.add_subparsers(dest="command", required=True)
    an = sub.add_parser("analyze", help="analyse articles and write every result table")
    an.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .md .html .csv .jsonl)")
    an.add_argument("--format", choices=list(RESULT_FORMATS),
                    help="; ".join(f"{f.name}: {f.description}" for f in RESULT_FORMATS.values())
                         + " (default: json, or parquet with --engine dask)")
    an.add_argument("--out", required=True, metavar="FILE_OR_DIR", help="where to write the results")
    an.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local: worker processes on this machine; dask: a Dask cluster")
    an.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start a local cluster)")
    an.add_argument("--workers", type=int, metavar="N", help="worker processes on this machine (default: one per CPU)")
    an.add_argument("--max-file-mb", type=float, default=LOCAL_MAX_FILE_MB, metavar="MB",
                    help=f"refuse input files larger than this (default: {LOCAL_MAX_FILE_MB:g})")
    an.add_argument("--topics", type=int, metavar="N",
                    help="this many topics (broader or finer than the engine's own choice, the default)")
    an.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _analyze(args)
    except (CorpusError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not the user's input: one line, and where to get the details
        if os.environ.get(DEBUG_ENV_VAR):
            raise
        print(f"error: the analysis failed ({type(exc).__name__}: {exc}); nothing was written. "
              f"Run with {DEBUG_ENV_VAR}=1 for the traceback and please report it.", file=sys.stderr)
        return INTERNAL_ERROR


def _analyze(args: argparse.Namespace) -> int:
    from .pipeline import analyze, with_topics

    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers must be at least 1, got {args.workers}")
    if args.max_file_mb <= 0:
        raise ValueError(f"--max-file-mb must be positive, got {args.max_file_mb:g}")
    if args.topics is not None and args.topics < 1:
        raise ValueError(f"--topics must be at least 1, got {args.topics}")
    fmt = args.format or ("parquet" if args.engine == "dask" else "json")
    t0 = time.perf_counter()
    corpus = load_corpus(*args.paths, max_file_mb=args.max_file_mb)
    if not args.quiet:
        for note in corpus.notes[:5]:
            print(f"note: {note}", file=sys.stderr)
        if len(corpus.notes) > 5:
            print(f"note: and {len(corpus.notes) - 5} more notes like these", file=sys.stderr)
    if args.engine == "dask":
        from .dask_engine import analyze_dask

        result = analyze_dask(corpus, scheduler=args.scheduler, workers=args.workers)
    else:
        result = analyze(corpus, progress=not args.quiet, workers=args.workers)
    if args.topics is not None:  # the topics refitted at the level asked for; nothing extracted again
        result = with_topics(result, args.topics)
    RESULT_FORMATS[fmt].write(result, args.out)
    if not args.quiet:
        print(
            f"{len(corpus)} documents, {len(result.quotes)} quotes, {len(result.figures)} figures, "
            f"{len(result.topics)} topics, {len(result.stories)} stories in {time.perf_counter() - t0:.2f}s -> {args.out}",
            file=sys.stderr,
        )
    return 0
