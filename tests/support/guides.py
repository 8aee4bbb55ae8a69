"""What the guides in docs/ promise, read from them, so the tests check the guide itself and not a copy."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def partner_csp(base: str) -> str:
    """The Content-Security-Policy docs/partner.md gives a page that otherwise allows only itself,
    with the guide's origin (HOST there) as `base`."""
    found = re.search(r"^Content-Security-Policy: (.+?)\n```", read("partner.md"), re.M | re.S)
    assert found, "docs/partner.md no longer shows the Content-Security-Policy a partner page needs"
    return " ".join(found.group(1).split()).replace("https://HOST", base)
