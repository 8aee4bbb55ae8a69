"""A second walk through every page image (issue 22): what a reader compares from one part of
a document to another. Real PDFs from the fixtures (tests/fixtures/documents/make.py), read by
their text and where it stands on the page."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from renderer.render import render_pdf
from tests.renderer.pagecheck import read_pages
from tests.renderer.test_fixtures import FIXTURES, document, flat
from tests.support.client import pdf_text

WEEKDAYS = {
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "da": [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
FOLLOWED = sorted(p.stem for p in FIXTURES.glob("*.json") if document(p.stem).get("follow_up"))


def test_fixtures_with_a_follow_up_date_exist():
    kinds = {name.split("_")[0] for name in FOLLOWED}
    assert {"group-agreement", "group-agreement-followed-up", "action-cards-followed-up", "organisation-plan"} <= kinds


@pytest.mark.parametrize("name", FOLLOWED)
def test_the_follow_up_date_is_printed_with_its_weekday(name):
    """'Vi følger op 5. marts 2027' was the one date without its weekday: 'fredag 5. marts 2027',
    wherever the document prints it (a first round's action cards leave it to the calendar)."""
    doc = document(name)
    day = dt.date.fromisoformat(doc["follow_up"]["date"])
    language = doc["language"]
    weekday = WEEKDAYS[language][day.weekday()].lower()
    month = MONTHS[language][day.month - 1].lower()
    bare = flat(f"{day.day}. {month} {day.year}" if language == "da" else f"{day.day} {month} {day.year}")
    text = flat(pdf_text(render_pdf(doc))).lower()  # an answer starts with a capital: "Fredag 5. marts 2027"
    assert text.count(bare) == text.count(weekday + bare), f"{name}: the follow-up date is printed without its weekday"
    assert doc["follow_up"]["when"].lower().startswith(weekday + " "), "the calendar's and the chat's text too"


def _lefts(pdf: bytes, text: str) -> list:
    """Where each line that starts as `text` starts (a column's piece of a row is a line of its own)."""
    return [round(line.left) for page in read_pages(pdf) for line in page.lines if line.text.startswith(text)]


def test_a_skipped_answer_keeps_its_place_in_the_row():
    """The leader agreement in English, three themes asked the same three questions, one of them
    skipped for the second theme: its row keeps three columns, the skipped one shown as skipped."""
    doc = copy.deepcopy(document("leader-agreement_short_en"))
    reflected = doc["sections"][0]
    first = reflected["blocks"][0]
    second = {**copy.deepcopy(first), "heading": "Workload"}
    second["items"] = [i for i in second["items"] if i["ref"] != "wears"]
    third = {**copy.deepcopy(first), "heading": "Cooperation"}
    reflected["blocks"] = [first, second, third]
    pdf = render_pdf(doc)
    label = next(i["label"] for i in first["items"] if i["ref"] == "influence")[:10]  # "What I can"
    lefts = _lefts(pdf, label)
    assert len(lefts) == 3 and len(set(lefts)) == 1, f"'{label}' starts at {lefts}: the rows' columns differ"
    assert len(_lefts(pdf, next(i["label"] for i in first["items"] if i["ref"] == "wears")[:10])) == 3


def _beside(pdf: bytes, first: str, second: str) -> list:
    """For each place `first` is a label: is `second` on the same line, beside it?"""
    lines = [line for page in read_pages(pdf) for line in page.lines]
    firsts = [line for line in lines if line.text.strip().casefold() == first.casefold()]
    seconds = [line for line in lines if line.text.strip().casefold() == second.casefold()]
    return [any(abs(s.top - f.top) < 2 and s.left > f.left for s in seconds) for f in firsts]


@pytest.mark.parametrize("name", ["group-agreement-followed-up_long", "action-cards-followed-up_long_en"])
def test_cards_of_a_kind_lay_out_their_answers_alike(name):
    """After a follow-up, a short 'Erfaringer' for one theme and a long one for the next put
    Status and Erfaringer side by side in one card and stacked in the other: one grid for all."""
    doc = copy.deepcopy(document(name))
    followed = next(s for s in doc["sections"] if s.get("ref") == "followed_up")
    themed = [b for b in followed["blocks"] if b.get("heading")]
    learned = next(i for i in themed[0]["items"] if i["ref"] == "learned")
    learned["answer"] = "Det virker" if doc["language"] == "da" else "It works"
    labels = [next(i["label"] for i in themed[0]["items"] if i["ref"] == ref) for ref in ("status", "learned")]
    for variant in ("", "a4"):
        beside = _beside(render_pdf(doc, variant), *labels)
        assert len(beside) == len(themed) and len(set(beside)) == 1, f"{variant or 'A3/A5'}: side by side in {beside}"


LABELLED = [
    "leader-agreement_short",
    "leader-agreement_short_en",
    "group-agreement_short",
    "organisation-plan_short",
    "action-cards_short",
]


@pytest.mark.parametrize("name", LABELLED)
def test_a_label_never_leaves_a_short_word_alone_on_its_last_line(name):
    """'Det kan jeg selv gøre noget ved' wrapped and left 'ved' alone under it (its column narrow
    beside two longer answers, as in a user walk's agreement)."""
    doc = copy.deepcopy(document(name))
    for item in doc["sections"][0]["blocks"][0]["items"][:2]:
        item["answer"] = (
            "Fast fyraften tirsdag og torsdag klokken fem"[: 60 - len(item["answer"])] if item.get("ref") else item["answer"]
        )
    labels = {i["label"] for s in doc["sections"] for b in s["blocks"] for i in b["items"] if i.get("label")}
    lines = [line.text.strip().casefold() for page in read_pages(render_pdf(doc)) for line in page.lines]
    for label in labels:
        words = label.casefold().split()
        if len(words) < 2 or len(words[-1]) > 5:
            continue
        for before, line in zip(lines, lines[1:]):
            assert not (line == words[-1] and before.endswith(words[-2])), f"'{words[-1]}' alone under '{before}'"


@pytest.mark.parametrize("name", ["group-meeting-guide_short", "group-meeting-guide_long_en"])
def test_the_meeting_guide_says_on_page_one_what_to_share_with_the_group(name):
    """The leader's own part prints on a sheet of its own, but nothing said to keep it back."""
    doc = document(name)
    private = next(s["heading"] for s in doc["sections"] if s.get("private"))
    first, *rest = pdf_text(render_pdf(doc)).split("\f")
    said = flat("kan du dele med gruppen" if doc["language"] == "da" else "Share the agenda and the questions with the group")
    assert said in flat(first) and flat(private) in flat(first), first[:300]
    assert flat(private) in flat("".join(rest)), "the part itself is on a sheet of its own"
