"""Which corpus is open, the sidebar filters, and the cached analysis every page reads.

Filters live in widgets bound to the URL's query parameters, so a copied link
reopens the same view.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from analysis import Analysis, analyze, load_corpus, with_topics
from analysis.corpus import DEFAULT_MAX_FILE_MB
from analysis.export import read_parquet
from analysis.model import CHART_MAX_DOCS
from analysis.report import build_report
from analysis.store import ResultCache, Store, default_path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# A results folder written by `python -m analysis analyze ... --format parquet` (or --engine dask).
RESULTS_ENV_VAR = "NEWS_COVERAGE_RESULTS"
RESULTS = os.environ.get(RESULTS_ENV_VAR, "").strip()
CORPORA = {"seeds": "Bundled seeds", "mine": "My corpus"} | ({"results": f"Results: {Path(RESULTS).name}"} if RESULTS else {})


def _limit(env_var: str, default: int) -> int:
    """A positive whole number from the environment; anything else means the default (the page states the value)."""
    raw = os.environ.get(env_var, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


# Upload limits for a hosted demo, configurable by the operator and stated on the Corpus page.
MAX_UPLOAD_FILES = _limit("NEWS_COVERAGE_MAX_FILES", 50)
MAX_UPLOAD_DOCS = _limit("NEWS_COVERAGE_MAX_DOCS", 5000)  # per upload, counting every row of a table
MAX_PASTE_CHARS = 1_000_000


def max_upload_mb() -> int:
    """Per file: NEWS_COVERAGE_MAX_UPLOAD_MB, never above what Streamlit's server accepts (server.maxUploadSize)."""
    return min(_limit("NEWS_COVERAGE_MAX_UPLOAD_MB", int(DEFAULT_MAX_FILE_MB)), st.get_option("server.maxUploadSize"))


PAGES_DIR = "dashboard/pages"
READER_TARGET = "_reader_target"  # the document and span a link into the Reader asks for
CURRENT_PAGE = "_page"  # url_path of the page this rerun draws ("" for the overview)


@dataclass(frozen=True, slots=True)
class View:
    """What the pages show: the whole corpus's analysis and the part the filters select."""

    corpus_key: str
    full: Analysis
    result: Analysis
    names: dict[str, str]
    charted: Analysis  # what per-document charts draw: the selection, or its most-cited part when large

    @property
    def doc_ids(self) -> list[str]:
        return self.result.documents["id"].tolist()

    @property
    def filtered(self) -> bool:
        return len(self.result.documents) < len(self.full.documents)

    def name(self, doc_id: str) -> str:
        return self.names.get(doc_id, doc_id)

    def doc_id(self, name: str) -> str:
        return next(d for d, n in self.names.items() if n == name)


@st.cache_resource(show_spinner=False, max_entries=256)
def open_store(path: str) -> Store:
    return Store(path)


# Who may see a corpus. A local user (a browser on this machine, no proxy between) keeps one corpus across restarts
# at $NEWS_COVERAGE_DB. Anyone else is a visitor of a hosted demo: each browser gets a store of its own, in a
# temporary folder, deleted a day after it was last opened. NEWS_COVERAGE_PRIVATE=1 makes every browser private
# (behind a proxy on the same machine), =0 none (one user's own server).
PRIVATE_ENV_VAR = "NEWS_COVERAGE_PRIVATE"
PRIVATE_FOLDER = Path(tempfile.gettempdir()) / "news-coverage-private"
PRIVATE_KEEP_HOURS = 24
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
_FORWARDED = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")


