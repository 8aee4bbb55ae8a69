"""Starting a tool, and the requests a leader can make along the way."""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.forms import REQUESTED_SLOT

import catalogue
from actions import changes, documents, explain, followup, idempotency, reading, share
from actions.conversation import Conversation, report_if_lost
from actions.form import ASKS_CARE, CARE, NOTES, PENDING, ValidateToolForm, went_on_from_care
from catalogue import SKIPPED, StepKind
from catalogue.intents import CLARIFY_PREFIX, STRAIN
from rasa_components.typed_buttons import keeps_in_a_clause

CLARIFY_RESUME = CLARIFY_PREFIX + "resume"


def _entity(tracker: Tracker, name: str) -> Optional[str]:
    return next((e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name), None)


class ActionStart(Action):
    """Welcome: what this is, that it is automated, what is kept and for how long."""

    def name(self) -> str:
        return "action_start"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        events: List[EventType] = []
        if tracker.get_slot("tool") not in catalogue.tools():
            events.append(SlotSet("tool", "leader"))
            tracker.slots["tool"] = "leader"
        if tracker.get_slot("language") not in catalogue.LANGUAGES:
            events.append(SlotSet("language", catalogue.DEFAULT_LANGUAGE))
            tracker.slots["language"] = catalogue.DEFAULT_LANGUAGE
        # A follow-up's uploaded document arrives with the opening message (checked by the gateway).
        metadata = tracker.latest_message.get("metadata") or {}
        uploaded = metadata.get("upload")
        if isinstance(uploaded, dict):
            upload = {"document": uploaded, "items": followup.items(uploaded)}
            events.append(SlotSet("upload", upload))
            tracker.slots["upload"] = upload
        # A facilitator's room, or a group's preparation, is set by the gateway too.
        for slot in ("room", "prepared"):
            if isinstance(metadata.get(slot), dict):
                events.append(SlotSet(slot, metadata[slot]))
                tracker.slots[slot] = metadata[slot]
        conv = Conversation(tracker)
        # One greeting: a tool with a welcome of its own (a warm-up, a follow-up) or a ladder taken again
        # from its saved file greets in its own words, which say it is automated. The general welcome
        # would greet a second time, and promise a warm-up a document it never gives.
        before = documents.previous_level(conv)
        if before:
            greeting = conv.text(conv.tool.spec["retake"]["welcome"], **before)
        elif conv.tool.spec.get("welcome"):
            greeting = conv.text(conv.tool.spec["welcome"])
        else:
            greeting = conv.message("welcome")
        dispatcher.utter_message(text=greeting)
        dispatcher.utter_message(text=conv.message("room_privacy" if share.in_room(tracker.slots) else "privacy"))
        return events


# Requests whose rule (data/rules.yml) listens after action_control instead of running the form.
ASKS_NOTHING_AFTER = ("pause", "change")


