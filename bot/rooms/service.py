"""Rooms as the routes use them: finding a room by code or host key, its links, what it shows, and what a participant's answers give it."""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional

from aiohttp import web

from bot import keys
from bot.rooms import results as room_results
from bot.rooms.store import CODE_ALPHABET, CODE_LENGTH, live_state
from bot.web.errors import ApiError
from bot.web.input import retry_after
from bot.web.proxies import TRUSTED

HOST_KEY = re.compile(r"^[A-Za-z0-9_-]{32}$")

log = logging.getLogger("trivsel.rooms")


SHARE_KEY = re.compile(r"^[a-z_]{1,20}(:[a-z_]{1,20})?$")


SHARE_MAX_CHARS = 60


def normalise_code(value: Any) -> str:
    """What a participant typed as the code: any case, spaces and dashes allowed."""
    if not isinstance(value, str):
        return ""
    return re.sub(r"[\s-]", "", value).upper()[:20]


def _gone(state: str) -> ApiError:
    if state == "closed":
        return ApiError(
            410, "room_closed", "This room is closed. Thank you for taking part; the conversation itself is still yours to use."
        )
    return ApiError(410, "room_expired", "This room has expired and its results have been deleted.")


async def joinable(request: web.Request, code_value: Any) -> Dict[str, Any]:
    """The open room with this code. Unknown codes are rate-limited per client, against guessing."""
    misses = request.app[keys.CODE_MISS_LIMITER]
    client = request.remote or "unknown"
    wait = await misses.waiting(client)
    if wait:
        raise ApiError(
            429,
            "too_many_tries",
            "Too many wrong codes. Please wait a moment and check the code on the screen.",
            retry_after=retry_after(wait),
        )
    code = normalise_code(code_value)
    room = None
    if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code):
        room = await request.app[keys.ROOMS].by_code(code)
    if room is None:
        await misses.take(client)
        raise ApiError(404, "room_not_found", "There is no room with that code. Check the code on the shared screen.")
    state = live_state(room)
    if state != "open":
        raise _gone(state)
    return room


async def room_of_host(request: web.Request, key: Any) -> Optional[Dict[str, Any]]:
    if not isinstance(key, str) or not HOST_KEY.match(key):
        return None
    return await request.app[keys.ROOMS].by_host(key)


async def hosted(request: web.Request) -> Dict[str, Any]:
    room = await room_of_host(request, request.match_info["key"])
    if room is None:
        raise ApiError(404, "room_not_found", "There is no room for this host link. It may have expired or been deleted.")
    return room


def links(request: web.Request, room: Dict[str, Any], host_key: Optional[str] = None) -> Dict[str, str]:
    out = {"join_url": join_url(request, room["code"]), "qr_url": f"/api/v1/rooms/{room['code']}/qr.svg"}
    if host_key:
        base = f"/api/v1/hosted/{host_key}"
        out.update(
            host_url=f"/host/{host_key}",
            host_key=host_key,
            events_url=f"{base}/events",
            summary_url=f"{base}/summary.pdf",
            csv_url=f"{base}/results.csv",
            reveal_url=f"{base}/reveal",
            close_url=f"{base}/close",
        )
    return out


def join_url(request: web.Request, code: str) -> str:
    settings = request.app[keys.SETTINGS]
    # A Host header is believed only from a trusted proxy or the machine itself; anyone else
    # gets links to where the gateway listens (set TRIVSEL_PUBLIC_URL on the internet).
    own = f"{request.scheme}://{request.host}" if request.get(TRUSTED) else f"http://{settings.host}:{settings.port}"
    return f"{(settings.public_url or own).rstrip('/')}/r/{code}"


async def results(request: web.Request, room: Dict[str, Any], for_screen: bool = True) -> Dict[str, Any]:
    return await results_of(request.app[keys.ROOMS], room, for_screen)


async def results_of(store, room: Dict[str, Any], for_screen: bool = True) -> Dict[str, Any]:
    """The room's results; on screen (and in its live feed) only once the host has revealed them,
    in the host's own downloads (`for_screen` False) always."""
    return room_results.compute(
        room,
        await store.answers(room["id"]),
        await store.member_count(room["id"]),
        live_state(room),
        frozenset(await store.hidden_words(room["id"])),
        revealed=room.get("revealed", True) or not for_screen,
    )


async def record_shares(request: web.Request, conversation_id: str, shares: List[Dict[str, Any]]) -> None:
    """Counts what a participant's answer gives their room (if it is still open).

    Rasa has already taken the answer: if the room's store is out, the conversation goes on
    and the room misses this answer (counted in trivsel_room_answers_lost), rather than the
    participant being told to send again what Rasa already has.
    """
    store = request.app[keys.ROOMS]
    try:
        room = await store.of_conversation(conversation_id)
        if room is None or live_state(room) != "open":
            return
        for share in shares:
            key, value = share.get("key"), share.get("value")
            if isinstance(key, str) and SHARE_KEY.match(key) and isinstance(value, str) and 0 < len(value) <= SHARE_MAX_CHARS:
                await store.record(room["id"], conversation_id, key, value)
                request.app[keys.METRICS].room_answers.inc()
    except store.outage_errors as error:
        log.warning("a room answer was not recorded: %s", type(error).__name__)
        request.app[keys.METRICS].room_answers_lost.inc()


async def prepared_for(request: web.Request, host_key: Any) -> Dict[str, Any]:
    """The aggregate a preparation room hands to the host's Værktøj 2 conversation."""
    room = await room_of_host(request, host_key)
    if room is None:  # as for any unknown key: the widget then says so instead of retrying
        raise ApiError(404, "room_not_found", "There is no room for this host key. It may have expired or been deleted.")
    if room["warmup"] != "prep":
        raise ApiError(422, "invalid_prepared", "`prepared` must be the host key of a preparation room.")
    return room_results.prepared(await results(request, room, for_screen=False))


async def within_open_rooms(request: web.Request, client: str) -> None:
    """A cap on the rooms one address holds open: what one client can make the store keep.

    Rooms closed, deleted or expired since no longer count; an office or a conference on one
    address can still run many at once.
    """
    cap = request.app[keys.SETTINGS].open_rooms_per_address
    opened, store = request.app[keys.OPEN_ROOMS], request.app[keys.ROOMS]
    held = await opened.held(client)
    if len(held) < cap:
        return
    ended = []
    for room_id in held:
        current = await store.version(room_id)
        if current is None or live_state(current) != "open":
            ended.append(room_id)
    await opened.drop(client, ended)
    if len(held) - len(ended) >= cap:
        raise ApiError(
            429,
            "too_many_open_rooms",
            f"{cap} rooms are already open from this network. Close a room you no longer need "
            "(on its host page), then open a new one.",
        )
