"""Which option a typed answer to a button question means, and whether it was said or inferred.

A tap sends the option's value. Typed words are matched to the options, most plainly first:
the option's label (also typed without æ/ø/å), a plain yes/no to a yes/no question, or a way to
say it listed under the option's `says:` in the tool's YAML. Anything else is inferred, and the
form reads it back before it is kept: the option's words at the start of a sentence ("sjældent,
vi har haft det oppe en gang i år"), or anywhere when only one option is named, typos ("sjældnt",
rapidfuzz), hedged words ("nok sjældent"), nearly the first or last option as the one next to it
("næsten aldrig", "mest gjort"), a yes followed by which yes ("yes, Mette in HR owns
it"). Words that say nothing about the options give None: the form offers the buttons.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz.distance import DamerauLevenshtein

import catalogue
from actions import frequency
from catalogue import Step
from rasa_components.corrections import corrected_to
from rasa_components.scribe import without_instruction
from rasa_components.typing import emoji_said, spelled_out

# How a choice was found. The first three are the option as the leader said it; the rest are read back.
VALUE, LABEL, YES_NO, SAID = "value", "label", "yes_no", "said"
START, NAMED, TYPO, WORDS, HEDGED, CORRECTED = "start", "named", "typo", "words", "hedged", "corrected"
PLAIN = (VALUE, LABEL, YES_NO)


def _spaced(words: str) -> FrozenSet[str]:
    return frozenset(words.split())


# Words that fill a sentence's start without meaning anything ("øh ja", "well, rarely").
FILLERS = _spaced("oeh oehm oehh oh hmm hm tja nja naa naah well um umm uh erm altsaa altsa ok okay jamen jamaen")
# Words that make an answer a guess ("nok", "næsten", "I guess"): what they point at is read back.
HEDGES = _spaced(
    "maaske maske nok vel vist formentlig sandsynligvis naesten nasten naermest narmest cirka ca omtrent "
    "tror taenker tanker gaetter gatter halvt delvist maybe perhaps probably possibly almost nearly hardly "
    "roughly guess suppose reckon think kinda sorta partly mostly prob prolly probs"
)
# Hedges that say how near, not how sure ("ca. 5", "næsten færdig"): what they point at is not exact.
APPROXIMATE = _spaced("ca cirka omtrent naesten nasten naermest narmest roughly almost nearly hardly")
# Hedges that only say how sure the leader is ("vi er vel 4", "mandag tror jeg"): left out of what is printed.
DOUBTS = HEDGES - APPROXIMATE - _spaced("halvt delvist partly mostly")
# A yes or a no and nothing else: to what we read back it takes or turns it down, even where an
# option is called "Nej" ("no" under "I'll put down “It's on its way”" is not the option "No").
BARE_YES_NO = frozenset(
    (w,) for w in ["ja", "jo", "jep", "yes", "yep", "yeah", "yup", "nej", "nej", "nope", "nah", "no", "nix", "y", "j", "n"]
)
# A word before the first or last option's words that means the one next to it ("mest gjort",
# "almost always"): read back as that one.
NEARLY = _spaced("naesten nasten naermest narmest almost nearly")
# "mest gjort", "mostly done": only done has a "mostly" that means not quite.
MOSTLY = _spaced("mest mostly")
# A word before an option's words that turns them round ("ikke jævnligt", "kom aldrig i gang").
NEGATIONS = _spaced("ikke ik ikk aldrig hverken ingen intet never not no nobody none")
# Words that may stand between the negation and what it negates ("ikke så ofte").
BETWEEN = _spaced("saa sa so very that helt rigtig rigtigt saerlig saerligt specielt really particularly too one")

# A typo is one slip (a letter wrong, missing, extra or two swapped: "sjældnt", "gjrot") in a word
# of at least TYPO_MIN_CHARS letters, two in a long one; short words only as typed ("igen" is not
# "ingen"). Counted by rapidfuzz's Damerau-Levenshtein distance on the folded spelling.
TYPO_MIN_CHARS = 5
TYPO_TWO_CHARS = 9


@dataclass(frozen=True)
class Choice:
    """The option meant, and how it was found (VALUE, LABEL, YES_NO: as said; the rest: inferred, read back)."""

    value: str
    how: str

    @property
    def inferred(self) -> bool:
        return self.how not in PLAIN


UNCLEAR = Choice("", "unclear")  # words that say two things ("nej, jeg har en chef"): the buttons decide


# -- words ------------------------------------------------------------------------------


def words(text: str) -> List[str]:
    return [w.strip(".,!?:;\"'()").lower() for w in text.replace("’", "'").split()]


_FOLD = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}
_PLAIN_FOLD = {"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"}


def fold(text: str, plain: bool = False) -> str:
    """Lower case without æ/ø/å: "Sjældent" -> "sjaeldent" (plain: "sjaldent"), as phones type it."""
    text = text.lower().replace("’", "'").replace("`", "'")
    for letter, spelled in (_PLAIN_FOLD if plain else _FOLD).items():
        text = text.replace(letter, spelled)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_WORD = r"[a-z0-9]+(?:'[a-z]+)?"


def tokens(text: str, plain: bool = False) -> Tuple[str, ...]:
    """The words, with the apostrophe left out as phones leave it ("it's" and "its" alike)."""
    # a letter held down for emphasis ("jaaa", "neeej", "yesss") is the word; an emoji alone says its
    # words ("👍" under "…passer det?" takes what was read back: a walk's was printed as the date)
    said = emoji_said(text) or text
    return tuple(_HELD.sub(r"\1", w.replace("'", "")) for w in re.findall(_WORD, fold(said, plain)))


_HELD = re.compile(r"([a-z])\1{2,}")


def _clauses(text: str) -> FrozenSet[int]:
    """The words that open a clause (after , . ; : ! ? or a dash): a negation ends there ("no, planned ones")."""
    opened, count = set(), 0
    for part in re.findall(_WORD + r"|[,.;:!?–—]|\s-\s", fold(text)):
        if re.fullmatch(_WORD, part):
            count += 1
        else:
            opened.add(count)
    return frozenset(opened)


def _spellings(text: str) -> FrozenSet[Tuple[str, ...]]:
    """A phrase as typed with æ/ø/å spelled out or as plain vowels."""
    return frozenset(t for t in (tokens(text), tokens(text, plain=True)) if t)


def is_negation(word: str) -> bool:
    """A word that turns what follows round ("ikke", "not", "aldrig")."""
    return _negation(word)


def _negation(word: str) -> bool:
    return word in NEGATIONS or (word.endswith("nt") and word[:-2] in _NT)


# "don't", "isn't", "can't" … as tokens spell them, without the apostrophe.
_NT = _spaced("do does did is are was were have has had ca could wo would should must need")


# -- yes and no -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _yes_no_words() -> Dict[str, FrozenSet[Tuple[str, ...]]]:
    common = catalogue.common()
    return {
        value: frozenset(t for phrase in common[key] for t in _spellings(phrase))
        for value, key in (("yes", "yes_words"), ("no", "no_words"))
    }


@functools.lru_cache(maxsize=1)
def _not_a_no() -> FrozenSet[Tuple[str, ...]]:
    return frozenset(t for phrase in catalogue.common()["not_a_no"] for t in _spellings(phrase))


_LETTER_ANSWERS = {"y": "yes", "j": "yes", "n": "no"}


def _yes_no_head(typed: Sequence[str]) -> Optional[Tuple[str, int]]:
    """("yes"|"no", how many words say it) when the words start with a yes or a no. A single letter
    is a yes or a no only alone ("y" at a read-back printed »When: Y«; "y would i" asks why)."""
    if len(typed) == 1 and typed[0] in _LETTER_ANSWERS:
        return _LETTER_ANSWERS[typed[0]], 1
    if any(tuple(typed[: len(idiom)]) == idiom for idiom in _not_a_no()):
        return None  # "no idea"
    said = _yes_no_words()
    for n in (4, 3, 2, 1):
        head = tuple(typed[:n])
        if len(head) == n:
            for value in ("yes", "no"):
                if head in said[value]:
                    return value, n
    return None


def yes_or_no(text: str) -> Optional[str]:
    """ "yes", "no" or None for a typed reply to a yes/no question ("ja tak", "nope not really"); a yes
    turned round by a negation right after it ("det passer nok ikke", "korrekt ikke") is neither."""
    typed = tokens(text)
    start = _skip(typed, FILLERS)
    head = _yes_no_head(typed[start:])
    if head and head[0] == "yes":
        after = typed[start + head[1] : start + head[1] + 3]
        opened = _clauses(text)
        if any(_negation(w) and start + head[1] + i not in opened for i, w in enumerate(after)):
            return None
    return head[0] if head else None


_THANKS = ({"tak"}, {"thanks"}, {"please"}, {"tusind", "tak"}, {"thank", "you"})


def bare_yes_or_no(text: str) -> bool:
    """A yes or a no and nothing else ("no", "nej tak", "nope!")."""
    return _unpolite(tokens(text)) in BARE_YES_NO


def _unpolite(typed: Tuple[str, ...]) -> Tuple[str, ...]:
    for n in (2, 1):
        if len(typed) > n and set(typed[-n:]) in _THANKS:
            return typed[:-n]
    return typed


def _skip(typed: Sequence[str], skipped: Iterable[str]) -> int:
    skipped = set(skipped)
    at = 0
    while at < len(typed) and typed[at] in skipped:
        at += 1
    return at


# -- the options of a step ----------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    value: str
    words: Tuple[str, ...]
    label: bool  # the option's label (else one of its `says:`)


def _phrases(step: Step) -> Tuple[_Phrase, ...]:
    found = []
    for option in step.spec["options"]:
        for label in option["label"].values():
            found += [_Phrase(option["value"], t, True) for t in _spellings(label)]
        for said in option.get("says", []):
            found += [_Phrase(option["value"], t, False) for t in _spellings(said)]
    return tuple(dict.fromkeys(found))


def _polarity(step: Step) -> Dict[str, Optional[str]]:
    """Each option's yes or no: its value, or the first words of its label ("Ja, planlagte", "Nej")."""
    found: Dict[str, Optional[str]] = {}
    for option in step.spec["options"]:
        value = option["value"]
        said = value if value in ("yes", "no") else None
        for label in (option["label"].get("da", ""), option["label"].get("en", "")):
            head = _yes_no_head(tokens(label))
            said = said or (head[0] if head else None)
        found[value] = said
    return found