class ActionControl(Action):
    """help, example, skip, back, pause, resume, restart, language, change, edit."""

    def name(self) -> str:
        return "action_control"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if report_if_lost(dispatcher, tracker):
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        handler = getattr(self, f"on_{intent}", None)
        if handler is None:
            return []
        conv = Conversation(tracker)
        if idempotency.seen_before(tracker):  # done once already; the form (if any) asks where we are
            dispatcher.utter_message(text=conv.message("already_done"))
            return []
        step = conv.requested_step()
        text = tracker.latest_message.get("text") or ""
        typed = not text.startswith("/")
        caring = (tracker.get_slot(PENDING) or {}).get("kind") == CARE
        if caring and (intent == "resume" or typed and (intent == "skip" or reading.goes_on(text))):
            # After the care message "fortsæt", "videre" ("skip" to the classifier), "ok lad os fortsætte",
            # "det er fint, har det ok nu. vil bare videre" all mean the button "Fortsæt": the question is
            # asked again, nothing typed is kept (a walk's long one skipped the question it was typed at);
            # heavy words typed to it then get where to find help again (ValidateToolForm, AFTER_CARE).
            going_on = went_on_from_care(conv, dispatcher, (tracker.get_slot(PENDING) or {}).get("slot"))
            events = [*self.on_resume(dispatcher, tracker, conv), SlotSet(PENDING, going_on)]
        elif typed and (tracker.get_slot(PENDING) or {}).get("kind") == STRAIN and keeps_in_a_clause(text):
            # "ok fortsæt, men gem det jeg skrev som mit svar" under the check-in: the button "Gem det som mit
            # svar" typed in a sentence the classifier read as another request (a user walk got "Hvilket svar
            # vil du rette?" and lost the answer).
            events = self.on_keep(dispatcher, tracker, conv) or []
            if intent in ASKS_NOTHING_AFTER:  # its rule listens after this action: the form asks the next question
                events.append(FollowupAction("tool_form"))
        elif caring and typed and intent == "dont_know":
            # "jeg ved ikke hvad jeg skal gøre" right after the care message is no request for a hint.
            conv.care_again(dispatcher)
            events = [SlotSet(PENDING, tracker.get_slot(PENDING))]
        elif (
            intent == "start_over"
            and typed
            and step
            and tracker.active_loop.get("name")
            and conv.answers()
            and not ValidateToolForm.asked_to_start_over(tracker.get_slot(PENDING) or {}, step)
        ):
            # Typed, starting over is asked first: it deletes every answer, and a misread would lose them.
            # The button "Start forfra" under the question (or on the widget) does it at once.
            events = [SlotSet(k, v) for k, v in ValidateToolForm.ask_to_start_over(step, text, conv, dispatcher).items()]
        elif (
            step
            and tracker.active_loop.get("name")
            and typed
            and reading.read(step, tracker.latest_message, tracker.get_slot(PENDING)).kind == reading.ANSWER
        ):
            # Typed words that plainly answer the question ("nej tak" to a yes/no) are the answer.
            events = self.answer(dispatcher, conv, step, text)
            if intent in ASKS_NOTHING_AFTER:
                # "correct" under a read-back is a trained "change" phrase: its rule listens after this
                # action, so the form must be run to ask the next question (the reply had been empty).
                events.append(FollowupAction("tool_form"))
        else:
            events = handler(dispatcher, tracker, conv) or []
        if tracker.get_slot(PENDING) and not any(e.get("name") == PENDING for e in events):
            events.append(SlotSet(PENDING, None))  # whatever we asked about is settled now
        return events + [SlotSet(k, v) for k, v in idempotency.applied(tracker).items()]

    @staticmethod
    def answer(dispatcher, conv, step, value) -> List[EventType]:
        validated = ValidateToolForm().validate_step(step, value, conv, dispatcher)
        return [SlotSet(k, v) for k, v in validated.items()]

    def on_keep(self, dispatcher, tracker, conv):
        """The leader's words, held while we asked what they meant, are the answer after all."""
        step = conv.requested_step()
        pending = reading.pending_for(conv.slots, step)
        if step is None or pending is None:
            return []
        if pending.get("kind") == CARE:  # an old "Gem det som mit svar": no words of theirs are held
            return []
        if pending.get("kind") == STRAIN and pending.get("value") is not None:
            # "Gem det som mit svar" under the check-in: what they wrote about their strain is theirs to keep
            dispatcher.utter_message(text=conv.message("kept_as_answer"))
            return [SlotSet(step.slot, pending["value"])]
        if pending.get("value") is not None:
            return [SlotSet(step.slot, pending["value"])]
        if pending.get("kind") == "clarify":  # asked whether the words were a request: say they are kept
            dispatcher.utter_message(text=conv.message("kept_as_answer"))
        return self.answer(dispatcher, conv, step, pending.get("text") or "")

    def on_dont_know(self, dispatcher, tracker, conv):
        dispatcher.utter_message(text=explain.dont_know(conv, conv.requested_step()))

    def on_help(self, dispatcher, tracker, conv):
        if (tracker.get_slot(PENDING) or {}).get("kind") in (STRAIN, CARE):  # "hjælp" right after our check-in or care
            conv.care(dispatcher)
            return [SlotSet(PENDING, (tracker.get_slot(PENDING)))]
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(text=explain.about(conv, conv.requested_step(), "" if text.startswith("/") else text))

    def on_example(self, dispatcher, tracker, conv):
        step = conv.requested_step()
        example = conv.text(step.spec.get("example"), step) if step else ""
        if example:
            dispatcher.utter_message(text=f"{conv.message('example_prefix')} {example}")
        else:
            dispatcher.utter_message(text=conv.message("no_example"))

    def on_skip(self, dispatcher, tracker, conv):
        step = conv.requested_step()
        if step is None or not step.skippable:
            dispatcher.utter_message(text=conv.message("cannot_skip"))
            return []
        # Leaving out an optional theme is a choice, not a skipped question: say so in those words.
        dispatcher.utter_message(text=conv.message("themes_enough" if step.kind == StepKind.THEME else "skipped"))
        return [SlotSet(step.slot, SKIPPED)]

    def on_go_back(self, dispatcher, tracker, conv):
        step = conv.requested_step()
        steps = conv.steps()
        position = next((i for i, s in enumerate(steps) if step and s.slot == step.slot), len(steps))
        if conv.shared_screen:
            # In front of the group, never back into what the leader prepared alone (a user walk's "Tilbage" at
            # the meeting's first question showed the private preparation on the shared screen).
            # (a preparation answer being changed from the change list stands before it: back as usual)
            since = max((i for i, s in enumerate(steps[:position]) if s.kind == StepKind.CHECKPOINT), default=-1) + 1
        else:
            since = 0
        earlier = [s for s in steps[since:position] if conv.slots.get(s.slot) is not None]
        if not earlier:
            dispatcher.utter_message(text=conv.message("back_at_meeting_start" if since else "back_at_start"))
            return []
        dispatcher.utter_message(text=conv.message("back"))
        return [SlotSet(earlier[-1].slot, None), SlotSet(REQUESTED_SLOT, earlier[-1].slot)]

    def on_pause(self, dispatcher, tracker, conv):
        # A step may say what is kept in its own words (the meeting guide: how to come back to the meeting).
        step = conv.requested_step()
        pending = tracker.get_slot(PENDING) or {}
        # the words typed under the check-in, the care message or the gentle question are not kept: say so
        held = pending.get("kind") in (STRAIN, CARE) or (
            pending.get("kind") == "clarify" and pending.get("request") == reading.DISTRESS
        )
        said = (
            conv.text(step.spec["pause"], step)
            if step and step.spec.get("pause")
            else conv.message("pause_held" if held else "pause")
        )
        conv.utter(dispatcher, said, [("resume", "resume")])
        if pending.get("kind") in (STRAIN, CARE):
            # Coming back days later is going on from the check-in or the care message: words typed
            # then are no answer to a question they have not seen again.
            return [SlotSet(PENDING, pending)]
        return []

    def on_resume(self, dispatcher, tracker, conv):
        # The form asks the open question again; words held under the check-in are not kept ("Gem det som
        # mit svar" keeps them).
        return []

    def on_start_over(self, dispatcher, tracker, conv):
        return [SlotSet(k, v) for k, v in ValidateToolForm.started_over(conv, dispatcher).items()]

    def on_language(self, dispatcher, tracker, conv):
        wanted = _entity(tracker, "language") or _language_named(tracker.latest_message.get("text") or "")
        if wanted not in catalogue.LANGUAGES:
            wanted = "en" if conv.language == "da" else "da"
        tracker.slots["language"] = wanted
        conv = Conversation(tracker)
        conv.utter(dispatcher, conv.message("language"))
        return [SlotSet("language", wanted)]

    def on_change(self, dispatcher, tracker, conv):
        if not changes.answered(conv):
            # Nothing answered yet ("correct" or "ret et svar" at the first question): no empty list, the
            # question again (its rule listens after this action, so the form is run here).
            dispatcher.utter_message(text=conv.message("nothing_to_change"))
            return [FollowupAction("tool_form")] if tracker.active_loop.get("name") else []
        changes.offer(conv, dispatcher, _entity(tracker, "part"))

    def on_edit(self, dispatcher, tracker, conv):
        slot = _entity(tracker, "value")
        step = conv.tool.step(slot or "")
        if step is None or step.kind == StepKind.REVIEW:
            return []
        said = changes.editing(conv, step)
        if said:
            dispatcher.utter_message(text=said)
        # Clearing the answer and the review makes the form ask this one, then review again.
        review = [SlotSet(conv.tool.review.slot, None)] if conv.tool.review else []
        return [SlotSet(step.slot, None), *review, SlotSet("finished", None), SlotSet(REQUESTED_SLOT, step.slot)]


