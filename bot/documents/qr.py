"""QR codes for join links (segno), as SVG that reads well on a projector."""

from __future__ import annotations

import io

import segno


def svg(url: str) -> bytes:
    out = io.BytesIO()
    # Medium error correction, a quiet zone of 4 and no fixed size: the page scales it.
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", border=4, dark="#000", light="#fff", xmldecl=False, svgns=True, omitsize=True, title="QR"
    )
    return out.getvalue()
