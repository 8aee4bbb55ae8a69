"""Shared fixtures: the real stack (action server, Rasa, gateway) on free ports, or with
`-p tests.deploy.deployed` the deployed shape (tests/deploy/deployed.py)."""

from __future__ import annotations

import pytest

from launcher.running import RunningStack


@pytest.fixture(scope="session")
def stack(request, tmp_path_factory):
    if request.config.pluginmanager.has_plugin("tests.deploy.deployed"):
        # `make deploy-test`: the images from the Kubernetes manifests, behind nginx (its `base`)
        yield request.getfixturevalue("deployed")
        return
    running = RunningStack(tmp_path_factory.mktemp("stack"))
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def api(stack):
    from tests.support.client import Api

    return Api(stack.base)
