"""Answers made ready to stand inside a proposed text (a draft the leader may send as it is).

A draft is a letter, not a form: each answer is fitted into a sentence of its own (`draft_sentences`
in a tool file), so "Tovholder: mig selv." becomes "Jeg står selv for arbejdet." An answer that names
the writer ("mig", a suggestion marked `self: true` such as "Jeg er selv topledelsen") takes the
sentence's `self` form. A sentence is written only when its answer was given.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, Mapping, Optional

import catalogue
from actions import names

# "Det er mig, Karin fra HR" names Karin; "mig" alone names the writer.
SELF_INTRO = re.compile(
    r"^\s*(?:det\s+(?:er|bliver)\s+(?:mig|jeg)|det\s+bliver|det\s+er|mig\s+selv|it'?s\s+(?:me|going\s+to\s+be)"
    r"|it\s+will\s+be|that'?s\s+me|me|mig|jeg)\b\s*[,:–-]?\s*",
    re.IGNORECASE,
)
MYSELF = {"da": "mig selv", "en": "me"}


def person(answer: Any, language: str) -> str:
    """Who an answer names, as it reads inside a sentence: "Det er mig, Karin fra HR" -> "Karin fra HR",
    "Mig" -> "mig selv". Anything else is kept as written."""
    text = str(answer or "").strip().rstrip(".!")
    named = SELF_INTRO.sub("", text, count=1).strip()
    if not named:
        return MYSELF.get(language, MYSELF["da"])
    return named if named != text else text


def quoted_themes(values: Mapping[str, Any], keys: Iterable[str], language: str) -> Dict[str, str]:
    """Theme names in quotes, so two themes that hold "og" themselves read as two ("Krav og ressourcer")."""
    left, right = ("»", "«") if language == "da" else ("“", "”")
    return {key: f"{left}{values[key]}{right}" for key in keys if values.get(key)}


_ACRONYM = re.compile(r"^[A-ZÆØÅ]{2,}")


def _proper(word: str) -> bool:
    """English weekdays and months keep their capital ("Friday 11 December 2026")."""
    common = catalogue.common()
    return word in common["weekdays"]["en"] or word in common["months"]["en"]


def inside(answer: Any, language: str = "da") -> str:
    """An answer as it reads inside a sentence: without its own closing stop, and with a small first
    letter unless it starts with a name, an abbreviation, English "I" or an English day or month ("På et ledermøde" -> "på et ledermøde",
    "Hanne og bestyrelsen", "HR samler svarene" stay)."""
    text = str(answer or "").strip().rstrip(".!?").strip()
    first = text.split(" ", 1)[0].strip(",;:")
    if (
        not first[:1].isupper()
        or (first == "I" and language == "en")
        or _ACRONYM.match(first)
        or names.is_first_name(first)
        or _proper(first)
    ):
        return text
    return text[:1].lower() + text[1:]


_PREPOSITION = re.compile(
    r"^(?:i|på|om|fra|til|inden|efter|før|senest|omkring|hver|in|on|at|from|by|before|after|during|around|every|next)\b",
    re.IGNORECASE,
)


def following(answer: Any, language: str = "da") -> str:
    """A when-answer that follows another in the same sentence: "i uge 3 (…)" joins with a space,
    "fredag 11. december 2026" with a comma."""
    text = inside(answer, language)
    return f" {text}" if _PREPOSITION.match(text) else f", {text}"


# Words that make an answer a sentence of its own, which no draft sentence can hold in the middle
# ("Arbejdet har opbakning fra hele bestyrelsen står bag i topledelsen" was printed in a user walk).
_FINITE_VERB = re.compile(
    r"\b(?:står|staar|bakker|støtter|stoetter|er|har|går|vil|kan|skal|gør|synes|mener|siger|holder|"
    r"backs|is|are|has|have|supports|stands|will|would|does|do|says|think|thinks)\b",
    re.IGNORECASE,
)


def whole_sentence(answer: Any) -> bool:
    """Whether an answer says a sentence of its own rather than naming who or what."""
    return bool(_FINITE_VERB.search(str(answer or "")))


def sentence(texts: Mapping[str, Any], language: str, own: bool, whole: bool = False, **values: str) -> str:
    """A draft sentence in `language` with the fitted answers in it (its [optional] parts only when
    their answers were given), its `self` form when the answer names the writer, its `whole` form
    when the answer is a sentence of its own, and a capital first."""
    chosen = (texts.get("self") if own else None) or (texts.get("whole") if whole else None) or texts
    template = keep_answered(str(chosen.get(language) or chosen.get("da") or ""), [k for k, v in values.items() if v])
    written = template.format(**values)
    return written[:1].upper() + written[1:]


def names_writer(step_spec: Mapping[str, Any], key: str, value: Any, fitted: Optional[str], language: str) -> bool:
    """The answer names the one writing: "mig" at a who-question, or a suggestion marked `self: true`."""
    if fitted == MYSELF.get(language):
        return True
    own = [s for options in (step_spec.get("suggestions") or {}).values() for s in options if s.get("self")]
    return any(str(value).strip() in (s.get("da"), s.get("en")) for s in own)


def fit(spec: Mapping[str, Any], answers: Mapping[str, Any], own_specs: Mapping[str, Mapping[str, Any]], language: str):
    """Every answer the draft (`spec`) names, fitted: people as they read mid-sentence, themes in quotes,
    words inside a sentence, a when-answer after another, and then each answer's own sentence."""
    fitted: Dict[str, str] = {key: person(answers[key], language) for key in spec.get("draft_people", []) if key in answers}
    fitted.update(quoted_themes(answers, spec.get("draft_themes", []), language))
    fitted.update({key: inside(answers[key], language) for key in spec.get("draft_words", []) if key in answers})
    fitted.update({key: following(answers[key], language) for key in spec.get("draft_following", []) if key in answers})
    for key, texts in (spec.get("draft_sentences") or {}).items():
        if key not in answers:
            continue
        own = names_writer(own_specs.get(key) or {}, key, answers[key], fitted.get(key), language)
        whole = not own and whole_sentence(answers[key])
        fitted[key] = sentence(texts, language, own, whole, **{**answers, **fitted})
    return fitted


