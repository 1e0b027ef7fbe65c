"""The decisions' thresholds, each with why it sits where it does.

Every number here decides what a reader is told: that two quotes are the
same, two figures count the same thing, or one article copies another. They
describe English news in general; none was fitted to the bundled seeds.
Sizes that only bound cost or memory stay with the code they bound.
"""

# --- what quoted words are, within a document ----------------------------------------------------------------------

# A quote of fewer words than this is a fragment of a sentence ('called the plan "a disaster"'), shown as partial. Set
# by hand when partial quotes were introduced: three words are a phrase, four begin to be a statement.
PARTIAL_QUOTE_WORDS = 4
# Quoted words in Title Case inside a sentence, this many words long, are the title of a work or show ('"The Kid Who
# Would Be King" reclaims ...'). Set by hand: one capitalised word is a name or a scare quote, and titles run to about
# ten words; longer Title Case runs are headlines quoted whole.
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 10
# No one is quoted saying so few words without a verb of saying. GGT dev (recall / precision / speakers): 1 word
# 0.978 / 0.946 / 0.921, 2 words 0.975 / 0.948 / 0.924, 3 words 0.970 / 0.950 / 0.926; 3 takes recall to its floor.
WORD_AS_WORD = 2
# An unattributed phrase this short, inside a sentence and not ending one, is the writer's own in quote marks.
SCARE_QUOTE_WORDS = 4
# "according to X": a phrase after "according to" longer than this many words is a clause that ran on, not a source.
# Set by hand: the longest sources news names this way ("a new report from the Institute for the Study of War (ISW)")
# are about ten words.
ACCORDING_MAX_WORDS = 12

# --- what a number is -----------------------------------------------------------------------------------------------

# A whole number at most this, next to a person ("Jane Doe, 34,"), is an age, not a figure: no one is older.
MAX_AGE = 120
# Four digits in this span, without a comma, are a year ("in 1989", "between 2012 and 2015"); "1,800" is a count.
YEARS = (1800, 2100)

# --- quotes matched across documents ------------------------------------------------------------------------------

# A quote of fewer words ("no", "a disaster") is a phrase anybody may say: it is matched to nothing.
MIN_QUOTE_WORDS = 3
# Nor is one of fewer words that are not stop words: "as soon as possible", "I don't think so", "all options were on
# the table" (8 of 40 "speaker changed" claims an editor read on NewsArticles were such stock phrases).
QUOTE_MIN_CONTENT_WORDS = 3
# A quote set against itself under two speakers needs more: words enough to be one statement, not a phrase two
# people share (of 70 "speaker changed" claims an editor read on NewsArticles, none held; shorter quotes were most of
# the stock phrases among them).
SPEAKER_CHANGE_MIN_CONTENT_WORDS = 6
# Candidates keep a fifth of the shorter quote's word trigrams: a quote carried over keeps most of them.
QUOTE_MIN_SHARED_TRIGRAMS = 0.2
# rapidfuzz's ratio (0-100) at which two quotes are the same words, lightly edited (about one word in five).
QUOTE_MATCH_RATIO = 80
# partial_ratio at which the shorter quote is the longer one cut short, with a word or two changed.
QUOTE_MATCH_PARTIAL = 92

# --- figures about the same thing -----------------------------------------------------------------------------------

# A stem around more figures than this ("people", "year") does not by itself make two of them candidates.
FIGURE_MAX_DF = 50
# Figures in sentences sharing this much vocabulary (Jaccard of stems) count the same thing, if their subjects agree.
FIGURE_SAME_CONTEXT = 0.3
# The same value in sentences sharing this much vocabulary is the same figure, whatever the subjects.
FIGURE_SAME_VALUE_CONTEXT = 0.2
# Below this, no rule links two figures: their sentences are about different things.
FIGURE_MIN_CONTEXT = 0.1
# Figures whose subjects say nothing (a bare "3 in the capital") are one quantity only with this much wording in
# common: half their sentences' vocabulary.
FIGURE_UNSAID_CONTEXT = 0.5
# Two documents' figures disagree only when published at most this many days apart: a toll, a price or a count
# reported a week later is another day's (of 38 false disagreements an editor read on NewsArticles, 4 were the
# same measure on other days).
FIGURE_SAME_TIME_DAYS = 2
# Nor when one value is more than this many times the other: a country's count and a region's, a part and its whole
# (on NewsArticles, 2.9 million in Somalia against 20 million in four countries, 3,500 of 30,000 evacuated). Real
# disagreements read there were 2 against 8, 11 against 12, 22,000 against 29,000.
FIGURE_MAX_RATIO = 5

