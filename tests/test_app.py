"""Every dashboard page, driven through Streamlit's AppTest on the bundled seeds."""

import os
import time

import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import DB_ENV_VAR, Store

from .conftest import ROOT, SEEDS

PAGES = ["overview", "topics", "quotes", "figures", "compare", "reader", "corpus"]
SOURCE = "001_754866e561cd06dd"
# The spun copy has no outlet and no title: it is named by its opening words, never by its id.
SPUN = "“We were dirty and tired. People around us…”"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "corpus.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    return path


def open_app(page: str = "overview", **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py")
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(elements) -> str:
    """Messages as the reader sees them (article text is Markdown-escaped in the page source)."""
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_seeds(page, db):
    at = open_app(page)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, f"{page} has no title"
    assert not at.error, texts(at.error)


def test_overview_calls_out_the_spun_copy_and_counts_the_corpus(db):
    at = open_app()
    assert metric(at, "Documents") == "5"
    assert metric(at, "Copies found") == "2"
    spun = [w.value for w in at.warning if "synonym-spun copy" in w.value]
    assert len(spun) == 1 and "The Financial District" in spun[0]
    # The short rewrite and the spun copy both retell the officer's interview: siblings, with the quotes they share.
    (retold,) = [i.value for i in at.info if "retell the same interview" in i.value]
    assert "given to CNN" in retold
    assert any(e.label.startswith("The sentences of the 8 quotes they share") for e in at.expander)
    assert at.dataframe[0].value.shape[0] == 5


def test_on_a_hosted_demo_each_visitor_has_a_corpus_of_their_own(db, tmp_path, monkeypatch):
    from dashboard import state

    monkeypatch.setenv(state.PRIVATE_ENV_VAR, "1")  # what a visitor from another machine gets
    monkeypatch.setattr(state, "PRIVATE_FOLDER", tmp_path / "private")
    first = open_app("corpus")
    assert "yours alone" in texts(first.caption)
    first.file_uploader(key="upload").upload("bridge.txt", b"Mayor Jane Roe said the bridge would reopen.\n", "text/plain")
    first.button(key="add-files").click().run()
    assert "Added 1 document." in texts(first.success)
    assert len(Store(db)) == 0  # not in the server's shared store
    (private,) = (tmp_path / "private").glob("*.sqlite3")
    assert [d.id for d in Store(private).corpus()] == ["bridge"]
    second = open_app("overview", corpus="My corpus")  # another visitor
    assert "Your corpus is empty" in texts(second.info)
    # A private store a day old and unopened is deleted when anyone opens one.
    stale = tmp_path / "private" / "stale.sqlite3"
    Store(stale)
    os.utime(stale, (time.time() - 25 * 3600,) * 2)
    monkeypatch.setitem(state._swept, "at", 0.0)  # the sweep runs at most once an hour; an hour has passed
    open_app("corpus")
    assert not stale.exists() and private.exists()


def test_document_filter_changes_every_count(db):
    at = open_app()
    at.multiselect(key="doc").set_value(["The Financial District", SPUN]).run()
    assert metric(at, "Documents") == "2"
    assert metric(at, "Copies found") == "1"
    at.switch_page("dashboard/pages/quotes.py").run()
    shown = at.dataframe[0].value
    assert set(shown["document"]) == {"The Financial District", SPUN}


def test_outlet_filter_and_an_empty_selection(db):
    at = open_app()
    at.multiselect(key="outlet").set_value(["Newsweek"]).run()
    assert metric(at, "Documents") == "1"
    at.multiselect(key="doc").set_value(["Insider"]).run()  # Newsweek and another outlet's document: nothing
    assert "select no documents" in texts(at.info)
    assert not at.exception


def test_a_figure_kind_stays_selected_while_filters_hide_and_bring_back_its_documents(db):
    at = open_app("figures")
    at.multiselect(key="doc").set_value(["Insider"]).run()  # counts only: no duration among its figures
    at.multiselect(key="doc").set_value(["Insider", "Newsweek"]).run()  # Newsweek has a duration
    assert "duration" in at.session_state["kinds"]
    (figures,) = [d.value for d in at.dataframe if "kind" in d.value.columns]
    assert "duration" in set(figures["kind"])


def test_returning_to_compare_keeps_the_pair_without_a_warning(db, capfd):
    at = open_app("compare")
    at.multiselect(key="compare").set_value(["Insider", "Newsweek"]).run()
    at.switch_page("dashboard/pages/overview.py").run()
    at.switch_page("dashboard/pages/compare.py").run()
    assert at.multiselect(key="compare").value == ["Insider", "Newsweek"]
    # A default as well as a value in Session State made Streamlit log a warning with a stack trace.
    assert "created with a default value" not in capfd.readouterr().err


def test_the_topics_page_gives_as_many_topics_as_asked_in_the_address(db):
    at = open_app("topics", topics_level="3")
    assert not at.exception and at.selectbox(key="topics_level").value == "3"
    (topics,) = [d.value for d in at.dataframe if "theme_label" in d.value.columns]
    assert len(topics) == 3
    (main,) = [d.value for d in at.dataframe if "main_theme_label" in d.value.columns]
    assert len(main) == 5 and set(main["main_topic_label"]) <= set(topics["topic"])
    at.selectbox(key="topics_level").set_value("The engine's choice").run()
    (topics,) = [d.value for d in at.dataframe if "theme_label" in d.value.columns]
    assert len(topics) > 3


def test_query_params_restore_a_view(db):
    at = open_app("figures", doc=["The Financial District", SPUN])  # documents appear by name in the URL
    assert at.multiselect(key="doc").value == ["The Financial District", SPUN]
    shown = at.dataframe[0].value
    assert set(shown["document"]) == {"The Financial District", SPUN}
    assert "disagree" not in texts(at.warning)  # the disagreeing group involves a third document


def test_reader_opens_at_the_position_in_the_link(db):
    text = (SEEDS / f"{SOURCE}.txt").read_text(encoding="utf-8")
    start = text.index("We were dirty and tired")
    at = open_app("reader", read="The Financial District", at=f"{start}-{start + 23}")
    assert at.selectbox(key="reader_doc").value == "The Financial District"
    assert "We were dirty and tired" in texts(at.info)
    article = "".join(h.proto.body for h in at.get("html"))
    assert 'id="selected-finding"' in article and "the officer" in article


def test_compare_marks_shared_and_own_quotes(db):
    at = open_app("compare", compare=["The Financial District", SPUN])
    quotes = at.dataframe[1].value
    assert {"in all", f"only in {SPUN}"} <= set(quotes["status"])
    # The spun copy is called out with its evidence: the sentences that line up, both sides shown.
    (claim,) = [w.value for w in at.warning if "synonym-spun copy" in w.value]
    assert "The Financial District" in claim
    (evidence,) = [e for e in at.expander if "line up, side by side" in e.label]
    assert "sentences" in evidence.label


def test_quote_search_narrows_the_table(db):
    at = open_app("quotes")
    everything = len(at.dataframe[0].value)
    at.text_input(key="q").set_value("dirty").run()
    found = at.dataframe[0].value
    assert 0 < len(found) < everything
    assert found["text"].str.contains("dirty").all()


def test_empty_user_corpus_explains_itself(db):
    at = open_app("quotes", corpus="My corpus")
    assert "Your corpus is empty" in texts(at.info)
    assert not at.exception


def test_upload_adds_a_document_to_the_stored_corpus(db):
    at = open_app("corpus")
    body = b"Mayor Jane Roe said the bridge would reopen. \"We expect 4,000 cars a day,\" Roe said on Monday.\n"
    at.file_uploader(key="upload").upload("bridge.txt", body, "text/plain")
    at.button(key="add-files").click().run()
    assert not at.exception
    assert "Added 1 document." in texts(at.success)
    assert [d.id for d in Store(db).corpus()] == ["bridge"]
    at.switch_page("dashboard/pages/overview.py").run()
    assert at.radio(key="corpus").value == "mine"
    assert metric(at, "Documents") == "1"
    assert metric(at, "Figures") == "1"


def test_same_upload_twice_is_stored_once_and_bad_files_get_a_message(db):
    at = open_app("corpus")
    body = b"Officials said 12 schools closed.\n"
    at.file_uploader(key="upload").set_value([("a.txt", body, "text/plain"), ("b.txt", body, "text/plain"),
                                             ("c.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "text/plain")])
    at.button(key="add-files").click().run()
    assert len(Store(db)) == 1
    assert "already stored as a" in texts(at.info)
    assert "binary file" in texts(at.error)
    assert not at.exception


def test_pasted_text_and_edited_metadata_show_up(db):
    at = open_app("corpus")
    at.text_area(key="paste_text").set_value("The council said 30 roads were flooded.")
    at.text_input(key="paste_outlet").set_value("Daily Bugle")
    at.button(key="add-pasted").click().run()
    stored = Store(db)
    (doc,) = stored.corpus()
    assert doc.meta["outlet"] == "Daily Bugle"
    stored.update_metadata(doc.id, {"outlet": "Evening Post"})
    at.switch_page("dashboard/pages/overview.py").run()
    assert at.dataframe[0].value["outlet"].tolist() == ["Evening Post"]


def test_every_chart_and_table_offers_downloads(db):
    at = open_app("figures")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("PNG") == labels.count("SVG") == labels.count("HTML") == 2
    assert labels.count("CSV") == labels.count("JSON") >= 2
    assert "Download report (HTML)" in labels
