"""Stories across documents: weighted evidence and average linkage, on short reports written as news is."""

from analysis import analyze, load_corpus
from analysis.compare import group_values, name_terms
from analysis.corpus import Corpus, document_from_text

from .conftest import DATA


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
    # The same words, but two of them only say something ("close", "family"): a stock phrase, matched to nothing.
    assert result.quotes["cluster"].nunique() == 2
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


_SOURCE = (
    "Fire crews battle blaze at Kelbridge recycling plant\n\n"
    "{date}"
    "More than 80 firefighters were sent to a large fire at the Norcott recycling plant on Harbour Road in Kelbridge "
    "early on Tuesday morning.\n\n"
    "Plumes of thick black smoke could be seen across the city, and residents living near the plant were told to keep "
    "their windows and doors closed.\n\n"
    "Halden County Fire Service said the blaze started in a storage shed holding shredded plastic and spread quickly to "
    "the main building.\n\n"
    "Harbour Road was closed between the ring road and the docks while crews pumped water from the river.\n\n"
    "Nobody was injured and the cause of the fire is being investigated, the fire service added.\n"
)
_REVISION = (
    "Huge fire at Kelbridge recycling plant\n\n"
    "{date}"
    "Dozens of firefighters tackled a large fire at the Norcott recycling plant on Harbour Road in Kelbridge on "
    "Tuesday.\n\n"
    "Thick black smoke could be seen across the city and people living near the plant were told to keep windows and "
    "doors closed.\n\n"
    "The fire service said the blaze began in a storage shed holding shredded plastic before it spread to the main "
    "building.\n\n"
    "Police closed Harbour Road while crews pumped water from the river. No injuries were reported.\n"
)


def test_a_revised_copy_without_quotes_is_found_and_dates_say_which_came_first():
    docs = [document_from_text("later", _REVISION.format(date="15 March 2026\n\n")),
            document_from_text("earlier", _SOURCE.format(date="14 March 2026\n\n"))]
    result = analyze(Corpus(docs))
    assert result.quotes.empty
    copy = result.copies.iloc[0]
    assert (len(result.copies), copy["doc"], copy["source"], copy["kind"]) == (1, "later", "earlier", "rewrite")
    assert "wording of one found in the other" in copy["evidence"]
    # Dated the other way round, the other one is the copy.
    docs = [document_from_text("later", _REVISION.format(date="13 March 2026\n\n")),
            document_from_text("earlier", _SOURCE.format(date="14 March 2026\n\n"))]
    copy = analyze(Corpus(docs)).copies.iloc[0]
    assert (copy["doc"], copy["source"]) == ("earlier", "later")


def test_without_dates_the_copy_is_the_document_whose_wording_the_other_contains():
    # The revision cuts and rewords: most of its runs of words are in the source, not the other way round.
    result = analyze(Corpus([document_from_text("source", _SOURCE.format(date="")),
                             document_from_text("revision", _REVISION.format(date=""))]))
    copy = result.copies.iloc[0]
    assert (copy["doc"], copy["source"], copy["kind"]) == ("revision", "source", "rewrite")


def test_templated_reports_of_different_events_are_no_copies():
    # Police appeals from one template, as a news site runs several a week: the wording is shared, the people, places
    # and details are not.
    appeal = ("Appeal for missing {who}\n\n{name}, aged {age}, was last seen in {town} on {day} evening. {He} is "
              "described as being {height} in height, of {build} build, with {hair} hair and {eyes} eyes. When last seen "
              "{he} was wearing {clothes}. Anyone with information on {his} whereabouts is asked to contact {station} "
              "Garda Station or the Garda Confidential Line.\n")
    man, woman = {"who": "man", "He": "He", "he": "he", "his": "his"}, {"who": "woman", "He": "She", "he": "she", "his": "her"}
    people = [
        dict(man, name="Declan Furlong", age=34, town="Gorey", day="Sunday", height="5 feet 10 inches", build="slim",
             hair="short brown", eyes="blue", clothes="a black jacket, blue jeans and white runners", station="Gorey"),
        dict(man, name="Tomasz Wolak", age=19, town="Enfield", day="Friday", height="6 feet", build="a medium",
             hair="fair", eyes="green", clothes="a grey hoodie and black tracksuit bottoms", station="Trim"),
        dict(woman, name="Aoife Brennan", age=52, town="Tramore", day="Tuesday", height="5 feet 4 inches",
             build="a stocky", hair="shoulder-length grey", eyes="brown", clothes="a red raincoat and dark trousers",
             station="Tramore"),
        dict(woman, name="Niamh Quirke", age=16, town="Ballina", day="Thursday", height="5 feet 6 inches",
             build="a thin", hair="long black", eyes="hazel", clothes="a school uniform and a navy coat",
             station="Ballina"),
    ]
    result = analyze(Corpus([document_from_text(f"appeal-{k}", appeal.format(**p)) for k, p in enumerate(people)]))
    assert result.copies.empty
    # Their sentences line up: without the names test, three of them read as synonym-spun copies.
    assert (result.similarity["aligned"] >= 0.5).all()