def _language_named(text: str) -> Optional[str]:
    lowered = text.lower()
    if "engl" in lowered or "engel" in lowered:
        return "en"
    if "dansk" in lowered or "danish" in lowered:
        return "da"
    return None


class ActionDistress(Action):
    """Care first: where to get help now, and the offer to pause. No more questions."""

    def name(self) -> str:
        return "action_distress"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        conv = Conversation(tracker)
        step = conv.requested_step() if tracker.active_loop.get("name") else None
        text = tracker.latest_message.get("text") or ""
        if step is not None and not text.startswith("/"):
            read = reading.read(step, tracker.latest_message, tracker.get_slot(PENDING))
            if read.kind != reading.DISTRESS:
                # The care model alone, on what the question asked for ("Rajesh will take it i think" at
                # "Who leads the work?", an option at a button question): the form reads it as
                # reading.read says (the answer, or the gentle question), and asks on.
                return ActionControl.answer(dispatcher, conv, step, text) + [FollowupAction("tool_form")]
        # What was said in acute distress is never kept as an answer (nor as a note): going on asks the
        # open question again, and words typed right after this are not taken as its answer either.
        care = {"kind": CARE, "slot": step.slot if step else None}
        conv.care(dispatcher)
        return [SlotSet(PENDING, care)]


