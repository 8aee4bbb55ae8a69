"""One spelling for every way of typing the same words, for the NLU guard's classifiers.

People type on phones without æ/ø/å (as ae/oe/aa or a plain vowel), in lower case, with
shorthand ("ik", "tbh"), letters doubled or held down, and apostrophes left out. The guard's
classifiers read word and character n-grams: each spelling would be a feature of its own,
learned only where the training data happens to spell it so. `fold` brings every text, in
training and at run time, to one key, so what is learned for "træt" holds for "traet" and
"tret", and what is learned for "ikke" holds for "ik". The shorthand is data a reviewer
can read and extend: rasa_components/lexicon/typing.yml.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Set, Tuple

import yaml

LEXICON = Path(__file__).with_name("lexicon") / "typing.yml"

_NOT_A_WORD = re.compile(r"[^\w\s]|_")
_WORD = re.compile(r"[\w'’]+")
# Letters repeated: "sååå", "pleeease", and "ikke"/"ike" (typed with one k or two) alike.
_REPEATS = re.compile(r"(\w)\1+")
# Pairs first (ae, oe, aa), then the letters themselves: "træt", "traet" and "tret" meet at "tret".
_PAIRS = (("ae", "e"), ("oe", "o"), ("aa", "a"))
_LETTERS = str.maketrans({"æ": "e", "ø": "o", "å": "a", "ä": "e", "ö": "o", "ü": "u", "é": "e", "è": "e", "á": "a"})


def _letters(word: str) -> str:
    word = word.translate(_LETTERS)
    for pair, letter in _PAIRS:
        word = word.replace(pair, letter)
    return _REPEATS.sub(r"\1", word)


@functools.lru_cache(maxsize=1)
def lexicon() -> Dict[str, Any]:  # the YAML as read: its shape is the lexicon file's
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _shorthand() -> Tuple[Dict[Tuple[str, ...], Tuple[List[str], str]], int]:
    """Folded shorthand (as word tuples) → what it stands for (folded words, and as the lexicon
    spells it); the longest key's length."""
    table = {}
    for typed, meant in (lexicon().get("shorthand") or {}).items():
        key = tuple(_letters(w) for w in _words(str(typed)))
        table[key] = ([_letters(w) for w in _words(str(meant))], str(meant))
    return table, max((len(k) for k in table), default=1)


def _words(text: str) -> List[str]:
    text = text.lower().replace("’", "").replace("'", "").replace("´", "")
    return _NOT_A_WORD.sub(" ", text).split() or _NOT_A_WORD.sub(" ", emoji_said(text)).split()


# What an emoji is typed with besides itself: the variation selector, a skin tone, the joiner and a
# gender sign ("🤷🏽‍♀️" is "🤷").
_EMOJI_DRESS = re.compile("[\ufe0e\ufe0f\u200d\u2640\u2642\U0001f3fb-\U0001f3ff]")


@functools.lru_cache(maxsize=1)
def _emoji_alone() -> Dict[str, str]:
    return {str(k): str(v) for k, v in (lexicon().get("emoji_alone") or {}).items()}


def emoji_said(text: str) -> str:
    """The words a message of emoji alone says (lexicon/typing.yml `emoji_alone`), in the order typed;
    "" when it has a word in it, or no emoji with one plain meaning."""
    if _WORD.search(text):
        return ""
    table = _emoji_alone()
    bare = _EMOJI_DRESS.sub("", text)
    found = sorted((at, meant) for key, meant in table.items() for at in _find_all(bare, key))
    said: List[str] = []
    for _, meant in found:
        if meant not in said:  # "👍👍👍" is one "ja"
            said.append(meant)
    return " ".join(said)


def _find_all(text: str, key: str) -> List[int]:
    return [m.start() for m in re.finditer(re.escape(key), text)]


