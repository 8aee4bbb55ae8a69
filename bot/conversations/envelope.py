"""What a leader's phone or mail program wraps around a message, taken off before it is read.

A message answered from a mail app comes with "Sendt fra min iPhone", a signature ("Mvh / Karin
Holm / Formand, Vejen IF / 22 33 44 55") or the quoted question under "Den 7. dec. 2026 kl. 09.12
skrev …:". None of it is the answer: read for meaning it drowns a short reply (a name, "spring
over") in other words, and stored it would be printed in the leader's document. The gateway takes
it off every typed message (bot/conversations/service.py clean_text), so the engine, the actions,
the document and the transcript all see the message itself; `make eval` does the same. The phrases
are data a reviewer can read: envelope.yml beside this file. Pure Python and PyYAML, so the
engine's env can import it too (bench/eval.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern, Tuple

import yaml

PHRASES = Path(__file__).with_name("envelope.yml")
# A quoted header names when: a time ("kl. 09.12", "at 09:12") or an address ("<noreply@…>").
_WHEN_OR_WHO = re.compile(r"\d{1,2}[.:]\d{2}|@|<")
_QUOTED_HEADER = re.compile(
    r"(?:^|(?<=\s))(?:den|d\.|on|man|tir|ons|tor|fre|lør|søn|mon|tue|wed|thu|fri|sat|sun)\b[^\n]{0,100}?\d"
    r"[^\n]{0,120}?\b(?:skrev|wrote)\b[^\n:]{0,120}:",
    re.IGNORECASE,
)
# Where a quoted header can end: found in one pass, and the header looked for only in the few hundred
# characters before it. Searched over the whole line, "den 1 den 1 …" held the event loop for 25 ms.
_HEADER_END = re.compile(r"\b(?:skrev|wrote)\b[^\n:]{0,120}:", re.IGNORECASE)
_HEADER_REACH = 240  # the opener and the date before "skrev", at most (see _QUOTED_HEADER)
_HEADER_ENDS_TRIED = 3
_SIGNATURE_DASHES = re.compile(r"^\s*--\s*$")
# "… det går fint /Karin": a slash and a capitalised name end the message.
_SLASH_NAME = re.compile(r"(?:^|(?<=[\s.!?]))/\s?[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+)?\s*$")
_EDGE_PUNCTUATION = " \t,.;:!-–—"
_POSTSCRIPT = re.compile(r"^\s*p\.?\s?s\.?(?:\s*[:.,-]\s*|\s+)", re.IGNORECASE)
# A signature line's separators are no words: "Niamh Brennan | Secretary | Clontarf GAA".
_SEPARATORS = re.compile(r"\s[|·•–—-]\s")


@functools.lru_cache(maxsize=1)
def phrases() -> Dict[str, Any]:  # the YAML as read: its shape is envelope.yml's
    return yaml.safe_load(PHRASES.read_text(encoding="utf-8"))


def _alternatives(items: List[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(items, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _footer() -> Pattern[str]:
    """A footer at the start of a line, or later in it written as the app writes it ("… fint Sendt fra min
    iPhone"); typed in lower case mid-line it is the leader's own ("det blev sendt fra min kollega")."""
    words = phrases()["footer_words"]
    spelled = _alternatives(phrases()["footers"])
    capitalised = "|".join(
        re.escape(p[0].upper() + p[1:]).replace(r"\ ", r"\s+") for p in sorted(phrases()["footers"], key=len, reverse=True)
    )
    return re.compile(rf"(?:^\s*(?i:{spelled})|(?<=\s)(?:{capitalised}))(?:\s+\S+){{0,{words}}}\s*$")


@functools.lru_cache(maxsize=1)
def _sign_off() -> Dict[str, Pattern[str]]:
    strong, weak = phrases()["sign_offs_strong"], phrases()["sign_offs_weak"]
    # Ended by one on the message's only line, the short and the everyday ones ("br", "regards") are words.
    inline = [p for p in strong if len(p.replace(" ", "")) > 2 and p != "regards"] + ["vh", "kh"]
    return {
        # a line of its own: "Mvh", "Mvh Karin Holm", "Venlig hilsen,"
        "strong": re.compile(rf"^\s*(?:{_alternatives(strong)})\b[\s,.!]*(?:\S+\s*){{0,4}}$", re.IGNORECASE),
        "weak": re.compile(rf"^\s*(?:{_alternatives(weak)})[\s,.!]*$", re.IGNORECASE),
        # at the end of the message's one line: "… det går fint. mvh karin"
        "inline": re.compile(rf"(?<=[\s.!?,])(?:{_alternatives(inline)})\b[\s,.!]*(?:[^\s.!?]+\s*){{0,3}}$", re.IGNORECASE),
    }


@functools.lru_cache(maxsize=1)
def _quote_opener() -> Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternatives(phrases()['quote_openers'])})\s*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _greeting() -> Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternatives(phrases()['greetings'])})\b", re.IGNORECASE)


