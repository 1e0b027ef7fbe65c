"""Every word list of English news the engine reads, one place for each: none is spelled out twice, and none hides in
the module that reads it."""

from __future__ import annotations

from functools import cache

# Function words: they say nothing about what a paragraph is about, so they are left out of the vocabulary that
# tells whether a paragraph shares its story's words (an inserted ad does not). Read for words of four letters or more.
FUNCTION_WORDS = frozenset([
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "but", "can", "could", "for", "from",
    "have", "her", "his", "into", "its", "more", "most", "not", "only", "other", "our", "over", "should", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "they", "this", "was", "were", "what", "when",
    "where", "which", "while", "will", "with", "would", "you", "your",
])
# The function words left out of the stems around a figure, which tell whether two figures count the same thing.
# A different list from FUNCTION_WORDS: figure reconciliation was tuned with it, and the longer list changes which
# figures group (7 of 2,679 NewsArticles stories merge), so it stays apart until that reconciliation is reworked.
FIGURE_CONTEXT_FUNCTION_WORDS = frozenset([
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "in", "is", "it", "its", "more", "no", "not", "of", "on", "or", "over", "she", "some",
    "than", "that", "the", "their", "they", "this", "to", "up", "was", "we", "were", "with", "you",
])

# Words that open a sentence or a clause, capitalised there, and are never a name: "Meanwhile, ...", "Like Trump, ...",
# "Does Tillerson ...". A capitalised run that begins with one holds the name after it, if any.
NEVER_NAMES = frozenset([
    "a", "about", "according", "after", "again", "against", "all", "also", "although", "among", "an", "and", "another",
    "any", "are", "as", "at", "because", "before", "both", "but", "by", "can", "could", "despite", "did", "do", "does",
    "during", "each", "earlier", "either", "even", "every", "for", "from", "furthermore", "given", "had", "has", "have",
    "he", "her", "here", "his", "how", "however", "i", "if", "in", "indeed", "instead", "is", "it", "its", "just",
    "later", "like", "many", "meanwhile", "moreover", "most", "much", "my", "neither", "nevertheless", "no", "nor",
    "not", "now", "of", "on", "once", "only", "or", "other", "our", "overall", "she", "should", "since", "so", "some",
    "still", "such", "than", "that", "the", "their", "then", "there", "these", "they", "this", "those", "though", "thus",
    "to", "today", "under", "unless", "until", "was", "we", "were", "what", "when", "where", "whether", "which", "while",
    "who", "why", "will", "with", "without", "would", "yesterday", "yet", "you", "your",
])

# Pronouns that stand for a person or group named elsewhere: a speaker written as one is resolved to a name, or is
# no name at all.
PERSONAL_PRONOUNS = frozenset(["i", "we", "he", "she", "it", "they", "him", "her", "them"])
# Words that point back at something rather than name it: no label for what a figure counts.
POINTING_WORDS = frozenset(["it", "we", "us", "they", "them", "these", "those"])

# Verbs a story of any subject uses for what people did and knew: no name for a topic ("went", "happened").
GENERIC_VERBS = frozenset([
    "asked", "became", "began", "believe", "believed", "came", "come", "comes", "coming", "did", "does", "doing",
    "done", "felt", "feel", "feels", "found", "gave", "get", "gets", "getting", "give", "given", "go", "goes", "going",
    "gone", "got", "happen", "happened", "happening", "happens", "keep", "kept", "know", "knew", "known", "left",
    "let", "like", "look", "looked", "made", "make", "makes", "making", "need", "needed", "put", "saw", "see", "seen",
    "seem", "seemed", "seems", "set", "stay", "stayed", "take", "taken", "takes", "taking", "think", "thought", "took",
    "tried", "try", "trying", "turned", "use", "used", "want", "wanted", "wants", "went", "work", "worked",
])
# Words that count or place rather than name: no name for a topic either ("new", "time", "number").
GENERIC_WORDS = frozenset([
    "also", "day", "days", "different", "far", "good", "great", "including", "just", "last", "later", "lot",
    "many", "new", "number", "old", "people", "place", "plus", "quite", "really", "recent", "right", "thing", "things",
    "time", "times", "usually", "way", "week", "weeks", "year", "years",
])

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# Verbs of saying, in the forms news copy uses them. Spun copies swap in
# near-synonyms ("stated", "instructed", "remarked"), which are still verbs of
# communication and so belong here.
_VERB_STEMS = (
    "say said says saying tell told tells telling add added adds adding explain explained explains "
    "remark remarked remarks recall recalled recalls state stated states note noted notes "
    "continue continued continues claim claimed claims argue argued argues insist insisted insists "
    "ask asked asks reply replied replies answer answered answers warn warned warns "
    "admit admitted admits acknowledge acknowledged acknowledges report reported reports "
    "announce announced announces declare declared declares confirm confirmed confirms "
    "deny denied denies suggest suggested suggests observe observed observes comment commented "
    "comments shout shouted shouts shouting scream screamed screams screaming yell yelled yelling "
    "whisper whispered testify testified tweet tweeted tweets post posted posts write wrote writes "
    "instruct instructed instructs urge urged urges caution cautioned concede conceded "
    "complain complained complains emphasize emphasized emphasised stress stressed stresses "
    "recount recounted describe described describes estimate estimated estimates predict predicted "
    "predicts conclude concluded concludes mention mentioned mentions assess assessed assesses "
    "indicate indicated indicates allege alleged alleges maintain maintained maintains "
    "cite cited cites quote quoted quotes reiterate reiterated echo echoed echoes counter countered "
    "respond responded responds speak spoke speaks add, recollect recollected inform informed informs "
    "quip quipped quips joke joked jokes repeat repeated repeats boast boasted boasts exclaim exclaimed exclaims "
    "muse mused muses plead pleaded pleads read reads wonder wondered wonders "
    "tweeting writing adding noting stating explaining insisting arguing claiming warning declaring"
).replace(",", "")
REPORTING_VERBS = frozenset(_VERB_STEMS.split())
# Verbs of saying that take the one told as their object: "X told Y", "X informed Y".
TELLING_VERBS = frozenset(["tell", "told", "tells", "telling", "instruct", "instructed", "instructs", "inform",
                           "informed", "informs"])