def private_corpora() -> bool:
    """Whether this browser gets a corpus of its own: any visitor but a local user (see PRIVATE_ENV_VAR)."""
    forced = os.environ.get(PRIVATE_ENV_VAR, "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    headers = st.context.headers
    host = urlsplit("//" + (headers.get("Host") or "localhost")).hostname
    remote = st.context.ip_address
    return not (not isinstance(remote, str) and host in _LOCAL_HOSTS and not any(h in headers for h in _FORWARDED))


def _browser_key() -> str:
    """This browser's key: from the XSRF cookie Streamlit gives each browser (its token, unmasked: the cookie's
    mask changes with every page load, the token until the browser closes), hashed; without one, this session's."""
    cookie = st.context.cookies.get("_streamlit_xsrf", "")
    version, mask, masked, *_ = ((cookie if isinstance(cookie, str) else "") + "|||").split("|")
    try:
        mask_bytes, masked_bytes = bytes.fromhex(mask), bytes.fromhex(masked)
    except ValueError:
        mask_bytes = masked_bytes = b""
    if version == "2" and mask_bytes and masked_bytes:
        token = bytes(b ^ mask_bytes[k % len(mask_bytes)] for k, b in enumerate(masked_bytes))
        return hashlib.sha256(token).hexdigest()[:32]
    return st.session_state.setdefault("_visitor", secrets.token_hex(16))


def store_path() -> Path:
    """The store this browser reads and writes (see :func:`private_corpora`)."""
    if not private_corpora():
        return default_path()
    PRIVATE_FOLDER.mkdir(parents=True, exist_ok=True)
    path = PRIVATE_FOLDER / f"{_browser_key()}.sqlite3"
    _sweep_private(keep=path.name)
    if path.exists():
        os.utime(path)  # opened: kept another day
    return path


_swept = {"at": 0.0}  # when this server last looked for private stores to delete


def _sweep_private(*, keep: str) -> None:
    """Delete private stores unused for PRIVATE_KEEP_HOURS, at most once an hour (every rerun asks for a store)."""
    now = time.time()
    if now - _swept["at"] < 3600:
        return
    _swept["at"] = now
    for old in PRIVATE_FOLDER.glob("*.sqlite3*"):  # with SQLite's -wal and -shm files
        try:
            if now - old.stat().st_mtime > PRIVATE_KEEP_HOURS * 3600 and not old.name.startswith(keep):
                old.unlink()
        except OSError:
            pass  # another session removed it first


def store() -> Store:
    return open_store(str(store_path()))


@st.cache_resource(show_spinner="Analysing the bundled seeds…")
def _seed_analysis() -> Analysis:
    return analyze(load_corpus(SEEDS))


@st.cache_resource(show_spinner="Analysing your documents…", max_entries=8)
def _stored_analysis(path: str, fingerprint: str) -> Analysis | None:
    # Keyed by the store's fingerprint: any added, removed or edited document means a new analysis.
    # Per-document results live in the store, so only new documents are extracted, even after a restart.
    store = open_store(path)
    corpus = store.corpus()
    return analyze(corpus, cache=ResultCache(store)) if len(corpus) else None


@st.cache_resource(show_spinner="Opening the results folder…", max_entries=2)
def _results_folder(path: str, modified: float) -> Analysis:
    return read_parquet(path)


def _results_written() -> float:
    """When the results folder was last written (its manifest's time): a new run means a new analysis."""
    manifest = Path(RESULTS) / "results.json"
    return manifest.stat().st_mtime if manifest.exists() else 0.0


def full_analysis(corpus_key: str) -> Analysis | None:
    """The analysis of the bundled seeds, the results folder, or the user's stored corpus (None when it is empty)."""
    if corpus_key == "seeds":
        return _seed_analysis()
    if corpus_key == "results" and RESULTS:
        return _results_folder(RESULTS, _results_written())
    s = store()
    return _stored_analysis(str(s.path), s.fingerprint())


# The level of topics a user may ask for on the Topics page: the engine's own choice, or a number of topics.
ENGINE_TOPICS = "The engine's choice"
TOPIC_LEVELS = [ENGINE_TOPICS, *map(str, range(2, 41))]


def _corpus_fingerprint(corpus_key: str) -> str:
    """What identifies the analysis a corpus has now: for the user's corpus, its store and documents."""
    if corpus_key == "mine":
        s = store()
        return f"{s.path}:{s.fingerprint()}"
    if corpus_key == "results":
        return f"{RESULTS}:{_results_written()}"
    return corpus_key


@st.cache_resource(show_spinner="Grouping the passages into topics again…", max_entries=8)
def _at_topic_level(corpus_key: str, fingerprint: str, n_topics: int, _full: Analysis) -> Analysis:
    return with_topics(_full, n_topics)


def at_topic_level(view: View, level: str) -> View:
    """``view`` with the number of topics asked for (one of ``TOPIC_LEVELS``): the topic model refitted on the whole
    corpus's passages, nothing extracted again; the same view for the engine's choice."""
    if level not in TOPIC_LEVELS or level == ENGINE_TOPICS:
        return view
    full = _at_topic_level(view.corpus_key, _corpus_fingerprint(view.corpus_key), int(level), view.full)
    result = full.select(view.doc_ids)
    return View(view.corpus_key, full, result, view.names, result.most_involved(CHART_MAX_DOCS))


def keep_valid(key: str, options: list[str]) -> None:
    # A stale selection (another corpus, a removed document) would make the widget fail.
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]


