"""Which tools the service offers, read from the content catalogue."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Dict, List

import yaml

from bot.settings import ROOT

LANGUAGES = ("da", "en")


@lru_cache(maxsize=1)
def _specs() -> Dict[str, Dict]:
    specs = {}
    for path in sorted((ROOT / "content" / "tools").glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        specs[spec["id"]] = spec
    return specs


def available() -> Dict[str, Dict[str, str]]:
    """The tools a leader can choose: id -> title in each language."""
    return {tool_id: spec["title"] for tool_id, spec in _specs().items() if spec.get("listed", True)}


def followable() -> List[str]:
    """Tools whose finished documents can be uploaded again for a follow-up."""
    return [tool_id for tool_id, spec in _specs().items() if spec.get("followup_from")]


@lru_cache(maxsize=1)
def widget_texts() -> Dict[str, Dict[str, str]]:
    """The widget's labels, per language, from content/common.yml."""
    common = yaml.safe_load((ROOT / "content" / "common.yml").read_text(encoding="utf-8"))
    return {lang: {key: texts[lang] for key, texts in common["widget"].items()} for lang in LANGUAGES}


@lru_cache(maxsize=1)
def openapi() -> Dict:
    """The OpenAPI 3.1 description of API v1 (bot/openapi.yaml), with the document schema
    the renderer checks (renderer/agreement.schema.json) as its Document."""
    spec = yaml.safe_load((ROOT / "bot" / "openapi.yaml").read_text(encoding="utf-8"))
    document = json.loads((ROOT / "renderer" / "agreement.schema.json").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["Document"] = {k: v for k, v in document.items() if not k.startswith("$")}
    return spec
