"""PDF worker memory after 1,000 renders, with and without recycling (part of `make bench`).

WeasyPrint's workers grow with every render; the gateway replaces them after 200 renders or
past TRIVSEL_PDF_WORKER_MB (bot/documents/pool.py). This renders the same mix of layouts through
the gateway's DocumentRenderer twice, two workers each: once never recycled, once with the
defaults, and reads each live worker's resident memory at the end.
Run alone with `python -m bench.pdf_memory`: it prints its rows and updates them in bench/results.md.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
from pathlib import Path
from typing import List, Optional

from bot.documents.pool import RENDERS_PER_WORKER, WORKER_MB, DocumentRenderer

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "tests" / "fixtures" / "leader_da.json"
RENDERS = int(os.environ.get("BENCH_PDF_RENDERS", "1000"))
WORKERS = 2
ROW_PREFIX = "| PDF worker memory"
# What leaders download: the agreement, the poster (A3 and A4) and action cards (A5 and A4 sheets).
MIX = [("agreement", ""), ("poster", ""), ("poster", "a4"), ("cards", ""), ("cards", "a4")]


def worker_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def rss_after(renders: int, renders_per_worker: Optional[int], worker_mb: Optional[float]) -> List[float]:
    """Each live worker's memory (MB) after `renders` renders, two at a time."""
    base = json.loads(FIXTURE.read_text(encoding="utf-8"))
    documents = [({**copy.deepcopy(base), "layout": layout}, variant) for layout, variant in MIX]
    renderer = DocumentRenderer(WORKERS, renders_per_worker=renders_per_worker, worker_mb=worker_mb)
    renderer.start()
    try:
        await renderer.warm_up()
        for start in range(0, renders, WORKERS):
            await asyncio.gather(*(renderer.pdf(*documents[i % len(documents)]) for i in range(start, start + WORKERS)))
        return sorted(worker_rss_mb(pid) for pid in renderer.worker_pids())
    finally:
        renderer.close()


def rows() -> List[tuple]:
    fresh = asyncio.run(rss_after(0, None, None))
    never = asyncio.run(rss_after(RENDERS, None, None))
    recycled = asyncio.run(rss_after(RENDERS, RENDERS_PER_WORKER, WORKER_MB))

    def mb(values: List[float]) -> str:
        return ", ".join(f"{v:.0f}" for v in values) + " MB"

    return [
        (
            f"PDF worker memory (RSS per worker) after {RENDERS:,} renders: never recycled / recycled "
            f"(every {RENDERS_PER_WORKER} renders or past {WORKER_MB} MB)",
            f"{mb(never)} / {mb(recycled)}",
            f"fresh worker: {mb(fresh)}",
        ),
    ]


def update_results(table_rows: List[str]) -> None:
    """Replaces this section's rows in bench/results.md (or adds them at the end of its table)."""
    path = HERE / "results.md"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(ROW_PREFIX)]
    last_row = max(i for i, line in enumerate(lines) if line.startswith("| "))
    path.write_text("\n".join(lines[: last_row + 1] + table_rows + lines[last_row + 1 :]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    table = [f"| {a} | {b} | {c} |" for a, b, c in rows()]
    print("\n".join(table))
    update_results(table)
