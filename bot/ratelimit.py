"""Per-client rate limits (token buckets in memory, per gateway process)."""
from __future__ import annotations

import time
from typing import Dict, Tuple


class RateLimiter:
    def __init__(self, per_minute: int, burst: int | None = None, max_clients: int = 100_000):
        self.rate = per_minute / 60.0
        self.burst = float(burst or max(per_minute // 2, 5))
        self.max_clients = max_clients
        self._buckets: Dict[str, Tuple[float, float]] = {}

    def take(self, client: str) -> float:
        """0 if allowed now, else the seconds until the client may try again."""
        now = time.monotonic()
        tokens, last = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[client] = (tokens - 1, now)
            self._trim()
            return 0.0
        self._buckets[client] = (tokens, now)
        return (1 - tokens) / self.rate

    def waiting(self, client: str) -> float:
        """Like take(), but only looks: 0 if the client has a token left."""
        now = time.monotonic()
        tokens, last = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def _trim(self) -> None:
        if len(self._buckets) > self.max_clients:  # forget the longest idle half
            for key, _ in sorted(self._buckets.items(), key=lambda kv: kv[1][1])[: self.max_clients // 2]:
                del self._buckets[key]