def _is_yes_no_step(step: Step) -> bool:
    """A question answered by yes or no: one option says yes, the other no, and there are no others."""
    said = list(_polarity(step).values())
    return sorted(s or "" for s in said) == ["no", "yes"]


# -- finding the options named in the words -------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str
    typo: bool


# Letters that sound alike to a Dane, as people who write little spell them ("drobbet", "vert kvartal",
# "gjordt"): a word is also compared by its sound, soft and hard consonants and doubled letters alike.
_SOUNDS = (("hv", "v"), ("ae", "e"), ("oe", "o"), ("aa", "o"), ("b", "p"), ("d", "t"), ("g", "k"), ("w", "v"))


def _sound(word: str) -> str:
    for spelled, said in _SOUNDS:
        word = word.replace(spelled, said)
    return re.sub(r"(.)\1+", r"\1", word)


def sounds_like(typed: str, meant: str) -> bool:
    """A word typed for another with a slip of the finger or of the ear ("sparing" for "sparring")."""
    return _typo(typed, meant)


def _typo(typed: str, meant: str) -> bool:
    """A slip of the finger or of the ear: the same first letter, long enough, one edit (two in a long
    word), as typed or as said; or the same sound ("vert" for "hvert")."""
    if min(len(typed), len(meant)) >= TYPO_MIN_CHARS - 1 and _sound(typed) == _sound(meant):
        return True
    if len(typed) < TYPO_MIN_CHARS or len(meant) < TYPO_MIN_CHARS:
        return False
    most = 2 if len(meant) >= TYPO_TWO_CHARS else 1
    return any(
        a[0] == b[0] and DamerauLevenshtein.distance(a, b, score_cutoff=most) <= most
        for a, b in ((typed, meant), (_sound(typed), _sound(meant)))
    )


