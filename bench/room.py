"""`make bench-room`: a conference hall's room on the whole stack, as `make run` starts it on
this machine (SQLite, a Rasa + action server pair per core, up to two; one gateway).

1,000 participants (BENCH_PARTICIPANTS) join an energy-check room within one minute
(BENCH_JOIN_S) and finish it within two more (BENCH_ANSWER_S), with think time between
answers, while the room is shown on 20 screens (BENCH_SCREENS, the default cap per room)
reading the live results over server-sent events. Prints one table: latencies under the
room's load as ratios against one participant on the idle stack measured in the same run,
errors, whether every answer was counted exactly once, how far behind the screens were (from
an answer's reply to the first event that shows it, over every screen), and the gateway's CPU
with 1,000 screens open on an idle gateway (50 rooms of 20).

Like a conference's operator, the bench sets the stack's limits for the hall: joins per room
per minute (TRIVSEL_ROOM_JOINS_PER_MINUTE, twice the hall), and, because every screen and
room here comes from one address, streams and rooms per address.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

from bench.load import Result, _timed
from bench.run import cpu_seconds
from launcher.running import RunningStack

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", 1000))
JOIN_S = float(os.environ.get("BENCH_JOIN_S", 60))
ANSWER_S = float(os.environ.get("BENCH_ANSWER_S", 120))
SCREENS = int(os.environ.get("BENCH_SCREENS", 20))
IDLE_ROOMS, IDLE_S = 50, 10.0  # 50 rooms x SCREENS open screens, measured while nothing happens
ENGINES = int(os.environ.get("BENCH_ENGINES") or min(2, os.cpu_count() or 1))  # by default what `make run` starts here
THEMES = ["autonomy", "trust", "recovery", "support", "workload", "clarity", "boundaries", "meaning"]
RESULTS = Path(__file__).resolve().parent / "room-results.md"
WORDS = ["Kaffe", "Ro", "Holdet", "Kunderne", "Frihed", "Latter"]
STACK_ENV = {  # what an operator sets for a hall of this size (see the module's note)
    "TRIVSEL_ROOM_JOINS_PER_MINUTE": str(max(600, 2 * PARTICIPANTS)),
    "TRIVSEL_STREAMS_PER_ADDRESS": str(IDLE_ROOMS * SCREENS + SCREENS),
    "TRIVSEL_ROOMS_PER_MINUTE": "1000",
    "TRIVSEL_OPEN_ROOMS_PER_ADDRESS": "1000",
}


class Screen:
    """Reads a room's events; keeps (arrival time, answers shown for `gives`) of each."""

    def __init__(self):
        self.seen: List[tuple] = []
        self.connections = 0
        self.refused = 0

    async def watch(
        self, session: aiohttp.ClientSession, url: str, until: asyncio.Event, ready: Optional[asyncio.Event] = None
    ) -> None:
        while not until.is_set():
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=None, sock_read=30)) as stream:
                    if stream.status != 200:
                        self.refused += 1
                        await asyncio.sleep(1.0)
                        continue
                    self.connections += 1
                    async for line in stream.content:
                        if line.startswith(b"data: "):
                            results = json.loads(line[6:])
                            if "charts" in results:
                                gives = next(c for c in results["charts"] if c["key"] == "gives")
                                self.seen.append((time.perf_counter(), gives["answered"]))
                            if ready:
                                ready.set()
                        if until.is_set():
                            return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                await asyncio.sleep(0.5)


async def participant(
    session, base, code, start_at, finish_by, result: Result, answered: List[float], shared: Dict[str, int], rng: random.Random
):
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    joined = await _timed(result, session.post(f"{base}/api/v1/conversations", json={"room": code}))
    if not joined:
        return
    url = f"{base}/api/v1/conversations/{joined['id']}/messages"
    word = rng.random() < 0.7
    steps = [
        ("gives", {"payload": f'/choose{{"value": "{rng.choice(THEMES)}"}}'}),
        ("drains", {"payload": f'/choose{{"value": "{rng.choice(THEMES)}"}}'}),
        (None, {"text": "En gåtur ved vandet om tirsdagen"}),
        ("word", {"text": rng.choice(WORDS)}) if word else (None, {"payload": "/skip"}),
    ]
    # Think time: the four answers are spread over what is left of the two minutes.
    pause = max(0.0, (finish_by - time.perf_counter()) / (len(steps) + 1))
    for key, body in steps:
        await asyncio.sleep(rng.uniform(0.3, 1.0) * pause)
        if await _timed(result, session.post(url, json=body)) and key:
            shared[key] = shared.get(key, 0) + 1
            if key == "gives":
                answered.append(time.perf_counter())


