"""Latency against load as an SVG line chart (drawn here; no plotting library needed)."""

from __future__ import annotations

from html import escape
from typing import Dict, List, Tuple

COLOURS = ["#1d5c4c", "#7fa8c9", "#b35900", "#7a2350"]


def latency_chart(series: Dict[str, List[Tuple[int, float]]], title: str) -> str:
    """series: name -> [(users, milliseconds)]."""
    width, height, left, bottom = 640, 320, 60, 40
    xs = sorted({x for points in series.values() for x, _ in points})
    top = max(y for points in series.values() for _, y in points) * 1.1 or 1

    def px(x: int) -> float:
        return left + (xs.index(x) / max(len(xs) - 1, 1)) * (width - left - 20)

    def py(y: float) -> float:
        return height - bottom - (y / top) * (height - bottom - 20)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#333"/>',
        f'<line x1="{left}" y1="10" x2="{left}" y2="{height - bottom}" stroke="#333"/>',
        f'<text x="{width / 2}" y="{height - 5}" text-anchor="middle">concurrent users</text>',
        f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" text-anchor="middle">ms</text>',
    ]
    for x in xs:
        out.append(f'<text x="{px(x):.0f}" y="{height - bottom + 16}" text-anchor="middle">{x}</text>')
    for i in range(5):
        y = top * i / 4
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.0f}" text-anchor="end">{y:.0f}</text>')
    for n, (name, points) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        path = " ".join(f"{px(x):.0f},{py(y):.0f}" for x, y in sorted(points))
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{left + 10}" y="{20 + 16 * n}" fill="{colour}">{escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)
