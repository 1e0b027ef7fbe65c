import pytest

from analysis.attribution import find_attributions
from analysis.extract import analyze_document
from analysis.noun_phrases import speaker_phrase
from analysis.quotes import extract_quotes
from analysis.segment import segment


def quotes(text):
    return extract_quotes(text, segment(text))


def test_curly_and_straight_quotes_with_trailing_and_inverted_attribution():
    text = (
        "The mayor spoke on Monday.\n\n"
        "“We will rebuild the bridge,” Jane Roe told reporters.\n\n"
        "\"It will take a year,\" said the engineer.\n"
    )
    qs = quotes(text)
    assert [q.text for q in qs] == ["We will rebuild the bridge,", "It will take a year,"]
    assert qs[0].speaker == "Jane Roe" and qs[1].speaker == "the engineer"
    for q in qs:
        assert text[q.start : q.end] == q.text


def test_pronoun_resolves_to_last_named_person_and_surname_to_full_name():
    text = (
        "Valeria Costa, a union leader, said the strike would continue.\n\n"
        "“We are not going back,” she told the BBC.\n\n"
        "“Not this week,” Costa added.\n"
    )
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Valeria Costa", "Valeria Costa"]


def test_it_resolves_to_organisation_and_follow_on_quote_inherits():
    text = (
        "“Prices are rising fast,” the Central Bank says. “Inflation will stay high.”\n\n"
        "“Rates must go up,” it continues.\n"
    )
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["the Central Bank"] * 3
    assert qs[1].how == "follow-on"


def test_leading_colon_attribution_beats_the_narrator_after_the_quote():
    text = "As they arrived, a man with a stick ran out and began shouting: “Go home!” the officer recalled.\n"
    (q,) = quotes(text)
    assert q.text == "Go home!" and q.speaker == "a man with a stick"


def test_partial_quote_inside_the_writers_sentence():
    text = "The agency said morale was “exceedingly low” among the troops.\n"
    (q,) = quotes(text)
    assert q.text == "exceedingly low" and q.partial and q.speaker == "the agency"


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "“He shouted ‘run’ and we ran,” the witness said.\n"
    (q,) = quotes(text)
    assert q.text == "He shouted ‘run’ and we ran,"


def test_apostrophes_and_inch_marks_are_not_quote_marks():
    text = "The soldiers’ mothers didn’t know. He is 6'2\" tall and owns a 12\" record from the '90s.\n"
    assert quotes(text) == []


def test_unbalanced_mark_does_not_swallow_the_article():
    text = "He said “we are leaving and never closed it.\n\nThe next paragraph is plain narration.\n\n“Yes,” she said.\n"
    qs = quotes(text)
    assert [q.text for q in qs] == ["Yes,"]


def test_quote_running_over_paragraphs_with_repeated_opening_mark():
    text = (
        "The minister spoke at length.\n\n"
        "“The first thing is money. We have none.\n\n"
        "“The second thing is time,” the minister said.\n"
    )
    qs = quotes(text)
    assert [q.text for q in qs] == ["The first thing is money. We have none.", "The second thing is time,"]
    assert qs[0].speaker == qs[1].speaker == "the minister"


def test_according_to_names_the_organisation_inside_the_phrase():
    text = "Morale is “very poor,” according to a report from the Institute for Peace Studies (IPS).\n"
    (q,) = quotes(text)
    assert q.speaker == "Institute for Peace Studies (IPS)"


def test_another_borrows_the_noun_of_the_previous_speaker():
    text = "One nurse wrote that she was “exhausted.” Another wrote she was “completely burned out,” the paper reported.\n"
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["one nurse", "another nurse"]


def test_quotes_in_page_furniture_are_ignored():
    text = (
        "Police said the road was closed.\n"
        "Officers are pictured at the scene “after the crash” on Monday. JANE DOE/AFP/Getty Images\n"
    )
    assert quotes(text) == []


