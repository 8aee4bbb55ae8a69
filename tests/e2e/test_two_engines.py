"""Two Rasa + action server pairs on one SQLite file and in-process locks: what `make run`
starts on a machine with two cores. Each conversation keeps to its own pair; when that
Rasa server stops, the other one takes the conversation on from the shared store."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load import LEADER_SCRIPT
from bot.conversations.engine import EngineClient
from launcher.running import RunningStack
from tests.support.client import Api, pdf_text
from tests.support.walkthrough import assert_in_pdf

pytestmark = pytest.mark.e2e
TYPED = [step for step in LEADER_SCRIPT if not step.startswith("/")]


@pytest.fixture(scope="module")
def pair_stack(tmp_path_factory):
    running = RunningStack(tmp_path_factory.mktemp("two-engines"), engines=2, engine_log="quiet")
    running.start()
    yield running
    running.stop()


def started_on(api: Api, stack: RunningStack, server: int) -> str:
    """A new conversation whose own Rasa server is the given one."""
    routing = EngineClient(stack.settings.rasa_urls, "", [])
    while True:
        cid = api.start("leader", "da")["id"]
        if routing.servers_for(cid)[0] == stack.settings.rasa_urls[server]:
            return cid


def whole_conversation(api: Api, cid: str) -> str:
    for step in LEADER_SCRIPT:
        reply = api.tap(cid, step) if step.startswith("/") else api.say(cid, step)
    assert reply["state"] == "completed"
    document = next(m["document"] for m in reply["messages"] if "document" in m)
    status, pdf, _ = api.call("GET", document["url"])
    assert status == 200
    assert_in_pdf(pdf_text(pdf), TYPED)
    return cid


def test_conversations_side_by_side_on_both_pairs_each_end_in_their_pdf(pair_stack):
    api = Api(pair_stack.base)
    cids = [started_on(api, pair_stack, i % 2) for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda cid: whole_conversation(api, cid), cids))
    for cid in cids:
        status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
        said = [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
        for text in TYPED:
            assert said.count(text) == 1, (text, said)


def test_when_a_conversations_rasa_stops_the_other_pair_carries_on(pair_stack):
    api = Api(pair_stack.base)
    cid = started_on(api, pair_stack, 0)
    api.tap(cid, LEADER_SCRIPT[0])
    api.tap(cid, LEADER_SCRIPT[1])
    before = api.say(cid, "Før stoppet: søndagene er fri")
    pair_stack.engine.stop_process("rasa0")
    try:
        after = api.say(cid, "Efter stoppet: telefonen om aftenen")
        assert after["progress"]["step"] == before["progress"]["step"] + 1  # went on where it was
        status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
        said = [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
        assert said.count("Før stoppet: søndagene er fri") == 1 and said.count("Efter stoppet: telefonen om aftenen") == 1
    finally:
        pair_stack.engine.start_rasa(0)
        pair_stack.engine.wait_ready()
    # Back on its own server, which reads what the other one stored.
    again = api.say(cid, "Tilbage: lydløs efter kl. 19")
    assert again["progress"]["step"] == before["progress"]["step"] + 2
