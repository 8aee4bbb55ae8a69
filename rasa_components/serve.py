"""How the engine's two processes are started: Rasa's server and the action server.

The launcher (launcher/stack.py) starts them through here on one machine; the engine image
(deploy/images/engine.Containerfile) starts one of them per container, with no launcher:
`python -m rasa_components.start rasa|actions`, configured by TRIVSEL_* variables. Standard
library and PyYAML only, so both environments can import it; the variables are read and checked
in rasa_components/settings.py (StartSettings), where the engine runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "trivsel.tar.gz"
# Rasa's SQL tracker store, keeping each conversation's tracker between turns (see the module).
TRACKER_STORE = "rasa_components.tracker_store.CachingSQLTrackerStore"


def endpoints(tracker_target: str, redis_url: str, action_url: str) -> Dict:
    """Rasa's endpoints: the action server, the tracker store (a SQLite file or a postgresql://
    URL) and, with a Redis URL, the Redis lock store several Rasa servers share."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    # Our actions read the content catalogue, not the domain: Rasa need not serialise the
    # whole domain (every tool's slots) into each call to the action server.
    config["action_endpoint"] = {"url": f"{action_url}/webhook", "enable_selective_domain": True}
    if tracker_target.startswith("postgresql://"):
        url = urlparse(tracker_target)
        config["tracker_store"] = {
            "type": TRACKER_STORE,
            "dialect": "postgresql",
            "url": url.hostname or "127.0.0.1",
            "port": url.port or 5432,
            "db": url.path.lstrip("/"),
            "username": url.username or "",
            "password": url.password or "",
        }
    else:
        config["tracker_store"] = {"type": TRACKER_STORE, "dialect": "sqlite", "db": tracker_target}
    if redis_url:
        url = urlparse(redis_url)
        config["lock_store"] = {
            "type": "rasa_components.lock_store.AtomicRedisLockStore",
            "url": url.hostname,
            "port": url.port or 6379,
            "db": int(url.path.lstrip("/") or 0),
            "key_prefix": "trivsel",
        }
    return config


def level_flag(engine_log: str) -> str:
    """TRIVSEL_ENGINE_LOG: "quiet" (warnings) or "debug"; log privacy keeps both free of leaders' words."""
    return "-vv" if engine_log == "debug" else "--quiet"


def actions_command(python: str, port: int, engine_log: str = "quiet") -> List[str]:
    return [python, "-m", "rasa", "run", "actions", "--actions", "actions", "--port", str(port), level_flag(engine_log)]


def rasa_command(
    python: str, endpoints_file: Path, port: int, interface: str = "127.0.0.1", engine_log: str = "quiet"
) -> List[str]:
    """Rasa through rasa_components.cli (our changes installed first). Its API token goes by
    the environment (TRIVSEL_RASA_TOKEN), never in the arguments, which `ps` shows."""
    return [
        python,
        "-m",
        "rasa_components.cli",
        "run",
        "--model",
        str(MODEL),
        "--endpoints",
        str(endpoints_file),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--interface",
        interface,
        "--port",
        str(port),
        "--enable-api",
        level_flag(engine_log),
    ]


def process_env(retention_days: int, rasa_workers: int, redis_url: str) -> Dict[str, str]:
    """What both processes get beside the caller's environment."""
    env = {
        "PYTHONPATH": str(ROOT),
        "SANIC_HOST": "127.0.0.1",  # the action server listens on loopback only
        "TRIVSEL_RETENTION_DAYS": str(retention_days),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONWARNINGS": "ignore",
    }
    if redis_url and rasa_workers > 1:
        env["SANIC_WORKERS"] = str(rasa_workers)
    return env


def command_from_settings(which: str, s: Any) -> Tuple[List[str], Dict[str, str]]:
    """The command and environment for `which` ("rasa" or "actions") from the start settings
    (rasa_components/settings.py's StartSettings, read and checked there)."""
    extra = process_env(s.retention_days, s.rasa_workers, s.redis_url)
    python = sys.executable
    if which == "actions":
        extra["SANIC_HOST"] = s.actions_host
        return actions_command(python, s.action_port, s.engine_log), extra
    if which != "rasa":
        raise ValueError(f"start rasa or actions, not {which!r}")
    s.var_dir.mkdir(parents=True, exist_ok=True)
    endpoints_file = s.var_dir / "endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints(s.tracker_target, s.redis_url, s.action_url)), encoding="utf-8")
    os.chmod(endpoints_file, 0o600)  # it may hold the database's password
    return rasa_command(python, endpoints_file, s.rasa_port, s.rasa_host, s.engine_log), extra
