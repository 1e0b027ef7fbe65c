"""Word lists of English news that several extractors read: one place for each, so they cannot drift apart."""

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
