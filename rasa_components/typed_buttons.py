"""A button's title typed instead of tapped is the tap.

Leaders on a phone often type what a button says ("samtalen", "gem det som mit svar") rather
than tap it. Outside a tool's own questions nothing read those words as the button: at the
menu "Hvilken del vil du rette i?" they were kept as a note and printed in the document, and
"gem det som mit svar" under the gentle question was read as a wish to change an answer. Here,
before a typed message is parsed, it is compared with the titles of the buttons the bot's
last turn offered; when it is one of them (folded as the guard folds it, a "tak" after it
left out), the message becomes that button's payload, exactly as a tap sends it.

A bare yes or no is left to the conversation: "nej" under "Jeg skriver »Ja« – passer det?"
turns the read-back down even where one of the options is called "Nej". Under our either-or
question about typed words ("Vil du se et eksempel – eller skal jeg gemme det, du skrev, som dit
svar?"), a yes is the request's button and a no is "Gem det som mit svar": a user walk answered
"ja" to "Har du det svært lige nu – eller skal jeg gemme …?" and had "ja" stored as the answer.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence

from rasa_components import distress, fence
from rasa_components.typing import fold

logger = logging.getLogger(__name__)

# The Rasa function wrapped here (rasa_components/fence.py): the tests hash its source.
PATCHED = ("rasa.core.processor:MessageProcessor._handle_message_with_tracker",)
_sources: Dict[str, str] = {}  # PATCHED's source as Rasa shipped it, taken before install()
_installed = False
# Said after a title without changing it ("samtalen tak", "keep it please").
POLITE = {"tak", "thanks", "thank you", "please", "pls", "plz", "tusind tak"}
# Titles the conversation reads itself (a read-back is turned down with them).
YES_NO = {"ja", "nej", "yes", "no", "jo", "nope", "yep"}


def offered(events: Sequence[Any]) -> List[Dict[str, Any]]:
    """The buttons of the bot's last turn: every bot message since the leader last wrote (read from
    the newest event back, without copying a long conversation's events on every message)."""
    found: List[Dict[str, Any]] = []
    for event in reversed(events):
        kind = getattr(event, "type_name", None)
        if kind == "user":
            break
        if kind == "bot":
            found = list((getattr(event, "data", None) or {}).get("buttons") or []) + found
    return found


def _said(text: str) -> str:
    said = fold(text)
    for polite in sorted(POLITE, key=len, reverse=True):
        if said.endswith(" " + polite):
            return said[: -len(polite) - 1]
    return said


# The head of a reply to an either-or question, and the words that may follow a bare one.
YES = {"ja", "jo", "jep", "jeps", "jepper", "jah", "yes", "yep", "yeah", "yup", "ya"}
NO = {"nej", "nope", "no", "nah", "nix", "nae", "naeh"}
BARE = POLITE | {"gerne", "bare", "lige", "tak", "thanks", "please", "ok", "okay", "det", "it", "nej", "no"}
CARE = "/distress"  # the payload of "Jeg har det svært" under the gentle question


def either_or(text: str, buttons: Sequence[Dict[str, Any]]) -> Optional[str]:
    """Under our question whether typed words were a request or the answer (one request button and
    "Gem det som mit svar"): a yes-led reply is the request, a bare no keeps the words. Under the gentle
    question any yes is care ("ja lidt faktisk"); elsewhere only a bare yes, so that more words are
    read by the guard first. A no with more words is left to the form, after the guard."""
    asked = [b for b in buttons if str(b.get("payload") or "") != KEEP]
    kept = [b for b in buttons if str(b.get("payload") or "") == KEEP]
    words = fold(text).split()
    if (
        words
        and words[0] in YES
        and any(_is_care_button(b) for b in buttons)
        and not (kept and asks_to_keep(text))
        and not _an_option_after_the_yes(words[1:], buttons)
    ):
        # "Har du det svært lige nu? Ellers tryk på det svar, der passer bedst" at a button question: its
        # options stand beside "Jeg har det svært", and a yes answers the question asked (a walk's "yes i am"
        # got "pick one of the buttons"). Safety first: also where one of the options is a yes.
        return CARE
    # Only under "Gem det som mit svar": a date read back also keeps with /keep ("Ja, det passer").
    if len(asked) != 1 or not kept or fold(str(kept[0].get("title") or "")) not in _keep_titles():
        return None
    if not words:
        return None
    head, rest = words[0], words[1:]
    request = str(asked[0]["payload"])
    if asks_to_keep(text):  # "ja, gem det bare": a yes to the second half
        return KEEP
    if head in YES and (request == CARE or all(w in BARE or w in YES for w in rest)):
        return request
    if head in NO and all(w in BARE for w in rest) and distress.tier(text) is None:
        return KEEP
    return None


