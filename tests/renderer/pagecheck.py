"""A page check that reads a rendered PDF as a reader sees its pages: every line where poppler's
`pdftotext -bbox-layout` places it, matched against the document it was made from.

What it finds (each a sentence naming the page and the words, never more of an answer):
- a page holding only headings, only the footer and page number, or one line of text (besides
  headings and labels) and the footer;
- a word split at a line end (a hyphen the renderer added, or a word broken without one) that
  has six letters or fewer, or leaves fewer than three letters on either line;
- a split inside a heading, a theme's name or a label;
- a heading or label as the last thing on a page, its content on the next;
- a page of a multi-page A4 document left a third empty before a page that follows on
  (a break the layout forces, for a private part, is not counted).
Used by tests/renderer/test_pages.py on every fixture, and usable on any PDF with its document.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Set
from xml.etree import ElementTree

HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character; a hyphen typed by the leader is "-"
SHORTEST_SPLIT_WORD = 7  # letters: a word of six or fewer is never split
FEWEST_LETTERS_ON_A_LINE = 3
EMPTIEST_PAGE = 1 / 3  # a page that flows on to the next is at least two thirds full
PAGE_NUMBER = re.compile(r"^\d+ ?/ ?\d+$")
LETTERS = re.compile(r"[^\W\d_]+")


@dataclass
class Line:
    text: str
    top: float
    bottom: float
    left: float = 0.0
    parts: tuple = ()  # a row's pieces side by side (rows())


@dataclass
class Page:
    number: int  # from 1
    height: float
    lines: List[Line]


def read_pages(pdf: bytes) -> List[Page]:
    """Every page's lines in poppler's reading order, with their place on the page (pt)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    # poppler writes XHTML: drop the namespace, keep the elements
    root = ElementTree.fromstring(re.sub(rb'\sxmlns="[^"]+"', b"", xml.stdout, count=1))
    pages = []
    for number, page in enumerate(root.iter("page"), 1):
        lines = [segment for line in page.iter("line") for segment in _segments(line)]
        pages.append(Page(number, float(page.attrib["height"]), [line for line in lines if line.text.strip()]))
    return pages


def _segments(line) -> List[Line]:
    """A line as poppler reads it, cut where a wide gap parts short answers side by side: each
    column's piece is a line of its own."""
    words = [(w.text or "", float(w.get("xMin")), float(w.get("xMax"))) for w in line.iter("word")]
    top, bottom = float(line.get("yMin")), float(line.get("yMax"))
    pieces: List[List[tuple]] = []
    for word in words:
        if pieces and word[1] - pieces[-1][-1][2] < 0.6 * (bottom - top):
            pieces[-1].append(word)
        else:
            pieces.append([word])
    return [Line(" ".join(w[0] for w in piece), top, bottom, piece[0][1]) for piece in pieces]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(HYPHEN, "").casefold()


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def headings(doc: Dict[str, Any]) -> Set[str]:
    """Every heading, theme name and label the document prints, squashed."""
    found = {doc.get("title") or "", doc.get("notes_heading") or ""}
    for section in doc.get("sections") or []:
        found.add(section["heading"])
        for block in section["blocks"]:
            found.add(block.get("heading") or "")
            found |= {item.get("label") or "" for item in block["items"]}
    if doc.get("follow_up"):
        found.add(doc["follow_up"].get("label") or "")
    ladder = doc.get("ladder") or {}
    found |= set(ladder.get("levels") or [])
    found |= {f"{ladder.get('here')} {ladder.get('current')}: {ladder.get('name')}", ladder.get("next_heading") or ""}
    found |= {chart.get("title") or "" for chart in doc.get("charts") or []}
    return {squash(h) for h in found if h.strip()}


