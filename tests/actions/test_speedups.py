"""Each speed-up in rasa_components/speedups.py gives what Rasa's own code gives."""

from __future__ import annotations

import asyncio
import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExtractSlots, RemoteAction
from rasa.core.channels import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from rasa_components import fence, speedups

speedups.install()
ROOT = Path(__file__).resolve().parents[2]

VALID = [
    {
        "events": [
            {"event": "slot", "name": "a", "value": {"x": 1}, "timestamp": None},
            {"event": "active_loop", "name": "tool_form"},
            {"event": "bot", "text": "Hej", "data": {"custom": {"progress": {"step": 1}}}},
            {"event": "followup", "name": "action_finish"},
        ],
        "responses": [{"text": "Hej", "buttons": [{"title": "Ja", "payload": "/choose"}]}],
    },
    {"events": [], "responses": []},
]
INVALID = [
    {"events": [{"event": "slot", "name": 5}], "responses": []},
    {"events": [{"event": "slot", "name": "x"}], "responses": []},  # no value
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": [{"event": "user", "text": 3}], "responses": []},
    {"events": [{"event": "bot", "text": "x", "timestamp": "late"}], "responses": []},
    {"events": [5], "responses": []},
    {"events": [{"name": "x"}], "responses": []},
    {"events": "x", "responses": []},
    {"events": [], "responses": "x"},
]


@pytest.mark.parametrize("result", VALID)
def test_a_valid_action_answer_passes_as_with_rasa(result):
    action = RemoteAction("validate_tool_form", None)
    assert speedups.ORIGINALS["validate_action_result"](action, result)
    assert action._validate_action_result(result)


@pytest.mark.parametrize("result", INVALID)
def test_an_invalid_action_answer_fails_as_with_rasa(result):
    action = RemoteAction("validate_tool_form", None)
    with pytest.raises(ValidationError):
        speedups.ORIGINALS["validate_action_result"](action, copy.deepcopy(result))
    with pytest.raises(ValidationError):
        action._validate_action_result(result)


def test_every_event_name_resolves_to_the_class_rasa_finds():
    original = speedups.ORIGINALS["resolve_by_type"]
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is original(cls.type_name)
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered


def test_a_copied_slot_is_independent():
    slot = TextSlot("name", mappings=[{"type": "from_text"}], initial_value="a", influence_conversation=False)
    copied = copy.copy(slot)
    copied.value = "b"
    assert (slot.value, copied.value, copied.name, copied.mappings) == ("a", "b", "name", slot.mappings)
    assert type(copied) is TextSlot and copied.has_been_set and not slot.has_been_set


class Add(GraphComponent):
    """A graph node that adds its config's number to what it is given."""

    def __init__(self, config: Dict[str, Any]) -> None:
        self.number = config["number"]

    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> Add:
        return cls(config)

    def add(self, **given: Any) -> int:
        return self.number + sum(given.values())


def test_graph_runs_give_what_dask_gives(tmp_path):
    def node(number: int, needs: Dict[str, str]) -> SchemaNode:
        return SchemaNode(needs=needs, uses=Add, constructor_name="create", fn="add", config={"number": number})

    schema = GraphSchema(
        {
            "a": node(1, {"x": "__input__"}),
            "b": node(10, {"x": "a"}),
            "c": node(100, {"x": "a", "y": "b"}),
            "unused": node(1000, {"x": "__input__"}),
        }
    )
    runner = DaskGraphRunner.create(schema, LocalModelStorage(tmp_path), ExecutionContext(schema, "m"), [])
    original = speedups.ORIGINALS["graph_run"]
    for targets in (["c"], ["b", "c"], ["a"]):
        assert runner.run({"__input__": 5}, targets) == original(runner, {"__input__": 5}, targets)
    assert runner.run({"__input__": 5}, ["c"]) == {"c": 100 + 6 + 16}


def run_extract(run, tracker: DialogueStateTracker, domain: Domain):
    action = ActionExtractSlots(None)
    return asyncio.run(
        run(action, CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses), tracker, domain)
    )


