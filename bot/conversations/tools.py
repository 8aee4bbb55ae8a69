"""Which tools the service offers, read from the content catalogue."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict, List, Tuple

import yaml

import catalogue
from bot.settings import ROOT

LANGUAGES = ("da", "en")
# The order a leader meets the tools in (the widget's menu, the landing page): their own wellbeing
# first, then the management group, the organisation, and the ladder; any other tool after these.
ORDER = ("leader", "group", "organisation", "maturity")


def _specs() -> Dict[str, Dict]:
    return catalogue.specs()  # checked against the tool schema when first read


def available() -> Dict[str, Dict[str, str]]:
    """The tools a leader can choose, in ORDER: id -> title in each language."""
    listed = [tool_id for tool_id, spec in _specs().items() if spec.get("listed", True)]
    listed.sort(key=lambda tool_id: ORDER.index(tool_id) if tool_id in ORDER else len(ORDER))
    return {tool_id: _specs()[tool_id]["title"] for tool_id in listed}


def addressed(tool_id: str) -> Dict[str, Any]:
    """Whom the tool speaks to, for the widget's answer field ("Jeres svar"): "plural" for a group or an
    organisation, else "singular"; `prepared_alone` when one person prepares first, before a checkpoint
    ("Vi holder mødet nu") after which the group reads along."""
    tool = catalogue.tool(tool_id)
    return {
        "address": str(tool.spec.get("address", "singular")),
        "prepared_alone": any(step.kind == catalogue.StepKind.CHECKPOINT for step in tool.steps),
    }


def step_counts(tool_id: str) -> Tuple[int, int]:
    """The fewest and the most steps the widget counts for a tool ("Trin 1 af N"): with every
    optional round left out, and with all of them taken, counted as the actions count them
    (catalogue.Tool.counted)."""
    tool = catalogue.tool(tool_id)
    optional = {s.slot: catalogue.SKIPPED for s in tool.steps if s.kind == catalogue.StepKind.THEME and s.optional_round}
    return tool.counted(tool.applicable(optional)), tool.counted(tool.applicable({}))


def followable() -> List[str]:
    """Tools whose finished documents can be uploaded again: for a follow-up, or to take the
    tool again and see the change (`retake`, the maturity ladder)."""
    return [tool_id for tool_id, spec in _specs().items() if spec.get("followup_from") or spec.get("retake")]


def retaken(tool_id: str) -> bool:
    """A saved document of this tool starts the tool itself again, not the follow-up."""
    return bool((_specs().get(tool_id) or {}).get("retake"))


def followable_kinds(tool_id: str) -> List[str]:
    """The documents of a tool an upload may start from (catalogue.Tool.followable_kinds)."""
    found = catalogue.tools().get(tool_id)
    return found.followable_kinds if found else []


def spec(tool_id: str) -> Dict:
    return _specs()[tool_id]


def warmups() -> Dict[str, Dict]:
    """Tools a facilitator can run in a room: id -> {title, pitch} (each per language)."""
    return {tool_id: {"title": s["title"], "pitch": s["room"]["pitch"]} for tool_id, s in _specs().items() if s.get("room")}


def _common() -> Dict:
    return catalogue.common()


def theme_names(language: str) -> Dict[str, str]:
    return {key: t["name"][language] for key, t in _common()["themes"].items()}


def month_names(language: str) -> List[str]:
    return _common()["months"][language]


def level_names(language: str) -> List[str]:
    """The maturity ladder's six levels, lowest first."""
    return [level["name"][language] for level in _specs()["maturity"]["levels"]]


@lru_cache(maxsize=1)
def widget_texts() -> Dict[str, Dict[str, str]]:
    """The labels of the widget and the room pages, per language, from content/common.yml."""
    widget, rooms = _common()["widget"], _common()["rooms"]
    clash = set(widget) & set(rooms)
    if clash:  # one list of labels for the pages: a shared key would silently change a text
        raise ValueError(f"labels in both `widget` and `rooms` of content/common.yml: {sorted(clash)}")
    return {lang: {key: texts[lang] for section in (widget, rooms) for key, texts in section.items()} for lang in LANGUAGES}


@lru_cache(maxsize=1)
def openapi() -> Dict:
    """The OpenAPI 3.1 description of API v1 (bot/api/openapi.yaml), with the document schema
    the renderer checks (renderer/agreement.schema.json) as its Document."""
    spec = yaml.safe_load((ROOT / "bot" / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    document = json.loads((ROOT / "renderer" / "agreement.schema.json").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["Document"] = {k: v for k, v in document.items() if not k.startswith("$")}
    return spec
