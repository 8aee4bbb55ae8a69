"""A room's anonymous results as a CSV file for the host's own records.

The rows are the results as computed for the screen (bot/rooms/results.py), so the same
anonymity holds: no chart before K_MIN answers, no category with a single answer, filtered
words left out. Danish files open straight in a Danish Excel: semicolons, a decimal comma
and a byte order mark (so Excel reads UTF-8); English ones use commas and a decimal point.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Dict, List

from bot.rooms.formats import decimal

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(results: Dict[str, Any], texts: Dict[str, str]) -> List[List[str]]:
    """One row per bar: the question, the answer, how many gave it and their share of those who
    answered the question (what a facilitator compares across rooms); rooms that rate themes
    also get the average rating. The screen's average has no meaning for choices and words, so
    it is not a column there (an energy check's file had an empty "Gennemsnit" column)."""
    language = results["language"]
    rated = any(chart["kind"] == "ratings" for chart in results["charts"])
    header = [texts["csv_question"], texts["csv_answer"], texts["csv_count"], texts["csv_share"]]
    out = [header + ([texts["csv_score"]] if rated else [])]
    blank = [""] if rated else []
    for chart in results["charts"]:
        if not chart["ready"]:
            out.append([chart["title"], texts["waiting"].format(min=results["min_answers"]), "", ""] + blank)
            continue
        for bar in chart["bars"]:
            score = [decimal(bar["score"], language) if "score" in bar else ""] if rated else []
            out.append([chart["title"], bar["label"], str(bar["count"]), _share(bar["count"], chart, language)] + score)
        if chart["hidden"]:
            out.append(
                [chart["title"], texts["csv_lone"], str(chart["hidden"]), _share(chart["hidden"], chart, language)] + blank
            )
    return [[_cell(value) for value in row] for row in out]


def _share(count: int, chart: Dict[str, Any], language: str) -> str:
    """`count` as a whole percentage of those who answered the chart's question ("67")."""
    return decimal(round(100 * count / chart["answered"]), language) if chart.get("answered") else ""


def csv_text(results: Dict[str, Any], texts: Dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if results["language"] == "da" else ",", lineterminator="\r\n")
    writer.writerows(rows(results, texts))
    return BOM + buffer.getvalue()
