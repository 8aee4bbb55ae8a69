"""Sections of the A4 documents break and line up as a reader expects (a user walk, looking at
every page as an image): short answers side by side sit on one grid of thirds, every row with its
columns where the rows above it have theirs, in every section; a long answer never leaves a
section's last answers alone at the top of the next page with the page before part empty; a theme
of the group's agreement stays whole, its "Sådan mærker vi fremskridt" on the page of its heading.
Read from the real PDFs by line position (pagecheck.py).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Dict, List

import pytest

from renderer.render import render_pdf
from tests.renderer import pagecheck

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
SENTENCE = (
    "Jeg sover dårligt for tiden og vågner klokken fire med tanker om ordrerne. Min kone siger, at jeg er kort for hovedet. "
)

# A leader's agreement as answered in a walk: short sentences, names and dates.
LEADER = {
    "works": "Jeg er god til at tage en kort gåtur efter frokost, når det er stille på værkstedet.",
    "wears": "At telefonen ringer hele aftenen, og at jeg svarer, fordi kunderne forventer det.",
    "influence": "Jeg kan slå telefonen på lydløs efter kl. 18 og lade værkføreren tage akutte opkald.",
    "keep_doing": "At gå en tur om morgenen.",
    "more_of": "Gåture i frokostpausen og tid med familien i weekenden.",
    "less_of": "Svare på mails om aftenen.",
    "first_step": "Telefonen på lydløs kl. 18 hver hverdag",
    "first_step_when": "Mandag i næste uge",
    "notice": "At jeg sover bedre og har mere tålmodighed derhjemme.",
    "support": "Min kone og værkføreren Bent",
    "meet_who": "Min bestyrelsesformand, Jørgen",
    "meet_share": "At jeg er presset",
    "meet_ask": "Hjælp til at finde en afløser i ferierne",
    "meet_when": "Før bestyrelsesmødet i januar",
}
# The group's notes: three themes, what was said and what was agreed, each a sentence or two.
THEMES = ["Pauser og restitution", "Klare roller", "Tid til ledelse"]
AGREED = [
    (
        "Vi går hjem senest kl. 17 om fredagen og minder hinanden om det på mandagsmødet.",
        "Mette",
        "Inden påske",
        "At ingen er på arbejde efter kl. 17 om fredagen. Vi tjekker det sammen i april.",
    ),
    (
        "Vi laver en tavle med, hvem der beslutter hvad, og hænger den op i mødelokalet.",
        "Lars og Sofie",
        "1. februar",
        "At færre spørgsmål går til Lars. Vi spørger holdet på ugemødet, om det er blevet tydeligere.",
    ),
    (
        "En time hver onsdag uden telefon, kun til ledelse og samtaler med medarbejderne.",
        "Alle ledere",
        "Fra uge 6",
        "At MUS-samtalerne er holdt inden sommerferien, og at vi selv oplever at have tid til at tænke.",
    ),
]
SAID = {
    "works": "Vi holder fast i fredagsmødet.",
    "obstacles": "Travlhed før jul, hvor alle arbejder over.",
    "try": "Vi går hjem kl. 17.",
}


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def answered(block: dict, answers: Dict[str, str]) -> dict:
    """The block with the answers given for its questions, the others as they are."""
    return {**block, "items": [{**item, "answer": answers.get(item.get("ref"), item["answer"])} for item in block["items"]]}


def leader(**answers: str) -> dict:
    doc = fixture("leader-agreement_short")
    for section in doc["sections"]:
        section["blocks"] = [answered(block, {**LEADER, **answers}) for block in section["blocks"]]
    return doc


def group_notes(said: int) -> dict:
    """The group's notes, with `said` characters under each theme's "Det virker"."""
    doc = copy.deepcopy(fixture("group-meeting-notes_short"))
    meeting, agreement = doc["sections"][0], doc["sections"][1]
    said_block, agreed_block = meeting["blocks"][0], agreement["blocks"][0]
    meeting["blocks"], agreement["blocks"] = [], []
    for theme, (action, owner, by_when, notice) in zip(THEMES, AGREED, strict=True):
        meeting["blocks"].append(answered({**said_block, "heading": theme}, {**SAID, "works": (SENTENCE * 20)[:said].strip()}))
        agreed = {"action": action, "owner": owner, "by_when": by_when, "notice": notice}
        agreement["blocks"].append(answered({**agreed_block, "heading": theme}, agreed))
    return doc


def lefts(pdf: bytes, label: str) -> List[int]:
    """Where each line that is `label` starts (a column's piece of a row is a line of its own)."""
    return [round(line.left) for page in pagecheck.read_pages(pdf) for line in page.lines if line.text.strip() == label]


def test_the_columns_of_a_section_line_up_row_under_row():
    """ "Min samtale" in two rows of two had its second column at 41 % in one row and 55 % in the
    next: every row of a block splits alike."""
    doc = leader(meet_who="Min bestyrelsesformand", meet_ask="Hjælp til en afløser i ferierne", meet_when="I januar")
    pdf = render_pdf(doc)
    share, when = lefts(pdf, "Det vil jeg fortælle"), lefts(pdf, "Hvornår")
    assert len(share) == 1 and len(when) == 1, (share, when)
    assert abs(share[0] - when[0]) <= 1, f"the second column starts at {share[0]} in one row, at {when[0]} in the next"


@pytest.mark.parametrize("name", ["leader-agreement_short", "leader-agreement_short_en", "organisation-plan_short"])
def test_every_column_of_a_document_sits_on_one_grid(name):
    """Widths changed from section to section within one document: every column of short answers
    side by side starts at the page's left edge or a third or two thirds across."""
    doc = leader() if name == "leader-agreement_short" else fixture(name)
    pdf = render_pdf(doc)
    labels = {
        item["label"]
        for section in doc["sections"]
        for block in section["blocks"]
        for item in block["items"]
        if item.get("label")
    }
    starts = sorted(
        {round(line.left) for page in pagecheck.read_pages(pdf) for line in page.lines if line.text.strip() in labels}
    )
    edge, width = 20 * 72 / 25.4, 170 * 72 / 25.4  # base.css: 20 mm margins on A4
    grid = [edge + width * k / 3 for k in range(3)]
    off = [x for x in starts if min(abs(x - g) for g in grid) > 1.5]
    assert not off and len(starts) > 1, f"labels start at {starts}, the grid is {[round(g) for g in grid]}"


def test_the_answers_of_a_row_start_on_one_line_under_labels_of_two_lines():
    """A long label wraps in its third ("Det kan jeg selv gøre noget ved"): the row's other labels
    take as many lines, so its answers start side by side."""
    pdf = render_pdf(fixture("leader-agreement_short"))
    lines = [line for page in pagecheck.read_pages(pdf) for line in page.lines]
    tops = {round(line.top) for line in lines if line.text.strip().startswith("Kort svar 1")}
    assert len(tops) == 1, f"the row's answers start at {sorted(tops)}"


def _opens(pages: List[pagecheck.Page], doc: dict) -> List[tuple]:
    """For each page after the first: how empty the page before is, and the first line of this one."""
    bodies = [pagecheck.body(page, doc) for page in pages]
    found = []
    for before, lines, after in zip(pages, bodies, bodies[1:], strict=False):
        empty = (before.height - pagecheck._bottom_margin(before) - max(line.bottom for line in lines)) / before.height
        found.append((empty, after[0].text.strip() if after else ""))
    return found


# A page that goes on to the next is at most this empty, unless the next one opens a section or a theme.
FULL_ENOUGH = 0.12


@pytest.mark.parametrize("length", range(20, 1100, 80))
def test_a_long_answer_never_leaves_a_sections_last_answers_alone_on_the_next_page(length):
    """A long answer (a strain answer kept) under "Det bliver jeg ved med": the last row of "Min aftale
    med mig selv" ("Sådan mærker jeg…", "Dem, der kan støtte mig") sat alone at the top of page 2,
    a quarter of page 1 blank, when the section after it was taken back to go with it."""
    doc = leader(
        keep_doing=(SENTENCE * 12)[:length].strip(),
        meet_who="Jørgen",
        meet_share="At jeg er presset",
        meet_ask="Aflastning",
        meet_when="I januar",
    )
    pdf = render_pdf(doc)
    headings = {pagecheck.squash(s["heading"]) for s in doc["sections"]} | {
        pagecheck.squash(b["heading"]) for s in doc["sections"] for b in s["blocks"] if b.get("heading")
    }
    for empty, opening in _opens(pagecheck.read_pages(pdf), doc):
        assert empty <= FULL_ENOUGH or pagecheck.squash(opening) in headings, (
            f"the page before {opening[:40]!r} is {empty:.0%} empty"
        )
    assert pagecheck.problems(pdf, doc) == []


@pytest.mark.parametrize("said", range(600, 1000, 25))
def test_a_theme_of_the_groups_agreement_stays_on_the_page_of_its_heading(said):
    """The group's notes: "Sådan mærker vi fremskridt" went to the next page without its theme (a
    theme with its owner and date side by side was counted a line too long to keep together)."""
    doc = group_notes(said)
    pdf = render_pdf(doc)
    themes, labels = set(THEMES), {"Handling", "Tovholder", "Hvornår", "Sådan mærker vi fremskridt"}
    agreed = False
    page_of_theme = None
    for page in pagecheck.read_pages(pdf):
        for line in sorted(page.lines, key=lambda x: (x.top, x.left)):
            text = line.text.strip()
            agreed = agreed or text == doc["sections"][1]["heading"]
            if agreed and text in themes:
                page_of_theme = page.number
            elif agreed and text in labels:
                assert page.number == page_of_theme, f"{said}: {text!r} is on page {page.number}, its theme on {page_of_theme}"
    assert pagecheck.problems(pdf, doc) == []


@pytest.mark.parametrize("length", range(600, 1500, 100))
def test_the_agreement_with_oneself_is_never_cut_between_pages(length):
    """A third user walk's "Min aftale med mig selv" had its first row at the foot of page 1 and the
    rest alone on page 2: however long the themes above it, its answers stay on one page."""
    doc = leader(wears=(SENTENCE * 20)[:length].strip())
    pdf = render_pdf(doc)
    labels = {"Det bliver jeg ved med", "Sådan mærker jeg, at det hjælper", "Dem, der kan støtte mig"}
    pages = {page.number for page in pagecheck.read_pages(pdf) for line in page.lines if line.text.strip() in labels}
    assert len(pages) == 1, f"{length}: the agreement is on pages {sorted(pages)}"
    assert pagecheck.problems(pdf, doc) == []
