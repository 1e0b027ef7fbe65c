"""The SQLite store behind "My corpus": persistence, de-duplication, edits and removal."""

import sqlite3

import pytest

from analysis.corpus import document_from_text
from analysis.store import SCHEMA_VERSION, Store


def doc(doc_id: str, text: str, **meta):
    return document_from_text(doc_id, text, meta)


def test_documents_survive_reopening_in_the_order_added(tmp_path):
    path = tmp_path / "c.sqlite3"
    store = Store(path)
    store.add([doc("b", "Second article text."), doc("a", "First article text.", outlet="Daily Bugle")])
    reopened = Store(path)
    corpus = reopened.corpus()
    assert corpus.ids == ["b", "a"]
    assert corpus["a"].meta["outlet"] == "Daily Bugle" and corpus["a"].meta_source["outlet"] == "given"
    assert corpus["a"].text == "First article text."


def test_the_same_text_is_stored_once_and_colliding_ids_are_renamed(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    first = store.add([doc("story", "Officials said 12 schools closed.")])
    again = store.add([doc("copy-of-story", "Officials said 12 schools closed.")])
    other = store.add([doc("story", "A different article with the same file name.")])
    assert first.added == ["story"]
    assert again.added == [] and again.duplicates == [("copy-of-story", "story")]
    assert other.added == ["story-2"]
    assert len(store) == 2


def test_metadata_edits_and_removal_change_the_fingerprint(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.add([doc("x", "Text one.", outlet="Old Name", title="A title"), doc("y", "Text two.")])
    before = store.fingerprint()
    store.update_metadata("x", {"outlet": "New Name", "title": ""})
    meta, source = store.corpus()["x"].meta, store.corpus()["x"].meta_source
    assert meta["outlet"] == "New Name" and source["outlet"] == "edited" and "title" not in meta
    edited = store.fingerprint()
    assert edited != before
    assert store.remove(["y", "not-there"]) == 1
    assert store.corpus().ids == ["x"] and store.fingerprint() != edited


def test_bad_edits_are_refused_with_a_clear_message(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.add([doc("x", "Text one.")])
    with pytest.raises(ValueError, match="no stored document has the id 'nope'"):
        store.update_metadata("nope", {"outlet": "X"})
    with pytest.raises(ValueError, match="not metadata fields: colour"):
        store.update_metadata("x", {"colour": "red"})


def test_schema_version_is_stored_and_a_newer_store_is_not_touched(tmp_path):
    path = tmp_path / "c.sqlite3"
    Store(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM settings WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        db.execute("UPDATE settings SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(ValueError, match="newer version"):
        Store(path)


def test_a_failed_add_leaves_nothing_half_written(tmp_path):
    store = Store(tmp_path / "c.sqlite3")

    def documents():
        yield doc("good", "A complete article.")
        raise RuntimeError("reading the upload failed")

    with pytest.raises(RuntimeError):
        store.add(documents())
    assert len(store) == 0


def test_a_version_1_store_is_upgraded_and_keeps_its_documents(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:  # the schema as version 1 wrote it
        db.executescript("""
            CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE documents (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
                content_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL, meta TEXT NOT NULL,
                meta_source TEXT NOT NULL, source_name TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL);
            INSERT INTO settings VALUES ('schema_version', '1');
            INSERT INTO documents (id, content_hash, text, meta, meta_source, added_at)
                VALUES ('kept', 'abc', 'An article stored by version one.', '{}', '{}', '2026-01-01');
        """)
    store = Store(path)
    assert store.corpus().ids == ["kept"]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM settings WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        assert db.execute("SELECT COUNT(*) FROM results").fetchone() == (0,)


def test_adding_one_article_re_extracts_only_that_article(tmp_path, monkeypatch):
    from analysis import analyze, load_corpus, pipeline
    from analysis.store import ResultCache

    from .conftest import SEEDS

    seeds = list(load_corpus(SEEDS))
    store = Store(tmp_path / "c.sqlite3")
    store.add(seeds[:4])
    first = analyze(store.corpus(), cache=ResultCache(store), workers=1)

    extracted = []
    real = pipeline.analyze_document
    monkeypatch.setattr(pipeline, "analyze_document", lambda text: extracted.append(text) or real(text))
    store.add(seeds[4:])
    reopened = Store(tmp_path / "c.sqlite3")  # results survive a restart: they are in the file
    second = analyze(reopened.corpus(), cache=ResultCache(reopened), workers=1)
    assert extracted == [seeds[4].text]
    assert len(second.documents) == 5
    old = second.quotes[second.quotes["doc"].isin(first.documents["id"])].drop(columns="cluster")
    assert old.reset_index(drop=True).equals(first.quotes.drop(columns="cluster"))

    store.remove([seeds[4].id])
    assert len(ResultCache(store)) == 4  # a removed document's results go with it
