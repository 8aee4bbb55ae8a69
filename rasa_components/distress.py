"""The distress net: does a typed message signal acute distress, strain, or neither?

The logic lives here; the words and phrases live in data, in rasa_components/lexicon/
(read once, at import), so a reviewer can read and extend them without reading Python:

- distress_acute.yml, distress_strain.yml: the patterns, in named families
  ("the word suicide and its typos", "passive wishes", "burnt out", ...);
- idioms.yml: idioms that only look alarming, blanked out first;
- blocks.yml: building blocks the patterns write as <NAME> (<END>: the end of a clause, ...);
- words.yml: the word lists of the negation and subject checks;
- spellings.yml: the normalising replacements; checks.yml: the phrases of the negation checks.

Stdlib `re` and PyYAML only, so the actions, the NLU guard and the tests can all use it.
`tier(text)` returns ACUTE, STRAIN, TOLD or None.

- ACUTE: suicidal thoughts, self-harm, not wanting to live, "can't go on" about life
  itself, and the indirect ways people say it: passive wishes ("det ville være lettere
  hvis jeg ikke vågnede"), preparations (a farewell letter, giving things away, saving
  pills, "har googlet hvordan"), methods and places ("køre ind i et træ", "stood on the
  bridge and thought about jumping"), being a burden, death as relief.
  Missing one is the worst error this product can make, so the acute patterns
  lean towards recall: anything ambiguous about life itself counts.
- TOLD: the word suicide told of someone else as a fact ("kunden begik selvmord i sommer"),
  the writer saying nothing of themselves: the leader is asked gently whether they are having
  a hard time, and nothing is kept until they say. Any "jeg", "mig", "me", "I" keeps it ACUTE.
- STRAIN: strain about oneself that is not acute (burnt out, going down with stress,
  not sleeping, panic, crying at work, empty, "jeg kan ikke mere").
- None: an ordinary answer. Reflection answers are full of "stress", "træt", "nede",
  "ikke mere", "killing it", "dødtræt" and other people's stress; a false alarm teaches
  leaders to stop writing honestly, so strain only counts when it is about the writer.

How a message is read:
1. `normalise`: lower case, one kind of apostrophe, missing apostrophes restored
   ("dont" -> "don't", "im" -> "i'm"), a few Danish typos ("jg", "ik"), hyphens as
   spaces, whitespace collapsed (spellings.yml). Patterns are written with æ/ø/å but also
   match the ASCII spellings people type on foreign keyboards (ae/oe/aa, or plain a/o/e).
2. Fixed idioms that only look alarming ("suicide mission", "dø af grin",
   "cut myself some slack") are blanked out (idioms.yml).
3. Every pattern hit is then checked for
   - negation: "jeg har ALDRIG tænkt på selvmord", "I'm NOT burnt out" (see `_negated`);
   - whose state it is (see `_about_other` and `_about_self`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Pattern, Sequence, Set

import yaml

from rasa_components.typing import spelled_out

ACUTE = "acute"
STRAIN = "strain"
TOLD = "told"  # the word suicide told of someone else: the leader is asked gently, never assumed

# --------------------------------------------------------------------------------------
# Loading the lexicon (once, at import)
# --------------------------------------------------------------------------------------

LEXICON = Path(__file__).with_name("lexicon")
_BLOCK_NAME = re.compile(r"<([A-Z][A-Z0-9_]*)>")  # <END>: a regex never has "<" then a capital and ">"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(name: str) -> Dict[str, Any]:
    with open(LEXICON / name, encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)  # a safe loader (the C one where PyYAML has it)
    if not isinstance(data, dict):
        raise ValueError(f"{LEXICON / name}: expected a mapping at the top")
    return data


def _joined(value: Any, where: str) -> str:
    """A pattern: one string, or a list of pieces joined without spaces."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
        return "".join(value)
    raise ValueError(f"{where}: a pattern is a string or a list of strings, not {value!r}")


