"""A room's results as a one-page summary document (renderer layout `summary`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict

from bot.conversations import tools
from bot.rooms.formats import decimal
from catalogue import clock


def _date(now: float, language: str) -> str:
    day = datetime.fromtimestamp(now, clock.zone())  # the leaders' day, not the server's (catalogue/clock.py)
    month = tools.month_names(language)[day.month - 1]
    return f"{day.day}. {month} {day.year}" if language == "da" else f"{day.day} {month} {day.year}"


def _chart(chart: Dict[str, Any], texts: Dict[str, str], minimum: int, language: str) -> Dict[str, Any]:
    out: Dict[str, Any] = {"title": chart["title"], "kind": chart["kind"], "bars": []}
    if not chart["ready"]:
        out["note"] = texts["waiting"].format(min=minimum)
        return out
    if chart["kind"] == "ratings":
        out["key"] = texts["ratings_key"]  # what "2,75 af 3" means
    for bar in chart["bars"]:
        row = {"label": bar["label"], "count": bar["count"]}
        if "score" in bar:
            row.update(score=bar["score"], text=texts["score"].format(score=decimal(bar["score"], language), n=bar["count"]))
        out["bars"].append(row)
    if chart["hidden"]:
        out["note"] = texts["hidden"].format(n=chart["hidden"])
    if chart.get("hidden_names"):
        out["note"] = texts["hidden_names"].format(n=chart["hidden_names"])
    return out


def document(results: Dict[str, Any], now: float) -> Dict[str, Any]:
    language = results["language"]
    texts = tools.widget_texts()[language]
    return {
        "schema": "trivsel.agreement",
        "version": 1,
        "tool": results["warmup"],
        "kind": "room-summary",
        "layout": "summary",
        "language": language,
        "title": texts["summary_title"].format(title=results["title"]),
        "date": _date(now, language),
        "intro": texts["summary_intro"].format(members=results["members"], answered=results["answered"]),
        "footer": texts["summary_footer"],
        "sections": [],
        "charts": [_chart(c, texts, results["min_answers"], language) for c in results["charts"]],
    }
