"""The trained model and our real actions in this process: an action server on a test port, and
one turn of a conversation as the REST channel runs it (tests that need Rasa's own message
handling without starting servers)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from rasa_sdk.executor import ActionExecutor

MODEL = Path(__file__).resolve().parents[2] / "models" / "trivsel.tar.gz"  # `make test` trains it first


class ActionServer:
    """Runs our actions (the action server's webhook), noting each action asked for."""

    def __init__(self):
        self.executor = ActionExecutor()
        self.executor.register_package("actions")
        self.calls = []

    async def webhook(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.calls.append(body["next_action"])
        return web.json_response(await self.executor.run(body))


async def turn(agent, sender: str, text: str):
    """(what the bot said, the error if the turn failed) for one message."""
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    out = CollectingOutputChannel()
    try:
        await agent.handle_message(UserMessage(text, out, sender))
        return out.messages, None
    except Exception as error:  # the REST channel catches it the same way and answers what was collected
        return out.messages, error
