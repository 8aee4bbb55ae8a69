"""The images as an operator runs them (`make images-test`, after `make images`; not in `make test`).

An engine pair (the engine image twice: `actions` and `rasa`) and a gateway (the gateway image),
started with podman (scripts/images/podman.sh: host network) against the machine's PostgreSQL
(a database of their own) and Redis (db 12), with no launcher: each configured by TRIVSEL_*
variables only. Ports 18150-18152. Start-up times and image sizes go to var/images-test/report.txt.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from typing import Dict, Iterator, List

import pytest

from launcher.running import PG, ROOT, sql
from tests.support.client import Api, button, pdf_text
from tests.support.probes import answers
from tests.support.walkthrough import assert_in_pdf, leader_script

PODMAN = str(ROOT / "scripts" / "images" / "podman.sh")
VERSION = os.environ.get("TRIVSEL_IMAGE_TAG", "latest")
GATEWAY_IMAGE = f"localhost/trivsel-gateway:{VERSION}"
ENGINE_IMAGE = f"localhost/trivsel-engine:{VERSION}"
RASA_PORT, ACTION_PORT, GATEWAY_PORT = 18150, 18151, 18152
REDIS = os.environ.get("TRIVSEL_TEST_IMAGES_REDIS", "redis://127.0.0.1:6379/12")
OUT = ROOT / "var" / "images-test"
USER_ID = "10001"  # the images' user (deploy/images/*.Containerfile)


def podman(*args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run([PODMAN, *args], capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"podman {' '.join(args[:3])}...: {done.stderr.strip()[-2000:]}")
    return done


def wait_until(what: str, check, container: str, started: float, timeout_s: float = 300) -> float:
    """Seconds from `started` until `check()` holds; fails with the container's log if it exits or time runs out."""
    while not check():
        state = podman("inspect", "--format", "{{.State.Status}}", container, check=False).stdout.strip()
        if state not in ("running", "created", "configured"):
            raise AssertionError(f"{container} is {state} before {what}:\n{logs(container)}")
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{what} not after {timeout_s:.0f}s:\n{logs(container)}")
        time.sleep(0.5)
    return time.monotonic() - started


def logs(container: str) -> str:
    done = podman("logs", "--tail", "40", container, check=False)
    return done.stdout + done.stderr


def run(name: str, image: str, env: Dict[str, str], *command: str) -> None:
    # No health check timer: podman runs them through systemd, which this machine has not;
    # the tests run the image's HEALTHCHECK themselves (podman healthcheck run).
    args = ["run", "-d", "--name", name, "--health-interval", "disable"]
    for key, value in env.items():
        args += ["-e", f"{key}={value}"]
    podman(*args, image, *command)


