"""The deployed shape (tests/deploy/deployed.py): the images as the manifests run them, and a
crash of each kind of container mid-conversation, after which every answer is where it belongs.
Run by `make deploy-test` only (it needs the images and podman)."""

from __future__ import annotations

import json
import threading
import time
from typing import Any, Dict

import pytest

from deploy.podman import play as kube
from tests.deploy.deployed import Deployed, podman
from tests.support.resending_client import LEADER_ANSWERS_UNDER, FastClient, talk_side_by_side
from tests.support.walkthrough import answers_not_under_their_labels, leader_script

pytestmark = pytest.mark.deploy
KINDS = ("gateway", "rasa", "actions")


MEBI = {"Mi": 2**20, "Gi": 2**30}


@pytest.mark.parametrize("kind", KINDS)
def test_each_container_runs_as_the_manifests_say(deployed: Deployed, kind):
    docs = kube.manifests()
    deployment = kube.find(docs, "Deployment", "trivsel-gateway" if kind == "gateway" else "trivsel-engine")
    (container,) = [c for c in kube.containers(deployment) if c["name"] == ("gateway" if kind == "gateway" else kind)]
    memory = container["resources"]["limits"]["memory"]
    for i in range(2):
        name = deployed.container(kind, i)
        # non-root (the pod's securityContext and the image's user agree)
        assert podman("exec", name, "id", "-u") == str(deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"])
        # the open-file limit raised to the hard limit by the entrypoint, in the running process
        limits = podman("exec", name, "cat", "/proc/1/limits")
        soft, hard = next(line.split()[3:5] for line in limits.splitlines() if line.startswith("Max open files"))
        assert soft == hard and int(soft) > 1024, limits
        # the manifest's memory limit is the container's
        assert int(podman("inspect", "--format", "{{.HostConfig.Memory}}", name)) == int(memory[:-2]) * MEBI[memory[-2:]]
        # the image's own health check (podman replaces it by the liveness probe, which it runs
        # with curl, which the images do not have; Kubernetes runs the probes itself)
        podman("exec", name, "python", "/app/deploy/images/healthcheck.py")


class Remembering(FastClient):
    """FastClient (tests/scaleout) that keeps the last reply: the finished one, with its documents."""

    last: Dict[str, Any]

    def send(self, cid: str, body: dict) -> dict:
        self.last = super().send(cid, body)
        return self.last


@pytest.mark.timeout(900)
def test_crashing_a_gateway_a_rasa_and_an_action_server_mid_conversation_loses_no_answer(deployed: Deployed):
    """Eight leaders talk through nginx while one gateway, one Rasa server and one action server
    crash in turn (each started again by its restart policy); every answer is then once in the
    transcript, once in the saved file, and under its own question in the PDF."""
    clients = [Remembering([deployed.base]) for _ in range(8)]
    threads, results, errors = talk_side_by_side(clients)
    measured: Dict[str, float] = {}  # container -> seconds from its crash to ready again
    watchers = []

    def back(kind: str, i: int, crashed: float) -> None:
        time.sleep(1)  # ready means started again, not not-yet-gone
        deployed.wait_ready(kind, i)
        measured[f"{kind}{i}"] = round(time.monotonic() - crashed, 1)

    try:
        for turns, (kind, i) in ((3, ("gateway", 0)), (7, ("rasa", 1)), (11, ("actions", 0))):
            deadline = time.monotonic() + 180
            while min(c.answered for c in clients) < turns and time.monotonic() < deadline:
                time.sleep(0.05)  # mid-conversation: every leader this many turns in, none finished
            restarts = deployed.restarts(kind, i)
            deployed.crash(kind, i)
            watchers.append((kind, i, restarts, threading.Thread(target=back, args=(kind, i, time.monotonic()))))
            watchers[-1][-1].start()
    finally:
        for t in threads:
            t.join(600)
        for _, _, _, watcher in watchers:
            watcher.join(300)
    print(f"\nseconds from a crash to ready again: {measured}; resends: {sum(c.resends for c in clients)}")
    for kind, i, restarts, _ in watchers:  # each started again by its restart policy, as the kubelet would
        assert deployed.restarts(kind, i) == restarts + 1 and f"{kind}{i}" in measured, (kind, i)
    if errors:
        pytest.fail("\n\n".join(errors), pytrace=False)
    assert sum(c.resends for c in clients) > 0, "the crashes never reached a leader: the test proved nothing"
    typed = [s for s in leader_script() if not s.startswith("/")]
    for client, result in zip(clients, results):
        cid = result["id"]
        status, transcript, _ = client.other_call("GET", f"/api/v1/conversations/{cid}")
        assert status == 200 and transcript["state"] == "completed"
        said = [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
        assert [s for s in said if s in typed] == typed, f"{cid[:6]}…: each answer once, in order: {said}"
        (document,) = [m["document"] for m in client.last["messages"] if "document" in m and "save_url" in m["document"]]
        status, saved, _ = client.other_call("GET", document["save_url"])
        assert status == 200
        flat = json.dumps(saved, ensure_ascii=False)
        assert all(flat.count(json.dumps(a, ensure_ascii=False)[1:-1]) == 1 for a in typed), flat
        assert not answers_not_under_their_labels(result["pdf"], LEADER_ANSWERS_UNDER), cid
