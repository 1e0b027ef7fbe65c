"""The store under crashes and concurrent writers: nothing confirmed is lost, nothing is half-written.

Writers are real processes (``tests/store_writer.py``) killed with SIGKILL, the
way an out-of-memory killer or a pulled plug stops them: no cleanup runs.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from analysis.corpus import Document
from analysis.store import Store

from .conftest import ROOT
from .store_writer import SHARED_TEXT, article

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _writer(path, name: str, count: int, *options: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.store_writer", str(path), name, str(count), *options],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_intact(path) -> list[str]:
    """Every stored document is whole (its text hashes to its recorded hash); the file passes SQLite's check."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT id, content_hash, text FROM documents ORDER BY seq").fetchall()
    for doc_id, digest, text in rows:
        assert hashlib.sha256(text.encode()).hexdigest() == digest, doc_id
    return [r[0] for r in rows]


@pytest.mark.parametrize("kill_after", [1, 7, 25])
def test_a_killed_writer_loses_nothing_it_confirmed(tmp_path, kill_after):
    path = tmp_path / "c.sqlite3"
    writer = _writer(path, "w", 1000)
    confirmed = []
    for line in writer.stdout:
        confirmed.append(line.split()[1])
        if len(confirmed) == kill_after:
            os.kill(writer.pid, signal.SIGKILL)  # in the middle of the next transaction, or between two
            break
    writer.wait()
    stored = _assert_intact(path)
    assert stored[: len(confirmed)] == confirmed
    assert len(stored) - len(confirmed) in (0, 1)  # the one in flight is either whole or absent
    store = Store(path)  # reopens, and takes writes again
    assert store.add([Document("after", "Written after the crash.")]).added == ["after"]


def test_a_writer_killed_inside_one_large_transaction_leaves_none_of_it(tmp_path):
    path = tmp_path / "c.sqlite3"
    Store(path).add([Document("before", "Stored before the big upload.")])
    writer = _writer(path, "batch", 400, "--batch")
    assert writer.stdout.readline().strip() == "halfway"  # 200 documents written, not yet committed
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert _assert_intact(path) == ["before"]
    assert Store(path).add([Document("batch-0", article("batch", 0))]).added == ["batch-0"]


def test_concurrent_writer_processes_all_succeed(tmp_path):
    path = tmp_path / "c.sqlite3"
    Store(path)
    go = tmp_path / "go"
    writers = {name: _writer(path, name, 15, "--wait-for", str(go)) for name in ("a", "b", "c", "d")}
    time.sleep(1.0)  # let every process start and wait at the line
    go.touch()
    for name, w in writers.items():
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, f"writer {name} failed: {err}"
        assert out.splitlines()[-1] == "done"
    stored = _assert_intact(path)
    store = Store(path)
    corpus = store.corpus()
    for name in writers:
        assert [d for d in stored if d.startswith(f"{name}-")] == [f"{name}-{i}" for i in range(15)]
        assert all(corpus[f"{name}-{i}"].text == article(name, i) for i in range(15))
    assert sum(d.text == SHARED_TEXT for d in corpus) == 1  # the same text, stored once
    stories = sorted(d for d in stored if d.startswith("story"))
    assert stories == ["story", "story-2", "story-3", "story-4"]  # colliding names renamed, none lost


def test_concurrent_threads_in_one_server_all_succeed(tmp_path):
    """Streamlit runs each session in a thread: many sessions may add documents at once."""
    store = Store(tmp_path / "c.sqlite3")

    def add(k: int) -> list[str]:
        return store.add([Document(f"t{k}-{i}", article(f"t{k}", i)) for i in range(5)]).added

    with ThreadPoolExecutor(max_workers=8) as pool:
        added = [doc_id for ids in pool.map(add, range(16)) for doc_id in ids]
    assert len(added) == 80 and len(set(added)) == 80
    assert sorted(_assert_intact(tmp_path / "c.sqlite3")) == sorted(added)
