"""Punctuation a phone's voice typing wrote out as words becomes the mark it names before anything reads it."""

import pytest

from bot.conversations.dictation import with_marks
from bot.conversations.service import clean_text


@pytest.mark.parametrize(
    "dictated, meant",
    [
        ("Birgitte Holm punktum", "Birgitte Holm."),
        ("Birgitte Holm punktum.", "Birgitte Holm."),  # the app's own full stop after the word
        ("honestly question mark not much comma but the team is kind full stop", "honestly? Not much, but the team is kind."),
        ("hej komma vi mødes hver fredag ny linje det virker", "hej, vi mødes hver fredag\ndet virker"),
        ("new paragraph I'm not okay full stop I haven't been for a while", "I'm not okay. I haven't been for a while"),
        ("spørgsmålstegn nej vi har ingen faste møder", "Nej vi har ingen faste møder"),  # a mark first goes
        ("vi holder møde hver uge period", "vi holder møde hver uge."),  # "period" only as the last word
        ("Udråbstegn det går rigtig godt udraabstegn", "Det går rigtig godt!"),
        # the sentence after a said full stop starts with a capital, as a typed one does (a user walk's did not)
        (
            "vi holder møde hver fredag punktum det virker komma og folk kommer",
            "vi holder møde hver fredag. Det virker, og folk kommer",
        ),
    ],
)
def test_spoken_punctuation_becomes_the_mark(dictated, meant):
    assert with_marks(dictated) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "der er et stort spørgsmålstegn ved budgettet",
        "vi sætter spørgsmålstegn ved alt",
        "to komma fem procent af omsætningen",  # a number said in words
        "salget kom til a full stop last year",
        "a period of calm after the busy season",
        "punktum",  # a word alone is what was typed
        "a question mark over the budget",
        "Karin, fordi hun kender alle.",
    ],
)
def test_the_same_words_used_as_words_stay(typed):
    assert with_marks(typed) == typed


def test_the_gateway_passes_a_dictated_name_on_without_its_spoken_full_stop():
    assert clean_text("Jonas Bak punktum", 2000) == "Jonas Bak."
