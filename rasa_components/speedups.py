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
"""
from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional, Text, Tuple, Type

_installed = False
# Rasa's own functions, as they were before install(): tests compare against them.
ORIGINALS: Dict[str, Any] = {}


def _event_validators(schema: Dict[str, Any]) -> Tuple[Any, Dict[Text, Any]]:
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
            events = result.get("events") if isinstance(result, dict) else None
            picked = [by_name.get(e.get("event")) if isinstance(e, dict) and isinstance(e.get("event"), str) else None
                      for e in events] if isinstance(events, list) else [None]
            if None in picked:
                whole.validate(result)  # not one kind per event: the full check
            else:
                whole.validate({**result, "events": []})
                for validator, event in zip(picked, events):
                    validator.validate(event)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error and message

    RemoteAction._validate_action_result = validate_action_result


def _event_classes_by_name() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = ORIGINALS["resolve_by_type"] = Event.resolve_by_type
    by_name: Dict[Text, Type[Event]] = {}

    def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
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

    def run(self: DaskGraphRunner, inputs: Optional[Dict[Text, Any]] = None,
            targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        plans = self.__dict__.setdefault("_trivsel_plans", {})
        plan = plans.get(tuple(run_targets))
        if plan is None:
            schema = self._graph_schema.minimal_graph_schema(run_targets)
            plan = plans[tuple(run_targets)] = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
        # What dask's graph held: each input as (name, value), each node's result as (name, output).
        results: Dict[Text, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and (value in plan or value in results):
                raise GraphRunError(f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                                    f"names passed to the `run` method are the same as node names in the graph schema.")
            results[name] = (name, value)

        def result(name: Text) -> Any:
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
    from rasa.shared.core.slot_mappings import SlotMappingType
    from rasa.shared.core.constants import MAPPING_CONDITIONS, MAPPING_TYPE

    original = ORIGINALS["extract_slots"] = ActionExtractSlots.run
    trigger = str(SlotMappingType.FROM_TRIGGER_INTENT)

    def conditions_rule_out(slot: Any, tracker: Any) -> bool:
        # Rasa skips such a mapping at `_verify_mapping_conditions`, before anything else happens with it.
        return all(
            m.get(MAPPING_CONDITIONS) and m.get(MAPPING_TYPE) != trigger
            and not ActionExtractSlots._matches_mapping_conditions(m, tracker, slot.name)
            for m in slot.mappings
        )

    async def run(self: ActionExtractSlots, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Any]:
        fillable = [slot for slot in domain.slots if not slot.mappings or not conditions_rule_out(slot, tracker)]
        if len(fillable) < len(domain.slots):
            domain = copy.copy(domain)
            domain.slots = fillable
        return await original(self, output_channel, nlg, tracker, domain)

    ActionExtractSlots.run = run


def install() -> None:
    global _installed
    if _installed:
        return
    _cached_action_result_validation()
    _event_classes_by_name()
    _plain_slot_copy()
    _plain_graph_runs()
    _extract_only_fillable_slots()
    _installed = True
