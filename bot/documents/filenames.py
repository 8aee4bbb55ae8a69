"""Download names as the reader knows the document, in its language."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def attachment(title: Any, fallback: str, ext: str, variant: str = "") -> str:
    """A Content-Disposition naming the file after its title ("Min lederaftale" -> min-lederaftale.pdf),
    in plain letters every system takes; a paper variant is named too (vores-aftale-a4.pdf), so
    the A3 and A4 posters do not overwrite each other in a downloads folder."""
    plain = unicodedata.normalize("NFKD", str(title or "").lower().translate(DANISH_LETTERS))
    name = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")[:60].strip("-")
    return f'attachment; filename="{name or fallback}{"-" + variant if variant else ""}.{ext}"'


def kept_file(document: Dict[str, Any], prefix: str, fallback: str) -> str:
    """The file to keep, named for what it follows up and when it is due
    ("opfølgning" + "Vores aftale" + 2027-03-15 -> opfoelgning-vores-aftale-2027-03-15.json): it
    stands apart from the PDFs in a downloads folder, and the file a follow-up hands back has the
    next date in its name, so it never overwrites the one before."""
    due = (document.get("follow_up") or {}).get("date") or ""
    return attachment(
        f"{prefix} {document.get('title') or ''}", fallback, "json", due if re.fullmatch(r"\d{4}-\d{2}-\d{2}", due) else ""
    )