def _hits(
    step: Step, typed: Sequence[str], values: Optional[Iterable[str]] = None, opened: FrozenSet[int] = frozenset()
) -> List[_Hit]:
    """Where the options' labels and `says:` phrases stand in the words (also with a typo), the
    ones negated ("ikke jævnligt") and those inside a longer one ("aldrig i gang") left out.
    `opened`: the words that open a clause (a negation does not reach past a comma)."""
    allowed = set(values) if values is not None else None
    found: List[_Hit] = []
    for phrase in _phrases(step):
        if allowed is not None and phrase.value not in allowed:
            continue
        n = len(phrase.words)
        for at in range(len(typed) - n + 1):
            window = tuple(typed[at : at + n])
            if window == phrase.words:
                found.append(_Hit(at, at + n, phrase.value, False))
            elif all(w == m or _typo(w, m) for w, m in zip(window, phrase.words)):
                found.append(_Hit(at, at + n, phrase.value, True))
    starts = {h.start for h in found}  # "sjældent, ikke ofte": a negation before another option's words is that one's
    found = [
        h
        for h in found
        if not _negated(typed, h.start, opened) and not (_negated_after(typed, h, opened) and h.end + 1 not in starts)
    ]
    return [
        h
        for h in found
        if not any(o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start) for o in found)
    ]


