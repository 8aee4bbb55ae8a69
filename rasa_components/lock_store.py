"""A Redis lock store that stays correct when several Rasa servers share it.

Rasa Open Source's RedisLockStore reads, changes and writes back one JSON value
per conversation, so two servers issuing tickets at the same moment can both
take the same place, and two messages of one conversation then run side by
side and overwrite each other's events (RasaHQ/rasa#9213; the concurrent
version was withdrawn from Rasa Open Source). Here every ticket is its own key
with its own expiry, and ticket numbers come from Redis' atomic INCR, so no
read-modify-write is left. Rasa's ticket-lock algorithm is otherwise unchanged.

endpoints: lock_store: {type: rasa_components.lock_store.AtomicRedisLockStore, url, port, db, key_prefix}
"""

from __future__ import annotations

import time
from collections import deque
from typing import Optional

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LockStore

LOCK_LIFETIME_S = 60

# Draw the next number and create that ticket in one step: KEYS[1] counter, KEYS[2] ticket key prefix;
# ARGV: expiry timestamp, counter lifetime (s), ticket lifetime (ms).
ISSUE = """
local number = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2] .. number, ARGV[1], 'PX', ARGV[3])
return number
"""


class AtomicRedisLockStore(LockStore):
    def __init__(
        self,
        endpoint_config=None,
        host: str = "localhost",
        port: int = 6379,
        db: int = 0,
        password: Optional[str] = None,
        key_prefix: str = "",
    ) -> None:
        if endpoint_config is not None:
            kwargs = endpoint_config.kwargs
            host = endpoint_config.url or host
            port = int(kwargs.get("port", port))
            db = int(kwargs.get("db", db))
            password = kwargs.get("password", password)
            key_prefix = kwargs.get("key_prefix", key_prefix)
        self.red = redis.StrictRedis(host=host, port=port, db=db, password=password, socket_timeout=5)
        self.prefix = f"{key_prefix}:atomic_lock" if key_prefix else "atomic_lock"
        self._issue = self.red.register_script(ISSUE)
        super().__init__()

    def _ticket_key(self, conversation_id: str, number: int) -> str:
        return f"{self.prefix}:ticket:{conversation_id}:{number}"

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME_S) -> int:
        counter = f"{self.prefix}:counter:{conversation_id}"
        prefix = self._ticket_key(conversation_id, "")  # type: ignore[arg-type]
        return int(
            self._issue(
                keys=[counter, prefix], args=[time.time() + lock_lifetime, int(lock_lifetime) + 60, int(lock_lifetime * 1000)]
            )
        )

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        tickets = []
        for key in self.red.scan_iter(match=self._ticket_key(conversation_id, "*"), count=100):  # type: ignore[arg-type]
            expires = self.red.get(key)
            if expires is not None:
                tickets.append(Ticket(int(key.decode().rsplit(":", 1)[1]), float(expires)))
        if not tickets:
            return None
        return TicketLock(conversation_id, deque(sorted(tickets, key=lambda t: t.number)))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.red.delete(self._ticket_key(conversation_id, ticket_number))

    def save_lock(self, lock: TicketLock) -> None:
        pass  # every ticket is its own key with its own expiry: there is nothing else to write

    def delete_lock(self, conversation_id: str) -> None:
        pass  # tickets remove themselves; the counter expires on its own
