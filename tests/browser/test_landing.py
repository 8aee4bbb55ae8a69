"""The landing pages (/ in Danish, /en in English) and a partner page with a strict
Content-Security-Policy, in headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.conversations import tools
from tests.support import guides
from tests.support.browser import ARTIFACTS, PHONE, answer, no_axe_violations, shot, tap
from tests.support.client import Api, button, save_to_disk
from tests.support.partner_site import serve

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# The titles and step counts the landing pages state, from the content catalogue as the gateway renders them.
TITLES = tools.available()
STEPS = {tool_id: tools.step_counts(tool_id) for tool_id in TITLES}


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport=PHONE, base_url=stack.base)
    page = context.new_page()
    yield page
    context.close()


def test_the_landing_page_in_danish_and_english(browser, stack):
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport, base_url=stack.base)
        page = context.new_page()
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Hvordan har du det selv som leder?")
        # The tools in the order a leader chooses, each with how long it takes; the follow-up last.
        buttons = page.locator(".tools h3 button")
        expect(buttons).to_have_text([TITLES[t]["da"] for t in TITLES] + ["Følg op på en gemt aftale"])
        expect(page.locator("#length-leader")).to_have_text("Værktøj 1 · ca. 15 minutter · 23–26 trin")
        expect(page.get_by_text("Modenhedstrappen er en trappe med seks niveauer")).to_be_visible()
        expect(page.locator(".privacy")).to_contain_text("30 dage")
        expect(page.get_by_role("heading", name="Hvem står bag værktøjerne?")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "no sideways scrolling"
        no_axe_violations(page, f"landing-da-{name}")
        shot(page, f"20-landing-da-{name}")

        page.get_by_role("link", name="English").click()
        expect(page).to_have_url(f"{stack.base}/en")
        assert page.evaluate("document.documentElement.lang") == "en"
        expect(page.get_by_role("heading", level=1)).to_have_text("How are you doing as a leader?")
        expect(buttons).to_have_text([TITLES[t]["en"] for t in TITLES] + ["Follow up on a saved agreement"])
        expect(page.locator(".privacy")).to_contain_text("30 days")
        no_axe_violations(page, f"landing-en-{name}")
        shot(page, f"21-landing-en-{name}")
        page.get_by_role("link", name="Dansk").click()
        expect(page).to_have_url(f"{stack.base}/")
        assert page.evaluate("document.documentElement.lang") == "da"
        context.close()


def test_the_favicon_is_served_and_linked(page, stack):
    page.goto("/")
    href = page.locator('link[rel="icon"]').get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "image/svg+xml"
    page.set_content(f'<img src="{stack.base}{href}" width="64" height="64" alt="">')
    page.locator("img").screenshot(path=str(ARTIFACTS / "22-favicon.png"))


@pytest.mark.parametrize("tool", list(TITLES))
def test_each_tools_button_starts_that_tool(page, stack, tool):
    page.goto("/")
    page.get_by_role("button", name=TITLES[tool]["da"], exact=True).click()
    expect(page).to_have_url(f"{stack.base}/?tool={tool}")
    # The widget counts the steps the page promised.
    expect(page.locator(".tv-progress-text")).to_contain_text(f"Trin 1 af {STEPS[tool][1]}")
    expect(page.locator(".tv-log")).to_contain_text("automatisk samtaleguide")
    expect(page.locator("#menu")).to_be_hidden()
    # The conversation fills the screen and no more: the page does not grow, the answer box is in view.
    assert page.evaluate("document.documentElement.scrollHeight") <= PHONE["height"]
    box = page.locator(".tv-input").bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
    first = page.locator(".tv-msg").first.inner_text()
    no_axe_violations(page, f"landing-started-{tool}")
    shot(page, f"23-started-{tool}")
    # A reload opens the same conversation; the way back leads to the tools, with the focus where it was.
    page.reload()
    expect(page.locator(".tv-msg").first).to_have_text(first)
    expect(page.locator(".tv-leader")).to_have_count(0)
    page.get_by_role("link", name="← Alle værktøjer").click()
    expect(page).to_have_url(f"{stack.base}/")
    expect(page.locator("#menu")).to_be_visible()
    expect(page.locator(".tv-frame")).to_have_count(0)
    # The list says the conversation is kept in this browser, in the widget's own words.
    expect(page.get_by_role("button", name=f"{TITLES[tool]['da']} (gemt – fortsæt, hvor du slap)", exact=True)).to_be_focused()
    # The browser's Back returns to the conversation, and choosing the tool again resumes it.
    page.go_back()
    expect(page.locator(".tv-msg").first).to_have_text(first)
    page.go_back()
    expect(page.locator("#menu")).to_be_visible()


def test_the_page_stays_one_screen_high_as_the_conversation_grows(page):
    page.goto("/")
    page.get_by_role("button", name=TITLES["leader"]["da"], exact=True).click()
    tap(page, "Ja, jeg har en leder")
    tap(page, "Pauser og restitution")
    for text in ("Søndagene er fri", "Telefonen om aftenen, jeg vil stoppe med det", "Lydløs efter kl. 19"):
        answer(page, text)
        assert page.evaluate("document.documentElement.scrollHeight") <= PHONE["height"]
        box = page.locator(".tv-input").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    page.reload()
    expect(page.locator(".tv-log")).to_contain_text("Lydløs efter kl. 19")
    assert page.evaluate("document.documentElement.scrollHeight") <= PHONE["height"]
    shot(page, "27-landing-conversation-one-screen")


def test_a_tool_started_from_the_english_page_runs_in_english(page, stack):
    page.goto("/en")
    page.get_by_role("button", name=TITLES["leader"]["en"], exact=True).click()
    expect(page.locator(".tv-progress-text")).to_contain_text(f"Step 1 of {STEPS['leader'][1]}")
    expect(page.locator(".tv-log")).to_contain_text("automated guide")
    expect(page.get_by_role("link", name="← All tools")).to_be_visible()
    no_axe_violations(page, "landing-started-en")


def test_the_follow_up_is_a_plain_button_that_asks_for_the_file(page):
    page.goto("/")
    button = page.get_by_role("button", name="Følg op på en gemt aftale")
    style = button.evaluate("b => { const s = getComputedStyle(b); return [s.borderTopStyle, s.opacity, s.cursor, b.disabled] }")
    assert style == ["solid", "1", "pointer", False]
    with page.expect_file_chooser() as chooser:
        button.click()
    assert not chooser.value.is_multiple()


def saved_ladder(stack, tmp_path):
    """The saved file of a finished maturity ladder, as a leader would have it on disk."""
    api = Api(stack.base)
    reply = api.start("maturity", "da")
    cid = reply["id"]
    for _ in range(6):  # the first answer to each question
        reply = api.tap(cid, next(b["payload"] for m in reply["messages"] for b in m.get("buttons", [])))
    return save_to_disk(api, api.tap(cid, button(reply, "lav dokumentet")), tmp_path / "vores-trin.json")


def test_a_saved_file_starts_its_follow_up_and_a_second_one_is_never_lost_silently(page, stack, tmp_path):
    path = saved_ladder(stack, tmp_path)
    page.goto("/")
    page.locator("#tv-upload").set_input_files(str(path))
    expect(page).to_have_url(f"{stack.base}/?tool=followup")
    expect(page.locator(".tv-progress-text")).to_contain_text(f"Trin 1 af {STEPS['maturity'][1]}")
    shot(page, "26-landing-follow-up")
    page.reload()  # the same conversation again
    expect(page.locator(".tv-progress-text")).to_contain_text(f"Trin 1 af {STEPS['maturity'][1]}")
    # With that one under way, the widget resumes it rather than take another file: the page says so.
    page.get_by_role("link", name="← Alle værktøjer").click()
    page.locator("#tv-upload").set_input_files(str(path))
    expect(page.locator("#landing-status")).to_contain_text("Du har en anden samtale i gang her")
    expect(page.locator("#menu")).to_be_visible()


# --- A partner page with a strict Content-Security-Policy ---------------------------------------

PARTNER_CSS = "main { max-width: 40rem; margin: 0 auto; } #chat { height: 640px; }"
PARTNER_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testforeningen</title><link rel="stylesheet" href="/partner.css"></head>
<body><main><h1>Testforeningen for ledere</h1>{body}</main></body></html>"""
INLINE = '<div id="chat"></div><script src="{base}/widget.js" data-partner="test-partner" data-mode="inline" data-target="chat" async></script>'
FRAMED = '<iframe src="{base}/?partner=test-partner" title="Samtaleguide til lederes trivsel" width="380" height="760"></iframe>'