async def idle_baseline(session, base, code) -> Result:
    """One participant at a time, before the crowd, on a warmed-up stack: the same requests."""
    await _alone(session, base, code, Result())  # the first turns of each Rasa are slower: not what is compared
    result = Result()
    await _alone(session, base, code, result)
    return result


async def _alone(session, base, code, result: Result) -> None:
    for _ in range(10):
        joined = await _timed(result, session.post(f"{base}/api/v1/conversations", json={"room": code}))
        if not joined:
            continue  # counted among the errors, as a participant's failed join is
        url = f"{base}/api/v1/conversations/{joined['id']}/messages"
        for body in (
            {"payload": '/choose{"value": "trust"}'},
            {"payload": '/choose{"value": "trust"}'},
            {"text": "x"},
            {"payload": "/skip"},
        ):
            await _timed(result, session.post(url, json=body))


async def idle_screens(session, base, new_room, gateway_pid: int) -> dict:
    """IDLE_ROOMS rooms with SCREENS screens each, all open and quiet: what do they cost the gateway?"""
    rooms = [await new_room() for _ in range(IDLE_ROOMS)]
    done, screens, ready = asyncio.Event(), [], []
    for room in rooms:
        for _ in range(SCREENS):
            screen, first = Screen(), asyncio.Event()
            screens.append((screen, asyncio.create_task(screen.watch(session, f"{base}{room['events_url']}", done, first))))
            ready.append(first)
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in ready)), 60)
    await asyncio.sleep(2.0)  # let the first results settle
    before, began = cpu_seconds(gateway_pid), time.perf_counter()
    await asyncio.sleep(IDLE_S)
    cpu = (cpu_seconds(gateway_pid) - before) / (time.perf_counter() - began)
    done.set()
    for _, task in screens:
        task.cancel()
    await asyncio.gather(*(t for _, t in screens), return_exceptions=True)
    return {"screens": len(screens), "open": sum(s.connections for s, _ in screens), "cpu": cpu}