def test_markup_before_a_name_is_not_part_of_the_speaker():
    text = '<img src=x onerror="x"> Officials said 12 roads closed. "We will not stop," Mayor Ann Lee said.'
    result = analyze_document(text)
    assert [f[8] for f in result.figures] == ["Officials"]  # was "> Officials"
    # The speaker is the person; the role stays in the phrase as written.
    assert [(q[3], q[4]) for q in result.quotes if "stop" in q[2]] == [("Ann Lee", "Mayor Ann Lee")]


def test_titles_and_scare_quotes_are_phrases_not_quotes():
    text = ("Scam emails rise\n\n"
            "The emails are part of what police call a \u201csextortion\u201d scheme, in which senders claim to hold "
            "webcam videos.\n\n"
            "\u201cThis game is all about getting a certain percentage of people to respond,\u201d said Kevin Haley, "
            "a director at the security firm.\n\n"
            "Haley discussed the scam on CBS\u2019 \u201cFace the Nation.\u201d The firm expressed \u201cdeep "
            "concern\u201d over the wave of messages.\n")
    result = analyze_document(text)
    assert [(p.text, p.kind) for p in result.phrases] == [("sextortion", "scare quote"), ("Face the Nation.", "title")]
    # A statement, and words someone is said to have used ("expressed"), stay quotes.
    assert [q.text for q in result.quotes] == [
        "This game is all about getting a certain percentage of people to respond,", "deep concern"]
    assert result.quotes[0].speaker == "Kevin Haley"


def test_a_word_in_quote_marks_inside_a_noun_phrase_is_a_scare_quote_and_per_cent_names_no_source():
    text = ("Report on blockade\n\n"
            "Police said they moved officers in because of the \u2018unpredictable\u2019 nature of the protest, "
            "the force said in a statement.\n\n"
            "The \u201cpreviously approved\u201d debt is only about 60 per cent of the mayor\u2019s claim.\n")
    result = analyze_document(text)
    assert [(p.text, p.kind) for p in result.phrases] == [("unpredictable", "scare quote"),
                                                          ("previously approved", "scare quote")]
    assert result.quotes == []
    # "per cent" is a rate: "the mayor's claim" is no one's source here.
    assert "cent of the mayor\u2019s claim" not in {s.name for s in result.sources}


def test_less_common_verbs_of_saying_and_a_noun_like_verb_after_a_quote_attribute_it():
    text = ("Caddie finds new bag\n\n"
            "\u201cIt didn\u2019t take me long to get a job,\u201d quipped Damon Green, who lives nearby.\n\n"
            "\u201cI\u2019m a comic book creator myself,\u201d notes Alfonso Espinos, who began as a teenager.\n\n"
            "\u201cHe is gone,\u201d the father repeated into his phone.\n\n"
            "\u201cMost places will not print anything less than 1,000 copies,\u201d says Campbell\u2019s partner, Jason "
            "Louth.\n")
    result = analyze_document(text)
    assert [q.speaker for q in result.quotes] == ["Damon Green", "Alfonso Espinos", "the father", "Jason Louth"]


def test_he_says_goes_to_the_person_last_introduced_not_the_last_one_quoted():
    text = ("“The program changed how I eat,” said Doug Perry, a retired teacher.\n\n"
            "Walking also helped Brampton accountant Kwame Osei, 50. “I had a gym membership, but this program "
            "really helped me build a habit,” he says.\n\n"
            "Mark Ellery, who coaches the group, joined in 2015. Perry later left the group.\n\n"
            "When asked what mattered most, Ellery didn’t hesitate. “It’s the people,” he said.\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Doug Perry", "Kwame Osei", "Mark Ellery"]


def test_a_quote_after_reported_speech_is_the_reporters_and_a_long_apposition_keeps_its_name():
    text = ("Lena Ortiz, a mechanic based in Kansas City, Mo., and an organizer at a rail union, said cold weather "
            "takes a toll on trains.\n\n"
            "\"Things break that normally don't. Steel just becomes brittle.\"\n\n"
            "Ortiz said she suspects a mechanical fault. \"It only takes a slight touch of momentum.\"\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Lena Ortiz", "Lena Ortiz"]
    assert [q.how for q in qs] == ["follow-on", "follow-on"]


