"""Starts the action server, Rasa and the gateway; stops them all on Ctrl-C.

`make run` calls `python -m launcher`. Tests use `Stack` to start the same
processes on free ports with their own var/ folder.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

from bot.settings import ROOT, Settings, SettingsError
from rasa_components import serve

ENGINE_BIN = ROOT / ".venv" / "engine" / "bin"
MODEL = serve.MODEL


def default_engines() -> int:
    """One Rasa + action server pair per core, up to two: one Rasa process keeps one core busy,
    and the gateway gives each conversation its own pair (bot/conversations/engine.py), so no lock is shared."""
    return max(1, min(2, os.cpu_count() or 1))


def endpoints(settings: Settings, action_url: str) -> Dict:
    """Rasa's endpoints from the settings (rasa_components.serve, which the engine image uses too)."""
    return serve.endpoints(settings.tracker_target, settings.redis_url, action_url)


class Stack:
    """Rasa servers, each with its own action server, on 127.0.0.1, for the gateways.

    One pair by default; more share the tracker store and the Redis lock store.
    """

    def __init__(
        self,
        settings: Settings,
        rasa_ports: Sequence[int] = (5005,),
        action_ports: Sequence[int] = (5055,),
        engine_log: str = "quiet",
    ):
        self.settings = settings
        self.rasa_ports = list(rasa_ports)
        self.action_ports = list(action_ports)
        self.engine_log = engine_log  # "quiet" (warnings) or "debug"; log_privacy keeps both free of leaders' words
        self.processes: Dict[str, subprocess.Popen] = {}
        self.commands: Dict[str, tuple] = {}  # how each was started, to start it again
        self.stopping = False
        settings.rasa_urls = [f"http://127.0.0.1:{p}" for p in self.rasa_ports]
        settings.action_urls = [f"http://127.0.0.1:{p}" for p in self.action_ports]
        self.log_dir = settings.var_dir / "log"

    def _env(self) -> Dict[str, str]:
        s = self.settings
        return {**os.environ, **serve.process_env(s.retention_days, s.rasa_workers, s.redis_url)}

    def _spawn(self, name: str, args: List[str], env: Optional[Dict[str, str]] = None) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_dir / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                args,
                cwd=ROOT,
                env={**self._env(), **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        self.commands[name] = (args, env)

    def start_actions(self, i: int = 0) -> None:
        self._spawn(f"actions{i}", serve.actions_command(str(ENGINE_BIN / "python"), self.action_ports[i], self.engine_log))

    def start_rasa(self, i: int = 0) -> None:
        """One Rasa server; TRIVSEL_RASA_WORKERS > 1 gives it more Sanic workers, which Rasa
        only allows with a lock store shared between processes (TRIVSEL_REDIS_URL)."""
        path = self.settings.var_dir / f"endpoints-{i}.yml"
        path.write_text(yaml.safe_dump(endpoints(self.settings, self.settings.action_urls[i])), encoding="utf-8")
        self._spawn(
            f"rasa{i}",
            serve.rasa_command(str(ENGINE_BIN / "python"), path, self.rasa_ports[i], "127.0.0.1", self.engine_log),
            env={"TRIVSEL_RASA_TOKEN": self.settings.rasa_token},
        )  # by environment: never visible in `ps`

    def start(self, timeout_s: float = 240) -> None:
        self.settings.var_dir.mkdir(parents=True, exist_ok=True)
        for i in range(len(self.rasa_ports)):
            self.start_actions(i)
            self.start_rasa(i)
        self.wait_ready(timeout_s)

    def wait_ready(self, timeout_s: float = 240) -> None:
        deadline = time.monotonic() + timeout_s
        # name -> (its status URL, a word its answer must hold to count as ready, if any)
        pending: Dict[str, Tuple[str, Optional[str]]] = {
            f"actions{i}": (f"http://127.0.0.1:{p}/health", None) for i, p in enumerate(self.action_ports)
        }
        pending.update(
            {
                f"rasa{i}": (f"http://127.0.0.1:{p}/status?token={self.settings.rasa_token}", "model_file")
                for i, p in enumerate(self.rasa_ports)
            }
        )
        while pending:
            for name, (url, needs) in list(pending.items()):
                process = self.processes.get(name)
                if process is not None and process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}; see {self.log_dir / (name + '.log')}")
                if answers(url, needs):
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

    def kill_process(self, name: str) -> None:
        """As a crash would: no chance to clean up."""
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        self.stopping = True
        for name in list(self.processes):
            self.stop_process(name)

    def restart_the_dead(self, backoff: Dict[str, float], now: float) -> List[str]:
        """Starts again each process that died on its own, waiting longer after each death
        (1, 2, 4 ... 60 s): a crash loop must not burn the machine. Returns the restarted."""
        restarted = []
        for name, process in list(self.processes.items()):
            if process.poll() is None or self.stopping:
                continue
            delay, due = backoff.get(name, 0.0), backoff.get(name + ".due")
            if due is None:
                backoff[name + ".due"] = now + delay
                continue
            if now >= due:
                args, env = self.commands[name]
                self._spawn(name, args, env)
                backoff[name] = min(60.0, max(1.0, delay * 2))
                backoff.pop(name + ".due")
                restarted.append(name)
        return restarted


def _die_with_parent() -> None:
    """In each child: end with the launcher that started it, even a killed one (PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)


def answers(url: str, needs: Optional[str] = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if needs is None:
                return response.status == 200
            import json

            return bool(json.load(response).get(needs))
    except (OSError, ValueError, http.client.HTTPException):  # HTTPException: a probe that met itself (launcher/ports.py)
        return False


def _keep_alive(stack: Stack) -> None:
    """Restarts a Rasa or action server that dies on its own while the gateway serves."""
    backoff: Dict[str, float] = {}
    while True:
        time.sleep(1)
        for name in stack.restart_the_dead(backoff, time.monotonic()):
            print(f"{name} stopped on its own; started again (log: {stack.log_dir / (name + '.log')})", flush=True)


def main() -> None:
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        sys.exit(str(error))
    if not MODEL.exists():
        sys.exit("No trained model: run `make run` (it trains first).")
    engines = settings.engines or default_engines()
    stack = Stack(
        settings,
        rasa_ports=[settings.rasa_port + i for i in range(engines)],
        action_ports=[settings.action_port + i for i in range(engines)],
        engine_log=settings.engine_log,
    )
    started = time.monotonic()
    print("Starting the action server and Rasa (about half a minute)...", flush=True)
    try:
        stack.start()
        from bot.app import run

        watch = threading.Thread(target=_keep_alive, args=(stack,), daemon=True)
        watch.start()

        def ready() -> None:
            print(
                f"Ready in {time.monotonic() - started:.0f}s: http://{settings.host}:{settings.port}/  (Ctrl-C stops everything)",
                flush=True,
            )

        run(settings, on_ready=ready)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
        print("Stopped.", flush=True)


if __name__ == "__main__":
    main()