# An optional part of a draft or a sentence: "[ …{sponsor}… ]" is written only when every answer it names was given
# (innermost first, so "[{involve_how}[{involve_when}]]" keeps what it can).
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_NAMED = re.compile(r"{(\w+)}")


def keep_answered(template: str, given: Iterable[str]) -> str:
    """The draft's template with the optional parts whose answers are missing left out."""
    given = set(given)
    previous = None
    while previous != template:
        previous = template
        template = _OPTIONAL.sub(lambda m: m.group(1) if set(_NAMED.findall(m.group(1))) <= given else "", template)
    return template


# Typed words at a draft that ask for another text rather than give one ("kan du gøre den kortere",
# "make it shorter", "skriv den om"). Short, so an own version of the message is never taken for one.
_SHORTER = re.compile(
    r"\b(?:kortere|forkort\w*|kort\w* ned|mindre tekst|færre ord|faerre ord|shorter|shorten|briefer|cut it down|"
    r"less text|fewer words)\b",
    re.IGNORECASE,
)
_REWRITE = re.compile(
    r"\b(?:skriv\w* (?:den|det|teksten|beskeden) om|omskriv\w*|lav\w* (?:den|det|teksten) om|ændr\w* (?:den|det|teksten)|"
    r"aendr\w* (?:den|det|teksten)|anden tekst|mere personlig|mere uformel|mindre formel|længere|laengere|"
    r"rewrite|re-write|reword|change the (?:text|wording|message)|make it (?:more|less|longer)|longer|"
    r"different wording|more personal|less formal)\b",
    re.IGNORECASE,
)
REQUEST_MAX_WORDS = 12
SHORTER, REWRITE = "shorter", "rewrite"


# With both versions shown, short words that pick one ("den korte er fin", "the long one please"): a user
# walk's "den korte er fin" was taken as their own message.
_PICKS_SHORT = re.compile(
    r"\b(?:den korte|korte udgave\w*|kort version|the short(?:er)? (?:one|version)|short one)\b", re.IGNORECASE
)
_PICKS_FULL = re.compile(
    r"\b(?:den lange|lange udgave\w*|den første|den foerste|den oprindelige|the long(?:er)? (?:one|version)|"
    r"the first one|the original|full version)\b",
    re.IGNORECASE,
)
SHORT, FULL = "short", "full"


def picked(text: str) -> Optional[str]:
    """SHORT or FULL when a few words pick one of the two versions shown, None otherwise."""
    if len(text.split()) > 8:
        return None
    short, full = bool(_PICKS_SHORT.search(text)), bool(_PICKS_FULL.search(text))
    return None if short == full else SHORT if short else FULL  # both named: no pick


def rework(text: str) -> Optional[str]:
    """SHORTER or REWRITE when the words ask for the draft to be changed, None when they are a text."""
    if len(text.split()) > REQUEST_MAX_WORDS:
        return None
    if _SHORTER.search(text):
        return SHORTER
    if _REWRITE.search(text):
        return REWRITE
    return None
