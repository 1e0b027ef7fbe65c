"""Cross-outlet claims (copies, figure disagreements, speaker changes) and what they rest on: damaged quote marks
read as they were, and one name per person across the corpus. Short reports written as news is, with outlets and
dates as a loader gives them."""

from analysis import analyze
from analysis.corpus import Corpus, document_from_text
from analysis.extract import analyze_document

from .test_stories import _REVISION, _SOURCE


def _doc(doc_id: str, outlet: str, text: str, date: str = "2026-03-14"):
    return document_from_text(doc_id, text, {"outlet": outlet, "date": date})


def test_damaged_quote_marks_are_read_as_the_marks_they_were_with_a_note():
    # A scraped page whose curly marks became '"?': a closing mark, an apostrophe and two dashes.
    text = ('Storm closes schools across the county\n\n'
            'Schools will stay closed on Monday after the storm brought down power lines across the county, officials '
            'said.\n\n'
            '"We cannot open buildings without heat or light,"?county schools superintendent Maria Alvarez said. '
            'The county utility"?crews were working through the night.\n\n'
            'The closure "?the second this winter "?affects 40,000 pupils.\n')
    result = analyze_document(text)
    (quote,) = result.quotes
    assert (quote.text, quote.speaker) == ("We cannot open buildings without heat or light,", "Maria Alvarez")
    assert text[quote.start : quote.end] == quote.text  # offsets are those of the text as given
    assert result.notes == ['damaged punctuation: "? was read as 1 closing quote marks, 1 apostrophes, 2 dashes '
                            '(curly marks lost in scraping); offsets are those of the text as given']
    assert analyze_document(text.replace('"?', '" ')).notes == []


_QUOTE = "“The bridge will not reopen before the spring, because the river undermined two of its piers,”"


def _bridge_reports():
    return [
        _doc("a", "Halden Post", "Kelbridge bridge shut until spring\n\nThe Norcott road bridge in Kelbridge will stay "
             f"closed for months after Sunday's flood.\n\n{_QUOTE} said Elena Marsh, the county's chief engineer.\n\n"
             "Drivers face a long detour.\n"),
        _doc("b", "Wexmoor Echo", "Flood-hit bridge to stay closed\n\nEngineers have closed the Norcott bridge after the "
             f"floods.\n\n{_QUOTE} Ms Marsh told reporters on Monday.\n\nBus routes have been changed.\n"),
        _doc("c", "Daily Ledger", "Kelbridge bridge closure\n\nThe bridge in Kelbridge is closed after Sunday's flood.\n\n"
             f"{_QUOTE} said council leader Tom Ridley.\n\nThe council will meet on Thursday.\n"),
    ]


def test_a_speaker_change_is_claimed_between_different_people_never_between_one_persons_names():
    result = analyze(Corpus(_bridge_reports()))
    # "Ms Marsh" alone in her report is the Elena Marsh another outlet names in full.
    assert result.quotes.set_index("doc")["speaker"].to_dict() == {"a": "Elena Marsh", "b": "Elena Marsh",
                                                                    "c": "Tom Ridley"}
    changed = {(m.a_doc, m.b_doc): m.speaker_changed for m in result.quote_matches.itertuples()}
    assert changed == {("a", "b"): False, ("a", "c"): True, ("b", "c"): True}
    # One public statement quoted by three outlets is the same story, never a copy.
    assert result.copies.empty
    assert set(result.similarity["relation"]) == {"same story"}


def test_figures_disagree_on_the_same_quantity_not_on_a_part_of_it_or_another_year():
    a = _doc("a", "Halden Post", "Shooting at Tarrowby high school\n\n"
             "A student opened fire at Tarrowby high school on Thursday, and at least two people were hurt, police "
             "said.\n\nThe school has 1,100 pupils. Out of the 921 pupils present on Thursday, 857 were sent home by "
             "noon.\n\nLast year 30 schools in the region held lockdown drills, the education office said.\n")
    b = _doc("b", "Wexmoor Echo", "Tarrowby school shooting: pupils evacuated\n\n"
             "At least eight people were injured when a student opened fire at Tarrowby high school on Thursday, police "
             "said.\n\nPolice said 921 pupils were in the school when the shots were fired.\n\n"
             "This year 45 schools in the region will hold lockdown drills, the education office said.\n")
    groups = analyze(Corpus([a, b])).figure_groups
    disagreeing = groups[groups["disagree"]]
    # "At least 2" and "at least 8" hurt cannot both be true; 857 of the 921 is a part, 30 and 45 are other years.
    assert [sorted(v) for v in disagreeing["values"]] == [["at least 2", "at least 8"]]
    assert disagreeing.iloc[0]["why"] == "both count people killed or hurt"
    assert [sorted(pair) for pair in disagreeing.iloc[0]["conflicts"]] == [["a:f0", "b:f0"]]
    assert not any({"857", "921"} <= set(v) or {"30", "45"} <= set(v) for v in groups[groups["disagree"]]["values"])


def test_a_revised_story_is_a_copy_between_outlets_and_same_outlet_reuse_within_one():
    def pair(outlet_later: str, outlet_earlier: str, credit: str = ""):
        return analyze(Corpus([
            _doc("later", outlet_later, _REVISION.format(date="") + credit, date="2026-03-15"),
            _doc("earlier", outlet_earlier, _SOURCE.format(date="") + credit)]))

    across = pair("Wexmoor Echo", "Halden Post")
    copy = across.copies.iloc[0]
    assert (len(across.copies), copy["doc"], copy["source"], copy["kind"], copy["basis"]) == (
        1, "later", "earlier", "rewrite", "derived")
    # The evidence is sentence pairs that line up, each pointing into both texts.
    texts = across.texts
    later_start, later_end, earlier_start, earlier_end, score = copy["sentences"][0]
    assert texts["later"][later_start:later_end].startswith("Dozens of firefighters tackled")
    assert texts["earlier"][earlier_start:earlier_end].startswith("More than 80 firefighters")
    assert score > 60
    # One outlet updating its own story: shown as such, never claimed as a copy.
    within = pair("Halden Post", "Halden Post")
    assert within.copies.empty and list(within.similarity["relation"]) == ["same outlet"]


def test_two_outlets_carrying_one_agencys_copy_are_siblings_not_source_and_copy():
    credit = "\n\nThe Associated Press contributed to this report.\n"
    result = analyze(Corpus([_doc("x", "Halden Post", _SOURCE.format(date="") + credit),
                             _doc("y", "Wexmoor Echo", _SOURCE.format(date="") + credit)]))
    (copy,) = result.copies.itertuples()
    assert (copy.kind, copy.basis) == ("verbatim", "agency")
