"""A date typed at a when-question, through the real stack: read back as the date it will be, and
printed as that date, never as the relative words typed (a poster hangs for months)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import catalogue
from catalogue import clock
from tests.support.client import button, texts
from tests.support.walkthrough import as_printed, finish, leader_script, squash, to_review

pytestmark = pytest.mark.e2e

TO_FIRST_STEP_WHEN = leader_script()[:14]  # up to "Hvornår går du i gang?"


def next_weekday(weekday: int, today: dt.date) -> dt.date:
    """The first such weekday after today, as "næste fredag" means it."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def written(day: dt.date, language: str) -> str:
    weekday = catalogue.common()["weekdays"][language][day.weekday()]
    month = catalogue.common()["months"][language][day.month - 1]
    return f"{weekday} {day.day}. {month} {day.year}" if language == "da" else f"{weekday} {day.day} {month} {day.year}"


def said_back(reply) -> str:
    quoted = re.search(r"[»“](.+?)[«”]", texts(reply))
    assert quoted, texts(reply)
    return quoted.group(1)


def test_a_relative_day_and_week_typed_on_a_phone_are_printed_as_dates_in_danish(api):
    cid = api.start("leader", "da")["id"]
    r = api.play(cid, TO_FIRST_STEP_WHEN)
    assert "Hvornår går du i gang?" in texts(r)
    today = clock.today()  # the leaders' day, as the engine reads dates (catalogue/clock.py)
    friday = written(next_weekday(4, today), "da")

    r = api.say(cid, "naeste fre")
    assert f"Jeg skriver »{friday}« – passer det?" in texts(r)
    r = api.tap(cid, button(r, "Ja, det passer"))
    assert "Hvordan vil du mærke, at det hjælper?" in texts(r)

    r = api.play(cid, leader_script()[15:20])
    assert "Hvornår vil du tage samtalen?" in texts(r)
    r = api.say(cid, "i naeste uge")
    week = said_back(r)
    monday = next_weekday(0, today)
    number = monday.isocalendar()[1]
    assert week.startswith(f"i uge {number} (") and str((monday + dt.timedelta(days=4)).year) in week, week
    r = api.tap(cid, button(r, "Ja, det passer"))

    done, document, pdf = finish(api, cid, to_review(api, cid, r))
    printed = squash(pdf)
    assert as_printed(friday) in printed and as_printed(week) in printed  # "Fredag 11. december 2026"
    assert "naeste fre" not in pdf and "naeste uge" not in pdf


def test_a_relative_day_in_english_can_be_refused_or_kept_in_the_leaders_own_words(api):
    cid = api.start("leader", "en")["id"]
    r = api.play(cid, TO_FIRST_STEP_WHEN)
    assert "When will you start?" in texts(r)
    today = clock.today()  # the leaders' day, as the engine reads dates (catalogue/clock.py)

    r = api.say(cid, "in 2 weeks")
    assert said_back(r) == written(today + dt.timedelta(days=14), "en")
    r = api.tap(cid, button(r, "No, another day"))  # asked again
    assert "When will you start?" in texts(r)
    monday = written(next_weekday(0, today), "en")
    r = api.say(cid, "next mon")
    assert f"I'll put down “{monday}”. Is that right?" in texts(r)
    r = api.tap(cid, button(r, "Keep my own words"))

    done, document, pdf = finish(api, cid, to_review(api, cid, r, "en"), "en")
    assert "Next mon" in pdf and monday not in " ".join(pdf.split())  # with its capital, as every answer printed


def test_a_thumb_takes_the_date_read_back_and_a_no_before_the_day_said_instead_is_not_printed(api):
    """A second user walk confirmed a read-back with 👍 and found the thumb printed as the date; "nej,
    tirsdag om en uge" typed after the question came back was printed "Nej, tirsdag …"."""
    cid = api.start("leader", "da")["id"]
    r = api.play(cid, TO_FIRST_STEP_WHEN)
    today = clock.today()  # the leaders' day, as the engine reads dates (catalogue/clock.py)
    friday = written(next_weekday(4, today), "da")
    r = api.say(cid, "naeste fre")
    assert f"Jeg skriver »{friday}« – passer det?" in texts(r)
    r = api.say(cid, "👍")
    assert "Hvordan vil du mærke, at det hjælper?" in texts(r), texts(r)

    r = api.play(cid, leader_script()[15:20])
    assert "Hvornår vil du tage samtalen?" in texts(r)
    tuesday = written(next_weekday(1, today) + dt.timedelta(days=7), "da")
    r = api.say(cid, "nej, tirsdag om en uge")
    assert said_back(r) == tuesday, texts(r)
    r = api.say(cid, "👍")

    _, _, pdf = finish(api, cid, to_review(api, cid, r))
    printed = squash(pdf)
    assert as_printed(friday) in printed and as_printed(tuesday) in printed
    assert "👍" not in pdf and "Nej,tirsdag" not in printed
