"""Værktøj 2 in the widget at "Vi holder mødet nu": the screen starts afresh for the group, so the
leader's own "why now", typed a few turns earlier, is not left on screen above the meeting's first
question; nor after a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import catalogue
from tests.support.browser import answer, no_axe_violations, shot, tap

pytestmark = pytest.mark.browser

# The leader's own question, as the guide asks it (the texts change; the step stays).
WHY = catalogue.tool("group").known_step("group_why_now").spec["ask"]
PRIVATE = "Ærligt talt fordi min kone og jeg skændes for meget om firmaet"


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=stack.base)
    yield context.new_page()
    context.close()


def test_the_meeting_starts_on_a_clean_screen_without_the_leaders_own_answer(page):
    page.goto("/?tool=group")
    log = page.locator(".tv-log")
    expect(log).to_contain_text("Hvilken ledergruppe")
    for text in ["Ledergruppen i Hansen VVS", "5", "Tirsdag i uge 5 kl. 8"]:
        answer(page, text)
    if page.locator(".tv-buttons").last.get_by_role("button", name="Ja, det passer").count():
        tap(page, "Ja, det passer")  # the date read back
    expect(log.locator(".tv-bot").last).to_contain_text(WHY["da"])
    answer(page, PRIVATE)
    tap(page, "Tryghed og tillid")
    tap(page, "Krav og ressourcer")
    tap(page, "To temaer er nok")
    expect(log).to_contain_text(PRIVATE)  # the leader's own screen, while preparing
    expect(page.locator(".tv-input")).to_have_attribute("placeholder", "Skriv dit svar her …")
    page.locator(".tv-buttons").last.get_by_role("button", name="Vi holder mødet nu").click()
    expect(log).to_contain_text("Tal sammen om »Tryghed og tillid«")
    # From here the scribe types what the group says.
    expect(page.get_by_label("Jeres svar")).to_have_attribute("placeholder", "Skriv jeres svar her …")
    expect(log).to_contain_text("Her starter mødet")
    expect(log).not_to_contain_text(PRIVATE)
    expect(log).not_to_contain_text(WHY["da"])
    no_axe_violations(page, "meeting-starts")
    shot(page, "group-meeting-starts")
    answer(page, "Vi hjælper hinanden")
    expect(log.locator(".tv-leader")).to_have_count(1)  # only what was said since the meeting started
    page.reload()
    expect(log).to_contain_text("Hvad står i vejen")
    expect(log).to_contain_text("Her starter mødet")
    expect(log).not_to_contain_text(PRIVATE)
    expect(page.get_by_label("Jeres svar")).to_be_visible()  # still the group's field after a reload