class ActionOutside(Action):
    """Anything no rule covers: keep the words as a note and offer a way on."""

    def name(self) -> str:
        return "action_outside"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if report_if_lost(dispatcher, tracker):
            return []
        conv = Conversation(tracker)
        text = (tracker.latest_message.get("text") or "").strip()
        events: List[EventType] = []
        done = conv.done
        way_on = ("change", "change") if done else ("resume", "resume")
        typed = bool(text) and not text.startswith("/")
        pending = tracker.get_slot(PENDING) or {}
        if typed and pending.get("kind") == CARE and not reading.goes_on(text):
            conv.care_again(dispatcher)  # never a note: words right after the care message stay in the chat
            return []
        if typed and pending.get("kind") == CARE and not done:
            # "det er fint, lad os bare komme videre" read as no request: as the button "Fortsæt", the question
            # again with a word on the way back, never "Hvad vil du nu?" (a second walk's got both)
            going_on = SlotSet(PENDING, went_on_from_care(conv, dispatcher, pending.get("slot")))
            return [going_on, *([] if tracker.active_loop.get("name") else [FollowupAction("tool_form")])]
        if typed and pending.get("kind") == CARE:
            events.append(SlotSet(PENDING, None))
            typed = False  # "fortsæt" after the document: the way on, and nothing kept
        elif typed and reading.signal(tracker.latest_message) == STRAIN:
            # Strain about oneself with no question open (after the document): the check-in, not a note.
            conv.utter(
                dispatcher, conv.message("strain_chat"), [way_on, ("pause", "pause"), ("get_help", "distress")], custom=ASKS_CARE
            )
            return []
        if typed and not done and (reading.goes_on(text) or reading.signal(tracker.latest_message) == CLARIFY_RESUME):
            # "ok videre" under "Fortsæt" (after a pause): the way on, never a note (a user walk had "Ok
            # videre" printed under "Noter undervejs")
            return [*events, *([] if tracker.active_loop.get("name") else [FollowupAction("tool_form")])]
        if typed and changes.menu_was_offered(tracker.events):
            # Words typed at the change list ("klare roller det slider") are no note for the document:
            # the list again, to tap (a user walk had them printed under "Noter undervejs").
            changes.offer(conv, dispatcher, lead=conv.message("change_tap"))
            # ... and nothing after it: the form's open question would bury the list's buttons (a user walk
            # typed "aftalen" there and was left with no button to tap)
            return [*events, *([FollowupAction("action_listen")] if tracker.active_loop.get("name") else [])]
        if typed:
            notes = list(tracker.get_slot(NOTES) or []) + [text]
            events.append(SlotSet(NOTES, notes))
            if done:  # the finished documents get the note too
                tracker.slots[NOTES] = notes
                remade = documents.build_all(Conversation(tracker))
                events.append(SlotSet("documents", {**(tracker.get_slot("documents") or {}), **remade}))
            key = "outside" if conv.prints_notes else "outside_chat"
        else:
            key = "completed_already" if done else "outside_command"
        conv.utter(dispatcher, conv.message(key), [way_on, ("restart", "start_over")])
        return events
