"""What an action needs to know about the conversation it is answering."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker

import catalogue
from actions.written_in import written_in
from catalogue import CONTINUE, SKIPPED, Step, StepKind
from rasa_components import settings

RETENTION_DAYS = settings.load().retention_days


def payload(intent: str, **entities: Any) -> str:
    """A button payload that bypasses the classifier (`/intent{"key": "value"}`)."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


class Conversation:
    """The tracker seen through the content catalogue."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        language = tracker.get_slot("language")
        self.language = language if language in catalogue.LANGUAGES else catalogue.DEFAULT_LANGUAGE
        self.tool = catalogue.tool(tracker.get_slot("tool") or "leader")

    @property
    def slots(self) -> Dict[str, Any]:
        return self.tracker.slots

    def steps(self) -> List[Step]:
        return self.tool.applicable(self.slots)

    def requested_step(self) -> Optional[Step]:
        return self.tool.step(self.tracker.get_slot("requested_slot") or "")

    def next_missing(self) -> Optional[Step]:
        return next((s for s in self.steps() if self.slots.get(s.slot) is None), None)

    # -- texts --------------------------------------------------------------
    def placeholders(self, step: Optional[Step] = None) -> Dict[str, Any]:
        values: Dict[str, Any] = {
            "minutes": self.tool.spec.get("minutes", 15),
            "days": RETENTION_DAYS,
            "partner": self.partner(),
            "questions": self.questions(),
        }
        if step is not None and step.round:
            values["theme"] = self.theme_name(step.round, step.theme_group)
            values["round"] = step.round
            values.update(self.theme_examples(step.round, step.theme_group))
            if step.bound_to_upload:
                values["summary"] = self.upload_item(step.round).get("summary", "")
        if step is not None and step.spec.get("theme"):
            values["theme"] = catalogue.theme_names(self.language)[step.spec["theme"]]
        upload = (self.slots.get("upload") or {}).get("document") or {}
        values.update(document_title=upload.get("title", ""), document_date=upload.get("date", ""))
        return values

    def upload_item(self, round_: int) -> Dict[str, str]:
        items = (self.slots.get("upload") or {}).get("items") or []
        return items[round_ - 1] if 0 < round_ <= len(items) else {}

    def answers(self) -> Dict[str, str]:
        """Every answer so far by its name without the tool prefix ({group_name}, {priority1})."""
        prefix = len(self.tool.id) + 1
        found: Dict[str, str] = {}
        for step in self.steps():
            if self.slots.get(step.slot) == SKIPPED or step.kind in (StepKind.REVIEW, StepKind.CHECKPOINT):
                continue
            text = self.answer_text(step)  # None: not answered yet
            if text is not None:
                found[step.slot[prefix:]] = text
        return found

    def text(self, texts: Optional[Dict[str, str]], step: Optional[Step] = None, with_answers: bool = False, **extra: Any) -> str:
        values = {**self.answers(), **self.placeholders(step)} if with_answers else self.placeholders(step)
        return catalogue.pick(texts, self.language, **{**values, **extra})  # extra wins: a fitted answer

    @property
    def plural(self) -> bool:
        """Whether the guide speaks to a group here ("falder jer ind"): a tool that speaks to a group or an
        organisation (`address: plural`); one prepared alone first (Værktøj 2) only once the group reads along,
        or from the first turn when it was started on the shared screen from a preparation room; never a
        participant doing a room's warm-up on their own phone."""
        if self.tool.spec.get("address") != "plural" or self.slots.get("room"):
            return False
        prepared_alone = any(s.kind == StepKind.CHECKPOINT for s in self.tool.steps)
        return not prepared_alone or self.shared_screen or bool(self.slots.get("prepared"))

    def message(self, key: str, *, language: Optional[str] = None, **values: Any) -> str:
        """A message of content/common.yml, in its `<key>_plural` form where there is one and the guide
        speaks to a group; in the conversation's language unless another is asked for."""
        plural = f"{key}_plural"
        if plural in catalogue.common()["messages"] and self.plural:
            key = plural
        return catalogue.message(key, language or self.language, **{**self.placeholders(), **values})

    def button(self, key: str) -> str:
        """A button's title, in its `<key>_plural` form where there is one and the guide speaks to a group."""
        plural = f"{key}_plural"
        if plural in catalogue.common()["buttons"] and self.plural:
            key = plural
        return catalogue.button(key, self.language)

    def partner(self) -> str:
        has_leader = self.slots.get(f"{self.tool.id}_has_leader")
        key = "no_leader" if has_leader == "no" else "has_leader"
        return catalogue.pick(catalogue.common()["partner"][key], self.language)

    def theme_name(self, round_: int, group: str = "theme") -> str:
        if any(s.group == group and s.bound_to_upload for s in self.tool.steps):
            return self.upload_item(round_).get("heading", "")
        return describe_theme(self.slots.get(f"{self.tool.id}_{group}{round_}"), self.language)

    def theme_examples(self, round_: int, group: str = "theme") -> Dict[str, str]:
        """The round's theme's examples ({example_works}, {example_step}, …): a question about a theme shows
        an example about that theme. An own theme has none (the question then offers none)."""
        value = self.slots.get(f"{self.tool.id}_{group}{round_}")
        key = value.get("key") if isinstance(value, dict) else None
        examples = (catalogue.common()["themes"].get(key) or {}).get("examples", {}) if key else {}
        return {f"example_{kind}": catalogue.pick(text, self.language) for kind, text in examples.items()}

    def theme_words(self, round_: int, group: str = "theme") -> Optional[str]:
        """The leader's own words for a theme, kept beside its name: a suggested theme's, and an own theme's
        when its name is shorter than what was written (None when the name says it all)."""
        value = self.slots.get(f"{self.tool.id}_{group}{round_}")
        if not isinstance(value, dict):
            return None
        if value.get("key"):
            return value.get("words")
        words = str(value.get("words") or "").strip()
        name = describe_theme(value, self.language)
        return words if words and name.lower() != words.rstrip(".!? ").lower() else None

    def answer_text(self, step: Step) -> Optional[str]:
        """An answer as the leader would read it in the summary and the PDF."""
        value = self.slots.get(step.slot)
        if value is None:
            return None
        if value == SKIPPED:
            return self.message("skipped_answer")
        if step.kind == StepKind.THEME:
            return describe_theme(value, self.language)
        if step.kind == StepKind.CHOICE:
            option = next((o for o in step.spec["options"] if o["value"] == value), None)
            return catalogue.pick(option["label"], self.language) if option else str(value)
        if step.kind == StepKind.DATE and isinstance(value, dict):
            return format_day(value.get("date"), self.language) or str(value.get("text", ""))
        return str(value)

    def label(self, step: Step) -> str:
        label = self.text(step.spec.get("label"), step)
        if step.round and step.kind != StepKind.THEME:
            return f"{self.theme_name(step.round, step.theme_group)}: {label}"
        return label

    @property
    def private_part(self) -> bool:
        """Whether this conversation asks anything for the leader alone (a `private` step)."""
        return any(s.spec.get("private") for s in self.steps())

    @property
    def shared_screen(self) -> bool:
        """Past a checkpoint ("Vi holder mødet nu"): the group is looking at the screen from here on."""
        return any(s.kind == StepKind.CHECKPOINT and self.slots.get(s.slot) == CONTINUE for s in self.steps())

    def shown(self, step: Step) -> bool:
        """Whether the chat may show this step's answer: a private one never once the screen is shared."""
        return not (step.spec.get("private") and self.shared_screen)

    @property
    def prints_notes(self) -> bool:
        """Whether a document of this tool prints the leader's notes (only their own, never a shared one)."""
        return any(spec.get("notes") for spec in self.tool.spec.get("documents", []))

    def note_message(self, key: str) -> str:
        """`key`, or its variant for tools whose documents are shared and print no notes."""
        return self.message(key if self.prints_notes else f"{key}_chat")

    @property
    def done(self) -> bool:
        """The conversation's final documents are made (and not reopened since)."""
        return bool(self.slots.get("finished"))

    def utter(
        self,
        dispatcher,
        text: str,
        buttons: Iterable[Tuple[str, str]] = (),
        extra: Iterable[Dict[str, str]] = (),
        custom: Optional[Dict[str, Any]] = None,
    ) -> None:
        """Says `text` with buttons (catalogue key, intent) and the current progress and state."""
        dispatcher.utter_message(
            text=text,
            buttons=[{"title": self.button(key), "payload": payload(intent)} for key, intent in buttons] + list(extra),
            json_message={**status(self, self.requested_step(), completed=self.done), **(custom or {})},
        )

    def care(self, dispatcher) -> None:
        """Where to get help now (112, own doctor, Livslinien), with the offer to pause or carry on."""
        key = "distress_shared" if self.shared_screen else "distress"
        # In the language the words were written in: help must be read, whatever language was chosen.
        written = written_in(str((self.tracker.latest_message or {}).get("text") or ""))
        self.utter(
            dispatcher, self.message(key, language=written), [("pause", "pause"), ("resume", "resume")], custom=self.held()
        )

    def care_again(self, dispatcher) -> None:
        """Words after the care message that do not say "go on": no question is pushed, nothing is kept."""
        key = "care_again_shared" if self.shared_screen else "care_again"
        self.utter(dispatcher, self.message(key), [("pause", "pause"), ("resume", "resume")], custom=self.held())

    def held(self) -> Dict[str, str]:
        """What a reload shows in place of the words that got the care message (bot/conversations/replies.py)."""
        return {"held": self.message("care_held")}

    def questions(self) -> str:
        """How many questions this conversation asks, as a word ("tre", "fire" in a room): what a warm-up
        promises in its welcome is what its progress counts."""
        count = len([s for s in self.steps() if s.kind != StepKind.REVIEW])
        words = catalogue.common()["numbers"][self.language]
        return words[count] if count < len(words) else str(count)

    def progress(self, step: Optional[Step] = None, completed: bool = False) -> Dict[str, Any]:
        steps = self.steps()
        total = self.tool.counted(steps)  # "Trin 1 af 3" in a warm-up, "Trin 6 af 6" at the ladder's document
        if completed or step is None:
            return {"step": total, "total": total, "label": self.tool.section_name("document", self.language)}
        index = next((i for i, s in enumerate(steps) if s.slot == step.slot), 0)
        return {"step": min(index + 1, total), "total": total, "label": self.tool.section_name(step.section, self.language)}