def _negated(typed: Sequence[str], start: int, opened: FrozenSet[int]) -> bool:
    if start in opened:
        return False
    before = start - 1
    if before >= 1 and typed[before] in BETWEEN and before not in opened:
        before -= 1
    return before >= 0 and _negation(typed[before])


_NO_WORDS = _spaced("nej no nope nah")


def _negated_after(typed: Sequence[str], hit: _Hit, opened: FrozenSet[int]) -> bool:
    """ "det virker ikke", "gik ikke godt": the negation after the verb, as Danish puts it (not for words
    that say no themselves: "nej, ikke endnu")."""
    said = typed[hit.start : hit.end]
    if any(_negation(w) or w in _NO_WORDS for w in said):
        return False
    return hit.end < len(typed) and hit.end not in opened and _negation(typed[hit.end])


def _one(hits: Sequence[_Hit]) -> Optional[_Hit]:
    """The one option the hits name (as typed rather than with a typo, if both), or None."""
    plain = [h for h in hits if not h.typo] or list(hits)
    values = {h.value for h in plain}
    return plain[0] if len(values) == 1 else None


def _named(
    step: Step, typed: Sequence[str], opened: FrozenSet[int] = frozenset(), values: Optional[Iterable[str]] = None
) -> Optional[Choice]:
    """The option whose words start the answer, else the only option named in it (among `values`)."""
    hits = _hits(step, typed, values, opened)
    if not hits:
        return None
    outranking = _outranking(step, hits, typed)
    if outranking is not None:
        return Choice(outranking, NAMED)
    first = _skip(typed, FILLERS)
    leading = _one([h for h in hits if h.start == first])
    if leading is not None:
        return Choice(leading.value, TYPO if leading.typo else START)
    only = _one(hits)
    if only is not None:
        return Choice(only.value, TYPO if only.typo else NAMED)
    # several named: the one a group says it landed on ("Lars sagde aldrig, men vi endte på sjældent")
    settled = _one([h for h in hits if any(tuple(typed[max(0, h.start - len(s)) : h.start]) == s for s in SETTLED)])
    if settled is not None:
        return Choice(settled.value, NAMED)
    return None


# Words that say something is missing or uncertain ("tovholder mangler", "owner TBD", "men").
_LACKING = _spaced("mangler mangel uklart uklar uafklaret men tbd missing lacking unclear but")


def _outranking(step: Step, hits: Sequence[_Hit], typed: Sequence[str]) -> Optional[str]:
    """The option named beside others that it says and more (`outranks:`): "planlagt, og Mette er
    tovholder" is planned and owned, the higher step."""
    named = {h.value for h in hits if not h.typo}
    if any(_negation(w) or w in _LACKING for w in typed):
        return None  # "planlagt, men der mangler en tovholder": the words say less, not more
    for option in step.spec["options"]:
        value = str(option["value"])
        if value in named and len(named) > 1 and named - {value} <= {str(v) for v in option.get("outranks", [])}:
            return value
    return None


# Words before an option that say it is what was decided, when several are named.
SETTLED = frozenset(
    tuple(p.split())
    for p in ["enige om", "endte paa", "endte med", "landede paa", "lander paa", "agreed on", "settled on", "landed on"]
)


