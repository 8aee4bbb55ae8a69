"""Settings from the environment (docs/operator.md: Configuration). Defaults run on one machine.

Every TRIVSEL_* variable of the gateway and the launcher is read here, in `from_env`, and
checked: a bad value stops the start with a message that names the variable and the value.
(The engine's processes read the few that concern them themselves: TRIVSEL_RETENTION_DAYS,
TRIVSEL_SPEEDUPS, TRIVSEL_LOG_PRIVACY, TRIVSEL_CONTENT; the launcher passes them on.)
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Tuple

ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """One or more TRIVSEL_* variables hold a value the service cannot use."""


def _list(value: str) -> List[str]:
    return [v.strip().rstrip("/") for v in value.split(",") if v.strip()]


def _number(kind: Callable[[str], Any], least: float, most: float = float("inf"), what: str = "") -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or not least <= number <= most:
            upper = f" to {int(most) if most == int(most) else most}" if most != float("inf") else " or more"
            raise ValueError(what or f"must be a {'whole ' if kind is int else ''}number from {least}{upper}")
        return number

    return parse


def _urls(value: str) -> List[str]:
    urls = _list(value)
    if not urls or not all(u.startswith(("http://", "https://")) for u in urls):
        raise ValueError("must be one or more http:// URLs, separated by commas")
    return urls


def _public_url(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("must start with https:// (or http://)")
    return value.rstrip("/")


def _store(value: str) -> str:
    if value.startswith(("redis://", "mysql://", "http")):
        raise ValueError("must be a SQLite file path or a postgresql:// URL")
    return value


def _redis(value: str) -> str:
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("must be a redis:// URL")
    return value


def _networks(value: str) -> Tuple[str, ...]:
    found = tuple(_list(value))
    for item in found:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ValueError(f"must be addresses or networks separated by commas; {item!r} is neither") from None
    return found


def _migrate(value: str) -> str:
    if value not in ("start", "check"):
        raise ValueError("must be start (upgrade the database's schema at start) or check (only check it)")
    return value


def _log_level(value: str) -> str:
    if value not in ("quiet", "debug"):
        raise ValueError("must be quiet or debug")
    return value


PORT = _number(int, 1, 65535, "must be a port number from 1 to 65535")
COUNT = _number(int, 1)
ZERO_OR_MORE = _number(float, 0)


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    # Rasa servers the gateway spreads messages over (comma-separated in the env).
    rasa_urls: List[str] = field(default_factory=lambda: ["http://127.0.0.1:5005"])
    rasa_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    action_urls: List[str] = field(default_factory=lambda: ["http://127.0.0.1:5055"])
    var_dir: Path = ROOT / "var"
    tracker_db: str = ""  # SQLite file or postgresql:// URL of Rasa's tracker store
    retention_days: int = 30
    max_text_chars: int = 2000
    messages_per_minute: int = 60
    # New conversations per client address: the burst lets an office behind one address
    # (60 leaders starting within a minute) in at once; a script is held to the rate after it.
    conversations_per_minute: int = 30
    conversations_burst: int = 80
    downloads_per_minute: int = 20  # PDFs, saved files and transcripts per conversation; summaries per room
    engine_timeout_s: float = 30.0
    pdf_workers: int = 2
    pdf_worker_mb: float = 400  # a PDF worker that has grown past this is replaced (0: never)
    partners_file: Path = ROOT / "config" / "partners.yml"

    room_hours: float = 24.0  # rooms are deleted this long after they open
    room_joins_per_minute: int = 600  # per room (a webinar's participants may share one address)
    # Wrong join codes per client address, with a minute's worth as the burst: a few typos cost
    # nothing, and a client that runs out waits a few seconds, not minutes.
    code_misses_per_minute: int = 20
    rooms_per_minute: int = 10  # rooms opened per client address (the burst is the open-room cap)
    open_rooms_per_address: int = 20  # rooms one client address holds open at once
    streams_per_room: int = 20  # live presenter streams open at once: a room has a handful of screens
    streams_per_address: int = 50  # live streams open at once from one client address
    public_url: str = ""  # how participants reach the gateway, for join links and QR codes
    # proxies whose X-Forwarded-For/-Proto/-Host are believed (addresses or networks)
    trusted_proxies: tuple = ("127.0.0.1", "::1")

    gateway_store: str = ""  # SQLite file or postgresql:// URL of the gateway's own table
    migrate: str = "start"  # at start, upgrade the gateway database's schema ("start") or only check it ("check")
    redis_url: str = ""  # redis://host:port/db: Rasa's lock store (several Rasa servers), rooms, limits
    ops_token: str = ""  # Bearer token for /metrics and /usage (without it, only the machine itself)

    # The launcher's (python -m launcher): Rasa + action server pairs and their first ports.
    engines: int = 0  # 0: one pair per core, up to two
    rasa_port: int = 5005
    action_port: int = 5055
    engine_log: str = "quiet"  # or "debug" (log privacy keeps both free of leaders' words)
    rasa_workers: int = 1  # Sanic workers per Rasa server (more than one needs TRIVSEL_REDIS_URL)

    @property
    def gateway_db(self) -> str:
        return self.gateway_store or str(self.var_dir / "gateway.db")

    @property
    def tracker_target(self) -> str:
        return self.tracker_db or str(self.var_dir / "tracker.db")

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        s = cls()
        problems = []
        for name, (attribute, parse) in VARIABLES.items():
            if name in env and (env[name] != "" or attribute in EMPTY_ALLOWED):
                try:
                    setattr(s, attribute, parse(env[name]))
                except ValueError as error:
                    problems.append(f"{name} {error}, not {env[name]!r}")
        # TRIVSEL_USAGE_TOKEN is the older name, from when only /usage had a token.
        if not s.ops_token and env.get("TRIVSEL_USAGE_TOKEN"):
            s.ops_token = env["TRIVSEL_USAGE_TOKEN"]
        if s.rasa_workers > 1 and not s.redis_url:
            problems.append("TRIVSEL_RASA_WORKERS above 1 needs TRIVSEL_REDIS_URL (a lock store the workers share)")
        if problems:
            raise SettingsError("Settings the service cannot use:\n  " + "\n  ".join(problems))
        return s


# Each variable: the attribute it sets and how its text is read and checked.
VARIABLES: Dict[str, Tuple[str, Callable[[str], Any]]] = {
    "TRIVSEL_HOST": ("host", str),
    "TRIVSEL_PORT": ("port", PORT),
    "TRIVSEL_RASA_URLS": ("rasa_urls", _urls),
    "TRIVSEL_ACTION_URLS": ("action_urls", _urls),
    "TRIVSEL_RASA_TOKEN": ("rasa_token", str),
    "TRIVSEL_VAR_DIR": ("var_dir", Path),
    "TRIVSEL_TRACKER_DB": ("tracker_db", _store),
    "TRIVSEL_GATEWAY_DB": ("gateway_store", _store),
    "TRIVSEL_MIGRATE": ("migrate", _migrate),
    "TRIVSEL_REDIS_URL": ("redis_url", _redis),
    "TRIVSEL_RETENTION_DAYS": ("retention_days", COUNT),
    "TRIVSEL_MESSAGES_PER_MINUTE": ("messages_per_minute", COUNT),
    "TRIVSEL_CONVERSATIONS_PER_MINUTE": ("conversations_per_minute", COUNT),
    "TRIVSEL_CONVERSATIONS_BURST": ("conversations_burst", COUNT),
    "TRIVSEL_DOWNLOADS_PER_MINUTE": ("downloads_per_minute", COUNT),
    "TRIVSEL_ROOM_HOURS": ("room_hours", _number(float, 0.1, 24 * 30)),
    "TRIVSEL_ROOM_JOINS_PER_MINUTE": ("room_joins_per_minute", COUNT),
    "TRIVSEL_CODE_MISSES_PER_MINUTE": ("code_misses_per_minute", COUNT),
    "TRIVSEL_ROOMS_PER_MINUTE": ("rooms_per_minute", COUNT),
    "TRIVSEL_OPEN_ROOMS_PER_ADDRESS": ("open_rooms_per_address", COUNT),
    "TRIVSEL_STREAMS_PER_ROOM": ("streams_per_room", COUNT),
    "TRIVSEL_STREAMS_PER_ADDRESS": ("streams_per_address", COUNT),
    "TRIVSEL_PUBLIC_URL": ("public_url", _public_url),
    "TRIVSEL_OPS_TOKEN": ("ops_token", str),
    "TRIVSEL_TRUSTED_PROXIES": ("trusted_proxies", _networks),
    "TRIVSEL_PDF_WORKERS": ("pdf_workers", _number(int, 1, 64)),
    "TRIVSEL_PDF_WORKER_MB": ("pdf_worker_mb", ZERO_OR_MORE),
    "TRIVSEL_PARTNERS_FILE": ("partners_file", Path),
    "TRIVSEL_ENGINES": ("engines", _number(int, 0, 16)),
    "TRIVSEL_RASA_PORT": ("rasa_port", PORT),
    "TRIVSEL_ACTION_PORT": ("action_port", PORT),
    "TRIVSEL_ENGINE_LOG": ("engine_log", _log_level),
    "TRIVSEL_RASA_WORKERS": ("rasa_workers", _number(int, 1, 16)),
}
# An empty value means "none" for these (trust no proxy, no public URL); for the rest it means the default.
EMPTY_ALLOWED = {"trusted_proxies", "public_url"}