def _expander(raw: Dict[str, str]) -> Callable[[str, str], str]:
    """Fills in <NAME> building blocks (blocks may use other blocks)."""
    done: Dict[str, str] = {}

    def expand(text: str, where: str, stack: Sequence[str] = ()) -> str:
        def block(m: re.Match) -> str:
            name = m.group(1)
            if name not in raw:
                raise ValueError(f"{where}: no building block <{name}> in blocks.yml")
            if name in stack:
                raise ValueError(f"{where}: building block <{name}> uses itself")
            if name not in done:
                done[name] = expand(raw[name], f"blocks.yml {name}", (*stack, name))
            return done[name]

        return _BLOCK_NAME.sub(block, text)

    return expand


_expand = _expander({name: _joined(value, f"blocks.yml {name}") for name, value in _load("blocks.yml").items()})
BLOCKS: Dict[str, str] = {name: _expand(f"<{name}>", "blocks.yml") for name in _load("blocks.yml")}


def _families(file: str, key: str) -> Dict[str, List[str]]:
    """A list of families ({family: name, patterns: [...]}) as {name: [expanded pattern, ...]}."""
    out: Dict[str, List[str]] = {}
    for i, fam in enumerate(_load(file).get(key) or []):
        name = fam.get("family") if isinstance(fam, dict) else None
        patterns = fam.get("patterns") if isinstance(fam, dict) else None
        where = f"{file} {key} family {name or i + 1}"
        if not name or not patterns or name in out:
            raise ValueError(f"{where}: a family needs a new name and at least one pattern")
        out[name] = [_expand(_joined(p["match"] if isinstance(p, dict) else p, where), where) for p in patterns]
    if not out:
        raise ValueError(f"{file}: no families under {key}")
    return out


# The patterns by list and family, as the YAML names them: FAMILIES["acute"]["self-harm"].
FAMILIES: Dict[str, Dict[str, List[str]]] = {
    "acute": _families("distress_acute.yml", "acute"),
    "acute_unless_told_of_others": _families("distress_acute.yml", "acute_unless_told_of_others"),
    "acute_unless_other": _families("distress_acute.yml", "acute_unless_other"),
    "acute_self": _families("distress_acute.yml", "acute_self"),
    "strain": _families("distress_strain.yml", "strain"),
    "strain_self": _families("distress_strain.yml", "strain_self"),
    "idioms": _families("idioms.yml", "idioms"),
    "past": _families("past_and_over.yml", "past"),
    "over_now": _families("past_and_over.yml", "over_now"),
}


def _flat(key: str) -> List[str]:
    return [p for patterns in FAMILIES[key].values() for p in patterns]


# Unambiguous whoever the subject is: only negation and idioms can cancel them.
ACUTE_PATTERNS: List[str] = _flat("acute")
# Acute unless told of someone else, with nothing said of the writer (see `_told_of_others`).
ACUTE_UNLESS_TOLD: List[str] = _flat("acute_unless_told_of_others")
# Alarming about the writer, ordinary about someone or something else ("vi skal gøre en
# ende på det", "det tager livet af mig"). They count unless the nearest subject is
# someone/something else (see `_about_other`).
ACUTE_UNLESS_OTHER: List[str] = _flat("acute_unless_other")
# Only alarming when the writer says it of themselves, or says it bare (the
# message is just the phrase): "jeg har lyst til at forsvinde", but not "kunderne forsvinder".
ACUTE_SELF: List[str] = _flat("acute_self")
# Count when said of oneself or bare ("helt udbrændt", "burnt out").
STRAIN_PATTERNS: List[str] = _flat("strain")
# Nouns and clinical words: only when the writer says them of themselves
# ("jeg tror jeg har en burnout"), never bare ("burnout er et stort emne hos os").
STRAIN_SELF: List[str] = _flat("strain_self")
# Idioms that look alarming but are not: blanked out before matching.
IDIOMS: List[str] = _flat("idioms")

# --------------------------------------------------------------------------------------
# Word lists for the negation and subject checks (words.yml explains each)
# --------------------------------------------------------------------------------------

_WORDS = _load("words.yml")


def _words(name: str) -> Set[str]:
    value = _WORDS.get(name)
    if not isinstance(value, str) or not value.split():
        raise ValueError(f"words.yml: {name} must be words separated by spaces")
    return set(value.split())


