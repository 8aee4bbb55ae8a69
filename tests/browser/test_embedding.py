"""The widget embedded with one line on a partner's page, served from another origin."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import ANSWER_FIELD, ARTIFACTS, answer, delete_my_data, no_axe_violations, shot, tab_to, tap
from tests.support.client import pdf_text

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testforeningen</title>
<style>/* a partner's own CSS, which must not reach the widget */
button {{ all: unset; color: red !important; font-size: 40px !important; }} p {{ display: none !important; }}</style>
</head><body><main><h1>Testforeningen for ledere</h1><div id="chat" style="height: 640px"></div></main>
{script}
</body></html>"""
ONE_LINE = '<script src="{base}/widget.js" data-partner="test-partner" data-mode="inline" data-target="chat" async></script>'
LAUNCHER = '<script src="{base}/widget.js" data-partner="test-partner" data-tool="leader" data-lang="en" async></script>'


class Pages(http.server.BaseHTTPRequestHandler):
    html = ""
    launcher = ""

    def do_GET(self):
        pages = {"/plain": PAGE.format(script=""), "/launcher": self.launcher}
        body = pages.get(self.path, self.html).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(port: int, html: str, launcher: str = ""):
    handler = type("Page", (Pages,), {"html": html, "launcher": launcher})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def partner_site(stack):
    server = serve(
        stack.partner_port,
        PAGE.format(script=ONE_LINE.format(base=stack.base)),
        PAGE.format(script=LAUNCHER.format(base=stack.base)),
    )
    yield stack.partner_origin
    server.shutdown()
    server.server_close()  # the next module serves its own pages on the partner's port


@pytest.fixture(scope="module")
def refused_site(stack):
    from launcher.ports import free_port

    port = free_port()
    server = serve(port, PAGE.format(script=ONE_LINE.format(base=stack.base)))
    yield f"http://localhost:{port}"
    server.shutdown()
    server.server_close()


def new_page(browser, **options):
    context = browser.new_context(accept_downloads=True, **{"viewport": {"width": 390, "height": 844}, **options})
    return context, context.new_page()


