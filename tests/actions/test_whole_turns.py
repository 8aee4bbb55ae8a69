"""A turn the action server drops out of is not stored half-done (rasa_components/whole_turns.py).

The trained model and our real actions, behind an action server in this process that can be
made to drop the connection at a chosen call, as a killed action server does.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web
from aiohttp.client_reqrep import ConnectionKey, RequestInfo
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from rasa_components import fence, whole_turns
from tests.support.in_process_engine import ActionServer, engine, turn


class DroppingActionServer(ActionServer):
    """Runs our actions; the call numbered `drop_at` in the next turn has its connection cut."""

    def __init__(self):
        super().__init__()
        self.drop_at = None

    async def webhook(self, request: web.Request) -> web.StreamResponse:
        if self.drop_at == len(self.calls) + 1:
            body = await request.json()
            self.calls.append(body["next_action"])
            assert request.transport is not None  # the request is being answered
            request.transport.close()  # as a killed process: no answer, the connection gone
            raise ConnectionResetError
        return await super().webhook(request)


def texts(messages):
    return [m["text"] for m in messages if m.get("text")]


def test_a_turn_cut_off_mid_way_is_not_stored_and_the_resend_applies_it_once():
    whole_turns.install()

    async def scenario():
        actions = DroppingActionServer()
        async with engine(actions) as agent:
            await turn(agent, "s1", '/start{"tool": "leader", "language": "da"}')
            await turn(agent, "s1", '/choose{"value": "yes"}')
            await turn(agent, "s1", '/choose{"value": "recovery"}')
            _, error = await turn(agent, "s1", "Søndagene er fri")
            assert error is None
            stored = len((await agent.tracker_store.retrieve("s1")).events)

            # "/skip" runs the form, the skip, then the form again; the server dies before the last.
            actions.calls.clear()
            actions.drop_at = 3
            messages, error = await turn(agent, "s1", "/skip")
            assert isinstance(error, whole_turns.TurnNotApplied)
            assert messages[-1].get("custom") == whole_turns.TURN_FAILED  # the gateway answers 503: send it again
            assert len((await agent.tracker_store.retrieve("s1")).events) == stored  # nothing of the turn kept

            actions.calls.clear()
            actions.drop_at = None
            messages, error = await turn(agent, "s1", "/skip")
            assert error is None
            said = texts(messages)
            assert said[0].startswith("Helt i orden") and said[1] == "Hvad af det har du selv indflydelse på?", said
            tracker = await agent.tracker_store.retrieve("s1")
            assert [e for e in tracker.events if getattr(e, "text", None) == "/skip"].__len__() == 1

    asyncio.run(scenario())


# What aiohttp gives its errors for a call to the action server (aiohttp 3.9's fields).
WEBHOOK = URL("http://127.0.0.1:5055/webhook")
ACTION_SERVER = ConnectionKey("127.0.0.1", 5055, False, True, None, None, None)
WEBHOOK_CALL = RequestInfo(WEBHOOK, "POST", CIMultiDictProxy(CIMultiDict()), WEBHOOK)


@pytest.mark.parametrize(
    "error, verdict",
    [
        (aiohttp.ServerDisconnectedError(), True),
        (aiohttp.ClientConnectorError(ACTION_SERVER, OSError(111, "refused")), True),
        (asyncio.TimeoutError(), True),
        (aiohttp.ClientResponseError(WEBHOOK_CALL, (), status=503), True),
        (aiohttp.ClientResponseError(WEBHOOK_CALL, (), status=500), False),  # our action raised: a resend fails alike
        (ValueError("a bug in an action"), False),
    ],
)
def test_only_an_unreachable_action_server_ends_the_turn(error, verdict):
    from rasa.shared.exceptions import RasaException

    try:
        try:
            raise error
        except Exception as cause:
            raise RasaException("Failed to execute custom action") from cause
    except RasaException as wrapped:
        assert whole_turns.unreachable(wrapped) is verdict


# sha256 of each Rasa function whole_turns wraps, as Rasa 3.6.21 ships it (whole_turns.PATCHED).
RASA_SOURCES = {
    "rasa.core.actions.action:RemoteAction.run": "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e",
    "rasa.core.processor:MessageProcessor._run_action": "6d383d0179ef1187639887289168959a5a82f94e6949e4e27bb83b2165094995",
    "rasa.core.processor:MessageProcessor.run_action_extract_slots": "ff52049be97dde87e33df55dc527c3775da1321de226142b1e20435e99e595c5",
}


def test_no_wrapped_rasa_function_has_changed_its_source():
    changed = fence.changed(whole_turns.source_hashes(), RASA_SOURCES)
    assert not changed, (
        f"Rasa's source changed under whole turns: {changed}. Read the new code, adapt "
        "rasa_components/whole_turns.py and its tests, then update RASA_SOURCES."
    )


def test_another_rasa_release_is_refused_with_a_clear_message(monkeypatch):
    from rasa.core.processor import MessageProcessor

    before = MessageProcessor._run_action
    monkeypatch.setattr(whole_turns, "_installed", False)
    monkeypatch.setattr(fence, "running_rasa", lambda: "3.7.0")
    with pytest.raises(whole_turns.RasaNotFenced, match="written for Rasa 3.6.21, this is Rasa 3.7.0"):
        whole_turns.install()
    assert MessageProcessor._run_action is before  # nothing wrapped
