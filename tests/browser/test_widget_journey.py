"""A whole conversation as a leader has it on a phone, and what partners' pages do with the widget.

The message list scrolls inside the widget (inline on our page, in the launcher's panel, in an
iframe): the page never grows with the conversation, each reply is scrolled into view and the
input stays on screen. After a reload: "Velkommen tilbage" and the open question. Start over
clears the screen; back to the menu deletes or keeps, as the leader says. The host page's API
(TrivselWidget.open/close/start) and its events (trivsel:ready/opened/closed/completed).
"""

from __future__ import annotations

import json
from typing import Dict

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.support import partner_site
from tests.support.browser import ANSWER_FIELD, ARTIFACTS, MATURITY_TAPS, PHONE, answer, no_axe_violations, shot, tap
from tests.support.client import Api
from tests.support.walkthrough import finish, leader_script

pytestmark = pytest.mark.browser

# A 25-turn walk through the leader tool, as tapped and typed (tests/support/walkthrough.py
# leader_script is the same path through the API), with an example, a "why do you ask", and a
# strained answer whose check-in ("Fortsæt / Gem det som mit svar / Hold pause") must be on screen too;
# the leader keeps those words as the answer.
WALK = [
    ("tap", "Ja, jeg har en leder"),
    ("tap", "Pauser og restitution"),
    ("tap", "Vis et eksempel"),
    ("say", "Søndagene er fri"),
    ("say", "Jeg kan ikke mere, jeg sover ikke om natten"),
    ("tap", "Gem det som mit svar"),
    ("say", "Lydløs efter kl. 19"),
    ("tap", "Sparring og støtte"),
    ("tap", "Hvorfor spørger du?"),
    ("say", "Min makker"),
    ("say", "At stå alene"),
    ("say", "Ringe til netværket"),
    ("tap", "To temaer er nok"),
    ("say", "Gå tur med hunden"),
    ("say", "Spørge om hjælp"),
    ("say", "Færre mails"),
    ("say", "Frokost væk fra skrivebordet"),
    ("say", "Når sæsonen er slut"),
    ("say", "Jeg sover bedre"),
    ("say", "Min kone"),
    ("tap", "Min nærmeste leder"),
    ("say", "At aftenerne løber fra mig"),
    ("say", "At vi deler vagttelefonen"),
    ("say", "Efter morgenmødet"),
    ("tap", "Det ser godt ud – lav dokumentet"),
]
RELOAD_AFTER = 11  # turns; the open question is then "Hvad af det har du selv indflydelse på?"

# Where the widget's own parts are, as the leader sees them: the input, and the newest reply
# (the guide's messages after the leader's last one; its first line at least, all of it if it fits).
VIEW = """() => {
  const host = document.querySelector('.trivsel-widget-host');
  const root = host && host.shadowRoot;
  const log = root && root.querySelector('.tv-log');
  if (!log || root.querySelector('.tv-typing')) return {ready: false};
  const input = root.querySelector('.tv-input');
  const items = [...log.children];
  let last = -1;
  items.forEach((m, i) => { if (m.classList.contains('tv-leader') || m.classList.contains('tv-welcome')) last = i; });
  const reply = items.slice(last + 1);
  const vh = window.visualViewport ? visualViewport.height : innerHeight;
  const box = (e) => { const r = e.getBoundingClientRect(); return {top: Math.round(r.top), bottom: Math.round(r.bottom)}; };
  const L = box(log), I = box(input);
  const F = reply.length ? box(reply[0]) : null, Z = reply.length ? box(reply[reply.length - 1]) : null;
  const shown = {top: Math.max(L.top, 0), bottom: Math.min(L.bottom, vh)};
  const inputIn = !root.querySelector('.tv-form').hidden && I.top >= -1 && I.bottom <= vh + 1;
  const startIn = Boolean(F) && F.top >= shown.top - 1 && F.top <= shown.bottom - 24;
  const fits = Boolean(F) && Z.bottom - F.top <= shown.bottom - shown.top;
  const allIn = !fits || (F.top >= shown.top - 1 && Z.bottom <= shown.bottom + 1);
  return {ready: true, ok: inputIn && startIn && allIn, inputIn, startIn, allIn, vh, log: L, input: I, first: F, last: Z,
          scrollHeight: document.documentElement.scrollHeight};
}"""