def test_continue_to_is_not_saying_and_the_role_names_the_person_who_holds_it():
    text = ("Foreign Affairs Minister Anita Rao says the country has asked for clemency.\n\n"
            "Analysts say the threat will likely continue to grow. “This is about a human being,” the minister "
            "said.\n\n"
            "According to Tom Haley, the scam will continue to evolve. “This game is all about getting people to "
            "respond,” he said.\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Anita Rao", "Tom Haley"]


def test_a_bracketed_photo_credit_makes_a_caption_whose_names_take_no_pronoun():
    text = ("The porters changed the country, Foster writes, after Cecil Foster spent years on the research.\n\n"
            "Ben Lane, a retired porter, looks at a display of photos in Montreal. ( THE CANADIAN PRESS FILE PHOTO )\n\n"
            "“These guys were smart enough to go to Ottawa,” he says.\n")
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs] == ["body", "caption", "body"]
    (q,) = extract_quotes(text, seg)
    assert q.speaker == "Cecil Foster"


def test_words_someone_is_said_to_have_used_and_a_colon_introduction_name_their_speaker():
    text = ("To head off Musk’s “production hell” on the new model, the plant runs two shifts.\n\n"
            "The State Department called for their release on Dec. 21 and expressed “deep concern” over the arrests.\n\n"
            "Crown prosecutor Michael Pilon called the conclusion “bold” in court.\n\n"
            "Dave Martell, the addictions doctor on the coast, is more blunt: \"With this new monitoring, I think "
            "they're going to uncover things that are horrifying.\"\n\n"
            "The arrest was described as “basically kidnapping” in state media.\n\n"
            "Martell has worked in addiction medicine since 2005.\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Musk", "The State Department", "Michael Pilon", "Dave Martell", ""]
    assert [q.how for q in qs] == ["called", "called", "called", "introduced", "unattributed"]


def test_she_skips_a_group_and_a_description_of_a_named_person_is_that_person():
    text = ("Nadia Jamil, who runs the shelter program, says many users prefer it. Some residents disagree.\n\n"
            "\"We need to remember that the homeless community is not all alike,\" she added.\n\n"
            "Schuh is aware of the risk, and Guenther Schuh has seen carmakers fail.\n\n"
            "“I don’t know any carmaker that makes money here,” the lanky, bespectacled professor said.\n\n"
            "Alfonso Espinos opened the store in 2018. “We dedicate ourselves to local creators,” says the "
            "39-year-old founder of the press.\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Nadia Jamil", "Guenther Schuh", "Alfonso Espinos"]


def test_a_statement_that_reads_and_a_friend_who_wondered_are_attributions():
    text = ("On Saturday, Environment Minister Shannon Phillips announced that the sessions were cancelled.\n\n"
            "“I have heard stories of people afraid to attend community events,” her statement read.\n\n"
            "At a barbecue, a friend wondered loudly, “Hey, do you ever shave anymore?”\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Shannon Phillips", "a friend"]


def test_a_title_opening_a_sentence_and_a_word_as_a_word_are_phrases():
    text = ("Film review\n\n"
            "\u201cThe Kid Who Would Be King\u201d reclaims the fantasy genre for actual kids of today.\n\n"
            "A report predicts \"renovictions\" will rise. A \"renoviction\" is when a landlord evicts a tenant to "
            "renovate.\n\n"
            "Porters were called \u201cGeorge\u2019s boys\u201d \u2014 or, simply, \u201cGeorge.\u201d Both terms refer "
            "to an industrialist.\n\n"
            "\u201cNo.\u201d she said, and left.\n")
    result = analyze_document(text)
    assert [(p.text, p.kind) for p in result.phrases] == [
        ("The Kid Who Would Be King", "title"), ("renoviction", "scare quote"), ("George\u2019s boys", "scare quote"),
        ("George.", "scare quote")]
    # After a verb of saying a word is still quoted ('predicts "renovictions"'), and a short reply is a quote.
    # Nobody is named before "she": a pronoun is no speaker.
    assert [(q.text, q.speaker) for q in result.quotes] == [("renovictions", "a report"), ("No.", "")]


