"""Schemathesis fuzzes the public API from its OpenAPI description: no 5xx, every response as described."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.client import Api

# Some valid-looking requests are refused on purpose (a follow-up file of another tool, a tool
# a partner does not offer); the schema cannot say so. Everything else is checked.
CONTEXT_RULES = [positive_data_acceptance]

pytestmark = pytest.mark.e2e


def operations(stack):
    status, spec, _ = Api(stack.base).call("GET", "/api/v1/openapi.json")
    assert status == 200
    schema = schemathesis.openapi.from_dict(spec)
    schema.config.update(base_url=stack.base)
    return [result.ok() for result in schema.get_all_operations()]


def test_no_5xx_and_responses_match_the_description(stack):
    ops = operations(stack)
    assert len(ops) >= 10
    for operation in ops:
        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):
            case.call_and_validate(excluded_checks=CONTEXT_RULES)

        fuzz()
