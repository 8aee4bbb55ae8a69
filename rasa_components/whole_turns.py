"""A turn is applied whole or not at all when the action server drops out.

Rasa 3.6 carries on when a custom action cannot reach the action server: it logs the
error, drops that action's events and goes on predicting, then stores the turn and the
REST channel answers 200 with whatever was said before the failure. A leader's "/skip"
was then acknowledged ("Fint – så arbejder vi videre") while the form never moved on,
and their next answer was stored under the question they had just skipped.

Here such a failure ends the turn instead: nothing of it is stored (the tracker is
saved only when the turn completes), and the channel's reply carries a marker the
gateway reads as "not handled; send it again" (HTTP 503 to the widget, which resends
with the same Idempotency-Key). An action that ran and failed in our own code (the
action server answers 500) still goes Rasa's way: resending would fail the same way.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar
from typing import Any, Dict, List, Optional

from rasa_components import fence

# What the REST channel's reply carries when the turn was not applied (bot/conversations/replies.py).
TURN_FAILED = {"turn_failed": True}
# The names of the action server calls cut off in the step running now (None outside a step).
_cut_off: ContextVar[Optional[List[str]]] = ContextVar("cut_off", default=None)
_installed = False
# The Rasa functions wrapped here (rasa_components/fence.py): the tests hash their source.
PATCHED = (
    "rasa.core.actions.action:RemoteAction.run",
    "rasa.core.processor:MessageProcessor._run_action",
    "rasa.core.processor:MessageProcessor.run_action_extract_slots",
)
_sources: Dict[str, str] = {}  # PATCHED's source as Rasa shipped it, taken before install()


class RasaNotFenced(fence.Refusal):
    """Another Rasa release than the one these wrappers were read against."""


class TurnNotApplied(Exception):
    """The action server could not be reached mid-turn; the turn is dropped, not stored."""


def unreachable(error: BaseException) -> bool:
    """The action server never answered: refused, cut off mid-answer or timed out."""
    import aiohttp

    seen = set()
    cause: Any = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, aiohttp.ClientResponseError):
            return cause.status in (502, 503, 504)
        if isinstance(cause, (aiohttp.ClientConnectionError, asyncio.TimeoutError, ConnectionError)):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def source_hashes() -> Dict[str, str]:
    """sha256 of the source of each Rasa function in PATCHED, as Rasa ships it."""
    return fence.source_hashes(PATCHED, _sources)


def install() -> None:
    """Wraps Rasa's action runs, on the Rasa release they were read against only. Unlike the
    speed-ups this is no option: on another release Rasa's own code would store half a turn
    (and shift the next answer), so the engine refuses to start until someone has read the
    new release's code against this module and updated fence.RASA_VERSION and the tests' hashes."""
    global _installed
    if _installed:
        return
    running = fence.running_rasa()
    if running != fence.RASA_VERSION:
        raise RasaNotFenced(
            f"rasa_components/whole_turns.py was written for Rasa {fence.RASA_VERSION}, this is Rasa {running}: "
            "read the new release's RemoteAction.run and MessageProcessor._run_action / run_action_extract_slots "
            "against it, then update RASA_VERSION in rasa_components/fence.py and the hashes in tests/actions/test_whole_turns.py"
        )
    _sources.update(fence.sources(PATCHED))
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor

    rasa_remote_run = RemoteAction.run

    async def remote_run(self, output_channel, nlg, tracker, domain):
        try:
            return await rasa_remote_run(self, output_channel, nlg, tracker, domain)
        except Exception as error:
            noted = _cut_off.get()
            if noted is not None and unreachable(error):
                noted.append(self.name())
            raise  # Rasa's own handling first: it catches everything and carries on

    def ending_the_turn(rasa_step, sender_of):
        """`rasa_step` run as Rasa runs it; if any action server call in it was cut off, the
        turn ends right after, outside Rasa's catch-all, so the tracker is never saved."""

        async def step(self, *args, **kwargs):
            token = _cut_off.set([])
            try:
                result = await rasa_step(self, *args, **kwargs)
                cut_off = _cut_off.get()
            finally:
                _cut_off.reset(token)
            if cut_off:
                output_channel, sender = sender_of(*args)
                await output_channel.send_custom_json(sender, TURN_FAILED)
                raise TurnNotApplied()
            return result

        return step

    RemoteAction.run = remote_run
    # _run_action(action, tracker, output_channel, ...) runs each predicted action, forms included
    # (a form calls its validation action from inside); run_action_extract_slots(output_channel,
    # tracker) runs the slot mappings right after the message.
    MessageProcessor._run_action = ending_the_turn(
        MessageProcessor._run_action, lambda action, tracker, output_channel, *_: (output_channel, tracker.sender_id)
    )
    MessageProcessor.run_action_extract_slots = ending_the_turn(
        MessageProcessor.run_action_extract_slots, lambda output_channel, tracker, *_: (output_channel, tracker.sender_id)
    )
    _installed = True
