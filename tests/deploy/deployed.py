"""The deployed shape for `make deploy-test`: the images run from the Kubernetes manifests by
`podman kube play` (the file deploy/podman/play.py writes), two gateways and two engine pairs on
PostgreSQL and Redis, behind Debian's nginx with TLS. A pytest plugin (`-p tests.deploy.deployed`): with it, the
end-to-end tests' `stack` and `api` (tests/conftest.py) are this shape, reached through nginx.

Ports (host networking: each replica its own): gateways 18210-11, Rasa 18220-21, action servers
18230-31, nginx 18243. PostgreSQL: a database of its own on the machine's server; Redis: db 13.
Its pods and podman secret are named with a prefix of its own (PREFIX), so it never touches an
operator's deployment (default prefix `trivsel`) on the same machine.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from deploy.podman import play as kube
from launcher.running import PG, sql
from tests.support.nginx import tls_proxy
from tests.support.probes import answers

ROOT = kube.ROOT
PODMAN = str(ROOT / "scripts" / "images" / "podman.sh")
GATEWAYS = [18210, 18211]
RASAS = [18220, 18221]
ACTIONS = [18230, 18231]
PROXY = 18243
LOGS = ROOT / "var" / "deploy-test"  # each container's log after a run
PREFIX = "trivsel-deploytest"
REDIS = os.environ.get("TRIVSEL_TEST_DEPLOY_REDIS", "redis://127.0.0.1:6379/13")


def podman(*args: str, check: bool = True) -> str:
    done = subprocess.run([PODMAN, *args], capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def logs(container: str, lines: int = 30) -> str:
    done = subprocess.run([PODMAN, "logs", "--tail", str(lines), container], capture_output=True, text=True)
    return done.stdout + done.stderr


@dataclass
class Deployed:
    """What the e2e tests' `stack` offers them (`base`), and what the kill test needs."""

    base: str
    home: Path
    play: Path
    rasa_token: str
    started_s: Dict[str, float] = field(default_factory=dict)  # pod -> seconds from `kube play` to ready

    @staticmethod
    def container(kind: str, i: int) -> str:
        return kube.pod_container(PREFIX, kind, i)

    def ready(self, kind: str, i: int) -> bool:
        """As the readiness probes and the gateway's /readyz ask: Rasa with its model loaded."""
        if kind == "rasa":
            return answers(f"http://127.0.0.1:{RASAS[i]}/status?token={self.rasa_token}", needs="model_file")
        return answers(f"http://127.0.0.1:{GATEWAYS[i]}/readyz" if kind == "gateway" else f"http://127.0.0.1:{ACTIONS[i]}/health")

    def crash(self, kind: str, i: int) -> None:
        """Kills the container's process as a crash would (SIGKILL from outside, not `podman kill`,
        which podman takes as an operator's stop): podman's restart policy (Always, from the
        Deployment) starts it again, as the kubelet would."""
        pid = podman("inspect", "--format", "{{.State.Pid}}", self.container(kind, i))
        os.kill(int(pid), 9)

    def restarts(self, kind: str, i: int) -> int:
        return int(podman("inspect", "--format", "{{.RestartCount}}", self.container(kind, i)))

    def wait_ready(self, kind: str, i: int, timeout_s: float = 240) -> float:
        started = time.monotonic()
        while not self.ready(kind, i):
            if time.monotonic() - started > timeout_s:
                raise AssertionError(
                    f"{self.container(kind, i)} not ready after {timeout_s:.0f}s:\n{logs(self.container(kind, i))}"
                )
            time.sleep(0.25)
        return time.monotonic() - started


@pytest.fixture(scope="session")
def deployed(tmp_path_factory) -> Iterator[Deployed]:
    home = tmp_path_factory.mktemp("deployed")
    database = f"trivsel_deploy_{uuid.uuid4().hex[:10]}"
    sql(f"{PG}/postgres", f'CREATE DATABASE "{database}"')
    subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], check=True, capture_output=True)
    tokens = {"rasa-token": "deploy-" + uuid.uuid4().hex, "ops-token": "ops-" + uuid.uuid4().hex}
    docs = kube.for_podman(
        prefix=PREFIX,
        gateway_ports=GATEWAYS,
        rasa_ports=RASAS,
        action_ports=ACTIONS,
        redis_url=REDIS,
        public_url=f"https://localhost:{PROXY}",
        # the e2e suite starts conversations and fetches documents faster than leaders do, all
        # from one address (the proxy's clients are this machine)
        settings={
            name: "100000"
            for name in (
                "TRIVSEL_MESSAGES_PER_MINUTE",
                "TRIVSEL_CONVERSATIONS_PER_MINUTE",
                "TRIVSEL_CONVERSATIONS_BURST",
                "TRIVSEL_DOWNLOADS_PER_MINUTE",
                "TRIVSEL_ROOMS_PER_MINUTE",
                "TRIVSEL_OPEN_ROOMS_PER_ADDRESS",
                "TRIVSEL_CODE_MISSES_PER_MINUTE",
            )
        },
    )
    play = kube.write(docs, home / "play.yaml")
    podman("kube", "down", str(play), check=False)  # what an interrupted run left (its own pods only)
    kube.create_secret(PREFIX, {**tokens, "database-url": f"{PG}/{database}"}, replace=True, podman_command=PODMAN)
    started = time.monotonic()
    try:
        podman("kube", "play", str(play))
        stack = Deployed(base=f"https://localhost:{PROXY}", home=home, play=play, rasa_token=tokens["rasa-token"])
        # Engines first (the gateways' /readyz waits for them); each pod's time from `kube play`.
        for kind in ("actions", "rasa", "gateway"):
            for i in range(2):
                stack.wait_ready(kind, i, timeout_s=300)
                stack.started_s[f"{kind}{i}"] = round(time.monotonic() - started, 1)
        with tls_proxy(home, PROXY, [f"127.0.0.1:{p}" for p in GATEWAYS]) as base:
            os.environ["SSL_CERT_FILE"] = str(home / "cert.pem")  # the tests' client trusts the proxy
            stack.base = base
            stack.started_s["proxy"] = round(time.monotonic() - started, 1)
            print(f"\ndeployed shape ready, seconds from `podman kube play`: {stack.started_s}")
            yield stack
    finally:
        os.environ.pop("SSL_CERT_FILE", None)
        LOGS.mkdir(parents=True, exist_ok=True)  # kept for a failure's story
        for kind, i in [(k, i) for k in ("gateway", "rasa", "actions") for i in range(2)]:
            (LOGS / f"{kind}{i}.log").write_text(logs(Deployed.container(kind, i), 2000), encoding="utf-8")
        kube.down(PREFIX, play, podman_command=PODMAN)
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True)
        sql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def leader_said(transcript: dict) -> List[str]:
    return [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