def format_date(iso: Optional[str], language: str) -> str:
    """2027-03-15 -> "15. marts 2027" / "15 March 2027"."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    name = catalogue.common()["months"][language][month - 1]
    return f"{day}. {name} {year}" if language == "da" else f"{day} {name} {year}"


def format_day(iso: Optional[str], language: str) -> str:
    """2027-03-05 -> "fredag 5. marts 2027" / "Friday 5 March 2027": a date as the documents and
    the chat print it, with its weekday (a follow-up's date was the one date printed without)."""
    if not iso:
        return ""
    weekday = catalogue.common()["weekdays"][language][dt.date.fromisoformat(iso).weekday()]
    return f"{weekday} {format_date(iso, language)}"


def format_weekday_date(iso: Optional[str], language: str) -> str:
    """2027-03-04 -> "torsdag den 4. marts 2027" / "Thursday 4 March 2027" (format_date with its weekday)."""
    if not iso:
        return ""
    weekday = catalogue.common()["weekdays"][language][dt.date.fromisoformat(iso).weekday()]
    date = format_date(iso, language)
    return f"{weekday} den {date}" if language == "da" else f"{weekday} {date}"


def describe_theme(value: Any, language: str) -> str:
    if isinstance(value, dict):
        if value.get("key"):
            key = str(value["key"])
            return catalogue.theme_names(language).get(key, key)
        return str(value.get("name") or "") or own_theme_name(str(value.get("words") or ""))
    return "" if value in (None, SKIPPED) else str(value)


# An own theme is named in every question about it and heads its part of the document: its first
# sentence, without a filler in front, and at most OWN_THEME_WORDS words (a user walk's whole two-sentence
# message was repeated in three questions and printed as a heading). The words in full stay beside it.
OWN_THEME_WORDS = 8
_FIRST_SENTENCE = re.compile(r"[.!?;\n]")
_LEADING_FILLER = re.compile(
    r"^(?:(?:honestly|tbh|well|so|um|erm|ærligt talt|ærligt|altså|øh|øhm|nå|jamen|tja|hmm|"
    # and the words that only lead up to it ("its the fundraising", "er det økonomien": a walk's read as a question)
    r"it'?s|it is|that'?s|er det|det er|det handler om|it's about|mostly|mainly|primært|især)\b[\s,.:–-]*)+",
    re.IGNORECASE,
)


def own_theme_name(words: str) -> str:
    """The name an own theme goes by: "honestly the volunteers rota is doing my head in. every week …" ->
    "The volunteers rota is doing my head in"."""
    first = _FIRST_SENTENCE.split(words.strip(), maxsplit=1)[0].strip()
    first = _LEADING_FILLER.sub("", first).strip() or first
    said = first.split()
    name = " ".join(said[:OWN_THEME_WORDS]) + (" …" if len(said) > OWN_THEME_WORDS else "")
    return name[:1].upper() + name[1:] if name else words.strip()


def state_lost(tracker: Tracker) -> bool:
    """A message arrived for a conversation Rasa cannot find (its tracker store failed).

    Rasa's fail-safe tracker store then hands over an empty tracker; answering would
    silently start the leader over, so the gateway is told to ask for a resend instead.
    """
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return not tracker.get_slot("tool") and intent != "start"


LOST = {"state_lost": True}


def report_if_lost(dispatcher, tracker: Tracker) -> bool:
    """Tells the gateway instead of answering, when Rasa's tracker store lost the conversation."""
    if state_lost(tracker):
        dispatcher.utter_message(json_message=LOST)
        return True
    return False


def status(conversation: Conversation, step: Optional[Step] = None, completed: bool = False) -> Dict[str, Any]:
    """The custom payload every bot turn carries: progress and state (and `shared` once the group
    reads along: the widget then starts a clean screen, and a reload shows only what came after)."""
    custom: Dict[str, Any] = {
        "progress": conversation.progress(step, completed),
        "state": "completed" if completed else "active",
        "language": conversation.language,  # a typed "på dansk tak" switches it: the widget follows
    }
    if conversation.shared_screen:
        custom["shared"] = True
    return custom
