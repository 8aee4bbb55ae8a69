"""Opening a tool on a 390×844 phone: the first question is on screen at once, and the chat has
most of the screen (a user test saw only the welcome and the privacy note, the question below the
fold, with the page's header and the widget's button rows leaving about 430 of 844 px for the chat).
A second walk at 390×844 found more, tested here too: a room's join page hid the first question and
all eight of its buttons under a large heading and left a strip below the widget; the ladder showed
two and a half of its four answers under a tool title that pushed "← Alle værktøjer" onto a line of
its own; the text field took the focus as a tool opened (on a phone: the keyboard over the buttons);
a new button under the finger stayed highlighted after a tap (the phone's sticky hover). And on a
shared screen (1280×800) the chat was a 736 px box with 430 px of messages in small type, under the
guide's name twice.

Measured with getBoundingClientRect in real Chromium, for every tool in Danish and English, on our
landing page, on a room's join page, in a partner's iframe and in the launcher; on a phone the
browser context is a touch screen (no hover, a coarse pointer), as a phone's browser is."""

from __future__ import annotations

import json
from typing import Dict

import pytest
from playwright.sync_api import expect

import catalogue
from tests.support import partner_site
from tests.support.browser import ANSWER_FIELD, ARTIFACTS, PHONE, no_axe_violations, shot, tap
from tests.support.client import Api

pytestmark = pytest.mark.browser

TOOLS = ["leader", "group", "organisation", "maturity"]
LOG_SHARE = 0.6  # the message list's least share of the screen's height

# Where the open question is: the guide's last message when the tool opens, and the message list.
MEASURE = """() => {
  const host = document.querySelector('.trivsel-widget-host');
  const root = host && host.shadowRoot;
  const log = root && root.querySelector('.tv-log');
  if (!log || root.querySelector('.tv-typing') || root.querySelector('.tv-frame[aria-busy="true"]')) return {ready: false};
  const bubbles = [...log.querySelectorAll('.tv-msg.tv-bot')];
  if (bubbles.length < 2) return {ready: false};
  const question = bubbles[bubbles.length - 1];
  // Inside an iframe the frame's own viewport is what the leader sees of it (the frame fills the phone here).
  const vh = window.visualViewport ? visualViewport.height : innerHeight;
  const box = (e) => { const r = e.getBoundingClientRect(); return {top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height)}; };
  const L = box(log), Q = box(question);
  const seen = {top: Math.max(L.top, 0), bottom: Math.min(L.bottom, vh)};
  const group = question.nextElementSibling && question.nextElementSibling.classList.contains('tv-buttons') ? question.nextElementSibling : null;
  const buttons = group ? box(group.querySelector('button')) : null;
  const inView = (b) => b.top >= seen.top - 1 && b.bottom <= seen.bottom + 1;
  // The landing page's line above the widget: the tool's title and the way back, on one line.
  const head = document.querySelector('.conversation:not([hidden]) .conversation-head');
  const title = document.getElementById('conversation-title');
  const line = title ? parseFloat(getComputedStyle(title).lineHeight) || 1.25 * parseFloat(getComputedStyle(title).fontSize) : 0;
  const focused = root.activeElement;
  return {
    ready: true, vh, log: L, question: Q, firstButton: buttons,
    questionInView: Q.top >= seen.top - 1 && Q.bottom <= seen.bottom + 1,
    buttonInView: !buttons || inView(buttons),
    buttonsOffScreen: group ? [...group.querySelectorAll('button')].filter((b) => !inView(box(b))).map((b) => b.textContent) : [],
    buttonCount: group ? group.querySelectorAll('button').length : 0,
    // One line: the title does not wrap, and the way back sits beside it, not under it.
    headOneLine: !head || (() => {
      const t = title.getBoundingClientRect(), b = document.getElementById('back').getBoundingClientRect();
      return t.height < 1.5 * line && Math.abs((t.top + t.bottom) / 2 - (b.top + b.bottom) / 2) < line / 2;
    })(),
    headHeight: head ? Math.round(head.getBoundingClientRect().height) : null,
    focused: focused ? (focused.classList[0] || focused.tagName) : (document.activeElement ? document.activeElement.tagName : null),
    frameBottom: Math.round(root.querySelector('.tv-frame').getBoundingClientRect().bottom),
    logShare: (seen.bottom - seen.top) / vh,
    pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
    text: question.textContent.slice(0, 80),
  };
}"""