def headlines(doc: Dict[str, Any]) -> Set[str]:
    """Answers set large as a headline, never split: a poster's short action (renderer: HEADLINE)
    and the date it follows up, the leader's first small step."""
    from renderer.render import HEADLINE

    found = set()
    for section in doc.get("sections") or []:
        for block in section["blocks"]:
            items = block["items"]
            if doc.get("layout") == "poster" and items and block.get("heading") and len(items[0]["answer"]) <= HEADLINE:
                found.add(items[0]["answer"])
            if doc.get("layout") == "poster" and not block.get("heading"):
                found |= {item["answer"] for item in items}
            found |= {item["answer"] for item in items if item.get("ref") == "first_step" and doc.get("layout") == "agreement"}
    return {squash(h) for h in found if h.strip()}


def _footer_lines(lines: List[Line], footer: str) -> int:
    """How many lines at the end of `lines` are the footer (it may wrap)."""
    if not footer:
        return 0
    for k in range(1, min(4, len(lines)) + 1):
        if squash(" ".join(line.text for line in lines[-k:])) == squash(footer):
            return k
    return 0


def body(page: Page, doc: Dict[str, Any]) -> List[Line]:
    """The page's lines less its page number and the document's footer."""
    lines = [line for line in page.lines if not PAGE_NUMBER.match(line.text.strip())]
    # A card's footer closes every card, a document's its last page: it can sit anywhere a card ends.
    footer = squash(doc.get("footer") or "")
    kept: List[Line] = []
    for line in lines:
        kept.append(line)
        k = _footer_lines(kept, footer)
        if k:
            del kept[-k:]
    return kept


def _is_heading(lines: List[Line], names: Set[str]) -> bool:
    """The lines are one heading or label, or a row of labels side by side."""
    if squash(" ".join(line.text for line in lines)) in names:
        return True
    return len(lines) == 1 and len(lines[0].parts) > 1 and all(squash(part) in names for part in lines[0].parts)


def rows(lines: List[Line]) -> List[Line]:
    """The lines as they sit on the page, top to bottom, those side by side (a label in a box
    beside its answer, short answers in columns) joined left to right into one row."""
    placed: List[List[Line]] = []
    for line in sorted(lines, key=lambda x: (x.top + x.bottom) / 2):
        middle = (line.top + line.bottom) / 2
        if placed and placed[-1][-1].top <= middle <= placed[-1][-1].bottom:
            placed[-1].append(line)
        else:
            placed.append([line])
    rows_ = []
    for row in placed:
        row.sort(key=lambda x: x.left)
        text = " ".join(x.text for x in row)
        rows_.append(Line(text, min(x.top for x in row), max(x.bottom for x in row), row[0].left, tuple(x.text for x in row)))
    return rows_


def _ends_with_heading(lines: List[Line], names: Set[str]) -> bool:
    """The lowest lines of the page are a heading or label, with nothing beside them."""
    placed = rows(lines)
    return any(_is_heading(placed[-k:], names) for k in range(1, min(3, len(placed)) + 1))


def _vocabulary(doc: Dict[str, Any]) -> Set[str]:
    return {w.casefold() for text in _strings(doc) for w in LETTERS.findall(text)}


def _below(lines: List[Line], line: Line) -> List[Line]:
    """The line right under `line` in its column (side-by-side columns are read one after another)."""
    height = line.bottom - line.top
    under = [x for x in lines if abs(x.left - line.left) < 1.0 and 0 < x.top - line.top < 1.8 * height]
    return sorted(under, key=lambda x: x.top)[:1]


