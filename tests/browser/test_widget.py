"""The widget in headless Chromium (Debian's), driven by Playwright, checked with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.browser import (
    ANSWER_FIELD,
    MATURITY_TAPS,
    answer,
    complete_the_leader_tool,
    delete_my_data,
    no_axe_violations,
    shot,
    tab_to,
    tap,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, base_url=stack.base)
    page = context.new_page()
    yield page
    context.close()


def test_complete_the_leader_tool_in_the_widget_and_download_the_pdf(page):
    complete_the_leader_tool(page)


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


def test_a_language_switch_typed_in_words_turns_the_widgets_own_labels_too(page):
    """A user walk typed "can we switch to danish": the questions came in Danish, the widget's buttons,
    field and progress stayed English."""
    page.goto("/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    expect(page.locator(".tv-log")).to_contain_text("leder over dig")
    tap(page, "Ja, jeg har en leder")
    tap(page, "Tryghed og tillid")
    page.get_by_label("Dit svar").fill("english please")
    page.get_by_label("Dit svar").press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("carry on in English")
    expect(page.get_by_label("Your answer")).to_be_visible()
    expect(page.get_by_role("button", name="På dansk")).to_be_visible()


def test_engine_down_the_widget_keeps_the_text_and_sends_it_when_back(page, stack):
    page.goto("/")
    page.get_by_role("button", name="Min trivsel som leder").click()
    tap(page, "Ja, jeg har en leder")
    tap(page, "Krav og ressourcer")
    stack.engine.stop_process("actions0")
    try:
        box = page.get_by_label(ANSWER_FIELD)
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
    expect(page.get_by_label(ANSWER_FIELD)).to_have_value("")


def leader_agreement_file(stack, tmp_path):
    """A leader agreement saved from a finished conversation, as a leader would have it on disk."""
    from tests.support.client import Api, save_to_disk
    from tests.support.client import button as find

    api = Api(stack.base)
    cid = api.start("leader", "da")["id"]
    r = api.play(
        cid,
        [
            '/choose{"value": "yes"}',
            '/choose{"value": "recovery"}',
            "Søndage",
            "Telefonen",
            "Lydløs",
            '/choose{"value": "support"}',
            "/skip",
            "/skip",
            "/skip",
            "/skip",
            "Gå tur",
            "Mere sparring",
            "Færre mails",
            "Frokost væk fra skrivebordet",
            "Efter ferien",
            "Bedre søvn",
            "Min kone",
            "Min leder",
            "At jeg er presset",
            "En hånd",
            "Efter jul",
        ],
    )
    return save_to_disk(api, api.tap(cid, find(r, "lav dokumentet")), tmp_path / "min-lederaftale.json")


def test_follow_up_by_uploading_the_saved_file(page, stack, tmp_path):
    path = leader_agreement_file(stack, tmp_path)
    page.goto("/")
    expect(page.get_by_role("button", name="Følg op på en gemt aftale")).to_be_visible()
    page.locator("#tv-upload").set_input_files(str(path))
    expect(page.locator(".tv-log")).to_contain_text("Velkommen tilbage")
    expect(page.locator(".tv-log")).to_contain_text("»Det bliver jeg ved med«: Gå tur")
    tap(page, "Gjort")
    answer(page, "Det hjalp at sætte det i kalenderen")
    shot(page, "07-follow-up")


@pytest.mark.parametrize("how", ["tapped", "typed"])
def test_maturity_ladder_leads_on_to_the_organisation_plan(page, how):
    """The next tool's button, tapped or its title typed (a user walk typed it and was told the
    conversation was over)."""
    page.goto("/")
    page.get_by_role("button", name="Hvor står vi? Modenhedstrappen").click()
    # The ladder is climbed together: the field asks for the group's answer.
    expect(page.get_by_label("Jeres svar")).to_have_attribute("placeholder", "Skriv jeres svar her …")
    for choice in MATURITY_TAPS:
        tap(page, choice)
    tap(page, "Det ser godt ud – lav dokumentet")
    expect(page.locator(".tv-log")).to_contain_text("I står på trin")
    expect(page.get_by_role("link", name="Hent PDF: Vores trin på modenhedstrappen")).to_be_visible()
    shot(page, "08-ladder")
    if how == "tapped":
        page.get_by_role("button", name="Lav en plan for organisationen").click()
    else:
        page.get_by_label("Jeres svar").fill("lav en plan for organisationen tak")
        page.get_by_label("Jeres svar").press("Enter")
    expect(page.locator(".tv-log")).to_contain_text("Lad os lave en plan for ledertrivsel")
    expect(page.locator(".tv-log")).not_to_contain_text("lav en plan for organisationen tak")


def test_a_file_that_is_not_ours_is_refused_plainly(page, tmp_path):
    bad = tmp_path / "not-ours.json"
    bad.write_text('{"schema": "something.else", "version": 1}', encoding="utf-8")
    page.goto("/")
    expect(page.get_by_role("button", name="Følg op på en gemt aftale")).to_be_visible()
    page.locator("#tv-upload").set_input_files(str(bad))
    expect(page.locator(".tv-status")).to_contain_text("Den fil kan jeg ikke bruge")


# Where the meeting guide's parts are in the log: its text, its document card, its buttons.
GUIDE_ORDER = """() => {
  const log = document.querySelector('.trivsel-widget-host').shadowRoot.querySelector('.tv-log');
  const items = [...log.children];
  const at = (test) => items.findIndex(test);
  const card = at((e) => e.classList.contains('tv-doc'));
  return {
    text: at((e) => e.classList.contains('tv-bot') && e.textContent.includes('Hent det')),
    card,
    buttons: at((e) => e.classList.contains('tv-buttons') && e.textContent.includes('Vi holder mødet nu')),
    links: card < 0 ? [] : [...items[card].querySelectorAll('a')].map((a) => a.textContent),
    // On screen, read in one go (the log may be scrolling): the card's bottom above the buttons' top.
    cardAbove: card >= 0 && card + 1 < items.length
      && items[card].getBoundingClientRect().bottom <= items[card + 1].getBoundingClientRect().top,
  };
}"""


def test_the_meeting_guides_card_comes_before_its_buttons(page, stack):
    """The guide's text says "Hent det", but its card came after "Vi holder mødet nu" and "Hold pause"
    (a user test). Text, card, buttons: as the reply arrives and after a reload. The guide is a PDF
    to print; it offers no file to keep."""
    from tests.support.client import Api

    api = Api(stack.base)
    cid = api.start("group", "da")["id"]
    api.play(
        cid,
        [
            "Ledergruppen i Hansen VVS",
            "Vi er fem",
            "Når vi har fundet en dag",
            "Vi taler kun drift",
            '/choose{"value": "trust"}',
            '/choose{"value": "support"}',
        ],
    )
    page.goto("/")
    page.evaluate(f"localStorage.setItem('trivsel:-:group', '{cid}')")  # this browser's conversation
    page.goto("/?tool=group")
    expect(page.locator(".tv-welcome")).to_be_visible()  # resumed at the third theme
    tap(page, "To temaer er nok")
    for moment in ("live", "reloaded"):
        expect(page.get_by_role("link", name="Hent PDF: Mødeguide: ledergruppens trivsel")).to_be_visible()
        found = page.evaluate(GUIDE_ORDER)
        assert found["text"] >= 0 and found["card"] == found["text"] + 1 and found["buttons"] == found["card"] + 1, (
            moment,
            found,
        )
        assert found["links"] == ["Hent PDF: Mødeguide: ledergruppens trivsel"], (moment, found)
        assert found["cardAbove"], (moment, found)
        shot(page, f"09-meeting-guide-{moment}")
        page.reload()
