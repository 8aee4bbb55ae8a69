"""A typed message as the leader meant it, before anything reads it: the gateway's one reading of the text.

Its phone's or mail program's envelope taken off (envelope.py) and spoken punctuation made marks
(dictation.py). bot/conversations/service.py clean_text and bench/eval.py both call this, so `make eval`
scores what the engine is really given.
"""

from __future__ import annotations

from bot.conversations.dictation import with_marks
from bot.conversations.envelope import without_envelope


def as_meant(text: str) -> str:
    # marks first: a dictated "ny linje" before a sign-off puts it on a line of its own, where the envelope is found
    return without_envelope(with_marks(text))