def _spellings(words: Iterable[str]) -> Set[str]:
    """A word list plus the ASCII spellings of its Danish words (tænkt: taenkt, tenkt)."""
    out = set(words)
    for w in words:
        out.add(w.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
        out.add(w.replace("æ", "e").replace("ø", "o").replace("å", "a"))
    return out - {"far"}  # "får" without the ring is "far" (father): keep it out of the lists


NEGATORS = _words("NEGATORS")
NOT_A_NEGATION_AFTER = _words("NOT_A_NEGATION_AFTER")
RAISING = _words("RAISING")
NEUTRAL = _words("NEUTRAL")
SELF_WORDS = _words("SELF_WORDS")
SUBJECT_WORDS = _words("SUBJECT_WORDS")
OWN_WORDS = (SELF_WORDS - {"i"}) | _words("OWN_WORDS")
ARTICLES = _words("ARTICLES")
OTHER_WORDS = ARTICLES | _words("OTHER_WORDS")
FIRST_PERSON = (SELF_WORDS - {"i"}) | SUBJECT_WORDS | _words("FIRST_PERSON")
ENGLISH_MARKS = _words("ENGLISH_MARKS")
THIRD_PERSON = _words("THIRD_PERSON")
SUICIDE_TOPIC = _words("SUICIDE_TOPIC")
TOPIC_LINKS = {"af", "of", "om", "on", "mod", "against", "for"}
LINK = (NEUTRAL | _words("LINK")) - (OTHER_WORDS - _words("LINK_KEEPS")) - NEGATORS

NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING = (
    _spellings(ws) for ws in (NEGATORS, NEUTRAL, SELF_WORDS, SUBJECT_WORDS, OWN_WORDS, OTHER_WORDS, LINK, RAISING)
)

HARD_BOUNDARY = _words("HARD_BOUNDARY")
SOFT_BOUNDARY = HARD_BOUNDARY | _words("SOFT_BOUNDARY")

# --------------------------------------------------------------------------------------
# Normalising and compiling
# --------------------------------------------------------------------------------------

_REPLACEMENTS = [(r["find"], r["replace"]) for r in _load("spellings.yml")["replacements"]]
_COMPILED_REPLACEMENTS = [(re.compile(a), b) for a, b in _REPLACEMENTS]


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, common spellings evened out, whitespace collapsed."""
    text = (text or "").lower()
    for pattern, replacement in _COMPILED_REPLACEMENTS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _fold(pattern: str) -> str:
    """Let æ/ø/å in a pattern also match the ASCII spellings (ae, oe, aa, or a plain vowel)."""
    return pattern.replace("æ", "(?:æ|ae|e)").replace("ø", "(?:ø|oe|o)").replace("å", "(?:å|aa|a)")


def _compile(patterns: Iterable[str]) -> List[Pattern[str]]:
    return [re.compile(_fold(p)) for p in patterns]


_ACUTE = _compile(ACUTE_PATTERNS)
_ACUTE_UNLESS_TOLD = _compile(ACUTE_UNLESS_TOLD)
_ACUTE_UNLESS_OTHER = _compile(ACUTE_UNLESS_OTHER)
_ACUTE_SELF = _compile(ACUTE_SELF)
_STRAIN = _compile(STRAIN_PATTERNS)
_STRAIN_SELF = _compile(STRAIN_SELF)
_IDIOMS = _compile(IDIOMS)
_PAST = _compile(_flat("past"))
_OVER_NOW = _compile(_flat("over_now"))
_TOKEN = re.compile(r"[\w']+|[.,;:!?]")
# The negation coming after: "selvmordstanker har jeg ikke" (checks.yml).
_CHECKS = _load("checks.yml")
_AFTER_NEGATION = re.compile(_fold(_expand(_joined(_CHECKS["AFTER_NEGATION"], "checks.yml"), "checks.yml")))

# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------


def _tokens_before(text: str, start: int) -> List[str]:
    return _TOKEN.findall(text[:start])


def _negated(text: str, start: int, end: int) -> bool:
    """Is the phrase at text[start:end] negated as a whole?

    Walks back from the phrase over neutral words ("har", "tænkt", "på", "any", ...) and
    counts negations; stops at any other word or at a clause boundary. An odd count
    negates: "jeg har ALDRIG tænkt på selvmord", but "jeg kan IKKE sige at jeg IKKE har
    tænkt på selvmord" does not; "I can't STOP thinking about suicide" stops at "stop".
    Also a Danish statement put the other way round: "selvmordstanker har jeg ikke",
    "selvmord? nej".
    """
    count = 0
    before = _tokens_before(text, start)
    following = None
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in SOFT_BOUNDARY:
            break
        if word in NEGATORS or word.endswith("n't"):
            if following in SUBJECT_WORDS | {"i"} and (i == 0 or before[i - 1] not in RAISING):
                break  # "de ved det ikke jeg har tænkt på selvmord": a new clause without a comma
            if following not in NOT_A_NEGATION_AFTER:
                count += 1
        elif word not in NEUTRAL:
            break
        following = word
    if count % 2:
        return True
    after = text[end:]
    if " " not in text[start:end].strip() and re.match(r"^ (?:ikke|aldrig|not|never)\b", after):
        return True  # a verb negated after it: "jeg græder ikke på arbejdet"
    return bool(_AFTER_NEGATION.match(after))


def _about_other(text: str, start: int, match_text: str) -> bool:
    """For ACUTE_UNLESS_OTHER: is the nearest subject before the phrase someone else?"""
    if any(w in SUBJECT_WORDS for w in _TOKEN.findall(match_text)):
        return False
    for word in reversed(_tokens_before(text, start)):
        if word in HARD_BOUNDARY:
            return False
        if word in SELF_WORDS:
            return False
        if word in OTHER_WORDS:
            return True
    return False


def _told_of_others(text: str, start: int, match_text: str) -> bool:
    """For ACUTE_UNLESS_TOLD: a person other than the writer is the nearest subject before the word
    ("kunden begik selvmord", "one of my staff lost her husband to suicide"), and the writer says
    nothing of themselves anywhere in the message: no "jeg", "mig", "I" (English only: in Danish "i"
    is "in"), no "man", no "min"/"my" before anything but a person ("mine tanker", "my thoughts").
    An article alone is no one ("et selvmord virker som eneste udvej"): acute."""
    for word in reversed(_tokens_before(text, start)):
        if word in HARD_BOUNDARY:
            return False
        if word in THIRD_PERSON:
            return not _names_the_writer(_TOKEN.findall(text))
    return False


def _a_topic(text: str, start: int, end: int) -> bool:
    """For ACUTE_UNLESS_TOLD: the word suicide as a topic of work, and the writer says nothing of
    themselves: a compound that ends in a topic word ("selvmordsforebyggelse"), a topic word right after
    it in the same clause ("suicide prevention procedure"), or one before it with "af"/"of"/"on" between
    ("forebyggelse af selvmord", "a policy on suicide"); words.yml SUICIDE_TOPIC. Never its own
    thoughts ("selvmordstanker", "suicidal"), nor a topic word a full stop or a comma away ("selvmord,
    beredskab?", "suicide. training done")."""
    word = text[start:end]
    after = re.match(r"\s+(\w+)", text[end:])
    before = _tokens_before(text, start)[-2:]
    topical = (
        any(word.endswith(t) for t in SUICIDE_TOPIC)
        or bool(after and after.group(1) in SUICIDE_TOPIC)
        or (len(before) == 2 and before[0] in SUICIDE_TOPIC and before[1] in TOPIC_LINKS)
    )
    return topical and not _names_the_writer(_TOKEN.findall(text))


def _names_the_writer(words: List[str]) -> bool:
    english = bool(ENGLISH_MARKS & set(words))
    for i, word in enumerate(words):
        if word in FIRST_PERSON or word == "man" or (english and word == "i"):
            return True
        if word in OWN_WORDS and not (i + 1 < len(words) and words[i + 1] in THIRD_PERSON):
            return True  # "mine tanker", "my mind"; not "my staff", "min kollega"
    return False


def _about_self(text: str, start: int, match_text: str, bare_ok: bool) -> bool:
    """Is the phrase said of the writer ("jeg er [helt] udbrændt") or said bare ("helt udbrændt")?

    Walks back over linking words only: any other word (a noun, another subject) means
    the phrase is about something else. At "og"/"and" the phrase shares the subject of
    the clause before it ("jeg er træt og udbrændt"), so the walk goes on looking for a
    subject, skipping words, until it meets the writer or someone else.
    """
    if any(w in OWN_WORDS for w in _TOKEN.findall(match_text)):
        return True
    shared = False
    for word in reversed(_tokens_before(text, start)):
        if word in HARD_BOUNDARY:
            return bare_ok
        if word in SELF_WORDS:
            return True
        if word in ("og", "and"):
            shared = True
            continue
        if shared:
            if word in OTHER_WORDS:
                return False
            continue
        if word not in LINK:
            return False
    return bare_ok


def _hits(patterns: Sequence[Pattern[str]], text: str):
    for pattern in patterns:
        yield from pattern.finditer(text)


def _blank_idioms(text: str) -> str:
    for pattern in _IDIOMS:
        text = pattern.sub(" idiom ", text)
    return re.sub(r"\s+", " ", text)


# Strain that has not happened: "spørge om hjælp før jeg drukner", "so I don't burn out" (checks.yml).
# Only strain: "before I kill myself" stays acute.
_NOT_YET = re.compile(_expand(_joined(_CHECKS["NOT_YET"], "checks.yml"), "checks.yml"))  # not folded


def _not_yet(text: str, start: int) -> bool:
    return bool(_NOT_YET.search(text[:start]))


def told_as_over(text: str) -> bool:
    """A crisis told as past and over, with how things are now (lexicon/past_and_over.yml)."""
    clean = normalise(spelled_out(text))
    return any(p.search(clean) for p in _PAST) and any(p.search(clean) for p in _OVER_NOW)


def tier(text: str) -> Optional[str]:
    """ACUTE, STRAIN or None for a message a leader typed."""
    clean = _blank_idioms(normalise(spelled_out(text)))  # shorthand written out: "jg ka ik mer"
    if not clean:
        return None
    for m in _hits(_ACUTE, clean):
        if not _negated(clean, m.start(), m.end()):
            return ACUTE
    told = False
    for m in _hits(_ACUTE_UNLESS_TOLD, clean):
        if not _negated(clean, m.start(), m.end()):
            if not (_told_of_others(clean, m.start(), m.group()) or _a_topic(clean, m.start(), m.end())):
                return ACUTE
            told = True
    for m in _hits(_ACUTE_UNLESS_OTHER, clean):
        if not _negated(clean, m.start(), m.end()) and not _about_other(clean, m.start(), m.group()):
            return ACUTE
    for m in _hits(_ACUTE_SELF, clean):
        if not _negated(clean, m.start(), m.end()) and _about_self(clean, m.start(), m.group(), bare_ok=True):
            return ACUTE
    if told:
        return TOLD  # asked gently, before any strain: the ask covers it
    for m in _hits(_STRAIN, clean):
        if (
            not _negated(clean, m.start(), m.end())
            and not _not_yet(clean, m.start())
            and _about_self(clean, m.start(), m.group(), bare_ok=True)
        ):
            return STRAIN
    for m in _hits(_STRAIN_SELF, clean):
        if (
            not _negated(clean, m.start(), m.end())
            and not _not_yet(clean, m.start())
            and _about_self(clean, m.start(), m.group(), bare_ok=False)
        ):
            return STRAIN
    return None


__all__ = [
    "ACUTE",
    "STRAIN",
    "TOLD",
    "tier",
    "normalise",
    "ACUTE_PATTERNS",
    "ACUTE_UNLESS_TOLD",
    "ACUTE_UNLESS_OTHER",
    "ACUTE_SELF",
    "STRAIN_PATTERNS",
    "STRAIN_SELF",
    "IDIOMS",
    "FAMILIES",
    "BLOCKS",
    "LEXICON",
]