def clear_filters() -> None:
    st.session_state["outlet"] = []
    st.session_state["doc"] = []


_VIEW = "_view"  # the View of this rerun, built once by the sidebar and read by the page


def sidebar() -> None:
    """The shared sidebar: corpus, filters by outlet and document, and the report download."""
    st.session_state[_VIEW] = None
    with st.sidebar:
        key = st.radio("Corpus", list(CORPORA), format_func=CORPORA.get, key="corpus", bind="query-params",
                       horizontal=True, help="Switch between the bundled example articles and the documents you added.")
        try:
            full = full_analysis(key)
        except Exception as exc:  # the page must still open so the user can fix the corpus
            st.error(f"The corpus could not be analysed: {exc}")
            return
        if full is None:
            st.info("Your corpus is empty. Add documents on the Corpus page.")
            return
        docs = full.documents
        outlets = sorted(set(docs["label"]))
        names = dict(zip(docs["id"], docs["name"]))
        keep_valid("outlet", outlets)
        keep_valid("doc", list(names.values()))
        # Options are display names, not ids: a bound widget writes its labels into the URL.
        st.multiselect("Outlets", outlets, key="outlet", bind="query-params", placeholder="All outlets")
        st.multiselect("Documents", list(names.values()), key="doc", bind="query-params", placeholder="All documents")
        view = st.session_state[_VIEW] = _filtered_view(key, full)
        st.caption(f"Showing {len(view.doc_ids)} of {len(docs)} documents.")
        if view.filtered:
            st.button("Clear filters", on_click=clear_filters)
        st.download_button(
            "Download report (HTML)", data=lambda: build_report(view.result, note=_filter_note(view)),
            file_name="coverage-report.html", mime="text/html", on_click="ignore", icon=":material/description:",
            help="One self-contained page with the charts and tables of the current selection.",
        )


def _filter_note(view: View) -> str:
    if not view.filtered:
        return f"Corpus: {CORPORA[view.corpus_key]}, all documents."
    return f"Corpus: {CORPORA[view.corpus_key]}, filtered to: {', '.join(view.name(d) for d in view.doc_ids)}."


def _filtered_view(key: str, full: Analysis) -> View:
    docs = full.documents
    outlets, chosen = set(st.session_state.get("outlet") or []), set(st.session_state.get("doc") or [])
    keep = [d for d, label, name in zip(docs["id"], docs["label"], docs["name"])
            if (not outlets or label in outlets) and (not chosen or name in chosen)]
    result = full.select(keep)
    return View(key, full, result, dict(zip(docs["id"], docs["name"])), result.most_involved(CHART_MAX_DOCS))


def current_view() -> View | None:
    """The view for this rerun, or None when there is nothing to show (the sidebar says why)."""
    return st.session_state.get(_VIEW)


def require_view() -> View:
    """The current view, or an explanation on the page and a stop when there is nothing to show."""
    view = current_view()
    if view is None:
        if st.session_state.get("corpus") == "mine":
            st.info("Your corpus is empty. Add articles on the Corpus page, or switch the sidebar to the bundled seeds.")
            st.page_link(f"{PAGES_DIR}/corpus.py", label="Add documents", icon=":material/upload_file:")
        else:
            st.error("The corpus could not be analysed; see the message in the sidebar.")
        st.stop()
    if not view.doc_ids:
        st.info("The filters select no documents.")
        st.button("Clear filters", on_click=clear_filters, key="clear-empty")
        st.stop()
    return view