def test_three_flood_reports_are_one_story_whose_figures_disagree_in_other_words():
    # Three local reports of one flood, in their own words (tests/data/flood).
    result = analyze(load_corpus(DATA / "flood"))
    assert len(result.stories) == 1 and len(result.stories.iloc[0]["docs"]) == 3
    groups = {g.label: g for g in result.figure_groups.itertuples()}
    # People evacuated and residents who left their homes: one tally, and "more than 1,200" is not "around 1,500".
    evacuated = next(g for g in groups.values() if "around 1,500" in g.values)
    assert set(evacuated.values) == {"more than 1,200", "1,200", "around 1,500"} and evacuated.disagree
    assert evacuated.why == "both count people forced from their homes"
    # Homes and properties flooded: "about 350" is not 400.
    flooded = next(g for g in groups.values() if "400" in g.values)
    assert set(flooded.values) == {"about 350", "400"} and flooded.disagree
    # £4.5 million, £4.5m and four and a half million pounds: one amount, no disagreement.
    cost = next(g for g in groups.values() if "4,500,000" in g.values)
    assert cost.values == ["4,500,000"] and not cost.disagree and len(cost.docs) == 3


def test_qualified_figures_disagree_only_when_no_amount_fits_them_all():
    assert group_values([350, 400], [None, None], ["about", ""]) == (["400", "about 350"], True)
    assert group_values([350, 360], [None, None], ["about", ""])[1] is False
    assert group_values([1200, 1500], [None, None], ["more than", "around"])[1] is True
    assert group_values([1200, 1250], [None, None], ["more than", ""])[1] is False
    assert group_values([400, 380], [None, None], ["up to", ""])[1] is False
    assert group_values([60, 65], [70, None], ["", ""])[1] is False


def test_short_briefs_of_one_earthquake_group_and_never_with_another_earthquake():
    # Two earthquakes told in 25-35 word briefs: the same kind of event, different names and numbers.
    briefs = {
        "chile-1": "Earthquake shakes Chilean coast\n\nA magnitude 6.1 earthquake struck off the coast of Valparaiso, "
                   "Chile, on Tuesday, the US Geological Survey said. There were no immediate reports of damage or "
                   "injuries.\n",
        "chile-2": "Quake hits near Valparaiso\n\nA strong earthquake shook Valparaiso and Santiago on Tuesday morning. "
                   "Chile's emergency office said there was no tsunami threat and no damage was reported.\n",
        "chile-3": "Chile quake\n\nThe USGS said the 6.1-magnitude quake was centred 40 km west of Valparaiso. Buildings "
                   "swayed in Santiago but Chilean officials reported no damage.\n",
        "japan-1": "Earthquake jolts northern Japan\n\nA magnitude 5.8 earthquake struck off Fukushima, Japan, on "
                   "Saturday, the Japan Meteorological Agency said. No tsunami warning was issued and there were no "
                   "reports of damage.\n",
        "japan-2": "Quake rattles Fukushima\n\nA strong earthquake shook Fukushima and Tokyo on Saturday. Tokyo Electric "
                   "Power said there were no abnormalities at its nuclear plants.\n",
        "japan-3": "Japan quake\n\nThe Japan Meteorological Agency said the 5.8-magnitude quake was centred off the "
                   "Fukushima coast. Trains in Tokyo were briefly halted.\n",
    }
    result = analyze(Corpus([document_from_text(k, v) for k, v in briefs.items()]))
    stories = _stories(result)
    assert frozenset({"chile-1", "chile-2", "chile-3"}) in stories
    assert all(len({d.split("-")[0] for d in story}) == 1 for story in stories)


_INTERVIEW_QUOTES = (
    "\u201cThe water came up through the floor in minutes and we carried the children upstairs,\u201d {cue}.",
    "\u201cNobody from the council has knocked on our door since the river burst its banks,\u201d she said.",
    "\u201cWe have lived on this street for thirty years and never seen anything like it,\u201d she added.",
    "\u201cThe insurance company says the policy does not cover groundwater, which makes no sense to us,\u201d she said.",
)


def _retelling(doc_id: str, outlet: str, opening: str, cue: str):
    return document_from_text(doc_id, "\n\n".join([opening, *(q.format(cue=cue) for q in _INTERVIEW_QUOTES)]) + "\n",
                              meta={"outlet": outlet})


def test_two_outlets_retelling_one_interview_given_to_a_third_are_siblings():
    # Each outlet writes its own sentences around the quotes a flooded resident gave the Halden Gazette: neither took
    # the other's wording, both retell the Gazette's interview.
    docs = [
        _retelling("a", "Wexmoor Echo", "A grandmother whose home in Tarrowby was flooded last week has criticised the "
                   "council's response in an interview with the Halden Gazette.",
                   "Mary Osei told the Halden Gazette"),
        _retelling("b", "Ashcombe Post", "Flood victim Mary Osei, 64, spoke to the Halden Gazette about the night the "
                   "Tarrow burst its banks and the weeks of waiting that followed.",
                   "Osei, 64, told the Halden Gazette"),
    ]
    copies = analyze(Corpus(docs)).copies
    assert copies[["kind", "basis"]].values.tolist() == [["rewrite", "interview"]]
    assert "given to Halden Gazette" in copies.iloc[0]["evidence"]
    assert len(copies.iloc[0]["sentences"]) == 4  # the evidence: each shared quote's sentence in both


def test_the_same_quotes_without_a_named_interviewer_or_told_to_a_person_are_no_copy():
    # Quotes from a public statement (no interviewer) or said to a person are one story's, never a retelling.
    for cue in ("Mary Osei said at a public meeting", "Mary Osei told her neighbour Tom Reed"):
        docs = [_retelling("a", "Wexmoor Echo", "A grandmother whose home in Tarrowby was flooded last week has "
                           "criticised the council's response at a packed public meeting.", cue),
                _retelling("b", "Ashcombe Post", "Flood victim Mary Osei, 64, described the night the Tarrow burst its "
                           "banks and the weeks of waiting that followed.", cue)]
        result = analyze(Corpus(docs))
        assert result.copies.empty, cue
        assert set(result.similarity["relation"]) == {"same story"}, cue