def _splits(pages: List[List[Line]], vocabulary: Set[str]):
    """(line, next line, left part, right part, whole word, hyphenated) for each word split
    between two lines that follow each other: in reading order (also over a page break), or
    one under the other in a column of short answers side by side."""
    flow = [line for lines in pages for line in lines]
    pairs = list(zip(flow, flow[1:], strict=False))
    pairs += [(line, under) for lines in pages for line in lines for under in _below(lines, line)]
    seen = set()
    for line, following in pairs:
        if (id(line), id(following)) in seen:
            continue
        seen.add((id(line), id(following)))
        text, rest = line.text.rstrip(), following.text.lstrip()
        left_run = LETTERS.findall(text.split()[-1]) if text.split() else []
        right_run = LETTERS.findall(rest.split()[0]) if rest.split() else []
        if not left_run or not right_run:
            continue
        left, right = left_run[-1], right_run[0]
        if not text.split()[-1].endswith(left) and not text.endswith(HYPHEN):
            continue  # the line ends with punctuation: no word runs on
        if not rest.split()[0].startswith(right):
            continue
        whole = left + right
        if text.endswith(HYPHEN):
            yield line, following, left, right, whole, True
        elif (
            whole.casefold() in vocabulary
            and not (left.casefold() in vocabulary and right.casefold() in vocabulary)
            and text.split()[-1] == left
        ):
            yield line, following, left, right, whole, False


def problems(pdf: bytes, doc: Dict[str, Any], forced_breaks: Iterable[str] = ()) -> List[str]:
    """What a reader would call a page not worth keeping, or a word badly split, in `pdf`
    rendered from `doc`. `forced_breaks`: headings that start a page on purpose."""
    pages = read_pages(pdf)
    names = headings(doc)
    large = headlines(doc)
    vocabulary = _vocabulary(doc)
    forced = {squash(h) for h in forced_breaks} | {squash(s["heading"]) for s in doc.get("sections") or [] if s.get("private")}
    found: List[str] = []
    bodies = [body(page, doc) for page in pages]
    for page, lines in zip(pages, bodies, strict=True):
        where = f"page {page.number}"
        content = [row for row in rows(lines) if not _is_heading([row], names)]
        if not lines:
            found.append(f"{where} holds only the footer")
        elif not content:
            found.append(f"{where} holds only headings: {lines[0].text[:60]!r}")
        elif len(content) == 1 and not _opens_with(lines, forced):
            # (a part that starts a sheet on purpose, the meeting leader's own, may be one line long)
            found.append(f"{where} holds one line under its headings: {content[0].text[:60]!r}")
        if page.number < len(pages) and lines and _ends_with_heading(lines, names):
            found.append(f"{where} ends with a heading: {lines[-1].text[:60]!r}")
    # words split at line ends, across pages too
    for line, following, left, right, whole, hyphenated in _splits(bodies, vocabulary):
        split = f"{left}{'-' if hyphenated else ''}/{right}"
        if len(whole) < SHORTEST_SPLIT_WORD:
            found.append(f"a word of {len(whole)} letters split: {split!r}")
        elif min(len(left), len(right)) < FEWEST_LETTERS_ON_A_LINE:
            found.append(f"a split leaves {min(len(left), len(right))} letters on a line: {split!r}")
        pair = squash(line.text + following.text)
        if any(squash(line.text) in name and squash(following.text) in name for name in names | large) or pair in names:
            found.append(f"a heading split: {split!r}")
    # a page that flows on to the next is filled (A4 documents of more than one page)
    if doc.get("layout") == "agreement":
        for page, lines, after in zip(pages, bodies, bodies[1:], strict=False):
            if not lines or not after or _opens_with(after, forced):
                continue
            empty = (page.height - _bottom_margin(page) - max(line.bottom for line in lines)) / page.height
            if empty > EMPTIEST_PAGE:
                found.append(f"page {page.number} is {empty:.0%} empty before page {page.number + 1} goes on")
    return found


def _opens_with(lines: List[Line], names: Set[str]) -> bool:
    return any(squash(" ".join(x.text for x in lines[:k])) in names for k in (1, 2))


def _bottom_margin(page: Page) -> float:
    """The room below the text area: down to where the page number sits, or 24 mm (base.css)."""
    numbers = [line for line in page.lines if PAGE_NUMBER.match(line.text.strip())]
    return page.height - numbers[0].top if numbers else 24 * 72 / 25.4
