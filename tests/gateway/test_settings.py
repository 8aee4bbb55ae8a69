"""Every TRIVSEL_* setting is read in one place and checked: a bad value names itself."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bot.settings import ROOT, VARIABLES, Settings, SettingsError
from tests.support import guides


def test_the_defaults_run_on_one_machine():
    s = Settings.from_env({})
    assert (s.port, s.trusted_proxies, s.engines, s.rasa_workers) == (8080, ("127.0.0.1", "::1"), 0, 1)


def test_values_are_read_into_their_settings():
    s = Settings.from_env(
        {
            "TRIVSEL_PORT": "9000",
            "TRIVSEL_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.5",
            "TRIVSEL_RASA_URLS": "http://a:5005,http://b:5005/",
            "TRIVSEL_PDF_WORKER_MB": "0",
            "TRIVSEL_PUBLIC_URL": "https://guide.example.dk/",
            "TRIVSEL_ENGINES": "2",
        }
    )
    assert s.port == 9000 and s.trusted_proxies == ("10.0.0.0/8", "192.168.1.5") and s.pdf_worker_mb == 0
    assert s.rasa_urls == ["http://a:5005", "http://b:5005"] and s.public_url == "https://guide.example.dk" and s.engines == 2
    assert Settings.from_env({"TRIVSEL_TRUSTED_PROXIES": ""}).trusted_proxies == ()  # trust no proxy


@pytest.mark.parametrize(
    "name,value",
    [
        ("TRIVSEL_PORT", "eighty"),
        ("TRIVSEL_PORT", "70000"),
        ("TRIVSEL_MESSAGES_PER_MINUTE", "0"),
        ("TRIVSEL_TRUSTED_PROXIES", "nginx.local"),
        ("TRIVSEL_PUBLIC_URL", "guide.example.dk"),
        ("TRIVSEL_REDIS_URL", "127.0.0.1:6379"),
        ("TRIVSEL_RASA_URLS", "rasa:5005"),
        ("TRIVSEL_ENGINE_LOG", "loud"),
        ("TRIVSEL_PDF_WORKER_MB", "-1"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable_and_the_value(name, value):
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({name: value})
    assert name in str(refused.value) and repr(value) in str(refused.value)


@pytest.mark.parametrize(
    "name,value,allowed,problem",
    [
        ("TRIVSEL_PORT", "eighty", "a port number from 1 to 65535", "not a whole number"),
        ("TRIVSEL_PORT", "70000", "a port number from 1 to 65535", "above 65535"),
        ("TRIVSEL_RASA_PORT", "0", "a port number from 1 to 65535", "below 1"),
        ("TRIVSEL_RETENTION_DAYS", "1.5", "a whole number, 1 or more", "not a whole number"),
        ("TRIVSEL_ROOM_HOURS", "forever", "a number of hours above 0, up to 720", "not a number"),
        ("TRIVSEL_ROOM_HOURS", "1000", "a number of hours above 0, up to 720", "above 720"),
        ("TRIVSEL_PDF_WORKER_MB", "nan", "a number of megabytes, 0 or more", "not a number"),
        ("TRIVSEL_ENGINES", "17", "a whole number from 0 to 16", "above 16"),
        ("TRIVSEL_MIGRATE", "yes", "start (upgrade the database's schema at start) or check (only check it)", ""),
        ("TRIVSEL_ENGINE_LOG", "loud", "quiet or debug", ""),
        (
            "TRIVSEL_ACTION_URLS",
            "http://a:5055,actions:5055",
            "one or more http:// or https:// URLs",
            "'actions:5055' does not start with http://",
        ),
        ("TRIVSEL_RASA_URLS", " , ", "one or more http:// or https:// URLs", "there is no URL in it"),
        ("TRIVSEL_TRUSTED_PROXIES", "10.0.0.0/8,nginx.local", "IP addresses or networks", "'nginx.local' is neither"),
        ("TRIVSEL_PUBLIC_URL", "guide.example.dk", "an https:// (or http://) URL", "does not start with https://"),
        ("TRIVSEL_TRACKER_DB", "mysql://db/rasa", "a SQLite file path or a postgresql:// URL", "a mysql: URL"),
        ("TRIVSEL_GATEWAY_DB", "redis://db/1", "a SQLite file path or a postgresql:// URL", "a redis: URL"),
        ("TRIVSEL_REDIS_URL", "127.0.0.1:6379", "a redis:// (or rediss://, unix://) URL", "does not start with redis://"),
    ],
)
def test_a_bad_value_of_each_kind_says_what_is_wrong_and_what_is_allowed(name, value, allowed, problem):
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({name: value})
    line = str(refused.value).splitlines()[1].strip()
    assert line.startswith(f"{name} must be {allowed}") and f"not {value!r}" in line, line
    assert problem in line, line


@pytest.mark.parametrize(
    "name,value",
    [
        ("TRIVSEL_REDIS_URL", "redis:/:hunter2@cache:6379/0"),  # one slash short
        ("TRIVSEL_GATEWAY_DB", "mysql://trivsel:hunter2@db/trivsel"),
        ("TRIVSEL_TRACKER_DB", "http://rasa:hunter2@db"),
        ("TRIVSEL_RASA_URLS", "http://a:5005,rasa://user:hunter2@b:5005"),
    ],
)
def test_a_password_in_a_bad_value_is_never_shown(name, value):
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({name: value})
    assert name in str(refused.value) and "hunter2" not in str(refused.value), str(refused.value)


def test_the_tokens_are_not_in_the_settings_repr():
    s = Settings.from_env({"TRIVSEL_OPS_TOKEN": "ops-hunter2", "TRIVSEL_RASA_TOKEN": "rasa-hunter2"})
    assert (s.ops_token, s.rasa_token) == ("ops-hunter2", "rasa-hunter2")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s)


def test_the_older_token_name_is_read_when_the_new_one_is_unset_or_empty():
    assert Settings.from_env({"TRIVSEL_OPS_TOKEN": "new", "TRIVSEL_USAGE_TOKEN": "old"}).ops_token == "new"
    assert Settings.from_env({"TRIVSEL_OPS_TOKEN": "", "TRIVSEL_USAGE_TOKEN": "old"}).ops_token == "old"
    assert Settings.from_env({}).ops_token == ""


def test_an_empty_value_means_the_default_except_where_it_means_none():
    s = Settings.from_env({"TRIVSEL_PORT": "", "TRIVSEL_RASA_URLS": "", "TRIVSEL_MIGRATE": "", "TRIVSEL_PUBLIC_URL": ""})
    assert (s.port, s.rasa_urls, s.migrate, s.public_url) == (8080, ["http://127.0.0.1:5005"], "start", "")
    assert Settings.from_env({"TRIVSEL_GATEWAY_DB": "postgresql://db/gw"}).gateway_db == "postgresql://db/gw"


def test_settings_made_in_code_read_nothing_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRIVSEL_PORT", "9999")
    assert Settings().port == 8080 and Settings(gateway_store="x.db").gateway_db == "x.db"
    assert Settings.from_env().port == 9999  # the process's environment, by default


def test_every_problem_is_named_at_once():
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"TRIVSEL_PORT": "x", "TRIVSEL_ROOM_HOURS": "forever", "TRIVSEL_RASA_WORKERS": "2"})
    message = str(refused.value)
    assert "TRIVSEL_PORT" in message and "TRIVSEL_ROOM_HOURS" in message and "TRIVSEL_REDIS_URL" in message


def test_every_variable_the_gateway_and_launcher_read_is_in_the_table():
    # Nothing in the gateway or launcher reads the environment past bot/settings.py.
    found = subprocess.run(
        ["grep", "-rn", "--include=*.py", 'environ.get("TRIVSEL_\\|getenv("TRIVSEL_', "bot", "launcher/stack.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert found == "", found
    assert len(VARIABLES) >= 30


def test_the_gateway_will_not_start_on_a_bad_setting():
    started = subprocess.run(
        [sys.executable, "-m", "bot.gateway"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "TRIVSEL_PORT": "eighty"},
    )
    assert started.returncode != 0 and "TRIVSEL_PORT must be a port number from 1 to 65535, not 'eighty'" in started.stderr


def test_every_setting_has_a_row_in_the_operators_guide():
    # The variables are the fields' names, not strings in the code: tests/docs' scan of the code cannot see them all.
    rows = [line for line in guides.read("operator.md").splitlines() if line.startswith("| `TRIVSEL_")]
    documented = set(re.findall(r"`(TRIVSEL_[A-Z0-9_]+)`", "\n".join(rows)))
    assert not set(VARIABLES) - documented, f"settings without a row in docs/operator.md: {sorted(set(VARIABLES) - documented)}"
    assert "TRIVSEL_USAGE_TOKEN" in documented  # the older name, still read


def test_the_operators_guide_shows_the_message_as_the_service_gives_it():
    shown = re.search(r"```\n(Settings the service cannot use:\n.*?)\n```", guides.read("operator.md"), re.S)
    assert shown, "docs/operator.md no longer shows what a bad setting gets"
    values = dict(re.findall(r"^  (TRIVSEL_\w+) .*, not '([^']*)'", shown.group(1), re.M))
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(values)
    assert str(refused.value) == shown.group(1)
