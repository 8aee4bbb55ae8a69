"""Nothing a leader writes reaches a log line, at any log level.

Rasa logs messages, slots and trackers at debug level, and on errors the
action server answers with the whole request (the tracker), which Rasa then
logs. A log record factory, installed in the Rasa and action server processes,
rewrites every record as it is made: below WARNING only the fact that something
was logged survives; at WARNING and above, quoted text, JSON and anything that
looks like a conversation id are replaced, and exceptions keep their type and
stack but not their message.
"""

from __future__ import annotations

import logging
import re
import traceback

from rasa_components import settings

WITHHELD = "[detail withheld: it may hold what a leader wrote]"
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_JSON = re.compile(r"[{\[].*[}\]]", re.DOTALL)
_ID = re.compile(r"[A-Za-z0-9_\-]{24,}")
_installed = False


def sanitise(text: str) -> str:
    text = _JSON.sub("{…}", text)
    text = _QUOTED.sub("'…'", text)
    return _ID.sub("[id]", text)[:300]


def install() -> None:
    """Installs the factory, unless TRIVSEL_LOG_PRIVACY=off: only for offline training and
    `rasa test` on our own test data, never for a server leaders talk to."""
    global _installed
    if _installed or settings.load().log_privacy == "off":
        return
    original = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = original(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        record.msg = WITHHELD if record.levelno < logging.WARNING else sanitise(message)
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            record.exc_text = "".join(traceback.format_tb(tb)) + kind.__name__
            record.exc_info = None
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
