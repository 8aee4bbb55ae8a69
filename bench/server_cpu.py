"""CPU time of the database servers a benchmark's stack uses, from /proc.

Redis: a private redis-server on a free port, so every command it serves is the bench's and
its whole process is counted. PostgreSQL: the machine's server (others may be using it), so
only the backends serving the bench's own database are counted, found in pg_stat_activity
while the load runs; the server's shared processes (WAL writer, checkpointer) are not.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
import time
from typing import Dict, Optional

import asyncpg

from bench.run import cpu_seconds
from launcher.ports import free_port


class PrivateRedis:
    """redis-server on a free port with nothing saved to disk; stopped by stop()."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (the scale-out path needs Redis)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while self.call("PING") != "PONG":
            if time.monotonic() > deadline:
                raise RuntimeError("the bench's redis-server did not start")
            time.sleep(0.1)

    def call(self, *command: str) -> str:
        done = subprocess.run(["redis-cli", "-p", str(self.port), *command], capture_output=True, text=True)
        return done.stdout.strip()

    def commands(self) -> int:
        """Commands served so far (INFO stats)."""
        for line in self.call("INFO", "stats").splitlines():
            if line.startswith("total_commands_processed:"):
                return int(line.split(":")[1])
        return 0

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class PostgresBackends:
    """Samples the backends serving one database; `cpu()` is what they used while sampled.

    A backend seen first during the sampling counts from zero (it was opened then); one that
    lived for less than a sampling interval is missed, and `opened` shows how many came and went.
    """

    INTERVAL_S = 0.2

    def __init__(self, admin_url: str, database: str) -> None:
        self.admin_url, self.database = admin_url, database
        self.first: Dict[int, float] = {}
        self.last: Dict[int, float] = {}
        self.opened = 0  # backends that appeared while sampling (a connection opened)
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    async def _pids(self, connection: asyncpg.Connection) -> list[int]:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", self.database
        )
        return [row["pid"] for row in rows]

    async def _sample(self, started: threading.Event) -> None:
        connection = await asyncpg.connect(self.admin_url)
        try:
            for pid in await self._pids(connection):  # already open: counted from now
                self.first[pid] = self.last[pid] = _cpu(pid) or 0.0
            started.set()
            while not self._stop.is_set():
                await asyncio.sleep(self.INTERVAL_S)
                self._read(await self._pids(connection))
        finally:
            started.set()
            await connection.close()

    def __enter__(self) -> PostgresBackends:
        started = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._sample(started)), daemon=True)
        self._thread.start()
        started.wait(10)
        return self

    def _read(self, pids: list[int]) -> None:
        for pid in set(pids) | set(self.last):
            used = _cpu(pid)
            if used is None:
                continue  # gone: its last reading stands
            if pid not in self.first:
                self.first[pid] = 0.0
                self.opened += 1
            self.last[pid] = used

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._read([])

    def cpu(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def _cpu(pid: int) -> Optional[float]:
    try:
        return cpu_seconds(pid)
    except (FileNotFoundError, ProcessLookupError):
        return None
