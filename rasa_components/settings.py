"""The engine's own settings: the TRIVSEL_* variables Rasa's and the action server's processes read
themselves, read and checked here with pydantic's BaseSettings (1.10, the one Rasa pins).

`load()` is called as each process starts (rasa_components.cli before Rasa, actions/__init__.py in
the action server), so a bad value stops the start with one message naming each variable, what is
allowed and what is wrong with its value, not the first conversation. The gateway's and the
launcher's settings are bot/settings.py's (pydantic-settings); the launcher passes
TRIVSEL_RETENTION_DAYS on. TRIVSEL_CONTENT is read by catalogue (both environments import it,
without pydantic); it is checked here too, for the engine. TRIVSEL_RASA_TOKEN is no setting here:
rasa_components.cli takes it out of the environment and hands it to Rasa.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Mapping, Type, TypeVar

from pydantic import BaseSettings, Field, ValidationError, root_validator, validator

ROOT = Path(__file__).resolve().parent.parent


S = TypeVar("S", bound=BaseSettings)


class SettingsError(ValueError):
    """One or more of the engine's TRIVSEL_* variables hold a value it cannot use."""


class EngineSettings(BaseSettings):
    # `allowed`: what a value may be, in words, for the message a bad one gets.
    retention_days: int = Field(default=30, ge=1, env="TRIVSEL_RETENTION_DAYS", allowed="a whole number of days, 1 or more")
    speedups: bool = Field(default=True, env="TRIVSEL_SPEEDUPS", allowed="on or off (or true/false, yes/no, 1/0)")
    log_privacy: str = Field(
        default="on",
        regex="^(on|off)$",
        env="TRIVSEL_LOG_PRIVACY",
        allowed="on or off (off only for offline training and tests)",
    )
    content: Path = Field(
        default=ROOT / "content", env="TRIVSEL_CONTENT", allowed="a folder holding the content catalogue (its common.yml)"
    )
    breaking_model: str = Field(
        default="", env="TRIVSEL_BREAKING_MODEL", allowed="the id of the model a deliberate breaking release starts"
    )
    time_zone: str = Field(
        default="Europe/Copenhagen", env="TRIVSEL_TIME_ZONE", allowed="a time zone name such as Europe/Copenhagen"
    )

    class Config:
        case_sensitive = True

    @validator("*", pre=True)
    def _empty_is_the_default(cls, value: Any, field: Any) -> Any:
        return field.default if value == "" else value

    @validator("time_zone")
    def _is_a_time_zone(cls, value: str) -> str:
        from catalogue import clock

        clock.zone(value)  # ValueError, with the name, for a zone no rules are known for
        return value

    @validator("content")
    def _is_a_catalogue(cls, value: Path) -> Path:
        if not (value / "common.yml").is_file():
            raise ValueError("there is no common.yml in it" if value.is_dir() else "there is no such folder")
        return value


# What is wrong with a value, by the kind of error pydantic found.
_PROBLEMS = {
    "type_error.integer": "that is not a whole number",
    "type_error.bool": "",
    "value_error.number.not_ge": "that is below {limit_value}",
    "value_error.str.regex": "",
}


class StartSettings(BaseSettings):
    """What starts Rasa or the action server in a container (`python -m rasa_components.serve`, the
    engine image's entrypoint): the same variables the launcher reads for them on one machine."""

    engine_log: str = Field(default="quiet", regex="^(quiet|debug)$", env="TRIVSEL_ENGINE_LOG", allowed="quiet or debug")
    redis_url: str = Field(
        default="", regex="^(rediss?://.+)?$", env="TRIVSEL_REDIS_URL", allowed="a redis:// or rediss:// URL", secret=True
    )
    rasa_workers: int = Field(default=1, ge=1, env="TRIVSEL_RASA_WORKERS", allowed="a whole number, 1 or more")
    retention_days: int = Field(default=30, ge=1, env="TRIVSEL_RETENTION_DAYS", allowed="a whole number of days, 1 or more")
    rasa_host: str = Field(default="127.0.0.1", env="TRIVSEL_RASA_HOST", allowed="the address Rasa listens on")
    rasa_port: int = Field(default=5005, ge=1, le=65535, env="TRIVSEL_RASA_PORT", allowed="a port number from 1 to 65535")
    # Loopback by default, for the Rasa beside it; 0.0.0.0 in a pod, so that the gateways' /readyz can
    # ask it (deploy/kubernetes/engine.yaml; a NetworkPolicy keeps others out).
    actions_host: str = Field(default="127.0.0.1", env="TRIVSEL_ACTIONS_HOST", allowed="the address the action server listens on")
    action_port: int = Field(default=5055, ge=1, le=65535, env="TRIVSEL_ACTION_PORT", allowed="a port number from 1 to 65535")
    # Rasa's own action server: the first of them (in a pod, the container beside it).
    action_urls: str = Field(
        default="http://127.0.0.1:5055", regex="^https?://", env="TRIVSEL_ACTION_URLS", allowed="http:// URLs, comma-separated"
    )
    var_dir: Path = Field(default=ROOT / "var", env="TRIVSEL_VAR_DIR", allowed="a folder for the engine's files")
    tracker_db: str = Field(
        default="",
        regex="^(postgresql(\\+[a-z0-9]+)?://.+|[^:]*)$",
        env="TRIVSEL_TRACKER_DB",
        allowed="a SQLite file path or a postgresql:// URL",
        secret=True,
    )

    class Config:
        case_sensitive = True

    @validator("*", pre=True)
    def _empty_is_the_default(cls, value: Any, field: Any) -> Any:
        return field.default if value == "" else value

    @root_validator(skip_on_failure=True)
    def _workers_share_a_lock_store(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        if values["rasa_workers"] > 1 and not values["redis_url"]:
            raise ValueError("TRIVSEL_RASA_WORKERS above 1 needs TRIVSEL_REDIS_URL (a lock store the workers share)")
        return values

    @property
    def action_url(self) -> str:
        return self.action_urls.split(",")[0].strip().rstrip("/")

    @property
    def tracker_target(self) -> str:
        return self.tracker_db or str(self.var_dir / "tracker.db")


def variable(name: str, kind: Type[BaseSettings] = EngineSettings) -> str:
    """The environment variable a field is read from."""
    return str(kind.__fields__[name].field_info.extra["env"])


def _message(kind: Type[BaseSettings], name: str, error: Mapping[str, Any]) -> str:
    """One line for one bad value: the variable, what is allowed, the value (never a secret's), and its problem."""
    if name == "__root__":  # a rule between two settings: its message says it all
        return str(error["msg"])
    problem = _PROBLEMS[error["type"]].format(**error.get("ctx", {})) if error["type"] in _PROBLEMS else error["msg"]
    extra = kind.__fields__[name].field_info.extra
    shown = "its value" if extra.get("secret") else repr(os.environ.get(variable(name, kind), ""))
    line = f"{variable(name, kind)} must be {extra['allowed']}, not {shown}"
    return line + (f" ({problem})" if problem else "")


def _read(kind: Type[S]) -> S:
    try:
        return kind()
    except ValidationError as error:
        problems = [_message(kind, str(e["loc"][0]), e) for e in error.errors()]
        raise SettingsError("Settings the engine cannot use:\n  " + "\n  ".join(problems)) from None


def load() -> EngineSettings:
    """The engine's settings from the environment; SettingsError names every bad value."""
    return _read(EngineSettings)


def load_start() -> StartSettings:
    """How to start Rasa or the action server, from the environment; SettingsError names every bad value."""
    return _read(StartSettings)
