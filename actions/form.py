"""validate_tool_form: checks each answer and decides what to ask next."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Dict, List, Optional

from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

import catalogue
from actions import compaction, dates, dates_when, drafts, idempotency, reading, share
from actions import names as people
from actions.choices import (
    CORRECTED,
    LABEL,
    VALUE,
    WORDS,
    Choice,
    bare_yes_or_no,
    choose,
    settles,
    sounds_like,
    suggested,
    tokens,
    yes_or_no,
)
from actions.choices import words as words_of
from actions.conversation import Conversation, payload
from actions.tidy import without_chat_fillers
from catalogue import CONTINUE, SHOW_SHORT_DRAFT, SKIPPED, USE_DRAFT, USE_SHORT_DRAFT, Step, StepKind, clock
from catalogue.intents import CLARIFY_PREFIX, CONTROL, STRAIN
from rasa_components import distress
from rasa_components.corrections import corrected_to
from rasa_components.typed_buttons import asks_to_keep, keeps_in_a_clause, says_keep

NOTES = "notes"
_PLAIN_NO = {(w,) for w in ("nej", "nae", "naeh", "nix", "no", "nope", "nah")}
PENDING = "pending"
# The gentle question and the check-in say so to the transcript: when the care message follows a tap on
# them, the words that led to them are held back on a reload too (bot/conversations/replies.py).
ASKS_CARE = {"asks_care": True}
# What `pending` holds after the care message (acute distress); after the strain check-in it holds STRAIN.
CARE = "care"
# ... and once the leader has gone on from it, at the question it brought back: heavy words there get
# where to find help again, never stored (a walk's "det nytter ikke" after "Fortsæt" was printed).
AFTER_CARE = "after_care"
TYPED_SLASH_GUARD = "\u200b"  # the gateway's guard for typed text starting with "/"
# Requests the rules answer ("choose" is a tapped answer the form takes).
REQUESTS = tuple(i for i in CONTROL if i != "choose")
BOTH = {"begge", "both", "begge to", "dem begge"}
# A "no" before a corrected date at a date read back ("nej, fredag", "no, the 3rd").
# "nej, 1/3", "no thats wrong, dec 17": the new date after a no, without the no ("thats wrong" was printed).
_CORRECTING = re.compile(
    r"^\s*(?:(?:nej|næ|nope|no)\b[\s,.:;!–-]*)?"
    r"(?:(?:det\s+er\s+|det\s+var\s+|that'?s\s+|that\s+is\s+|it'?s\s+)?(?:forkert|galt|wrong|not\s+right|ikke\s+rigtigt?)\b[\s,.:;!–-]*)?",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def _same_words() -> frozenset:
    return frozenset(tokens(str(w)) for w in catalogue.common()["same_words"])


# "eget tema, krydspres", "mit eget: krydspres", "own theme - cross pressure": the own-theme button typed,
# with the name the leader gives it after.
_OWN_THEME_TYPED = re.compile(
    r"^(?:mit\s+|my\s+)?(?:eget|own)(?:\s+(?:tema|theme))?\b[\s,.:;–-]*(.*)$", re.IGNORECASE | re.DOTALL
)
# Words that turn a suggestion down and name another ("nej mere krav og ressourcer", "no, more like trust").
_CORRECTING_THEME = re.compile(
    r"^\s*(?:(?:nej|nope|no|næ|nae)\b[\s,.!]*)?(?:(?:mere|nærmere|naermere|snarere|rather|more like|det er|it's)\b\s*)?",
    re.IGNORECASE,
)
# A group's way of saying what it chose ("vi er enige om klare roller"): no words of its own.
_GROUP_CHOSE = re.compile(
    r"^\s*(?:vi\s+(?:er|blev|bliver)\s+enige\s+om|vi\s+har\s+valgt|vi\s+valgte|vi\s+stemte\s+for|vi\s+tager|"
    r"we\s+agreed\s+on|we\s+chose|we\s+picked|we\s+voted\s+for|we'?ll\s+take)\s+",
    re.IGNORECASE,
)


def names_the_theme(text: str, name: str) -> bool:
    """Typed words that are only (part of) a theme's name ("pauser", "Sparing", "vi er enige om klare
    roller"): no words of the leader's own to print under it."""
    said, named = tokens(_GROUP_CHOSE.sub("", text)), tokens(name)
    return bool(said) and len(said) <= max(3, len(named)) and all(any(w == n or sounds_like(w, n) for n in named) for w in said)


def went_on_from_care(conv: Conversation, dispatcher, slot: Optional[str]) -> Dict[str, Any]:
    """Going on from the care message, by the button or in words: a word on the way back, and what
    `pending` holds while the question at `slot` is asked again (words typed to it then are read as
    after care, never kept unread)."""
    dispatcher.utter_message(text=conv.message("care_go_on"))
    return {"kind": AFTER_CARE, "slot": slot}