class Deployment:
    def __init__(self, database: str):
        tag = uuid.uuid4().hex[:8]
        self.actions, self.rasa, self.gateway = (f"trivsel-imgtest-{tag}-{n}" for n in ("actions", "rasa", "gateway"))
        self.token = "image-test-" + uuid.uuid4().hex
        self.database = database
        self.base = f"http://127.0.0.1:{GATEWAY_PORT}"
        self.timings: Dict[str, float] = {}

    @property
    def containers(self) -> List[str]:
        return [self.actions, self.rasa, self.gateway]

    def start(self) -> None:
        engine = {"TRIVSEL_RASA_TOKEN": self.token, "TRIVSEL_REDIS_URL": REDIS}
        started = time.monotonic()
        run(self.actions, ENGINE_IMAGE, {**engine, "TRIVSEL_ACTION_PORT": str(ACTION_PORT)}, "actions")
        run(
            self.rasa,
            ENGINE_IMAGE,
            {
                **engine,
                "TRIVSEL_RASA_HOST": "127.0.0.1",  # host network here: not on the machine's other addresses
                "TRIVSEL_RASA_PORT": str(RASA_PORT),
                "TRIVSEL_ACTION_URLS": f"http://127.0.0.1:{ACTION_PORT}",
                "TRIVSEL_TRACKER_DB": self.database,
            },
            "rasa",
        )
        rasa_status = f"http://127.0.0.1:{RASA_PORT}/status?token={self.token}"
        self.timings["engine: action server answers /health"] = wait_until(
            "the action server", lambda: answers(f"http://127.0.0.1:{ACTION_PORT}/health"), self.actions, started
        )
        self.timings["engine: Rasa has its model (/status)"] = wait_until(
            "Rasa's model", lambda: answers(rasa_status, "model_file"), self.rasa, started
        )
        started = time.monotonic()
        run(
            self.gateway,
            GATEWAY_IMAGE,
            {
                "TRIVSEL_PORT": str(GATEWAY_PORT),
                "TRIVSEL_RASA_URLS": f"http://127.0.0.1:{RASA_PORT}",
                "TRIVSEL_ACTION_URLS": f"http://127.0.0.1:{ACTION_PORT}",
                "TRIVSEL_RASA_TOKEN": self.token,
                "TRIVSEL_TRACKER_DB": self.database,
                "TRIVSEL_GATEWAY_DB": self.database,
                "TRIVSEL_REDIS_URL": REDIS,
            },
        )
        self.timings["gateway: /readyz ready"] = wait_until(
            "the gateway's /readyz", lambda: answers(self.base + "/readyz"), self.gateway, started
        )

    def stop(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        for name in self.containers:
            (OUT / f"{name.rsplit('-', 1)[1]}.log").write_text(logs(name), encoding="utf-8")
            podman("rm", "-f", "-t", "10", name, check=False)

    def processes(self, container: str) -> Dict[str, List[str]]:
        """The container's own processes (not the shell that asks): pid -> its real, effective,
        saved and filesystem user ids."""
        script = (
            'for d in /proc/[0-9]*; do [ "${d#/proc/}" = $$ ] && continue;'
            ' c=$(tr "\\0" " " < $d/cmdline 2>/dev/null); case "$c" in *python*) ;; *) continue;; esac;'
            ' echo "${d#/proc/} $(grep ^Uid: $d/status | cut -f2-)"; done'
        )
        found = {}
        for line in podman("exec", container, "sh", "-c", script).stdout.splitlines():
            pid, *uids = line.split()
            found[pid] = uids
        return found

    def proc(self, container: str, pid: str, file: str) -> str:
        return podman("exec", container, "cat", f"/proc/{pid}/{file}").stdout


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    for image in (GATEWAY_IMAGE, ENGINE_IMAGE):
        if podman("image", "exists", image, check=False).returncode != 0:
            pytest.fail(f"{image} is missing: `make images-test` builds it first (make images)")
    database_name = f"trivsel_images_{uuid.uuid4().hex[:10]}"
    sql(f"{PG}/postgres", f'CREATE DATABASE "{database_name}"')
    deployed = Deployment(f"{PG}/{database_name}")
    try:
        deployed.start()
        yield deployed
    finally:
        deployed.stop()
        sql(f"{PG}/postgres", f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True)
        report(deployed)


def report(deployed: Deployment) -> None:
    sizes = podman(
        "images", "--filter", "reference=localhost/trivsel-*", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}", check=False
    ).stdout
    lines = [f"{what}: {seconds:.1f} s" for what, seconds in deployed.timings.items()]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.txt").write_text("Start-up to ready\n  " + "\n  ".join(lines) + "\nImages\n  " + sizes.replace("\n", "\n  "))


def test_the_gateway_is_ready_with_every_part_of_the_engine(deployment: Deployment):
    with urllib.request.urlopen(deployment.base + "/readyz", timeout=5) as response:
        ready = json.load(response)
    assert ready["ready"] is True
    assert ready["checks"] and all(ready["checks"].values()), ready


