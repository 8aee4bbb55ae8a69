"""Which tools the service offers, read from the content catalogue."""
from __future__ import annotations

from functools import lru_cache
from typing import Dict

import yaml

from bot.settings import ROOT

LANGUAGES = ("da", "en")


@lru_cache(maxsize=1)
def available() -> Dict[str, Dict[str, str]]:
    """tool id -> its title in each language."""
    found = {}
    for path in sorted((ROOT / "content" / "tools").glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[spec["id"]] = spec["title"]
    return found


@lru_cache(maxsize=1)
def widget_texts() -> Dict[str, Dict[str, str]]:
    """The widget's labels, per language, from content/common.yml."""
    common = yaml.safe_load((ROOT / "content" / "common.yml").read_text(encoding="utf-8"))
    return {lang: {key: texts[lang] for key, texts in common["widget"].items()} for lang in LANGUAGES}
