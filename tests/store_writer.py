"""A separate process that writes to a store, for the crash and concurrency tests.

    python -m tests.store_writer PATH NAME COUNT [--batch] [--wait-for FILE]

Adds COUNT documents named NAME-0, NAME-1, ... one transaction each, printing
"confirmed ID" after each commit (what the dashboard would tell the user), then
one text every writer shares and a document called "story" of its own. With
--batch it adds them all in one transaction instead, pausing halfway (it prints
"halfway") for the test to kill it there. With --wait-for it starts only once
FILE exists, so that several writers start together.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from analysis.corpus import Document
from analysis.store import Store

SHARED_TEXT = "Every writer adds this same article; it must be stored once."


def article(name: str, i: int) -> str:
    # About 20 KB, so that a transaction takes long enough to be interrupted.
    return f"Article {name}-{i}. " + f"The council of {name} said {i} roads were closed. " * 400


def _halting(docs: list[Document]):
    """The documents, pausing halfway (inside the store's transaction) for the test to kill the process."""
    for i, doc in enumerate(docs):
        if i == len(docs) // 2:
            print("halfway", flush=True)
            time.sleep(60)
        yield doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("name")
    ap.add_argument("count", type=int)
    ap.add_argument("--batch", action="store_true")
    ap.add_argument("--wait-for")
    args = ap.parse_args()
    if args.wait_for:
        while not Path(args.wait_for).exists():
            time.sleep(0.005)
    store = Store(args.path)
    docs = [Document(f"{args.name}-{i}", article(args.name, i)) for i in range(args.count)]
    if args.batch:
        store.add(_halting(docs))
        print("confirmed all", flush=True)
        return
    for doc in docs:
        store.add([doc])
        print(f"confirmed {doc.id}", flush=True)
    store.add([Document(f"shared-from-{args.name}", SHARED_TEXT)])
    store.add([Document("story", f"The story as {args.name} wrote it.")])
    print("done", flush=True)


if __name__ == "__main__":
    main()
