"""Posters, action cards and the maturity ladder: paper sizes, pages and content."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from renderer.render import render_html, render_pdf
from tests.support.client import pdf_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "leader_da.json"
A3, A4, A5 = (842, 1191), (595, 842), (420, 595)


@pytest.fixture
def doc():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def pages(data):
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(io.BytesIO(data)).pages]


def test_poster_is_a3_or_a4(doc):
    doc["layout"] = "poster"
    assert pages(render_pdf(doc))[0] == A3
    a4 = render_pdf(doc, "a4")
    assert pages(a4)[0] == A4 and "Søndagene er fredede" in pdf_text(a4)


def test_action_cards_one_per_a5_page_or_two_to_an_a4_sheet_with_cut_lines(doc):
    doc["layout"] = "cards"
    blocks = doc["sections"][0]["blocks"]  # two themed blocks
    doc["sections"] = [{"heading": "Action cards", "blocks": blocks + copy.deepcopy(blocks)}]
    assert pages(render_pdf(doc)) == [A5] * 4
    assert pages(render_pdf(doc, "a4")) == [A4] * 2
    assert "✂" in pdf_text(render_pdf(doc, "a4"))
    text = pdf_text(render_pdf(doc))
    assert text.count("Pauser og restitution") == 2


def test_ladder_is_one_page_with_the_level_drawn(doc):
    doc["layout"] = "ladder"
    doc["ladder"] = {
        "levels": ["Uerkendt", "Bevidsthed", "Afprøvning", "Prioritering", "Integrering og ejerskab", "Kulturel forankring"],
        "current": 3,
        "name": "Afprøvning",
        "looks": "Enkelte initiativer.",
        "next": "Sæt det på dagsordenen.",
        "here": "Trin",
        "next_heading": "Jeres næste skridt",
        "result": "I står på trin 3.",
    }
    answers = [{"label": f"Spørgsmål {i}", "answer": "Vi taler jævnligt om det"} for i in range(6)]
    doc["sections"] = [{"heading": "Vores svar", "blocks": [{"heading": None, "items": answers}]}]
    doc["notes"] = []
    html = render_html(doc)
    assert html.count("<rect") == 6 and 'fill="#2f6f5e"' in html
    data = render_pdf(doc)
    assert len(pages(data)) == 1
    text = pdf_text(data)
    assert "Trin 3: Afprøvning" in text and "Sæt det på dagsordenen." in text


def test_variants_a_layout_does_not_have_are_ignored(doc):
    assert pages(render_pdf(doc, "a4")) == pages(render_pdf(doc))


def test_long_words_side_by_side_on_a_card_get_columns_wide_enough(doc):
    """Three short answers shared a row of an A5 card, and "Personalemødet" read
    "Personalemø-/det i septem-/ber": a long word gets a wider column instead."""
    doc["layout"] = "cards"
    facts = [
        {"ref": "who", "label": "Hvem", "answer": "Direktøren og værkføreren sammen"},
        {"ref": "when", "label": "Hvornår", "answer": "Personalemødet i september"},
        {"ref": "where", "label": "Hvor", "answer": "Frokoststuen på lageret"},
    ]
    doc["sections"] = [{"heading": "Handlekort", "blocks": [{"heading": "Sparring og støtte", "items": facts}]}]
    pdf = render_pdf(doc)
    assert render_html(doc).count('class="fact"') == 2  # two to a row, the third below them
    text = pdf_text(pdf)
    assert "Personalemødet" in text, text  # the long word whole, on one line


@pytest.mark.parametrize("layout", ["agreement", "poster", "cards"])
def test_a_theme_in_the_leaders_own_words_heads_its_block_with_a_capital(doc, layout):
    doc["layout"] = layout
    own = "at kontoret og værkstedet ikke snakker sammen"
    doc["sections"][0]["blocks"][0]["heading"] = own
    text = pdf_text(render_pdf(doc))
    assert "At kontoret og værkstedet" in text, text[:300]


def test_the_scissors_sit_on_the_cut_line_where_a_printer_prints(doc):
    """They were at 3 mm from the sheet's edge, half under the line: most printers leave 4-5 mm blank."""
    doc["layout"] = "cards"
    blocks = doc["sections"][0]["blocks"]
    doc["sections"] = [{"heading": "Handlekort", "blocks": blocks}]
    found = []

    def visit(text, cm, tm, font, size):
        if "✂" in text:
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(render_pdf(doc, "a4"))).pages[0].extract_text(visitor_text=visit)
    assert len(found) == 1, found
    x, y = found[0]
    mm = 72 / 25.4
    assert x >= 8 * mm, f"{x / mm:.1f} mm from the edge"
    assert abs(y - A4[1] / 2) <= 4 * mm, f"{(y - A4[1] / 2) / mm:.1f} mm from the cut line"


@pytest.mark.parametrize("variant", ["", "a4"])
def test_a_short_poster_fills_its_sheet(variant):
    """One theme and a date: set large enough to read across a meeting room, not a third of the sheet blank."""
    from tests.support.walkthrough import placed_texts

    short = json.loads((FIXTURE.parent / "documents" / "group-agreement_short.json").read_text(encoding="utf-8"))
    placed = placed_texts(render_pdf(short, variant))
    height = (A3 if not variant else A4)[1]
    assert {page for page, *_ in placed} == {0}
    lowest = min(y for _, _, y, _ in placed)
    assert lowest < height * 0.25, f"the text ends {100 - lowest / height * 100:.0f} % down the sheet"
