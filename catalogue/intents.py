"""Intent names and the confidence bars shared by the actions, the NLU guard and the domain generator."""

# Requests about the conversation itself. A message with one of these intents
# never fills an answer slot (see the from_text mappings in domain/generated.yml).
CONTROL = (
    "help",
    "example",
    "skip",
    "go_back",
    "pause",
    "start_over",
    "language",
    "resume",
    "change",
    "edit",
    "start",
    "choose",
    "distress",
    "dont_know",
    "keep",
)
# Only buttons send these; typed words are never read as one of them.
PAYLOAD_ONLY = ("edit", "start", "choose", "keep")
# Typed requests the classifier can recognise.
TYPED_REQUESTS = tuple(i for i in CONTROL if i not in PAYLOAD_ONLY and i != "distress")

# A typed message is acted on as a request when the classifier gives the
# request at least REQUEST_SURE; between REQUEST_UNSURE and that, the bot asks
# with buttons whether it was a request or the answer (the words are kept).
# Chosen on the training data's cross-validation (bench/tune.py), never on the held-out set.
REQUEST_SURE = 0.7
REQUEST_UNSURE = 0.5
# Acted on only when it is also clear which request: "say what I think first" reads
# as some request, but as none in particular, and is asked about instead. 0.6 (cross-validation:
# acted on with the wrong request 2.3 -> 1.8 %, acted on or asked 89.3 % either way).
REQUEST_KIND_SURE = 0.6
# Asked about, the second likeliest request is offered beside the likeliest when the kind model gives
# it this much ("Vil du fortsætte eller holde pause – eller skal jeg gemme …?"). Cross-validation
# (sixth round, 151 requests asked about): the right one named first 73.5 %, second 15.9 % more,
# a second offered to 39 %; at 0.3: 9.9 % more, to 21 %.
REQUEST_SECOND = 0.2
# Longer messages are answers far more often than requests: the bar rises with length.
REQUEST_LONG_WORDS = 12

# A message longer than CLAUSE_FROM_WORDS words is also read clause by clause (clauses of at
# least CLAUSE_MIN_WORDS words): acute distress in one clause counts (with a concept, see below); a request in one clause is
# asked about when the request model is CLAUSE_REQUEST_SURE of it, never acted on.
CLAUSE_FROM_WORDS = 12
CLAUSE_MIN_WORDS = 3
CLAUSE_REQUEST_SURE = (1 + REQUEST_SURE) / 2  # the bar of a long message
# ... except its last clause: a story that ends "… Har du et eksempel?" or "… Så jeg vil hellere begynde
# forfra." ends in what the leader wants now, and is acted on when both models are this sure of that
# clause alone (the story is context, as the care message keeps nothing of a request either).
LAST_CLAUSE_REQUEST_SURE = 0.9
LAST_CLAUSE_KIND_SURE = 0.8

# Acute distress: patterns (rasa_components/distress.py) or the classifier this sure.
DISTRESS_MIN_CONFIDENCE = 0.6
# ... or this sure, when the message also names one of the kinds of thing acute distress is
# about (death, means, a farewell, affairs put in order, a burden, harm, hopelessness: the
# concepts in rasa_components/lexicon/concepts.yml). Two weaker signals together.
DISTRESS_WITH_CONCEPT = 0.4
# Only the concepts that acute distress alone is about: "væk", "slut" and "vågne" name everyday
# things too ("mens Redis er væk" was taken for distress).
ACUTE_CONCEPTS = ("death", "means", "farewell", "affairs", "burden", "harm", "hopeless")
# Below those and at least this sure, the guide asks ("Det, du skriver, lyder tungt. Har du det
# svært lige nu – eller skal jeg gemme det som dit svar?") and keeps the words until it knows.
# Cross-validation (third round, 510 acute examples, 2,731 answers): at 0.4 it asks about 10 acute
# examples the rest misses and leaves 59; at 0.3 it asks about 26 and leaves 43, and asks 3.2 %
# of ordinary answers instead of 1.6 %. Safety first: a leader asked needlessly taps "Gem det som
# mit svar" once; a leader in crisis not asked is left alone with it.
DISTRESS_ASK = 0.3
# ... or when it is a little sure of acute distress and a little sure of strain: two weak signals of
# one heavy message. Cross-validation (fourth round, 510 acute examples, 3,170 answers): acute
# examples left without a word 9.8 -> 8.4 %, answers asked 2.6 -> 2.9 %.
DISTRESS_ASK_PAIRED = 0.2
# ... or when one clause of a long message, read alone, is this sure of it ("Honestly I want to be dead.
# 30 years of work gone in one afternoon": the whole reads 0.29, the clause 1.0). Asked, never acted on:
# out of its message a clause also reads "han snakkede om ikke at ville leve" or "jeg ville dø uden
# hende". Development sets (thirteenth round, 4,000 messages): acute kept as an answer 4 fewer at 0.95,
# 5 ordinary answers asked; acted on alone it would have been 5 false alarms.
CLAUSE_ACUTE_ASK = 0.95
# Strain about oneself: patterns, or the classifier this sure.
STRAIN_MIN_CONFIDENCE = 0.8
STRAIN = "strain"

# The guard's findings in the parse data: {"signal": "strain" | "clarify:<request>" | None,
# "themes": [[key, probability], ...]}.
UNDERSTANDING = "understanding"
CLARIFY_PREFIX = "clarify:"

THEME_PREFIX = "theme_"