def test_a_whole_conversation_through_the_gateway_ends_in_its_pdf_with_the_tracker_in_postgresql(deployment: Deployment):
    api = Api(deployment.base)
    cid = api.start("leader", "da")["id"]
    reply = None
    for step in leader_script():
        reply = api.tap(cid, step) if step.startswith("/") else api.say(cid, step)
    assert reply is not None
    done = api.tap(cid, button(reply, "lav dokumentet"))
    url = next(m["document"]["url"] for m in done["messages"] if "document" in m)
    status, pdf, _ = api.call("GET", url)
    assert status == 200
    assert_in_pdf(pdf_text(pdf), [s for s in leader_script() if not s.startswith("/")])
    events = sql(deployment.database, "SELECT count(*) FROM events WHERE sender_id = $1", cid)
    assert events[0][0] > 50  # Rasa in its container stored the whole conversation in PostgreSQL


def test_every_process_in_every_container_runs_as_the_images_user_not_root(deployment: Deployment):
    for container in deployment.containers:
        processes = deployment.processes(container)
        # the gateway's PDF workers are processes of their own
        assert len(processes) >= (3 if container == deployment.gateway else 1), (container, processes)
        for pid, uids in processes.items():
            assert uids == [USER_ID] * 4, (container, pid, uids)


def test_the_open_file_limit_is_raised_to_the_hard_limit(deployment: Deployment):
    for container in deployment.containers:
        limits = deployment.proc(container, "1", "limits")
        line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        soft, hard = line.split()[3:5]
        assert soft == hard and int(soft) > 1024, (container, line)
    # The entrypoint does it: started with the common default of 1,024 it raises the soft limit.
    for image in (GATEWAY_IMAGE, ENGINE_IMAGE):
        done = podman(
            "run", "--rm", "--health-interval", "disable", "--entrypoint", "sh", image,
            "-c", 'ulimit -S -n 1024 && /app/deploy/images/entrypoint.sh sh -c "ulimit -S -n; ulimit -H -n"',
        )  # fmt: skip
        soft, hard = done.stdout.split()
        assert soft == hard and int(soft) > 1024, (image, done.stdout)


def test_the_images_hold_no_compiler_pip_test_tools_or_package_lists():
    for image in (GATEWAY_IMAGE, ENGINE_IMAGE):
        config = json.loads(podman("image", "inspect", image).stdout)[0]
        assert config["Config"]["User"].split(":")[0] == USER_ID
        assert "/app/deploy/images/healthcheck.py" in " ".join(config["Healthcheck"]["Test"])
        found = podman(
            "run", "--rm", "--health-interval", "disable", "--entrypoint", "sh", image, "-c",
            "command -v gcc cc pip pip3; ls /opt/venv/bin | grep -x 'pip.*\\|pytest'; find /var/lib/apt/lists /root/.cache -type f 2>/dev/null;"
            " python -c 'import pytest' 2>/dev/null && echo pytest; true",
        ).stdout.split()  # fmt: skip
        assert found == [], (image, found)


def test_the_health_checks_pass_and_fail_when_the_action_server_is_gone(deployment: Deployment):
    for container in deployment.containers:
        done = podman("healthcheck", "run", container, check=False)
        assert done.returncode == 0, (container, done.stdout, done.stderr, logs(container))
    # Last: the action server stops; its pair's check and the gateway's (/readyz) say not ready.
    podman("stop", "-t", "10", deployment.actions)
    deadline = time.monotonic() + 30
    while podman("healthcheck", "run", deployment.gateway, check=False).returncode == 0:
        assert time.monotonic() < deadline, "the gateway's health check still passes without an action server"
        time.sleep(1)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(deployment.base + "/readyz", timeout=5)
    assert refused.value.code == 503
    assert podman("healthcheck", "run", deployment.rasa, check=False).returncode == 0  # Rasa itself is fine


def test_a_stopped_container_ends_within_the_grace_period(deployment: Deployment):
    """SIGTERM reaches the process as the container's first process: no SIGKILL after 10 s."""
    for container in (deployment.gateway, deployment.rasa):
        started = time.monotonic()
        podman("stop", "-t", "20", container)
        assert time.monotonic() - started < 15, container
        code = podman("inspect", "--format", "{{.State.ExitCode}}", container).stdout.strip()
        assert code != "137", f"{container} was killed, not stopped"