# --- topics -----------------------------------------------------------------------------------------------------------

# Groups of passages whose centres (less the corpus mean) lie closer than this cosine distance are one topic. Chosen
# on ECB+'s development half (21 topics, 496 articles) from 0.7 to 1.0: 0.7 and 0.8 gave the documents' main topics
# an NMI of 0.946 and 0.942 with the annotated topics (24 and 20 topics), 0.9 0.914, 1.0 0.786. On a corpus labelled
# by its editors' sections (ABC News in NewsArticles, 8 sections) 0.8 gave the best NMI (0.343), above plain TF-IDF
# and k-means told the number of sections (0.242); on all of NewsArticles, 26 topics, the largest 14% of passages.
MERGE_DISTANCE = 0.8
# A passage is read with its document at this weight beside itself: one story's paragraphs share its subject. The
# weight grows with the corpus up to DOC_WEIGHT_FULL_AT documents: in a few articles about one story, the topics are
# what their paragraphs discuss (on the seeds, the officer who quit, the soldiers' letters, the ISW's assessment); in
# hundreds, each story is a topic candidate (ECB+: NMI 0.64 without the documents, 0.93 with them).
DOC_WEIGHT = 1.0
DOC_WEIGHT_FULL_AT = 100

# --- documents: candidates and sentence alignment -------------------------------------------------------------------

# Words shared by more documents than this do not make two documents candidates. A fixed cap keeps the candidate
# search linear in the corpus: each word can pair at most this many documents with each other.
DOC_MAX_DF = 100
# A quote carried by more documents than this does not by itself make them candidate pairs.
WIDELY_QUOTED = 50
# Pairs that may be copies get their sentences aligned: similar words (a synonym-spun copy keeps a quarter of them),
# or phrasing in common: runs of four words worth two that only these two documents hold (analysis/compare/
# alignment.py weighs each run by how few documents hold it). Quotes shared are no sign of copying.
ALIGN_MIN_LEXICAL = 0.25
ALIGN_MIN_REUSE = 2.0
# A sentence lines up with its best match in the other document when half their words or more line up in order
# (rapidfuzz's ratio on words: twice the words in common, in order, over the words of both); 95 or more is verbatim,
# about a word in twenty changed. Words, not characters: unrelated sentences of one language share letters enough to
# score 40 to 55 on characters, but 15 to 35 on words, so the threshold sits well clear of them.
ALIGNED_SCORE = 50
VERBATIM_SCORE = 95

# --- how two documents relate ---------------------------------------------------------------------------------------

