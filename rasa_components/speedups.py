"""Measured speed-ups for Rasa 3.6, installed in the Rasa process with the model.

Each one keeps Rasa's behaviour and replaces only work it repeats needlessly;
profiling Rasa under load (bench/, cProfile) found them:

- `RemoteAction._validate_action_result`: for every action server answer Rasa calls
  `jsonschema.validate`, which re-checks the large, constant events schema against
  the meta-schema, builds a new validator, and then tries every event against all
  23 kinds of event (about 5 ms an answer). Here the validators are built once and
  each event is checked against the kind its name picks, which is the same verdict;
  an invalid answer still goes through Rasa's own code, so its error is unchanged.
- `Event.resolve_by_type`: every event read from the tracker store looks its class
  up by walking all Event subclasses (with `inspect.isabstract` on each), about a
  tenth of Rasa's time. Here the lookup is a dict, rebuilt when a name is missing.
- `Slot.__copy__`: every new tracker copies every slot of the domain (about 150
  here, several trackers per turn); `copy.copy`'s generic reduce protocol was
  another tenth. A slot's attributes are plain values, so a dict copy suffices.
- `DaskGraphRunner.run`: each message runs two or three small graphs (NLU, policy)
  through dask, rebuilding the pruned graph each time and formatting a debug line
  that holds the whole graph schema, even with debug logging off. Here the pruned
  graph is kept per target and its nodes are called in dependency order: the same
  nodes with the same inputs.
- `ActionExtractSlots.run`: after every message Rasa tries every slot mapping of the
  domain (two per question here, 250 in all), though all but the asked question's
  are ruled out by their `active_loop`/`requested_slot` conditions. Here the slots
  whose every mapping those conditions rule out are left out first.
- `DialogueStateTracker.copy` and `FormAction._temporary_tracker`: each turn copies
  the tracker three times by replaying all its events into a new one. A tracker's
  state is what its events made it, so here the state itself is copied (slots,
  loop and latest action as fresh objects; events, messages and slot values shared,
  as replaying shares them). A tracker with a restart among its events is still
  replayed, as Rasa does, since its temporary tracker starts after the restart.
- `EndpointConfig.session`: each call to the action server opened a new HTTP
  session and TCP connection and closed it again. Here one session per endpoint
  settings is kept, so connections to the action server are reused.
- `MessageProcessor._parse_message_with_graph`: a button's payload ("/choose{...}")
  went through tokenizer, featurizers and classifier, whose findings the pipeline's
  last node (RegexMessageHandler) then replaces with the payload's intent and
  entities. Here a payload with a known intent goes straight to that last step.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Dict, List, Optional, Tuple, Type

from rasa_components import fence, settings

log = logging.getLogger(__name__)
# The release these were written against (rasa_components/fence.py). Any other release gets
# Rasa's own code (with a warning): a patched internal may have changed its meaning.
RASA_VERSION = fence.RASA_VERSION
# What each speed-up replaces or relies on, as "module:qualified.name". The tests hash the
# source of each, so a Rasa whose patched code changed fails loudly before anything runs.
PATCHED = (
    "rasa.core.actions.action:RemoteAction._validate_action_result",
    "rasa.shared.core.events:Event.resolve_by_type",
    "rasa.shared.core.slots:Slot.__init__",
    "rasa.engine.runner.dask:DaskGraphRunner.run",
    "rasa.core.actions.action:ActionExtractSlots.run",
    "rasa.shared.core.trackers:DialogueStateTracker.copy",
    "rasa.core.actions.forms:FormAction._temporary_tracker",
    "rasa.utils.endpoints:EndpointConfig.session",
    "rasa.core.processor:MessageProcessor._parse_message_with_graph",
)

_installed = False
_sources: Dict[str, str] = {}  # PATCHED's source as Rasa shipped it, taken before install()
# Rasa's own functions, as they were before install(): tests compare against them.
ORIGINALS: Dict[str, Any] = {}


def _event_validators(schema: Dict[str, Any]) -> Tuple[Any, Dict[str, Any]]:
    """The answer's schema without its events, and one validator per event name.

    Rasa's schema checks each event against a `oneOf` of every event kind, each kind
    pinned by `event: {const: name}`: an event is valid exactly when it is valid for
    the kind its name picks, so checking that one kind gives the same verdict.
    """
    from jsonschema.validators import validator_for

    kind = validator_for(schema)
    kind.check_schema(schema)
    items = schema["properties"]["events"]["items"]
    common = {k: v for k, v in items.items() if k != "oneOf"}
    by_name = {alt["properties"]["event"]["const"]: kind({**common, "allOf": [alt]}) for alt in items["oneOf"]}
    return kind(schema), by_name


def _per_event(by_name: Dict[str, Any], events: Any) -> Optional[List[Tuple[Any, Any]]]:
    """(its kind's validator, event) for each event; None unless `events` is a list of events
    whose every `event` names a kind."""
    if not isinstance(events, list):
        return None
    checks = []
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        validator = by_name.get(name) if isinstance(name, str) else None
        if validator is None:
            return None
        checks.append((validator, event))
    return checks


def _cached_action_result_validation() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    original = ORIGINALS["validate_action_result"] = RemoteAction._validate_action_result
    cache: Dict[str, Any] = {}

    def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        if "whole" not in cache:
            cache["whole"], cache["events"] = _event_validators(self.action_response_format_spec())
        whole, by_name = cache["whole"], cache["events"]
        try:
            checks = _per_event(by_name, result.get("events") if isinstance(result, dict) else None)
            if checks is None:
                whole.validate(result)  # not one kind per event: the full check
            else:
                whole.validate({**result, "events": []})
                for validator, event in checks:
                    validator.validate(event)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error and message

    RemoteAction._validate_action_result = validate_action_result


def _event_classes_by_name() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = ORIGINALS["resolve_by_type"] = Event.resolve_by_type
    by_name: Dict[str, Type[Event]] = {}

    def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        found = by_name.get(type_name)
        if found is None:
            # First use, or a class defined since: Rasa's own walk, remembered. The first
            # subclass with the name wins, as in Rasa's loop.
            by_name.clear()
            for cls in reversed(all_subclasses(Event)):
                by_name[cls.type_name] = cls
            found = by_name.get(type_name)
        return found if found is not None else original(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _plain_slot_copy() -> None:
    from rasa.shared.core.slots import Slot

    def copy_slot(self: Slot) -> Slot:
        new = self.__class__.__new__(self.__class__)
        new.__dict__.update(self.__dict__)
        return new

    Slot.__copy__ = copy_slot


def _plain_graph_runs() -> None:
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    ORIGINALS["graph_run"] = DaskGraphRunner.run

    def run(
        self: DaskGraphRunner, inputs: Optional[Dict[str, Any]] = None, targets: Optional[List[str]] = None
    ) -> Dict[str, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        plans = self.__dict__.setdefault("_trivsel_plans", {})
        plan = plans.get(tuple(run_targets))
        if plan is None:
            schema = self._graph_schema.minimal_graph_schema(run_targets)
            plan = plans[tuple(run_targets)] = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
        # What dask's graph held: each input as (name, value), each node's result as (name, output).
        results: Dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and (value in plan or value in results):
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                    f"names passed to the `run` method are the same as node names in the graph schema."
                )
            results[name] = (name, value)

        def result(name: str) -> Any:
            if name not in results:
                if name not in plan:
                    return name  # as dask: a name that is no key is passed as it is
                results[name] = self._instantiated_nodes[name](*(result(need) for need in plan[name]))
            return results[name]

        try:
            return dict(result(target) for target in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    DaskGraphRunner.run = run


def _extract_only_fillable_slots() -> None:
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.shared.core.constants import ACTIVE_LOOP, MAPPING_CONDITIONS, MAPPING_TYPE, REQUESTED_SLOT
    from rasa.shared.core.slot_mappings import SlotMappingType

    original = ORIGINALS["extract_slots"] = ActionExtractSlots.run
    trigger = str(SlotMappingType.FROM_TRIGGER_INTENT)
    # Per domain: each slot with the (active_loop, requested_slot) pairs its mappings' conditions allow,
    # or None when some mapping has no conditions (or is from_trigger_intent) and so always counts.
    plans: Dict[int, Tuple[Any, List[Tuple[Any, Any]]]] = {}

    def conditions(slot: Any) -> Optional[List[Tuple[Any, Any]]]:
        pairs: List[Tuple[Any, Any]] = []
        for m in slot.mappings:
            if not m.get(MAPPING_CONDITIONS) or m.get(MAPPING_TYPE) == trigger:
                return None
            pairs += [(c.get(ACTIVE_LOOP), c.get(REQUESTED_SLOT)) for c in m[MAPPING_CONDITIONS]]
        return pairs if slot.mappings else None

    def plan(domain: Any) -> List[Tuple[Any, Any]]:
        kept = plans.get(id(domain))
        if kept is None or kept[0] is not domain.slots:
            rows = [(slot, conditions(slot)) for slot in domain.slots]
            kept = plans[id(domain)] = (domain.slots, rows)
        return kept[1]

    def may_fill(pairs: Any, slot_name: str, loop: Any, requested: Any, rejected: bool) -> bool:
        # Rasa's `_matches_mapping_conditions`, for all of a slot's mappings at once.
        if pairs is None:
            return True
        if rejected and requested == slot_name:
            return False
        return any(
            (active_loop and active_loop == loop and (not wanted or wanted == requested))
            or (active_loop is None and loop is None)
            for active_loop, wanted in pairs
        )

    async def run(self: ActionExtractSlots, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        loop, requested, rejected = tracker.active_loop_name, tracker.get_slot(REQUESTED_SLOT), tracker.is_active_loop_rejected
        fillable = [slot for slot, pairs in plan(domain) if may_fill(pairs, slot.name, loop, requested, rejected)]
        if len(fillable) < len(domain.slots):
            domain = copy.copy(domain)
            domain.slots = fillable
        return await original(self, output_channel, nlg, tracker, domain)

    ActionExtractSlots.run = run


def _state_copies() -> None:
    from collections import deque

    from rasa.core.actions.forms import FormAction
    from rasa.shared.constants import DEFAULT_SENDER_ID
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import ActionExecuted, Restarted, SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    ORIGINALS["tracker_copy"] = DialogueStateTracker.copy
    original_temporary = ORIGINALS["temporary_tracker"] = FormAction._temporary_tracker

    def copy_state(tracker: DialogueStateTracker, sender_id: str, max_event_history: Optional[int]) -> DialogueStateTracker:
        """What replaying the tracker's events into a new tracker gives, without replaying them."""
        new = DialogueStateTracker.__new__(DialogueStateTracker)
        new.__dict__.update(tracker.__dict__)
        new.sender_id, new._max_event_history = sender_id, max_event_history
        new.sender_source, new.model_id, new.assistant_id = None, None, None
        new.events = deque(tracker.events, max_event_history)
        slots = type(tracker.slots)()
        for name, slot in tracker.slots.items():
            slots[name] = slot.__copy__()
        new.slots = slots
        new.latest_action = dict(tracker.latest_action) if tracker.latest_action is not None else None
        new.active_loop = copy.copy(tracker.active_loop)
        return new

    def tracker_copy(self: DialogueStateTracker) -> DialogueStateTracker:
        return copy_state(self, self.sender_id or DEFAULT_SENDER_ID, self._max_event_history)

    def temporary_tracker(
        self: FormAction, current_tracker: DialogueStateTracker, additional_events: List[Any], domain: Any
    ) -> DialogueStateTracker:
        if any(isinstance(e, Restarted) for e in current_tracker.events) or current_tracker.is_rule_tracker:
            return original_temporary(self, current_tracker, additional_events, domain)
        tracker = copy_state(current_tracker, current_tracker.sender_id, None)
        for event in [
            SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
            ActionExecuted(self.name()),
            *additional_events,
        ]:
            tracker.update(event)
        return tracker

    DialogueStateTracker.copy = tracker_copy
    FormAction._temporary_tracker = temporary_tracker


class _KeptSession:
    """`async with` gives the kept session and leaves it open."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *_: Any) -> None:
        return None


def _kept_http_sessions() -> None:
    import asyncio

    import aiohttp
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
    from rasa.utils.endpoints import EndpointConfig

    ORIGINALS["endpoint_session"] = EndpointConfig.session
    kept: Dict[Tuple[Any, ...], Any] = {}

    def session(self: EndpointConfig) -> Any:
        key = (id(asyncio.get_running_loop()), tuple(sorted(self.headers.items())), tuple(sorted(self.basic_auth.items())))
        found = kept.get(key)
        if found is None or found.closed:
            auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
            # Idle connections close after 2 s, before the action server's 5 s keep-alive ends them.
            found = kept[key] = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=2),
            )
        return _KeptSession(found)

    EndpointConfig.session = session


def _button_payloads_without_nlu() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.shared.constants import INTENT_MESSAGE_PREFIX
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
    from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    original = ORIGINALS["parse_message_with_graph"] = MessageProcessor._parse_message_with_graph

    def parse(self: MessageProcessor, message: Any, tracker: Any, only_output_properties: bool = True) -> Dict[str, Any]:
        text = message.text
        if isinstance(text, str) and text.strip().startswith(INTENT_MESSAGE_PREFIX):
            converted = Message({TEXT: text})
            # What the pipeline's last node, RegexMessageHandler, makes of it: for a known
            # intent a new message that keeps nothing the components before it found.
            unpacked = YAMLStoryReader.unpack_regex_message(converted, self.domain, entity_extractor_name="RegexMessageHandler")
            if unpacked is not converted:
                parse_data = {TEXT: "", INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, ENTITIES: []}
                parse_data.update(unpacked.as_dict(only_output_properties=only_output_properties))
                return parse_data
        return original(self, message, tracker, only_output_properties)

    MessageProcessor._parse_message_with_graph = parse


def _resolve(target: str) -> Any:
    return fence.resolve(target)


def source_hashes() -> Dict[str, str]:
    """sha256 of the source of each Rasa function in PATCHED, as Rasa ships it."""
    return fence.source_hashes(PATCHED, _sources)


def wanted() -> bool:
    """TRIVSEL_SPEEDUPS=off runs Rasa's own code everywhere (to compare, or to rule us out)."""
    return settings.load().speedups


def install() -> bool:
    """Installs every speed-up once; False (and Rasa's own code) when switched off or on another Rasa."""
    global _installed
    if _installed:
        return True
    if not wanted():
        log.info("speed-ups off (TRIVSEL_SPEEDUPS): Rasa's own code runs")
        return False
    running = fence.running_rasa()
    if running != RASA_VERSION:
        log.warning("speed-ups written for Rasa %s, this is Rasa %s: not installed, Rasa's own code runs", RASA_VERSION, running)
        return False
    _sources.update(fence.sources(PATCHED))
    _cached_action_result_validation()
    _event_classes_by_name()
    _plain_slot_copy()
    _plain_graph_runs()
    _extract_only_fillable_slots()
    _state_copies()
    _kept_http_sessions()
    _button_payloads_without_nlu()
    _installed = True
    return True