def measured(target):
    target.wait_for_function(f"() => ({MEASURE})().ready", timeout=20_000)
    target.wait_for_timeout(400)  # a smooth scroll into view settles
    return target.evaluate(MEASURE)


def record(name, data):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"phone-layout-{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


def assert_bars(m, where):
    assert m["questionInView"], f"{where}: the first question is not in view: {m}"
    assert m["buttonInView"], f"{where}: the first question's first button is not in view: {m}"
    assert m["logShare"] >= LOG_SHARE, f"{where}: the chat has {m['logShare']:.0%} of the screen's height: {m}"


@pytest.fixture
def phone(browser, stack):
    context = browser.new_context(viewport=PHONE, base_url=stack.base, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("tool", TOOLS)
def test_opening_a_tool_on_a_phone_shows_the_first_question_and_gives_the_chat_most_of_the_screen(phone, tool, language):
    phone.goto(("/" if language == "da" else "/en") + f"?tool={tool}")
    m = measured(phone)
    record(f"{tool}-{language}", m)
    shot(phone, f"phone-open-{tool}-{language}")
    assert_bars(m, f"{tool} ({language})")
    # The tool's title and "← Alle værktøjer" share one line above the widget.
    assert m["headOneLine"], f"{tool} ({language}): the page's header takes more than a line: {m}"
    if tool == "maturity":
        # Every answer to the ladder's first question can be tapped without scrolling.
        assert m["buttonCount"] >= 4 and not m["buttonsOffScreen"], f"{tool} ({language}): off screen: {m['buttonsOffScreen']}"
    # The text field does not take the focus (a phone would open its keyboard over the buttons);
    # the focus is not lost either: it is on the messages, where the next swipe or Tab goes on from.
    assert m["focused"] == "tv-log", f"{tool} ({language}): the focus is on {m['focused']}"
    if tool == "leader":
        # The folded buttons: "Mere" says whether they are shown, and unfolds them in place.
        more = phone.get_by_role("button", name="Mere" if language == "da" else "More")
        expect(more).to_have_attribute("aria-expanded", "false")
        restart = phone.get_by_role("button", name="Start forfra" if language == "da" else "Start over", exact=True)
        expect(restart).to_be_hidden()
        more.click()
        expect(more).to_have_attribute("aria-expanded", "true")
        expect(restart).to_be_visible()
        no_axe_violations(phone, f"phone-unfolded-{language}")


IFRAME_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testforeningen</title><style>body {{ margin: 0; }} iframe {{ display: block; width: 100%; height: 100vh; border: 0; }}</style></head>
<body><iframe title="Samtaleguide" src="{base}/{path}?partner=test-partner&tool={tool}"
 sandbox="allow-scripts allow-same-origin allow-forms allow-downloads allow-popups"></iframe></body></html>"""


LAUNCHER_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Testforeningen</title></head><body><main><h1>Testforeningen for ledere</h1></main>
<script src="{base}/widget.js" data-partner="test-partner" data-tool="{tool}" data-lang="{language}" async></script></body></html>"""


@pytest.fixture(scope="module")
def partner(stack):
    html = "text/html; charset=utf-8"
    pages: Dict[str, partner_site.Page] = {}
    for tool in catalogue.tools():
        for language in ("da", "en"):
            pages[f"/launcher/{tool}/{language}"] = (
                LAUNCHER_PAGE.format(base=stack.base, tool=tool, language=language),
                html,
                {},
            )
            path = "" if language == "da" else "en"
            pages[f"/iframe/{tool}/{language}"] = (IFRAME_PAGE.format(base=stack.base, path=path, tool=tool), html, {})
    server = partner_site.serve(stack.partner_port, pages)
    yield stack.partner_origin
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("language", ["da", "en"])
def test_in_a_partners_iframe_on_a_phone_the_first_question_is_in_view_too(phone, partner, language):
    phone.goto(f"{partner}/iframe/group/{language}")
    frame = phone.frame_locator("iframe")
    expect(frame.locator(".tv-log")).to_contain_text("automat")
    inner = next(f for f in phone.frames if f != phone.main_frame)
    m = measured(inner)
    record(f"iframe-{language}", m)
    shot(phone, f"phone-iframe-{language}")
    assert_bars(m, f"iframe ({language})")
    assert m["focused"] == "tv-log", f"iframe ({language}): the focus is on {m['focused']}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_in_the_launchers_full_screen_panel_on_a_phone_the_first_question_is_in_view_too(phone, partner, language):
    phone.goto(f"{partner}/launcher/maturity/{language}")
    phone.get_by_role("button", name="Åbn samtaleguiden" if language == "da" else "Open the guide").click()
    m = measured(phone)
    record(f"launcher-{language}", m)
    shot(phone, f"phone-launcher-{language}")
    assert_bars(m, f"launcher ({language})")
    assert m["focused"] == "tv-log", f"launcher ({language}): the focus is on {m['focused']}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_joining_a_room_on_a_phone_shows_the_first_question_and_its_first_button(phone, stack, language):
    status, room, _ = Api(stack.base).call("POST", "/api/v1/rooms", {"warmup": "energy", "language": language})
    assert status == 201, room
    phone.goto(f"/r/{room['code']}")
    m = measured(phone)
    record(f"join-{language}", m)
    shot(phone, f"phone-join-{language}")
    assert_bars(m, f"join ({language})")
    assert m["buttonCount"] >= 8, m
    # The widget reaches the bottom of the screen: no empty strip under it, and the page does not scroll.
    assert m["vh"] - 12 <= m["frameBottom"] <= m["vh"], f"join ({language}): a strip under the widget: {m}"
    assert not m["pageScrolls"], m
    assert m["focused"] == "tv-log", f"join ({language}): the focus is on {m['focused']}"
    no_axe_violations(phone, f"phone-join-{language}")


@pytest.mark.parametrize(
    "room_language,phone_locale,heading", [("da", "en-US", "Deltag i opvarmningen"), ("en", "da-DK", "Join the warm-up")]
)
def test_the_join_pages_heading_speaks_the_rooms_language_not_the_phones(browser, stack, room_language, phone_locale, heading):
    """A user walk: a Danish room on a phone set to English (common in Denmark) showed "Join the warm-up"
    above the Danish conversation."""
    status, room, _ = Api(stack.base).call("POST", "/api/v1/rooms", {"warmup": "energy", "language": room_language})
    assert status == 201, room
    context = browser.new_context(viewport=PHONE, base_url=stack.base, is_mobile=True, has_touch=True, locale=phone_locale)
    try:
        page = context.new_page()
        page.goto(f"/r/{room['code']}")
        page.wait_for_function("document.getElementById('join-title').textContent.length > 0")
        assert page.locator("#join-title").text_content() == heading
        assert page.locator("#join-title").get_attribute("lang") == room_language
    finally:
        context.close()


BACKGROUNDS = """([x, y]) => {
  const root = document.querySelector('.trivsel-widget-host').shadowRoot;
  const under = root.elementFromPoint(x, y);
  const choices = [...root.querySelectorAll('.tv-buttons')].pop().querySelectorAll('.tv-choice:not(.tv-control)');
  return {under: under && under.matches('.tv-choice') ? under.textContent : null,
          hovered: under ? under.matches(':hover') : false,
          underBackground: under ? getComputedStyle(under).backgroundColor : null,
          backgrounds: [...choices].map((b) => getComputedStyle(b).backgroundColor)};
}"""


def test_on_a_touch_screen_the_button_that_appears_under_the_finger_does_not_look_chosen(phone):
    phone.goto("/?tool=leader")
    measured(phone)
    before = phone.locator(".tv-leader").count()
    phone.locator(".tv-buttons").last.get_by_role("button", name="Nej, jeg er selv øverst", exact=True).tap()
    expect(phone.locator(".tv-leader")).to_have_count(before + 1)
    measured(phone)
    # A phone's browser keeps its "hover" where the finger was after a tap (sticky hover), and the
    # new buttons scroll in under it: the mouse resting on one is how Chromium shows that. The theme
    # under the finger must look like the others, not chosen.
    box = phone.locator(".tv-buttons").last.get_by_role("button", name="Mening og anerkendelse", exact=True).bounding_box()
    point = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    phone.mouse.move(*point)
    seen = phone.evaluate(BACKGROUNDS, point)
    shot(phone, "phone-after-tap")
    assert seen["under"] and seen["hovered"], f"no theme button under the finger: {seen}"
    assert len(set(seen["backgrounds"])) == 1, seen
    assert seen["underBackground"] == seen["backgrounds"][0], f"{seen['under']!r} looks chosen: {seen}"


@pytest.fixture
def desk(browser, stack):
    context = browser.new_context(viewport=SHARED_SCREEN, base_url=stack.base)
    yield context.new_page()
    context.close()


SHARED_SCREEN = {"width": 1280, "height": 800}


def test_with_a_keyboard_the_focus_goes_to_the_messages_then_the_buttons_never_the_text_field_under_buttons(desk):
    desk.goto("/?tool=leader")
    m = measured(desk)
    assert m["focused"] == "tv-log", m
    # One Tab from the messages is the question's first button; Enter answers, and the focus is on
    # the next question's first button (the one tapped is gone), not in the text field below them.
    desk.keyboard.press("Tab")
    expect(desk.get_by_role("button", name="Ja, jeg har en leder", exact=True)).to_be_focused()
    before = desk.locator(".tv-leader").count()
    desk.keyboard.press("Enter")
    expect(desk.locator(".tv-leader")).to_have_count(before + 1)
    expect(desk.locator(".tv-buttons").last.get_by_role("button").first).to_be_focused()
    # A question answered in words gets the text field, as before.
    tap(desk, "Pauser og restitution")
    expect(desk.get_by_label(ANSWER_FIELD)).to_be_focused()


SCREEN = """() => {
  const root = document.querySelector('.trivsel-widget-host').shadowRoot;
  const frame = root.querySelector('.tv-frame').getBoundingClientRect();
  const log = root.querySelector('.tv-log').getBoundingClientRect();
  const name = root.querySelector('.tv-title').textContent.trim();
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const names = [...document.querySelectorAll('body *'), ...root.querySelectorAll('*')]
    .filter((e) => e.children.length === 0 && e.textContent.trim() === name && visible(e)).length;
  return {names, frame: {width: Math.round(frame.width), bottom: Math.round(frame.bottom)},
          logHeight: Math.round(log.height), vh: innerHeight,
          fontSize: parseFloat(getComputedStyle(root.querySelector('.tv-msg.tv-bot')).fontSize),
          pageScrolls: document.documentElement.scrollHeight > innerHeight + 1};
}"""


@pytest.mark.parametrize("language", ["da", "en"])
def test_on_a_shared_screen_the_chat_fills_the_screen_in_larger_type_under_the_guides_name_once(desk, language):
    desk.goto(("/" if language == "da" else "/en") + "?tool=group")
    measured(desk)
    m = desk.evaluate(SCREEN)
    record(f"shared-screen-{language}", m)
    shot(desk, f"shared-screen-{language}")
    assert m["names"] == 1, f"the guide's name is shown {m['names']} times"
    # The chat fills the screen below the tool's title, and the messages are readable across a room.
    assert m["vh"] - 16 <= m["frame"]["bottom"] <= m["vh"], m
    assert m["logHeight"] >= 0.6 * m["vh"], m
    assert m["fontSize"] >= 18, m
    assert not m["pageScrolls"], m
    no_axe_violations(desk, f"shared-screen-{language}")