def test_he_never_points_to_a_thing_or_a_crowd_that_opens_a_sentence():
    text = ("Police chief Tom Reyes visited the site on Monday.\n\n"
            "The attack was condemned around the world. Many Chinese students left the city.\n\n"
            "“We will find the people who did this,” he said.\n")
    (q,) = quotes(text)
    assert q.speaker == "Tom Reyes"


def test_a_name_after_the_verb_and_before_the_quote_is_the_speaker():
    text = ("Rather than the current layout, in which members sit facing each other behind long rows of desks, asks "
            "Policy Options editor Jennifer Dane, \u201chas anyone ever considered whether other designs might work "
            "better?\u201d\n")
    (q,) = quotes(text)
    assert (q.speaker, q.speaker_as_written, q.how) == ("Jennifer Dane", "Policy Options editor Jennifer Dane", "leading")


def test_a_verb_of_saying_after_a_determiner_is_a_noun():
    text = ("\u201cThe tax rate was less than four percent,\u201d Mr Johnston wrote in a post on his site. \u201cHowever, "
            "the Trumps paid an additional $5 million.\u201d\n\n"
            "\u201cThat is a lot of money,\u201d said Ann Lee, who read the report that said so.\n")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Johnston", "Johnston", "Ann Lee"]  # a title is no part of the name


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [("- He", ""), ("?Beshear", "Beshear"), ("Ernesto Abella. From", "Ernesto Abella"), ("level", ""), ("she", ""),
     ("Meanwhile", ""), ("Like Trump", "Trump"), ("Wednesday Suncor", "Suncor"), ("Dec", ""),
     ("President Trump today", "Trump"), ("Prime Minister-Theresa May", "Theresa May"), ("He's", ""), ("You", ""),
     ("2017 He", ""), ("Attorney General Jeff Sessions", "Jeff Sessions"), ("the 29-year-old", "the 29-year-old")],
)
def test_a_speaker_is_a_name_or_a_description_never_a_pronoun_fragment_or_title(phrase, speaker):
    # Phrases the NewsArticles corpus put before a verb of saying; a title is the role, not part of the name.
    assert speaker_phrase(phrase) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # Whoever is spoken to never speaks; what stands between the commas does.
        ("Speaking to Al Jazeera, Amnesty International's regional director Michelle Kagari, said the ruling was "
         "historic.", "Michelle Kagari"),
        ("Speaking to Al Jazeera, a senior security official who asked not to be named, said the talks had failed.",
         "a senior security official"),
        # A description, then the name it describes.
        ("The country's top prosecutor, Hilda Morales, told reporters she would ask for the shelter to close.",
         "Hilda Morales"),
        ("Jane Doe, a union leader, said the strike would continue.", "Jane Doe"),
        # An owner and what it owns: the outlet's reporter, not the outlet.
        ("Police reached the village on Wednesday, Al Jazeera's correspondent said.", "Al Jazeera's correspondent"),
    ],
)
def test_the_subject_of_a_verb_of_saying_is_who_speaks(sentence, speaker):
    first = find_attributions(sentence, 0, len(sentence))[0]
    assert first.verb in ("said", "told") and speaker_phrase(first.speaker) == speaker


def test_the_outlet_that_obtained_a_memo_is_not_its_author():
    text = ('"The department does not conduct civil immigration enforcement," the commissioner wrote in the memo '
            "obtained by ABC News.\n")
    (q,) = quotes(text)
    assert q.speaker == "the commissioner"


def test_a_document_named_by_its_author_is_not_a_person_described():
    # "assessment" ends like "resident" but names a text: the quote is the institute's, not the person named before.
    text = ('"We will appeal," according to a statement from Jane Doe.\n\n'
            '"The offensive has stalled," according to the ISW assessment.\n\n'
            'The tribe argues that the pipeline "will desecrate the waters," according to court documents obtained by '
            "ABC News.\n")
    assert [q.speaker for q in quotes(text)] == ["Jane Doe", "ISW", "the tribe"]


