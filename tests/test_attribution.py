"""Who says so: attribution phrases in English news sentences (analysis/attribution.py)."""

import pytest

from analysis.attribution import find_attributions, subject_of


def attributions(text):
    return [(a.speaker, a.verb, a.addressee) for a in find_attributions(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor said the bridge would reopen in March.", [("the mayor", "said", "")]),
        ("The police said two men had been arrested.", [("the police", "said", "")]),
        ("Artamonov reportedly said that troops had suffered severe losses.", [("Artamonov", "said", "")]),
        ("The Ukrainian Intelligence Directorate reported that as many as 60% of soldiers were refusing to serve.",
         [("The Ukrainian Intelligence Directorate", "reported", "")]),
        ("In a statement, the company said it regretted the error.", [("the company", "said", "")]),
        ("“We are not going back,” Costa added.", [("Costa", "added", "")]),
    ],
)
def test_subject_before_the_verb(text, expected):
    assert attributions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will rebuild,” said the mayor.", [("the mayor", "said", "")]),
        ("“We will rebuild,” said Jane Roe, the city's mayor.", [("Jane Roe", "said", "")]),
        ("“We will not stop,” said Labour councillor Dana Whitfield.", [("Dana Whitfield", "said", "")]),
        ("“It was chaos,” says Campbell's partner, Jason Louth.", [("Jason Louth", "says", "")]),
        ("“This is a disaster,” added Sarah Jones, 34, a nurse from Leeds.", [("Sarah Jones", "added", "")]),
    ],
)
def test_inverted_said_x(text, expected):
    assert attributions(text) == expected


def test_role_before_a_name_is_kept_as_written():
    (a,) = find_attributions(text := "Prime Minister Rishi Sunak said the government would act.", 0, len(text))
    assert (a.speaker, a.written) == ("Rishi Sunak", "Prime Minister Rishi Sunak")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Turnout was 62 percent, according to the Electoral Commission.", "the Electoral Commission"),
        ("Prices rose sharply last year, according to the Office for National Statistics.",
         "the Office for National Statistics"),
        ("According to Dr. Keith Ahamad, the virus spreads quickly.", "Keith Ahamad"),
        ("The death toll rose to 40, per the health ministry.", "the health ministry"),
        ("The figures were reported by the Office for National Statistics.", "the Office for National Statistics"),
    ],
)
def test_according_to_x(text, speaker):
    assert attributions(text) == [(speaker, "according to", "")]


@pytest.mark.parametrize("text", ["Petrol costs 150 pence per litre.", "Unemployment fell to 4 per cent in May."])
def test_per_before_a_unit_is_a_rate_not_a_source(text):
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The officer told CNN that morale was low.", [("the officer", "told", "CNN")]),
        ("Officials told The New York Times that the plan had been dropped.",
         [("Officials", "told", "The New York Times")]),
        ("He told The Guardian: “It is over.”", [("He", "told", "The Guardian")]),
        ("“We need help,” the farmer told Reuters on Tuesday.", [("the farmer", "told", "Reuters")]),
        ("Aleksei Tabalov, a human rights activist, told CNN that he consulted two soldiers.",
         [("Aleksei Tabalov", "told", "CNN")]),
    ],
)
def test_x_told_y_keeps_the_addressee(text, expected):
    assert attributions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky told reporters he would not give up territory.", [("Zelensky", "told", "")]),
        ("The company told investors that profits would fall.", [("the company", "told", "")]),
    ],
)
def test_a_generic_audience_is_no_addressee(text, expected):
    assert attributions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The plan was outlined in a memo obtained by ABC News.",
        "Documents seen by Reuters show the company knew of the fault.",
        "A letter reviewed by The Wall Street Journal shows the deal was signed in May.",
        "Emails obtained by the BBC reveal the minister was warned.",
    ],
)
def test_the_outlet_that_obtained_a_document_is_not_its_author(text):
    assert attributions(text) == []


def test_obtained_by_does_not_hide_the_real_source():
    text = "The plan was outlined in a memo obtained by ABC News, according to a person familiar with the matter."
    assert attributions(text) == [("a person familiar with the matter", "according to", "")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Lavrov was quoted as saying talks had stalled.", "Lavrov"),
        ("Lavrov was quoted as saying by the RIA news agency that talks had stalled.", "Lavrov"),
        ("The TASS news agency quoted Foreign Minister Sergei Lavrov as saying talks had stalled.", "Sergei Lavrov"),
        ("Reuters cited two sources as saying the deal was close.", "two sources"),
    ],
)
def test_quoted_as_saying_names_who_spoke_not_who_relayed(text, speaker):
    assert [a.speaker for a in find_attributions(text, 0, len(text))] == [speaker]