def pressed(text: str, buttons: Iterable[Dict[str, Any]]) -> Optional[str]:
    """The payload of the one button whose title the typed text is, or None; under a "keep my
    words" button, also a message that asks for it in its own words ("nej det er fint, gem det bare"),
    and a yes or no to the question it stands under (`either_or`)."""
    buttons = list(buttons)
    said = _said(text)
    answered = either_or(text, buttons)
    if answered:
        return answered
    if not said or said in YES_NO:
        return None
    typed = {said, fold(text)}  # "På dansk, tak" is a title too
    payloads = {b["payload"] for b in buttons if b.get("payload") and fold(str(b.get("title") or "")) in typed}
    if not payloads:
        near = _near_a_menu_title(said, buttons)
        payloads = {near} if near else payloads
    keep = {b["payload"] for b in buttons if str(b.get("payload") or "") == KEEP}
    if not payloads and keep and asks_to_keep(text):  # only under a keep button: this runs on every message
        payloads = keep
    return payloads.pop() if len(payloads) == 1 else None


KEEP = "/keep"  # the payload of "Gem det som mit svar" (actions/conversation.py payload("keep"))
# "Ret et svar"'s lists: typed words close to one title are that button ("aftalen" for "Din aftale",
# "dem der kan stoette" for "Dem der kan støtte dig"); a walk's repeated the same list word for word.
MENU_PAYLOADS = ("/edit", '/change{"part"')
NEAR_TITLE = 80  # rapidfuzz ratio of each typed word to its nearest word of the title, folded
NEAR_MARGIN = 15  # over the next title: "temaer" under two "Dine temaer: …" is neither
# Whose it is, said before the words of a title ("min aftale" for "Din aftale"): not compared.
_WHOSE = frozenset(["min", "mit", "mine", "din", "dit", "dine", "vores", "jeres", "the", "my", "your", "our", "den", "det"])