def in_view(target, what="the newest reply", need_input=True):
    """Waits (smooth scrolling takes a moment) until the input and the newest reply are on screen."""
    ok = "v.ok" if need_input else "v.startIn && v.allIn"
    try:
        target.wait_for_function(f"() => {{ const v = ({VIEW})(); return v.ready && {ok}; }}", timeout=5_000)
    except PlaywrightTimeout:
        raise AssertionError(f"{what} or the input is off screen: {target.evaluate(VIEW)}") from None
    return target.evaluate(VIEW)


def do(target, step):
    kind, value = step
    (tap if kind == "tap" else answer)(target, value)


def bot_says(target, text):
    expect(target.locator(".tv-log")).to_contain_text(text)


def stored_id(page, tool="leader", partner="-"):
    return page.evaluate(f"localStorage.getItem('trivsel:{partner}:{tool}')")


# -- a partner's pages, on the origin the test stack allows (test-partner) ------------------------

HEAD = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Testforeningen</title><style>body { margin: 0; font-family: sans-serif; } main { padding: 8px 16px; }</style></head><body>"""
# The host page listens before the widget has loaded (the script tag is async) and records every event.
LISTEN = """<script>
window.seen = [];
for (const name of ["ready", "opened", "closed", "completed", "tool"]) {
  document.addEventListener("trivsel:" + name, (e) => seen.push({type: e.type, detail: e.detail}));
}
</script>"""
API_PAGE = (
    HEAD
    + """<main><h1>Testforeningen for ledere</h1>
<p><button type="button" id="talk">Tal med guiden om din trivsel</button>
<button type="button" id="ladder">Hvor står vi?</button></p></main>"""
    + LISTEN
    + """<script>
document.getElementById("talk").addEventListener("click", () => TrivselWidget.start("leader", "da"));
document.getElementById("ladder").addEventListener("click", () => TrivselWidget.start("maturity", "da"));
</script>
<script src="{base}/widget.js" data-partner="test-partner" async></script></body></html>"""
)
# Partners may frame our own page; a sandbox without allow-modals blocks window.confirm.
IFRAME_PAGE = (
    HEAD
    + """<main><h1>Testforeningen for ledere</h1>
