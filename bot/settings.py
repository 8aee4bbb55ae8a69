"""Settings from the environment (README: Configuration). Defaults run on one machine."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent


def _list(value: str) -> List[str]:
    return [v.strip().rstrip("/") for v in value.split(",") if v.strip()]


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
    redis_url: str = ""  # redis://host:port/db: Rasa's lock store (several Rasa servers), rooms, limits
    ops_token: str = ""  # Bearer token for /metrics and /usage (without it, only the machine itself)

    @property
    def gateway_db(self) -> str:
        return self.gateway_store or str(self.var_dir / "gateway.db")

    @property
    def tracker_target(self) -> str:
        return self.tracker_db or str(self.var_dir / "tracker.db")

    @classmethod
    def from_env(cls, env=os.environ) -> "Settings":
        s = cls()
        s.host = env.get("TRIVSEL_HOST", s.host)
        s.port = int(env.get("TRIVSEL_PORT", s.port))
        if env.get("TRIVSEL_RASA_URLS"):
            s.rasa_urls = _list(env["TRIVSEL_RASA_URLS"])
        if env.get("TRIVSEL_ACTION_URLS"):
            s.action_urls = _list(env["TRIVSEL_ACTION_URLS"])
        s.rasa_token = env.get("TRIVSEL_RASA_TOKEN", s.rasa_token)
        s.var_dir = Path(env.get("TRIVSEL_VAR_DIR", s.var_dir))
        s.tracker_db = env.get("TRIVSEL_TRACKER_DB", s.tracker_db)
        s.gateway_store = env.get("TRIVSEL_GATEWAY_DB", s.gateway_store)
        s.redis_url = env.get("TRIVSEL_REDIS_URL", s.redis_url)
        s.retention_days = int(env.get("TRIVSEL_RETENTION_DAYS", s.retention_days))
        s.messages_per_minute = int(env.get("TRIVSEL_MESSAGES_PER_MINUTE", s.messages_per_minute))
        s.conversations_per_minute = int(env.get("TRIVSEL_CONVERSATIONS_PER_MINUTE", s.conversations_per_minute))
        s.conversations_burst = int(env.get("TRIVSEL_CONVERSATIONS_BURST", s.conversations_burst))
        s.downloads_per_minute = int(env.get("TRIVSEL_DOWNLOADS_PER_MINUTE", s.downloads_per_minute))
        s.room_hours = float(env.get("TRIVSEL_ROOM_HOURS", s.room_hours))
        s.room_joins_per_minute = int(env.get("TRIVSEL_ROOM_JOINS_PER_MINUTE", s.room_joins_per_minute))
        s.code_misses_per_minute = int(env.get("TRIVSEL_CODE_MISSES_PER_MINUTE", s.code_misses_per_minute))
        s.rooms_per_minute = int(env.get("TRIVSEL_ROOMS_PER_MINUTE", s.rooms_per_minute))
        s.open_rooms_per_address = int(env.get("TRIVSEL_OPEN_ROOMS_PER_ADDRESS", s.open_rooms_per_address))
        s.streams_per_room = int(env.get("TRIVSEL_STREAMS_PER_ROOM", s.streams_per_room))
        s.streams_per_address = int(env.get("TRIVSEL_STREAMS_PER_ADDRESS", s.streams_per_address))
        s.public_url = env.get("TRIVSEL_PUBLIC_URL", s.public_url)
        # TRIVSEL_USAGE_TOKEN is the older name, from when only /usage had a token.
        s.ops_token = env.get("TRIVSEL_OPS_TOKEN") or env.get("TRIVSEL_USAGE_TOKEN", s.ops_token)
        if "TRIVSEL_TRUSTED_PROXIES" in env:
            s.trusted_proxies = tuple(_list(env["TRIVSEL_TRUSTED_PROXIES"]))
        s.pdf_workers = int(env.get("TRIVSEL_PDF_WORKERS", s.pdf_workers))
        s.pdf_worker_mb = float(env.get("TRIVSEL_PDF_WORKER_MB", s.pdf_worker_mb))
        s.partners_file = Path(env.get("TRIVSEL_PARTNERS_FILE", s.partners_file))
        return s