class ValidateToolForm(FormValidationAction):
    def name(self) -> str:
        return "validate_tool_form"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        """Validates, then asks the next question itself (one action-server call per turn)."""
        events = await super().run(dispatcher, tracker, domain)
        requested = next(
            (e["value"] for e in reversed(events) if e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT), None
        )
        step = Conversation(tracker).tool.step(requested or "")
        waiting = next(
            (e.get("value") for e in reversed(events) if e.get("event") == "slot" and e.get("name") == PENDING),
            tracker.get_slot(PENDING),
        )
        handed_on = any(e.get("event") == "action_execution_rejected" for e in events)  # to the rules
        if isinstance(waiting, dict) and waiting.get("kind") == AFTER_CARE:
            waiting = None  # no question of ours: the leader has gone on, and the question is asked
        if step is not None and not waiting and not handed_on and not self.nothing_for_the_form(tracker, events):
            # (while the leader settles a question of ours, nothing new is asked)
            from actions.ask import ask

            events += ask(dispatcher, Conversation(tracker), step)
            if compaction.due(tracker, events):
                events = compaction.fresh_session(tracker) + events
        return events

    @staticmethod
    def nothing_for_the_form(tracker, events: List[EventType]) -> bool:
        """A message just came in and none of it was for the form ("/pause" at the meeting guide): Rasa
        then rejects the form and hands the message to the rules. Asking here would answer for them, and at
        a checkpoint its documents (a slot set) would even keep the form going, so the request was lost."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        since = []  # the actions run since the message came in (the form's own run is the last)
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                break
            if event.get("event") == "action":
                since.append(event.get("name"))
        if set(since) - {"tool_form"} or intent not in REQUESTS:
            return False  # after a request (help, back, resume) the form asks where we are
        return not any(e.get("event") == "slot" and e.get("name") != REQUESTED_SLOT for e in events)

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[str]:
        return [s.slot for s in Conversation(tracker).steps()]

    async def next_requested_slot(self, dispatcher, tracker, domain) -> Optional[EventType]:
        # Always explicit: the domain's list holds every tool's slots.
        nxt = Conversation(tracker).next_missing()
        return SlotSet(REQUESTED_SLOT, nxt.slot if nxt else None)

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        conv = Conversation(tracker)
        candidates = {
            slot: (step, value)
            for slot, value in tracker.slots_to_validate().items()
            if (step := conv.tool.step(slot)) is not None
        }
        if not candidates:
            return []  # nothing for the form here: Rasa then hands the message to the rules (requests)
        direct = idempotency.answered_directly(tracker)
        if direct and idempotency.seen_before(tracker):
            # The same message again (its first reply was lost): applied once already, so the
            # form asks the question it is at now, and nothing is stored twice.
            return [SlotSet(slot, None) for slot in candidates]
        handed = self.not_answers(tracker, candidates, direct)
        if handed is not None:
            return handed
        results: Dict[str, Any] = {}
        for step, value in candidates.values():
            results.update(self.validate_step(step, value, conv, dispatcher))
            tracker.slots.update(results)
        if results and PENDING not in results and tracker.get_slot(PENDING):
            results[PENDING] = None  # a new answer settles what we were waiting for
        if direct:
            results.update(idempotency.applied(tracker))
        return [SlotSet(k, v) for k, v in results.items()]

    @staticmethod
    def not_answers(tracker, candidates: Dict[str, Any], direct: bool) -> Optional[List[EventType]]:
        """What Rasa handed the form that is no answer: None when there is none.

        A button of a request carries a `value` as an answer's button does ("/edit{"value": "leader_support"}"
        names the answer to change), and Rasa's `value` mapping puts it into the question asked. Taken
        straight from the leader (an old "Ret et svar" tapped at a question), it goes again and the form
        hands the request on to the rules, which carry it out. When the form starts after another action
        took the message (after the document, "Ret et svar" starts it again), nothing in that message
        answers the question asked, and every answer given, which Rasa hands over too, was checked when it
        was given: kept as it is, never read again (a user walk had the slot's name printed as the answer,
        and a date read back again asked "Hvornår går du i gang?" when "Det fungerer" was to change)."""
        latest = tracker.latest_message or {}
        payload = [e.get("value") for e in latest.get("entities") or [] if e.get("entity") == "value"]
        if not direct:
            requested = tracker.get_slot(REQUESTED_SLOT)
            said = [*payload, latest.get("text")]
            return [SlotSet(slot, None) for slot, (_, value) in candidates.items() if slot == requested and value in said]
        if (latest.get("intent") or {}).get("name") not in REQUESTS:
            return None  # an answer, tapped or typed
        taken = [slot for slot, (_, value) in candidates.items() if value in payload]
        if not taken:
            return None  # words the form reads itself (the care message, whichever way they came)
        return [*(SlotSet(slot, None) for slot in taken), ActionExecutionRejected(compaction.FORM)]

    def validate_step(self, step: Step, value: Any, conv: Conversation, dispatcher) -> Dict[str, Any]:
        result = self.validated(step, value, conv, dispatcher)
        shared = share.for_answer(conv.slots, step, result.get(step.slot))
        if shared and not self.strain_words(conv, step, result):
            dispatcher.utter_message(json_message=shared)
        return result

    @staticmethod
    def strain_words(conv: Conversation, step: Step, result: Dict[str, Any]) -> bool:
        """The answer is what the leader said about their own strain: kept, never shown on a room's screen."""
        if (result.get(PENDING) or {}).get("kind") == STRAIN:
            return True
        held = ValidateToolForm.held(conv.slots.get(PENDING) or {}, step)
        return held is not None and result.get(step.slot) == held

    @staticmethod
    def completes(conv: Conversation, result: Dict[str, Any]) -> bool:
        """With `result` stored, every question of the conversation is answered."""
        slots = {**conv.slots, **result}
        return all(slots.get(s.slot) is not None for s in conv.tool.applicable(slots))

    @staticmethod
    def held(pending: Dict[str, Any], step: Step) -> Any:
        """The strain answer held at this question until the leader goes on (None if there is none)."""
        if pending.get("kind") in (STRAIN, CARE) and pending.get("slot") == step.slot:
            return pending.get("value")
        return None  # a date read back or a theme asked about holds its own value, settled its own way

    def validated(self, step: Step, value: Any, conv: Conversation, dispatcher) -> Dict[str, Any]:
        if value is None or value == SKIPPED or isinstance(value, dict):
            return {step.slot: value}  # already validated (form activation re-checks)
        text = str(value).strip().lstrip(TYPED_SLASH_GUARD)
        latest = conv.tracker.latest_message or {}
        typed = not str(latest.get("text") or "").startswith("/")
        pending = conv.slots.get(PENDING) or {}
        read = reading.read(step, latest, pending) if typed else reading.Reading(reading.ANSWER)
        if typed and read.kind == reading.DISTRESS:
            # Acute distress is never an answer, whichever way it reached the form: care, and nothing kept.
            conv.care(dispatcher)
            return {step.slot: None, PENDING: {"kind": CARE, "slot": step.slot}}
        if typed and pending.get("kind") == CARE:
            return self.after_care(step, text, read, pending, conv, dispatcher)
        if typed and pending.get("kind") == AFTER_CARE and pending.get("slot") == step.slot:
            if self.still_heavy(text, read, latest):
                conv.care_again(dispatcher)
                return {step.slot: None, PENDING: {"kind": CARE, "slot": step.slot, "again": True}}
            conv.slots[PENDING] = pending = {}  # an answer: read as any other
        if typed and pending.get("kind") == STRAIN:
            if reading.wants_help(text):  # "hvor kan jeg få hjælp": where to get help, as the button gives
                conv.care(dispatcher)
                return {step.slot: None, PENDING: {"kind": CARE, "slot": step.slot}}  # as the button: nothing held
            held = self.held(pending, step)
            if held is not None and (asks_to_keep(text) or keeps_in_a_clause(text)):  # "… gem det" (never "gem det ikke")
                dispatcher.utter_message(text=conv.message("kept_as_answer"))
                return {step.slot: held, PENDING: None}
            if read.kind == reading.CLARIFY and read.request == reading.DISTRESS:
                # heavier words under the check-in ("jeg ved ikke om jeg når så langt"): the gentle question
                return self.clarify(step, text, reading.DISTRESS, conv, dispatcher)
            # Words typed under the check-in answer it, not the question ("det er bare meget lige nu" is as
            # likely as an answer): they stay in the chat, and the question comes again, said to be it (a user
            # walk's answer typed there went without a word).
            dispatcher.utter_message(text=conv.message("question_again"))
            return {step.slot: None, PENDING: None}
        if not typed and step.kind == StepKind.TEXT and not self.offered_here(conv, step, text):
            return {step.slot: None}  # a button this question never offered (an old one tapped again): ask again
        if typed and self.asked_to_start_over(pending, step):
            said = yes_or_no(text)
            if said == "yes" and bare_yes_or_no(text):  # "ja" to "Vil du starte helt forfra?"
                return self.started_over(conv, dispatcher)
            if said == "no":  # "nej": nothing deleted, the question is asked again
                return {step.slot: None, PENDING: None}
            # Anything else is read as it is, the question settled ("ja det må du gemme" deletes nothing).
            conv.slots[PENDING] = None
            return {PENDING: None, **self.validated(step, value, conv, dispatcher)}
        if typed and self.kept_by_a_no(pending, step, text, read):
            # "nej nej, jeg har det fint, det må gerne gemmes" to "Har du det svært lige nu – eller skal jeg
            # gemme det, du skrev …?": the words held are the answer (a user walk had the "nej" stored).
            rest = _CORRECTING.sub("", text)
            if step.kind == StepKind.CHOICE and rest and choose(step, rest, conv.language) is not None:
                # "nej, i gang" at a button question: the option said now, not the held words' (a walk's
                # got »Droppet« from them)
                return {PENDING: None, **self.validated_answer(step, rest, conv, dispatcher)}
            dispatcher.utter_message(text=conv.message("kept_as_answer"))
            return {PENDING: None, **self.validated_answer(step, pending.get("text") or "", conv, dispatcher)}
        if read.kind == reading.CLARIFY:
            assert read.request is not None, "reading.read is unsure only between an answer and a request it names"
            said_again = (
                typed
                and pending.get("kind") == "clarify"
                and pending.get("slot") == step.slot
                and pending.get("request") == read.request != reading.DISTRESS
                and tokens(text) == tokens(pending.get("text") or "")
            )
            if not said_again:
                return self.clarify(step, text, read.request, conv, dispatcher, read.also)
            # Asked whether the words were that request, the leader typed the same words again instead of
            # tapping (a user walk typed "det ved jeg ikke rigtig, lidt af hvert" thirty times): they are the
            # answer. Other words ("ja, 2 min" under "Vil du holde pause …?") are read again, as before.
            return {PENDING: None, **self.validated_answer(step, text, conv, dispatcher)}
        if read.kind != reading.STRAIN:
            return self.validated_answer(step, text, conv, dispatcher)
        # Strain: the check-in is all the leader hears this turn, whatever the question would have said. What
        # they wrote about their own strain is held, not kept: it goes in the document only if they say so
        # ("Gem det som mit svar"); "Fortsæt" asks the question again (a user walk found "orker ikk mere,
        # sover ikke" printed under "Det fungerer").
        result = self.validated_answer(step, text, conv, CollectingDispatcher())
        held = result.get(PENDING) or {}
        value = held["value"] if held.get("value") is not None else result.get(step.slot)
        keep = [("keep_answer", "keep")] if value is not None else []
        conv.utter(
            dispatcher,
            conv.message("strain"),
            [("resume", "resume"), *keep, ("pause", "pause"), ("get_help", "distress")],
            # on a group's shared screen the words are not shown again after a reload either (a walk's were)
            custom={**ASKS_CARE, **(conv.held() if conv.shared_screen else {})},
        )
        # Nothing else the words would have set (a note, a second theme named in them) is kept either.
        return {step.slot: None, PENDING: {"kind": STRAIN, "slot": step.slot, "value": value}}

    @staticmethod
    def same_as_before(conv: Conversation, step: Step, text: str) -> Optional[str]:
        """The answer a reply that only points back means ("samme som før", "ditto"): this question's
        answer in the round before (a group's second theme), or None (the words are then kept as typed)."""
        said = tokens(text)
        polite = said[:-1] if said[-1:] in (("tak",), ("igen",), ("please",)) else said  # "samme som før tak"
        if not said or (said not in _same_words() and polite not in _same_words()):
            return None
        earlier = next((s for s in conv.tool.steps if s.id == step.id and s.round and s.round == (step.round or 0) - 1), None)
        value = conv.slots.get(earlier.slot) if earlier else None
        return value if isinstance(value, str) and value.strip() and value != SKIPPED else None

    @staticmethod
    def kept_by_a_no(pending: Dict[str, Any], step: Step, text: str, read: reading.Reading) -> bool:
        """A no, with more words, to our question whether typed words were a request or the answer: under
        the gentle question any such no ("nej, jeg har det fint"), elsewhere one that says to keep them."""
        if (
            pending.get("kind") != "clarify"
            or pending.get("slot") != step.slot
            or read.kind not in (reading.ANSWER, reading.CLARIFY)
        ):
            return False
        # A plain no first ("nej", "no"): "forkert" and "wrong" say no to a read-back, not to this question
        # ("wrong, everything is wrong" under the gentle question is read as it is).
        if pending.get("request") == "start_over" or tokens(text)[:1] not in _PLAIN_NO:
            return False
        if asks_to_keep(text):
            return True  # "nej det er fint, gem det bare som svar"
        # under the gentle question a no with a little more ("nej nej, jeg har det fint"), never one the
        # net reads as heavy
        return distress.tier(text) is None and (pending.get("request") == reading.DISTRESS or says_keep(text))

    @staticmethod
    def ask_to_start_over(step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """ "start forfra" typed with answers given: a plain yes or no first, as it deletes them all."""
        conv.utter(dispatcher, conv.message("confirm_start_over"), [("restart", "start_over"), ("resume", "resume")])
        return {step.slot: None, PENDING: {"kind": "clarify", "slot": step.slot, "text": text, "request": "start_over"}}

    @staticmethod
    def asked_to_start_over(pending: Dict[str, Any], step: Step) -> bool:
        return pending.get("kind") == "clarify" and pending.get("request") == "start_over" and pending.get("slot") == step.slot

    @staticmethod
    def started_over(conv: Conversation, dispatcher) -> Dict[str, Any]:
        """Every answer, note and document deleted; the first question comes next."""
        dispatcher.utter_message(text=conv.message("restart"))
        return {
            **{slot: None for slot in conv.tool.slots},
            NOTES: None,
            "documents": None,
            "finished": None,
            PENDING: None,
            REQUESTED_SLOT: None,
        }

    def after_care(self, step: Step, text: str, read, pending: Dict[str, Any], conv: Conversation, dispatcher) -> Dict[str, Any]:
        """Typed words after the care message are never the answer: "go on" asks the question again, and
        so do words that say the care message was not needed ("what? i meant the orders": the same help
        text at every message left a walk no way on but the button); anything else gets where to find
        help once more ("det nytter ikke"), and no question is pushed."""
        going_on = {"kind": AFTER_CARE, "slot": step.slot}
        if reading.goes_on(text) or read.request in ("resume", "skip"):
            # "det er fint, vil bare videre" (skip to the classifier) is going on, not skipping the question
            return {step.slot: self.held(pending, step), PENDING: went_on_from_care(conv, dispatcher, step.slot)}
        latest = conv.tracker.latest_message or {}
        misread = reading.says_care_misread(text)
        if read.kind == reading.ANSWER and (misread or pending.get("again") and not self.still_heavy(text, read, latest)):
            # "what? i meant the orders", or plain words once the help has been said again (a walk's answers typed
            # to the question got the same help text at every message): the question back, nothing kept
            dispatcher.utter_message(text=conv.message("question_again"))
            return {step.slot: None, PENDING: going_on}
        conv.care_again(dispatcher)
        return {step.slot: None, PENDING: {**pending, "again": True}}

    @staticmethod
    def still_heavy(text: str, read: reading.Reading, latest: Dict[str, Any]) -> bool:
        """Words after the care message that still sound heavy: what the guard or the net found in them
        (strain, the gentle question's half-sure reading) or `care_heavy_words` ("det nytter ikke")."""
        said = reading.signal(latest)
        return (
            read.kind in (reading.DISTRESS, reading.STRAIN)
            or said in (STRAIN, CLARIFY_PREFIX + reading.DISTRESS)
            or reading.says_care_heavy(text)
            or distress.tier(text) is not None
        )

    @staticmethod
    def offered_here(conv: Conversation, step: Step, value: str) -> bool:
        """A tapped answer is one of the buttons this question offers (its suggestions, or the names
        we asked back about)."""
        from actions.ask import answer_buttons

        if (conv.tracker.latest_message.get("intent") or {}).get("name") != "choose":
            return True  # not an answer button ("/keep" and the like carry typed words back)
        if value in ((reading.pending_for(conv.slots, step) or {}).get("candidates") or []):
            return True
        return any(b["payload"] == payload("choose", value=value) for b in answer_buttons(conv, step))

    def validated_answer(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        if step.kind == StepKind.CHOICE:
            return self.validate_choice(step, text, conv, dispatcher)
        if step.kind == StepKind.THEME:
            return self.validate_theme(step, text, conv, dispatcher)
        if step.kind == StepKind.DATE:
            return self.validate_date(step, text, conv, dispatcher)
        if step.kind == StepKind.CHECKPOINT:
            # Typed words at a checkpoint also mean "go on"; they are kept as a note.
            return {step.slot: CONTINUE, **({} if text == CONTINUE else self.keep_as_note(conv, text))}
        if step.kind == StepKind.DRAFT:
            settled = self.validate_draft(step, text, conv, dispatcher)
            if settled is not None:
                return settled
        if step.kind == StepKind.REVIEW:
            if text == "confirm" or reading.accepts(text):
                return {step.slot: "confirm"}
            # Anything else typed under the whole conversation ("tovholder på tavlen skal være mig") is a wish
            # to change something: the change list at once, not the long review again (held until they pick).
            from actions import changes

            changes.offer(conv, dispatcher, lead=conv.message("change_typed"))
            return {step.slot: None, PENDING: {"kind": "change", "slot": step.slot}}
        if not text:
            return {step.slot: None}
        text = without_chat_fillers(text)  # "Idk.. måske en gåtur" is kept as "Måske en gåtur"
        from actions.ask import builds_on

        earlier = builds_on(conv, step)
        if earlier and len(text.split()) <= 6 and reading.accepts(text):
            return {step.slot: earlier}  # "ja brug det" under "Brug det, I skrev" (a user walk printed the words)
        same = self.same_as_before(conv, step, text)
        if same is not None:  # "samme som før": the round before's answer to this question, said back
            dispatcher.utter_message(text=conv.message("same_as_before", answer=same))
            return {step.slot: same}
        won = reading.vote_winner(text) if step.kind == StepKind.TEXT and not step.person else None
        if won:  # a group's vote typed in: what won, said back (a user walk's poster led with the tally)
            won = won[:1].upper() + won[1:]
            dispatcher.utter_message(text=conv.message("suggestion_check", answer=won))
            return {step.slot: won}
        counted = reading.the_count(text) if step.count else None
        if counted:
            return {step.slot: counted}  # "vi er 4": the number, as the document prints it
        said = suggested(step, text, conv.language)
        if said is not None:  # a suggestion in other words ("det er jo mig der er topledelsen"): as the button says it
            if said != text:
                dispatcher.utter_message(text=conv.message("suggestion_check", answer=said))
            return {step.slot: said}
        if step.person:
            return self.validate_person(step, text, conv, dispatcher)
        if step.workplace:
            named, cleaned = people.workplace(text)
            if cleaned:  # said back as it will head the plan and every card
                dispatcher.utter_message(text=conv.message("suggestion_check", answer=named))
            return {step.slot: named}
        if step.when:
            return self.validate_when(step, text, conv, dispatcher)
        if share.is_word_step(step) and not share.word_fits(text):
            dispatcher.utter_message(text=conv.message("word_too_long", most=share.WORD_MAX_WORDS))
            return {step.slot: None, **self.keep_as_note(conv, text)}
        return {step.slot: text}

    def validate_draft(self, step: Step, text: str, conv: Conversation, dispatcher) -> Optional[Dict[str, Any]]:
        """A draft taken (the button, or "ja, brug den"), its shorter version shown or taken, or a request
        to rewrite it answered (we cannot; they can adjust it in their own mail). None: their own version."""
        from actions.ask import draft_text

        held = reading.pending_for(conv.slots, step) or {}
        short = held.get("kind") == "draft" and bool(held.get("short"))
        asked = drafts.SHORTER if text == SHOW_SHORT_DRAFT else drafts.rework(text)  # before "make it …" as a yes
        version = drafts.picked(text) if short else None
        if version is not None:  # "den korte er fin" with both shown
            return {step.slot: draft_text(conv, step, short=version == drafts.SHORT), PENDING: None}
        if asked is None and (text in (USE_DRAFT, USE_SHORT_DRAFT) or (len(text.split()) <= 8 and reading.accepts(text))):
            return {
                step.slot: draft_text(conv, step, short=text == USE_SHORT_DRAFT or (short and text != USE_DRAFT)),
                PENDING: None,
            }
        if asked is None:
            return None
        use = [{"title": conv.button("use_draft"), "payload": payload("choose", value=USE_DRAFT)}]
        if asked == drafts.SHORTER and step.spec.get("draft_short"):
            said = conv.message("draft_short_intro") + "\n\n" + draft_text(conv, step, short=True)
            use.insert(0, {"title": conv.button("use_short_draft"), "payload": payload("choose", value=USE_SHORT_DRAFT)})
            dispatcher.utter_message(text=said, buttons=use)
            return {step.slot: None, PENDING: {"kind": "draft", "slot": step.slot, "short": True}}
        if step.spec.get("draft_short"):
            use.append({"title": conv.button("show_short_draft"), "payload": payload("choose", value=SHOW_SHORT_DRAFT)})
        dispatcher.utter_message(text=conv.message("draft_rewrite"), buttons=use)
        return {step.slot: None, PENDING: {"kind": "draft", "slot": step.slot}}

    def validate_choice(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """A tapped option, or typed words matched to one. Said plainly (its label, a plain yes or no),
        it is kept. Read from other words (a typo, "næsten aldrig", the option's word in a sentence), it
        is said back with "Det passer" and the other options, and kept when the leader takes it.
        Nothing fits: the options again, the words kept as a note."""
        from actions.ask import answer_buttons

        held = reading.pending_for(conv.slots, step) or {}
        chosen = choose(step, text, conv.language)
        if chosen is not None and chosen.how == VALUE:
            return {step.slot: chosen.value, PENDING: None}
        if (
            chosen is not None
            and held.get("kind") == "choice"
            and chosen.value == held.get("choice")
            and not bare_yes_or_no(text)
        ):
            # the same said again: taken, not read back twice ("nej" is no option said again, even where an
            # option says "nej" in other words: it turns down what we read back)
            return {step.slot: chosen.value, PENDING: None}
        # "ja", "det passer" / "nej", "forkert" to what we said back; a short "no" turns it down even
        # where an option is called "No" (a user walk typed "no" and got the option, not the question)
        taken = settles(text) if held.get("kind") == "choice" else None
        # "ja, nej vent, aldrig" to what we read back corrects it: the option corrected to is read back
        corrected = chosen is not None and chosen.how == CORRECTED
        if taken is not None and not corrected and (chosen is None or chosen.how != LABEL or bare_yes_or_no(text)):
            return {step.slot: held["choice"] if taken else None, PENDING: None}
        if chosen is not None and chosen.how == LABEL:
            return {step.slot: chosen.value, PENDING: None}
        if chosen is None and step.spec.get("options_from") == "themes":
            chosen = self.theme_in_words(conv)  # a warm-up's theme in own words: the likeliest, read back
        if chosen is None and yes_or_no(text) == "yes" and len(tokens(text)) <= 3:  # "ja", "ja da", "yes please"
            # "yes" where several options say yes ("Ja, planlagte", "Ja, og nogen har ansvaret"): which one,
            # and no note of a bare "yes" (a walk got "I'm not quite sure what you mean")
            dispatcher.utter_message(text=conv.message("which_yes"))  # the question and its buttons come next
            return {step.slot: None, PENDING: None}
        if chosen is None:
            dispatcher.utter_message(text=conv.note_message("choose_please"))
            return {step.slot: None, PENDING: None, **self.keep_as_note(conv, text)}
        if not chosen.inferred:
            return {step.slot: chosen.value, PENDING: None}
        option = next(o for o in step.spec["options"] if o["value"] == chosen.value)
        right = payload("choose", value=chosen.value)
        buttons = [{"title": conv.button("choice_yes"), "payload": right}]
        buttons += [b for b in answer_buttons(conv, step) if b["payload"] != right]
        conv.utter(dispatcher, conv.message("choice_check", choice=conv.text(option["label"])), extra=buttons)
        return {step.slot: None, PENDING: {"kind": "choice", "slot": step.slot, "text": text, "choice": chosen.value}}

    @staticmethod
    def theme_in_words(conv: Conversation) -> Optional[Choice]:
        """A choice among the themes said in own words ("for mange opgaver og for faa folk"): the
        theme the guard's theme model finds likeliest (actions/reading.py), to be read back."""
        latest = conv.tracker.latest_message or {}
        if str(latest.get("text") or "").startswith("/"):
            return None  # held words let go by a tap: the guard's reading of them is not at hand
        corrected = ValidateToolForm.corrected_theme(str(latest.get("text") or ""), catalogue.theme_names(conv.language))
        if corrected:
            return Choice(corrected, CORRECTED)  # "pauser.. nej vent, mening": the theme corrected to (a walk's got the first)
        found = reading.theme(latest)
        key = found.key or (found.candidates[0] if found.candidates else None)
        return Choice(key, WORDS) if key else None

    @staticmethod
    def read_by_others(step: Step, conv: Conversation) -> bool:
        """Whether who a step names is printed for others to read: a group's or an organisation's
        (`address: plural`), and not said in the leader's own letter (`draft_people`: "Jeg står selv for
        arbejdet" is clear there)."""
        in_letter = any(step.id in s.spec.get("draft_people", []) for s in conv.tool.steps)
        return conv.tool.spec.get("address") == "plural" and not in_letter

    def validate_person(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """Who an answer names, printed without the hedges ("tja det bliver nok Karin" -> Karin) and
        said back when it was cleaned; unclear who ("Karin eller Peter"): asked, with a button per name."""
        named, cleaned = people.person(text, keep_role=step.person_role is None)  # "min kone, Hanne" at "Hvem kan støtte dig?"
        if named is None:
            found = people.candidates(text)
            buttons = [{"title": name, "payload": payload("choose", value=name)} for name in found]
            buttons.append({"title": conv.button("keep_answer"), "payload": payload("keep")})
            conv.utter(dispatcher, conv.message("person_which" if found else "person_who"), extra=buttons)
            kept = people.without_hedges(text) or text
            return {
                step.slot: None,
                PENDING: {"kind": "person", "slot": step.slot, "text": text, "candidates": found, "value": kept},
            }
        named = people.capitalised(named)  # "min kone, hanne" -> "min kone, Hanne"
        asked = reading.pending_for(conv.slots, step) or {}
        if people.is_oneself(named) and self.read_by_others(step, conv) and not asked.get("self"):
            # "Tovholder: mig" on a group's poster tells nobody who: asked once for the name, "mig" kept on a tap
            conv.utter(dispatcher, conv.message("person_self_name"), [("keep_me", "keep")])
            return {step.slot: None, PENDING: {"kind": "person", "slot": step.slot, "text": text, "value": named, "self": True}}
        if cleaned:
            key = "person_check_you" if named in ("mig", "me") else "person_check"  # "Jeg skriver dig som tovholder."
            role = conv.text(step.person_role) if step.person_role else ""
            said = conv.message(key, name=named, role=role) if role else conv.message(f"{key}_plain", name=named)
            dispatcher.utter_message(text=said)
        return {step.slot: named, PENDING: None}

    def validate_theme(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        names = catalogue.theme_names(conv.language)
        taken = [conv.slots.get(s.slot) for s in conv.tool.steps if s.kind == StepKind.THEME and s.slot != step.slot]
        taken_keys: List[str] = [t["key"] for t in taken if isinstance(t, dict) and t.get("key")]
        pending = reading.pending_for(conv.slots, step)
        said = reading.themes_said(step, text)
        if said == reading.ENOUGH:  # "nej tak, to er nok"
            dispatcher.utter_message(text=conv.message("themes_enough"))
            return {step.slot: SKIPPED, PENDING: None}
        if said and not pending:
            # "ja gerne" at the third: which one; "kun det ene" at the second: the tool works with two. Never a
            # theme called »ja gerne« or »kun det ene« (two user walks)
            dispatcher.utter_message(text=conv.message("theme_third" if said == reading.WHICH else "theme_second_needed"))
            return {step.slot: None}
        if not step.optional_round and not pending and bare_yes_or_no(text):
            # "nej" at "Hvilket tema fylder mest?" is no theme of one's own (a walk got »nej« as its theme)
            dispatcher.utter_message(text=conv.message("theme_needed"))
            return {step.slot: None}
        if pending and pending.get("kind") == "theme" and set(words_of(text)) & BOTH and len(pending.get("candidates", [])) >= 2:
            return self.take_two(step, pending, conv, dispatcher)  # "begge", "both": the two likeliest
        own = _OWN_THEME_TYPED.match(text.strip()) if pending and pending.get("kind") == "theme" else None
        if text in names:  # a button: the theme, with the words that led to it if any
            theme = {"key": text, "words": (pending or {}).get("text")}
        elif own:
            # "eget tema, krydspres" typed instead of tapping »Mit eget tema«: the words that led to it, under
            # the name typed after it (a walk's theme was called »Eget tema, krydspres«, its words lost)
            named_as = own.group(1).strip(" .!?")
            theme = {"key": None, "words": (pending or {}).get("text") or named_as, **({"name": named_as} if named_as else {})}
        elif voted := self.voted_theme(text, names):
            # "4 for krav og ressourcer, 1 for pauser": the theme that won, with no tally printed under it
            theme = {"key": voted, "words": None}
        elif corrected := self.corrected_theme(text, names):
            # "sparring.. nej vent, pauser": the theme corrected to, said back (a walk got both themes)
            dispatcher.utter_message(text=conv.message("theme_understood", theme=names[corrected]))
            theme = {"key": corrected, "words": None}
        else:
            both = reading.two_themes(conv.tracker.latest_message, taken_keys)
            later = self.next_theme_step(conv, step) if both else None
            if both and later:
                return self.two_themes(step, later, both, conv, dispatcher)
            read = reading.theme(conv.tracker.latest_message, taken_keys)
            if not read.key and read.candidates:
                return self.ask_which_theme(step, text, read.candidates, conv, dispatcher)
            theme = {"key": read.key, "words": None if names_the_theme(text, names.get(read.key or "", "")) else text}
            named = names_the_theme(_CORRECTING_THEME.sub("", text), names.get(read.key or "", ""))
            if (
                pending
                and pending.get("kind") == "theme"
                and (read.key in pending.get("candidates", []) and len(text.split()) <= 4 or named)
            ):
                # "klare roller" typed at "Hvilket af dem?", or a theme named instead ("nej mere krav og
                # resurser"): that theme, with the words that led to it (a user walk lost them)
                theme = {"key": read.key, "words": pending.get("text")}
        if theme["key"] in taken_keys:
            if not theme["words"]:
                dispatcher.utter_message(text=conv.message("theme_taken"))
                return {step.slot: None}
            theme = {"key": None, "words": theme["words"]}  # their own words, kept as their own theme
        if theme["words"]:
            # A tapped theme was the leader's choice, not the bot's guess ("Det lyder som …" read as one).
            key = ("theme_chosen" if text in names else "theme_understood") if theme["key"] else "theme_own"
            shown = names[theme["key"]] if theme["key"] else theme.get("name") or theme["words"]
            dispatcher.utter_message(text=conv.message(key, theme=shown))
        return {step.slot: theme, PENDING: None}

    @staticmethod
    def voted_theme(text: str, names: Dict[str, str]) -> Optional[str]:
        """The theme a group's vote typed at a theme question chose, named by its name ("pauser")."""
        won = reading.vote_winner(text, on=True)
        named = [key for key, name in names.items() if won and names_the_theme(won, name)]
        return named[0] if len(named) == 1 else None

    @staticmethod
    def corrected_theme(text: str, names: Dict[str, str]) -> Optional[str]:
        """The theme a leader corrected themselves to, named by its name after the correction."""

        def a_theme(said: str) -> bool:
            return any(names_the_theme(said, name) for name in names.values())

        after = corrected_to(text, a_theme)  # "pauser.. nej mening" too: a plain no between two themes
        named = [key for key, name in names.items() if after and names_the_theme(after, name)]
        return named[0] if len(named) == 1 else None

    def ask_which_theme(self, step: Step, text: str, candidates, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """Unsure which theme own words are about: offer the likeliest, or their own, keeping the words."""
        names = catalogue.theme_names(conv.language)
        buttons = [{"title": names[key], "payload": payload("choose", value=key)} for key in candidates]
        buttons.append({"title": conv.button("own_theme"), "payload": payload("keep")})
        dispatcher.utter_message(text=conv.message("theme_which", words=text), buttons=buttons)
        return {
            step.slot: None,
            PENDING: {
                "kind": "theme",
                "slot": step.slot,
                "text": text,
                "candidates": list(candidates),
                "value": {"key": None, "words": text},
            },
        }

    @staticmethod
    def next_theme_step(conv: Conversation, step: Step) -> Optional[Step]:
        return next(
            (
                s
                for s in conv.tool.theme_steps(step.group)
                if (s.round or 0) > (step.round or 0) and conv.slots.get(s.slot) is None
            ),
            None,
        )

    def two_themes(self, step: Step, later: Step, both, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """Two themes at once, ((words, key), (words, key)): this round takes the first, a later round (the next
        one still open) the second."""
        names = catalogue.theme_names(conv.language)
        (first_words, first), (second_words, second) = both
        dispatcher.utter_message(text=conv.message("themes_understood", first=names[first], second=names[second]))
        return {
            step.slot: {"key": first, "words": first_words},
            later.slot: {"key": second, "words": second_words},
            PENDING: None,
        }

    def take_two(self, step: Step, pending: Dict[str, Any], conv: Conversation, dispatcher) -> Dict[str, Any]:
        """ "Begge"/"both" to the likeliest themes we offered: both, with the words that led to them."""
        first, second = pending["candidates"][:2]
        later = self.next_theme_step(conv, step)
        if not later:
            return {step.slot: {"key": first, "words": pending["text"]}, PENDING: None}
        return self.two_themes(step, later, ((pending["text"], first), (pending["text"], second)), conv, dispatcher)

    def clarify(
        self, step: Step, text: str, request: str, conv: Conversation, dispatcher, also: Optional[str] = None
    ) -> Dict[str, Any]:
        """Unsure whether the words were a request or the answer: ask, and keep them meanwhile. When
        two requests are about as likely (`also`), both are offered ("fortsætte eller holde pause")."""
        requests = catalogue.common()["requests"]
        spec = requests[request]
        asked, buttons = _request_said(conv, spec), [(spec["button"], request)]
        if also and "message" not in spec and "message" not in requests[also]:  # never beside the gentle question
            asked = conv.message("either_or", first=asked, second=_request_said(conv, requests[also]))
            buttons.append((requests[also]["button"], also))
        if step.kind == StepKind.CHOICE:
            # Typed words are no answer to a button question: offer its options instead of keeping them.
            from actions.ask import answer_buttons

            message = spec.get("message_choice", "clarify_choice")
            custom = ASKS_CARE if request == reading.DISTRESS else None
            conv.utter(dispatcher, conv.message(message, request=asked), buttons, answer_buttons(conv, step), custom=custom)
        else:
            message = spec.get("message", "clarify")
            if request == reading.DISTRESS and reading.told_of_others(conv.tracker.latest_message or {}):
                message = "clarify_care_told"  # someone else's death: the loss said before the question
            custom = ASKS_CARE if request == reading.DISTRESS else None
            conv.utter(dispatcher, conv.message(message, request=asked), [*buttons, ("keep_answer", "keep")], custom=custom)
        return {step.slot: None, PENDING: {"kind": "clarify", "slot": step.slot, "text": text, "request": request}}

    def validate_date(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        settled = self.settles_date(step, text, conv)
        if settled is not None:
            return settled
        day = None if dates.two_days(text) else dates.parse(text)  # "tors eller fre": theirs to say which
        if day is None:
            dispatcher.utter_message(text=conv.message("date_please"))
            return {step.slot: None, **self.keep_as_note(conv, text)}
        # Always read back with the weekday, as a when-question reads its date back: a misread date must
        # be caught here, not in the calendar; a weekend day is said to be one.
        said = self.date_check(dates_when.day(day, conv.language), day, day < clock.today(), conv, text)
        conv.utter(dispatcher, said, [("date_yes", "keep"), ("date_no", "resume")])
        return {step.slot: None, PENDING: {"kind": "date", "slot": step.slot, "value": {"text": text, "date": day.isoformat()}}}

    def validate_when(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        """A when-question takes words or a date. A date is printed written out in place of the words
        that said it ("naeste fre" -> "fredag 11. december 2026"), after the leader has seen it read
        back: "Ja, det passer", "Nej, en anden dag" (asked again), or their words as they typed them."""
        held = reading.pending_for(conv.slots, step) or {}
        tapped = str((conv.tracker.latest_message or {}).get("text") or "").startswith("/")
        if tapped and held.get("kind") == "date" and text == held.get("text"):
            return {step.slot: text, PENDING: None}  # "Behold mine ord"
        settled = self.settles_date(step, text, conv)
        if settled is not None:
            return settled
        if held.get("kind") == "date":
            text = _CORRECTING.sub("", text) or text  # "nej, 1/3": the new date, without the "nej"
        elif bare_yes_or_no(text):
            # "ja" with nothing read back says no when (a user walk found "Hvornår: ja" on a card)
            dispatcher.utter_message(text=conv.message("when_please"))
            return {step.slot: None}
        found = dates_when.read(text, conv.language)
        if found is None:
            return {step.slot: text, PENDING: None}  # words stay words ("efter sommerferien")
        said = self.date_check(found.printed, None if found.week else found.date, found.past, conv, text)
        mine = {"title": conv.button("when_words"), "payload": payload("choose", value=text)}
        conv.utter(dispatcher, said, [("date_yes", "keep"), ("date_no", "resume")], [mine])
        return {
            step.slot: None,
            PENDING: {"kind": "date", "slot": step.slot, "text": text, "value": found.printed, "candidates": [text]},
        }

    @staticmethod
    def date_check(printed: str, day: Optional[dt.date], past: bool, conv: Conversation, typed: str = "") -> str:
        """The read-back of a date: "Jeg skriver »fredag 11. december 2026« – passer det?", said to have
        passed, to fall on another weekday than the one typed ("mandag d. 15/12", a Tuesday), or to be a
        Saturday or Sunday (a meeting or a start is seldom meant for a weekend)."""
        if past:
            return conv.message("when_past", answer=printed)
        weekdays = catalogue.common()["weekdays"][conv.language]
        said = dates.other_weekday(typed, day) if day is not None and typed else None
        if said is not None:
            return conv.message("when_other_weekday", answer=printed, said=weekdays[said])
        if day is not None and dates.on_weekend(day):
            return conv.message("when_weekend", answer=printed, weekday=weekdays[day.weekday()])
        return conv.message("when_check", answer=printed)

    @staticmethod
    def confirms_date(text: str, named: dt.date, pending: Dict[str, Any]) -> bool:
        """A yes that names (`named`) the day read back again ("ja fredag er rigtig" to »fredag 18. december«):
        taken, not read as a new date (a user walk's got "ja fredag 11. december 2026 er rigtig")."""
        if yes_or_no(text) != "yes":
            return False
        value = pending.get("value")
        held = dt.date.fromisoformat(value["date"]) if isinstance(value, dict) else dates.parse(str(value or ""))
        return held is not None and named.weekday() == held.weekday()

    @staticmethod
    def settles_date(step: Step, text: str, conv: Conversation) -> Optional[Dict[str, Any]]:
        """A plain yes or no to the date we read back (a new date in the words is read afresh instead:
        "nej, fredag")."""
        pending = reading.pending_for(conv.slots, step)
        if not pending or pending.get("kind") != "date":
            return None
        named = dates.parse(text)
        if named is not None and not ValidateToolForm.confirms_date(text, named, pending):
            return None
        said = settles(text)  # "ja", "fint", "det passer" / "nej", "forkert"
        if said is True:
            return {step.slot: pending["value"], PENDING: None}
        if said is False:
            return {step.slot: None, PENDING: None}  # the question is asked again
        return None

    @staticmethod
    def keep_as_note(conv: Conversation, text: str) -> Dict[str, Any]:
        """Words that answer nothing are kept as a note, never dropped."""
        if not text or text.startswith("/"):
            return {}
        return {NOTES: list(conv.slots.get(NOTES) or []) + [text]}


def _request_said(conv: Conversation, spec: Dict[str, Any]) -> str:
    """What a request is called in "Vil du …?", to a group in its plural form where it has one ("rette et af jeres svar")."""
    return conv.text(spec["ask_plural"] if conv.plural and "ask_plural" in spec else spec["ask"])
