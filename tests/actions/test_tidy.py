"""A typed answer is kept without the chat words at its edges (actions/tidy.py)."""

from __future__ import annotations

import pytest

from actions.tidy import without_chat_fillers


@pytest.mark.parametrize(
    "typed,kept",
    [
        # a user walk's PDFs printed these as typed
        ("Idk.. måske en gåtur i frokosten", "Måske en gåtur i frokosten"),
        ("deltidsmedarbejder pls", "deltidsmedarbejder"),
        ("Tbh det er nok at jeg går hjem kl 16", "Det er nok at jeg går hjem kl 16"),
        ("Hmm. de folk der altid ringer", "De folk der altid ringer"),
        ("Ikke meget tbh.", "Ikke meget"),
        ("Idk, maybe join a network", "Maybe join a network"),
        ("Ved ikke, måske en gåtur", "Måske en gåtur"),
        ("øh øh vi holder møde om mandagen", "vi holder møde om mandagen"),
        # told to a scribe: the answer handed over, not the instruction
        ("skriv at vi evaluerer hvert projekt bagefter", "vi evaluerer hvert projekt bagefter"),
        ("Put down that the team chat is friendly", "The team chat is friendly"),
        ("noter: vi holder fast i fredagsmødet", "vi holder fast i fredagsmødet"),
        ("Noter alle aftaler i den fælles kalender", "Noter alle aftaler i den fælles kalender"),  # the verb is the answer's
        ("write that down", "write that down"),
        # the leader's own voice stays: a hedge inside the answer, or words that are the sentence
        ("Just to be heard i guess", "Just to be heard i guess"),
        ("måske en gåtur", "måske en gåtur"),
        ("ved ikke hvad jeg skal skrive her", "ved ikke hvad jeg skal skrive her"),
        ("haha vi griner meget", "haha vi griner meget"),
        # nothing but chat words: as typed (the guard reads those as a request or asks)
        ("idk tbh", "idk tbh"),
        ("hmm", "hmm"),
    ],
)
def test_chat_words_at_the_edges_are_not_kept(typed, kept):
    assert without_chat_fillers(typed) == kept
