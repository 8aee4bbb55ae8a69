"""schemathesis fuzzes the public API from its OpenAPI description with every check it has
(as `schemathesis run --checks all`; tests/e2e/schemathesis.toml says which, and its one
exception): no 5xx, every response and header as described, every input the description allows
accepted and every input it forbids refused, deleted things gone. Rooms, their QR codes and
their hosts' pages are reached through the description's links, with limits the stack sets high
(launcher/running.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.mark.timeout(900)
def test_every_schemathesis_check_passes_against_the_real_stack(stack, tmp_path):
    har = tmp_path / "fuzz.har"
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "schemathesis"),
            "--config-file",
            str(CONFIG),
            "run",
            f"{stack.base}/api/v1/openapi.json",
            "--max-examples",
            "100",
            "--no-color",
            "--report",
            "har",
            "--report-har-path",
            str(har),
        ],
        capture_output=True,
        text=True,
        timeout=840,
    )
    print(run.stdout[-1500:])
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]

    answers = [(entry["request"]["url"], entry["response"]["status"]) for entry in json.loads(har.read_text())["log"]["entries"]]
    statuses = Counter(status for _, status in answers)
    assert statuses[429] < len(answers) / 20, statuses  # the fuzzer is not held back by the limits
    reached = {url.split("?")[0].rsplit("/", 1)[-1] for url, status in answers if status == 200 and "/api/v1/rooms/" in url}
    assert "qr.svg" in reached and len(reached) > 1, "a room and its QR code were fetched"
    hosted = {url.split("?")[0].rsplit("/", 1)[-1] for url, status in answers if status == 200 and "/api/v1/hosted/" in url}
    assert {"events", "summary.pdf", "close"} <= hosted, hosted
