"""deploy/podman/play.py as an operator runs it: it writes the file to play and creates the podman
secret, refuses to overwrite a secret it did not mean to, and `--down` removes what it made.
Needs podman (scripts/images/setup.sh): run by `make deploy-test`."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from deploy.podman import play

pytestmark = pytest.mark.deploy
TOOL = [sys.executable, str(play.ROOT / "deploy" / "podman" / "play.py")]


def run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([*TOOL, *args], capture_output=True, text=True, timeout=120, env=env)


def secret_exists(name: str) -> bool:
    return play.podman("secret", "inspect", name, check=False).returncode == 0


def test_the_tool_writes_the_file_makes_the_secret_and_takes_both_down(tmp_path: Path):
    prefix = f"trivsel-t{uuid.uuid4().hex[:8]}"
    out = tmp_path / "play.yaml"
    database_url = "postgresql://postgres:not-in-output@127.0.0.1:5432/none"
    env = {**os.environ, "TRIVSEL_DATABASE_URL": database_url}
    env.pop("TRIVSEL_RASA_TOKEN", None)
    env.pop("TRIVSEL_OPS_TOKEN", None)
    args = ["--prefix", prefix, "--out", str(out), "--gateways", "3", "--engines", "1", "--gateway-port", "18851"]
    try:
        done = run(*args, "--public-url", "https://localhost:18843", env=env)
        assert done.returncode == 0, done.stderr
        assert "not-in-output" not in done.stdout + done.stderr  # the database's password is never printed
        names = [d["metadata"]["name"] for d in yaml.safe_load_all(out.read_text(encoding="utf-8"))]
        assert names == [f"{prefix}-settings", *(f"{prefix}-gateway-{i}" for i in range(3)), f"{prefix}-engine-0"]
        assert secret_exists(f"{prefix}-secrets")
        tokens = Path(f"{out}.tokens")
        assert tokens.stat().st_mode & 0o077 == 0 and "TRIVSEL_OPS_TOKEN=" in tokens.read_text(encoding="utf-8")

        again = run(*args, "--public-url", "https://localhost:18843", env=env)
        assert again.returncode == 1 and f"{prefix}-secrets exists already" in again.stderr

        gone = run("--prefix", prefix, "--out", str(out), "--down", env=env)
        assert gone.returncode == 0, gone.stderr
        assert not secret_exists(f"{prefix}-secrets") and not out.exists() and not tokens.exists()
    finally:
        play.podman("secret", "rm", f"{prefix}-secrets", check=False)


def test_the_tool_says_what_it_needs(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "TRIVSEL_DATABASE_URL"}
    done = run("--out", str(tmp_path / "p.yaml"), "--public-url", "https://localhost:18843", env=env)
    assert done.returncode == 2 and "TRIVSEL_DATABASE_URL" in done.stderr
    assert not (tmp_path / "p.yaml").exists()
