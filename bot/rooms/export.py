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
    language = results["language"]
    out = [[texts["csv_question"], texts["csv_answer"], texts["csv_count"], texts["csv_score"]]]
    for chart in results["charts"]:
        if not chart["ready"]:
            out.append([chart["title"], texts["waiting"].format(min=results["min_answers"]), "", ""])
            continue
        for bar in chart["bars"]:
            score = decimal(bar["score"], language) if "score" in bar else ""
            out.append([chart["title"], bar["label"], str(bar["count"]), score])
        if chart["hidden"]:
            out.append([chart["title"], texts["csv_lone"], str(chart["hidden"]), ""])
    return [[_cell(value) for value in row] for row in out]


def csv_text(results: Dict[str, Any], texts: Dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if results["language"] == "da" else ",", lineterminator="\r\n")
    writer.writerows(rows(results, texts))
    return BOM + buffer.getvalue()