def partner_csp(base: str) -> str:
    """The policy docs/partner.md gives a partner, as the guide writes it, plus the rest of a strict policy."""
    return guides.partner_csp(base) + "; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"


WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  {directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile}), true);
"""


@pytest.fixture(scope="module")
def strict_partner(stack):
    headers = {"Content-Security-Policy": partner_csp(stack.base)}
    server = serve(
        stack.partner_port,
        {
            "/inline": (PARTNER_PAGE.format(body=INLINE.format(base=stack.base)), "text/html; charset=utf-8", headers),
            "/framed": (PARTNER_PAGE.format(body=FRAMED.format(base=stack.base)), "text/html; charset=utf-8", headers),
            "/partner.css": (PARTNER_CSS, "text/css", {}),
            # The control: the same page without the API in connect-src.
            "/too-strict": (
                PARTNER_PAGE.format(body=INLINE.format(base=stack.base)),
                "text/html; charset=utf-8",
                {
                    "Content-Security-Policy": partner_csp(stack.base).replace(
                        f"connect-src 'self' {stack.base}", "connect-src 'self'"
                    )
                },
            ),
        },
    )
    yield stack.partner_origin
    server.shutdown()
    server.server_close()


def violations(page):
    found = []
    for frame in page.frames:
        found += frame.evaluate("window.__violations || []")
    return found


def test_the_widget_on_a_partner_page_with_the_documented_csp(browser, strict_partner):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(strict_partner + "/inline")
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    page.get_by_role("button", name="Min trivsel som leder").click()
    expect(page.locator(".tv-log")).to_contain_text("automatisk samtaleguide")
    tap(page, "Ja, jeg har en leder")
    expect(page.locator(".tv-log")).to_contain_text("Hvilket tema")
    # The widget's own CSS arrived (the partner's colour on its buttons).
    colour = page.locator(".tv-choice").first.evaluate("b => getComputedStyle(b).borderTopColor")
    assert colour == "rgb(122, 35, 80)"
    shot(page, "24-partner-strict-csp")
    assert violations(page) == [] and console == [], (violations(page), console)
    # The watch does see a violation: leave the API out of connect-src and the widget cannot start.
    page.goto(strict_partner + "/too-strict")
    page.wait_for_function("window.__violations.length > 0")
    assert {v["directive"] for v in violations(page)} == {"connect-src"}
    context.close()


def test_the_guide_in_an_iframe_on_a_partner_page_with_the_documented_csp(browser, strict_partner):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(strict_partner + "/framed")
    frame = page.frame_locator("iframe")
    frame.get_by_role("button", name="Min trivsel som leder").click()
    expect(frame.locator(".tv-log")).to_contain_text("automatisk samtaleguide")
    before = frame.locator(".tv-leader").count()
    frame.locator(".tv-buttons").last.get_by_role("button", name="Ja, jeg har en leder", exact=True).click()
    expect(frame.locator(".tv-leader")).to_have_count(before + 1)
    expect(frame.locator(".tv-log")).to_contain_text("Hvilket tema")
    shot(page, "25-partner-iframe")
    assert violations(page) == [], violations(page)
    context.close()