def _closest_label(step: Step, typed: Sequence[str]) -> Optional[str]:
    """The option whose label shares most of its words with the typed text (at least half);
    never when something in it is negated ("det er ikke på vej")."""
    if any(_negation(w) for w in typed):
        return None
    said = set(typed)
    scored = []
    for option in step.spec["options"]:
        for label in option["label"].values():
            label_words = set(tokens(label))
            shared = label_words & said
            if len(label_words) == 1 and len(said) > 3:
                continue  # "Ingen" or "Nej" inside a long sentence says little about which option is meant
            if label_words and any(len(w) > 2 for w in shared):  # "i" or "at" alone says nothing
                scored.append((len(shared) / len(label_words), option["value"]))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] < scored[0][0] or scored[1][1] == scored[0][1]):
        return scored[0][1]
    return None


# -- the answer -----------------------------------------------------------------------------


def choose(step: Step, value: Any, language: str = "da") -> Optional[Choice]:
    """The option a tapped or typed answer means and how it was found, or None when unclear. In English,
    chat letters are written out only when the words as typed match nothing ("u dont say that here"):
    the lexicon's shorthand is Danish ("MD" is "måned" there)."""
    chosen = _choose(step, value, language)
    handed = without_instruction(value) if isinstance(value, str) else value
    if handed != value:  # "sæt kryds ved ja", "han siger aldrig nogensinde": the answer handed over
        bare = _choose(step, handed, language)
        if bare is not None and (chosen is None or (bare.how in (*PLAIN, SAID) and chosen.how not in (*PLAIN, SAID))):
            chosen = bare
    if chosen is None and language != "da":
        typed = str(value).strip()
        spelled = _ENGLISH_SHORT.sub(lambda m: _ENGLISH_WORDS[m.group(0).lower()], typed)
        if spelled != typed:
            return _choose(step, spelled, language)
    return chosen


# English chat letters for words ("u dont say that here"), written out at a button question only.
_ENGLISH_WORDS = {"u": "you", "ur": "your", "r": "are", "y": "why", "n": "and", "w": "with", "bc": "because", "cuz": "because"}
_ENGLISH_SHORT = re.compile(r"\b(?:" + "|".join(_ENGLISH_WORDS) + r")\b", re.IGNORECASE)


def _choose(step: Step, value: Any, language: str = "da") -> Optional[Choice]:
    text = str(value).strip()  # "👍" alone says yes, in either language: tokens() reads an emoji alone
    if language == "da":  # Danish phone shorthand written out ("det blev ik til noget"; "MD" is a title in English)
        text = spelled_out(text)
    values = [o["value"] for o in step.spec["options"]]
    if text in values:
        return Choice(text, VALUE)
    # "sjældent.. nej vent, aldrig", "sjældent.. nej aldrig": the option corrected to, read back
    corrected = corrected_to(text, lambda said: choose(step, said, language) is not None)
    if corrected:
        meant = choose(step, corrected, language)
        if meant is not None:
            return Choice(meant.value, CORRECTED)
    typed = tokens(text)
    if not typed:
        return None
    hedged = any(w in HEDGES for w in typed)
    core = _unpolite(typed)  # "Sjældent tak" is the label
    whole = [p for p in _phrases(step) if p.words in (typed, core)]
    if len({p.value for p in whole}) == 1:
        how = LABEL if any(p.label for p in whole) else SAID
        return Choice(whole[0].value, HEDGED if hedged and how == LABEL else how)
    opened = _clauses(text)
    turned = _no_then_named(step, typed, opened)
    if turned is not None:
        return turned
    chosen = _yes_no(step, typed, opened, hedged) or _named(step, typed, opened)
    if chosen is UNCLEAR:
        return None
    if chosen is not None:
        inward = _next_to(step, typed, chosen.value, opened)
        if inward is not None:
            return Choice(inward, HEDGED)
        return Choice(chosen.value, HEDGED) if hedged and not chosen.inferred else chosen
    # "2-3 gange årligt": how often, as a count; only where no option's words and no negation are in
    # it ("ledermøde hver uge, men trivsel aldrig" counts the meetings; "ikke 1 gang i år" is never).
    counted = frequency.option_for(step.spec["options"], text)  # None at once where no option says how often
    if counted is not None and not _hits(step, typed) and not any(_negation(w) for w in typed):
        return Choice(counted, WORDS)
    closest = _closest_label(step, typed)
    return Choice(closest, WORDS) if closest else None