@cache
def stop_words() -> frozenset[str]:
    """Function words plus what every news story says regardless of topic: verbs of saying and the stubs that
    contractions leave ("didn" from "didn't"). Read for topics, topic labels and matching quotes."""
    # scikit-learn imported here, not at the top: importing it takes about a second, which opening a results folder
    # in the dashboard (no fitting at all) should not pay.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS | REPORTING_VERBS | {
        "didn", "don", "doesn", "wasn", "isn", "aren", "couldn", "wouldn", "shouldn", "won", "hasn", "haven",
        "according", "just", "like", "also", "including", "reportedly", "mr", "ms", "mrs"})


# Titles and roles written before a person's name: "Environment Minister Helen Okafor", "Fire chief Priya Nandakumar",
# "Dr. Keith Ahamad". The person is the name after them; the role is kept apart, as written.
_TITLE_WORDS = """
minister president premier mayor chief director secretary senator councillor councilor governor judge justice coach
captain general commissioner chairman chairwoman chair ceo dr dr. prof prof. professor sergeant sgt sgt. officer
inspector constable superintendent ambassador spokesman spokeswoman spokesperson leader manager mp mla mpp rep rep.
sen sen. gov gov. lt lt. col col. mr mr. mrs mrs. ms ms. sir dame lord lady pope bishop rev rev. reverend deputy
attorney lawyer analyst economist scientist researcher founder owner executive president-elect
cartoonist architect coordinator co-ordinator adviser advisor head activist author
chancellor speaker king queen prince princess sheikh emir cardinal archbishop rabbi imam colonel commander
secretary-general vice-president pm diplomat envoy candidate
"""
TITLES = frozenset(_TITLE_WORDS.split())
# Courtesy titles and their abbreviations, capitalised before a name ("Mr Smith", "Dr. Jane Doe"): the name after one
# is a person's.
COURTESY_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov"])

# "The man said", "the official added": a person the story does not name.
GENERIC_PERSON_NOUNS = frozenset(["man", "woman", "person", "individual", "guy", "source", "official"])
# Nouns for people that do not end like agent nouns ("officer", "resident" do).
PERSON_NOUNS = GENERIC_PERSON_NOUNS | frozenset(["boy", "girl", "victim", "mother", "father", "son", "daughter", "wife",
                                                 "husband", "friend", "expert", "colleague", "neighbour", "neighbor",
                                                 "veteran"])
# Plural nouns for people that do not end like agent nouns: the subject of "said" with no determiner ("police said",
# "In Kyiv, authorities said").
GROUPS_OF_PEOPLE = frozenset(["police", "authorities", "experts", "witnesses", "relatives", "locals", "troops", "people",
                              "staff", "officials", "diplomats", "scientists", "doctors", "lawmakers", "activists"])

# The office a title names, written between it and the name: "Secretary of State Rex Tillerson", "Minister for Foreign
# Affairs Jane Doe", "Defense Secretary Jim Mattis" (the last already a title's own word).
_OFFICE_WORD_LIST = """
of for the and state defence defense foreign affairs home interior justice exchequer homeland security commerce
treasury energy education health labor labour transport agriculture finance economy trade environment culture
"""
OFFICE_WORDS = frozenset(_OFFICE_WORD_LIST.split())

