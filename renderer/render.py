"""Renders an agreement (renderer/agreement.schema.json) to HTML and to PDF.

The renderer knows nothing about tools: every text arrives in the agreement.
Everything a leader typed is escaped by Jinja2, and the URL fetcher only
serves this folder's own stylesheet, so no text can make WeasyPrint fetch
anything from the network.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional

import jinja2
import jsonschema

import catalogue

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "agreement.schema.json").read_text(encoding="utf-8"))


class InvalidAgreement(ValueError):
    """The agreement does not match the schema."""


@lru_cache(maxsize=1)
def _validator():
    """The schema checked once (jsonschema.validate checks it again on every call)."""
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA)


def validate(agreement: Dict[str, Any]) -> None:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(agreement))
    if error is not None:
        # The message names the place, never the content, which may be private.
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InvalidAgreement(f"agreement does not match schema at {where}")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
    )
    environment.filters["runs"] = _runs
    environment.filters["capfirst"] = _capfirst
    environment.filters["widths"] = _widths
    environment.filters["rows"] = _rows
    environment.tests["headline"] = _headline
    environment.globals["zip"] = zip
    return environment


# A poster's action set large reads as a headline, never split at a line end, when it is at most
# this long; a longer one is a paragraph, which may be.
HEADLINE = 90


def _headline(text: str) -> bool:
    return len(text) <= HEADLINE


# What an answer may open with before its first letter: quotes, brackets, a dash or a bullet.
OPENING = "\"'«»“”„‘’‚([{-–—•* \t"
# A first word printed as typed: an e-mail address, a web address or a domain, or a word with a
# capital inside it ("iPhone", "eBoks").
AS_TYPED = re.compile(
    r"^(?:\S+@\S+|[a-z][a-z0-9+.-]*://\S*|www\.\S*|[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,}(?:[/:?#]\S*)?|\S+[A-ZÆØÅ]\S*)$"
)


def _capfirst(text: str) -> str:
    """The text with its first letter a capital, the rest as written: a heading, also a theme
    named in the leader's own words ("at kontoret og værkstedet ikke snakker sammen"), and every
    answer printed ("jens", "telefontid 7-10 hos værkføreren" on a wall poster). An answer that
    opens with a number, an e-mail or web address, or a word like "iPhone" is left as it is. (CSS
    ::first-letter printed the letter as a text of its own, which readers of the PDF split off.)"""
    start = len(text) - len(text.lstrip(OPENING))
    rest = text[start:]
    first = rest.split(maxsplit=1)[0] if rest.strip() else ""
    if not first or not first[0].islower() or AS_TYPED.match(first.rstrip(".,;:!?)»”’")):
        return text
    return text[:start] + first[0].upper() + rest[1:]


# A word on its own: not part of an e-mail or web address ("jens@smedie.dk", "www.jens.dk").
_WORD = re.compile(r"(?<![\w@./:-])[^\W\d_]+(?![\w@]|[./:-]\w)")


def _named(text: str) -> str:
    """First names typed in lower case get their capital ("hanne og jens" -> "Hanne og Jens"): only
    names that are never everyday words (content/first_names.yml), so "per uge" and "bo" stay."""
    always, _ = catalogue.first_names()
    return _WORD.sub(lambda m: m.group(0).capitalize() if m.group(0) in always else m.group(0), text)


def _emoji_with_its_word(text: str) -> str:
    """The emoji at the end of an answer ("Uddelegere mere til teamet 👍") bound to the word before it
    by a no-break space: a user walk saw the thumb wrap onto a line of its own."""
    end = len(text.rstrip())
    start = end
    while start > 0 and (_emoji(text[start - 1])):
        start -= 1
    if start == end or start == 0 or not text[start - 1].isspace():
        return text
    word_end = len(text[:start].rstrip())
    return text[:word_end] + "\u00a0" + text[start:]


def _emoji(c: str) -> bool:
    code = ord(c)
    return code in (0x200D, 0xFE0F) or 0x1F3FB <= code <= 0x1F3FF or (code >= 0x2600 and unicodedata.category(c) == "So")


def _answer(text: str) -> str:
    return _capfirst(_named(_emoji_with_its_word(text)))


def _printed(document: Dict[str, Any]) -> Dict[str, Any]:
    """The document as printed: every answer, the leader's own words for a theme, a note and the
    subtitle (a group's or a firm's name as typed) start with a capital. Done here, at print
    time, so the saved file and the conversation keep what was typed."""
    sections = [
        {
            **section,
            "blocks": [
                {
                    **block,
                    "items": [
                        {
                            **item,
                            "answer": _answer(item["answer"]),
                            **({"label": _kept(item["label"])} if item.get("label") else {}),
                        }
                        for item in block["items"]
                    ],
                    **({"words": _capfirst(block["words"])} if block.get("words") else {}),
                }
                for block in section["blocks"]
            ],
        }
        for section in document["sections"]
    ]
    printed = {**document, "sections": [_even(section) for section in sections]}
    if document.get("subtitle"):
        printed["subtitle"] = _capfirst(document["subtitle"])
    if document.get("notes"):
        printed["notes"] = [_capfirst(note) for note in document["notes"]]
    if document.get("follow_up"):
        printed["follow_up"] = {**document["follow_up"], "when": _capfirst(document["follow_up"]["when"])}
    return printed


# An answer left out (skipped) where the same question is answered for the section's other themes.
NOT_ANSWERED = "–"


def _even(section: Dict[str, Any]) -> Dict[str, Any]:
    """A section's themes asked the same questions print them on the same grid: which answers
    sit side by side, how many to a row and how wide goes by the longest answer to each question
    among the themes, not by each theme's own (Status and Erfaringer sat side by side in one
    poster card and stacked in the next; two action cards used different grids). An answer skipped
    for one theme holds its place with a dash, so its row keeps the columns of the rows around it
    (a skipped answer left a row of two between rows of three, a user walk's agreement)."""
    themed = [b for b in section["blocks"] if b.get("heading") and b["items"] and all(i.get("ref") for i in b["items"])]
    if len(themed) < 2:
        return section
    order: List[str] = []
    answers: Dict[str, List[Dict[str, Any]]] = {}
    for block in sorted(themed, key=lambda b: -len(b["items"])):
        for at, item in enumerate(block["items"]):
            answers.setdefault(item["ref"], []).append(item)
            if item["ref"] not in order:
                before = block["items"][at - 1]["ref"] if at else None
                order.insert(order.index(before) + 1 if before in order else len(order), item["ref"])
    grid = {}
    for ref, items in answers.items():
        longest = max(items, key=lambda i: len(i["answer"]))
        grid[ref] = {
            "room": len(longest["answer"]),
            "alone": not all(_short(i) for i in items),
            "word": max((w for i in items for w in i["answer"].split()), key=len, default=""),
        }
    samples = [{"label": answers[ref][0].get("label") or "", "answer": "", "ref": ref, **grid[ref]} for ref in order]
    row = {item["ref"]: number for number, run in enumerate(_runs(samples)) for item in run}
    blocks = []
    for block in section["blocks"]:
        if any(block is b for b in themed):
            mine = {item["ref"]: item for item in block["items"]}
            blank = {"answer": NOT_ANSWERED}
            block = {
                **block,
                "items": [
                    {**(mine.get(ref) or {**samples[order.index(ref)], **blank}), **grid[ref], "row": row[ref]} for ref in order
                ],
            }
        blocks.append(block)
    return {**section, "blocks": blocks}


# A label's last word of at most this many letters goes to the next line with the word before it:
# 'Det kan jeg selv gøre noget ved' in a narrow column left 'ved' alone on a line (WeasyPrint 70
# has no text-wrap: balance).
LAST_WORD_ALONE = 5


def _kept(label: str) -> str:
    """The label with a no-break space before a short last word."""
    head, _, last = label.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if head and len(last) <= LAST_WORD_ALONE else label


SHORT = 60  # a name or a date, not a sentence: such answers sit side by side, up to three in a row


def _short(item: Dict[str, Any]) -> bool:
    """A short answer someone gave (lines the tool wrote, such as an agenda's, have no `ref`)."""
    if "alone" in item:  # on a grid shared with other themes (_even)
        return not item["alone"]
    return bool(item.get("ref")) and len(item["answer"]) <= SHORT and "\n" not in item["answer"]


# How many short answers may share a row, by the longest word among them: in a third of an A5
# card a Danish compound ("Personalemødet") was split across lines, so long words get wider columns.
COLUMNS_FOR_WORDS = ((11, 3), (18, 2))


def _words(item: Dict[str, Any]) -> List[str]:
    """The words an item's column must hold: its label's, its answer's, and on a grid shared with
    other themes the longest word any of them answered."""
    return f"{item.get('label') or ''} {item['answer']} {item.get('word', '')}".split() or [""]


def _columns(run: List[Dict[str, Any]]) -> int:
    longest = max(len(word) for item in run for word in _words(item))
    return next((columns for most, columns in COLUMNS_FOR_WORDS if longest <= most), 1)


# Short answers side by side share their row by how much each says, so a sentence beside a name
# and a month gets the room ("Chris asks each pair in the quarterly 1:1" was set five words a line
# in a third of an A5 card, beside "Chris" and "may" with two thirds between them). Each column
# keeps room for its longest word and the gap beside it in the narrowest such row: a poster card
# at twice its size holds about ROW_CHARS characters a line.
WIDTH_CAP = 40  # characters: an answer longer than this asks no more room than this
ROW_CHARS = 36


def _widths(run: List[Dict[str, Any]]) -> List[float]:
    """The share of the row (percent) each item in `run` takes."""
    longest = [max(len(word) for word in _words(item)) for item in run]
    # a label wraps between its words; a dash for a skipped answer holds the others' room
    needs = [max(min(item.get("room", len(item["answer"])), WIDTH_CAP), 1) for item in run]
    floors = [min((word + 3) / ROW_CHARS, 1 / len(run)) for word in longest]
    shares = [n / sum(needs) for n in needs]
    while any(share < floor - 1e-9 for share, floor in zip(shares, floors, strict=True)):
        fixed = [share <= floor for share, floor in zip(shares, floors, strict=True)]
        left = 1 - sum(floor for floor, f in zip(floors, fixed, strict=True) if f)
        free = sum(n for n, f in zip(needs, fixed, strict=True) if not f)
        shares = [floor if f else left * n / free for n, floor, f in zip(needs, floors, fixed, strict=True)]
    return [math.floor(10000 * share) / 100 for share in shares]  # rounded down: the row never overflows


def _runs(items: List[Dict[str, Any]]) -> List[List[Dict[str, Any]]]:
    """The items in their order, short answers that follow each other in rows of up to three,
    fewer where a long word needs a wider column."""
    runs: List[List[Dict[str, Any]]] = []
    for item in items:
        if "row" in item:  # on a grid shared with other themes (_even)
            if runs and runs[-1][-1].get("row") == item["row"]:
                runs[-1].append(item)
            else:
                runs.append([item])
            continue
        if _short(item) and runs and _short(runs[-1][0]) and len(runs[-1]) < _columns(runs[-1] + [item]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


# An A4 page (agreement layout) sets short answers side by side on one grid of thirds, the same in
# every section: a row of three takes a third each, a row of two a third and two thirds. Each block
# gives every row of two the same split (the wider column to whichever question says more), so a
# column starts where the column above it does ("Min samtale" had its second column at 41 % in one
# row and 55 % in the next, and every section had widths of its own, in a user walk).
GRID = 3
# A label's characters a line of a column holds (bold 9.5 pt; 170 mm wide less the 5 mm gap), per
# percent of the row: a third holds "Det vil jeg gøre mindre af", not "Det kan jeg selv gøre noget ved".
LABEL_CHARS_PER_PERCENT = 0.85
ANSWER_CHARS_PER_PERCENT = 0.85  # an answer's (10.5 pt), about the same


def _label_lines(label: str, share: float) -> int:
    """The lines `label` takes in a column `share` percent of the row wide (words wrapped whole)."""
    room = LABEL_CHARS_PER_PERCENT * share
    lines, used = 1, 0
    for word in label.split(" "):  # a no-break space (_kept) holds two words together
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _rows(items: List[Dict[str, Any]], grid: bool = False) -> List[Dict[str, Any]]:
    """The items in rows (_runs): each row's items, the share of the row (percent) each takes, on
    the A4 grid of thirds when `grid`, else by how much each says (_widths), and on the grid the
    lines the row's longest label takes, which every label in the row is given, so the answers of
    a row start on one line."""
    runs = _runs(items)
    if not grid:
        return [{"items": run, "widths": _widths(run) if len(run) > 1 else [100.0], "label_lines": 1} for run in runs]
    third = math.floor(10000 / GRID) / 100  # rounded down: the row never overflows
    # a row of two: the first column two thirds wide only when its answers need more than a third
    # holds and more than the second's; else the second is, starting where a row of three's does
    need = [max((run[at].get("room", len(run[at]["answer"])) for run in runs if len(run) == 2), default=0) for at in (0, 1)]
    wide_first = need[0] > max(need[1], ANSWER_CHARS_PER_PERCENT * third)
    split = [(GRID - 1) * third, third] if wide_first else [third, (GRID - 1) * third]
    shares = {1: [100.0], 2: split, GRID: [third] * GRID}
    rows = []
    for run in runs:
        widths = shares.get(len(run)) or [math.floor(10000 / len(run)) / 100] * len(run)
        lines = max(_label_lines(item.get("label") or "", width) for item, width in zip(run, widths, strict=True))
        rows.append({"items": run, "widths": widths, "label_lines": lines if len(run) > 1 else 1})
    return rows


VARIANTS = {"poster": ("", "a4"), "cards": ("", "a4")}

# Shrink (or grow) to fit: the font-size steps, in percent of the layout's own size, a poster
# or an action card may take to fill its page or card without spilling over.
FIT = (200, 175, 150, 130, 115, 100, 92, 85, 78, 72, 66, 60)
# The largest step each may take (short answers set large, to read from across the room) and
# the smallest (an A3 poster at 60 % still sets its answers at 9 pt); what does not fit then
# continues on the next page, a whole theme card at a time.
# A short poster grows up to twice its size: at 150 % a third of an A3 sheet stayed blank (a user test).
LARGEST = {"poster": FIT.index(200), "cards": FIT.index(130)}
SMALLEST = {
    ("poster", ""): FIT.index(60),
    ("poster", "a4"): FIT.index(66),
    ("cards", ""): FIT.index(66),
    ("cards", "a4"): FIT.index(66),
}
FITTED = {"poster", "cards"}
# A first guess at the step, so most documents are laid out once: for each layout, the
# characters a line of answer holds at full size and the lines a page (or card) holds.
MEASURE = {("poster", ""): (92, 54), ("poster", "a4"): (92, 54), ("cards", ""): (62, 34), ("cards", "a4"): (90, 23)}
# The leader agreement's first small step and its date, drawn out on the first page.
HIGHLIGHT = ("first_step", "first_step_when")
OPTIONS = {"pdf_tags": True, "pdf_variant": "pdf/ua-1", "uncompressed_pdf": False}


def printed_variant(document: Dict[str, Any], variant: str) -> str:
    """The variant the document is printed in: layouts without it print as they are."""
    if variant and variant not in VARIANTS.get(document["layout"], ("",)):
        return ""  # layouts without that variant print as they are
    return variant


def _merged(document: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The sections with a later block for a theme already shown (a follow-up of it) folded into
    that theme's block as a `later` part, headed by its own section's heading: on a poster or an
    action card, how the theme went sits with the theme."""
    owners: Dict[str, Dict[str, Any]] = {}
    sections = []
    for section in document["sections"]:
        blocks: List[Dict[str, Any]] = []
        own: Dict[str, Dict[str, Any]] = {}
        for block in section["blocks"]:
            heading = block.get("heading")
            if heading and heading in owners:
                owners[heading]["later"].append({"heading": section["heading"], "items": block["items"]})
                continue
            blocks.append({**block, "later": []})
            if heading:
                own.setdefault(heading, blocks[-1])
        owners.update({k: v for k, v in own.items() if k not in owners})
        if blocks:
            sections.append({**section, "blocks": blocks})
    return sections


def _cards(document: Dict[str, Any]) -> Dict[str, Any]:
    """Action cards: one per theme block, with what concerns every card (an unnamed block, such as
    the next follow-up's date) printed on each of them instead of on a card of its own."""
    cards, shared = [], []
    for section in _merged(document):
        for block in section["blocks"]:
            if block.get("heading"):
                cards.append(block)
            else:
                shared.extend(block["items"])
    if not cards:  # nothing themed: every block its own card, named by its section
        cards = [{**b, "heading": s["heading"]} for s in _merged(document) for b in s["blocks"]]
        shared = []
    return {"cards": cards, "shared": shared}


# A4 pages (agreement layout): a theme's block is kept on one page when it is short. A long one
# moved whole to the next page left a third of a page blank ("The themes in depth" in a user
# test); it runs on over the page instead, its heading and each label kept with what follows.
A4_LINE = 92  # characters of answer a line of an A4 page holds
KEEP_LINES = 10  # the most lines a block kept on one page may take


def _kept_together(block: Dict[str, Any]) -> bool:
    """Short answers side by side take one row: a label's line and the longest answer's lines in its
    column (counted as items one under another, a theme of the group's notes with its owner and
    date in one row came to 11 lines, ran on, and left "Sådan mærker vi fremskridt" alone on the
    next page, cut off from its theme, in a user walk)."""
    lines = 2 + (math.ceil(len(block["words"]) / A4_LINE) if block.get("words") else 0)
    lines += sum(1 + max(math.ceil(len(i["answer"]) * len(run) / A4_LINE) for i in run) for run in _runs(block["items"]))
    return lines <= KEEP_LINES


def _highlight(document: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The item to draw out (and its date), taken out of its section."""
    found: Dict[str, Dict[str, Any]] = {}
    for section in document["sections"]:
        for block in section["blocks"]:
            for item in block["items"]:
                if item.get("ref") in HIGHLIGHT and item.get("answer", "").strip():
                    found.setdefault(item["ref"], item)
    if HIGHLIGHT[0] not in found:
        return None
    return {"step": found[HIGHLIGHT[0]], "when": found.get(HIGHLIGHT[1])}


def _lines(block: Dict[str, Any], scale: float, per_line: float, lead: bool) -> float:
    """The lines (of answer text at full size) a theme's block takes at `scale`."""

    def text(chars: int, size: float = 1.0) -> float:
        return math.ceil(chars * size * scale / per_line or 1) * size

    def items(items_: List[Dict[str, Any]]) -> float:
        lines = 0.0
        for run in _runs(items_):  # side by side: the longest answer, in a column as wide as the row allows
            lines += 0.8 + max(text(len(i["answer"]) * len(run)) for i in run)
        return lines

    first = block["items"][:1] if lead else []
    lines = 1.8 + (text(len(block["words"]), 0.95) if block.get("words") else 0.0)
    lines += sum(0.8 + text(len(i["answer"]), 1.5) for i in first) + items(block["items"][len(first) :])
    return lines + sum(1.3 + items(later["items"]) for later in block.get("later", []))


def _first_guess(document: Dict[str, Any], layout: str, variant: str, cards: List[Dict[str, Any]], shared: int) -> List[int]:
    """The largest step at which each unit's estimated lines fit its page or card."""
    per_line, room = MEASURE[(layout, variant)]
    smallest = SMALLEST[(layout, variant)]

    def fits(step: int, height: Callable[[float], float]) -> bool:
        scale = FIT[step] / 100
        return scale * height(scale) <= room

    def card(block: Dict[str, Any]) -> Callable[[float], float]:
        # the kicker, the footer and the lines every card shares around its own
        return lambda scale: 3.5 + 1.3 * shared + _lines(block, scale, per_line, False)

    def poster(scale: float) -> float:
        lines = 7.5 + 2.5  # title, subtitle, date and the footer
        for section in _merged(document):
            themed = [b for b in section["blocks"] if b.get("heading")]
            lines += 1.3 + sum(1.5 + _lines(b, scale, per_line, True) for b in themed)
            lines += 0 if themed else 3.5  # a band
        return lines

    units = [card(c) for c in cards] if layout == "cards" else [poster]
    return [next((step for step in range(LARGEST[layout], smallest + 1) if fits(step, height)), smallest) for height in units]


def _stylesheets(layout: str, variant: str) -> List[str]:
    return ["base.css", f"{layout}.css"] + ([f"{layout}-{variant}.css"] if variant else [])


@cache
def _parsed(name: str):
    """A stylesheet parsed once per process (parsing took a fifth of a poster's time)."""
    from weasyprint import CSS

    return CSS(filename=str(HERE / name), url_fetcher=_local_fetcher())


def _sheets(count: int, variant: str, tall: Iterable[int]) -> List[List[int]]:
    """The cards on each sheet: one a page on A5; two to an A4 sheet, but a card too long for
    half a sheet at the smallest step takes a whole one."""
    if variant != "a4":
        return [[i] for i in range(count)]
    sheets: List[List[int]] = []
    for i in range(count):
        if i in tall:
            sheets.append([i])
        elif sheets and len(sheets[-1]) == 1 and sheets[-1][0] not in tall:
            sheets[-1].append(i)
        else:
            sheets.append([i])
    return sheets


def render_html(
    document: Dict[str, Any],
    variant: str = "",
    fit: Optional[List[int]] = None,
    parsed_css: bool = False,
    tall: Iterable[int] = (),
    private_sheet: bool = True,
    keep_end: int = 0,
) -> str:
    """`variant` "a4": the poster on A4, or two action cards to an A4 sheet. `fit`: the FIT step
    of each fitted unit (each card, or the whole page), 0 when not given; `tall`: the cards
    that take a whole A4 sheet. `parsed_css`: leave the stylesheets out (render_pdf hands
    WeasyPrint its parsed copies). `private_sheet`: a private part starts a page of its own.
    `keep_end`: KEEP_LAST_ANSWER, the last answer goes with the one before it; KEEP_LAST_PART, the
    last part too goes on the page before it, with what precedes it."""
    validate(document)
    return _html(document, variant, fit, parsed_css, tall, private_sheet, keep_end)


def _html(
    document: Dict[str, Any],
    variant: str,
    fit: Optional[List[int]],
    parsed_css: bool,
    tall: Iterable[int],
    private_sheet: bool = True,
    keep_end: int = 0,
) -> str:
    variant = printed_variant(document, variant)
    document = _printed(document)
    template = _environment().get_template(f"{document['layout']}.html.j2")
    context: Dict[str, Any] = {"doc": document, "variant": variant, "private_sheet": private_sheet, "keep_end": keep_end}
    if document["layout"] == "cards":
        context.update(_cards(document))
        context["sheets"] = _sheets(len(context["cards"]), variant, tall)
        context["tall"] = set(tall)
    elif document["layout"] == "poster":
        context["sections"] = _merged(document)
    elif document["layout"] == "agreement":
        context["highlight"] = highlight = _highlight(document)
        drawn_out = [id(i) for i in (highlight or {}).values() if i]
        context["sections"] = [
            {**section, "blocks": [{**b, "keep": _kept_together(b)} for b in blocks]}
            for section in document["sections"]
            if (
                blocks := [
                    {**b, "items": [i for i in b["items"] if id(i) not in drawn_out]}
                    for b in section["blocks"]
                    if any(id(i) not in drawn_out for i in b["items"]) or b.get("words")
                ]
            )
        ]
    context["stylesheets"] = [] if parsed_css else _stylesheets(document["layout"], variant)
    units = len(context["cards"]) if "cards" in context else 1
    steps = list(fit or []) + [FIT.index(100)] * units
    context["fit"] = [FIT[min(s, len(FIT) - 1)] for s in steps[:units]]
    return template.render(**context)


def _local_fetcher():
    """WeasyPrint URL fetcher: our own files under renderer/, nothing else."""
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url[len("file://") :]).resolve()
                if path.is_relative_to(HERE) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError("external resources are not fetched")

    return LocalOnly(allowed_protocols={"file"}, timeout=2)


def _bottom(box) -> float:
    return max((b.position_y + b.margin_height() for b in box.descendants() if b.element is not None), default=0.0)


def _overflow(rendered, layout: str, units: int) -> List[float]:
    """How much each fitted unit needs, as a share of its room (above 1: it spills): a poster
    the height of its content over one page's; a card its content over its page, or over its
    half of an A4 sheet."""
    if layout != "cards":
        pages = rendered.pages
        room = pages[0]._page_box.height
        if len(pages) == 1:
            return [1.0]
        last = pages[-1]._page_box
        return [((len(pages) - 1) * room + _bottom(last) - last.content_box_y()) / room]
    need = [0.0] * units
    for page in rendered.pages:
        room = page._page_box.height
        for box in page._page_box.descendants():
            unit = None if box.element is None else box.element.get("data-card")
            if unit is None:
                continue
            unit = int(unit)
            if box.element_tag != "article":
                continue
            if box.style["height"] == "auto":  # a page each: its parts over the pages they take
                need[unit] += box.margin_height() / room
            else:  # a fixed half sheet: what is inside it over its height
                inner = next((b for b in box.children if b.element_tag == "div"), None)
                need[unit] = max(need[unit], inner.margin_height() / box.height if inner else 0.0)
    return need


# The last page of an A4 document holds more than this many lines of text besides its headings,
# labels and footer; else the last part is laid out again to go with what comes before it
# ("Opfølgning · Vi følger op 3. marts 2027" alone on a page, in a user test). Short answers side by
# side count one line each: a last page holding a whole section of four ("Min samtale om min
# trivsel", two rows of two) is worth keeping, and pulling the section back took the rows before
# it along, leaving a quarter of page 1 blank (a user walk).
THIN_PAGE_LINES = 2


def _text_rows(box, rows: set) -> None:
    """The places (height, and left edge for answers side by side) at which `box` holds a line of
    text that is neither a heading, a label nor the footer."""
    from weasyprint.formatting_structure.boxes import InlineBlockBox, LineBox

    if box.element_tag in ("footer", "h1", "h2", "h3", "h4", "dt"):
        return
    if isinstance(box, LineBox):
        columns = [child for child in box.children if isinstance(child, InlineBlockBox)]
        for column in columns:  # a row of short answers: each its own
            _text_rows(column, rows)
        if not columns and any(True for _ in _texts(box)):
            rows.add((round(box.position_y), round(box.position_x)))
        return
    for child in getattr(box, "children", ()):
        _text_rows(child, rows)


# How a thin last page is laid out again (agreement.css: main.keep-end, main.keep-last-part): first
# its last answer goes over with the one before it, so the last part starts the page whole; only a
# page that still holds a line or two takes the last part back to the page before. Taking a whole
# section back at once ("Min samtale om min trivsel", after its last answer was alone on page 2)
# took the last row of "Min aftale med mig selv" over with it: page 2 opened on "Sådan mærker jeg…"
# and "Dem, der kan støtte mig", a quarter of page 1 blank (a user walk).
KEEP_LAST_ANSWER, KEEP_LAST_PART = 1, 2


def _last_part_items(document: Dict[str, Any]) -> int:
    """The answers (or notes) in the document's last part: of its shared part, where a private sheet ends it."""
    if document.get("notes"):
        return len([note for note in document["notes"] if note])
    shared = [section for section in document["sections"] if not section.get("private")]
    return sum(len(block["items"]) for block in shared[-1]["blocks"]) if shared else 0


def _texts(box):
    from weasyprint.formatting_structure.boxes import TextBox

    for child in box.descendants():
        if isinstance(child, TextBox) and child.text.strip():
            yield child


def _thin_last_page(rendered) -> bool:
    """True when the last page holds a line or two of text under a heading, besides the footer."""
    from weasyprint.formatting_structure.boxes import MarginBox

    if len(rendered.pages) < 2:
        return False
    rows: set = set()
    for child in rendered.pages[-1]._page_box.children:
        if not isinstance(child, MarginBox):
            _text_rows(child, rows)
    return len(rows) <= THIN_PAGE_LINES


def _thin_before_private(rendered) -> bool:
    """True when the page before the private sheet holds a line or two of the shared part (the last
    question of a meeting guide alone on page 2, before the leader's own page 3: a user walk)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    pages = rendered.pages
    starts = next((i for i, page in enumerate(pages) if _holds_private(page._page_box)), None)
    if not starts or starts < 2:
        return False
    rows: set = set()
    for child in pages[starts - 1]._page_box.children:
        if not isinstance(child, MarginBox):
            _text_rows(child, rows)
    return len(rows) <= THIN_PAGE_LINES


def _holds_private(box) -> bool:
    element = getattr(box, "element", None)
    if element is not None and "private" in (element.get("class") or "").split():
        return True
    return any(_holds_private(child) for child in getattr(box, "children", []))


def _smaller(step: int, need: float, smallest: int) -> int:
    """The FIT step for a unit at `step` that needs `need` times its room: text takes room by
    area, so the size goes by the square root."""
    if need <= 1.0:
        return step
    target = FIT[step] / need**0.5
    return min(smallest, next((i for i in range(step + 1, len(FIT)) if FIT[i] <= target), len(FIT) - 1))


def render_pdf(document: Dict[str, Any], variant: str = "") -> bytes:
    """The PDF. A poster and each action card are laid out at the largest FIT step that keeps
    them on their page (or card): a first guess from the length of the text, then
    a smaller step for what still spills, a few times at most."""
    from weasyprint import HTML  # heavy import, kept out of the gateway's start-up

    validate(document)
    layout = document["layout"]
    variant = printed_variant(document, variant)
    smallest = SMALLEST.get((layout, variant), 0)
    fit = [FIT.index(100)]
    if layout in FITTED:
        cards = _cards(document)
        fit = _first_guess(document, layout, variant, cards["cards"], len(cards["shared"]))
    sheets = [_parsed(name) for name in _stylesheets(layout, variant)]
    tall: List[int] = []
    # A private part always starts a sheet of its own, however short the shared part's last page: the
    # meeting leader prints the shared sheets for the group and keeps theirs back (a walk found a
    # group's strain printed on the page of shared questions). Its own sheet may be short on purpose.
    private_sheet = any(section.get("private") for section in document["sections"])
    # The end kept together is the document's, or where a private sheet follows, the shared part's.
    may_keep_end = layout == "agreement"
    thin = _thin_before_private if document["sections"] and document["sections"][-1].get("private") else _thin_last_page
    keep_end = 0
    for _ in range(5):
        html = _html(document, variant, fit, parsed_css=True, tall=tall, private_sheet=private_sheet, keep_end=keep_end)
        rendered = HTML(string=html, base_url=str(HERE) + "/", url_fetcher=_local_fetcher()).render(stylesheets=sheets, **OPTIONS)
        if may_keep_end and keep_end < KEEP_LAST_PART and thin(rendered):
            # laid out again: the last answer with the one before it (the whole last part starts
            # the page), and if that is still a line or two, the last part with what precedes it
            # before a private sheet, the shared part's last section goes over whole: its questions read together
            whole = keep_end or _last_part_items(document) < 2 or thin is _thin_before_private
            keep_end = KEEP_LAST_PART if whole else KEEP_LAST_ANSWER
            continue
        if layout not in FITTED:
            break
        need = _overflow(rendered, layout, len(fit))
        smaller = [_smaller(step, n, smallest) for step, n in zip(fit, need, strict=True)]
        if smaller == fit and layout == "cards" and variant == "a4":
            # too long for half a sheet at the smallest step: the whole sheet, at the step
            # that fills it (text takes room by area: twice the room, 1.41 times the size)
            for unit, (step, n) in enumerate(zip(fit, need, strict=True)):
                if n > 1.0 and unit not in tall:
                    tall.append(unit)
                    target = FIT[step] * (2 / n) ** 0.5
                    smaller[unit] = next((i for i in range(LARGEST[layout], len(FIT)) if FIT[i] <= target), smallest)
        if smaller == fit:
            break
        fit = smaller
    return rendered.write_pdf(**OPTIONS)


def warm_up() -> None:
    import weasyprint  # noqa: F401
