"""One person or organisation, one name: within a document and across a corpus (analysis/names.py)."""

import pytest

from analysis.names import canonical_names, corpus_names


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Valeria Costa, a union leader, said the strike would continue. Costa added that talks had failed.",
         "Costa", "Valeria Costa"),
        ("Russian Defence Minister Sergei Shoigu visited the front. Shoigu said the offensive was going to plan.",
         "Shoigu", "Sergei Shoigu"),
        ("Uliana Pavlova reported for CNN. Pavlova spoke to the officer.", "Pavlova", "Uliana Pavlova"),
        ("Jean-Pierre Dupont, the mayor, said the town would rebuild. Dupont's office confirmed the figure.",
         "Dupont", "Jean-Pierre Dupont"),
    ],
)
def test_a_surname_alone_is_the_full_name_of_its_first_mention(text, short, full):
    assert canonical_names([short], text) == {short: full}


def test_a_surname_takes_the_longest_name_given_that_ends_in_it():
    text = "President Joe Biden spoke on Monday. Biden said the plan would work."
    assert canonical_names(["Biden", "President Joe Biden"], text) == {
        "Biden": "President Joe Biden", "President Joe Biden": "President Joe Biden"}


def test_a_word_opening_the_sentence_is_not_taken_for_a_first_name():
    assert canonical_names(["Trump"], "On Monday Trump said he would fight. Trump later denied it.") == {"Trump": "Trump"}


def test_a_name_never_written_in_full_stays_as_it_is():
    assert canonical_names(["Smith"], "Smith said the inquiry would report in May.") == {"Smith": "Smith"}


def test_an_organisation_shortened_to_its_last_words():
    text = "The Daily Gazette reported the story first. The Gazette later corrected it."
    assert canonical_names(["The Gazette", "The Daily Gazette"], text) == {
        "The Gazette": "The Daily Gazette", "The Daily Gazette": "The Daily Gazette"}


@pytest.mark.parametrize(
    ("text", "names", "full"),
    [
        ("The World Health Organization (WHO) said cases were rising. WHO officials met on Monday.",
         ["WHO", "World Health Organization"], "World Health Organization (WHO)"),
        ("The Institute for the Study of War (ISW) said morale was low. ISW said troops were deserting.",
         ["ISW", "the Institute for the Study of War"], "Institute for the Study of War (ISW)"),
        ("The National Health Service (NHS) is under strain. The NHS said waiting lists had grown.",
         ["NHS", "The NHS", "the National Health Service"], "National Health Service (NHS)"),
    ],
)
def test_an_acronym_introduced_in_brackets_maps_both_ways(text, names, full):
    assert canonical_names(names, text) == dict.fromkeys(names, full)


def test_an_acronym_never_introduced_stays_as_it_is():
    assert canonical_names(["CNN"], "The officer told CNN that morale was low.") == {"CNN": "CNN"}


def test_descriptions_are_not_names():
    assert canonical_names(["the officer"], "The officer, a lieutenant, told CNN he had quit.") == {
        "the officer": "the officer"}


def test_the_same_person_in_four_forms_across_documents():
    mentions = [("a", "President Donald Trump"), ("a", "Trump"), ("b", "Mr Trump"), ("b", "Donald Trump"),
                ("c", "Melania Trump"), ("c", "Donald Trump"), ("d", "Trump"), ("d", "Donald J. Trump")]
    assert corpus_names(mentions) == {
        "President Donald Trump": "Donald Trump", "Trump": "Donald Trump", "Mr Trump": "Donald Trump",
        "Donald Trump": "Donald Trump", "Donald J. Trump": "Donald Trump", "Melania Trump": "Melania Trump"}


def test_a_surname_shared_by_two_people_equally_stays_as_written():
    mentions = [("a", "Trump"), ("b", "Donald Trump"), ("c", "Melania Trump")]
    assert corpus_names(mentions)["Trump"] == "Trump"


def test_a_surname_shared_by_several_people_stays_as_written():
    mentions = [("a", "Kim Jong Un"), ("b", "Kim Yo Jong"), ("c", "Kim"), ("d", "Kim Jong Un")]
    assert corpus_names(mentions) == {"Kim Jong Un": "Kim Jong Un", "Kim Yo Jong": "Kim Yo Jong", "Kim": "Kim"}


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ([("a", "Doug Chin"), ("b", "Douglas Chin"), ("c", "Douglas Chin")],
         {"Doug Chin": "Douglas Chin", "Douglas Chin": "Douglas Chin"}),
        ([("a", "Will Young"), ("b", "William Young")], {"Will Young": "William Young", "William Young": "William Young"}),
        ([("a", "Sergei Lavrov"), ("b", "Sergey Lavrov"), ("c", "Sergey Lavrov")],
         {"Sergei Lavrov": "Sergey Lavrov", "Sergey Lavrov": "Sergey Lavrov"}),
    ],
)
def test_nicknames_and_spellings_join_the_form_most_documents_write(mentions, expected):
    assert corpus_names(mentions) == expected


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ([("a", "Secretary of State Rex Tillerson"), ("b", "Rex Tillerson"), ("c", "State Rex Tillerson")],
         {"Secretary of State Rex Tillerson": "Rex Tillerson", "Rex Tillerson": "Rex Tillerson",
          "State Rex Tillerson": "Rex Tillerson"}),
        ([("a", "Al Jazeera's Imtiaz Tyab"), ("b", "Imtiaz Tyab")],
         {"Al Jazeera's Imtiaz Tyab": "Imtiaz Tyab", "Imtiaz Tyab": "Imtiaz Tyab"}),
        ([("a", "House Speaker Paul Ryan"), ("b", "Paul Ryan"), ("c", "Ryan")],
         {"House Speaker Paul Ryan": "Paul Ryan", "Paul Ryan": "Paul Ryan", "Ryan": "Paul Ryan"}),
    ],
)
def test_roles_owners_and_words_run_into_a_name_are_dropped(mentions, expected):
    assert corpus_names(mentions) == expected


def test_organisations_and_descriptions_are_left_as_written():
    mentions = [("a", "the Pentagon"), ("b", "the Pentagon"), ("c", "the officer"), ("c", "Reuters")]
    assert corpus_names(mentions) == {"the Pentagon": "the Pentagon", "the officer": "the officer", "Reuters": "Reuters"}


@pytest.mark.parametrize(
    ("surname", "text", "full"),
    [
        ("Blinken", "Secretary of State Antony Blinken arrived in Kyiv. Blinken met the president.", "Antony Blinken"),
        ("Flanagan", "Minister for Foreign Affairs Charlie Flanagan spoke first. Flanagan said talks would go on.",
         "Charlie Flanagan"),
    ],
)
def test_an_office_before_a_name_is_no_first_name(surname, text, full):
    assert canonical_names([surname], text) == {surname: full}