# Words that open an adverbial clause or phrase, never the subject of a verb of saying: "When told of it, he said",
# "Asked what he would do", "In a statement", "Given his record", "It's a".
NOT_SUBJECT_START = frozenset([
    "when", "while", "if", "after", "before", "asked", "given", "in", "on", "at", "according", "should", "as",
    "since", "although", "though", "because", "during", "with", "without", "for", "from", "by", "to", "of", "into",
    "upon", "once", "whether", "what", "how", "why", "where", "it's", "it’s", "unless", "until", "despite",
])

# attribution:
CONTINUE_VERBS = frozenset(["continue", "continued", "continues"])

# Before "comment" or "say", what makes it a refusal to speak or a noun: "declined to comment", "refused to say",
# "had no comment", "for comment". Only these two: "EDC declined to answer ... 'We are obliged ...,' it said" still
# names who "it" is.
REFUSABLE_VERBS = frozenset(["comment", "say"])

# attribution:
READ_VERBS = frozenset(["read", "reads"])

# attribution:
VERBS_ALSO_NOUNS = frozenset(["quotes", "posts", "states", "notes", "reports", "estimates", "claims", "comments", "counter",
                         "echoes"])

# attribution:
QUOTING_VERBS = frozenset(["quoted", "quotes", "quote", "cited", "cites", "cite"])

# quotes:
RELAYING_VERBS = frozenset(["report", "reported", "reports", "speak", "spoke", "speaks", "talk", "talked", "talks"])

# Short words a title keeps in lower case: "Face the Nation", "The Kid Who Would Be King".
TITLE_SMALL_WORDS = frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
                                "as", "but", "nor", "vs", "vs.", "v"])

# speakers:
SPEAKING_PRONOUNS = frozenset(["he", "she", "him", "her", "i", "we"])

# Leaving home in other words: a verb of leaving with "home(s)" in the sentence.
LEFT_HOME_WORDS = frozenset(["left", "leave", "leaving", "fled", "flee", "forced"])

# figures:
AROUND_QUALIFIERS = frozenset(["about", "around", "roughly", "approximately", "some", "estimated", "an estimated", "close to"])

# figures:
ABOVE_QUALIFIERS = frozenset(["more than", "over", "at least", "upwards of", "just over", "exceeding", "above", "no fewer than",
                    "greater than", "well over"])

# figures:
BELOW_QUALIFIERS = frozenset(["fewer than", "less than", "under", "below", "nearly", "almost", "just under"])

# figures:
AT_MOST_QUALIFIERS = frozenset(["up to", "at most", "as many as", "as much as", "no more than"])

# people:
THING_NOUNS = frozenset(["task", "plan", "issue", "problem", "move", "deal", "idea", "question", "goal", "aim", "thing",
                     "way", "step", "point", "fact", "case", "law", "bill", "rule", "order", "ban", "attack", "war",
                     "crisis", "vote", "event", "day", "year", "time", "system", "process", "project", "work"])

# noun_phrases:
DOCUMENT_NOUNS = frozenset(["statement", "letter", "release", "post", "tweet", "note", "message", "notice", "sign", "email",
                        "report", "memo", "caption", "headline", "text", "order", "ruling", "decision", "document",
                        "study", "survey", "paper", "analysis", "poll", "website", "filing", "assessment", "review"])

# Verbs a headline runs into a name ("Speech-Watchers Say Trump"); not those that are nouns too ("State", "report").
HEADLINE_VERBS = frozenset(["say", "says", "said", "tell", "tells", "told", "warn", "warns", "warned", "urge", "urges",
                             "slam", "slams", "vow", "vows", "insist", "insists", "admit", "admits", "deny", "denies"])

# noun_phrases:
NAME_CONNECTORS = frozenset(["of", "for", "the", "and", "de", "von", "van", "der", "den", "al", "bin", "ibn", "la",
                              "le", "du", "del", "da", "dos", "di", "on", "&"])

# The head of a description of someone is a noun; these end a phrase cut short ("the attack in", "a soldier by").
NOT_A_HEAD = frozenset(["in", "on", "at", "of", "by", "for", "to", "from", "with", "as", "and", "or", "but", "that",
                         "which", "who", "said", "says", "told", "will", "would", "was", "were", "is", "are", "has",
                         "had", "have", "been", "be", "not", "also", "when", "where", "while", "after", "before",
                         "into", "than", "then", "there", "this", "these", "those", "what", "it", "its"])

# noun_phrases:
AFFILIATION_WORDS = frozenset(["of", "for", "from", "at", "with", "in"])

# noun_phrases:
ARTICLES = frozenset(["the", "a", "an", "this", "that", "these", "those"])

# noun_phrases:
AUXILIARIES = frozenset(["was", "were", "is", "are", "has", "have", "had", "be", "been", "will", "would", "said", "says",
                          "did", "does", "do", "can", "could"])
