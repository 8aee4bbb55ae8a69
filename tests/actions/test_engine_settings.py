"""The engine's own TRIVSEL_* settings are read and checked in one place (rasa_components/settings.py),
and a bad value stops Rasa and the action server as they start, with one message naming each problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasa_components import settings, speedups
from rasa_components.cli import REFUSED

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = [settings.variable(name) for name in settings.EngineSettings.__fields__]
START_VARIABLES = [settings.variable(name, settings.StartSettings) for name in settings.StartSettings.__fields__]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in VARIABLES + START_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_the_defaults():
    s = settings.load()
    assert (s.retention_days, s.speedups, s.log_privacy, s.content, s.breaking_model) == (30, True, "on", ROOT / "content", "")


def test_values_are_read_and_an_empty_one_is_the_default(monkeypatch, tmp_path):
    (tmp_path / "common.yml").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("TRIVSEL_RETENTION_DAYS", "45")
    monkeypatch.setenv("TRIVSEL_LOG_PRIVACY", "off")
    monkeypatch.setenv("TRIVSEL_CONTENT", str(tmp_path))
    monkeypatch.setenv("TRIVSEL_BREAKING_MODEL", "")
    s = settings.load()
    assert (s.retention_days, s.log_privacy, s.content, s.breaking_model) == (45, "off", tmp_path, "")


@pytest.mark.parametrize(
    "value,wanted", [("off", False), ("OFF", False), ("0", False), ("false", False), ("no", False), ("on", True), ("", True)]
)
def test_speedups_are_switched_off_by_the_words_they_always_took(monkeypatch, value, wanted):
    monkeypatch.setenv("TRIVSEL_SPEEDUPS", value)
    assert speedups.wanted() is wanted


@pytest.mark.parametrize(
    "name,value,allowed,problem",
    [
        ("TRIVSEL_RETENTION_DAYS", "thirty", "a whole number of days, 1 or more", "that is not a whole number"),
        ("TRIVSEL_RETENTION_DAYS", "0", "a whole number of days, 1 or more", "that is below 1"),
        ("TRIVSEL_SPEEDUPS", "sometimes", "on or off (or true/false, yes/no, 1/0)", ""),
        ("TRIVSEL_LOG_PRIVACY", "false", "on or off (off only for offline training and tests)", ""),
        ("TRIVSEL_CONTENT", "/no/such/folder", "a folder holding the content catalogue", "there is no such folder"),
        ("TRIVSEL_CONTENT", "/tmp", "a folder holding the content catalogue", "there is no common.yml in it"),
    ],
)
def test_a_bad_value_says_what_is_wrong_and_what_is_allowed(monkeypatch, name, value, allowed, problem):
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingsError) as refused:
        settings.load()
    line = str(refused.value).splitlines()[1].strip()
    assert line.startswith(f"{name} must be {allowed}") and f"not {value!r}" in line and problem in line, line


def test_every_problem_is_named_at_once(monkeypatch):
    monkeypatch.setenv("TRIVSEL_RETENTION_DAYS", "-1")
    monkeypatch.setenv("TRIVSEL_SPEEDUPS", "maybe")
    with pytest.raises(settings.SettingsError) as refused:
        settings.load()
    assert "TRIVSEL_RETENTION_DAYS" in str(refused.value) and "TRIVSEL_SPEEDUPS" in str(refused.value)


def test_nothing_in_the_engine_reads_the_environment_past_its_settings():
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", "-e", 'environ.get("TRIVSEL_', "-e", 'getenv("TRIVSEL_', "actions", "rasa_components"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert found == "", found


def _start(args, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    environment.update({"PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "3", **env})
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=180)


def test_rasa_refuses_to_start_on_a_bad_setting():
    # Port 18401 is never listened on: the settings are checked before the model is even looked for.
    started = _start(["rasa_components.cli", "run", "--port", "18401"], TRIVSEL_RETENTION_DAYS="a month")
    assert started.returncode == REFUSED, started.stderr[-2000:]
    refusal = started.stderr[started.stderr.index("The engine refuses to start.") :]  # after library warnings
    assert "TRIVSEL_RETENTION_DAYS must be a whole number of days, 1 or more, not 'a month'" in refusal
    assert "Traceback" not in started.stderr


def test_the_action_server_refuses_to_start_on_a_bad_setting():
    started = _start(["rasa_sdk", "--actions", "actions", "--port", "18402"], TRIVSEL_LOG_PRIVACY="no")
    assert started.returncode != 0, started.stderr[-2000:]
    assert "The action server refuses to start." in started.stderr, started.stderr[-2000:]
    assert "TRIVSEL_LOG_PRIVACY must be on or off" in started.stderr and "Traceback" not in started.stderr


def test_a_container_starts_rasa_and_the_action_server_from_checked_settings(monkeypatch, tmp_path):
    """The engine image's entrypoint (python -m rasa_components.start) reads its variables here too."""
    from rasa_components import serve

    monkeypatch.setenv("TRIVSEL_ACTIONS_HOST", "0.0.0.0")
    monkeypatch.setenv("TRIVSEL_ACTION_PORT", "5155")
    monkeypatch.setenv("TRIVSEL_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("TRIVSEL_TRACKER_DB", "postgresql://trivsel@db/trivsel")
    monkeypatch.setenv("TRIVSEL_ACTION_URLS", "http://actions:5155/, http://other:5155")
    args, extra = serve.command_from_settings("actions", settings.load_start())
    assert extra["SANIC_HOST"] == "0.0.0.0" and args[args.index("--port") + 1] == "5155"
    args, extra = serve.command_from_settings("rasa", settings.load_start())
    written = (tmp_path / "endpoints.yml").read_text(encoding="utf-8")
    assert "http://actions:5155/webhook" in written and "db" in written and args[args.index("--port") + 1] == "5005"


@pytest.mark.parametrize(
    "name,value,line",
    [
        ("TRIVSEL_ENGINE_LOG", "loud", "TRIVSEL_ENGINE_LOG must be quiet or debug, not 'loud'"),
        ("TRIVSEL_RASA_PORT", "70000", "TRIVSEL_RASA_PORT must be a port number from 1 to 65535, not '70000'"),
        ("TRIVSEL_ACTION_URLS", "actions:5055", "TRIVSEL_ACTION_URLS must be http:// URLs, comma-separated, not 'actions:5055'"),
        ("TRIVSEL_REDIS_URL", "http://:hunter2@cache", "TRIVSEL_REDIS_URL must be a redis:// or rediss:// URL, not its value"),
        (
            "TRIVSEL_TRACKER_DB",
            "mysql://u:hunter2@db/x",
            "TRIVSEL_TRACKER_DB must be a SQLite file path or a postgresql:// URL, not its value",
        ),
    ],
)
def test_a_bad_start_setting_is_named_and_a_secret_never_shown(monkeypatch, name, value, line):
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingsError) as refused:
        settings.load_start()
    assert line in str(refused.value) and "hunter2" not in str(refused.value)


def test_several_rasa_workers_need_a_shared_lock_store(monkeypatch):
    monkeypatch.setenv("TRIVSEL_RASA_WORKERS", "2")
    with pytest.raises(settings.SettingsError, match="TRIVSEL_RASA_WORKERS above 1 needs TRIVSEL_REDIS_URL"):
        settings.load_start()
    monkeypatch.setenv("TRIVSEL_REDIS_URL", "redis://cache:6379/0")
    assert settings.load_start().rasa_workers == 2


def test_the_images_entrypoint_refuses_a_bad_setting_with_one_message():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRIVSEL_ACTION_PORT": "many"}
    done = subprocess.run(
        [sys.executable, "-m", "rasa_components.start", "actions"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "TRIVSEL_ACTION_PORT must be a port number from 1 to 65535, not 'many'" in done.stderr
