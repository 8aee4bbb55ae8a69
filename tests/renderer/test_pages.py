"""Every page worth keeping, read from the real PDFs by where their lines sit (pagecheck.py): no
page of only headings, only the footer, or one line and the footer; no heading at the foot of a
page; no word of six letters or fewer split at a line end, no split leaving fewer than three
letters on a line, no heading split; a page that flows on is at least two thirds full. Every
fixture document in Danish and English, and documents whose answers grow until a page breaks
at each place it can.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from renderer.render import render_pdf
from tests.renderer import pagecheck
from tests.renderer.test_fixtures import PAGES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
SENTENCE = {
    "da": "Jeg vil gerne have mere ro om morgenen, før telefonen begynder at ringe med kunder og leverandører. ",
    "en": "I would like more calm in the morning before the phone starts ringing with customers and suppliers. ",
}


def document(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def grown(name: str, section: int, length: int) -> dict:
    """The document with every answer in one section `length` characters long."""
    doc = copy.deepcopy(document(name))
    for block in doc["sections"][section]["blocks"]:
        for item in block["items"]:
            if item.get("ref"):
                item["answer"] = (SENTENCE[doc["language"]] * 30)[:length].strip()
    return doc


@pytest.mark.parametrize("name,variant", sorted(PAGES))
def test_every_page_of_every_fixture_is_worth_keeping(name, variant):
    doc = document(name)
    assert pagecheck.problems(render_pdf(doc, variant), doc) == []


@pytest.mark.parametrize("name", ["group-meeting-notes_short", "group-meeting-notes_short_en"])
def test_the_follow_up_date_never_stands_alone_on_the_last_page(name):
    """The follow-up date ("Opfølgning · Vi følger op 3. marts 2027") was alone on a page in a
    user test: the meeting's own words grow a line at a time past where the last part fits page 1."""
    found = []
    for length in range(420, 620, 12):
        doc = grown(name, 0, length)
        found += [f"{length} characters: {p}" for p in pagecheck.problems(render_pdf(doc), doc)]
    assert found == []


@pytest.mark.parametrize("name", ["leader-agreement_short", "leader-agreement_short_en", "organisation-plan_short_en"])
@pytest.mark.parametrize("length", [700, 1100, 1600])
def test_a_long_theme_runs_on_rather_than_leave_a_page_blank(name, length):
    """A theme's block moved whole to the next page left a third of page 1 blank ("The themes in
    depth" in a user test), or its section's heading alone on a page of its own."""
    section = next(i for i, s in enumerate(document(name)["sections"]) if any(b.get("heading") for b in s["blocks"]))
    doc = grown(name, section, length)
    assert pagecheck.problems(render_pdf(doc), doc) == []


def test_the_check_finds_split_short_words_and_a_heading_alone_at_the_foot_of_a_page():
    """The check itself, on a page made to fail: narrow Danish text hyphenated at every chance
    (WeasyPrint's defaults split five-letter words, two letters on a line), and a heading
    pushed to the foot of page 1."""
    from weasyprint import HTML

    words = "dagen bestiller telefonsvareren mandag " * 12
    column = (
        '<dl style="display: inline-block; vertical-align: top; width: {}; margin: 0; padding-right: 4mm">'
        '<dd style="margin: 0">{}</dd></dl>'
    )
    html = (
        '<html lang="da"><body style="font: 11pt Noto Sans">'
        f'<p style="hyphens: auto; hyphenate-limit-chars: 4 1 1; width: 45mm">{words}</p>'
        f'<div style="overflow-wrap: anywhere">{column.format("8mm", "Søren")}{column.format("60mm", "Mandag i uge 7")}</div>'
        '<div style="height: 100mm"></div><h2 style="margin: 0">Opfølgning</h2><p style="break-before: page">Vi ses</p>'
        "</body></html>"
    )
    pdf = HTML(string=html).write_pdf()
    doc = {"layout": "agreement", "sections": [{"heading": "Opfølgning", "blocks": []}], "words": words + " Søren"}
    found = pagecheck.problems(pdf, doc)
    assert any("letters split" in p for p in found), found
    assert any("Sør/en" in p for p in found), found  # broken without a hyphen in a column too narrow for it
    assert any("ends with a heading: 'Opfølgning'" in p for p in found), found
    assert any("holds one line" in p for p in found), found  # page 2: "Vi ses"


@pytest.mark.parametrize("variant", ["", "a4"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_short_answers_side_by_side_share_the_row_by_what_they_say(language, variant):
    """On an action card a sentence beside a name and a month was set five words a line in a third
    of the card ("Chris asks each pair in the quarterly 1:1"), with two thirds for "Chris" and
    "may": the sentence gets the room, and every column keeps its words whole."""
    doc = document("action-cards_short" + ("_en" if language == "en" else ""))
    typed = {
        "da": {"who": "Søren", "when": "maj", "follow": "Mads ringer rundt i august og hører, hvordan ferien gik"},
        "en": {"who": "Søren", "when": "may", "follow": "Chris asks each pair in the quarterly 1:1 how it went"},
    }[language]
    for block in doc["sections"][0]["blocks"]:
        for item in block["items"]:
            if item.get("ref") in typed:
                item["answer"] = typed[item["ref"]]
    pdf = render_pdf(doc, variant)
    assert pagecheck.problems(pdf, doc) == []
    words = set(typed["follow"].split())
    rows = {round(line.top) for page in pagecheck.read_pages(pdf) for line in page.lines if set(line.text.split()) <= words}
    assert len(rows) <= 2, f"the sentence takes {len(rows)} lines"


@pytest.mark.parametrize("name", ["action-cards-followed-up_short", "action-cards-followed-up_short_en"])
def test_a_card_that_runs_over_its_page_keeps_the_next_date_with_its_last_lines(name):
    """Five answers of 1,200 characters run an A5 card over two pages: the next follow-up's date
    and the footer were left on a third page of their own."""
    doc = document(name)
    for section in doc["sections"]:
        for block in section["blocks"]:
            for item in block["items"]:
                if item.get("ref") and block.get("heading"):
                    item["answer"] = (f"{item['ref']} " + SENTENCE[doc["language"]] * 13)[:1200].strip()
    assert pagecheck.problems(render_pdf(doc), doc) == []


@pytest.mark.parametrize(
    "name,length",
    [
        ("leader-agreement_short", 1000),
        ("leader-agreement_short_en", 160),
        ("leader-agreement_short_en", 1180),
        ("organisation-plan_short", 1780),
        ("organisation-plan_short_en", 1840),
    ],
)
def test_a_long_last_part_leaves_neither_its_last_answer_nor_a_blank_page_behind(name, length):
    """The last part's answers grow: its last answer ("Hvornår · Januar") was left alone on the
    last page, or, kept whole, the last part left a third of the page before it blank."""
    doc = grown(name, len(document(name)["sections"]) - 1, length)
    assert pagecheck.problems(render_pdf(doc), doc) == []
