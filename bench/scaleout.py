"""`make bench-scaleout`: one Rasa + action server pair against two, on PostgreSQL and Redis,
in the same run, 50 simultaneous leaders through the gateway (BENCH_LEADERS to change)."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from pathlib import Path

from bench import load
from launcher.running import PG, REDIS, RunningStack, sql

LEADERS = int(os.environ.get("BENCH_LEADERS", 50))


def measure(engines: int) -> load.Result:
    name = f"trivsel_bench_{uuid.uuid4().hex[:8]}"
    sql(f"{PG}/postgres", f'CREATE DATABASE "{name}"')
    database = f"{PG}/{name}"
    stack = RunningStack(
        Path(tempfile.mkdtemp()), engines=engines, tracker_db=database, redis_url=REDIS, gateway_db=database, engine_log="quiet"
    )
    stack.start()
    try:
        asyncio.run(load.run(2, load.gateway_user, stack.base))  # warm-up
        return asyncio.run(load.run(LEADERS, load.gateway_user, stack.base))
    finally:
        stack.stop()
        sql(f"{PG}/postgres", f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> None:
    one, two = measure(1), measure(2)
    print("| Rasa + action server pairs | msg/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|")
    for n, r in ((1, one), (2, two)):
        print(f"| {n} | {r.throughput:.1f} | {r.pct(50):.0f} | {r.pct(95):.0f} | {r.errors} |")
    print(f"\ntwo / one: {two.throughput / one.throughput:.2f}x throughput, {two.pct(95) / one.pct(95):.2f}x p95")


if __name__ == "__main__":
    main()
