"""Shared fixtures: the real stack (action server, Rasa, gateway) on free ports."""

from __future__ import annotations

import pytest

from launcher.running import RunningStack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    running = RunningStack(tmp_path_factory.mktemp("stack"))
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def api(stack):
    from tests.support.client import Api

    return Api(stack.base)
