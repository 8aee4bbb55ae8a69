"""/usage: anonymous counts per tool and partner per month, for the project's owners.

Counts only. For operators alone (bot/web/ops.py): the machine itself, or the ops token.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from aiohttp import web

from bot import keys
from bot.web import ops


def chart(months: dict) -> str:
    """Started and completed per month as an SVG bar chart (drawn here, no library)."""
    if not months:
        return ""
    width, height, bar = 640, 220, 14
    top = max(max(v["started"], v["completed"]) for v in months.values()) or 1
    step = width / max(len(months), 1)
    parts = [
        f'<svg viewBox="0 0 {width} {height + 40}" role="img" aria-label="Started and completed per month" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (month, v) in enumerate(sorted(months.items())):
        x = i * step + step / 2
        for j, (key, colour) in enumerate((("started", "#7fa8c9"), ("completed", "#1d5c4c"))):
            h = height * v[key] / top
            parts.append(
                f'<rect x="{x - bar + j * bar:.0f}" y="{height - h:.0f}" width="{bar}" height="{h:.0f}" fill="{colour}">'
                f"<title>{escape(month)} {key}: {v[key]}</title></rect>"
            )
        parts.append(f'<text x="{x:.0f}" y="{height + 18}" font-size="12" text-anchor="middle">{escape(month)}</text>')
    parts.append("</svg>")
    return "".join(parts)


async def page(request: web.Request) -> web.Response:
    ops.require_operator(request)
    rows = await request.app[keys.STORE].usage()
    months: dict = defaultdict(lambda: {"started": 0, "completed": 0})
    for row in rows:
        months[row["month"]]["started"] += row["started"]
        months[row["month"]]["completed"] += row["completed"]
    table = "".join(
        f"<tr><td>{escape(r['month'])}</td><td>{escape(r['tool'])}</td><td>{escape(r['partner'])}</td>"
        f"<td>{r['started']}</td><td>{r['completed']}</td></tr>"
        for r in rows
    )
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Usage</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/landing.css"></head><body><main>
<h1>Usage</h1><p>Conversations started and completed, per month, tool and partner. Counts only.</p>
{chart(dict(months))}
<table><thead><tr><th>Month</th><th>Tool</th><th>Partner</th><th>Started</th><th>Completed</th></tr></thead>
<tbody>{table}</tbody></table></main></body></html>"""
    return web.Response(text=html, content_type="text/html")