def open_leader_tool(browser, site, **options):
    """A fresh browser on the site, with "Min trivsel som leder" chosen."""
    context, page = new_page(browser, **options)
    page.goto(site + "/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    return context, page


def test_one_line_embeds_the_widget_in_the_partners_look_with_one_global(browser, partner_site):
    context, page = new_page(browser)
    plain_globals = set(page.goto(partner_site + "/plain") and page.evaluate("Object.keys(window)"))
    started = time.perf_counter()
    page.goto(partner_site + "/")
    expect(page.get_by_role("button", name="Min trivsel som leder")).to_be_visible()
    first_message_ms = (time.perf_counter() - started) * 1000
    added = set(page.evaluate("Object.keys(window)")) - plain_globals
    assert added == {"TrivselWidget"}, "the widget adds only its API for the host page"
    expect(page.locator(".tv-log")).to_contain_text("Et tilbud til medlemmer af Testforeningen.")
    # Only the partner's tools; the partner's colour; the page's CSS does not reach inside.
    assert page.get_by_role("button", name="Ledergruppens trivsel").count() == 0
    tool_button = page.get_by_role("button", name="Min trivsel som leder")
    assert tool_button.evaluate("b => getComputedStyle(b).borderTopColor") == "rgb(122, 35, 80)"
    assert tool_button.evaluate("b => getComputedStyle(b).fontSize") != "40px"
    no_axe_violations(page, "partner-page")
    shot(page, "10-partner-page")
    size = {
        name: len((Path(__file__).resolve().parents[2] / "bot" / "static" / name).read_bytes())
        for name in ("widget.js", "widget.css")
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "widget-metrics.json").write_text(json.dumps({"first_message_ms": round(first_message_ms), "bytes": size}))
    context.close()


def test_complete_the_leader_tool_on_the_partner_page_resume_switch_language_and_delete(browser, partner_site, stack):
    context, page = open_leader_tool(browser, partner_site)
    expect(page.locator(".tv-log")).to_contain_text("automatisk samtaleguide")
    tap(page, "Ja, jeg har en leder")
    tap(page, "Pauser og restitution")
    typed = ["Søndagene er fri", "Telefonen om aftenen", "Lydløs efter kl. 19"]
    for t in typed:
        answer(page, t)
    page.reload()  # same browser, days later
    expect(page.locator(".tv-log")).to_contain_text("Lydløs efter kl. 19")
    tap(page, "Sparring og støtte")
    for t in ["Min makker", "At stå alene", "Ringe til netværket"]:
        answer(page, t)
    tap(page, "To temaer er nok")
    for t in [
        "Gå tur",
        "Spørge om hjælp",
        "Færre mails",
        "Frokost væk fra skrivebordet",
        "Efter ferien",
        "Jeg sover bedre",
        "Min kone",
    ]:
        answer(page, t)
    tap(page, "Min nærmeste leder")
    for t in ["At jeg er presset", "En ekstra hånd", "Efter morgenmødet"]:
        answer(page, t)
    tap(page, "Det ser godt ud – lav dokumentet")
    link = page.get_by_role("link", name="Hent PDF: Min lederaftale")
    with page.expect_download() as download:
        link.click()
    assert "Frokost væk fra skrivebordet" in pdf_text(Path(download.value.path()).read_bytes())
    page.get_by_role("button", name="In English").click()
    expect(page.locator(".tv-log")).to_contain_text("carry on in English")
    no_axe_violations(page, "partner-finished")
    delete_my_data(page, stack, "trivsel:test-partner:leader")
    context.close()


def test_a_site_that_is_not_allowed_is_refused_plainly(browser, refused_site, stack):
    context, page = open_leader_tool(browser, refused_site)
    expect(page.locator(".tv-status")).to_contain_text("Guiden er ikke slået til på denne side")
    status = page.evaluate(
        """async (base) => (await fetch(base + '/api/v1/conversations',
        {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({tool: 'leader'})})).status""",
        stack.base,
    )
    assert status == 403
    shot(page, "11-refused-origin")
    context.close()


@pytest.mark.parametrize(
    "name,options",
    [
        ("phone-360", {"viewport": {"width": 360, "height": 740}}),
        ("zoom-200", {"viewport": {"width": 640, "height": 400}}),  # a 1280x800 window at 200 % zoom
        ("dark", {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark"}),
    ],
)
def test_small_screens_zoom_and_dark_mode(browser, partner_site, name, options):
    context, page = open_leader_tool(browser, partner_site, **options)
    expect(page.get_by_role("button", name="Ja, jeg har en leder")).to_be_visible()
    width = options["viewport"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    box = page.get_by_label(ANSWER_FIELD).bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    tap(page, "Ja, jeg har en leder")
    no_axe_violations(page, name)
    shot(page, f"12-{name}")
    context.close()


def test_the_whole_leader_tool_with_the_keyboard_alone(browser, partner_site):
    context, page = new_page(browser)
    page.goto(partner_site + "/")
    expect(page.get_by_role("button", name="Min trivsel som leder")).to_be_visible()

    def press(name):
        before = page.locator(".tv-leader").count()
        tab_to(page, name, limit=80)
        page.keyboard.press("Enter")
        if name != "Min trivsel som leder":  # choosing a tool starts a conversation; the rest are answers
            expect(page.locator(".tv-leader")).to_have_count(before + 1)
        expect(page.locator(".tv-send")).to_be_enabled()

    def type_answer(text):
        before = page.locator(".tv-leader").count()
        tab_to(page, "tv-input", limit=80)
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        expect(page.locator(".tv-leader")).to_have_count(before + 1)
        expect(page.locator(".tv-send")).to_be_enabled()

    press("Min trivsel som leder")
    expect(page.locator(".tv-log")).to_contain_text("leder over dig")
    press("Nej, jeg er selv øverst")
    expect(page.locator(".tv-log")).to_contain_text("Hvilket tema")
    press("Arbejde og privatliv")
    for t in ["Søndagene er fri", "Telefonen om aftenen", "Lydløs efter kl. 19"]:
        type_answer(t)
    press("Krav og ressourcer")
    for t in ["Værkføreren hjælper", "For mange tilbud", "Sige nej til småopgaver"]:
        type_answer(t)
    press("To temaer er nok")
    expect(page.locator(".tv-log")).to_contain_text("aftale med dig selv")
    for t in [
        "Gå tur",
        "Spørge om hjælp",
        "Færre mails",
        "Frokost væk fra skrivebordet",
        "Efter ferien",
        "Jeg sover bedre",
        "Min kone",
    ]:
        type_answer(t)
    press("Bestyrelsen")
    for t in ["At jeg er presset", "En ekstra hånd", "Efter morgenmødet"]:
        type_answer(t)
    press("Det ser godt ud – lav dokumentet")
    expect(page.get_by_role("link", name="Hent PDF: Min lederaftale")).to_be_visible()
    # The focus is always visible: an outline on whatever has it.
    outline = page.evaluate(
        "() => { const e = document.activeElement.shadowRoot.activeElement; return getComputedStyle(e).outlineStyle }"
    )
    assert outline != "none"
    shot(page, "13-keyboard-finished")
    context.close()


def test_links_in_the_guides_words_open_safely_and_motion_can_be_reduced(browser, partner_site):
    context, page = open_leader_tool(browser, partner_site, reduced_motion="reduce")
    tap(page, "Ja, jeg har en leder")
    tap(page, "Pauser og restitution")
    answer(page, "Jeg kan ikke mere, jeg sover ikke om natten")
    tap(page, "Hvor kan jeg få hjælp?")  # strain gets a check-in; its help button, the care message
    link = page.get_by_role("link", name="https://www.livslinien.dk")
    expect(link).to_be_visible()
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
    # the numbers call on a tap (a user walk on a phone found them plain text)
    assert page.get_by_role("link", name="70 201 201").first.get_attribute("href") == "tel:70201201"
    assert page.get_by_role("link", name="112", exact=True).first.get_attribute("href") == "tel:112"
    # The leader's own words never become links or markup.
    answer(page, "se https://example.com/<b>mig</b>")
    assert page.locator(".tv-leader a").count() == 0 and page.locator(".tv-leader b").count() == 0
    # The typing dots only blink when the leader has not asked for less motion.
    probe = """() => {
        const root = document.querySelector('.trivsel-widget-host').shadowRoot;
        const dots = document.createElement('div'); dots.className = 'tv-typing';
        const dot = document.createElement('span'); dots.append(dot); root.querySelector('.tv-log').append(dots);
        const name = getComputedStyle(dot).animationName; dots.remove(); return name; }"""
    assert page.evaluate(probe) == "none"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(probe) == "tv-blink"
    context.close()


def test_the_default_one_line_opens_a_launcher_in_the_corner(browser, partner_site):
    context, page = new_page(browser)
    page.goto(partner_site + "/launcher")
    launcher = page.get_by_role("button", name="Open the guide")
    expect(launcher).to_be_visible()
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    assert launcher.get_attribute("aria-expanded") == "true"
    expect(page.locator(".tv-log")).to_contain_text("automated guide")  # data-tool and data-lang from the tag
    # The first question offers buttons: the keyboard is on the messages, one Tab from the first answer.
    expect(page.locator(".tv-log")).to_be_focused()
    expect(page.get_by_label("Your answer")).not_to_be_focused()
    no_axe_violations(page, "launcher-open")
    shot(page, "14-launcher-open")
    page.get_by_role("button", name="Close").click()
    expect(page.locator(".tv-frame")).to_be_hidden()
    expect(launcher).to_be_focused()
    context.close()
