"""Download names as the reader knows the document, in its language."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def attachment(title: Any, fallback: str, ext: str, variant: str = "") -> str:
    """A Content-Disposition naming the file after its title ("Min lederaftale" -> min-lederaftale.pdf),
    in plain letters every system takes; a paper variant is named too (vores-aftale-a4.pdf), so
    the A3 and A4 posters do not overwrite each other in a downloads folder."""
    plain = unicodedata.normalize("NFKD", str(title or "").lower().translate(DANISH_LETTERS))
    name = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")[:60].strip("-")
    return f'attachment; filename="{name or fallback}{"-" + variant if variant else ""}.{ext}"'
