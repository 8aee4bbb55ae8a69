"""Partners who embed the widget: allowed origins, light theming, tools offered.

Read once from config/partners.yml (or TRIVSEL_PARTNERS_FILE) and checked at start-up,
so a typo fails loudly at start rather than silently at a member's visit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bot.conversations import tools

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$")
NEUTRAL_COLOURS = {"accent": "#1d5c4c", "accent_text": "#ffffff"}


@dataclass(frozen=True)
class Partner:
    id: str
    name: str = ""
    origins: List[str] = field(default_factory=list)
    colours: Dict[str, str] = field(default_factory=lambda: dict(NEUTRAL_COLOURS))
    logo: Optional[str] = None
    logo_alt: str = ""
    language: str = "da"
    tools: List[str] = field(default_factory=list)
    intro: Dict[str, str] = field(default_factory=dict)

    def public(self) -> Dict:
        """What the widget needs to know; never the list of origins."""
        return {
            "id": self.id,
            "colours": self.colours,
            "logo": self.logo,
            "logo_alt": self.logo_alt,
            "language": self.language,
            "tools": self.tools or list(tools.available()),
            "intro": self.intro,
        }


DEFAULT = Partner(id="default")


class Partners:
    def __init__(self, partners: Dict[str, Partner]):
        self.by_id = partners
        self.all_origins = {o for p in partners.values() for o in p.origins}

    def get(self, partner_id: Optional[str]) -> Partner:
        return self.by_id.get(partner_id or "", DEFAULT)

    @classmethod
    def load(cls, path: Path) -> Partners:
        if not path.exists():
            return cls({})
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found: Dict[str, Partner] = {}
        for raw in data.get("partners") or []:
            partner = _checked(raw)
            found[partner.id] = partner
        return cls(found)


def _checked(raw: Dict) -> Partner:
    pid = str(raw.get("id", ""))
    if not re.match(r"^[a-z0-9][a-z0-9-]{0,39}$", pid):
        raise ValueError(f"partner id {pid!r}: lower-case letters, digits and hyphens")
    origins = [str(o).rstrip("/") for o in raw.get("origins") or []]
    for origin in origins:
        if not ORIGIN.match(origin):
            raise ValueError(f"partner {pid}: origin {origin!r} must look like https://example.org")
    colours = {**NEUTRAL_COLOURS, **(raw.get("colours") or {})}
    for name, value in colours.items():
        if name not in NEUTRAL_COLOURS or not COLOUR.match(str(value)):
            raise ValueError(f"partner {pid}: colour {name}={value!r} must be accent/accent_text as #rrggbb")
    logo = raw.get("logo")
    if logo is not None and not str(logo).startswith("https://"):
        raise ValueError(f"partner {pid}: logo must be an https URL")
    offered = list(raw.get("tools") or [])
    unknown = set(offered) - set(tools.available())
    if unknown:
        raise ValueError(f"partner {pid}: unknown tools {sorted(unknown)}")
    language = raw.get("language", "da")
    if language not in tools.LANGUAGES:
        raise ValueError(f"partner {pid}: language must be da or en")
    intro = raw.get("intro") or {}
    return Partner(
        id=pid,
        name=str(raw.get("name", "")),
        origins=origins,
        colours=colours,
        logo=logo,
        logo_alt=str(raw.get("logo_alt", "")),
        language=language,
        tools=offered,
        intro={k: str(v) for k, v in intro.items() if k in tools.LANGUAGES},
    )
