"""`make bench-scaleout`: what the scale-out path costs against the embedded default, from one run.

Three shapes run side by side: two Rasa + action server pairs on the embedded default (SQLite,
in-memory locks, as `make run` starts them), and one and two pairs on PostgreSQL and Redis. The
same load (50 simultaneous leaders through the gateway, BENCH_LEADERS to change) goes to each in
turn, round after round (BENCH_ROUNDS, default 3), so that whatever else the machine runs weighs
on every shape alike. Throughput depends on that, so the table's main figures are CPU
milliseconds per message of each process (bench/run.py's cpu_seconds, from /proc): our own
(gateway, Rasa servers, action servers) and the databases' beside them (bench/server_cpu.py:
a private Redis, and the PostgreSQL backends serving each shape's own database).
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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))


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
    result: load.Result = field(default_factory=load.Result)
    cpu_s: Dict[str, float] = field(default_factory=dict)  # gateway, rasa, actions, postgresql, redis
    counts: Dict[str, float] = field(default_factory=dict)  # PostgreSQL transactions and connections, Redis commands

    def per_message(self, what: Dict[str, float], scale: float = 1.0) -> Dict[str, float]:
        return {k: v * scale / max(1, self.result.messages) for k, v in what.items()}

    @property
    def cpu_ms(self) -> Dict[str, float]:
        return self.per_message(self.cpu_s, 1000)

    @property
    def ours(self) -> float:
        return self.cpu_ms["gateway"] + self.cpu_ms["rasa"] + self.cpu_ms["actions"]


def _transactions(database: str) -> int:
    rows = sql(f"{PG}/postgres", "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1", database)
    return int(rows[0]["n"])


def _add(into: Dict[str, float], what: Dict[str, float]) -> None:
    for k, v in what.items():
        into[k] = into.get(k, 0.0) + v


class Running:
    """One shape's stack (with its own Redis and database when scaled), measured round by round."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.measured = Measured()
        self.redis: Optional[PrivateRedis] = None
        self.database = ""
        self.stack: Optional[RunningStack] = None

    def start(self) -> None:
        if self.shape.scaled:
            self.redis = PrivateRedis()
            self.database = f"trivsel_bench_{uuid.uuid4().hex[:8]}"
            sql(f"{PG}/postgres", f'CREATE DATABASE "{self.database}"')
        url = f"{PG}/{self.database}" if self.database else ""
        self.stack = RunningStack(
            Path(tempfile.mkdtemp()),
            engines=self.shape.engines,
            tracker_db=url,
            redis_url=self.redis.url if self.redis else "",
            gateway_db=url,
            engine_log="quiet",
        )
        # A busy machine starves the gateway's low-priority PDF workers as they warm up: wait longer.
        self.stack.start(timeout_s=300)
        asyncio.run(load.run(2, load.gateway_user, self.stack.base))  # warm-up

    def round(self) -> None:
        stack, redis, database = self.stack, self.redis, self.database
        assert stack is not None and stack.gateway is not None, "start() ran"
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
        m = self.measured
        m.result.latencies_ms += result.latencies_ms
        m.result.errors += result.errors
        m.result.seconds += result.seconds
        _add(m.cpu_s, {g: sum(cpu_seconds(p) for p in pids) - before[g] for g, pids in groups.items()})
        _add(m.cpu_s, {"postgresql": backends.cpu() if backends else 0.0})
        _add(m.cpu_s, {"redis": cpu_seconds(redis.process.pid) - redis_before[0] if redis else 0.0})
        if database and redis and backends:
            # the sampler's own queries run on another database, so they are not among these
            _add(m.counts, {"pg_transactions": _transactions(database) - transactions, "pg_connections_opened": backends.opened})
            _add(m.counts, {"redis_commands": redis.commands() - redis_before[1] - 1})

    def stop(self) -> None:
        try:
            if self.stack is not None:
                self.stack.stop()
        finally:
            if self.redis:
                self.redis.stop()
            if self.database:
                sql(f"{PG}/postgres", f'DROP DATABASE "{self.database}" WITH (FORCE)')


def table(measured: List[Measured]) -> str:
    base = measured[0].ours
    lines = [
        f"{LEADERS} leaders at once through the gateway, {ROUNDS} rounds per shape taken in turn; CPU in ms per message, from /proc.",
        "",
        "| shape | msg/s | p95 ms | errors | gateway | Rasa | action servers | ours | ours / embedded "
        "| PostgreSQL | Redis | PostgreSQL transactions / msg | Redis commands / msg (scripts' own included) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for shape, m in zip(SHAPES, measured):
        c, k = m.cpu_ms, m.per_message(m.counts)
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
    lines += ["", f"PostgreSQL connections opened while the scale-out shapes were measured: {', '.join(opened)}."]
    return "\n".join(lines)


def main() -> None:
    running = [Running(shape) for shape in SHAPES]
    try:
        for r in running:
            r.start()
        for i in range(ROUNDS):
            for r in running:
                r.round()
                m = r.measured
                print(f"round {i + 1}, {r.shape.name}: so far ours {m.ours:.2f} ms/msg {m.cpu_ms}", flush=True)
    finally:
        for r in running:
            r.stop()
    print()
    print(table([r.measured for r in running]))


if __name__ == "__main__":
    main()
