"""The baseline: Rasa's starter bot (`rasa init`), default config and data, trained once and cached."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time

from launcher.stack import ENGINE_BIN, ROOT

HOME = ROOT / "bench" / "out" / "starter"


def prepare() -> float:
    """Creates and trains the starter project if needed; returns the training seconds (0 if cached)."""
    model = HOME / "models" / "starter.tar.gz"
    if model.exists():
        return 0.0
    if HOME.exists():
        shutil.rmtree(HOME)
    HOME.mkdir(parents=True)
    subprocess.run(
        [str(ENGINE_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(HOME)], cwd=HOME, check=True, capture_output=True
    )
    for old in (HOME / "models").glob("*.tar.gz"):
        old.unlink()
    started = time.perf_counter()
    subprocess.run(
        [str(ENGINE_BIN / "rasa"), "train", "--fixed-model-name", "starter", "--out", "models"],
        cwd=HOME,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def train_seconds() -> float:
    """Times one training of the starter bot (into a temporary folder; the cached model stays)."""
    prepare()
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [str(ENGINE_BIN / "rasa"), "train", "--fixed-model-name", "timed", "--out", out],
            cwd=HOME,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started


def start(port: int) -> subprocess.Popen:
    with open(HOME / "rasa.log", "ab") as log:  # the child keeps its own handle
        return subprocess.Popen(
            [
                str(ENGINE_BIN / "rasa"),
                "run",
                "--model",
                "models/starter.tar.gz",
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
                "--quiet",
            ],
            cwd=HOME,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