def without_envelope(text: str) -> str:
    """The message without what its app or its sign-off put around it; the text as typed when that
    would leave nothing (a message that is only "Mvh Karin" is the leader's whole message)."""
    lines = _before_quote(text.split("\n"))
    lines = [_without_footer(line) for line in lines if not line.lstrip().startswith(">")]
    lines = _without_greeting(_without_signature(lines))
    kept = "\n".join(lines).strip()
    return kept if kept.strip(_EDGE_PUNCTUATION) else text


def _before_quote(lines: List[str]) -> List[str]:
    """The lines before a quoted earlier message (its header line, or Outlook's "Fra:/Sendt:" block)."""
    pairs = {k: tuple(v) for k, v in phrases()["quote_header_pairs"].items()}
    for i, line in enumerate(lines):
        if _quote_opener().match(line):
            return lines[:i]
        header = _quoted_header(line)
        if header:
            start, end = header
            before = [*lines[:i], line[:start]]
            if any(part.strip() for part in before):
                return before  # answered above the quote
            # answered below it: the header goes, the quoted lines (">") go below
            return [line[end:], *_before_quote(lines[i + 1 :])]
        label = line.strip().split(":", 1)[0].lower() if ":" in line else ""
        if label in pairs and any(
            nxt.strip().split(":", 1)[0].lower() in pairs[label] for nxt in lines[i + 1 : i + 4] if ":" in nxt
        ):
            return lines[:i]
    return lines


def _quoted_header(line: str) -> Optional[Tuple[int, int]]:
    """Where in a line a quoted header ("Den 7. dec. 2026 kl. 09.12 skrev …:") starts and ends, if it has one."""
    for n, end in enumerate(_HEADER_END.finditer(line)):
        if n == _HEADER_ENDS_TRIED:
            return None
        offset = max(0, end.start() - _HEADER_REACH)
        header = _QUOTED_HEADER.search(line, offset, end.end())
        if header and _WHEN_OR_WHO.search(header.group(0)):
            return header.start(), header.end()
    return None


def _without_footer(line: str) -> str:
    found = _footer().search(line)
    return line[: found.start()].rstrip() if found else line


def _without_signature(lines: List[str]) -> List[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    postscript = next((i for i, line in enumerate(lines) if _POSTSCRIPT.match(line)), None)
    if postscript is not None:
        # "Mvh / Gitte / Skoleleder // PS. Det spørgsmål springer jeg over": the PS is the message
        above = _without_signature(lines[:postscript])
        return [*above, _POSTSCRIPT.sub("", lines[postscript]), *lines[postscript + 1 :]]
    start = _signature_start(lines)
    if start is not None:
        return _without_signature(lines[:start])  # "Cheers, / Niamh / -- / Niamh Brennan | Secretary"
    if lines:
        last = _SLASH_NAME.sub("", lines[-1])
        inline = _sign_off()["inline"].search(last)
        if inline and last[: inline.start()].strip(_EDGE_PUNCTUATION):
            last = last[: inline.start()]
        return [*lines[:-1], last.rstrip()]
    return lines


def _signature_start(lines: List[str]) -> Optional[int]:
    """The line a signature block starts at: a sign-off (or "--") followed only by a few short lines."""
    most, longest = phrases()["signature_lines"], phrases()["signature_line_words"]
    for i in range(len(lines) - 1, max(-1, len(lines) - most - 2), -1):
        after = [line for line in lines[i + 1 :] if line.strip()]
        if any(len(_SEPARATORS.sub(" ", line).split()) > longest for line in after):
            return None  # a long line after it: the message goes on, this is no signature
        line = lines[i]
        if _SIGNATURE_DASHES.match(line) or _sign_off()["strong"].match(line):
            return i
        if _sign_off()["weak"].match(line) and (after or i > 0):
            return i  # "Thanks,\nJohn" under a message, or a last line "Hilsen" (alone, "Tak" is the message)
    return None


def _without_greeting(lines: List[str]) -> List[str]:
    """Without a first line that only greets ("Hej,", "Hi there"), when the message goes on below it."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return lines
    first = lines[filled[0]]
    if _greeting().match(first) and len(first.split()) <= phrases()["greeting_words"]:
        return lines[filled[1] :]
    return lines
