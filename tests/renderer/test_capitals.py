"""Every printed answer starts with a capital, the rest as typed: "jens" and "telefontid 7-10 hos
værkføreren" were printed in lower case on a wall poster in a user test, under headings that
already had theirs. An e-mail or web address, a number or a word like "iPhone" stays as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from renderer.render import _capfirst, render_pdf
from tests.support.client import pdf_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


def document(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def poster(**answers: str) -> dict:
    """A group's poster with these answers (action, owner, by_when, notice)."""
    doc = document("group-agreement_short")
    for item in doc["sections"][0]["blocks"][0]["items"]:
        item["answer"] = answers[item["ref"]]
    return doc


def spaced(text: str) -> str:
    return " ".join(text.replace("\u2010\n", "").split())


@pytest.mark.parametrize(
    "typed,printed",
    [
        ("jens", "Jens"),
        ("telefontid 7-10 hos værkføreren", "Telefontid 7-10 hos værkføreren"),
        ("østre hal, ikke kontoret", "Østre hal, ikke kontoret"),
        ("»vi tager den på skift«", "»Vi tager den på skift«"),
        ("i uge 51 (14.–18. december 2026)", "I uge 51 (14.–18. december 2026)"),
        ("7-10 hos værkføreren", "7-10 hos værkføreren"),
        ("jens@smedie.dk", "jens@smedie.dk"),
        ("www.smedie.dk/vagt", "www.smedie.dk/vagt"),
        ("https://smedie.dk er stedet", "https://smedie.dk er stedet"),
        ("smedie.dk", "smedie.dk"),
        ("iPhone til vagten", "iPhone til vagten"),
        ("Karin fra HR", "Karin fra HR"),
        ("f.eks. tavlen", "F.eks. tavlen"),
        ("", ""),
    ],
)
def test_the_first_letter_only(typed, printed):
    assert _capfirst(typed) == printed


@pytest.mark.parametrize("variant", ["", "a4"])
def test_a_poster_prints_answers_typed_in_lower_case_with_their_capital(variant):
    doc = poster(
        action="telefontid 7-10 hos værkføreren, resten har fri",
        owner="jens",
        by_when="fra 1. februar",
        notice="jens@smedie.dk får færre opkald",
    )
    doc["subtitle"] = "ledergruppen i smedien"
    text = spaced(pdf_text(render_pdf(doc, variant)))
    for printed in ["Telefontid 7-10 hos værkføreren, resten har fri", "Jens", "Fra 1. februar", "Ledergruppen i smedien"]:
        assert printed in text, printed
    assert "jens@smedie.dk får færre opkald" in text
    assert "telefontid" not in text and "jens " not in text.replace("jens@", "")


def test_a_plan_prints_answers_own_words_and_notes_with_their_capital():
    doc = document("leader-agreement_short")
    doc["sections"][0]["blocks"][0]["words"] = "at kontoret og værkstedet ikke snakker sammen"
    doc["sections"][1]["blocks"][0]["items"][0]["answer"] = "mette og jeg går en tur om fredagen"
    doc["notes"] = ["husk at spørge mette"]
    text = spaced(pdf_text(render_pdf(doc)))
    for printed in [
        "At kontoret og værkstedet ikke snakker sammen",
        "Mette og jeg går en tur om fredagen",
        "Husk at spørge mette",
    ]:
        assert printed in text, printed


def test_the_saved_document_keeps_what_was_typed():
    doc = document("group-agreement_short")
    doc["sections"][0]["blocks"][0]["items"][1]["answer"] = "jens"
    render_pdf(doc)
    assert doc["sections"][0]["blocks"][0]["items"][1]["answer"] == "jens"


@pytest.mark.parametrize(
    "typed,printed",
    [
        # first names typed in lower case get their capital wherever they stand (a user walk saw
        # "hanne og jens" and "min kone, hanne" printed so on a poster)
        ("hanne og jens", "Hanne og Jens"),
        ("min kone, hanne", "Min kone, Hanne"),
        ("soeren fra lageret", "Soeren fra lageret"),
        # a name that is also a word stays as typed: "per uge", "en svend", "1. jan", "lene sig"
        ("vi tager den per uge", "Vi tager den per uge"),
        ("en svend og mester", "En svend og mester"),
        ("fra 1. jan", "Fra 1. jan"),
        ("vi kan lene os op ad planen", "Vi kan lene os op ad planen"),
    ],
)
def test_a_first_name_typed_in_lower_case_is_printed_with_its_capital(typed, printed):
    from renderer.render import _answer

    assert _answer(typed) == printed


def test_an_emoji_at_the_end_of_an_answer_stays_on_the_line_of_the_word_before_it():
    """A user walk saw "Uddelegere mere til teamet 👍" printed with the thumb on a line of its own."""
    doc = poster(
        # this long, the thumb fell alone onto the next line before it was bound to "til"
        action="uddelegere mere til teamet og lade dem tage telefonen om morgenen og så lidt mere tid til 👍",
        owner="jens 🙂",
        by_when="fra 1. februar",
        notice="vi ❤️ fredage",
    )
    lines = [" ".join(line.split()) for line in pdf_text(render_pdf(doc, "")).splitlines()]
    assert all(line not in ("👍", "🙂") for line in lines)  # never alone on a line
    assert any(line.endswith("til 👍") for line in lines) and any("Jens 🙂" in line for line in lines)
    assert any("❤" in line for line in lines)
