"""Corpus: add documents (upload or paste), edit their metadata, remove them, switch corpus."""

import re
import sqlite3

import pandas as pd
import streamlit as st

from analysis.corpus import TEXT_SUFFIXES, CorpusError, Document, document_from_text, documents_from_bytes, language_notes
from analysis.store import DB_ENV_VAR
from dashboard import state, ui

st.title("Corpus")
try:
    store = state.store()
except Exception as exc:
    st.error(f"The document store cannot be opened: {exc}. Set {DB_ENV_VAR} to a writable file path.")
    st.stop()


def _report(added: list[str], duplicates: list[tuple[str, str]], errors: list[str], notes: tuple[str, ...] = ()) -> None:
    # Documents are named by outlet and title everywhere else, never by id: the count says what happened.
    messages = [("success", f"Added {ui.plural(len(added), 'document')}.")] if added else []
    messages += [("info", f"{new} is already stored as {old}; it was not added again.") for new, old in duplicates[:20]]
    if len(duplicates) > 20:
        messages.append(("info", f"{len(duplicates) - 20} more documents were already stored."))
    messages += [("warning", n) for n in notes[:20]]
    if len(notes) > 20:
        messages.append(("warning", f"{len(notes) - 20} more notes like these."))
    messages += [("error", e) for e in errors]
    st.session_state["corpus_messages"] = messages
    if added:
        st.session_state["corpus"] = "mine"  # show what was just added


def _store(batches: list[tuple[list[Document], str]], errors: list[str], notes: tuple[str, ...] = ()) -> None:
    """Each file's documents in one transaction: a file is stored whole or not at all."""
    added, duplicates = [], []
    for docs, source in batches:
        try:
            report = store.add(docs, source_name=source)
        except (OSError, sqlite3.Error) as exc:  # disk full, read-only, locked for too long
            errors = [*errors, f"{source}: could not be saved ({exc}); nothing from it was stored."]
            continue
        added += report.added
        duplicates += report.duplicates
    _report(added, duplicates, errors, notes)


def add_files() -> None:
    files = st.session_state.get("upload") or []
    if not files:
        _report([], [], ["Choose one or more files first."])
        return
    if len(files) > state.MAX_UPLOAD_FILES:
        _report([], [], [f"{len(files)} files chosen; at most {state.MAX_UPLOAD_FILES} can be added at once."])
        return
    errors, batches, notes, count = [], [], [], 0
    for f in files:
        try:
            contents = documents_from_bytes(f.name, f.getvalue(), max_file_mb=state.max_upload_mb())
        except CorpusError as exc:
            errors.append(str(exc))
            continue
        except Exception as exc:  # a file the loaders did not foresee: say so, keep the others
            errors.append(f"{f.name}: could not be read ({type(exc).__name__})")
            continue
        if count + len(contents) > state.MAX_UPLOAD_DOCS:
            errors.append(f"{f.name}: not added; it would take this upload over {state.MAX_UPLOAD_DOCS:,} documents "
                          f"({count:,} before it, {len(contents):,} in it). Add it on its own or split it.")
            continue
        count += len(contents)
        batches.append((contents.documents, f.name))
        notes += contents.notes
    _store(batches, errors, tuple(notes))


def add_pasted() -> None:
    text = (st.session_state.get("paste_text") or "").strip()
    if not text:
        _report([], [], ["Paste the article's text first."])
        return
    meta = {k: st.session_state.get(f"paste_{k}", "") for k in ("outlet", "title", "date", "url")}
    name = re.sub(r"\W+", "-", (meta["title"] or meta["outlet"] or "pasted")[:40].lower()).strip("-") or "pasted"
    doc = document_from_text(name, text, meta)
    _store([([doc], "pasted text")], [], tuple(language_notes("pasted text", [doc])))


def add_seeds() -> None:
    report = store.add(state.load_corpus(state.SEEDS), source_name="bundled seeds")
    _report(report.added, report.duplicates, [])


choice = st.session_state.get("corpus", "seeds")
# The store's path is the server's business (and says something about it); the operator sets it with DB_ENV_VAR.
if state.private_corpora():
    kept = ("yours alone: other visitors neither see nor change them. They are kept while this browser stays open and "
            f"deleted {state.PRIVATE_KEEP_HOURS} hours after your last visit.")
else:
    kept = "kept on this server, each text once, and stay when the app restarts."
st.caption(f"Open in the dashboard: **{state.CORPORA[choice]}** (switch in the sidebar). Documents you add here are "
           + kept)

for level, message in st.session_state.pop("corpus_messages", []):
    getattr(st, level)(ui.plain(message))

st.subheader("Add documents")
upload_tab, paste_tab = st.tabs(["Upload files", "Paste text"])
with upload_tab, st.form("upload-form", clear_on_submit=True):
    st.file_uploader(
        "Articles", type=[s.lstrip(".") for s in TEXT_SUFFIXES], accept_multiple_files=True, key="upload",
        help="One article per .txt, .md or .html file; many per .csv or .jsonl (a text column, plus optional "
             "id, outlet, title, author, date, url).",
    )
    st.caption(f"Limits: {state.MAX_UPLOAD_FILES} files at once, {state.max_upload_mb()} MB per file, "
               f"{state.MAX_UPLOAD_DOCS:,} documents per upload. The same text is never stored twice.")
    st.form_submit_button("Add to my corpus", on_click=add_files, type="primary", key="add-files")
with paste_tab, st.form("paste-form", clear_on_submit=True):
    st.text_area("Article text", key="paste_text", height=220, max_chars=state.MAX_PASTE_CHARS)
    c = st.columns(4)
    c[0].text_input("Outlet", key="paste_outlet")
    c[1].text_input("Title", key="paste_title")
    c[2].text_input("Date", key="paste_date", placeholder="YYYY-MM-DD")
    c[3].text_input("URL", key="paste_url")
    st.form_submit_button("Add to my corpus", on_click=add_pasted, type="primary", key="add-pasted")
st.button("Add the bundled seeds to my corpus", on_click=add_seeds, key="add-seeds", help="A starting point to add your own articles to.")

st.subheader("My documents")
corpus = store.corpus()
if len(corpus) == 0:
    ui.empty("No documents stored yet.")
    st.stop()
rows = pd.DataFrame([{"id": d.id, "outlet": d.meta.get("outlet", ""), "title": d.meta.get("title", ""),
                      "author": d.meta.get("author", ""), "date": d.meta.get("date", ""), "url": d.meta.get("url", ""),
                      "words": len(d.text.split()), "remove": False} for d in corpus])
with st.form("edit-form"):
    edited = st.data_editor(
        rows, hide_index=True, key="editor", disabled=["id", "words"], num_rows="fixed",
        column_config={"id": "Id", "outlet": "Outlet", "title": "Title", "author": "Author", "date": "Date", "url": "URL",
                       "words": "Words", "remove": st.column_config.CheckboxColumn("Remove")},
    )
    saved = st.form_submit_button("Save changes", key="save-edits")
if saved:
    fields = ["outlet", "title", "author", "date", "url"]
    changed = 0
    for before, after in zip(rows.to_dict("records"), edited.to_dict("records")):
        if not after["remove"] and any(before[f] != after[f] for f in fields):
            store.update_metadata(after["id"], {f: after[f] or "" for f in fields})
            changed += 1
    removed = store.remove(r["id"] for r in edited.to_dict("records") if r["remove"])
    st.session_state["corpus_messages"] = [("success", f"Saved: {changed} edited, {removed} removed.")]
    st.rerun()
