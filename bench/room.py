"""`make bench-room`: a webinar's room on the whole stack (SQLite, one Rasa, one action server).

250 participants (BENCH_PARTICIPANTS) join an energy-check room within one minute
(BENCH_JOIN_S) and finish it within two more (BENCH_ANSWER_S), with think time between
answers, while a presenter watches the live results over server-sent events. Prints one
table: latencies under the room's load as ratios against one participant on the idle stack
measured in the same run, errors, whether every answer was counted exactly once, and how far
behind the presenter's screen was (from an answer's reply to the first event that shows it).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import List

import aiohttp

from bench.load import Result, _timed
from launcher.running import RunningStack

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", 250))
JOIN_S = float(os.environ.get("BENCH_JOIN_S", 60))
ANSWER_S = float(os.environ.get("BENCH_ANSWER_S", 120))
THEMES = ["autonomy", "trust", "recovery", "support", "workload", "clarity", "boundaries", "meaning"]
RESULTS = Path(__file__).resolve().parent / "room-results.md"
WORDS = ["Kaffe", "Ro", "Holdet", "Kunderne", "Frihed", "Latter"]


class Presenter:
    """Reads the room's events; keeps (arrival time, answers shown) of each."""

    def __init__(self):
        self.seen: List[tuple] = []
        self.connections = 0

    async def watch(self, session: aiohttp.ClientSession, url: str, until: asyncio.Event) -> None:
        while not until.is_set():
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=None, sock_read=30)) as stream:
                    self.connections += 1
                    async for line in stream.content:
                        if line.startswith(b"data: "):
                            results = json.loads(line[6:])
                            gives = next(c for c in results["charts"] if c["key"] == "gives")
                            self.seen.append((time.perf_counter(), gives["answered"], results))
                        if until.is_set():
                            return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                await asyncio.sleep(0.5)


async def participant(session, base, code, start_at, finish_by, result: Result, answered: List[float], rng: random.Random):
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    joined = await _timed(result, session.post(f"{base}/api/v1/conversations", json={"room": code}))
    if not joined:
        return
    url = f"{base}/api/v1/conversations/{joined['id']}/messages"
    steps = [
        {"payload": f'/choose{{"value": "{rng.choice(THEMES)}"}}'},
        {"payload": f'/choose{{"value": "{rng.choice(THEMES)}"}}'},
        {"text": "En gåtur ved vandet om tirsdagen"},
        {"text": rng.choice(WORDS)} if rng.random() < 0.7 else {"payload": "/skip"},
    ]
    # Think time: the four answers are spread over what is left of the two minutes.
    pause = max(0.0, (finish_by - time.perf_counter()) / (len(steps) + 1))
    for index, body in enumerate(steps):
        await asyncio.sleep(rng.uniform(0.3, 1.0) * pause)
        if await _timed(result, session.post(url, json=body)) and index == 0:
            answered.append(time.perf_counter())


async def idle_baseline(session, base, code) -> Result:
    """One participant alone, before the crowd: the same requests."""
    result = Result()
    for _ in range(5):
        joined = await _timed(result, session.post(f"{base}/api/v1/conversations", json={"room": code}))
        url = f"{base}/api/v1/conversations/{joined['id']}/messages"
        for body in (
            {"payload": '/choose{"value": "trust"}'},
            {"payload": '/choose{"value": "trust"}'},
            {"text": "x"},
            {"payload": "/skip"},
        ):
            await _timed(result, session.post(url, json=body))
    return result


async def run(base: str) -> dict:
    rng = random.Random(7)
    connector = aiohttp.TCPConnector(limit=PARTICIPANTS + 20)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def new_room():
            async with session.post(f"{base}/api/v1/rooms", json={"warmup": "energy", "language": "da"}) as r:
                return await r.json()

        idle = await idle_baseline(session, base, (await new_room())["code"])
        room = await new_room()
        presenter, done = Presenter(), asyncio.Event()
        watching = asyncio.create_task(presenter.watch(session, f"{base}{room['events_url']}", done))
        result, answered = Result(), []
        began = time.perf_counter()
        finish_by = began + JOIN_S + ANSWER_S
        await asyncio.gather(
            *(
                participant(session, base, room["code"], began + JOIN_S * i / PARTICIPANTS, finish_by, result, answered, rng)
                for i in range(PARTICIPANTS)
            )
        )
        result.seconds = time.perf_counter() - began
        final_at = time.perf_counter()
        while not presenter.seen or presenter.seen[-1][1] < len(answered):
            if time.perf_counter() - final_at > 10:
                break
            await asyncio.sleep(0.05)
        done.set()
        watching.cancel()
        async with session.get(f"{base}/api/v1/hosted/{room['host_key']}") as r:
            view = await r.json()
    return {"idle": idle, "load": result, "answered": sorted(answered), "presenter": presenter, "view": view}


def screen_lag(answered: List[float], seen: List[tuple]) -> List[float]:
    """For the k-th counted answer: seconds until the presenter first showed k or more."""
    lags = []
    for k, at in enumerate(answered, start=1):
        shown = next((t for t, count, _ in seen if count >= k and t >= at - 0.001), None)
        lags.append((shown - at) if shown else float("inf"))
    return sorted(lags)


def main() -> None:
    stack = RunningStack(Path(tempfile.mkdtemp()), engine_log="quiet")
    stack.start()
    try:
        out = asyncio.run(run(stack.base))
    finally:
        stack.stop()
    idle, load, view = out["idle"], out["load"], out["view"]
    gives = next(c for c in view["charts"] if c["key"] == "gives")
    counted = sum(b["count"] for b in gives["bars"]) + gives["hidden"]
    lags = screen_lag(out["answered"], out["presenter"].seen)
    pick = lambda values, q: values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]  # noqa: E731
    lines = []
    row = lines.append  # the table goes to the terminal and to bench/room-results.md
    row(f"| {PARTICIPANTS} participants, joined within {JOIN_S:.0f} s, answered within {ANSWER_S:.0f} s more | value |")
    row("|---|---|")
    row(f"| requests (joins and answers) | {load.messages} in {load.seconds:.0f} s, {load.throughput:.1f}/s |")
    row(f"| errors | {load.errors} |")
    row(f"| p50 / p95 / p99 under the room's load | {load.pct(50):.0f} / {load.pct(95):.0f} / {load.pct(99):.0f} ms |")
    row(f"| one participant on the idle stack, p50 / p95 | {idle.pct(50):.0f} / {idle.pct(95):.0f} ms |")
    row(f"| p50 / p95 ratio, load vs idle | {load.pct(50) / idle.pct(50):.2f}x / {load.pct(95) / idle.pct(95):.2f}x |")
    row(f"| joined / counted in the room (first question) | {view['members']} / {gives['answered']} (bars + hidden: {counted}) |")
    row(
        f"| every answer counted exactly once | {'yes' if view['members'] == gives['answered'] == counted == len(out['answered']) == PARTICIPANTS else 'NO'} |"
    )
    row(f"| presenter behind an answer, p50 / p95 / max | {pick(lags, 50):.2f} / {pick(lags, 95):.2f} / {lags[-1]:.2f} s |")
    row(f"| presenter events received | {len(out['presenter'].seen)} over {out['presenter'].connections} connection(s) |")
    table = "\n".join(lines)
    print(table)
    RESULTS.write_text(f"# A webinar's room (`make bench-room`)\n\n{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
