"""What every room store does (the SQL and the Redis store), and what they share."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any, Dict, List, Optional, Protocol, Set, Tuple

# No 0/O, 1/I/L: easy to read off a projector and type on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def host_hash(host_key: str) -> str:
    return hashlib.sha256(host_key.encode("utf-8")).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def live_state(room: Dict[str, Any], now: Optional[float] = None) -> str:
    """open, closed or expired (an expired room answers so until the purge deletes it)."""
    if room["expires_at"] <= (now or time.time()):
        return "expired"
    return room["state"]


def no_listener(room_id: str) -> None:
    pass


class RoomStore(Protocol):
    """A facilitator's rooms: the room, who joined, what each shared, and the words hidden from it.

    A room is a dict with at least id, code, warmup, language, state, expires_at, version and
    `revealed` (False while the host keeps the results off the screen).
    """

    outage_errors: tuple  # errors that mean "the store is out for a moment", not "this is wrong"
    poll_s: float  # how often a live screen looks for changes this gateway was not told of

    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def create(self, warmup: str, language: str, hours: float) -> Tuple[Dict[str, Any], str]: ...
    async def by_code(self, code: str) -> Optional[Dict[str, Any]]: ...
    async def by_host(self, host_key: str) -> Optional[Dict[str, Any]]: ...
    async def of_conversation(self, conversation_id: str) -> Optional[Dict[str, Any]]: ...
    async def join(self, room_id: str, conversation_id: str) -> None: ...
    async def record(self, room_id: str, conversation_id: str, question: str, answer: str) -> None: ...
    async def answers(self, room_id: str) -> List[Tuple[str, str, str]]: ...
    async def member_count(self, room_id: str) -> int: ...
    async def hide_word(self, room_id: str, folded: str) -> None: ...
    async def hidden_words(self, room_id: str) -> Set[str]: ...
    async def version(self, room_id: str) -> Optional[Dict[str, Any]]: ...
    async def reveal(self, room_id: str, revealed: bool) -> None: ...
    async def close_room(self, room_id: str) -> None: ...
    async def delete(self, room_id: str) -> None: ...
    async def forget_member(self, conversation_id: str) -> None: ...
    async def expired(self) -> List[str]: ...
