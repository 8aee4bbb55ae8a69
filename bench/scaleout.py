"""`make bench-scaleout`: what the scale-out path costs against the embedded default, from one run.

The same load (50 simultaneous leaders through the gateway, BENCH_LEADERS to change) runs on
three shapes one after another: two Rasa + action server pairs on the embedded default (SQLite,
in-memory locks, as `make run` starts them), then one and two pairs on PostgreSQL and Redis.
Throughput depends on whatever else the machine runs, so the table's main figures are CPU
milliseconds per message of each process (bench/run.py's cpu_seconds, from /proc): our own
(gateway, Rasa servers, action servers) and the databases' beside them (bench/server_cpu.py:
a private Redis, and the PostgreSQL backends serving the bench's own database).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bench import load
from bench.run import cpu_seconds
from bench.server_cpu import PostgresBackends, PrivateRedis
from launcher.running import PG, RunningStack, sql

LEADERS = int(os.environ.get("BENCH_LEADERS", 50))


@dataclass
class Shape:
    name: str
    engines: int
    scaled: bool  # PostgreSQL and Redis, or the embedded default


SHAPES = [
    Shape("embedded default (SQLite, in-memory locks), 2 pairs", 2, False),
    Shape("PostgreSQL + Redis, 1 pair", 1, True),
    Shape("PostgreSQL + Redis, 2 pairs", 2, True),
]


@dataclass
class Measured:
    result: load.Result
    cpu_ms: Dict[str, float]  # per message: gateway, rasa, actions, postgresql, redis
    counts: Dict[str, float] = field(default_factory=dict)  # per message: PostgreSQL transactions, Redis commands

    @property
    def ours(self) -> float:
        return self.cpu_ms["gateway"] + self.cpu_ms["rasa"] + self.cpu_ms["actions"]


def _transactions(database: str) -> int:
    rows = sql(f"{PG}/postgres", "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1", database)
    return int(rows[0]["n"])


def measure(shape: Shape) -> Measured:
    redis: Optional[PrivateRedis] = None
    database = ""
    if shape.scaled:
        redis = PrivateRedis()
        database = f"trivsel_bench_{uuid.uuid4().hex[:8]}"
        sql(f"{PG}/postgres", f'CREATE DATABASE "{database}"')
    url = f"{PG}/{database}" if database else ""
    stack = RunningStack(
        Path(tempfile.mkdtemp()),
        engines=shape.engines,
        tracker_db=url,
        redis_url=redis.url if redis else "",
        gateway_db=url,
        engine_log="quiet",
    )
    try:
        # A busy machine starves the gateway's low-priority PDF workers as they warm up: wait longer.
        stack.start(timeout_s=300)
        asyncio.run(load.run(2, load.gateway_user, stack.base))  # warm-up
        assert stack.gateway is not None, "stack.start() started it"
        groups: Dict[str, List[int]] = {"gateway": [stack.gateway.pid], "rasa": [], "actions": []}
        for name, process in stack.engine.processes.items():
            groups["rasa" if name.startswith("rasa") else "actions"].append(process.pid)
        before = {g: sum(cpu_seconds(p) for p in pids) for g, pids in groups.items()}
        redis_before = (cpu_seconds(redis.process.pid), redis.commands()) if redis else (0.0, 0)
        transactions = _transactions(database) if database else 0
        backends = PostgresBackends(f"{PG}/postgres", database) if database else None
        if backends:
            with backends:
                result = asyncio.run(load.run(LEADERS, load.gateway_user, stack.base))
        else:
            result = asyncio.run(load.run(LEADERS, load.gateway_user, stack.base))
        n = max(1, result.messages)
        cpu_ms = {g: (sum(cpu_seconds(p) for p in pids) - before[g]) * 1000 / n for g, pids in groups.items()}
        cpu_ms["postgresql"] = backends.cpu() * 1000 / n if backends else 0.0
        cpu_ms["redis"] = (cpu_seconds(redis.process.pid) - redis_before[0]) * 1000 / n if redis else 0.0
        counts: Dict[str, float] = {}
        if database and redis and backends:
            # the bench's own queries (pg_stat_activity runs on another database) are not among them
            counts["pg_transactions"] = (_transactions(database) - transactions) / n
            counts["pg_connections_opened"] = backends.opened
            counts["redis_commands"] = (redis.commands() - redis_before[1] - 1) / n
        return Measured(result, cpu_ms, counts)
    finally:
        try:
            stack.stop()
        finally:
            if redis:
                redis.stop()
            if database:
                sql(f"{PG}/postgres", f'DROP DATABASE "{database}" WITH (FORCE)')


def table(measured: List[Measured]) -> str:
    base = measured[0].ours
    lines = [
        f"{LEADERS} leaders at once through the gateway; CPU in ms per message, from /proc.",
        "",
        "| shape | msg/s | p95 ms | errors | gateway | Rasa | action servers | ours | ours / embedded "
        "| PostgreSQL | Redis | PostgreSQL transactions / msg | Redis commands / msg (scripts' own included) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for shape, m in zip(SHAPES, measured):
        c, k = m.cpu_ms, m.counts
        servers = (
            f"{c['postgresql']:.2f} | {c['redis']:.2f} | {k['pg_transactions']:.1f} | {k['redis_commands']:.1f}"
            if shape.scaled
            else "– | – | – | –"
        )
        lines.append(
            f"| {shape.name} | {m.result.throughput:.1f} | {m.result.pct(95):.0f} | {m.result.errors} "
            f"| {c['gateway']:.2f} | {c['rasa']:.2f} | {c['actions']:.2f} | {m.ours:.2f} | {m.ours / base:.2f}x | {servers} |"
        )
    opened = [f"{int(m.counts['pg_connections_opened'])}" for s, m in zip(SHAPES, measured) if s.scaled]
    lines += ["", f"PostgreSQL connections opened during each scale-out load: {', '.join(opened)}."]
    return "\n".join(lines)


def main() -> None:
    measured = []
    for shape in SHAPES:
        measured.append(measure(shape))
        m = measured[-1]
        print(f"{shape.name}: {m.result.throughput:.1f} msg/s, ours {m.ours:.2f} ms/msg {m.cpu_ms} {m.counts}", flush=True)
    print()
    print(table(measured))


if __name__ == "__main__":
    main()
