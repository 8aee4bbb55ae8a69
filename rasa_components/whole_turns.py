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
from typing import Any, List, Optional

# What the REST channel's reply carries when the turn was not applied (bot/conversations/replies.py).
TURN_FAILED = {"turn_failed": True}
# The names of the action server calls cut off in the step running now (None outside a step).
_cut_off: ContextVar[Optional[List[str]]] = ContextVar("cut_off", default=None)
_installed = False


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


def install() -> None:
    global _installed
    if _installed:
        return
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
