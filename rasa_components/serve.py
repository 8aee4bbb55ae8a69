"""How the engine's two processes are started: Rasa's server and the action server.

The launcher (launcher/stack.py) starts them through here on one machine; the engine image
(deploy/images/engine.Containerfile) starts one of them per container, with no launcher:
`python -m rasa_components.serve rasa|actions`, configured by TRIVSEL_* variables. Standard
library and PyYAML only, so both environments can import it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict, List, Mapping
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


class BadSetting(ValueError):
    pass


def _read(env: Mapping[str, str], name: str, default: str) -> str:
    return env.get(name) or default


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    value = _read(env, name, str(default))
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise BadSetting(f"{name} must be a port number from 1 to 65535, not {value!r}")
    return int(value)


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    value = _read(env, name, str(default))
    if not value.isdigit() or int(value) < 1:
        raise BadSetting(f"{name} must be a whole number from 1, not {value!r}")
    return int(value)


def command_from_env(which: str, env: Mapping[str, str]) -> tuple:
    """The command and environment for `which` ("rasa" or "actions") from TRIVSEL_* variables,
    the same ones the launcher reads (README: Configuration), plus TRIVSEL_RASA_HOST and
    TRIVSEL_ACTIONS_HOST: the addresses Rasa and the action server listen on (127.0.0.1 by default;
    0.0.0.0 in a pod the gateways reach over the network)."""
    engine_log = _read(env, "TRIVSEL_ENGINE_LOG", "quiet")
    if engine_log not in ("quiet", "debug"):
        raise BadSetting(f"TRIVSEL_ENGINE_LOG must be quiet or debug, not {engine_log!r}")
    redis_url = env.get("TRIVSEL_REDIS_URL", "")
    if redis_url and not redis_url.startswith(("redis://", "rediss://")):
        raise BadSetting("TRIVSEL_REDIS_URL must be a redis:// URL")  # no value: it may hold a password
    workers = _count(env, "TRIVSEL_RASA_WORKERS", 1)
    if workers > 1 and not redis_url:
        raise BadSetting("TRIVSEL_RASA_WORKERS above 1 needs TRIVSEL_REDIS_URL (a lock store the workers share)")
    extra = process_env(_count(env, "TRIVSEL_RETENTION_DAYS", 30), workers, redis_url)
    python = sys.executable
    if which == "actions":
        # Loopback by default, for the Rasa beside it; TRIVSEL_ACTIONS_HOST=0.0.0.0 in a pod, so that
        # the gateways' /readyz can ask it (deploy/kubernetes/engine.yaml; a NetworkPolicy keeps others out).
        extra["SANIC_HOST"] = _read(env, "TRIVSEL_ACTIONS_HOST", "127.0.0.1")
        return actions_command(python, _port(env, "TRIVSEL_ACTION_PORT", 5055), engine_log), extra
    if which != "rasa":
        raise BadSetting(f"start rasa or actions, not {which!r}")
    var_dir = Path(_read(env, "TRIVSEL_VAR_DIR", str(ROOT / "var")))
    tracker = _read(env, "TRIVSEL_TRACKER_DB", str(var_dir / "tracker.db"))
    if tracker.startswith(("redis://", "mysql://", "http")):
        raise BadSetting("TRIVSEL_TRACKER_DB must be a SQLite file path or a postgresql:// URL")
    # Rasa's own action server: the first of TRIVSEL_ACTION_URLS (in a pod, the container beside it).
    action_url = _read(env, "TRIVSEL_ACTION_URLS", "http://127.0.0.1:5055").split(",")[0].strip().rstrip("/")
    var_dir.mkdir(parents=True, exist_ok=True)
    endpoints_file = var_dir / "endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints(tracker, redis_url, action_url)), encoding="utf-8")
    os.chmod(endpoints_file, 0o600)  # it may hold the database's password
    port = _port(env, "TRIVSEL_RASA_PORT", 5005)
    return rasa_command(python, endpoints_file, port, _read(env, "TRIVSEL_RASA_HOST", "127.0.0.1"), engine_log), extra


def main() -> None:
    try:
        args, extra = command_from_env(sys.argv[1] if len(sys.argv) > 1 else "", os.environ)
    except BadSetting as error:
        sys.exit(f"Settings the engine cannot use: {error}")
    os.chdir(ROOT)
    os.execve(args[0], args, {**os.environ, **extra})


if __name__ == "__main__":
    main()
