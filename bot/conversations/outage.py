"""When the gateway's own database is out: disk full, locked, or its connection lost.

The drivers (bot/conversations/store.py) name such a failure with a short fixed phrase, never
the SQL or what it held, and raise StoreUnavailable; the app answers 503 with Retry-After
(bot/app.py) and /readyz says not ready until a write goes through again. The log says so once
a minute while it lasts, and once when it is over: no traceback per request.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Optional

log = logging.getLogger("trivsel.store")
LOG_EVERY_S = 60.0
RETRY_AFTER_S = 10  # what a client is told to wait: long enough for a lock to pass or space to be made

# sqlite3.OperationalError's own words for what is the machine's trouble, not a wrong query.
SQLITE_OUTAGES = {
    "database or disk is full": "disk full",
    "database is locked": "locked",
    "database table is locked": "locked",
    "disk i/o error": "disk error",
    "unable to open database file": "file unreachable",
    "attempt to write a readonly database": "read-only",
}


class StoreUnavailable(Exception):
    """The gateway's database cannot answer for now; `kind` is a short phrase fit for a log."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def sqlite_outage(error: BaseException) -> Optional[str]:
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        return next((kind for words, kind in SQLITE_OUTAGES.items() if words in text), None)
    return None


def postgres_outage(error: BaseException) -> Optional[str]:
    import asyncpg

    if isinstance(error, asyncpg.exceptions.DiskFullError):
        return "disk full"
    if isinstance(error, asyncpg.exceptions.InsufficientResourcesError):
        return "out of resources"
    if isinstance(error, asyncpg.exceptions.OperatorInterventionError):
        return "shutting down or starting"
    if isinstance(error, (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError)):  # lost or refused connections
        return "connection lost"
    if isinstance(error, TimeoutError):
        return "not answering"
    return None


class StoreHealth:
    """Whether the database answered last time, and the log lines about it (one a minute at most)."""

    def __init__(self) -> None:
        self.failing_since: Optional[float] = None
        self.kind = ""
        self._logged_at = 0.0

    @property
    def healthy(self) -> bool:
        return self.failing_since is None

    def failed(self, kind: str) -> StoreUnavailable:
        now = time.monotonic()
        if self.failing_since is None:
            self.failing_since = now
        if kind != self.kind or now - self._logged_at >= LOG_EVERY_S:
            log.warning("gateway database unavailable (%s): answering 503 until it recovers", kind)
            self._logged_at = now
        self.kind = kind
        return StoreUnavailable(kind)

    def answered(self) -> None:
        if self.failing_since is not None:
            log.warning("gateway database answers again after %.0f s (%s)", time.monotonic() - self.failing_since, self.kind)
            self.failing_since, self.kind, self._logged_at = None, "", 0.0
