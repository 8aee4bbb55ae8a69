"""Measured speed-ups for Rasa 3.6, installed in the Rasa process with the model.

Profiling Rasa under load (bench/, py-spy) showed about half of its CPU time in
`RemoteAction._validate_action_result`: for every action server answer (two or
three per turn here) it calls `jsonschema.validate`, which first re-checks the
large, constant events schema against the JSON Schema meta-schema and then builds
a new validator. Here the schema is checked once and the validator kept; answers
are validated exactly as before, and an invalid one goes through Rasa's own code,
so its error and message are unchanged.
"""
from __future__ import annotations

from typing import Any, Dict

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    cache: Dict[str, Any] = {}

    def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        validator = cache.get("validator")
        if validator is None:
            schema = self.action_response_format_spec()
            kind = validator_for(schema)
            kind.check_schema(schema)
            validator = cache["validator"] = kind(schema)
        try:
            validator.validate(result)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error and message

    RemoteAction._validate_action_result = validate_action_result
    _installed = True