def machine_busy() -> tuple:
    """(busy, total) CPU time of the whole machine so far, in clock ticks (/proc/stat)."""
    with open("/proc/stat") as stat:
        ticks = [int(v) for v in stat.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


async def run(base: str, pids: Dict[str, int]) -> dict:
    gateway_pid = pids["gateway"]
    rng = random.Random(7)
    connector = aiohttp.TCPConnector(limit=0)  # participants and screens each hold a connection
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:

        async def new_room():
            async with session.post(f"{base}/api/v1/rooms", json={"warmup": "energy", "language": "da"}) as r:
                assert r.status == 201, await r.text()
                return await r.json()

        idle = await idle_baseline(session, base, (await new_room())["code"])
        room = await new_room()
        screens, done = [Screen() for _ in range(SCREENS)], asyncio.Event()
        watching = [asyncio.create_task(s.watch(session, f"{base}{room['events_url']}", done)) for s in screens]
        result = Result()
        answered: List[float] = []  # when each participant's answer got its reply
        shared: Dict[str, int] = {}  # replies received per shared key
        cpu_before, machine_before = {n: cpu_seconds(p) for n, p in pids.items()}, machine_busy()
        began = time.perf_counter()
        finish_by = began + JOIN_S + ANSWER_S
        await asyncio.gather(
            *(
                participant(
                    session, base, room["code"], began + JOIN_S * i / PARTICIPANTS, finish_by, result, answered, shared, rng
                )
                for i in range(PARTICIPANTS)
            )
        )
        result.seconds = time.perf_counter() - began
        # Cores used during the hall: each of our processes, and the whole machine (other work on it included).
        load_cpu = {n: (cpu_seconds(p) - cpu_before[n]) / result.seconds for n, p in pids.items()}
        busy, total = (now - before for now, before in zip(machine_busy(), machine_before))
        load_cpu["machine"] = busy / total * (os.cpu_count() or 1)
        final_at = time.perf_counter()
        while any(not s.seen or s.seen[-1][1] < len(answered) for s in screens):
            if time.perf_counter() - final_at > 10:
                break
            await asyncio.sleep(0.05)
        done.set()
        for task in watching:
            task.cancel()
        await asyncio.gather(*watching, return_exceptions=True)
        async with session.get(f"{base}/api/v1/hosted/{room['host_key']}") as r:
            view = await r.json()
        # After the hall, so that it cannot disturb what the hall measures.
        quiet = await idle_screens(session, base, new_room, gateway_pid) if SCREENS else {"screens": 0, "open": 0, "cpu": 0.0}
    return {
        "idle": idle,
        "load": result,
        "answered": sorted(answered),
        "shared": shared,
        "screens": screens,
        "view": view,
        "quiet": quiet,
        "load_cpu": load_cpu,
    }


def screen_lag(answered: List[float], seen: List[tuple]) -> List[float]:
    """For the k-th counted answer: seconds until this screen first showed k or more."""
    lags = []
    for k, at in enumerate(answered, start=1):
        shown = next((t for t, count in seen if count >= k and t >= at - 0.001), None)
        lags.append((shown - at) if shown else float("inf"))
    return lags


def counted(view: dict, shared: Dict[str, int]) -> List[tuple]:
    """Per chart: (key, answers the participants got a reply for, answered on the screen, in bars or hidden)."""
    rows = []
    for chart in view["charts"]:
        in_bars = sum(b["count"] for b in chart["bars"]) + chart["hidden"]
        rows.append((chart["key"], shared.get(chart["key"], 0), chart["answered"], in_bars))
    return rows


def main() -> None:
    os.environ.update(STACK_ENV)
    stack = RunningStack(Path(tempfile.mkdtemp()), engines=ENGINES, engine_log="quiet")
    stack.start()
    try:
        assert stack.gateway is not None, "stack.start() started it"
        pids = {
            "gateway": stack.gateway.pid,
            **{n: p.pid for n, p in stack.engine.processes.items()},
            "bench client": os.getpid(),
        }
        out = asyncio.run(run(stack.base, pids))
    finally:
        stack.stop()
    idle, load, view, quiet = out["idle"], out["load"], out["view"], out["quiet"]
    charts = counted(view, out["shared"])
    once = view["members"] == PARTICIPANTS and all(sent == shown == bars for _, sent, shown, bars in charts)
    lags = sorted(lag for s in out["screens"] for lag in screen_lag(out["answered"], s.seen)) or [float("nan")]
    pick = lambda values, q: values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]  # noqa: E731
    events = [len(s.seen) for s in out["screens"]] or [0]  # BENCH_SCREENS=0: the chat's load alone, for comparison
    lines: List[str] = []
    row = lines.append  # the table goes to the terminal and to bench/room-results.md
    row(
        f"| {PARTICIPANTS} participants, joined within {JOIN_S:.0f} s, answered within {ANSWER_S:.0f} s more; "
        f"{SCREENS} screens; {ENGINES} Rasa + action server pairs | value |"
    )
    row("|---|---|")
    row(f"| requests (joins and answers) | {load.messages} in {load.seconds:.0f} s, {load.throughput:.1f}/s |")
    row(f"| errors | {load.errors} |")
    row(f"| p50 / p95 / p99 under the room's load | {load.pct(50):.0f} / {load.pct(95):.0f} / {load.pct(99):.0f} ms |")
    row(f"| one participant on the idle stack, p50 / p95 | {idle.pct(50):.0f} / {idle.pct(95):.0f} ms |")
    row(
        f"| **chat p95 under load vs idle** (target within 2x); p50 ratio | **{load.pct(95) / idle.pct(95):.2f}x**; "
        f"{load.pct(50) / idle.pct(50):.2f}x |"
    )
    row(f"| joined / in the room | {PARTICIPANTS} / {view['members']} |")
    for key, sent, shown, bars in charts:
        row(f"| `{key}`: answered (replies received) / on the screen / in bars + hidden | {sent} / {shown} / {bars} |")
    row(f"| **every answer counted exactly once** | **{'yes' if once else 'NO'}** |")
    row(
        f"| **screens behind an answer** (all {SCREENS} screens), p50 / **p95** / max (target p95 within 1 s) | "
        f"{pick(lags, 50):.2f} / **{pick(lags, 95):.2f}** / {lags[-1]:.2f} s |"
    )
    row(
        f"| events per screen (min / max); connections; refused | {min(events)} / {max(events)}; "
        f"{sum(s.connections for s in out['screens'])}; {sum(s.refused for s in out['screens'])} |"
    )
    cpu = out["load_cpu"]
    ours = ", ".join(f"{n} {v * 100:.0f}" for n, v in cpu.items() if n != "machine")
    others = cpu["machine"] - sum(v for n, v in cpu.items() if n != "machine")
    row(
        f"| CPU during the room's load, % of a core | {ours}; the whole machine {cpu['machine'] * 100:.0f} of "
        f"{(os.cpu_count() or 1) * 100} (other work on it: {max(0.0, others) * 100:.0f}) |"
    )
    row(
        f"| gateway CPU with {quiet['screens']} screens open ({IDLE_ROOMS} quiet rooms), over {IDLE_S:.0f} s | "
        f"{quiet['cpu'] * 100:.1f} % of a core ({quiet['open']} streams opened) |"
    )
    table = "\n".join(lines)
    print(table)
    settings = ", ".join(f"`{k}={v}`" for k, v in STACK_ENV.items())
    RESULTS.write_text(
        f"# A conference hall's room (`make bench-room`)\n\n{table}\n\nThe stack ran with {settings} "
        "(the hall's operator's settings; every screen and room comes from the bench's one address).\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