def _expanded(folded_words: List[str]):
    """(index of the first word, how many words, what they stand for or None), left to right,
    the longest shorthand first."""
    table, longest = _shorthand()
    i = 0
    while i < len(folded_words):
        for n in range(min(longest, len(folded_words) - i), 0, -1):
            meant = table.get(tuple(folded_words[i : i + n]))
            if meant is not None:
                yield i, n, meant
                i += n
                break
        else:
            yield i, 1, None
            i += 1


_SPACED_LETTERS = re.compile(r"(?<![\w.])(?:[^\W\d_][ .]){3,}[^\W\d_]\b\.?")  # "u n a l i v e", "d.o.n.e."
# A word with a sign or a digit among its letters: "k*ll", "su1c1de", "p@use", "sk!p" (not "b2b" or "3.sal": it
# must then fit a masked word).
_MASKED = re.compile(r"(?<![\w*#@$!])(?=[\w*#@$!]*[^\W\d_][*#@$!0-9]+[^\W\d_]?)[\w*#@$!]+")


@functools.lru_cache(maxsize=1)
def _masked_words() -> Tuple[FrozenSet[str], Dict[str, str]]:
    said = lexicon()
    return frozenset(str(w) for w in said.get("masked_words") or ()), {
        str(k): str(v) for k, v in (said.get("masked_letters") or {}).items()
    }


def _unmasked_word(found: re.Match[str]) -> str:
    typed = found.group(0)
    words, letters = _masked_words()
    if not re.search(r"[*#@$!]|(?<=[^\W\d_])\d|\d(?=[^\W\d_])", typed):
        return typed
    # a sign for each letter first ("sl*" is "slå", "sl*t" is "slut"), then for one to three ("s*cide")
    for each, run in ((r"[^\W\d_]", typed.lower()), (r"[^\W\d_]{1,3}", re.sub(r"[*#]+", "*", typed.lower()))):
        pattern = "".join(each if c in "*#" else re.escape(letters.get(c, c)) for c in run)
        fits = [w for w in words if re.fullmatch(pattern, w)]
        if len(fits) == 1:
            return fits[0]
    return typed


def unmasked(text: str) -> str:
    """The text with its masked words written out ("k*ll myself" -> "kill myself"), as far as they fit a word we
    know people mask (lexicon `masked_words`), and letters spaced out joined ("s j æ l d e n t" -> "sjældent")."""
    if not re.search(r"[*#@$!0-9]|\b\w[ .]\w[ .]\w", text):
        return text
    joined = _SPACED_LETTERS.sub(lambda m: re.sub(r"[ .]", "", m.group(0)), text)
    return _MASKED.sub(_unmasked_word, joined)


@functools.lru_cache(maxsize=256)  # the guard folds one message several times (features, concepts, clauses)
def fold(text: str) -> str:
    """The one spelling of a typed text (lower case, no punctuation, æøå folded, shorthand written out)."""
    words = [_letters(w) for w in _words(unmasked(text))]
    out: List[str] = []
    for i, _, meant in _expanded(words):
        out.extend(meant[0] if meant else [words[i]])
    return " ".join(out)


def spelled_out(text: str) -> str:
    """The text with its shorthand written out as the lexicon spells it, everything else kept
    as typed (letters, punctuation), for readers that need the words but not the folding."""
    text = unmasked(text)
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return emoji_said(text) or text
    folded = [_letters(text[a:b].lower().replace("’", "").replace("'", "")) for a, b in spans]
    out, at = [], 0
    for i, n, meant in _expanded(folded):
        if meant:
            out.append(text[at : spans[i][0]] + meant[1])
            at = spans[i + n - 1][1]
    return "".join(out) + text[at:]


CONCEPTS = Path(__file__).with_name("lexicon") / "concepts.yml"
CONCEPT_MARK = "zz"  # concept words cannot clash with a typed word after folding ("zzdeath")


