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
from typing import Any, Mapping

from pydantic import BaseSettings, Field, ValidationError, validator

ROOT = Path(__file__).resolve().parent.parent


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

    class Config:
        case_sensitive = True

    @validator("*", pre=True)
    def _empty_is_the_default(cls, value: Any, field: Any) -> Any:
        return field.default if value == "" else value

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


def variable(name: str) -> str:
    """The environment variable a field is read from."""
    return str(EngineSettings.__fields__[name].field_info.extra["env"])


def _message(name: str, error: Mapping[str, Any]) -> str:
    """One line for one bad value: the variable, what is allowed, the value (none is secret), and its problem."""
    kind = error["type"]
    problem = _PROBLEMS[kind].format(**error.get("ctx", {})) if kind in _PROBLEMS else error["msg"]
    allowed = EngineSettings.__fields__[name].field_info.extra["allowed"]
    line = f"{variable(name)} must be {allowed}, not {os.environ.get(variable(name), '')!r}"
    return line + (f" ({problem})" if problem else "")


def load() -> EngineSettings:
    """The engine's settings from the environment; SettingsError names every bad value."""
    try:
        return EngineSettings()
    except ValidationError as error:
        problems = [_message(str(e["loc"][0]), e) for e in error.errors()]
        raise SettingsError("Settings the engine cannot use:\n  " + "\n  ".join(problems)) from None
