"""Every TRIVSEL_* setting is read in one place and checked: a bad value names itself."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.settings import ROOT, VARIABLES, Settings, SettingsError


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
