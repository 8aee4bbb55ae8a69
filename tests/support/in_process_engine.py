"""The trained model and our real actions in this process: an action server on a test port, and
one turn of a conversation as the REST channel runs it (tests that need Rasa's own message
handling without starting servers)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, AsyncIterator

from aiohttp import web
from aiohttp.test_utils import TestServer
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


@contextlib.asynccontextmanager
async def engine(actions: ActionServer) -> AsyncIterator[Any]:
    """The trained model's agent, its actions served by `actions` on a test port."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    app = web.Application()
    app.router.add_post("/webhook", actions.webhook)
    server = TestServer(app)
    await server.start_server()
    try:
        yield Agent.load(str(MODEL), action_endpoint=EndpointConfig(str(server.make_url("/webhook"))))
    finally:
        await server.close()


async def turn(agent, sender: str, text: str):
    """(what the bot said, the error if the turn failed) for one message."""
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    out = CollectingOutputChannel()
    try:
        await agent.handle_message(UserMessage(text, out, sender))
        return out.messages, None
    except Exception as error:  # the REST channel catches it the same way and answers what was collected
        return out.messages, error