def _no_then_named(step: Step, typed: Sequence[str], opened: FrozenSet[int]) -> Optional[Choice]:
    """ "nej, i gang", "no, under way": a no, then the option meant. Where a no is itself an option's word
    ("nej" is dropped at a follow-up status), the option named after it wins (a walk's "nej i gang" under
    "Jeg skriver »Gjort« – passer det?" was read as dropped)."""
    if len(typed) < 2 or yes_or_no(typed[0]) != "no" or _is_yes_no_step(step):
        return None  # at a yes/no question "nej, jeg har en chef" says both, and _yes_no weighs it
    rest = frozenset(i - 1 for i in opened if i >= 1)
    named = _named(step, typed[1:], rest)
    alone = _named(step, typed[:1], frozenset())
    if alone is None or not named or named is UNCLEAR or alone.value == named.value:
        return None  # elsewhere a no before an option is weighed by _yes_no
    if _polarity(step).get(named.value) == "yes":
        return None  # "nej, vi har en plan": a no, then a yes's words, says both
    return Choice(named.value, CORRECTED)


def _next_to(step: Step, typed: Sequence[str], value: str, opened: FrozenSet[int]) -> Optional[str]:
    """The option next to the first or last one of a scale (a maturity step's 1-5, or a status's
    done) when its words follow "nearly" ("næsten aldrig": rarely, "mest gjort": under way); else None.
    Themes and options outside a scale ("Jeg er selv topledelsen") have no next one."""
    values = [o["value"] for o in step.spec["options"]]
    scale = [v for v in values if v.isdigit()]
    if value == "done" and "ongoing" in values:
        nearly, inward = NEARLY | MOSTLY, "ongoing"
    elif len(scale) >= 3 and value in (scale[0], scale[-1]):
        nearly, inward = NEARLY, scale[1] if value == scale[0] else scale[-2]
    else:
        return None
    for hit in _hits(step, typed, [value]):
        if hit.start in opened:
            continue  # "det der fylder mest, aldrig": the word before belongs to the clause before
        before = typed[max(0, hit.start - 2) : hit.start]
        if (before and before[-1] in nearly) or tuple(before) == ("stort", "set"):
            return inward
        # "gjort næsten", "done mostly": said after, in the same clause (a walk's was read back as done)
        if hit.end < len(typed) and hit.end not in opened and typed[hit.end] in nearly and value == "done":
            return inward
    return None


def choice_value(step: Step, value: Any, language: str = "da") -> Optional[str]:
    """The option a tapped or typed answer means, or None when unclear (`choose` says how sure)."""
    chosen = choose(step, value, language)
    return chosen.value if chosen else None


def _yes_no(step: Step, typed: Sequence[str], opened: FrozenSet[int], hedged: bool) -> Optional[Choice]:
    """An answer that starts with a yes or a no ("ja, jeg har en chef", "yes, Mette in HR owns it")."""
    start = _skip(typed, FILLERS | HEDGES)
    head = _yes_no_head(typed[start:])
    if head is None:
        return None
    first = _skip(typed, FILLERS)
    if first < start and any(h.start == first for h in _hits(step, typed, None, opened)):
        return None  # "næsten aldrig, men ...": the hedge belongs to an option's words, which decide
    said, length = head
    offset = start + length
    rest, rest_opened = typed[offset:], frozenset(i - offset for i in opened if i >= offset)
    polarity = _polarity(step)
    meant = [value for value, p in polarity.items() if p == said]
    if not meant:
        return None  # no option says yes or no ("Sjældent"): the words decide
    if _is_yes_no_step(step):
        other = [value for value in polarity if value not in meant]
        # An other option's words right after the meant option's, in the same clause, name whom it is
        # about ("yes, I report to the owner"); anywhere else they say the opposite ("nej, jeg har en
        # chef", "nej, jeg er medejer, men jeg har en chef").
        said_here = _hits(step, rest, meant, rest_opened)
        if any(not h.typo and not _object_of(h, said_here, rest, rest_opened) for h in _hits(step, rest, other, rest_opened)):
            return UNCLEAR  # the words say both
        return Choice(meant[0], HEDGED if hedged else YES_NO)
    # Several options: what follows may name one ("ja, det er på vej"), or say which yes it is
    # ("yes, HR owns it"); never one that says the opposite ("nej, vi har en plan").
    named = _named(step, rest, rest_opened)
    if named is None:
        # Several named: the one that says the same yes ("jo da, der er en plan, men ingen ejer den")
        named = _named(step, rest, rest_opened, [value for value, p in polarity.items() if p in (None, said)])
    if named is not None:
        opposite = polarity.get(named.value) not in (None, said)
        return UNCLEAR if opposite else Choice(named.value, START)
    if len(meant) == 1:
        return Choice(meant[0], START)
    return None


