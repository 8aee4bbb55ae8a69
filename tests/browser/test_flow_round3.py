"""The landing page after the third user walk (issue 22): a finished conversation kept in this
browser is offered for its documents, not as one to carry on."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.conversations import tools
from tests.support.browser import PHONE
from tests.support.client import Api

pytestmark = pytest.mark.browser

TITLES = tools.available()


def finished_ladder(api):
    r = api.start("maturity", "da")
    cid = r["id"]
    while r["state"] != "completed":
        offered = [b["payload"] for m in r["messages"] for b in m.get("buttons", [])]
        confirm = '/choose{"value": "confirm"}'
        r = api.tap(cid, confirm if confirm in offered else offered[0])
    return cid


def test_a_finished_conversation_is_marked_finished_and_one_under_way_as_saved(browser, stack):
    api = Api(stack.base)
    done = finished_ladder(api)
    going = api.start("leader", "da")["id"]
    context = browser.new_context(viewport=PHONE, base_url=stack.base)
    page = context.new_page()
    page.goto("/")
    page.evaluate(
        "([a, b]) => { localStorage.setItem('trivsel:-:maturity', a); localStorage.setItem('trivsel:-:leader', b); }",
        [done, going],
    )
    page.reload()
    ladder, leader = TITLES["maturity"]["da"], TITLES["leader"]["da"]
    expect(page.get_by_role("button", name=f"{ladder} (færdig – hent dine dokumenter)", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=f"{leader} (gemt – fortsæt, hvor du slap)", exact=True)).to_be_visible()
    # The one last worked in, under way, is offered at the top of the first screen (a phone walk found the
    # only sign of it on its button, below the fold); a finished one never is.
    page.evaluate("() => localStorage.setItem('trivsel:-:last', 'leader')")
    page.reload()
    banner = page.get_by_role("button", name=f"Fortsæt din samtale: {leader}", exact=True)
    expect(banner).to_be_in_viewport()
    page.evaluate("() => localStorage.setItem('trivsel:-:last', 'maturity')")
    page.reload()
    expect(page.get_by_role("button", name=f"{ladder} (færdig – hent dine dokumenter)", exact=True)).to_be_visible()
    expect(page.locator("#resume")).to_be_hidden()
    page.evaluate("() => localStorage.setItem('trivsel:-:last', 'leader')")
    page.reload()
    banner.click()
    expect(page.locator("#conversation-title")).to_have_text(leader)
    page.goto("/")
    # Opened, the finished ladder shows its documents.
    page.get_by_role("button", name=f"{ladder} (færdig – hent dine dokumenter)", exact=True).click()
    expect(page.locator(".tv-log")).to_contain_text("trin")
    context.close()


def test_coming_back_after_the_care_message_and_a_pause_shows_the_way_on_and_not_the_words(browser, stack):
    """A walk reloaded after a disclosure and a pause: the words were on the screen again, and "Velkommen
    tilbage. Her er du nået til:" stood above the pause text, not a question."""
    api = Api(stack.base)
    r = api.start("leader", "da")
    cid = r["id"]
    r = api.tap(cid, '/choose{"value": "yes"}')  # Har du selv en leder over dig? Ja
    r = api.say(cid, "jeg har tænkt på at tage mit eget liv")
    said = " ".join(m.get("text") or "" for m in r["messages"])
    assert "Livslinien" in said and "kommer ikke med i dokumentet" in said
    api.tap(cid, "/pause")
    context = browser.new_context(viewport=PHONE, base_url=stack.base)
    page = context.new_page()
    page.goto("/")
    page.evaluate("(c) => localStorage.setItem('trivsel:-:leader', c)", cid)
    page.reload()
    page.get_by_role("button", name=f"{TITLES['leader']['da']} (gemt – fortsæt, hvor du slap)", exact=True).click()
    log = page.locator(".tv-log")
    expect(log).to_contain_text("Tryk på »Fortsæt«, når du er klar")
    expect(log).to_contain_text("(Det, der blev skrevet her, vises ikke igen.)")
    expect(log).not_to_contain_text("tage mit eget liv")
    page.locator(".tv-log").get_by_role("button", name="Fortsæt").last.click()
    expect(log).to_contain_text("Hvilket tema fylder mest")  # the question the leader had reached
    context.close()