@pytest.mark.parametrize(
    "text",
    ["He was described as a quiet man by his neighbours.", "He was told to leave the country.", "He is said to be furious."],
)
def test_passive_verbs_of_saying_are_said_of_the_subject_not_by_it(text):
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Maria Lopez, a spokeswoman for the ministry, said the talks would resume on Monday.", "Maria Lopez"),
        ("Jane Doe, an analyst at Capital Economics, said inflation would ease.", "Jane Doe"),
        ("The country's top prosecutor, Hilda Morales, told reporters the case was closed.", "Hilda Morales"),
        ("Trump, who spoke at a rally in Ohio, said the election was rigged.", "Trump"),
        ("Valentina Melnikova, executive secretary of the Union of Soldiers' Mothers Committees of Russia, said there "
         "were many complaints.", "Valentina Melnikova"),
    ],
)
def test_apposition_between_the_name_and_the_verb(text, speaker):
    assert [a.speaker for a in find_attributions(text, 0, len(text))] == [speaker]


def test_only_the_span_asked_for_is_read():
    text = "The mayor said the bridge would close. The engineer said it was safe."
    second = text.index("The engineer")
    assert [a.speaker for a in find_attributions(text, second, len(text))] == ["the engineer"]


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("The U.S. State Department called for their release and expressed concern.", "called",
         "The U.S. State Department"),
        ("The lanky, bespectacled professor said nothing.", "said", "the lanky bespectacled professor"),
        ("Lucille Roybal-Allard, D-Calif., the incoming chairwoman, said the bill would pass.", "said",
         "Lucille Roybal-Allard"),
        ("When asked about the deal, he said it was off.", "said", "he"),
        ("The officer who spoke to CNN says morale is low.", "says", "the officer"),
        ("Then the minister announced a new inquiry.", "announced", "the minister"),
        ("The last time the Ministry of Defence reported such losses was in 2022.", "reported",
         "the Ministry of Defence"),
    ],
)
def test_subject_of(text, verb, subject):
    assert subject_of(text, text.index(f" {verb} ") + 1, 0) == subject


def test_subject_of_looks_no_further_back_than_the_floor():
    text = "The minister, who arrived in Kyiv on Monday, said talks would continue."
    assert subject_of(text, text.index("said"), 0) == "the minister"
    assert subject_of(text, text.index("said"), text.index("who")) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Defence Secretary Ben Wallace told the BBC the troops were ready.", [("Ben Wallace", "told", "the BBC")]),
        ("Police told the Associated Press that three people were detained.",
         [("Police", "told", "the Associated Press")]),
        ("“We need help,” the farmer told Reuters.", [("the farmer", "told", "Reuters")]),
        ("“It is a tragedy,” she told Sky News. Then she left.", [("she", "told", "Sky News")]),
        ("She told the U.S. Senate it was over.", [("She", "told", "the U.S. Senate")]),
    ],
)
def test_the_one_told_is_named_whole_and_ends_with_its_sentence(text, expected):
    assert attributions(text) == expected


@pytest.mark.parametrize(
    "text",
    ["A spokesman for the White House declined to comment.", "She would not say whether it was true.",
     "Police could not be reached for comment.", "He refused to say where the money went."],
)
def test_a_refusal_to_speak_is_no_attribution(text):
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“They create small ponds,” says Barthel. These provide habitats for dragonflies.",
         [("Barthel", "says", "")]),
        ("“We’re going to do our job,” said Rep. Jim McGovern, the incoming chairman.",
         [("Jim McGovern", "said", "")]),
        ("“We assess that most of them radicalised later,” reads the report, which the agency verified.",
         [("the report", "reads", "")]),
    ],
)
def test_an_inverted_subject_ends_with_its_sentence(text, expected):
    assert [a for a in attributions(text) if a[1] != "assess"] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("In Kyiv, officials said the attack had killed 12 people.", "officials"),
        ("On Monday, police said two men had been arrested.", "police"),
        ("Last week, residents said the water was brown.", "residents"),
    ],
)
def test_people_without_a_determiner_after_an_opening_phrase(text, speaker):
    assert attributions(text) == [(speaker, "said", "")]


def test_a_plural_thing_is_no_subject():
    assert attributions("In the capital, studies suggest that crime fell.") == []
