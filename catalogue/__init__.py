"""The content catalogue: every text the bot shows, and each tool's steps.

One source: `content/common.yml` and `content/tools/*.yml`. The actions, the
domain generator, the gateway and (through the agreement JSON) the PDF all read
from here; it needs PyYAML and jsonschema only, so both Python environments import it.
Each tool file is checked against catalogue/tool.schema.yml when it is loaded
(catalogue.schema), so a typo stops the start instead of reaching a conversation.
"""

from __future__ import annotations

import functools
import os
import string
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

CONTENT_DIR = Path(os.environ.get("TRIVSEL_CONTENT", Path(__file__).resolve().parent.parent / "content"))
LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
SKIPPED = "__skipped__"
CONTINUE = "__continue__"  # the button that passes a checkpoint
USE_DRAFT = "__draft__"  # the button that takes a proposed draft as the answer
SHOW_SHORT_DRAFT = "__draft_shorter__"  # the button that shows a draft's shorter version
USE_SHORT_DRAFT = "__draft_short__"  # the button that takes the shorter version as the answer
FROM_UPLOAD = "from_upload"  # a document kind: the uploaded document, followed up


class _Blank(dict):
    """Leaves unknown placeholders empty instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, **values: Any) -> str:
    return string.Formatter().vformat(template, (), _Blank(values))


def pick(texts: Optional[Dict[str, str]], language: str, **values: Any) -> str:
    """The text in `language` (falling back to Danish), placeholders filled."""
    if not texts:
        return ""
    text = texts.get(language) or texts.get(DEFAULT_LANGUAGE) or ""
    return fill(text, **values)


class StepKind(str, Enum):
    """What a step asks for (a tool file's `kind`)."""

    CHOICE = "choice"  # buttons, or typed words that match one
    TEXT = "text"  # the leader's own words
    THEME = "theme"  # a suggested theme, or own words for one
    DATE = "date"
    DRAFT = "draft"  # a proposed text to take or rewrite
    CHECKPOINT = "checkpoint"  # a pause with one button to go on
    REVIEW = "review"  # every answer, before the document is made

    def __str__(self) -> str:  # the plain name, as in the tool files (like 3.11's StrEnum)
        return self.value


@dataclass(frozen=True)
class Step:
    tool: str
    id: str
    kind: StepKind
    section: str
    spec: Dict[str, Any] = field(hash=False, compare=False)
    round: Optional[int] = None
    optional_round: bool = False

    @property
    def slot(self) -> str:
        middle = f"{self.group}{self.round}_" if self.round else ""
        if self.kind == StepKind.THEME:
            return f"{self.tool}_{self.group}{self.round}"
        return f"{self.tool}_{middle}{self.id}"

    @property
    def group(self) -> str:
        return self.spec.get("_group", "")

    @property
    def round_number(self) -> int:
        """The round of a step asked in a group's rounds (a theme step always is: its slot is named by it)."""
        assert self.round, f"{self.tool}/{self.id} is asked outside a group's rounds"
        return self.round

    @property
    def theme_group(self) -> str:
        """The group whose theme this round is about (itself, or the one named by `theme_from`)."""
        return self.spec.get("_theme_group") or self.group

    @property
    def bound_to_upload(self) -> bool:
        """A round per item of an uploaded document (follow-up)."""
        return self.spec.get("_bound_to") == "upload"

    @property
    def skippable(self) -> bool:
        if self.kind == StepKind.THEME:
            return self.optional_round
        return self.kind in (StepKind.TEXT, StepKind.DATE, StepKind.DRAFT) and not self.spec.get("required", False)

    @property
    def share(self) -> Optional[str]:
        """The key under which a room sees this answer (structured choices and opted-in words only)."""
        name = self.spec.get("share")
        if not name:
            return None
        return f"{name}:{self.spec['theme']}" if self.spec.get("theme") else name

    @property
    def person(self) -> bool:
        """Asks who (`person:` in the tool file): the answer is read for the person meant, hedges left out."""
        return bool(self.spec.get("person"))

    @property
    def person_role(self) -> Optional[Dict[str, str]]:
        """The role a named person gets, as the read-back says it ("Jeg skriver Karin som tovholder")."""
        role = self.spec.get("person")
        return role if isinstance(role, dict) else None

    @property
    def count(self) -> bool:
        """Asks how many (`count:` in the tool file): a short answer with a number in it is the answer."""
        return self.kind == StepKind.TEXT and bool(self.spec.get("count"))

    @property
    def when(self) -> bool:
        """Asks when, in words or a date (`when:` in the tool file): a date in the answer is printed as one."""
        return self.kind == StepKind.TEXT and bool(self.spec.get("when"))

    @property
    def asks_about_strain(self) -> bool:
        """Asks about strain itself (`asks_about_strain:`): what wears the leader down, or how they will notice
        it easing. Being tired, or no longer dreading Monday, is the answer there; only the net's words of
        strain get the check-in (a user walk got it for "sunday nights feel lighter")."""
        return bool(self.spec.get("asks_about_strain"))

    @property
    def workplace(self) -> bool:
        """Asks what a workplace is called (`workplace:`): printed without the words around its name."""
        return self.kind == StepKind.TEXT and bool(self.spec.get("workplace"))

    @property
    def room_only(self) -> bool:
        """Asked only of participants in a facilitator's room (the word they may share)."""
        return bool(self.spec.get("room_only"))

    def ask_texts(self, private_part: bool = True) -> Dict[str, str]:
        """The question; `private_part=False` where nothing is asked for the leader alone (see
        `without_private`), so a question that speaks of that part (Værktøj 2's guide) does not."""
        if "ask_rounds" in self.spec:
            return self.spec["ask_rounds"][(self.round or 1) - 1]
        return without_private(self.spec, "ask", private_part)


@dataclass
class Tool:
    id: str
    spec: Dict[str, Any]
    steps: List[Step]

    def step(self, slot: str) -> Optional[Step]:
        return next((s for s in self.steps if s.slot == slot), None)

    def known_step(self, slot: str) -> Step:
        """The step of a slot the caller knows is in this tool (named in a tool file or in code)."""
        found = self.step(slot)
        if found is None:
            raise KeyError(f"{self.id} has no step {slot}")
        return found

    @property
    def slots(self) -> List[str]:
        return [s.slot for s in self.steps]

    def applicable(self, slots: Dict[str, Any]) -> List[Step]:
        """The steps this conversation asks, given what is answered so far.

        A round of an optional group is left out once its theme is skipped. A conversation started
        from a facilitator's screen (with a preparation room's picture) is on that shared screen from
        its first turn, so a step the leader answers for themselves (`private`) is not asked there.
        """
        skipped_rounds = {(s.group, s.round) for s in self.steps if s.kind == StepKind.THEME and slots.get(s.slot) == SKIPPED}
        uploaded = len(((slots.get("upload") or {}).get("items")) or [])
        in_room = bool(slots.get("room"))
        on_screen = bool(slots.get("prepared"))
        return [
            s
            for s in self.steps
            if not (s.round and (s.theme_group, s.round) in skipped_rounds and s.kind != StepKind.THEME)
            and not (s.bound_to_upload and (s.round or 0) > uploaded)
            and not (s.room_only and not in_room)
            and not (s.spec.get("private") and on_screen)
        ]

    def counted(self, steps: List[Step]) -> int:
        """How many steps the widget counts ("Trin 1 af N") when these steps are asked: the document
        is the last step (a warm-up makes none); a tool that says how many questions it asks
        (`progress: questions`, "Her får I seks korte spørgsmål") counts those, its review and
        document showing as the last of them. The landing page says the same number."""
        if self.spec.get("progress") == "questions":
            return len([s for s in steps if s.kind != StepKind.REVIEW])
        return len(steps) + (1 if self.spec.get("documents") else 0)

    def theme_steps(self, group: str) -> List[Step]:
        return [s for s in self.steps if s.kind == StepKind.THEME and s.group == group]

    @property
    def review(self) -> Optional[Step]:
        """The closing review of all answers (quick warm-ups have none)."""
        last = self.steps[-1]
        return last if last.kind == StepKind.REVIEW else None

    def section_name(self, section: str, language: str) -> str:
        return pick(self.spec["sections"].get(section), language)

    @property
    def followable_kinds(self) -> List[str]:
        """The documents an upload may start from: those that hold what a follow-up goes through
        (the `followup_from` sections), or every document of a tool taken again (`retake`).
        A meeting guide, made before the meeting, holds nothing to follow up."""
        wanted = set(self.spec.get("followup_from") or [])
        return [
            d["kind"]
            for d in self.spec.get("documents", [])
            if self.spec.get("retake") or any(part.get("steps") in wanted for part in d.get("sections", []))
        ]

    @property
    def kept_kind(self) -> Optional[str]:
        """The one document a finished conversation offers as the file to keep (and the one that
        carries the calendar entry): the first made at the end that an upload takes back. A
        follow-up's document is the uploaded one brought up to date (`from_upload`). The others
        are for printing and sharing."""
        made_at_end = [d["kind"] for d in self.spec.get("documents", []) if not d.get("when")]
        if FROM_UPLOAD in made_at_end:
            return FROM_UPLOAD
        return next((kind for kind in made_at_end if kind in self.followable_kinds), None)


def without_private(spec: Dict[str, Any], key: str, private_part: bool) -> Any:
    """spec[key], or its `<key>_without_private` where there is one and the conversation asks nothing for the
    leader alone: Værktøj 2 started on the shared screen from a preparation room skips the leader's own
    reasons, so its guide has no part "just for you" and no text may promise one."""
    if not private_part and f"{key}_without_private" in spec:
        return spec[f"{key}_without_private"]
    return spec.get(key, {})


def _with_themes(raw: Dict[str, Any]) -> Dict[str, Any]:
    """`options_from: themes`: a choice among the suggested themes (their names stay in common.yml)."""
    if raw.get("options_from") != "themes":
        return raw
    return dict(raw, options=[{"value": key, "label": t["name"]} for key, t in common()["themes"].items()])


def _per_theme(raw: Dict[str, Any]) -> List[Dict[str, Any]]:
    """`each_theme: true`: the same question once per suggested theme ({theme} in its texts)."""
    if not raw.get("each_theme"):
        return [raw]
    return [dict(raw, id=f"{raw['id']}_{key}", theme=key) for key in common()["themes"]]


def _expand(tool_id: str, spec: Dict[str, Any]) -> List[Step]:
    steps: List[Step] = []
    for raw in [_with_themes(one) for listed in spec["steps"] for one in _per_theme(listed)]:
        if "group" in raw:
            for rnd in range(1, raw["rounds"] + 1):
                optional = rnd >= raw.get("optional_from", raw["rounds"] + 1)
                for inner in raw["steps"]:
                    spec = dict(inner, _group=raw["group"], _theme_group=raw.get("theme_from"), _bound_to=raw.get("bound_to"))
                    steps.append(Step(tool_id, inner["id"], StepKind(inner["kind"]), inner["section"], spec, rnd, optional))
        else:
            steps.append(Step(tool_id, raw["id"], StepKind(raw["kind"]), raw["section"], raw))
    # A tool ends with a review of all answers before the document is made
    # (a quick warm-up can leave it out with `review: false`).
    if spec.get("review", True):
        steps.append(Step(tool_id, "review", StepKind.REVIEW, "summary", {"required": True}))
    return steps


@functools.lru_cache(maxsize=1)
def common() -> Dict[str, Any]:
    with open(CONTENT_DIR / "common.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.lru_cache(maxsize=1)
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names that are never everyday words, names that only count written with a capital),
    lower case, each also as typed without æ/ø/å (content/first_names.yml)."""
    with open(CONTENT_DIR / "first_names.yml", encoding="utf-8") as f:
        book = yaml.safe_load(f)
    also = {str(n) for n in book["also_words"]}

    def spellings(names: set[str]) -> frozenset[str]:
        spelled = {n.replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("é", "e") for n in names}
        plain = {n.replace("æ", "a").replace("ø", "o").replace("å", "a").replace("é", "e") for n in names}
        return frozenset(names | spelled | plain)

    return spellings({str(n) for n in book["danish"] + book["english"] + book["other"]} - also), spellings(also)


@functools.lru_cache(maxsize=1)
def tools() -> Dict[str, Tool]:
    found: Dict[str, Tool] = {}
    for spec in specs().values():
        found[spec["id"]] = Tool(spec["id"], spec, _expand(spec["id"], spec))
    return found


@functools.lru_cache(maxsize=1)
def specs() -> Dict[str, Dict[str, Any]]:
    """Each tool's file as written (id -> spec), checked against the tool schema."""
    from catalogue import schema

    found: Dict[str, Dict[str, Any]] = {}
    for path in sorted((CONTENT_DIR / "tools").glob("*.yml")):
        with open(path, encoding="utf-8") as f:
            spec = yaml.safe_load(f)
        schema.check(spec, path.name, common())
        found[spec["id"]] = spec
    return found


def tool(tool_id: str) -> Tool:
    return tools()[tool_id]


def message(key: str, language: str, **values: Any) -> str:
    return pick(common()["messages"][key], language, **values)


def button(key: str, language: str) -> str:
    return pick(common()["buttons"][key], language)


def theme_names(language: str) -> Dict[str, str]:
    return {key: pick(t["name"], language) for key, t in common()["themes"].items()}


def tool_ids() -> List[str]:
    return list(tools())


def all_slots() -> List[str]:
    return [slot for t in tools().values() for slot in t.slots]