_CONTRAST = _spaced("men but however though dog alligevel")


def _object_of(hit: _Hit, meant: Sequence[_Hit], typed: Sequence[str], opened: FrozenSet[int]) -> bool:
    """Whether an option's words follow the meant option's within a few words of one clause, with no
    "men"/"but" between ("report to the owner")."""
    for m in meant:
        between = range(m.end, hit.start)
        near = 0 <= hit.start - m.end <= 2 and not any(i in opened for i in (*between, hit.start))
        if near and not any(typed[i] in _CONTRAST for i in between):
            return True
    return False


# Words that take a choice we read back ("ja", "det passer", "fint") or turn it down ("nej", "forkert").
def _said_as(phrases: str) -> FrozenSet[Tuple[str, ...]]:
    return frozenset(tokens(p) for p in phrases.split("|"))


_CONFIRMS = _said_as(
    "ok|okay|fint|fint nok|fair|korrekt|rigtigt|rigtig|præcis|passer|det passer|det er rigtigt|det er korrekt|"
    "det er fint|perfekt|super|godt|fedt|correct|right|that's right|thats right|exactly|fine|perfect|that's it|"
    "spot on|great"
)
_DENIES = _said_as(
    "forkert|passer ikke|det passer ikke|ikke rigtigt|det er forkert|ikke det|wrong|not right|that's wrong|"
    "thats wrong|not that|incorrect"
)


def settles(text: str) -> Optional[bool]:
    """True when typed words take a choice we read back, False when they turn it down, else None."""
    typed = tokens(text)
    heads = [typed] + ([typed[:n] for n in (3, 2, 1)] if len(typed) <= 4 else [])
    if any(head in _DENIES for head in heads):
        return False
    said = yes_or_no(text)
    if said is not None:
        return said == "yes"
    if any(head in _CONFIRMS for head in heads) and not any(_negation(w) for w in typed):
        return True  # never "det passer nok ikke"
    return None


# Words that join two people or things: "mig selv og Hanne" names more than the suggestion says.
_JOINS = _spaced("og eller samt and or plus")


def suggested(step: Step, text: str, language: str = "da") -> Optional[str]:
    """The suggestion a typed answer to a text question says in other words (a suggestion's `says:`
    at the answer's start, "det er jo mig der er topledelsen" -> "Jeg er selv topledelsen"), or None.
    Only a short answer that names nothing more."""
    typed = tokens(text)
    typed = typed[_skip(typed, FILLERS) :]
    if sum(w in DOUBTS for w in typed) > 1:
        return None  # "måske mig, måske direktøren": two guesses, the leader's words
    typed = tuple(w for w in typed if w not in DOUBTS)  # "det er vel mig selv?"
    if not typed or len(typed) > 10 or set(typed) & _JOINS:
        return None
    for suggestion in [s for listed in (step.spec.get("suggestions") or {}).values() for s in listed]:
        label = catalogue.pick(suggestion, language)
        # The label only as the whole answer ("Min nærmeste leder, Hanne" says more); its `says:` at the start.
        if typed == tokens(label) or any(
            p and _plain(typed[: len(p)]) == _plain(p) for p in map(tokens, suggestion.get("says", []))
        ):
            return label
        # the label's words without "mit"/"en" ("ledernetvaerk" is "Mit ledernetværk", printed as the label)
        if _without_articles(typed) and _without_articles(typed) == _without_articles(tokens(label)):
            return label
    return None


_ARTICLES = _spaced("mit min mine vores en et my our a an the")


def _plain(words: Sequence[str]) -> Tuple[str, ...]:
    """Words as typed without æ/ø/å either way: "gor" and "gør" (folded "goer") are one word."""
    return tuple(w.replace("oe", "o").replace("ae", "e").replace("aa", "a") for w in words)


def _without_articles(typed: Sequence[str]) -> Tuple[str, ...]:
    return tuple(w for w in typed if w not in _ARTICLES)
