"""A small synchronous client for API v1, as a partner's app would use it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional, Tuple


class Api:
    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        raw: Optional[bytes] = None,
        content_type: str = "application/json",
        headers: Optional[Dict[str, str]] = None,
    ) -> Tuple[int, Any, Dict[str, str]]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, _decode(response.read(), response.headers), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, _decode(error.read(), error.headers), dict(error.headers)

    def start(self, tool: str = "leader", language: str = "da") -> Dict[str, Any]:
        status, body, _ = self.call("POST", "/api/v1/conversations", {"tool": tool, "language": language})
        assert status == 201, body
        return body

    def say(self, cid: str, text: str) -> Dict[str, Any]:
        status, body, _ = self.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": text})
        assert status == 200, body
        return body

    def tap(self, cid: str, payload: str) -> Dict[str, Any]:
        status, body, _ = self.call("POST", f"/api/v1/conversations/{cid}/messages", {"payload": payload})
        assert status == 200, body
        return body

    def answer(self, cid: str, text: str) -> Dict[str, Any]:
        """Types an answer, and if the guide asks whether it was a request, says it was the answer
        (as a leader would tap "Gem det som mit svar"), so walkthroughs do not hang on the model's doubts.
        A date at a when-question read back as it will be printed ("Jeg skriver »fredag 11. december
        2026« – passer det?", offered with "Behold mine ord") is confirmed the same way."""
        reply = self.say(cid, text)
        offered = {b["title"] for m in reply["messages"] for b in m.get("buttons", [])}
        kept = {"Gem det som mit svar", "Save it as my answer", "Behold mine ord", "Keep my own words"}
        kept |= {"Gem det som vores svar", "Save it as our answer"}  # a group's
        if offered & kept:
            reply = self.tap(cid, "/keep")
        return reply

    def theme(self, cid: str, words: str, name: str) -> Dict[str, Any]:
        """Types own words for a theme; if the guide is unsure and offers the likeliest, taps `name`."""
        reply = self.say(cid, words)
        offered = {b["title"]: b["payload"] for m in reply["messages"] for b in m.get("buttons", [])}
        if ("Mit eget tema" in offered or "My own theme" in offered) and name in offered:
            reply = self.tap(cid, offered[name])
        return reply

    def play(self, cid: str, steps) -> Dict[str, Any]:
        """Sends each step in turn: a payload if it starts with "/", else typed text as an answer."""
        reply: Dict[str, Any] = {}
        for step in steps:
            reply = self.tap(cid, step) if step.startswith("/") else self.answer(cid, step)
        return reply


def save_to_disk(api: Api, done: Dict[str, Any], path) -> Any:
    """The file to keep a finishing reply offers, written to `path` as a leader's browser would
    save it; returns the path."""
    (url,), _ = handed_over(done)
    status, saved, _ = api.call("GET", url)
    assert status == 200, status
    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    return path


def handed_over(reply: Dict[str, Any]) -> Tuple[List[str], List[str]]:
    """What a reply offers besides its PDFs: the files to keep and the calendar entries (addresses)."""
    offered = [m["document"] for m in reply["messages"] if "document" in m]
    return [d["save_url"] for d in offered if "save_url" in d], [d["calendar_url"] for d in offered if "calendar_url" in d]


def _decode(data: bytes, headers) -> Any:
    if headers.get("Content-Type", "").startswith("application/json") and data:
        return json.loads(data)
    return data


def texts(reply: Dict[str, Any]) -> str:
    return "\n".join(m.get("text", "") for m in reply["messages"])


def button(reply: Dict[str, Any], title_part: str) -> str:
    for message in reply["messages"]:
        for b in message.get("buttons", []):
            if title_part.lower() in b["title"].lower():
                return b["payload"]
    raise AssertionError(f"no button like {title_part!r} in {reply['messages']}")


def pdf_text(data: bytes) -> str:
    """The PDF's text as poppler's pdftotext reads it (what a reader's copy-paste gives)."""
    import subprocess

    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True).stdout.decode(
        "utf-8"
    )
