import json

import pytest

from analysis.corpus import CorpusError, documents_from_bytes, load_corpus, outlet_from_url


def test_csv_with_metadata_columns_and_outlet_from_url(tmp_path):
    p = tmp_path / "news.csv"
    p.write_text(
        "article_id,publish_date,article_source_link,title,text\n"
        "a1,2017-01-02,https://www.bbc.co.uk/news/world-1,Storm hits coast,The storm hit the coast on Monday.\n",
        encoding="utf-8",
    )
    (doc,) = load_corpus(p)
    assert doc.id == "a1" and doc.meta["outlet"] == "bbc.co.uk" and doc.meta["date"] == "2017-01-02"
    assert doc.meta_source["outlet"] == "url domain"


def test_jsonl_broken_row_names_the_line(tmp_path):
    p = tmp_path / "news.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "Fine."}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"news.jsonl, line 2"):
        load_corpus(p)


def test_csv_without_text_column_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("id,title\n1,Hello\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no text column"):
        load_corpus(p)


def test_html_article_text_and_metadata(tmp_path):
    html = (
        "<html><head><title>Bridge reopens | The Gazette</title><meta name='author' content='Ann Lee'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Bridge reopens</h1>"
        + "".join(f"<p>The bridge reopened on Monday after {i} months of repairs, the council said in a statement today.</p>" for i in range(2, 8))
        + "</article><footer>Copyright</footer></body></html>"
    )
    (doc,) = documents_from_bytes("bridge.html", html.encode())
    assert "The bridge reopened on Monday" in doc.text and "Home | World" not in doc.text
    assert doc.meta.get("author") == "Ann Lee"


def test_manifest_overrides_inferred_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Storm Hits Coast\n\nBy John Smith\n\nThe storm hit the coast.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,outlet,title\na,The Gazette,Storm hits the coast\n", encoding="utf-8")
    (doc,) = load_corpus(tmp_path)
    assert doc.meta["title"] == "Storm hits the coast" and doc.meta_source["title"] == "manifest"
    assert doc.meta["author"] == "John Smith" and doc.meta_source["author"] == "text: byline"


def test_legacy_encodings_and_binary_files():
    (doc,) = documents_from_bytes("old.txt", "Caf\xe9 owners said prices rose.".encode("cp1252"))
    assert doc.text.startswith("Café")
    (doc,) = documents_from_bytes("bom.txt", "\ufeffHello world, this is text.".encode("utf-16"))
    assert "Hello world" in doc.text
    with pytest.raises(CorpusError, match="binary"):
        documents_from_bytes("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_missing_path_empty_file_and_duplicate_ids(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "e.txt").write_text("   \n", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty"):
        load_corpus(tmp_path / "e.txt")
    (tmp_path / "d.jsonl").write_text('{"id": "1", "text": "a b"}\n{"id": "1", "text": "c d"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="unique"):
        load_corpus(tmp_path / "d.jsonl")


def test_outlet_from_url():
    assert outlet_from_url("https://edition.cnn.com/2022/05/22/x") == "cnn.com"
    assert outlet_from_url("www.aljazeera.com/news") == "aljazeera.com"


def test_the_documents_table_gives_dates_in_one_format(tmp_path):
    from analysis import analyze

    p = tmp_path / "news.csv"
    p.write_text("id,date,text\n"
                 "a,2017/2/7,The storm hit the coast on Monday and 200 homes lost power.\n"
                 "b,\"February 8, 2017\",Crews restored power to 150 homes on Tuesday.\n"
                 "c,last spring,Nobody knows when this was written.\n", encoding="utf-8")
    docs = analyze(load_corpus(p)).documents.set_index("id")
    assert docs["date"].to_dict() == {"a": "2017-02-07", "b": "2017-02-08", "c": "last spring"}
