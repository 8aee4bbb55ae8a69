"""`make run`'s launcher: starts everything, prints the URL, stops everything on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from launcher.ports import free_port
from launcher.running import ROOT
from launcher.stack import default_engines

pytestmark = pytest.mark.e2e


def free_ports_from(count: int) -> int:
    """A port from which `count` ports in a row are free (the launcher counts up from it)."""
    while True:
        first = free_port()
        if all(_free(first + i) for i in range(count)):
            return first


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def test_launcher_prints_the_url_and_stops_everything_on_ctrl_c(tmp_path):
    engines = default_engines()
    while True:  # the gateway's port, and room for each pair's Rasa and action server, all apart
        port, rasa, actions = free_port(), free_ports_from(engines), free_ports_from(engines)
        if len({port, *(rasa + i for i in range(engines)), *(actions + i for i in range(engines))}) == 2 * engines + 1:
            break
    env = dict(
        os.environ,
        TRIVSEL_PORT=str(port),
        TRIVSEL_RASA_PORT=str(rasa),
        TRIVSEL_ACTION_PORT=str(actions),
        TRIVSEL_VAR_DIR=str(tmp_path),
    )
    launcher = subprocess.Popen(
        [sys.executable, "-m", "launcher"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert launcher.stdout is not None  # stdout=PIPE
    try:
        ready_line, said = "", []
        deadline = time.monotonic() + 180
        while "Ready in" not in ready_line and time.monotonic() < deadline:
            ready_line = launcher.stdout.readline()
            said.append(ready_line)
            if not ready_line and launcher.poll() is not None:
                break  # it stopped before it was ready: what it said is the reason
        assert f"http://127.0.0.1:{port}/" in ready_line, "".join(said[-30:])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            assert response.status == 200
            checks = json.load(response)["checks"]
        assert len([name for name in checks if name.startswith("rasa_")]) == engines  # one pair per core, up to two
    finally:
        launcher.send_signal(signal.SIGINT)
        launcher.wait(60)
    assert "Stopped." in launcher.stdout.read()
    for p in (port, *(rasa + i for i in range(engines)), *(actions + i for i in range(engines))):
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{p}/", timeout=2)


def _pids_with(text: str):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if text.encode() in f.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_launcher_restarts_a_dead_child_hides_the_token_logs_access_and_takes_its_children_along(tmp_path):
    port, rasa, actions = free_port(), free_ports_from(1), free_ports_from(1)
    token = "launcher-test-token-" + os.urandom(6).hex()
    env = dict(
        os.environ,
        TRIVSEL_PORT=str(port),
        TRIVSEL_RASA_PORT=str(rasa),
        TRIVSEL_ACTION_PORT=str(actions),
        TRIVSEL_VAR_DIR=str(tmp_path),
        TRIVSEL_ENGINES="1",
        TRIVSEL_RASA_TOKEN=token,
    )
    launcher = subprocess.Popen(
        [sys.executable, "-m", "launcher"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert launcher.stdout is not None  # stdout=PIPE
    try:
        deadline = time.monotonic() + 180
        while "Ready in" not in launcher.stdout.readline() and time.monotonic() < deadline:
            pass
        assert _ready(port)
        assert not _pids_with(token), "the Rasa token shows in a process's command line"

        created = json.load(
            urllib.request.urlopen(
                urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/conversations",
                    data=b'{"tool": "leader"}',
                    headers={"Content-Type": "application/json"},
                ),
                timeout=30,
            )
        )
        access_log = tmp_path / "log" / "access.log"
        deadline = time.monotonic() + 10  # aiohttp logs a request after its response has gone out
        while "POST /api" not in access_log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        access = access_log.read_text(encoding="utf-8")
        assert "POST /api/v1/conversations 201" in access and created["id"] not in access

        (action_server,) = _pids_with(f"--port\x00{actions}")
        os.kill(action_server, signal.SIGKILL)  # dies on its own
        deadline = time.monotonic() + 90
        while not (_pids_with(f"--port\x00{actions}") and _ready(port)) and time.monotonic() < deadline:
            time.sleep(1)
        assert _ready(port), "the action server was not started again"
        children = _pids_with(f"--port\x00{actions}") + _pids_with(f"--port\x00{rasa}")
    finally:
        launcher.kill()  # SIGKILL: no chance to stop anything itself
        launcher.wait(30)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not any(_alive(pid) for pid in children), "Rasa or the action server outlived a killed launcher"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