<iframe title="Samtaleguide" src="{base}/?partner=test-partner" style="width: 100%; height: 640px; border: 0"
 sandbox="allow-scripts allow-same-origin allow-forms allow-downloads allow-popups"></iframe></main></body></html>"""
)


@pytest.fixture(scope="module")
def partner(stack):
    html = "text/html; charset=utf-8"
    pages: Dict[str, partner_site.Page] = {
        "/api": (API_PAGE.replace("{base}", stack.base), html, {}),
        "/iframe": (IFRAME_PAGE.replace("{base}", stack.base), html, {}),
    }
    server = partner_site.serve(stack.partner_port, pages)
    yield stack.partner_origin
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(browser, stack):
    context = browser.new_context(viewport=PHONE, accept_downloads=True, base_url=stack.base)
    yield context
    context.close()


def record(name, data):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"widget-journey-{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


# -- the walk --------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["landing", "launcher"])
def test_a_25_turn_conversation_on_a_phone_keeps_the_input_and_each_reply_in_view(context, partner, mode):
    """Inline on our landing page, and in the launcher's full-screen panel on a partner's page."""
    page = context.new_page()
    if mode == "landing":
        page.goto("/")
    else:
        page.goto(partner + "/api")
        page.get_by_role("button", name="Åbn samtaleguiden").click()
        frame = page.locator(".tv-frame")
        assert frame.bounding_box() == {"x": 0, "y": 0, "width": PHONE["width"], "height": PHONE["height"]}
    page.get_by_role("button", name="Min trivsel som leder").click()
    bot_says(page, "automatisk samtaleguide")
    in_view(page, "the welcome")
    heights = [page.evaluate("document.documentElement.scrollHeight")]
    for turn, step in enumerate(WALK, start=1):
        do(page, step)
        view = in_view(page, f"turn {turn} ({step[1]})")
        heights.append(view["scrollHeight"])
        if turn == 6:
            shot(page, f"20-{mode}-check-in")
        if turn == RELOAD_AFTER:
            # Days later, in the same browser.
            page.reload()
            if mode == "launcher":
                page.get_by_role("button", name="Åbn samtaleguiden").click()
            welcome = page.locator(".tv-welcome")
            expect(welcome).to_have_text("Velkommen tilbage. Her er du nået til:")
            expect(welcome).to_be_in_viewport()
            bot_says(page, "Hvad af det har du selv indflydelse på?")
            # Inline, the page is not scrolled for the leader before they touch the widget: the log shows the question.
            in_view(page, "the open question after a reload", need_input=mode == "launcher")
            log = page.locator(".tv-log")
            assert log.evaluate("l => l.scrollTop") > 0, "the earlier turns are above, to scroll back to"
            expect(log.locator(".tv-msg").first).to_contain_text("automatisk samtaleguide")
            expect(log.locator(".tv-leader").last).to_have_text("Dig: At stå alene")
            no_axe_violations(page, f"journey-{mode}-resumed")
            shot(page, f"21-{mode}-resumed")
            heights.append(page.evaluate("document.documentElement.scrollHeight"))
    expect(page.get_by_role("link", name="Hent PDF: Min lederaftale")).to_be_in_viewport()
    no_axe_violations(page, f"journey-{mode}-finished")
    shot(page, f"22-{mode}-finished")
    record(mode, {"viewport": PHONE, "turns": len(WALK), "scrollHeight_per_turn": heights})
    # The page never grows with the conversation.
    assert max(heights) - min(heights) <= 2, heights
    if mode == "launcher":  # the partner's page is a screenful: the panel covers it, nothing below
        assert max(heights) <= PHONE["height"], heights
        events = page.evaluate("seen")
        done = [e for e in events if e["type"] == "trivsel:completed"]
        assert [e["detail"] for e in done] == [{"tool": "leader", "kinds": ["leader-agreement"]}]
        words = json.dumps(events, ensure_ascii=False)
        assert not any(value in words for kind, value in WALK if kind == "say"), "nothing anyone wrote reaches the host page"


def test_on_a_desktop_the_check_in_buttons_are_on_screen_and_motion_can_be_reduced(browser, stack):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=stack.base, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    height = page.evaluate("document.documentElement.scrollHeight")
    for step in WALK[:5]:
        do(page, step)
        # Under reduced motion the log jumps: the reply is in view the moment it is shown.
        view = page.evaluate(VIEW)
        assert view["ok"], view
    for name in ("Fortsæt", "Gem det som mit svar", "Hold pause", "Hvor kan jeg få hjælp?"):
        expect(page.locator(".tv-buttons").last.get_by_role("button", name=name, exact=True)).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollHeight") == height
    shot(page, "23-desktop-check-in")
    context.close()


# -- start over and back to the menu --------------------------------------------------------------


def finished_conversation(stack):
    """A leader conversation finished through the API, as if done in this browser earlier."""
    api = Api(stack.base)
    cid = api.start("leader", "da")["id"]
    finish(api, cid, api.play(cid, leader_script()))
    return cid


def test_start_over_clears_the_screen_and_deletes_the_old_conversation(context, stack):
    api = Api(stack.base)
    old = finished_conversation(stack)
    page = context.new_page()
    page.goto("/")
    page.evaluate(f"localStorage.setItem('trivsel:-:leader', '{old}')")
    # Back days later: the list says the conversation is finished, and choosing it shows its documents.
    page.reload()
    page.get_by_role("button", name="Min trivsel som leder (færdig – hent dine dokumenter)").click()
    pdf = page.get_by_role("link", name="Hent PDF: Min lederaftale")
    expect(pdf).to_be_in_viewport()
    expect(page.locator(".tv-welcome")).to_be_in_viewport()
    # Asked inline (window.confirm is blocked in sandboxed frames); Escape says no.
    page.get_by_role("button", name="Mere").click()  # on a phone it is folded behind "Mere"
    page.get_by_role("button", name="Start forfra", exact=True).first.click()
    question = page.get_by_role("group", name="Vil du starte forfra?")
    expect(question).to_be_visible()
    expect(question).to_be_focused()
    expect(page.get_by_label(ANSWER_FIELD)).to_be_hidden()  # the question stands where the input was
    no_axe_violations(page, "start-over-asked")
    shot(page, "24-start-over-asked")
    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    expect(pdf).to_be_visible()
    assert api.call("GET", f"/api/v1/conversations/{old}")[0] == 200
    # The bot's own "Start forfra" button asks the same.
    page.locator(".tv-buttons").last.get_by_role("button", name="Start forfra", exact=True).click()
    question.get_by_role("button", name="Ja, start forfra").click()
    expect(page.locator(".tv-status")).to_have_text("Den gamle samtale er slettet. Vi starter forfra.")
    bot_says(page, "automatisk samtaleguide")
    log = page.locator(".tv-log")
    expect(log.get_by_role("link")).to_have_count(0)  # no dead "Hent PDF"
    expect(log.locator(".tv-leader")).to_have_count(0)
    expect(log).not_to_contain_text("Efter morgenmødet")
    expect(page.locator(".tv-progress-text")).to_have_text("Trin 1 af 26: Om dig")
    new = stored_id(page)
    assert new and new != old
    assert api.call("GET", f"/api/v1/conversations/{old}")[0] == 404
    no_axe_violations(page, "started-over")
    shot(page, "25-started-over")
    page.reload()  # and it stays cleared
    expect(page.locator(".tv-progress-text")).to_have_text("Trin 1 af 26: Om dig")
    expect(page.locator(".tv-log").get_by_role("link")).to_have_count(0)


def test_back_to_the_menu_keeps_or_deletes_the_conversation_as_the_leader_says(context, stack):
    api = Api(stack.base)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    tap(page, "Ja, jeg har en leder")
    tap(page, "Arbejde og privatliv")
    answer(page, "Søndagene er fri")
    cid = stored_id(page)
    page.get_by_role("button", name="Mere").click()  # on a phone it is folded behind "Mere"
    page.get_by_role("button", name="Vælg et andet værktøj").click()
    question = page.get_by_role("group", name="Vil du slette den samtale, du er i gang med, eller beholde den?")
    expect(question).to_be_visible()
    # What keeping means, plainly: where it is kept, how to get back to it, and when it goes.
    expect(question).to_contain_text("når du vælger »Min trivsel som leder« igen")
    expect(question).to_contain_text("ikke har været brugt i 30 dage")
    expect(question).to_contain_text("»Slet mine data«")
    no_axe_violations(page, "back-to-menu-asked")
    shot(page, "26-back-to-menu-asked")

    # Keep: the menu says which conversation is kept; choosing it again goes on where it was.
    question.get_by_role("button", name="Behold den").click()
    expect(page.locator(".tv-status")).to_contain_text("Samtalen om »Min trivsel som leder« er gemt")
    kept = page.get_by_role("button", name="Min trivsel som leder (gemt – fortsæt, hvor du slap)")
    expect(kept).to_be_visible()
    expect(page.locator(".tv-choice").first).to_be_focused()  # the keyboard is at the menu
    assert page.url == stack.base + "/", "the address follows: a reload shows the list, not the tool left"
    assert api.call("GET", f"/api/v1/conversations/{cid}")[0] == 200
    no_axe_violations(page, "menu-with-kept")
    shot(page, "27-menu-with-kept")
    page.reload()  # the menu, not the last tool: the leader chose to leave it
    expect(kept).to_be_visible()
    kept.click()
    expect(page.locator(".tv-welcome")).to_be_in_viewport()
    bot_says(page, "Og hvad slider på dig")
    assert stored_id(page) == cid

    # Delete: gone from the server and from this browser.
    page.get_by_role("button", name="Mere").click()
    page.get_by_role("button", name="Vælg et andet værktøj").click()
    question.get_by_role("button", name="Slet samtalen").click()
    expect(page.locator(".tv-status")).to_have_text("Samtalen om »Min trivsel som leder« er slettet.")
    expect(page.get_by_role("button", name="Min trivsel som leder", exact=True)).to_be_visible()
    assert stored_id(page) is None
    assert api.call("GET", f"/api/v1/conversations/{cid}")[0] == 404
    shot(page, "28-menu-after-delete")


# -- partners' pages --------------------------------------------------------------------------------


def test_the_host_page_opens_closes_and_starts_tools_and_hears_the_events(context, partner):
    page = context.new_page()
    page.goto(partner + "/api")
    page.wait_for_function("seen.some((e) => e.type === 'trivsel:ready')")
    assert page.evaluate("Object.isFrozen(TrivselWidget) && Object.keys(TrivselWidget).sort().join()") == "close,open,start"
    launcher = page.get_by_role("button", name="Åbn samtaleguiden")
    frame = page.locator(".tv-frame")

    page.evaluate("TrivselWidget.open()")
    expect(frame).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    page.evaluate("TrivselWidget.close()")
    expect(frame).to_be_hidden()
    panel = "seen.filter((e) => e.type !== 'trivsel:tool')"
    assert [e["type"] for e in page.evaluate(panel)] == ["trivsel:ready", "trivsel:opened", "trivsel:closed"]
    assert page.evaluate(panel + "[0].detail") == {"mode": "launcher"}
    with pytest.raises(PlaywrightError, match='no tool "group"'):
        page.evaluate("TrivselWidget.start('group', 'da')")  # not one of this partner's tools

    # The partner's own button starts a tool, in the panel, in the language it asks for.
    page.get_by_role("button", name="Hvor står vi?").click()
    expect(frame).to_be_visible()
    expect(page.get_by_role("button", name="Vi ved, at det er et emne")).to_be_visible()
    for choice in MATURITY_TAPS:
        tap(page, choice)
        in_view(page, choice)
    tap(page, "Det ser godt ud – lav dokumentet")
    expect(page.get_by_role("link", name="Hent PDF: Vores trin på modenhedstrappen")).to_be_in_viewport()
    page.wait_for_function("seen.some((e) => e.type === 'trivsel:completed')")
    completed = [e for e in page.evaluate("seen") if e["type"] == "trivsel:completed"]
    assert completed == [{"type": "trivsel:completed", "detail": {"tool": "maturity", "kinds": ["maturity-ladder"]}}]
    no_axe_violations(page, "host-api-completed")
    shot(page, "29-host-api-completed")

    # Escape closes the panel and gives the keyboard back to the launcher.
    page.get_by_label(ANSWER_FIELD).focus()
    page.keyboard.press("Escape")
    expect(frame).to_be_hidden()
    expect(launcher).to_be_focused()
    assert page.evaluate(panel + ".pop().type") == "trivsel:closed"

    # Starting the other tool from the page: a new conversation, the ladder's kept for the menu.
    page.get_by_role("button", name="Tal med guiden om din trivsel").click()
    expect(frame).to_be_visible()
    bot_says(page, "automatisk samtaleguide")
    expect(page.locator(".tv-log")).to_be_focused()  # its first question offers buttons: the messages, not the text field
    assert stored_id(page, "maturity", "test-partner") and stored_id(page, "leader", "test-partner")
    # Which conversation the widget shows, as it changes: the list, the ladder, the leader's own.
    shown = [e["detail"]["tool"] for e in page.evaluate("seen") if e["type"] == "trivsel:tool"]
    assert shown == ["", "maturity", "leader"], shown


def test_the_launcher_fills_a_phone_and_keeps_the_input_above_the_keyboard(context, partner):
    page = context.new_page()
    page.goto(partner + "/api")
    launcher = page.get_by_role("button", name="Åbn samtaleguiden")
    launcher.click()
    page.get_by_role("button", name="Min trivsel som leder").click()
    tap(page, "Ja, jeg har en leder")
    frame = page.locator(".tv-frame")
    assert frame.bounding_box() == {"x": 0, "y": 0, "width": 390, "height": 844}
    # The on-screen keyboard takes the lower 340 px: the browser says so through visualViewport.
    page.get_by_label(ANSWER_FIELD).focus()
    page.evaluate(
        """() => { Object.defineProperty(visualViewport, 'height', {configurable: true, get: () => 504});
                   visualViewport.dispatchEvent(new Event('resize')); }"""
    )
    assert frame.bounding_box()["height"] == 504
    box = page.get_by_label(ANSWER_FIELD).bounding_box()
    assert box["y"] + box["height"] <= 504
    in_view(page, "the question above the keyboard")
    shot(page, "30-phone-keyboard")
    page.evaluate("() => { delete visualViewport.height; visualViewport.dispatchEvent(new Event('resize')); }")
    assert frame.bounding_box()["height"] == 844
    # "Slet mine data" asks inline; Escape answers no and leaves the panel open.
    page.get_by_role("button", name="Slet mine data").click()
    expect(page.get_by_role("button", name="Ja, slet alt")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Ja, slet alt")).to_be_hidden()
    expect(page.get_by_role("button", name="Slet mine data")).to_be_focused()
    expect(frame).to_be_visible()
    page.keyboard.press("Escape")
    expect(frame).to_be_hidden()
    expect(launcher).to_be_focused()
    # On a desktop the panel floats in the corner.
    page.set_viewport_size({"width": 1280, "height": 800})
    launcher.click()
    box = frame.bounding_box()
    assert box["width"] == 420 and box["x"] + box["width"] == 1280 - 16
    no_axe_violations(page, "launcher-desktop")


def test_in_a_sandboxed_iframe_the_page_keeps_its_height_and_deleting_asks_inline(context, partner, stack):
    page = context.new_page()
    page.goto(partner + "/iframe")
    chat = page.frame_locator("iframe")
    inner = page.frames[1]
    # Framed by another site, the browser may keep no storage for us: the widget works without it (no resume then).
    with page.expect_response(lambda r: r.url.endswith("/api/v1/conversations") and r.request.method == "POST") as created:
        chat.get_by_role("button", name="Min trivsel som leder").click()
    cid = created.value.json()["id"]
    bot_says(chat, "automatisk samtaleguide")
    heights = []
    for step in WALK[:6]:
        do(chat, step)
        in_view(inner, step[1])
        heights.append(
            (page.evaluate("document.documentElement.scrollHeight"), inner.evaluate("document.documentElement.scrollHeight"))
        )
    assert len(set(heights)) == 1, heights
    shot(page, "31-iframe")
    chat.get_by_role("button", name="Slet mine data").click()
    chat.get_by_role("button", name="Ja, slet alt").click()
    expect(chat.locator(".tv-status")).to_contain_text("Alt er slettet")
    assert Api(stack.base).call("GET", f"/api/v1/conversations/{cid}")[0] == 404
    record("iframe", {"viewport": PHONE, "page_and_frame_scrollHeight_per_turn": heights})
