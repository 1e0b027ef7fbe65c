import json
import subprocess
import sys

import numpy as np
import pytest

from analysis import analyze
from analysis.corpus import Corpus, document_from_text
from analysis.topics import TopicModel

from .conftest import ROOT, SEEDS


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_writes_json_with_every_table(tmp_path):
    out = tmp_path / "out.json"
    r = run("analyze", str(SEEDS), "--format", "json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    for table in ("documents", "quotes", "figures", "topics", "coverage", "similarity", "stories", "copies",
                  "quote_matches", "figure_groups", "sources"):
        assert table in data
    assert {d["id"] for d in data["documents"]} == {p.stem for p in SEEDS.glob("*.txt")}
    assert {"doc", "start", "end", "text", "speaker"} <= set(data["quotes"][0])


def test_cli_writes_csv_folder_and_neutralises_formulas(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,text\nx,"=HYPERLINK(1) Officials said “=1+1 is two,” the mayor said."\n', encoding="utf-8")
    r = run("analyze", str(src), "--format", "csv", "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    quotes_csv = (tmp_path / "out" / "quotes.csv").read_text(encoding="utf-8")
    assert "'=1+1 is two," in quotes_csv


def test_cli_bad_input_is_one_line_and_exit_code_2(tmp_path):
    r = run("analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "o.json"))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and r.stderr.startswith("error:") and "Traceback" not in r.stderr
    assert not (tmp_path / "o.json").exists()


def test_one_document_corpus():
    doc = document_from_text("solo", "The council met on Monday.\n\n“We will act,” the mayor said.\n")
    res = analyze(Corpus([doc]))
    assert len(res.topics) == 1 and len(res.quotes) == 1 and res.stories["docs"].tolist() == [["solo"]]


def test_topic_model_is_reproducible_and_chooses_k_from_data():
    sports = [f"The team won the match {i} goals to nil in the league final at the stadium." for i in range(12)]
    weather = [f"Heavy rain and strong wind flooded the coast road for {i} hours overnight." for i in range(12)]
    a = TopicModel(random_state=0).fit(sports + weather)
    b = TopicModel(random_state=0).fit(sports + weather)
    assert np.array_equal(a.labels_, b.labels_) and a.n_topics_ == 2
    assert len(set(a.labels_[:12])) == 1 and a.labels_[0] != a.labels_[12]
    assert a.transform(["The striker scored in the final match."])[0] == a.labels_[0]


def test_topics_do_not_depend_on_how_many_threads_the_machine_offers():
    # k-means sums in a different order on more threads, and on the seeds that moves passages between topics.
    import pandas as pd
    from threadpoolctl import threadpool_limits

    from analysis import load_corpus

    corpus = load_corpus(SEEDS)
    with threadpool_limits(1):
        one = analyze(corpus, workers=1)
    with threadpool_limits(4):
        four = analyze(corpus, workers=1)
    pd.testing.assert_frame_equal(one.topics, four.topics)
    pd.testing.assert_frame_equal(one.passages, four.passages)


def test_topic_labels_are_distinctive_phrases_never_verbs_of_saying_or_doing():
    from analysis.attribution import REPORTING_VERBS
    from analysis.lexicon import GENERIC_VERBS

    flood = [f"Residents said the river burst its banks on day {i}. They went to the relief centre, the council said, "
             "and the flood defences failed again as the river rose." for i in range(10)]
    match = [f"The coach said the striker went past two defenders in minute {i}. The home side won the cup final, "
             "the coach said, and the cup final crowd went home happy." for i in range(10)]
    model = TopicModel(random_state=0).fit(flood + match)
    assert model.n_topics_ == 2
    words = {w for label in model.topic_labels_ for phrase in label.split(" / ") for w in phrase.split()}
    assert not words & (REPORTING_VERBS | GENERIC_VERBS), model.topic_labels_
    # Neighbouring words make a phrase; words with a stop word between them ("burst its banks") do not.
    phrases = {p for label in model.topic_labels_ for p in label.split(" / ")}
    assert {"cup final", "flood defences"} & phrases, model.topic_labels_
    assert not any(p == "burst banks" for ps in model.phrases_ for p in ps)


def test_the_number_of_topics_comes_from_the_data_with_near_duplicates_merged():
    # Three subjects, each told by twelve articles in three differently worded paragraphs: more groups are made
    # than there are subjects, and those of one subject merge into its topic.
    subjects = {
        "flood": ["The river burst its banks and flood water filled the high street.",
                  "Sandbags were piled along the flooded river bank overnight.",
                  "Flood warnings stayed in place as the river kept rising."],
        "match": ["The striker scored twice as the home side won the cup final.",
                  "The goalkeeper saved a penalty late in the cup final.",
                  "Fans cheered the captain lifting the cup after the final whistle."],
        "budget": ["The finance minister set out tax rises in the annual budget.",
                   "The budget cut spending on roads and raised income tax.",
                   "Economists said the budget deficit would narrow next year."],
    }
    passages, documents = [], []
    for subject, lines in subjects.items():
        for d in range(12):
            for k, line in enumerate(lines):
                passages.append(f"{line} Report {d}, part {k}.")
                documents.append(f"{subject}-{d}")
    model = TopicModel(random_state=0).fit(passages, documents=documents)
    assert model.n_topics_ == 3
    by_subject = model.labels_.reshape(3, 12, 3)
    assert [len(set(by_subject[s].ravel())) for s in range(3)] == [1, 1, 1]
    assert TopicModel(random_state=0, max_topics=2).fit(passages, documents=documents).n_topics_ == 2
    with pytest.raises(ValueError, match="merge_distance must be in"):
        TopicModel(merge_distance=0).fit(passages)


def test_a_results_folder_from_another_version_is_refused_with_a_reason(tmp_path, seed_analysis):
    from analysis.export import RESULTS_MANIFEST, read_parquet, write_parquet

    folder = write_parquet(seed_analysis, tmp_path / "results")
    assert len(read_parquet(folder).documents) == 5
    manifest = json.loads((folder / RESULTS_MANIFEST).read_text(encoding="utf-8"))
    (folder / RESULTS_MANIFEST).write_text(json.dumps({**manifest, "engine_version": "1"}), encoding="utf-8")
    with pytest.raises(ValueError, match="written by another version of this tool .* analyse the corpus again"):
        read_parquet(folder)


def test_topic_terms_are_common_in_the_topics_core_and_rare_elsewhere():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.topics import topic_terms

    flood = [f"The river rose past the flood wall and residents went to the shelter, report {i}." for i in range(10)]
    # Two passages a topic took in for their document: rare words, all their own.
    stray = ["Sunshine and picnics at the seaside promenade.", "Ice cream vans crowd the promenade at noon."]
    match = [f"The striker scored and the home side won the cup final, report {i}." for i in range(12)]
    vectorizer = TfidfVectorizer(sublinear_tf=True)
    X = vectorizer.fit_transform(flood + stray + match)
    labels = np.array([0] * 12 + [1] * 12)
    flood_terms, match_terms = topic_terms(X, vectorizer.get_feature_names_out(), labels, 2, 8)
    assert {"river", "flood", "residents"} <= set(flood_terms)
    assert not {"promenade", "sunshine", "went", "the"} & set(flood_terms), flood_terms
    assert {"striker", "cup", "final"} <= set(match_terms)


def test_topic_labels_keep_names_as_written():
    from analysis.topic_labels import words_as_written

    text = ("CNN reported that the officer quit. He told CNN he went to Ukraine. Officer Jones said the officer left. "
            "TARGET: the target was hit, the target said.")
    # A name as the text writes it; a word capitalised only where it opens a sentence or a name; a shouted heading.
    assert words_as_written(["cnn", "ukraine", "officer", "target"], text) == ["CNN", "Ukraine", "officer", "target"]
    assert words_as_written(["attacker"], "ATTACKER: ATTACKER") == ["attacker"]  # even where it is only ever shouted
    assert words_as_written(["nato"], "NATO said. NATO met.") == ["NATO"]  # an acronym
    assert words_as_written(["house", "white house"], "the White House said. A house.") == ["house", "White House"]


def test_links_and_handles_are_no_words_a_topic_is_named_by():
    from analysis.topic_labels import phrases_of

    words = phrases_of("Follow the senators on https://twitter.com/senate pic.twitter.com/x9 via @CNN and cnn.com")
    assert {"senators"} <= set(words) and not {"twitter", "com", "https", "cnn", "pic"} & set(words)


def test_the_cli_gives_as_many_topics_as_asked_and_refuses_none(tmp_path):
    out = tmp_path / "out.json"
    r = run("analyze", str(SEEDS), "--format", "json", "--out", str(out), "--topics", "3", "--quiet")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["topics"]) == 3 and {p["topic"] for p in data["passages"]} == {0, 1, 2}
    assert all(d["main_topic_label"] in {t["label"] for t in data["topics"]} for d in data["documents"])
    r = run("analyze", str(SEEDS), "--format", "json", "--out", str(tmp_path / "x.json"), "--topics", "0")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "--topics must be at least 1" in r.stderr


def test_a_topic_level_refits_the_topics_and_nothing_else(seed_analysis):
    from analysis import with_topics

    broad = with_topics(seed_analysis, 3)
    assert len(broad.topics) == 3 and set(broad.passages["topic"]) == {0, 1, 2}
    assert np.allclose(broad.coverage.groupby("doc")["share"].sum(), 1.0, atol=1e-3)
    assert broad.quotes is seed_analysis.quotes and broad.copies is seed_analysis.copies  # nothing extracted again
    fine = with_topics(seed_analysis, 14)
    assert len(fine.topics) == 14 > len(seed_analysis.topics)
    # Each topic belongs to a broader theme, fewer than the topics, named by its largest topics.
    themes = seed_analysis.topics.groupby("theme")["theme_label"].first()
    assert 2 <= len(themes) < len(seed_analysis.topics)
    assert set(seed_analysis.documents["main_theme_label"]) <= set(themes)
    with pytest.raises(ValueError, match="n_topics must be at least 1"):
        with_topics(seed_analysis, 0)