# A verbatim copy: half the shorter document's sentences or more found word for word in the other.
VERBATIM_MIN_SHARE = 0.5
# A synonym-spun copy rewords its source sentence after sentence: half its sentences or more line up with the
# source's, two in five of those read as words swapped one for one, and at least three such sentences. One or two are
# what templated reports share (two appeals for missing people, two readouts of ministers' talks: one frame, other
# names and places), and are no evidence of spinning.
SPUN_MIN_ALIGNED = 0.5
SPUN_MIN_SWAPPED = 0.4
SPUN_MIN_SENTENCES = 3
# Whether a pair is a copy at all is the copy model's (analysis/models/copies.json, fitted by bench/fit_copies.py on
# pairs an editor judged, with its own threshold). A copy's direction: the document whose phrasing the other contains
# is the copy, when the two shares differ by more than this; else the shorter one, and dates settle it when known.
COPY_DIRECTION_MARGIN = 0.05
# A spun copy's confidence: a half for the swapped words alone, and more the rarer its swapped words are than the
# source's (their mean rarity gap; 25 makes it certain). Set by hand with spun copies: they are claimed on the swap
# rules above, not by the copy model, so this only orders them against other claims.
SPUN_CONFIDENCE = 0.5
SPUN_CERTAIN_RARITY = 25.0
# Any copy (verbatim, spun or by its wording) keeps the event's people and places: the pair's names and numbers agree
# this much (cosine). Reports from one template (two appeals for missing men, two video pages) share their wording and
# little else. On NewsArticles, 50 of 228 pairs sharing a quarter of their wording fell below 0.3, all boilerplate
# (video pages, late-night show clips); on ECB+ dev, 4 of 155 such pairs that tell one event.
COPY_MIN_NAMES = 0.3
# Two outlets retell one interview given to a third (both say to whom: "told CNN", "spoke to the BBC") when they
# share several of its quotes, most of the quotes of the one with fewer: one quote shared is a soundbite every report
# of the story carries. Set by what "retelling an interview" means, not fitted: no NewsArticles pair of two outlets
# naming one interviewer shares three quotes (83 pairs share three or more), so the rule claims nothing there.
INTERVIEW_MIN_QUOTES = 3
INTERVIEW_MIN_SHARE = 0.5
# Aligned sentences are named in a pair's evidence from a fifth of them on; below that they are chance.
EVIDENCE_MIN_ALIGNED = 0.2
# Shared runs of content words are named from a tenth of one document's on: below that, phrases any report uses.
EVIDENCE_MIN_CONTAINED = 0.1

# --- stories ----------------------------------------------------------------------------------------------------------

# A pair's text similarity weighs the cosine of its names and numbers (capitalised words inside sentences, digits that
# are not measures) this much, and the cosine of its content words the rest: reports of one event share its names, two
# events of one kind share only words. Plain TF-IDF and average linkage on ECB+'s development half (42 events, two of
# each kind) gave a B-cubed F1 of 0.850 at best from content words, 0.891 from names, 0.911 from half of each; here
# 0.4, 0.5 and 0.6 gave 0.890, 0.901 and 0.895 (at a threshold of 0.25).
STORY_NAME_WEIGHT = 0.5
# Names are compared by this many first letters: a country and its people ("Chile", "Chilean"; "Russia", "Russian")
# are one. On ECB+ dev, whole names gave B-cubed F1 0.892 (pair precision 0.870), 4 letters 0.892 (0.838), 5 0.899
# (0.875), 6 0.900 (0.873); 5 also joins the demonyms 6 leaves apart.
NAME_STEM = 5
# Average linkage joins two groups of documents while their pairs' average similarity is at least this. Swept on ECB+
# dev: 0.22 gave B-cubed F1 0.895 with pair precision 0.800, 0.24 0.896 / 0.833, 0.25 0.901 / 0.873, 0.26 0.882 /
# 0.885, 0.28 0.855 / 0.878. Both are at least 0.85 from 0.25 to 0.28; 0.26 keeps a margin from the edge where
# precision falls, since a story a reader is shown should hold. With names by their first letters and shared figures
# counted (below), 0.26 gives 0.903 / 0.880.
STORY_MIN_SIMILARITY = 0.26
# Each figure two documents share (about the same thing, measures apart) adds this much, as shared quotes do. Three
# local reports of one flood hold together only with it (their words differ; their figures do not). On ECB+ dev, 0
# gave B-cubed F1 0.882 with pair precision 0.885, 0.05 0.892 / 0.870, 0.1 0.885 / 0.832, 0.15 0.871 / 0.803: figures
# of one kind of event (two shootings' "two people") are shared across events, so they count for little. Swept again
# once figures read more number grammar: 0 gave 0.899 / 0.876 (and the flood apart), 0.02 0.899, 0.03 0.901 / 0.876,
# 0.05 0.890 / 0.837.
STORY_FIGURE_WEIGHT = 0.03
# A shared quote says "one story" in full from this many words on (in its shortest wording): a three-word fragment
# ("come a long way") or a stock phrase ("a very close family") is said about many events.
QUOTE_INFORMATIVE_WORDS = 12
# A quoted phrase nobody is said to have said (a scare-quoted name, a slogan) counts this much of an attributed one.
UNATTRIBUTED_QUOTE_WEIGHT = 0.25
