"""Dates are read on the leaders' day, not the server's: "i morgen" typed at ten to one on a Danish night."""

from __future__ import annotations

import datetime as dt

import pytest

from catalogue import clock


def test_the_day_is_the_leaders_not_the_servers(monkeypatch):
    # 23:50 UTC on 7 December is 00:50 on 8 December in Denmark
    late = dt.datetime(2026, 12, 7, 23, 50, tzinfo=dt.timezone.utc)
    assert late.astimezone(clock.zone()).date() == dt.date(2026, 12, 8)
    monkeypatch.setenv(clock.VARIABLE, "America/New_York")
    assert late.astimezone(clock.zone()).date() == dt.date(2026, 12, 7)


def test_a_zone_nobody_has_rules_for_is_refused_with_its_name():
    with pytest.raises(ValueError, match="Mars/Olympus"):
        clock.zone("Mars/Olympus")


def test_the_engine_refuses_to_start_on_a_bad_time_zone(monkeypatch):
    from rasa_components import settings

    monkeypatch.setenv("TRIVSEL_TIME_ZONE", "Mars/Olympus")
    with pytest.raises(settings.SettingsError, match="TRIVSEL_TIME_ZONE"):
        settings.load()
