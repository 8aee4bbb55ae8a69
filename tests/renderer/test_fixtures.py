"""Every layout with real documents, short and long: the pages each takes, body text on every
page (never a page of only a footer or a heading), every answer in the PDF, and action cards
inside their cut lines. The fixtures are documents built by actions/documents.py from short
and long conversations (tests/fixtures/documents/make.py), and two hand-written room summaries.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from renderer.render import render_pdf
from tests.support.client import pdf_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"

# (fixture, variant): pages. Short answers and long ones (three themes, 40-60 words each), in
# Danish and in English (`_en`).
PAGES = {
    ("group-agreement_short", ""): 1,
    ("group-agreement_short_en", ""): 1,
    ("group-agreement_short", "a4"): 1,
    ("group-agreement_short_en", "a4"): 1,
    ("group-agreement_long", ""): 1,
    ("group-agreement_long_en", ""): 1,
    ("group-agreement_long", "a4"): 1,
    ("group-agreement_long_en", "a4"): 1,
    ("group-agreement-followed-up_short", ""): 1,
    ("group-agreement-followed-up_short_en", ""): 1,
    ("group-agreement-followed-up_short", "a4"): 1,
    ("group-agreement-followed-up_short_en", "a4"): 1,
    ("group-agreement-followed-up_long", ""): 1,
    ("group-agreement-followed-up_long_en", ""): 1,
    ("group-agreement-followed-up_long", "a4"): 1,
    ("group-agreement-followed-up_long_en", "a4"): 1,
    ("action-cards_short", ""): 1,
    ("action-cards_short_en", ""): 1,
    ("action-cards_short", "a4"): 1,
    ("action-cards_short_en", "a4"): 1,
    ("action-cards_long", ""): 2,
    ("action-cards_long_en", ""): 2,
    ("action-cards_long", "a4"): 1,
    ("action-cards_long_en", "a4"): 1,
    ("action-cards-followed-up_short", ""): 1,
    ("action-cards-followed-up_short_en", ""): 1,
    ("action-cards-followed-up_short", "a4"): 1,
    ("action-cards-followed-up_short_en", "a4"): 1,
    # two cards of about 300 words each: a whole A4 sheet each rather than type too small to read
    ("action-cards-followed-up_long", ""): 2,
    ("action-cards-followed-up_long_en", ""): 2,
    ("action-cards-followed-up_long", "a4"): 2,
    ("action-cards-followed-up_long_en", "a4"): 2,
    ("leader-agreement_short", ""): 1,
    ("leader-agreement_short_en", ""): 1,
    ("leader-agreement_long", ""): 3,
    ("leader-agreement_long_en", ""): 3,
    ("group-meeting-guide_short", ""): 2,  # the leader's private part on a sheet of its own
    ("group-meeting-guide_short_en", ""): 2,
    ("group-meeting-guide_long", ""): 3,  # the opening questions go over whole to page 2; the private part has its own
    ("group-meeting-guide_long_en", ""): 3,
    ("group-meeting-notes_short", ""): 1,
    ("group-meeting-notes_short_en", ""): 1,
    ("group-meeting-notes_long", ""): 3,
    ("group-meeting-notes_long_en", ""): 3,
    ("organisation-plan_short", ""): 2,
    ("organisation-plan_short_en", ""): 2,
    ("organisation-plan_long", ""): 3,
    ("organisation-plan_long_en", ""): 3,
    ("maturity-ladder", ""): 1,
    ("maturity-ladder_en", ""): 1,
    ("summary_short", ""): 1,
    ("summary_long", ""): 1,
    ("summary-ratings_long", ""): 1,
}


def flat(text: str) -> str:
    """Text without spaces, line breaks, page numbers ("2/3", read between the lines of an answer
    that runs over the page), the hyphens the renderer adds (U+2010) and hyphens (pdftotext joins
    "long-" at a line end and "standing" into "longstanding")."""
    text = re.sub(r"(?m)^\d+ ?/ ?\d+$", "", text)
    return "".join(text.replace("\u2010\n", "").replace("\u00ad", "").replace("-", "").split())


def document(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def answers(doc: dict) -> list:
    found = [i["answer"] for s in doc["sections"] for b in s["blocks"] for i in b["items"]]
    found += [b["words"] for s in doc["sections"] for b in s["blocks"] if b.get("words")]
    found += [bar["label"] for chart in doc.get("charts") or [] for bar in chart["bars"]]
    return found + list(doc.get("notes") or [])


def has_body(page: str, texts: list) -> bool:
    """Some answer, or a piece of one (an answer may run over the page), is on the page."""
    page = flat(page)
    for text in map(flat, texts):
        pieces = [text] if len(text) <= 16 else [text[k : k + 16] for k in range(0, len(text) - 15, 8)]
        if any(piece in page for piece in pieces):
            return True
    return False


@pytest.fixture(scope="module")
def rendered():
    cache = {}

    def get(name, variant):
        if (name, variant) not in cache:
            cache[(name, variant)] = render_pdf(document(name), variant)
        return cache[(name, variant)]

    return get


@pytest.mark.parametrize("name,variant", sorted(PAGES))
def test_pages_each_with_body_text_and_every_answer(rendered, name, variant):
    doc = document(name)
    data = rendered(name, variant)
    assert len(PdfReader(io.BytesIO(data)).pages) == PAGES[(name, variant)]
    text = pdf_text(data)
    pages = text.split("\f")[: PAGES[(name, variant)]]
    for number, page in enumerate(pages, 1):
        assert has_body(page, answers(doc)), f"page {number} holds no answer: {page[:200]!r}"
    for answer in answers(doc):  # printed with its capital ("mandag 6. september 2027" -> "Mandag ...")
        assert any(flat(a) in flat(text) for a in (answer, answer[:1].upper() + answer[1:])), answer[:60]


@pytest.mark.parametrize(
    "name",
    ["group-meeting-guide_short", "group-meeting-guide_long", "group-meeting-guide_short_en", "group-meeting-guide_long_en"],
)
def test_the_private_part_is_always_on_a_sheet_of_its_own(rendered, name):
    """The meeting leader prints the shared pages for the group without their own "why now": a fourth
    user walk found it on page 2 beside the last shared questions, where it followed a short shared part."""
    doc = document(name)
    private = next(s for s in doc["sections"] if s.get("private"))
    words = [flat(i["answer"]) for b in private["blocks"] for i in b["items"]]
    pages = [flat(page) for page in pdf_text(rendered(name, "")).split("\f") if page.strip()]
    holding = [n for n, page in enumerate(pages) if any(w in page for w in words)]
    assert holding == [len(pages) - 1], holding
    assert pages[-1].startswith(flat(private["heading"])), pages[-1][:80]


@pytest.mark.parametrize("name", ["group-meeting-guide_long", "group-meeting-guide_long_en"])
def test_the_shared_part_never_ends_in_one_stranded_question_before_the_private_sheet(rendered, name):
    """A user walk found the guide's third opening question alone on page 2, before the leader's own page 3."""
    doc = document(name)
    pages = [flat(page) for page in pdf_text(rendered(name, "")).split("\f") if page.strip()]
    shared_end = [s for s in doc["sections"] if not s.get("private")][-1]
    questions = [flat(b["heading"]) for b in shared_end["blocks"] if b.get("heading")]
    before_private = pages[-2]
    assert before_private is not pages[0] and sum(q in before_private for q in questions) >= 2, before_private[:200]


def test_every_fixture_is_checked():
    names = {p.stem for p in FIXTURES.glob("*.json")}
    assert names == {name for name, _ in PAGES}


@pytest.mark.parametrize("name", sorted({n for n, v in PAGES if v == "a4" and n.startswith("action-cards")}))
def test_action_cards_stay_inside_their_cut_lines(rendered, name):
    """No text within 5 mm of the cut line across the middle of an A4 sheet (a sheet without
    one holds a single card too long for half a sheet)."""
    middle, margin = 842 / 2, 5 * 72 / 25.4
    cut = 0
    for page in PdfReader(io.BytesIO(rendered(name, "a4"))).pages:
        if "✂" not in page.extract_text():
            continue
        cut += 1
        near: list = []

        def visit(text, cm, tm, font, size, near=near):
            y = tm[5] * cm[3] + cm[5] if cm else tm[5]
            if text.strip() and text.strip() != "✂" and abs(y - middle) < margin:
                near.append(text)

        page.extract_text(visitor_text=visit)
        assert near == [], near
    assert cut or "followed-up_long" in name


def headings(doc: dict) -> set:
    found = {s["heading"] for s in doc["sections"]}
    found |= {b["heading"] for s in doc["sections"] for b in s["blocks"] if b.get("heading")}
    found |= {i["label"] for s in doc["sections"] for b in s["blocks"] for i in b["items"] if i["label"]}
    return {flat(h) for h in found}


@pytest.mark.parametrize("name,variant", sorted(k for k, pages in PAGES.items() if pages > 1))
def test_no_heading_or_label_alone_at_the_foot_of_a_page(rendered, name, variant):
    doc = document(name)
    ends = set(map(flat, [doc.get("footer") or "", doc.get("title", "")]))
    for number, page in enumerate(pdf_text(rendered(name, variant)).split("\f")[:-1], 1):
        lines = [line for line in page.splitlines() if line.strip()]
        while lines and (flat(lines[-1]) in ends or flat(lines[-1]).replace("/", "").isdigit()):
            lines.pop()  # the footer and the page number
        assert lines and flat(lines[-1]) not in headings(doc), f"page {number} ends with {lines[-1]!r}"


@pytest.mark.parametrize(
    "name", ["leader-agreement_short", "leader-agreement_long", "leader-agreement_short_en", "leader-agreement_long_en"]
)
def test_the_first_small_step_and_its_date_stand_out_on_page_one(rendered, name):
    doc = document(name)
    items = {i.get("ref"): i for s in doc["sections"] for b in s["blocks"] for i in b["items"]}
    step, when = items["first_step"], items["first_step_when"]
    text = pdf_text(rendered(name, ""))
    first_page = flat(text.split("\f")[0])
    before_sections = first_page.split(flat(doc["sections"][0]["heading"]))[0]
    assert flat(step["answer"]) in before_sections and flat(when["answer"]) in before_sections
    assert flat(text).count(flat(step["answer"])) == 1  # drawn out, not printed twice


def test_a_short_poster_is_set_larger_than_a_long_one():
    from renderer import render

    def step(name):
        doc = document(name)
        return render._first_guess(doc, "poster", "", [], 0)[0]

    assert render.FIT[step("group-agreement_short")] > 100 > render.FIT[step("group-agreement_long")]
