"""A Redis lock store that stays correct when several Rasa servers share it.

Rasa Open Source's RedisLockStore reads, changes and writes back one JSON value
per conversation, so two servers issuing tickets at the same moment can both
take the same place, and two messages of one conversation then run side by
side and overwrite each other's events (RasaHQ/rasa#9213; the concurrent
version was withdrawn from Rasa Open Source). Here ticket numbers come from
Redis' atomic INCR and each conversation's tickets are one sorted set (number
scored by its expiry), so no read-modify-write is left. Rasa's ticket-lock
algorithm is otherwise unchanged.

A message costs three round trips: issue a ticket (one script), read the
conversation's live tickets (one ZRANGEBYSCORE), remove its ticket. An earlier
version kept each ticket under its own key and found them with SCAN, which
walks every key of the Redis database on each read: two walks a message, longer
the more conversations and rate limits the database holds (bench/scaleout.py).

endpoints: lock_store: {type: rasa_components.lock_store.AtomicRedisLockStore, url, port, db, key_prefix}
"""

from __future__ import annotations

import time
from collections import deque
from typing import Optional, Tuple

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LockStore

LOCK_LIFETIME_S = 60

# Draw the next number and enter its ticket in one step, dropping the conversation's expired
# tickets: KEYS[1] counter, KEYS[2] the conversation's tickets (number scored by expiry);
# ARGV: the ticket's expiry, the keys' lifetime (s), now.
ISSUE = """
local number = redis.call('INCR', KEYS[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[1], number)
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
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

    def _keys(self, conversation_id: str) -> Tuple[str, str]:
        """The conversation's ticket counter and its sorted set of tickets."""
        return f"{self.prefix}:counter:{conversation_id}", f"{self.prefix}:tickets:{conversation_id}"

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME_S) -> int:
        now = time.time()
        # The keys outlive the longest ticket, so a number is never drawn twice while one is live.
        return int(self._issue(keys=self._keys(conversation_id), args=[now + lock_lifetime, int(lock_lifetime) + 60, now]))

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        live = self.red.zrangebyscore(self._keys(conversation_id)[1], time.time(), "+inf", withscores=True)
        if not live:
            return None
        tickets = sorted((Ticket(int(number), float(expires)) for number, expires in live), key=lambda t: t.number)
        return TicketLock(conversation_id, deque(tickets))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.red.zrem(self._keys(conversation_id)[1], ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        # Rasa's cleanup also asks whether someone waits, to delete an empty lock; here the
        # sorted set empties and expires by itself, so only the ticket goes.
        self.finish_serving(conversation_id, ticket_number)

    def save_lock(self, lock: TicketLock) -> None:
        pass  # every ticket is entered as it is issued: there is nothing else to write

    def delete_lock(self, conversation_id: str) -> None:
        pass  # tickets are removed as they are served; the keys expire on their own
