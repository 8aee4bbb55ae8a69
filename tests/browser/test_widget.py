"""The widget in headless Chromium (Debian's), driven by Playwright, checked with axe-core."""
from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.client import pdf_text

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, base_url=stack.base)
    page = context.new_page()
    yield page
    context.close()


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
    box = page.get_by_label("Dit svar")
    box.fill(text)
    box.press("Enter")
    expect(log.locator(".tv-leader")).to_have_count(before + 1)
    expect(page.locator(".tv-send")).to_be_enabled()


def tap(page, title):
    before = page.locator(".tv-leader").count()
    page.locator(".tv-buttons").last.get_by_role("button", name=title, exact=True).click()
    expect(page.locator(".tv-leader")).to_have_count(before + 1)
    expect(page.locator(".tv-send")).to_be_enabled()


def test_complete_the_leader_tool_in_the_widget_and_download_the_pdf(page):
    complete_the_leader_tool(page)


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
    agreement = ["Gå tur med hunden", "Spørge om hjælp tidligere", "Mails i weekenden", "Frokost væk fra skrivebordet",
                 "Mandag i uge 49", "Jeg sover bedre", "Min kone og værkføreren"]
    for text in agreement:
        answer(page, text)
    tap(page, "Min nærmeste leder")
    meeting = ["At aftenerne løber fra mig", "At vi deler vagttelefonen", "Torsdag i uge 2"]
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


def focused_name(page) -> str:
    return page.evaluate(
        "() => { const a = document.activeElement; const e = a && a.shadowRoot ? a.shadowRoot.activeElement : a;"
        " return e ? (e.textContent || e.getAttribute('aria-label') || e.id || '') : '' }").strip()


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


def test_keyboard_only_language_switch_and_delete_my_data(page, stack):
    page.goto("/")
    expect(page.get_by_role("button", name="Min trivsel som leder")).to_be_visible()
    tab_to(page, "Min trivsel som leder")
    page.keyboard.press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("leder over dig")
    tab_to(page, "Ja, jeg har en leder")
    page.keyboard.press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("Hvilket tema")
    tab_to(page, "Tryghed og tillid")
    page.keyboard.press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("fungerer allerede godt")
    tab_to(page, "tv-input")
    page.keyboard.type("Vi taler ærligt sammen i værkstedet")
    page.keyboard.press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("slider på dig")
    tab_to(page, "In English")
    page.keyboard.press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("carry on in English")
    expect(page.get_by_label("Your answer")).to_be_visible()
    no_axe_violations(page, "english")
    shot(page, "05-english-keyboard")
    delete_my_data(page, stack, "trivsel:")


def delete_my_data(page, stack, key_prefix):
    """"Delete my data" (confirmed, in English); afterwards the API knows the id no more."""
    from tests.client import Api

    cid = page.evaluate("(prefix) => Object.entries(localStorage).find(([k]) => k.startsWith(prefix) && !k.endsWith(':draft'))[1]", key_prefix)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my data").click()
    expect(page.locator(".tv-status")).to_contain_text("Everything has been deleted")
    status, _, _ = Api(stack.base).call("GET", f"/api/v1/conversations/{cid}")
    assert status == 404


def test_engine_down_the_widget_keeps_the_text_and_sends_it_when_back(page, stack):
    page.goto("/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    tap(page, "Ja, jeg har en leder")
    tap(page, "Krav og ressourcer")
    stack.engine.stop_process("actions0")
    try:
        box = page.get_by_label("Dit svar")
        box.fill("Vi har en god fordeling af vagterne")
        box.press("Enter")
        expect(page.locator(".tv-status")).to_contain_text("Jeg kan ikke få fat i samtalen lige nu")
        expect(box).to_have_value("Vi har en god fordeling af vagterne")
        shot(page, "06-engine-down")
    finally:
        stack.engine.start_actions()
        stack.engine.wait_ready(120)
    # The widget tries again by itself after Retry-After.
    expect(page.locator(".tv-leader").last).to_have_text("Dig: Vi har en god fordeling af vagterne", timeout=30_000)
    expect(page.locator(".tv-log")).to_contain_text("slider på dig")
    expect(page.get_by_label("Dit svar")).to_have_value("")


def leader_agreement_file(stack, tmp_path):
    """A leader agreement saved from a finished conversation, as a leader would have it on disk."""
    from tests.client import Api, button as find

    api = Api(stack.base)
    cid = api.start("leader", "da")["id"]
    r = api.play(cid, ['/choose{"value": "yes"}', '/choose{"value": "recovery"}', "Søndage", "Telefonen", "Lydløs",
                       '/choose{"value": "support"}', "/skip", "/skip", "/skip", "/skip",
                       "Gå tur", "Mere sparring", "Færre mails", "Frokost væk fra skrivebordet", "Mandag", "Bedre søvn", "Min kone",
                       "Min leder", "At jeg er presset", "En hånd", "Torsdag"])
    done = api.tap(cid, find(r, "lav dokumentet"))
    url = next(m["document"]["save_url"] for m in done["messages"] if "document" in m)
    status, saved, _ = api.call("GET", url)
    path = tmp_path / "min-lederaftale.json"
    import json

    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    return path


def test_follow_up_by_uploading_the_saved_file(page, stack, tmp_path):
    path = leader_agreement_file(stack, tmp_path)
    page.goto("/")
    expect(page.get_by_role("button", name="Følg op på en gemt aftale")).to_be_visible()
    page.locator("#tv-upload").set_input_files(str(path))
    expect(page.locator(".tv-log")).to_contain_text("Velkommen tilbage")
    expect(page.locator(".tv-log")).to_contain_text('"Det bliver jeg ved med": Gå tur')
    tap(page, "Gjort")
    answer(page, "Det hjalp at sætte det i kalenderen")
    shot(page, "07-follow-up")


def test_maturity_ladder_leads_on_to_the_organisation_plan(page):
    page.goto("/")
    page.get_by_role("button", name="Hvor står vi? Modenhedstrappen").click()
    for choice in ["Vi ved, at det er et emne", "Nej", "Sjældent", "Nej", "Det bliver hørt, men der sker ikke så meget", "Det gør den ikke"]:
        tap(page, choice)
    tap(page, "Det ser godt ud – lav dokumentet")
    expect(page.locator(".tv-log")).to_contain_text("I står på trin")
    expect(page.get_by_role("link", name="Hent PDF: Vores trin på modenhedstrappen")).to_be_visible()
    shot(page, "08-ladder")
    page.get_by_role("button", name="Lav en plan for organisationen").click()
    expect(page.locator(".tv-log")).to_contain_text("Lad os lave en plan for ledertrivsel")


def test_a_file_that_is_not_ours_is_refused_plainly(page, tmp_path):
    bad = tmp_path / "not-ours.json"
    bad.write_text('{"schema": "something.else", "version": 1}', encoding="utf-8")
    page.goto("/")
    expect(page.get_by_role("button", name="Følg op på en gemt aftale")).to_be_visible()
    page.locator("#tv-upload").set_input_files(str(bad))
    expect(page.locator(".tv-status")).to_contain_text("Den fil kan jeg ikke bruge")