def test_he_after_speaking_to_an_outlet_is_the_person_not_the_outlet():
    # The outlet is a speaker elsewhere in the story ("could not confirm") and named alone in its sign-off, so its
    # name is followed as a person's; the one spoken to is the listener (as scraped from a real page).
    text = ("Al Jazeera could not independently confirm the reported assault.\n\n"
            'Haid Haid, an associate fellow at Chatham House, says the prospects are lacking due to "no common ground '
            'between Turkey, Russia and Iran". Speaking to Al Jazeera, he said: "In order to implement the ceasefire, they '
            'have to punish those who violate ceasefires." Source:-Al Jazeera and news agencies\n')
    assert [q.speaker for q in quotes(text)] == ["Haid Haid", "Haid Haid"]


def test_an_agency_quoting_someone_as_saying_relays_their_words():
    text = ('"I\'m abandoning my rifle for a broom," the AFP news agency quoted FARC member Maritza Gonzalez as saying '
            "at the camp.\n")
    (q,) = quotes(text)
    assert q.speaker == "Maritza Gonzalez"


def test_speaker_scores_are_the_fitted_model_on_its_features(monkeypatch):
    # The speaker choice sums the model's weights without building feature rows; it must score exactly what the
    # model was fitted on (bench/fit_speakers.py reads ``features``).
    import json
    from importlib import resources
    from pathlib import Path

    import numpy as np

    import analysis.quotes
    from analysis.speakers import candidate_scores, choose, features

    model = json.loads(resources.files("analysis.models").joinpath("speakers.json").read_text(encoding="utf-8"))
    scored = []

    def checked_choose(cands, ctx, recent):
        if cands:
            expected = features(cands, ctx, recent) @ np.asarray(model["coef"]) + model["intercept"]
            scored.append(np.allclose(candidate_scores(cands, ctx, recent), expected))
        return choose(cands, ctx, recent)

    monkeypatch.setattr(analysis.quotes, "choose", checked_choose)
    for path in sorted(Path("seeds").glob("*.txt")):
        quotes(path.read_text(encoding="utf-8"))
    assert len(scored) > 50 and all(scored)


def test_an_outlet_that_reports_passes_on_others_words():
    # "..., NBC News reported." relays the news; the quote after it is not the outlet's own statement.
    text = ("A teenager crashed a car into the fence of the resort on Friday, the Palm Beach Post reported. He was "
            "given a traffic ticket.\n\n"
            "“I did not see the gate at all and I am sorry for the trouble it caused everyone here.”\n")
    assert [q.speaker for q in quotes(text)] == [""]
    # An organisation that says something still speaks: "the ministry said. '...'" keeps the ministry.
    text = ("The border will stay closed until further notice, the Interior Ministry said on Friday.\n\n"
            "“We will review the decision every week and inform travellers as soon as it changes.”\n")
    assert [q.speaker for q in quotes(text)] == ["the Interior Ministry"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Cui Yanbing, 24, lost her job in May.\n\n“I have nothing left,” the 24-year-old said.", "Cui Yanbing"),
        ("Vladimir Yevseyev, an expert at the CIS Countries Institute, spoke on Monday.\n\n“The risk is low,” the expert "
         "said.", "Vladimir Yevseyev"),
        ("Liu Wenxian, a cardiologist at Anzhen Hospital, sees more cases.\n\n“It has worsened,” the cardiologist said.",
         "Liu Wenxian"),
    ],
)
def test_a_description_given_in_apposition_names_the_speaker(text, speaker):
    from analysis.extract import analyze_document

    assert [q.speaker for q in analyze_document(text).quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "The German-Italian co-production “Mountain Miracle - An Unexpected Friendship” tells the story of a girl.",
        "“Candle” (1982) is on display at the museum.",
        "Writer Christine Ferraro told “60 Minutes” she was keen for Julia to become a major character.",
        "Trump said in an interview on “Fox & Friends” that aired this morning that he would act.",
    ],
)
def test_titles_with_a_dash_a_number_or_a_year_are_no_quotes(text):
    from analysis.extract import analyze_document

    result = analyze_document(text)
    assert not result.quotes and [p.kind for p in result.phrases] == ["title"]
