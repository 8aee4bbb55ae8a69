"""Starts the action server, Rasa and the gateway; stops them all on Ctrl-C.

`make run` calls `python -m bot.launcher`. Tests use `Stack` to start the same
processes on free ports with their own var/ folder.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bot.settings import ROOT, Settings

ENGINE_BIN = ROOT / ".venv" / "engine" / "bin"
MODEL = ROOT / "models" / "trivsel.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoints(settings: Settings, action_url: str) -> Dict:
    """Rasa's endpoints: the defaults of endpoints.yml, the tracker store under var_dir."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["action_endpoint"] = {"url": f"{action_url}/webhook"}
    config["tracker_store"] = {"type": "SQL", "dialect": "sqlite", "db": settings.tracker_target}
    return config


class Stack:
    """One action server and one Rasa server on 127.0.0.1, for one gateway."""

    def __init__(self, settings: Settings, rasa_port: int = 5005, action_port: int = 5055):
        self.settings = settings
        self.rasa_port = rasa_port
        self.action_port = action_port
        self.processes: Dict[str, subprocess.Popen] = {}
        settings.rasa_urls = [f"http://127.0.0.1:{rasa_port}"]
        settings.action_urls = [f"http://127.0.0.1:{action_port}"]
        self.log_dir = settings.var_dir / "log"

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update({
            "PYTHONPATH": str(ROOT),
            "SANIC_HOST": "127.0.0.1",  # the action server listens on loopback only
            "TRIVSEL_RETENTION_DAYS": str(self.settings.retention_days),
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "PYTHONWARNINGS": "ignore",
        })
        return env

    def _spawn(self, name: str, args: List[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            args, cwd=ROOT, env=self._env(), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )

    def start_actions(self) -> None:
        self._spawn("actions", [str(ENGINE_BIN / "rasa"), "run", "actions", "--actions", "actions",
                                "--port", str(self.action_port)])

    def start_rasa(self) -> None:
        path = self.settings.var_dir / "endpoints.yml"
        path.write_text(yaml.safe_dump(endpoints(self.settings, self.settings.action_urls[0])), encoding="utf-8")
        self._spawn("rasa", [
            str(ENGINE_BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(path),
            "--credentials", str(ROOT / "credentials.yml"), "--interface", "127.0.0.1",
            "--port", str(self.rasa_port), "--enable-api", "--auth-token", self.settings.rasa_token, "--quiet",
        ])

    def start(self, timeout_s: float = 180) -> None:
        self.settings.var_dir.mkdir(parents=True, exist_ok=True)
        self.start_actions()
        self.start_rasa()
        self.wait_ready(timeout_s)

    def wait_ready(self, timeout_s: float = 180) -> None:
        deadline = time.monotonic() + timeout_s
        checks = {
            "actions": f"http://127.0.0.1:{self.action_port}/health",
            "rasa": f"http://127.0.0.1:{self.rasa_port}/status?token={self.settings.rasa_token}",
        }
        pending = dict(checks)
        while pending:
            for name, url in list(pending.items()):
                process = self.processes.get(name)
                if process is not None and process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {self.log_dir / (name + '.log')}")
                if _answers(url, needs="model_file" if name == "rasa" else None):
                    del pending[name]
            if time.monotonic() > deadline:
                raise RuntimeError(f"not ready after {timeout_s:.0f}s: {', '.join(pending)}")
            time.sleep(0.5)

    def stop_process(self, name: str, timeout_s: float = 15) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for name in list(self.processes):
            self.stop_process(name)


def _answers(url: str, needs: Optional[str] = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if needs is None:
                return response.status == 200
            import json
            return bool(json.load(response).get(needs))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def main() -> None:
    settings = Settings.from_env()
    if not MODEL.exists():
        sys.exit("No trained model: run `make run` (it trains first).")
    stack = Stack(
        settings,
        rasa_port=int(os.environ.get("TRIVSEL_RASA_PORT", 5005)),
        action_port=int(os.environ.get("TRIVSEL_ACTION_PORT", 5055)),
    )
    started = time.monotonic()
    print("Starting the action server and Rasa (about half a minute)...", flush=True)
    try:
        stack.start()
        from bot.app import run

        def ready() -> None:
            print(f"Ready in {time.monotonic() - started:.0f}s: http://{settings.host}:{settings.port}/  (Ctrl-C stops everything)", flush=True)

        run(settings, on_ready=ready)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    main()