@pytest.mark.parametrize(
    "intent, entities", [("answer", []), ("choose", [{"entity": "value", "value": "support"}]), ("help", [])]
)
def test_extracting_slots_sets_what_rasa_sets(intent, entities):
    domain = Domain.load(str(ROOT / "domain"))
    asked = next(s.name for s in domain.slots if s.name.startswith("leader_") and s.mappings)
    from rasa.shared.core.events import ActionExecutionRejected

    asking = [ActiveLoop("tool_form"), SlotSet("requested_slot", asked)]
    for before in (asking, [], asking + [ActionExecutionRejected("tool_form")]):
        tracker = DialogueStateTracker.from_events(
            "t",
            [
                ActionExecuted("action_listen"),
                *before,
                UserUttered("Søndagene er fri", {"name": intent, "confidence": 1.0}, entities),
            ],
            slots=domain.slots,
        )
        ours = run_extract(ActionExtractSlots.run, tracker, domain)
        rasas = run_extract(speedups.ORIGINALS["extract_slots"], tracker, domain)
        assert [(e.type_name, e.key, e.value) for e in ours] == [(e.type_name, e.key, e.value) for e in rasas]
        if before == asking and intent != "help":
            assert [e.key for e in ours] == [asked]  # the answer fills the asked question, and only it


def state(tracker: DialogueStateTracker):
    """Everything a tracker holds that replaying its events sets."""
    return (
        tracker.sender_id,
        tracker.sender_source,
        tracker.model_id,
        tracker._max_event_history,
        tracker.is_rule_tracker,
        [e.as_dict() for e in tracker.events],
        {name: (type(s), s.value, s.has_been_set) for name, s in tracker.slots.items()},
        tracker.active_loop,
        tracker.latest_action,
        tracker.followup_action,
        tracker.is_paused(),
        tracker.latest_message,
        tracker.latest_bot_utterance,
        sorted(vars(tracker)),
    )


def conversation(domain: Domain) -> DialogueStateTracker:
    from rasa.shared.core.events import ActionExecutionRejected, BotUttered, FollowupAction, LoopInterrupted, SessionStarted

    asked = [s.name for s in domain.slots if s.name.startswith("leader_") and s.mappings][:2]
    tracker = DialogueStateTracker.from_events(
        "t",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            SlotSet("language", "da"),
            ActionExecuted("action_listen"),
            UserUttered("/start", {"name": "start", "confidence": 1.0}),
            ActionExecuted("tool_form"),
            ActiveLoop("tool_form"),
            SlotSet("requested_slot", asked[0]),
            BotUttered("Første spørgsmål", {"custom": {"progress": 1}}),
            ActionExecuted("action_listen"),
            UserUttered("Søndagene", {"name": "answer", "confidence": 0.9}),
            SlotSet(asked[0], "Søndagene"),
            ActionExecutionRejected("tool_form"),
            LoopInterrupted(True),
            FollowupAction("action_control"),
            ActionExecuted("tool_form"),
            SlotSet("requested_slot", asked[1]),
        ],
        slots=domain.slots,
    )
    tracker.model_id = "model"
    return tracker


def test_a_tracker_copy_is_what_replaying_its_events_gives():
    domain = Domain.load(str(ROOT / "domain"))
    tracker = conversation(domain)
    ours, rasas = tracker.copy(), speedups.ORIGINALS["tracker_copy"](tracker)
    assert state(ours) == state(rasas)
    # The copy is its own: changing it leaves the tracker as it was.
    before = state(tracker)
    ours.update(SlotSet("language", "en"))
    ours.active_loop.rejected = True
    ours.latest_action["action_name"] = "changed"
    assert state(tracker) == before


def test_the_forms_temporary_tracker_is_what_rasa_builds():
    from rasa.core.actions.forms import FormAction

    domain = Domain.load(str(ROOT / "domain"))
    tracker = conversation(domain)
    form = FormAction("tool_form", None)
    extra = [SlotSet("language", "en")]
    ours = form._temporary_tracker(tracker, extra, domain)
    rasas = speedups.ORIGINALS["temporary_tracker"](form, tracker, extra, domain)
    strip = lambda s: s[:5] + ([{k: v for k, v in e.items() if k != "timestamp"} for e in s[5]],) + s[6:]  # noqa: E731
    assert strip(state(ours)) == strip(state(rasas))
    assert tracker.get_slot("language") == "da" and ours.get_slot("language") == "en"


