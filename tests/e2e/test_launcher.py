"""`make run`'s launcher: starts everything, prints the URL, stops everything on Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from bot.launcher import free_port
from tests.stack import ROOT

pytestmark = pytest.mark.e2e


def test_launcher_prints_the_url_and_stops_everything_on_ctrl_c(tmp_path):
    port, rasa, actions = free_port(), free_port(), free_port()
    env = dict(os.environ, TRIVSEL_PORT=str(port), TRIVSEL_RASA_PORT=str(rasa), TRIVSEL_ACTION_PORT=str(actions),
               TRIVSEL_VAR_DIR=str(tmp_path))
    launcher = subprocess.Popen([sys.executable, "-m", "bot.launcher"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        ready_line = ""
        deadline = time.monotonic() + 180
        while "Ready in" not in ready_line and time.monotonic() < deadline:
            ready_line = launcher.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in ready_line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            assert response.status == 200
    finally:
        launcher.send_signal(signal.SIGINT)
        launcher.wait(60)
    assert "Stopped." in launcher.stdout.read()
    for p in (port, rasa, actions):
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{p}/", timeout=2)