def _near_a_menu_title(said: str, buttons: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The one menu title whose words the typed words are, each nearly ("aftalen" for "Din aftale"), or None.
    Never words the distress net reads ("jeg vil dø" shares "jeg" with a title: the guard reads it)."""
    if not said or not any(str(b.get("payload") or "").startswith(MENU_PAYLOADS) for b in buttons):
        return None
    typed = [w for w in said.split() if len(w) > 2 and w not in _WHOSE]  # "min aftale", "the agreement"
    if not typed or distress.tier(said) is not None:
        return None
    from rapidfuzz import fuzz

    def near(title: str) -> float:
        words = title.split()
        if len(said.split()) > len(words):
            return 0.0  # "samtalen, datoen" names two things: read as words
        return min(max(fuzz.ratio(w, t) for t in words) for w in typed)

    scored = sorted(
        ((near(fold(str(b.get("title") or ""))), str(b.get("payload") or "")) for b in buttons if b.get("payload")), reverse=True
    )
    if not scored or scored[0][0] < NEAR_TITLE or (len(scored) > 1 and scored[0][0] - scored[1][0] < NEAR_MARGIN):
        return None
    return scored[0][1]


def asks_to_keep(text: str) -> bool:
    """Whether a message only asks to keep what was written (never a question, never with words of
    distress the net knows: those are read by the guard, which comes first)."""
    if "?" in text:
        return False
    padded = f" {fold(text)} "
    for phrase in _keep_words():
        if f" {phrase} " in padded:
            rest = padded.replace(f" {phrase} ", " ", 1).split()
            # the distress net last: it costs half a millisecond, and the guard runs it anyway after
            return len(rest) <= 6 and all(w in _alongside() for w in rest) and distress.tier(text) is None
    return False


# Where a message turns to its next thought, and the words that take a keep back ("gem det ikke").
_CLAUSES = re.compile(r"[.,;:!?]+|\s(?:men|but|og så|and then)\s", re.IGNORECASE)
_AS_MY_ANSWER = re.compile(r" (?:som|as) (?:mit |my |vores |our )?(?:svar|answer) ")
_NOT_KEEP_WORDS = ("ikke", "not", "do not", "never", "aldrig", "lad", "undlad", "slet")


def keeps_in_a_clause(text: str) -> bool:
    """Whether one clause of a message asks to keep what was written, untaken back: the clause only asks it,
    or says "as my answer" ("ok fortsæt, men gem det jeg skrev om søvnen som mit svar", "… det er bare
    baggrunden. gem det"; never "gem det ikke", "gem det til senere", "keep it simple")."""
    for clause in _CLAUSES.split(text):
        padded = f" {fold(clause)} "
        phrase = next((p for p in _keep_words() if f" {p} " in padded), None)
        if phrase is None or set(padded.split()) & _not_keep():
            continue
        rest = padded.replace(f" {phrase} ", " ", 1).split()
        if all(w in _alongside() for w in rest) or _AS_MY_ANSWER.search(padded):
            return distress.tier(text) is None
    return False


@functools.lru_cache(maxsize=1)
def _not_keep() -> frozenset:
    """The words that take a keep back, folded as the message is ("ikke" is read as "ike")."""
    return frozenset(w for word in _NOT_KEEP_WORDS for w in fold(word).split())


def says_keep(text: str) -> bool:
    """Whether a message asks anywhere in it to keep what was written ("… det må gerne gemmes")."""
    padded = f" {fold(text)} "
    return any(f" {phrase} " in padded for phrase in _keep_words())


def _an_option_after_the_yes(rest: List[str], buttons: Sequence[Dict[str, Any]]) -> bool:
    """ "yes, planned ones" under the gentle question at a button question: nothing but the option's own
    words after the yes, left to the conversation (never "yes i am", nor "ja lidt, men i gang": a yes to
    having a hard time with an option beside it is care first)."""
    said = " ".join(rest)
    if len(said) < 6:
        return False
    from rapidfuzz import fuzz

    options = [fold(str(b.get("title") or "")).split() for b in buttons if not _is_care_button(b)]
    return any(all(max((fuzz.ratio(w, o) for o in option), default=0) >= 85 for w in rest) for option in options)


def _is_care_button(button: Dict[str, Any]) -> bool:
    """ "Jeg har det svært" under the gentle question (not "Hvor kan jeg få hjælp?" under the check-in)."""
    return str(button.get("payload") or "") == CARE and fold(str(button.get("title") or "")) in _care_titles()


@functools.lru_cache(maxsize=1)
def _care_titles() -> frozenset:
    import catalogue

    return frozenset(fold(catalogue.button("not_ok", language)) for language in catalogue.LANGUAGES)


@functools.lru_cache(maxsize=1)
def _keep_titles() -> frozenset:
    import catalogue

    keys = ("keep_answer", "keep_answer_plural")  # "Gem det som mit svar", a group's "Gem det som vores svar"
    return frozenset(fold(catalogue.button(key, language)) for key in keys for language in catalogue.LANGUAGES)


@functools.lru_cache(maxsize=1)
def _alongside() -> frozenset:
    import catalogue

    return frozenset(fold(str(w)) for w in catalogue.common()["keep_alongside"])


@functools.lru_cache(maxsize=1)
def _keep_words() -> List[str]:
    import catalogue

    return sorted({fold(str(w)) for w in catalogue.common()["keep_words"]}, key=len, reverse=True)


def source_hashes() -> Dict[str, str]:
    """sha256 of the source of the Rasa function in PATCHED, as Rasa ships it."""
    return fence.source_hashes(PATCHED, _sources)


def install() -> None:
    """Wraps the parsing of a user message, on the Rasa release it was read against only
    (elsewhere typed titles are read as words, as before)."""
    global _installed
    if _installed:
        return
    if fence.running_rasa() != fence.RASA_VERSION:
        logger.warning("typed_buttons: written for Rasa %s; not installed on this release", fence.RASA_VERSION)
        return
    _sources.update(fence.sources(PATCHED))
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_handle = MessageProcessor._handle_message_with_tracker

    async def handle(self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker) -> None:
        text = message.text or ""
        if not message.parse_data and text and not text.startswith("/"):
            payload = pressed(text, offered(tracker.events))
            if payload:
                message.text = payload  # as the tap would have sent it; the typed title is not kept
        return await rasa_handle(self, message, tracker)

    MessageProcessor._handle_message_with_tracker = handle
    _installed = True
