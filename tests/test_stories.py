"""Stories across documents: weighted evidence and average linkage, on short reports written as news is."""

from analysis import analyze
from analysis.compare import name_terms
from analysis.corpus import Corpus, document_from_text


def _stories(result) -> set[frozenset[str]]:
    return {frozenset(docs) for docs in result.stories["docs"]}


def test_names_are_capitalised_words_inside_sentences_and_numbers_that_are_not_measures():
    terms = name_terms(["The fire in Tarrowby destroyed 14 homes, Fire Chief Olu Mensah's team said.",
                        "\u201cIt was fast,\u201d he said of the 90 mph winds and 30mm of rain."]).split()
    assert terms == ["Tarrowby", "#14", "Fire", "Chief", "Olu", "Mensah"]


def test_a_stock_phrase_quoted_from_two_different_people_does_not_make_one_story():
    fire = document_from_text("fire", (
        "Three die in Tarrowby house fire\n\n"
        "A mother and two children died when fire swept through their terraced house in Tarrowby on Sunday night, "
        "Halden County fire service said.\n\n"
        "\u201cWe were a very close family,\u201d said Grace Okonjo, the children's aunt.\n\n"
        "Investigators believe the blaze started in the kitchen. Neighbours tried to break down the door.\n"))
    crash = document_from_text("crash", (
        "Couple killed in motorway crash near Ashcombe\n\n"
        "A retired couple died after their car left the M47 near Ashcombe on Tuesday morning, Wexmoor Police said.\n\n"
        "\u201cWe were a very close family,\u201d said their son, Martin Pell.\n\n"
        "Officers closed the motorway for six hours and appealed for dashcam footage.\n"))
    result = analyze(Corpus([fire, crash]))
    assert result.quotes["cluster"].nunique() == 1  # the same words, matched as one quote
    assert _stories(result) == {frozenset({"fire"}), frozenset({"crash"})}
    assert set(result.similarity["relation"]) == {""}


def _report(doc_id: str, headline: str, *paragraphs: str):
    return document_from_text(doc_id, headline + "\n\n" + "\n\n".join(paragraphs) + "\n")


def test_three_stories_linked_only_by_short_shared_fragments_stay_apart():
    # Two reports of each of three events; one report of each shares a three-word fragment with one of the next.
    # Connected components chained all six into one story.
    docs = [
        _report("fire-1", "Warehouse fire in Kelbridge",
                "Firefighters spent the night fighting a blaze at the Norcott paper warehouse in Kelbridge, Halden "
                "County Fire Service said on Friday.",
                "Station manager Ruth Adeyemi said 60 firefighters and 12 engines attended. No one was hurt.",
                "\u201cThe roof collapsed within an hour and we had to fight it from outside,\u201d Adeyemi said."),
        _report("fire-2", "Kelbridge blaze: Norcott warehouse destroyed",
                "A paper warehouse owned by Norcott was destroyed in a fire in Kelbridge overnight.",
                "Ruth Adeyemi, station manager at Halden County Fire Service, said 60 firefighters had attended.",
                "\u201cOur crews have come a long way in tackling fires like this one, but the building was lost,\u201d "
                "Adeyemi said."),
        _report("ferry-1", "Ferry hits pier at Dunmore harbour",
                "A passenger ferry struck the pier at Dunmore harbour on Saturday, injuring four people, the Coastguard "
                "said.",
                "The Islander, operated by Westray Ferries, was arriving from Port Callum with 112 passengers aboard.",
                "Captain Ivo Marsh said the crew had \u201ccome a long way\u201d since a similar accident in 2019."),
        _report("ferry-2", "Four hurt as Westray ferry strikes Dunmore pier",
                "Four passengers were hurt when the Westray Ferries vessel Islander hit the pier at Dunmore on Saturday.",
                "The ferry had sailed from Port Callum with 112 passengers, the Coastguard said.",
                "\u201cThe tide pushed us onto the pier as we turned,\u201d said Captain Ivo Marsh."),
        _report("vote-1", "Ravensholm council votes to shut two schools",
                "Ravensholm Borough Council voted 31 to 18 on Monday to close Elmfield and Saint Brendan's primary "
                "schools next summer.",
                "Council leader Amira Haddad said falling rolls left 400 empty places across the borough.",
                "\u201cThe tide is against small schools,\u201d Haddad told the meeting."),
        _report("vote-2", "Parents protest as Ravensholm closes Elmfield school",
                "Parents protested outside Ravensholm town hall as councillors agreed to close Elmfield and Saint "
                "Brendan's primary schools.",
                "The vote was 31 to 18. Council leader Amira Haddad said 400 places were empty.",
                "Parents' spokesman Colin Reay said the council had ignored a petition of 2,000 names."),
    ]
    result = analyze(Corpus(docs))
    assert _stories(result) == {frozenset({"fire-1", "fire-2"}), frozenset({"ferry-1", "ferry-2"}),
                                frozenset({"vote-1", "vote-2"})}
    story = result.stories.iloc[0]
    assert story["label"] and story["evidence"].startswith("average similarity")
