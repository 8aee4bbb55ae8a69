"""What a typed message means at the open question: the actions' half of understanding.

The NLU guard (rasa_components/control_guard.py) reads the words alone; here the
question being asked decides the rest: a typed "nej tak" at a yes/no question is
the answer "no", a date at a date question is the date, and an own-words theme
is matched only as surely as the classifier allows.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

import catalogue
from actions import dates, drafts
from actions.choices import (
    CORRECTED,
    DOUBTS,
    FILLERS,
    NAMED,
    PLAIN,
    SAID,
    WORDS,
    bare_yes_or_no,
    choice_value,
    choose,
    is_negation,
    settles,
    tokens,
    yes_or_no,
)
from catalogue import Step, StepKind
from catalogue.intents import CLARIFY_PREFIX, STRAIN, TYPED_REQUESTS, UNDERSTANDING
from rasa_components import distress
from rasa_components.corrections import correction
from rasa_components.typing import only_oneself

ANSWER, REQUEST, CLARIFY, DISTRESS = "answer", "request", "clarify", "distress"

# Own-words themes, by the guard's theme classifier (probabilities among the
# eight themes), bars chosen on the training data's cross-validation
# (bench/tune.py): taken as sure from THEME_SURE; offered as a choice of the
# likeliest from THEME_UNSURE; below that the words are the leader's own theme.
THEME_SURE = 0.7
THEME_UNSURE = 0.2
THEME_CHOICES = 3
# An option and a few words around it is an answer however heavy the care model finds it; more words than
# this that only name an option are read as the model read them.
OPTION_OVER_STRAIN_WORDS = 8


@dataclass(frozen=True)
class Reading:
    kind: str  # ANSWER | REQUEST | CLARIFY | STRAIN | DISTRESS
    request: Optional[str] = None
    also: Optional[str] = None  # CLARIFY: the second likeliest request, offered beside it


def signal(latest: Mapping[str, Any]) -> Optional[str]:
    return (latest.get(UNDERSTANDING) or {}).get("signal")


def told_of_others(latest: Mapping[str, Any]) -> bool:
    """The gentle question asked because the net found the word suicide told of someone else."""
    found = latest.get(UNDERSTANDING) or {}
    return found.get("signal") == CLARIFY_PREFIX + DISTRESS and found.get("acute_by") == "net"


def read(step: Optional[Step], latest: Mapping[str, Any], pending: Optional[Mapping[str, Any]] = None) -> Reading:
    """The reading of the latest typed message at `step` (the question being asked), given
    what the bot is waiting for the leader to settle about it (`pending`), if anything."""
    text = latest.get("text") or ""
    intent = (latest.get("intent") or {}).get("name")
    said = signal(latest)
    found = latest.get(UNDERSTANDING) or {}
    if intent == DISTRESS:
        if found.get("acute_by") == "model" and names_someone(step, text):
            # The care model alone, at a who-question, on a name and nothing but its hedges ("det bliver
            # nok Camilla, tror jeg" read 0.73 acute): no words in it to be heavy. Anything more than the
            # name ("Peter. jeg har googlet piller") is no name alone, and the net reads every message.
            return Reading(ANSWER)
        at_a_choice = step is not None and step.kind == StepKind.CHOICE
        if found.get("acute_by") == "model" and at_a_choice and step is not None and an_option(step, text):
            # An option in the words ("det er dødt, vi lagde det i skuffen" at "Hvordan er det gået?"), heavy
            # only to the care model: asked gently, the words kept until the leader says. Three typed
            # choices over the held-out sets got the care message this way.
            return Reading(CLARIFY, DISTRESS)
        return Reading(DISTRESS)
    if said == STRAIN:
        if step is not None and step.asks_about_strain and not strain_said(text):
            # "i'm knackered by sunday night" at "Hvad slider på dig?": the answer asked for. A check-in after
            # each such answer (a user walk got four) dulls the one that matters; the net's words still get it.
            return Reading(ANSWER)
        if (
            step is not None
            and step.kind == StepKind.CHOICE
            and an_option(step, text)
            and not _an_option_only_named(step, text)
            and not strain_said(text)
        ):
            # "2-3 gange årligt" at a button question: an option, however heavy the care model found its
            # numbers; strain the net finds ("sjældent, og jeg er helt udbrændt") still gets the check-in, and
            # so does a longer message that only names an option ("jeg skriver for min chef, han siger han
            # ikke kan sove og er helt færdig" at "Har du selv en leder over dig?": a user walk got a yes).
            return Reading(ANSWER)
        return Reading(STRAIN)
    if said == CLARIFY_PREFIX + DISTRESS and found.get("acute_by") != "net" and names_someone(step, text):
        return Reading(ANSWER)  # "det bliver nok Mette, tror jeg": a hedge around a name is not heavy
    request = (
        intent
        if intent in TYPED_REQUESTS
        else (said[len(CLARIFY_PREFIX) :] if said and said.startswith(CLARIFY_PREFIX) else None)
    )
    if request is None:
        return Reading(ANSWER)
    heavy = request == DISTRESS and (found.get("acute_by") == "net" or not _only_the_answer(step, text, pending))
    if step is not None and answers_step(step, text, pending) and not heavy:
        # An option, a date, a count: the answer, however heavy the care model found its words. Heavy words
        # beside it ("gjort, det var det sidste jeg skulle nå", "næste uge, hvis jeg stadig er her") get the
        # gentle question first, and a yes to a question with one button never passes it.
        return Reading(ANSWER)
    if request != DISTRESS and intent not in TYPED_REQUESTS and step is not None and step.kind == StepKind.REVIEW:
        return Reading(ANSWER)  # "lav den om" half read as "skip": words at the review open the change list
    if request != DISTRESS and (names_someone(step, text) or names_oneself(step, text)):
        # "ahmed tager den", "det må nok blive Birgitte", "probably Dave?": a name and nothing but its hedges
        # is the answer asked for, however sure the request model was of "?" (it is read back to correct)
        return Reading(ANSWER)
    if intent in TYPED_REQUESTS:
        return Reading(REQUEST, request)
    also = (latest.get(UNDERSTANDING) or {}).get("also")
    return Reading(CLARIFY, request, also if also in TYPED_REQUESTS and also != request else None)


def _only_the_answer(step: Optional[Step], text: str, pending: Optional[Mapping[str, Any]]) -> bool:
    """Whether the words are the answer and (next to) nothing more: the option as it reads, a date with
    a word or two around it, a count, a plain yes to what we read back. Never a yes to a question with
    one button (the review, a draft, "Brug det, I skrev"): that never passes the gentle question."""
    if step is None or step.kind in (StepKind.REVIEW, StepKind.DRAFT) or step.spec.get("builds_on"):
        return False
    if pending is not None and pending.get("slot") == step.slot and bare_yes_or_no(text):
        return True  # "ja" to "Jeg skriver »…« – passer det?"
    if step.kind == StepKind.CHOICE:
        chosen = choose(step, text)
        return chosen is not None and chosen.how in (*PLAIN, SAID)
    if step.kind == StepKind.DATE or step.when:
        found = dates.find(text)
        return found is not None and len(tokens(text[: found.start] + " " + text[found.end :])) <= 2
    return step.count and the_count(text) is not None


def an_option(step: Step, text: str) -> bool:
    """Whether the words are an option, however heavy they sounded to the care model. Corrected in the
    message, the words before the correction must be an option too ("sjældent.. nej vent, aldrig"): heavy
    words there ("det er slut for mig, nej vent, ja") are no slip to pass over."""
    chosen = choose(step, text)
    if chosen is None:
        return False
    corrected = correction(text, lambda said: choose(step, said) is not None) if chosen.how == CORRECTED else None
    return corrected is None or choice_value(step, corrected[0]) is not None


def _an_option_only_named(step: Step, text: str) -> bool:
    """A longer message in which an option is only named among other words, not said as the answer ("jeg skriver
    for min chef, han siger han ikke kan sove og er helt færdig" names "chef" at "Har du selv en leder over dig?")."""
    chosen = choose(step, text)
    return len(tokens(text)) > OPTION_OVER_STRAIN_WORDS and chosen is not None and chosen.how in (NAMED, WORDS)


def strain_said(text: str) -> bool:
    """Whether the distress net finds strain (or more) in the words, not the care model alone."""
    return distress.tier(text) is not None


# A number in digits or in words, Danish or English ("vi er 4", "fire", "we're five").
_NUMBER = re.compile(
    r"\b(?:\d+|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|et par|a few|a dozen)\b(?!\s*(?:min|minutter|mins?|minutes|sek|sec|seconds|timer?|hours?)\b)",
    re.IGNORECASE,
)
COUNT_WORDS = 6  # "vi er 4 plus mester": an answer; a longer message is read as the guard read it


def says_a_count(text: str) -> bool:
    """A short answer with a number in it, at a question that asks how many."""
    return len(text.split()) <= COUNT_WORDS and bool(_NUMBER.search(text))


# The words around a count that say nothing more ("vi er 4", "we're five in all", "4 mand").
_AROUND_A_COUNT = frozenset(
    [
        "vi",
        "er",
        "os",
        "i",
        "alt",
        "ialt",
        "mand",
        "stk",
        "personer",
        "folk",
        "ledere",
        "we",
        "are",
        "were",
        "we're",
        "in",
        "all",
        "people",
        "of",
        "us",
        "the",
        "total",
    ]
)
# The small words of a doubt around a count ("vi er 5 tror jeg", "I think we're 6").
_DOUBTFUL_WORDS = frozenset(["jeg", "i", "det", "vist", "sikkert"])
# Numbers spelled out, as the date reader knows them ("fire" -> "4"; never "a"/"an": "we are a team").
_SPELLED = {word: str(n) for word, n in dates.NUMBERS.items() if word not in ("a", "an")}


def the_count(text: str) -> Optional[str]:
    """The number alone, for the document, when the words around it say nothing more ("vi er 4" -> "4",
    "we're five" -> "5"); None when they do ("4 plus mester", "5-6 stykker")."""
    words = [w.strip(".,!?:;'’").lower().replace("we're", "we are") for w in text.split()]
    words = [part for w in words for part in w.split()]
    numbers = [w for w in words if w.isdigit() or w in _SPELLED]
    # how sure the leader is says nothing about the number ("vi er vel 4?"); "ca. 5" does
    sure = {w for w in words if tokens(w) and all(t in DOUBTS | FILLERS | _DOUBTFUL_WORDS for t in tokens(w))}
    if len(numbers) != 1 or any(w not in _AROUND_A_COUNT and w not in sure for w in words if w not in numbers):
        return None
    return numbers[0] if numbers[0].isdigit() else _SPELLED[numbers[0]]


# "3 for en tavle i skurvognen, 1 for en app", "4 stemmer for tavlen": what got how many votes.
_VOTES = re.compile(
    r"(\d+)\s*(?:stemmer\s+|votes?\s+)?(for|på|paa)\s+([^,;.\n]+?)\s*(?=[,;.\n]|\s+og\s+\d|\s+and\s+\d|$)", re.IGNORECASE
)
_RANGE = re.compile(r"\d+\s*(?:til|to|-|–)\s*\d+", re.IGNORECASE)  # "2 til 3 gange": a range, no vote


def vote_winner(text: str, on: bool = False) -> Optional[str]:
    """What a group voted for, when the words count two or more votes and one got the most ("vi stemmer:
    3 for en tavle i skurvognen, 1 for en app" -> "en tavle i skurvognen"); else None. `on`: votes "på"
    count too ("3 stemmer paa pauser og 2 paa sparring"), only where the options are named (a theme
    question): elsewhere "vi er 4 på kontoret og 2 på pladsen" is no vote."""
    votes = [(int(n), what.strip()) for n, word, what in _VOTES.findall(text) if on or word.lower() == "for"]
    if len(votes) < 2 or _RANGE.search(text):
        return None
    votes.sort(key=lambda v: -v[0])
    return votes[0][1] if votes[0][0] > votes[1][0] else None


def names_someone(step: Optional[Step], text: str) -> bool:
    """At a question that asks who, a name we know and nothing else but its hedges, a role or "tager
    den". The care model read the hedges around such names ("vel", "tror jeg") as heavy: over the
    held-out sets one who-answer in twenty got the care message or the gentle question. Anything
    more ("Peter. jeg har googlet piller") is read as the guard read it."""
    from actions.names import only_a_name, only_names

    # two people to choose between ("poul eller mig?", a fourth walk's was asked whether the leader was OK)
    return step is not None and step.person and (only_a_name(text) or only_names(text))


def says_care_misread(text: str) -> bool:
    """Whether words after the care message say it was not needed ("what? i meant the orders", content/
    common.yml `care_misread_words`), with no negation before the phrase, nothing heavy and nothing the net reads."""
    padded = f" {' '.join(tokens(text))} "
    for phrase in _care_words("care_misread_words"):
        at = padded.find(f" {phrase} ")
        if at >= 0 and not any(is_negation(w) for w in padded[:at].split()[-2:]):
            return not says_care_heavy(text) and distress.tier(text) is None
    return False


def says_care_heavy(text: str) -> bool:
    """Whether words right after the care message say things are still heavy ("det nytter ikke",
    `care_heavy_words`), whatever the guard read in them."""
    padded = f" {' '.join(tokens(text))} "
    return any(f" {phrase} " in padded for phrase in _care_words("care_heavy_words"))


@functools.lru_cache(maxsize=2)
def _care_words(key: str) -> Tuple[str, ...]:
    return tuple(" ".join(tokens(str(w))) for w in catalogue.common()[key])


def names_oneself(step: Optional[Step], text: str) -> bool:
    """At a question that asks who, only the writer ("me", "mig selv", "me i guess"; rasa_components/
    lexicon/oneself.yml): the request model read a bare "me" as asking for help (a walk's "me" at "Who
    leads it?" was asked three ways back). Never more words ("jeg tager en pause" is a pause)."""
    return step is not None and step.person and only_oneself(text)


def answers_step(step: Step, text: str, pending: Optional[Mapping[str, Any]] = None) -> bool:
    """Words that plainly answer a button, date or when question, whatever else they sound like
    ("ja tak" when we asked whether we read the date right)."""
    if step.kind == StepKind.CHOICE:
        # an option, however it was typed, or "ja"/"det passer" to the option we said back
        held = pending is not None and pending.get("kind") == "choice" and pending.get("slot") == step.slot
        return choice_value(step, text) is not None or (held and settles(text) is not None)
    if step.kind == StepKind.DATE or step.when:
        confirming = pending is not None and pending.get("kind") == "date" and pending.get("slot") == step.slot
        return dates.parse(text) is not None or (confirming and settles(text) is not None)
    if step.kind == StepKind.DRAFT:
        return accepts(text) or drafts.rework(text) is not None  # "kan du gøre den kortere" is for the draft
    if step.kind == StepKind.REVIEW:
        return accepts(text)
    if step.count:
        return says_a_count(text)
    if step.spec.get("builds_on") and len(text.split()) <= 6 and accepts(text):
        # "ja brug det vi skrev" under "Brug det, I skrev" (a trained way to ask to change an answer, and
        # the change menu opened in a user walk): the earlier words, where there are any (actions/form.py)
        return True
    if step.kind == StepKind.THEME:
        return themes_said(step, text) is not None
    return False


_TWO_ARE_ENOUGH = re.compile(
    r"^\W*(?:(?:nej|no|nah|nope)\W+)?(?:tak\W+|thanks\W+)?(?:2|to|two)(?:'s|\s+(?:temaer|themes))?\s+(?:er\s+|is\s+|are\s+)?"
    r"(?:nok|fint|fine|enough|plenty|ok|okay|godt|good|rigeligt)\b(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)  # from the start: "ja tre, to er ok" and "id love to ok" want a third
# "et tema er nok", "kun det ene", "one theme is enough for me" at the second theme, which is not optional.
_ONE_IS_ENOUGH = re.compile(
    r"^\W*(?:(?:nej|no|nah)\W+)?(?:(?:jeg\s+vil\s+)?(?:kun|bare|only|just)\s+)?(?:et|ét|eet|1|one|the\s+one|det\s+ene)"
    r"(?:\s+(?:tema|theme))?(?:\s+(?:er|is))?(?:\s+(?:nok|enough|fint|fine|plenty))?(?:\s+(?:for\s+me|til\s+mig|tak|thanks))?\W*$",
    re.IGNORECASE,
)
# A yes and at most a polite word, naming no theme: "ja", "ja gerne", "yes please", "sure".
_YES_POLITE = frozenset(
    [
        "gerne",
        "tak",
        "please",
        "sure",
        "ok",
        "okay",
        "da",
        "bare",
        "go",
        "lige",
        "tre",
        "three",
        "third",
        "tredje",
        "mere",
        "more",
        "one",
        "another",
        "en",
        "til",
        "on",
        "yeah",
        "theme",
        "tema",
        "et",
    ]
)


# How many themes a leader says they want, at a theme question (actions/form.py answers each)
ENOUGH, WHICH, ONE_ONLY = "enough", "which", "one_only"


def themes_said(step: Step, text: str) -> Optional[str]:
    """ENOUGH for no third theme ("nej, to er nok"), WHICH for a third with none named ("yes please": a walk
    got "start over?"), ONE_ONLY for one theme said at the second ("one theme is enough for me": a walk got
    "skip"); None when the words say no such thing. Read at the question, before any request."""
    if step.optional_round:
        if yes_or_no(text) == "no" or says_two_are_enough(text):
            return ENOUGH
        return WHICH if says_yes_alone(text) else None
    return ONE_ONLY if (step.round or 0) > 1 and says_one_theme_only(text) else None


def says_yes_alone(text: str) -> bool:
    """A yes and at most a polite word, naming no theme ("ja gerne" at "Vil du tage et tredje tema med?")."""
    said = tokens(text)
    return yes_or_no(text) == "yes" and len(said) <= 3 and all(w in _YES_POLITE or yes_or_no(w) == "yes" for w in said)


def says_two_are_enough(text: str) -> bool:
    """ "nej tak, to er nok", "2 is fine": no third theme."""
    return bool(_TWO_ARE_ENOUGH.search(text))


def says_one_theme_only(text: str) -> bool:
    """ "et tema er nok", "kun det ene", "one theme is enough for me": said at the second theme, which is not optional."""
    return bool(_ONE_IS_ENOUGH.match(text))


@dataclass(frozen=True)
class ThemeReading:
    key: Optional[str]  # a sure match
    candidates: Tuple[str, ...] = ()  # the likeliest themes, to offer when unsure


def theme(latest: Mapping[str, Any], taken: Iterable[str] = ()) -> ThemeReading:
    """Which suggested theme own words are about, from the guard's theme classifier."""
    taken = set(taken)
    scores = [(p, key) for key, p in (latest.get(UNDERSTANDING) or {}).get("themes") or [] if key not in taken]
    if not scores or scores[0][0] < THEME_UNSURE:
        return ThemeReading(None)
    if scores[0][0] >= THEME_SURE:
        return ThemeReading(scores[0][1])
    return ThemeReading(None, tuple(key for p, key in scores[:THEME_CHOICES] if p >= THEME_UNSURE / 2))


def two_themes(latest: Mapping[str, Any], taken: Iterable[str] = ()) -> Optional[Tuple[Tuple[str, str], Tuple[str, str]]]:
    """((words, key), (words, key)) when one message plainly names two different themes."""
    parts = (latest.get(UNDERSTANDING) or {}).get("parts") or []
    taken = set(taken)
    if len(parts) == 2 and all(p >= THEME_SURE and key not in taken for _, key, p in parts) and parts[0][1] != parts[1][1]:
        return (parts[0][0], parts[0][1]), (parts[1][0], parts[1][1])
    return None


# After the strain check-in: words that ask where to get help ("hvor kan jeg få hjælp",
# "who can I talk to") get the same answer as the button.
_WANTS_HELP = re.compile(
    r"\b(?:hjælp|hjaelp|help|tale med|snakke med|talk to|someone to talk|nogen at tale|"
    r"hvem kan jeg|who can i|where can i|hvor kan jeg|læge|doctor|livslinien)\b",
    re.IGNORECASE,
)


def wants_help(text: str) -> bool:
    return bool(_WANTS_HELP.search(text))


# After the care message: short words that say "let's go on" ("fortsæt", "videre", "ok lad os
# fortsætte", "carry on"), as the button "Fortsæt" does, whatever request the classifier took
# them for ("videre" reads as skip). Never with a negation: "jeg kan ikke fortsætte" is no go-ahead.
_GOES_ON = re.compile(
    r"\b(?:fortsæt\w*|fortsaet\w*|videre|næste spørgsmål|naeste spoergsmaal|continue|carry on|go on|"
    r"keep going|move on|next question|let'?s go)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:ikke|ik|ikk|ej|aldrig|nej|orker|gider|not|no|never|can'?t|cannot|don'?t|won'?t|couldn'?t)\b", re.IGNORECASE
)
GOES_ON_MAX_WORDS = 8  # "det er fint, lad os bare komme videre" (a fourth walk got help again)


def goes_on(text: str) -> bool:
    words = text.replace("’", "'")
    return len(words.split()) <= GOES_ON_MAX_WORDS and bool(_GOES_ON.search(words)) and not _NEGATED.search(words)


# Typed "yes, that's fine" at a question answered by one button (the review's "make the
# document", a draft's "use the draft") is that button.
_ACCEPTS = re.compile(
    r"\b(?:lav dokumentet|lav det|ser (?:fint|godt) ud|det er fint|det passer|brug udkastet|"
    r"brug (?:det|den)|make the document|make it|looks (?:good|fine)|that's fine|thats fine|use the draft|"
    r"use it|use (?:that|this)|lave (?:den|dem|dokumentet)|use what (?:we|i) wrote|go ahead|kør bare|kør på|lav (?:den|dem|pdf(?:'?en)?)|print (?:den|det|it)|"
    r"make (?:the )?pdf|do it|det er godt|den er god|"
    # as a UK or Irish leader approves ("looks grand, make it", "spot on, go for it"), and "super, kør" (a walk)
    r"looks (?:grand|great|lovely|spot on)|all good|spot on|that'?ll do|go for it|print (?:it|the pdf)|kør(?: den| det)?)\b",
    re.IGNORECASE,
)


# What may stand beside an accept phrase in a message that only accepts ("ok lav den bare", "ja tak, ser
# fint ud"). Anything else ("lav den om", "nej lav den ikke endnu", "den er god nok, men ret temaet",
# "I'm going to do it tonight") and the message is no yes.
_ALONGSIDE_ACCEPT = frozenset(
    [
        "ja",
        "jo",
        "jep",
        "yes",
        "yeah",
        "yep",
        "ok",
        "okay",
        "fint",
        "godt",
        "bare",
        "saa",
        "tak",
        "please",
        "pls",
        "thanks",
        "just",
        "sure",
        "super",
        "perfekt",
        "great",
        "fine",
        "det",
        "den",
        "er",
        "it",
        "is",
        "looks",
        "ser",
        "ud",
        "nu",
        "now",
        "vi",
        "jeg",
        "skrev",
        "we",
        "i",
        "wrote",
        # "ok lets make it", "lad os lave den" (a walk's opened the review again)
        "lets",
        "let",
        "us",
        "lad",
        "os",
        # how sure, not what: "ser fint ud vel, lav den" (a user walk's opened the change list)
        "vel",
        "nok",
        "vist",
        "guess",
        "suppose",
        "grand",
        "lovely",
        "brilliant",
        "cheers",
        "ta",
        "mate",
    ]
)


_OK = {("ok",), ("okay",), ("ok", "tak"), ("okay", "thanks"), ("ok", "thanks")}


def accepts(text: str) -> bool:
    """A short yes to the one button of a question ("lav dokumentet", "ja tak, ser fint ud"), never words
    that say more, turn it down or ask for a change."""
    if "?" in text:
        return False  # "ok?" asks, it does not say yes
    if (yes_or_no(text) == "yes" and bare_yes_or_no(text)) or tokens(text) in _OK:
        return True
    if not _ACCEPTS.search(text) or "?" in text:
        return False
    rest = tokens(_ACCEPTS.sub(" ", text))
    return len(rest) <= 4 and all(w in _ALONGSIDE_ACCEPT for w in rest)


def pending_for(slots: Dict[str, Any], step: Optional[Step]) -> Optional[Dict[str, Any]]:
    """What the bot is waiting for the leader to settle about this question, if anything."""
    pending = slots.get("pending")
    if isinstance(pending, dict) and step is not None and pending.get("slot") == step.slot:
        return pending
    return None