@functools.lru_cache(maxsize=2)
def _concepts(everyday: bool = True) -> Tuple[Dict[str, Set[str]], Dict[str, str]]:
    """Folded word → its concepts; folded prefix → its concept, for the words written with *.
    Without the `everyday` words: only the words that can mean nothing else in a leader's message."""
    lexicon = yaml.safe_load(CONCEPTS.read_text(encoding="utf-8"))
    left_out = set() if everyday else {str(w) for w in lexicon["everyday"]}
    words: Dict[str, Set[str]] = {}
    prefixes: Dict[str, str] = {}
    for concept, members in lexicon["concepts"].items():
        for member in (str(m) for m in members if str(m) not in left_out):
            if member.endswith("*"):
                prefixes[_letters(member[:-1].lower())] = concept
            else:
                words.setdefault(_letters(member.lower()), set()).add(concept)
    return words, prefixes


def concepts(folded: str, everyday: bool = True) -> str:
    """The concept words of a folded text (rasa_components/lexicon/concepts.yml), space-separated;
    `everyday=False` leaves out the words with an everyday meaning at work too ("gift", "hit")."""
    words, prefixes = _concepts(everyday)
    never, never_before = _never_concept()
    found: Set[str] = set()
    split = folded.split()
    for i, word in enumerate(split):
        if word in never or (word in never_before and i + 1 < len(split) and split[i + 1] in never_before[word]):
            continue
        found |= words.get(word, set())
        for length in _prefix_lengths():
            concept = prefixes.get(word[:length])
            if concept and len(word) >= length:
                found.add(concept)
    return " ".join(sorted(CONCEPT_MARK + c for c in found))


@functools.lru_cache(maxsize=1)
def _never_concept() -> Tuple[FrozenSet[str], Dict[str, FrozenSet[str]]]:
    """Folded words that name no concept though they fold to one, alone or before certain words
    (concepts.yml `never`, `never_before`)."""
    lexicon = yaml.safe_load(CONCEPTS.read_text(encoding="utf-8"))
    never = frozenset(_letters(str(w).lower()) for w in lexicon.get("never") or [])
    before = {
        _letters(str(w).lower()): frozenset(_letters(str(n).lower()) for n in nexts)
        for w, nexts in (lexicon.get("never_before") or {}).items()
    }
    return never, before


@functools.lru_cache(maxsize=1)
def _prefix_lengths() -> List[int]:
    return sorted({len(p) for p in _concepts()[1]})


ONESELF = Path(__file__).with_name("lexicon") / "oneself.yml"


@functools.lru_cache(maxsize=1)
def _oneself_words() -> FrozenSet[str]:
    return frozenset(fold(str(w)) for w in yaml.safe_load(ONESELF.read_text(encoding="utf-8"))["words"])


def only_oneself(text: str) -> bool:
    """Whether a message only names oneself ("mig selv", "det bliver mig selv", "it'll be me")."""
    words = fold(text).split()
    return bool(words) and set(words) <= _oneself_words()


def ascii_spellings(phrases: Set[str]) -> Set[str]:
    """Lexicon phrases as they are also typed without ø/å ("ikke også", "ikke ogsaa", "ikke ogsa")."""
    return (
        phrases
        | {p.replace("ø", "oe").replace("å", "aa") for p in phrases}
        | {p.replace("ø", "o").replace("å", "a") for p in phrases}
    )


QUESTION_TAGS = Path(__file__).with_name("lexicon") / "question_tags.yml"


@functools.lru_cache(maxsize=1)
def _question_tag() -> re.Pattern[str]:
    tags = ascii_spellings(
        {str(t).lower().replace("’", "'") for t in yaml.safe_load(QUESTION_TAGS.read_text(encoding="utf-8"))["tags"]}
    )
    tags |= {t.replace("'", "") for t in tags}
    spelled = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(tags, key=len, reverse=True))
    return re.compile(r"(?:,\s*|\s+)(?:" + spelled + r")\s*\?+\s*$")


def without_question_tag(text: str) -> Optional[str]:
    """The answer before a question tag at its end ("at alle ved det, ikke?" -> "at alle ved det"), or None
    when it ends in none (lexicon/question_tags.yml)."""
    found = _question_tag().search(text.lower().replace("’", "'"))
    return (text[: found.start()].strip() or None) if found else None
