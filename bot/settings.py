"""Settings from the environment (docs/operator.md: Configuration). Defaults run on one machine.

Every TRIVSEL_* variable of the gateway and the launcher is a field of `Settings`, read by
pydantic-settings in `from_env` and checked by its type: a bad value stops the start with one
message naming each variable, what is wrong with its value and what is allowed, every problem
at once; a secret's value is never shown. `Settings(...)` in code (tests, the launcher's test
stacks) reads nothing from the environment: only what it is given, and the defaults.
The engine's processes read the few that concern them in rasa_components/settings.py.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from pathlib import Path
from typing import Annotated, Any, ClassVar, Dict, List, Literal, Mapping, Optional, Tuple

from pydantic import AliasChoices, BaseModel, BeforeValidator, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "TRIVSEL_"


class SettingsError(ValueError):
    """One or more TRIVSEL_* variables hold a value the service cannot use."""


class Allowed:
    """What a setting accepts, in words, for the message a bad value gets."""

    def __init__(self, words: str):
        self.words = words


class Secret:
    """A setting whose value is never shown (in messages or the settings' repr)."""


def _problem(kind: str, words: str) -> PydanticCustomError:
    return PydanticCustomError(kind, words)


def _list(value: Any) -> Any:
    """A comma-separated value as a list (a list passed in code stays as it is)."""
    if isinstance(value, str):
        return [v.strip().rstrip("/") for v in value.split(",") if v.strip()]
    return value


def _urls(value: Any) -> Any:
    urls = _list(value)
    if not urls:
        raise _problem("value", "there is no URL in it")
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise _problem("value", f"{_shown(url)} does not start with http:// or https://")
    return urls


def _public_url(value: Any) -> Any:
    if value and not value.startswith(("http://", "https://")):
        raise _problem("value", "it does not start with https:// or http://")
    return value.rstrip("/")


def _store(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(("redis://", "rediss://", "mysql://", "http")):
        raise _problem("value", f"that is a {value.split(':', 1)[0]}: URL")
    return value


def _redis(value: Any) -> Any:
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise _problem("value", "it does not start with redis://, rediss:// or unix://")
    return value


def _networks(value: Any) -> Any:
    found = tuple(_list(value))
    for item in found:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise _problem("value", f"{item!r} is neither an address nor a network") from None
    return found


# The kinds of value a setting takes: the type checks, Allowed says it in words.
Port = Annotated[int, Field(ge=1, le=65535), Allowed("a port number from 1 to 65535")]
Count = Annotated[int, Field(ge=1), Allowed("a whole number, 1 or more")]
Urls = Annotated[List[str], BeforeValidator(_urls), Allowed("one or more http:// or https:// URLs, separated by commas")]
Store = Annotated[str, BeforeValidator(_store), Allowed("a SQLite file path or a postgresql:// URL")]
Token = Annotated[str, Secret(), Allowed("any text")]
PdfWorkers = Annotated[int, Field(ge=1, le=64), Allowed("a whole number from 1 to 64")]
Megabytes = Annotated[float, Field(ge=0, allow_inf_nan=False), Allowed("a number of megabytes, 0 or more (0: never)")]
# Above 0, not from 0.1 as before: the tests open rooms that last a second.
RoomHours = Annotated[float, Field(gt=0, le=24 * 30, allow_inf_nan=False), Allowed("a number of hours above 0, up to 720")]
PublicUrl = Annotated[str, BeforeValidator(_public_url), Allowed("an https:// (or http://) URL")]
Networks = Annotated[Tuple[str, ...], BeforeValidator(_networks), Allowed("IP addresses or networks, separated by commas")]
Migrate = Annotated[Literal["start", "check"], Allowed("start (upgrade the database's schema at start) or check (only check it)")]
RedisUrl = Annotated[str, BeforeValidator(_redis), Allowed("a redis:// (or rediss://, unix://) URL")]
Engines = Annotated[int, Field(ge=0, le=16), Allowed("a whole number from 0 to 16 (0: one per core, up to two)")]
EngineLog = Annotated[Literal["quiet", "debug"], Allowed("quiet or debug")]
Workers = Annotated[int, Field(ge=1, le=16), Allowed("a whole number from 1 to 16")]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        extra="forbid",  # a misspelt keyword in code is an error; the environment is read by field, so other variables pass
        enable_decoding=False,  # lists are comma-separated, not JSON
        validate_by_name=True,  # Settings(gateway_store=...) in code, TRIVSEL_GATEWAY_DB in the environment
    )

    # Fixed limits, not read from the environment.
    max_text_chars: ClassVar[int] = 2000
    engine_timeout_s: ClassVar[float] = 30.0

    host: str = "127.0.0.1"
    port: Port = 8080
    # Rasa servers the gateway spreads messages over (comma-separated in the env).
    rasa_urls: Urls = Field(default_factory=lambda: ["http://127.0.0.1:5005"])
    rasa_token: Token = Field(default_factory=lambda: secrets.token_urlsafe(24), repr=False)
    action_urls: Urls = Field(default_factory=lambda: ["http://127.0.0.1:5055"])
    var_dir: Path = ROOT / "var"
    tracker_db: Store = ""  # SQLite file or postgresql:// URL of Rasa's tracker store
    retention_days: Count = 30
    # How long backups are kept (python -m bot.backup prune); the erasure log keeps deleted ids as long.
    backup_days: Count = 30
    messages_per_minute: Count = 60
    # New conversations per client address: the burst lets an office behind one address
    # (60 leaders starting within a minute) in at once; a script is held to the rate after it.
    conversations_per_minute: Count = 30
    conversations_burst: Count = 80
    downloads_per_minute: Count = 20  # PDFs, saved files and transcripts per conversation; summaries per room
    pdf_workers: PdfWorkers = 2
    pdf_worker_mb: Megabytes = 400  # a PDF worker that has grown past this is replaced (0: never)
    partners_file: Path = ROOT / "config" / "partners.yml"

    room_hours: RoomHours = 24.0  # rooms are deleted this long after they open
    room_joins_per_minute: Count = 600  # per room (a webinar's participants may share one address)
    # Wrong join codes per client address, with a minute's worth as the burst: a few typos cost
    # nothing, and a client that runs out waits a few seconds, not minutes.
    code_misses_per_minute: Count = 20
    rooms_per_minute: Count = 10  # rooms opened per client address (the burst is the open-room cap)
    open_rooms_per_address: Count = 20  # rooms one client address holds open at once
    streams_per_room: Count = 20  # live presenter streams open at once: a room has a handful of screens
    streams_per_address: Count = 50  # live streams open at once from one client address
    public_url: PublicUrl = ""  # how participants reach the gateway, for join links and QR codes
    # proxies whose X-Forwarded-For/-Proto/-Host are believed (addresses or networks)
    trusted_proxies: Networks = ("127.0.0.1", "::1")

    # SQLite file or postgresql:// URL of the gateway's own tables
    gateway_store: Store = Field(default="", validation_alias=AliasChoices(PREFIX + "GATEWAY_DB", "gateway_store"))
    migrate: Migrate = "start"  # at start, upgrade the gateway database's schema ("start") or only check it ("check")
    redis_url: RedisUrl = ""  # redis://host:port/db: Rasa's lock store (several Rasa servers), rooms, limits
    # Bearer token for /metrics and /usage (without it, only the machine itself);
    # TRIVSEL_USAGE_TOKEN is the older name, from when only /usage had a token.
    ops_token: Token = Field(
        default="", repr=False, validation_alias=AliasChoices(PREFIX + "OPS_TOKEN", PREFIX + "USAGE_TOKEN", "ops_token")
    )

    # The launcher's (python -m launcher): Rasa + action server pairs and their first ports.
    engines: Engines = 0  # 0: one pair per core, up to two
    rasa_port: Port = 5005
    action_port: Port = 5055
    engine_log: EngineLog = "quiet"  # or "debug" (log privacy keeps both free of leaders' words)
    rasa_workers: Workers = 1  # Sanic workers per Rasa server (more than one needs TRIVSEL_REDIS_URL)

    @field_validator("rasa_workers")
    @classmethod
    def _workers_share_a_lock_store(cls, value: int, info: ValidationInfo) -> int:
        if value > 1 and info.data.get("redis_url") == "":
            raise _problem("needs", "above 1 needs TRIVSEL_REDIS_URL (a lock store the workers share)")
        return value

    @property
    def gateway_db(self) -> str:
        return self.gateway_store or str(self.var_dir / "gateway.db")

    @property
    def tracker_target(self) -> str:
        return self.tracker_db or str(self.var_dir / "tracker.db")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> Tuple[PydanticBaseSettingsSource, ...]:
        # Only what the code passes: from_env reads the environment itself.
        return (init_settings,)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """The settings the environment (or `env`) gives; SettingsError names every bad value."""
        try:
            return cls(**_Environment(cls, env)())
        except ValidationError as error:
            problems = [_message(cls, problem) for problem in error.errors()]
            raise SettingsError("Settings the service cannot use:\n  " + "\n  ".join(problems)) from None


# An empty value means "none" for these (trust no proxy, no public URL); for the rest it means the default.
EMPTY_ALLOWED = {"trusted_proxies", "public_url"}


class _Environment(EnvSettingsSource):
    """pydantic-settings' environment source over a given mapping (os.environ, or a test's dict),
    without the empty values that mean "the default"."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]):
        # Names as the environment spells them (upper case), lowered for pydantic-settings' lookup.
        self._given = {
            k.lower(): v for k, v in env.items() if k.isupper() and (v != "" or k[len(PREFIX) :].lower() in EMPTY_ALLOWED)
        }
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, Optional[str]]:
        return self._given


def variable(name: str) -> str:
    """The environment variable a field is read from."""
    alias = Settings.model_fields[name].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return PREFIX + name.upper()


# Every variable and the field it sets.
VARIABLES: Dict[str, str] = {variable(name): name for name in Settings.model_fields}
# The field behind each name a validation error may use: the field's, or any of its variables.
_FIELDS: Dict[str, str] = {name: name for name in Settings.model_fields}
for _name, _field in Settings.model_fields.items():
    if isinstance(_field.validation_alias, AliasChoices):
        _FIELDS.update({str(choice): _name for choice in _field.validation_alias.choices})

# What is wrong with a value, by the kind of error pydantic found.
_PROBLEMS = {
    "int_parsing": "that is not a whole number",
    "int_from_float": "that is not a whole number",
    "float_parsing": "that is not a number",
    "finite_number": "that is not a number",
    "greater_than_equal": "that is below {ge}",
    "greater_than": "that is not above {gt}",
    "less_than_equal": "that is above {le}",
    "literal_error": "",
}
# Whatever comes before an "@" (a URL's user and password), after the scheme.
_CREDENTIALS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:/*)?.*@")


def _shown(value: str) -> str:
    """A value as a message may show it: a URL's user and password are left out."""
    return repr(_CREDENTIALS.sub(r"\1…@", value))


def _message(model: type[BaseModel], error: Any) -> str:
    """One line for one bad value: the variable, what is allowed, the value, and its problem."""
    name = _FIELDS[str(error["loc"][0])]
    field = model.model_fields[name]
    if error["type"] == "needs":
        return f"{variable(name)} {error['msg']}"
    allowed = next((m.words for m in field.metadata if isinstance(m, Allowed)), "")
    if any(isinstance(m, Secret) for m in field.metadata):
        shown = "the value given (not shown: it is a secret)"
    else:
        shown = _shown(str(error["input"]))
    if error["type"] in _PROBLEMS:
        ctx = {k: f"{v:g}" if isinstance(v, float) else v for k, v in error.get("ctx", {}).items()}
        problem = _PROBLEMS[error["type"]].format(**ctx)
    else:
        problem = error["msg"]  # our validators' own words (or pydantic's, for a kind not above)
    return f"{variable(name)} must be {allowed}, not {shown}" + (f" ({problem})" if problem else "")
