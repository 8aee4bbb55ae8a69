"""Driving the widget in Chromium as a leader on a phone would, and checking what they see."""

from __future__ import annotations

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.client import pdf_text

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# The answer field, labelled for one leader or, when a group types together, for the group.
ANSWER_FIELD = re.compile(r"^(Dit|Jeres) svar$")
# The maturity ladder's six answers, tapped as a leader would (one organisation, trin 2).
MATURITY_TAPS = [
    "Vi ved, at det er et emne",
    "Nej",
    "Sjældent",
    "Nej",
    "Det bliver hørt, men der sker ikke så meget",
    "Det gør den ikke",
]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def no_axe_violations(page, name):
    results = Axe().run(page)
    (ARTIFACTS / f"axe-{name}.json").parent.mkdir(exist_ok=True)
    results.save_to_file(str(ARTIFACTS / f"axe-{name}.json"))
    found = [(v["id"], v["impact"], [n["html"][:120] for n in v["nodes"]]) for v in results.response["violations"]]
    assert not found, found


def answer(page, text):
    """Type an answer and wait until the guide has replied to it."""
    log = page.locator(".tv-log")
    before = log.locator(".tv-leader").count()
    box = page.get_by_label(ANSWER_FIELD)
    box.fill(text)
    box.press("Enter")
    expect(log.locator(".tv-leader")).to_have_count(before + 1)
    expect(page.locator(".tv-send")).to_be_enabled()


def tap(page, title):
    before = page.locator(".tv-leader").count()
    page.locator(".tv-buttons").last.get_by_role("button", name=title, exact=True).click()
    expect(page.locator(".tv-leader")).to_have_count(before + 1)
    expect(page.locator(".tv-send")).to_be_enabled()


def complete_the_leader_tool(page):
    """From the landing page to the downloaded PDF, which must hold every answer (also run behind nginx)."""
    page.goto("/")
    expect(page.get_by_role("button", name="Min trivsel som leder")).to_be_visible()
    no_axe_violations(page, "landing")
    shot(page, "01-landing")
    page.get_by_role("button", name="Min trivsel som leder").click()
    expect(page.locator(".tv-log")).to_contain_text("automatisk samtaleguide")
    expect(page.locator(".tv-progress-text")).to_have_text("Trin 1 af 26: Om dig")
    no_axe_violations(page, "open-widget")
    shot(page, "02-welcome")

    tap(page, "Ja, jeg har en leder")
    tap(page, "Pauser og restitution")
    typed = ["Søndagene er fredede 🌿", "Telefonen om aftenen, jeg vil stoppe med det", "<b>Lydløs</b> efter kl. 19"]
    for text in typed:
        answer(page, text)
    # Reload half-way: the same browser picks up where it was.
    page.reload()
    expect(page.locator(".tv-log")).to_contain_text("<b>Lydløs</b> efter kl. 19")
    expect(page.locator(".tv-log b")).to_have_count(0)  # shown as text, never as HTML
    shot(page, "03-resumed")
    tap(page, "Sparring og støtte")
    more = ["Min makker i værkstedet", "At stå alene med de store beslutninger", "Ringe til netværket om fredagen"]
    for text in more:
        answer(page, text)
    tap(page, "To temaer er nok")
    agreement = [
        "Gå tur med hunden",
        "Spørge om hjælp tidligere",
        "Mails i weekenden",
        "Frokost væk fra skrivebordet",
        "Når sæsonen er slut",
        "Jeg sover bedre",
        "Min kone og værkføreren",
    ]
    for text in agreement:
        answer(page, text)
    tap(page, "Min nærmeste leder")
    meeting = ["At aftenerne løber fra mig", "At vi deler vagttelefonen", "Efter morgenmødet"]
    for text in meeting:
        answer(page, text)
    expect(page.locator(".tv-progress-text")).to_contain_text("Gennemsyn")
    tap(page, "Det ser godt ud – lav dokumentet")
    link = page.get_by_role("link", name="Hent PDF: Min lederaftale")
    expect(link).to_be_visible()
    no_axe_violations(page, "finished")
    shot(page, "04-finished")
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    text = " ".join(pdf_text(Path(path).read_bytes()).split())
    for answer_text in typed + more + agreement + meeting:
        assert " ".join(answer_text.split()) in text.replace("\u2010 ", ""), answer_text


def tab_to(page, name, limit=40):
    """Press Shift+Tab, then Tab, until the focused control is `name`, as a keyboard user would."""
    if focused_name(page) == name:
        return
    seen = []
    for key in ("Shift+Tab", "Tab"):
        for _ in range(limit):
            page.keyboard.press(key)
            now = focused_name(page)
            if now == name:
                return
            seen.append(now[:30])
    log = page.locator(".tv-log").inner_text()[-400:]
    raise AssertionError(f"could not reach {name!r} with the keyboard; went through {seen[:12]}; the log ends {log!r}")


def delete_my_data(page, stack, key_prefix):
    """ "Delete my data" (confirmed inline, in English); afterwards the API knows the id no more."""
    from tests.support.client import Api

    cid = page.evaluate(
        "(prefix) => Object.entries(localStorage).find(([k]) => k.startsWith(prefix) && !k.endsWith(':draft'))[1]", key_prefix
    )
    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("group", name="Delete the whole conversation").get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator(".tv-status")).to_contain_text("Everything has been deleted")
    status, _, _ = Api(stack.base).call("GET", f"/api/v1/conversations/{cid}")
    assert status == 404


PHONE = {"width": 390, "height": 844}


def take_part(page, code, gives, word):
    page.goto(f"/r/{code.lower()}")  # typed in lower case from the screen: still found
    log = page.locator(".tv-log")
    expect(log).to_contain_text("fælles skærm")
    for theme in (gives, "Krav og ressourcer"):
        before = page.locator(".tv-leader").count()
        page.locator(".tv-buttons").last.get_by_role("button", name=theme, exact=True).click()
        expect(page.locator(".tv-leader")).to_have_count(before + 1)
    for text in ("Gå en tur ved vandet om tirsdagen", word):
        before = page.locator(".tv-leader").count()
        page.get_by_label(ANSWER_FIELD).fill(text)
        page.get_by_label(ANSWER_FIELD).press("Enter")
        expect(page.locator(".tv-leader")).to_have_count(before + 1)
    expect(log).to_contain_text("kig op på skærmen", ignore_case=True)


def focused_name(page) -> str:
    return page.evaluate(
        "() => { const a = document.activeElement; const e = a && a.shadowRoot ? a.shadowRoot.activeElement : a;"
        " return e ? (e.textContent || e.getAttribute('aria-label') || e.id || '') : '' }"
    ).strip()