def test_calls_to_the_action_server_reuse_one_connection():
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    async def go():
        peers = []

        async def answer(request):
            peers.append(request.transport.get_extra_info("peername"))
            return web.json_response({"events": [], "responses": []})

        app = web.Application()
        app.router.add_post("/webhook", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            results = [await endpoint.request(json={"n": i}, method="post") for i in range(3)]
        finally:
            await runner.cleanup()
        return results, peers

    results, peers = asyncio.run(go())
    assert results == [{"events": [], "responses": []}] * 3
    assert len(peers) == 3 and len(set(peers)) == 1


MODEL = ROOT / "models" / "trivsel.tar.gz"


def test_a_button_payload_is_parsed_as_the_whole_pipeline_parses_it():
    import os

    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage

    if not MODEL.exists():
        assert os.environ.get("CI") != "true", "CI trains the model before these tests"
        pytest.skip("needs the trained model (make train)")
    processor = Agent.load(str(MODEL)).processor
    tracker = DialogueStateTracker.from_events("t", [], slots=processor.domain.slots)
    for text in [
        '/choose{"value": "support"}',
        "/skip",
        '/start{"tool": "leader", "language": "da"}',
        " /help ",
        "/no_such_intent",
        "/choose{broken",
        "Søndagene er fri",
        "/ not a payload",
    ]:
        message = UserMessage(text, sender_id="t")
        ours = processor._parse_message_with_graph(message, tracker)
        rasas = speedups.ORIGINALS["parse_message_with_graph"](processor, message, tracker)
        assert ours == rasas, text


# sha256 of each patched Rasa function's source as Rasa 3.6.21 ships it (speedups.PATCHED).
RASA_SOURCES = {
    "rasa.core.actions.action:RemoteAction._validate_action_result": "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42",
    "rasa.shared.core.events:Event.resolve_by_type": "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968",
    "rasa.shared.core.slots:Slot.__init__": "54ca1ec6b580be6d21a183b19a7a9d7593dfa11c3cd9886d088e164d74c2becf",
    "rasa.engine.runner.dask:DaskGraphRunner.run": "45f0f52f574f3aa9546a552bf671183e171092c18b66e97f5771a7fa295de37e",
    "rasa.core.actions.action:ActionExtractSlots.run": "13487835d751b652cc5a06b980d704a47df32160ab4ac2ef3e17c6b0347b89ca",
    "rasa.shared.core.trackers:DialogueStateTracker.copy": "dfa48dca9f355ad1b42c625bc6f6370bafe83514ed17a77904ed64c67bf07285",
    "rasa.core.actions.forms:FormAction._temporary_tracker": "381bc4b6e07fc205a4189558635d11392464a81d89499188542246f8376d8ee7",
    "rasa.utils.endpoints:EndpointConfig.session": "e55aa13d9d4fb4bc440ac33b870a97ee162b76dda7ccb6bf68433567475fdffb",
    "rasa.core.processor:MessageProcessor._parse_message_with_graph": "0bd50a53b5c013af8458cbefe5dbcbd5c02c82a671a841b1947b3e8964e5c3d1",
}


def test_no_patched_rasa_function_has_changed_its_source():
    changed = fence.changed(speedups.source_hashes(), RASA_SOURCES)
    assert not changed, (
        f"Rasa's source changed under these speed-ups: {changed}. Read the new code, adapt the "
        "speed-up in rasa_components/speedups.py and its test, then update RASA_SOURCES."
    )


def _installed_in_fresh_process(env_extra: Dict[str, str], before: str = "") -> str:
    script = (
        before + "from rasa_components import speedups\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "installed = speedups.install()\n"
        "print('RESULT', installed, RemoteAction._validate_action_result.__module__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env_extra},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split("RESULT", 1)[1].strip() + "\n" + done.stderr


def test_speedups_are_installed_on_the_rasa_they_were_written_for():
    assert _installed_in_fresh_process({}).startswith("True rasa_components.speedups")


def test_speedups_off_leaves_rasas_own_code():
    assert _installed_in_fresh_process({"TRIVSEL_SPEEDUPS": "off"}).startswith("False rasa.core.actions.action")


def test_another_rasa_release_gets_its_own_code_and_a_warning():
    out = _installed_in_fresh_process({}, before="import rasa.version\nrasa.version.__version__ = '3.6.22'\n")
    assert out.startswith("False rasa.core.actions.action")
    assert "speed-ups written for Rasa 3.6.21, this is Rasa 3.6.22" in out
