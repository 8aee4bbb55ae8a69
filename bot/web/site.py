"""The pages and files the gateway serves, made once at start-up.

The landing pages (`/` in Danish, `/en` in English) are rendered from their templates in
bot/static with the facts they state: each tool's title, minutes and steps from the content
catalogue, and how long conversations are kept from the settings, so the page never says
something the service does not do. Every file is then written to `var/static/` beside its
gzip (`.gz`) and brotli (`.br`) forms, which aiohttp's FileResponse picks by the client's
Accept-Encoding: a request only chooses a file, it never compresses one.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import brotli
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.conversations import tools
from bot.settings import ROOT, Settings

STATIC = ROOT / "bot" / "static"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
# Landing pages: template -> the language it is written in. Files whose name begins with "_"
# are parts of templates and never served.
PAGES = {"index.html": "da", "en.html": "en"}
PACKERS: Tuple[Tuple[str, Callable[[bytes], bytes]], ...] = (
    (".gz", lambda body: gzip.compress(body, compresslevel=9, mtime=0)),
    (".br", lambda body: brotli.compress(body, quality=11)),
)


def served() -> List[str]:
    """The names of the files served from bot/static."""
    return [p.name for p in sorted(STATIC.iterdir()) if p.suffix in TYPES and not p.name.startswith("_")]


def facts(settings: Settings) -> Dict[str, Any]:
    """What the landing pages state, from where the service itself takes it."""
    listed = {}
    for tool_id, title in tools.available().items():
        spec = tools.spec(tool_id)
        listed[tool_id] = {
            "id": tool_id,
            "title": title,
            "minutes": spec["minutes"],
            "steps": tools.step_counts(tool_id),
            "documents": [d["title"] for d in spec.get("documents", []) if "title" in d],
        }
    return {
        "tools": listed,
        "followup_minutes": tools.spec("followup")["minutes"],
        "levels": {lang: tools.level_names(lang) for lang in tools.LANGUAGES},
        "retention_days": settings.retention_days,
        # The widget's own words for a conversation kept in this browser, marked on the list the same way.
        "kept_mark": {lang: tools.widget_texts()[lang]["kept_mark"] for lang in tools.LANGUAGES},
        "done_mark": {lang: tools.widget_texts()[lang]["done_mark"] for lang in tools.LANGUAGES},
        "resume_banner": {lang: tools.widget_texts()[lang]["resume_banner"] for lang in tools.LANGUAGES},
        "room_hours": settings.room_hours,
    }


def build(settings: Settings) -> Path:
    """Renders the pages and writes every served file with its compressed forms; returns the folder."""
    out = settings.var_dir / "static"
    out.mkdir(parents=True, exist_ok=True)
    templates = Environment(loader=FileSystemLoader(STATIC), autoescape=True, undefined=StrictUndefined)
    stated = facts(settings)
    for name in served():
        if name in PAGES:
            body = templates.get_template(name).render(lang=PAGES[name], **stated).encode("utf-8")
        else:
            body = (STATIC / name).read_bytes()
        _put(out / name, body)
        for suffix, pack in PACKERS:
            packed = pack(body)
            _put(out / (name + suffix), packed if len(packed) < len(body) else None)
    return out


def _put(path: Path, body: Optional[bytes]) -> None:
    """Writes a file whole (another gateway may be reading it), and leaves it be when it is
    unchanged, so its ETag holds across restarts; None removes it."""
    if body is None:
        path.unlink(missing_ok=True)
        return
    try:
        if path.read_bytes() == body:
            return
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as f:
        f.write(body)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)
