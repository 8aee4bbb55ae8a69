"""Reads a date the way leaders type it, in Danish or English.

A date without a year is the next time it comes round from `today`; a past date is
only returned when the text names the year. Small rules below read the everyday forms
wherever they stand in a sentence ("lad os sige fredag den 5. marts kl 9"), because
dateparser only reads a text that is nothing but a date, and misses Danish relative
forms ("om tre dage", "torsdag i næste uge", "i overmorgen") and bare weekdays.
dateparser reads whatever the rules leave ("next month", "i dag").

`find` also says where in the text the date was written and whether it named a week without a
day ("i næste uge", "uge 12"), so a when-question can print the date in place of the words
(actions/dates_when.py); `parse` gives the date alone, for the date questions.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Tuple

import dateparser

from actions import holidays
from catalogue import clock
from rasa_components.corrections import corrected_to

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("mandag", "monday"),
            ("tirsdag", "tuesday"),
            ("onsdag", "wednesday"),
            ("torsdag", "thursday"),
            ("fredag", "friday"),
            ("lørdag", "saturday"),
            ("søndag", "sunday"),
        ]
    )
    for name in names
}
MONTHS = {
    name: i
    for i, names in enumerate(
        [
            # with the Norwegian and Swedish spellings ("18 desember", "15 januari") and common slips
            ("januar", "january", "jan", "januari"),
            ("februar", "february", "feb", "februari", "febuar", "feburar", "febuary"),
            ("marts", "march", "mar", "mars"),
            ("april", "apr"),
            ("maj", "may", "mai"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug", "augusti", "agust"),
            ("september", "sept", "sep", "sebtember", "septemper"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "novemper"),
            ("december", "dec", "desember", "decemper", "desemper"),
        ],
        start=1,
    )
    for name in names
}
NUMBERS = {
    name: i
    for i, names in enumerate(
        [
            ("en", "et", "én", "ét", "a", "an", "one"),
            ("to", "two"),
            ("tre", "three"),
            ("fire", "four"),
            ("fem", "five"),
            ("seks", "six"),
            ("syv", "seven"),
            ("otte", "eight"),
            ("ni", "nine"),
            ("ti", "ten"),
            ("elleve", "eleven"),
            ("tolv", "twelve"),
            ("tretten", "thirteen"),
            ("fjorten", "fourteen"),
        ],
        start=1,
    )
    for name in names
}


def _words(names) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


WEEKDAY, MONTH, NUMBER = _words(WEEKDAYS), _words(MONTHS), _words(NUMBERS)
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "uge 12", "week 12 2027"; not "next week 9-11" (a time after a week named by a word), nor "uge 10-11".
WEEK = re.compile(
    r"(?<!næste )(?<!denne )(?<!kommende )(?<!next )(?<!this )(?<!coming )"
    r"\b(?:uge|week|wk)\.?\s*(\d{1,2})(?!\d)(?!\s*[-–]\s*\d)(?:\D+(\d{4}))?"  # "uge 10-11" is two weeks: words
)
# 3/3, 3.3., 15/4-27, 15.04.2027: always day first, as both languages write it here.
# "7/3", "7.3.27", "7/3-2027", and "7/3 2027" (a year after a space is the date's, not words after it).
NUMERIC = re.compile(r"(?<![\w,:/-])(\d{1,2})[./](\d{1,2})(?:[./-](\d{4}|\d{2})|\s+(20\d{2})\b)?(?![\d/])")
CLOCK = re.compile(r"\b(?:kl|klokken|at)\.?\s*$")  # "kl. 9.30" is a time, not 9 March
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?({MONTH})\b\.?(?:\s*,?\s*(\d{{4}}))?")
MONTH_DAY = re.compile(rf"\b({MONTH})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{{4}}))?")
# "den 3." / "the 3rd" alone is a day of the month, but not in "den 3. gang" / "the 3rd time".
# Without its full stop ("nej, den 18") only when nothing but the date stands after it and nothing
# or a yes, a no or a comma before it: "jeg giver den 10" gives a mark.
DAY_ONLY = re.compile(
    r"\b(?:the|den|d\.?)\s*(\d{1,2})(?:\.|st|nd|rd|th)"
    r"(?=\s*$|\s*[^\w\s]|\s+(?:kl|klokken|at|ved|og|and|eller|or|passer|fungerer|works|suits|instead|i\s+stedet)\b)"
    r"|(?:^|[,.:;!?]\s*|\b(?:nej|ja|no|yes|hellere|rather|on|på)\s+)(?:the|den|d\.?)\s*(\d{1,2})(?!\d)"
    r"(?=\s*$|\s*[,!?]|\s*\.\s*$|\s+(?:kl|klokken|at|passer|fungerer|works|suits|instead|i\s+stedet|er\s+bedre|is\s+better)\b)"
)
# "mandag d. 14", "fredag den 18", "Monday the 14th": a weekday and a day of the month without the month;
# without "den"/"the" only as an ordinal ("thurs 21st", "man 14.") or a day no clock has ("tors 17" at the
# end is the 17th; "fredag 14-16" and "mandag 9" are times). A user walk's "thurs 21st" printed "Thursday
# 10 December 2026 21st".
WEEKDAY_DAY = re.compile(
    rf"\b({WEEKDAY})\s*,?\s*(?:(?:den|d\.?|the)\s*(\d{{1,2}})(?:\.|st|nd|rd|th)?|(\d{{1,2}})(?:\.|st|nd|rd|th)"
    r"|(1[3-9]|2\d|3[01])(?=\s*$))(?![\d/.:\-–]\d)(?!\.)"
    r"(?=\s*$|\s*[^\w\s]|\s+(?:kl|klokken|at|ved|og|and|eller|or|i|in|tror|nok|maybe|måske)\b)"
)
UNIT = r"(dage?|days?|uger?|weeks?|måned(?:er)?|months?|år|years?)s?"
# "om en uges tid ca.", "in two weeks or so": the words after the count belong to it.
ROUGHLY = r"(?:\s+tid)?(?:\s+(?:ca\b\.?|cirka\b|or\s+so\b))?"
RELATIVE = re.compile(
    rf"\b(?:om|in)\s+(?:ca\.?\s+|cirka\s+|about\s+)?(\d{{1,3}}|{NUMBER})\s+{UNIT}\b{ROUGHLY}"
    rf"|\b(\d{{1,3}}|{NUMBER})\s+{UNIT}\s+(?:from\s+(?:now|today)|fra\s+(?:nu|i\s*dag))"
)
ROUGH = re.compile(r"\b(?:måned\w*|months?|år|years?)\b")
FORTNIGHT = re.compile(r"\b(?:in\s+)?(?:a\s+)?fortnight(?:\s+from\s+(?:now|today))?\b")
DAY_AFTER_TOMORROW = re.compile(r"\b(?:i\s*)?overmorgen\b|\bday after tomorrow\b")
TOMORROW = re.compile(r"\bi\s*morgen\b|\btomorrow\b")
# "tonight" at "Hvornår går du i gang?" is today (a second user walk got "do you want a break?").
TONIGHT = re.compile(r"\bi\s*aften\b|\btonight\b|\bthis evening\b|\bi\s*eftermiddag\b|\bthis afternoon\b")
NEXT_WEEK = re.compile(r"\bnæste\s+uge\b|\bnext\s+(?:week|wk)\b")
# "i denne uge", "this week", "this wk": this week, as "i næste uge" is the next (a walk's got today's date)
THIS_WEEK = re.compile(r"\b(?:i\s+)?denne\s+uge\b|\bthis\s+(?:week|wk)\b")
WEEKDAY_WORD = re.compile(rf"\b({WEEKDAY})\b")
# "hver fredag", "every Friday": a habit, not a day.
EVERY = re.compile(r"\b(?:hver|hveranden|every|each|alle)(?:\s+(?:anden|andet|other|second))?\s+$")
# Words just before a date that the date itself says: "på fredag", "den 5. marts", "fredag den 5/3", "next Friday".
LEADING = re.compile(rf"(?:\b(?:{WEEKDAY}|den|d\.?|the|on|på|næste|næstkommende|kommende|next|this|coming)\s*,?\s*)$")
# "første mandag i februar", "the first Monday in February", "sidste fredag i marts".
NTH_WEEKDAY = re.compile(
    rf"\b(første|anden|andet|tredje|fjerde|sidste|first|second|third|fourth|last|[1-4]\.|1st|2nd|3rd|4th)\s+({WEEKDAY})"
    rf"\s+(?:i|in|of)\s+({MONTH})\b(?:\s*,?\s*(\d{{4}}))?"
)
ORDINALS = {
    "første": 1,
    "first": 1,
    "anden": 2,
    "andet": 2,
    "second": 2,
    "tredje": 3,
    "third": 3,
    "fjerde": 4,
    "fourth": 4,
    "sidste": -1,
    "last": -1,
    **{f"{n}.": n for n in range(1, 5)},  # "1. mandag i august"
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# "første mandag efter nytår", "the first Monday after New Year": read as in January.
AFTER_NEW_YEAR = re.compile(r"\b(?:efter|after)\s+(?:the\s+)?(?:nytår\w*|new\s+year'?s?(?:\s+day)?)|\bi\s+det\s+nye\s+år\b")
# "tirsdag om en uge", "Tuesday week", "fredag om 14 dage": that weekday a week or two after the coming one.
WEEKDAY_A_WEEK_ON = re.compile(
    rf"\b({WEEKDAY})\s+(?:(?P<one>om\s+(?:en|1)\s+uge|week|in\s+a\s+week)"
    r"|om\s+(?:to|2)\s+uger|om\s+(?:14|fjorten)\s+dage|in\s+(?:two|2)\s+weeks|(?:in\s+)?a\s+fortnight|fortnight)\b"
)
# Words that say more about when than a weekday alone does: a weekday read without them would be a
# confident wrong day ("1. mandag i august", "the friday before", "foerste tirsdag hver måned" got the
# coming Monday or Tuesday in a user walk). With one left over, the date is asked for again.
MORE_THAN_A_WEEKDAY = re.compile(
    rf"\b(?:{MONTH}|uge\w*|week(?!end)\w*|(?:next|næste|following)\s+(?:weekend|wknd)\w*|(?:weekend|wknd)\w*\s+(?:efter|after)|nytår\w*|new\s+year|jul\w*|christmas|påske\w*|easter|\w*ferie\w*|holidays?"
    r"|hver|every|each|før|foer|inden|before)\b(?!\s+(?:kl|klokken|frokost|lunch|noon|middag)\b|\s*\d)"
    r"|\b\d{1,2}\.(?!\d)|\b\d{1,2}(?:st|nd|rd|th)\b"
)


# A day of the month said as an ordinal before the month ("første februar", "den tredje marts",
# "the fifth of May"): written as its number, so the day-and-month rule reads it.
DAY_ORDINALS = {
    word: day
    for day, words in enumerate(
        [
            ("første", "first"),
            ("anden", "andet", "second"),
            ("tredje", "third"),
            ("fjerde", "fourth"),
            ("femte", "fifth"),
            ("sjette", "sixth"),
            ("syvende", "seventh"),
            ("ottende", "eighth"),
            ("niende", "ninth"),
            ("tiende", "tenth"),
            ("ellevte", "eleventh"),
            ("tolvte", "twelfth"),
            ("trettende", "thirteenth"),
            ("fjortende", "fourteenth"),
            ("femtende", "fifteenth"),
            ("sekstende", "sixteenth"),
            ("syttende", "seventeenth"),
            ("attende", "eighteenth"),
            ("nittende", "nineteenth"),
            ("tyvende", "twentieth"),
            ("enogtyvende", "twenty-first", "twenty first", "twentyfirst"),
            ("toogtyvende", "twenty-second", "twenty second"),
            ("treogtyvende", "twenty-third", "twenty third"),
            ("fireogtyvende", "twenty-fourth", "twenty fourth"),
            ("femogtyvende", "twenty-fifth", "twenty fifth"),
            ("seksogtyvende", "twenty-sixth", "twenty sixth"),
            ("syvogtyvende", "twenty-seventh", "twenty seventh"),
            ("otteogtyvende", "twenty-eighth", "twenty eighth"),
            ("niogtyvende", "twenty-ninth", "twenty ninth"),
            ("tredivte", "thirtieth"),
            ("enogtredivte", "thirty-first", "thirty first"),
        ],
        start=1,
    )
    for typed in words
    for word in {typed, typed.replace("ø", "oe"), typed.replace("ø", "o")}  # "forste februar" on a phone
}
_DAY_ORDINAL_WORDS = _words(DAY_ORDINALS)
_DAY_ORDINAL = re.compile(rf"\b({_DAY_ORDINAL_WORDS})\s+(?:of\s+)?(?=({MONTH})\b)")
# ... or after "den"/"the" with no month, where nothing but a time or a doubt follows ("fredag den tyvende tror
# jeg", "the twenty-first"); never "den anden leder" or "the first time". A user walk's "den tyvende" was lost.
_DAY_ORDINAL_ALONE = re.compile(
    rf"\b(den|d\.|the)\s+({_DAY_ORDINAL_WORDS})\b"
    r"(?=\s*$|\s*[,.!?;]|\s+(?:kl|klokken|at|tror|nok|vel|vist|måske|maybe|probably|i\s+think|i\s+guess)\b)"
)
# "i uge fire", "week six": a week's number in words.
_WEEK_IN_WORDS = re.compile(rf"\b(uge|week)\s+({NUMBER})\b(?!\s*(?:dage?|days?|uger?|weeks?)\b)")
# "march the first", "januar den tredje": the month before the day said as an ordinal.
_MONTH_ORDINAL = re.compile(rf"\b({MONTH})\.?\s+(?:(?:den|d\.|the)\s+)?({_DAY_ORDINAL_WORDS})\b")


def _day_number(found: re.Match[str]) -> str:
    """A day ordinal written as its number, as the day-of-month rules read it ("den 20.", "the 20th")."""
    lead, word = found.group(1), found.group(2)
    if lead in MONTHS:
        return f"{DAY_ORDINALS[word]}. {lead}"
    return f"the {DAY_ORDINALS[word]}th" if lead == "the" else f"{lead} {DAY_ORDINALS[word]}."


# Danish date words typed without æ, ø, å (a phone or keyboard set to English): "om en maaned",
# "fredag i naeste uge" ("naeste" was read as plain "fredag", the day after tomorrow's eve).
_PLAIN_LETTERS = {
    "naeste": "næste",
    "naestkommende": "næstkommende",
    "maaned": "måned",
    "maaneder": "måneder",
    "maanedr": "måneder",
    "maaneds": "måneds",
    "loerdag": "lørdag",
    "lordag": "lørdag",
    "soendag": "søndag",
    "sondag": "søndag",
    "foer": "før",
    "paa": "på",
    "forste": "første",  # "den forste mandag i september" was read as the next Monday
    "foerste": "første",
    "aar": "år",
    "aaret": "året",
    "nytaar": "nytår",
    "nytar": "nytår",
    "nytaarsdag": "nytårsdag",
    "paaske": "påske",
    "paasken": "påsken",
}
_PLAIN_WORD = re.compile(r"\b(" + "|".join(_PLAIN_LETTERS) + r")\b")

# Weekdays shortened as on a phone ("naeste fre", "man kl 9", "on thu"), read only where they can
# be nothing else: after "næste"/"på"/"next"/"on", or alone, or before a time or a date
# ("man kan godt" is "one can", never Monday).
_SHORT_WEEKDAYS = {
    "man": "mandag",
    "tirs": "tirsdag",
    "tir": "tirsdag",
    "ons": "onsdag",
    "tors": "torsdag",
    "tor": "torsdag",
    "fre": "fredag",
    "fred": "fredag",
    "lør": "lørdag",
    "lor": "lørdag",
    "loer": "lørdag",
    "søn": "søndag",
    "son": "søndag",
    "soen": "søndag",
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
_SHORT_WEEKDAY = re.compile(
    r"(?:(?<=\bnæste )|(?<=\bnæstkommende )|(?<=\bkommende )|(?<=\bpå )|(?<=\bnext )|(?<=\bon )|(?<=\bthis )|"
    r"(?<=\beller )|(?<=\bor )|^)"
    r"(" + "|".join(sorted(_SHORT_WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
    r"(?=\s*$|\s*[,!?;:]|\s+(?:kl|klokken|d|den|the|at|morgen|formiddag|eftermiddag|aften|morning|afternoon|"
    r"i\s+(?:næste\s+|denne\s+)?uge|næste\s+uge|denne\s+uge|in|next|this\s+week|\d|"
    # a doubt after the day ("næste tors måske", "tors tror jeg", "thu maybe"), or a second day
    r"(?P<doubt>måske|maaske|maske|nok|vel|vist|tror|tænker|sikkert|formentlig|maybe|probably|perhaps|i\s+think|"
    r"i\s+guess|eller|or)))"
)
# Short forms that are everyday words too ("man tror …", "fri", "Jens or son"): a doubt or an "eller"
# beside them says nothing about a day.
_WORDS_TOO = frozenset(("man", "fri", "søn", "son", "sat", "sun", "wed", "mon"))


def _short_weekday(found: re.Match[str]) -> str:
    short = found.group(1)
    before = found.string[: found.start()]
    after_or = re.search(r"\b(?:eller|or)\s+$", before) is not None
    # After "næste"/"next" it is the day whatever follows ("naeste man tror jeg").
    after_next = re.search(r"\b(?:næste|næstkommende|kommende|next|this)\s+$", before) is not None
    if short in _WORDS_TOO and (found.group("doubt") or after_or) and not after_next:
        return short
    return _SHORT_WEEKDAYS[short]


@dataclass(frozen=True)
class Found:
    """A date read from typed words: where it was written (`start`:`end` in the text as typed), and
    whether the words named only a week ("i næste uge", "uge 12"; `date` is then its Monday)."""

    date: dt.date
    start: int
    end: int
    week: bool = False
    rough: bool = False  # a month or a year from now ("næste måned", dateparser's): no day was meant


class _Typed:
    """The text in one spelling (lower case, single spaces, æ/ø/å, weekdays in full), each character
    tied to the stretch of the typed text it came from, so a date found here is found there too."""

    def __init__(self, text: str):
        chars: List[str] = []
        self.spans: List[Tuple[int, int]] = []
        for i, char in enumerate(text):
            if char.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    self.spans.append((i, i + 1))
                continue
            for lower in char.lower():
                chars.append(lower)
                self.spans.append((i, i + 1))
        if chars and chars[-1] == " ":
            chars.pop()
            self.spans.pop()
        self.text = "".join(chars)

    @classmethod
    def with_days_written_out(cls, text: str) -> _Typed:
        """The text with Danish date words typed without æ/ø/å and phone-short weekdays written in full."""
        typed = cls(text)
        typed.replace(_PLAIN_WORD, lambda m: _PLAIN_LETTERS[m.group(1)])
        typed.replace(_SHORT_WEEKDAY, _short_weekday)
        return typed

    def replace(self, pattern: re.Pattern[str], by: Callable[[re.Match[str]], str]) -> None:
        """Each match written as `by` says; its new letters stand for the whole match as typed."""
        text, spans, last = [], [], 0
        for found in pattern.finditer(self.text):
            text.append(self.text[last : found.start()])
            spans.extend(self.spans[last : found.start()])
            new = by(found)
            where = (self.spans[found.start()][0], self.spans[found.end() - 1][1])
            text.append(new)
            spans.extend([where] * len(new))
            last = found.end()
        text.append(self.text[last:])
        spans.extend(self.spans[last:])
        self.text, self.spans = "".join(text), spans

    def typed(self, start: int, end: int) -> Tuple[int, int]:
        """Where the stretch start:end of this text was in the typed text."""
        return self.spans[start][0], self.spans[end - 1][1]


# A rule's find in the text as read: the date, where it was written there, and whether only a week was named.
_Hit = Tuple[dt.date, int, int, bool]


def parse(text: str, today: Optional[dt.date] = None) -> Optional[dt.date]:
    found = find(text, today)
    return found.date if found else None


def two_days(text: str, today: Optional[dt.date] = None) -> bool:
    """Whether the words name two days ("tors eller fre", "mandag eller tirsdag"); a day corrected to
    another ("tirsdag, nej vent, onsdag") names the second only."""
    meant = corrected_date_words(text)
    if meant and find(meant[0], today) is not None:
        return two_days(meant[0], today)
    found = find(text, today)
    return found is not None and find(f"{text[: found.start]} {text[found.end :]}", today) is not None


def other_weekday(text: str, day: dt.date) -> Optional[int]:
    """The weekday the words name when the date they name falls on another ("mandag d. 15/12", a
    Tuesday): read back with both, so the leader sees which of the two was a slip. A day corrected in
    the message ("tirsdag, nej vent, onsdag") is no slip: only the words after the correction count."""
    text = (corrected_date_words(text) or (text,))[0]
    typed = _Typed.with_days_written_out(text)
    found = _weekday_found(typed.text)
    said = WEEKDAYS[found.group(1)] if found else None
    return said if said is not None and said != day.weekday() else None


def on_weekend(day: dt.date) -> bool:
    """A Saturday or a Sunday: read back as one, so a meeting or start is not put there by mistake
    ("om 3 mdr" can land on a Saturday)."""
    return day.weekday() >= 5


def find(text: str, today: Optional[dt.date] = None) -> Optional[Found]:
    """The first date the rules read in `text` (a week's Monday when only a week is named), and
    where it stands in `text` as typed). A writer who corrects themselves means the date after the
    correction ("tirsdag, nej vent, onsdag"; rasa_components/lexicon/self_corrections.yml)."""
    today = today or clock.today()
    meant = corrected_date_words(text)
    if meant:
        words, start, end = meant
        found = find(words, today)
        if found is not None:
            if words == text[start:end]:
                return dataclasses.replace(found, start=found.start + start, end=found.end + start)
            return dataclasses.replace(found, start=start, end=end)  # words made up from the correction: all of them
    typed = _Typed.with_days_written_out(text)
    typed.replace(_DAY_ORDINAL, lambda m: f"{DAY_ORDINALS[m.group(1)]}. ")
    typed.replace(_MONTH_ORDINAL, _day_number)
    typed.replace(_DAY_ORDINAL_ALONE, _day_number)
    typed.replace(_WEEK_IN_WORDS, lambda m: f"{m.group(1)} {NUMBERS[m.group(2)]}")
    typed.replace(holidays.HOLIDAY, lambda m: holidays.as_date_words(m, today))
    typed.replace(AFTER_NEW_YEAR, lambda m: "i januar")
    read = typed.text
    rules = (
        _iso,
        _week,
        _numeric,
        _nth_weekday,
        _named_month,
        _day_only,
        _weekday_a_week_on,
        _relative,
        _near,
        _next_week,
        _weekday,
    )
    for rule in rules:
        hit = rule(read, today)
        if hit is not None:
            day, start, end, week = hit
            start = _leading(read, start)
            return Found(day, *typed.typed(start, end), week)
    parsed = _dateparser(read, today)
    return Found(parsed, 0, len(text), rough=bool(ROUGH.search(read))) if parsed else None


def corrected_date_words(text: str) -> Optional[Tuple[str, int, int]]:
    """For a writer who corrects themselves: the words to read the date from, and where the words corrected
    to stand in `text`. After a marker or a plain no between two dates ("tirsdag.. nej onsdag"), with the
    week named before kept ("tors i næste uge.. nej vent fredag": "fredag i næste uge"), or a day of the
    month corrected by its number alone ("den 17, nej 18": "den 18.")."""
    corrected = corrected_to(text, a_date_alone)
    if corrected:
        at = text.rfind(corrected)
        return _in_corrected_week(text, corrected), at, at + len(corrected)
    bare = _BARE_DAY_CORRECTED.search(text)
    if bare and a_date_alone(text[: bare.start()]):
        before = find(text[: bare.start()])
        if before is not None and not before.week and _valid(before.date.year, before.date.month, int(bare.group(1))):
            # "den 17 januar, nej 18": the 18th of the month named before (a walk's lost January)
            return f"{int(bare.group(1))}/{before.date.month}", bare.start(1), bare.end(1)
        return f"den {bare.group(1)}.", bare.start(1), bare.end(1)
    return None


# A day of the month corrected by a plain no and its number alone ("den 17, nej 18", "the 17th, no 18th").
_BARE_DAY_CORRECTED = re.compile(r"[\s,.]+(?:nej|no|næ)[\s,.]+(\d{1,2})(?:\.|st|nd|rd|th)?\s*$", re.IGNORECASE)


def a_date_alone(text: str) -> bool:
    """Words that are a date and little more ("tirsdag", "den 18.", "næste fre kl 9"): one side of a
    correction by a plain no. Read without corrections, so that it never calls itself."""
    typed = _Typed.with_days_written_out(text)
    read = typed.text
    for rule in (_iso, _week, _numeric, _named_month, _day_only, _near, _next_week, _weekday):
        hit = rule(read, clock.today())
        if hit is not None:
            rest = (read[: hit[1]] + " " + read[hit[2] :]).split()
            return len(rest) <= 3
    return False


def _in_corrected_week(text: str, corrected: str) -> str:
    """A weekday alone corrected from a weekday in a named week keeps the week: "tors i næste uge..
    nej vent fredag" is Friday of next week, not this one."""
    typed = _Typed.with_days_written_out(corrected)
    if not WEEKDAY_WORD.fullmatch(typed.text.strip(" .,!?")):
        return corrected
    said = _Typed.with_days_written_out(text[: text.rfind(corrected)])
    week = NEXT_WEEK.search(said.text) or WEEK.search(said.text)
    if week is None or _weekday_found(said.text) is None:
        return corrected
    return f"{typed.text.strip(' .,!?')} {week.group(0)}"


def _leading(text: str, start: int) -> int:
    """The start of the date with the words before it that it says itself ("på fredag den 5. marts")."""
    while True:
        found = LEADING.search(text[:start])
        if not found or found.start() == start:
            return start
        start = found.start()


def _nth_weekday(text: str, today: dt.date) -> Optional[_Hit]:
    found = NTH_WEEKDAY.search(text)
    if not found:
        return None
    nth, weekday, month = ORDINALS[found.group(1)], WEEKDAYS[found.group(2)], MONTHS[found.group(3)]
    for year in [int(found.group(4))] if found.group(4) else [today.year, today.year + 1]:
        days = [
            dt.date(year, month, d)
            for d in range(1, 32)
            if _valid(year, month, d) and dt.date(year, month, d).weekday() == weekday
        ]
        day = days[nth - 1 if nth > 0 else -1] if len(days) >= abs(nth) else None
        if day and (found.group(4) or day >= today):
            return day, found.start(), found.end(), False
    return None


def _iso(text: str, today: dt.date) -> Optional[_Hit]:
    found = ISO.search(text)
    if not found:
        return None
    day = _valid(*(int(part) for part in found.groups()))
    return (day, found.start(), found.end(), False) if day else None


def _week(text: str, today: dt.date) -> Optional[_Hit]:
    """ "uge 12" is the Monday of that ISO week (a week, no day), "torsdag i uge 12" its Thursday."""
    found = WEEK.search(text)
    if not found:
        return None
    number = int(found.group(1))
    year = int(found.group(2)) if found.group(2) else today.isocalendar()[0]
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
        if not found.group(2) and monday < today - dt.timedelta(days=today.weekday()):
            monday = dt.date.fromisocalendar(year + 1, number, 1)
    except ValueError:
        return None
    return _in_week(text, monday, found.start(), found.end())


def _in_week(text: str, monday: dt.date, start: int, end: int) -> _Hit:
    """A day named with the week ("torsdag i uge 12", "next week Thursday") is that day; else the week."""
    weekday = _weekday_found(text)
    if weekday is None:
        return monday, start, end, True
    day = monday + dt.timedelta(days=WEEKDAYS[weekday.group(1)])
    return day, min(start, weekday.start()), max(end, weekday.end()), False


def _numeric(text: str, today: dt.date) -> Optional[_Hit]:
    for found in NUMERIC.finditer(text):
        if CLOCK.search(text[: found.start()]):
            continue
        day, month, year, spaced = found.groups()
        year = year or spaced
        if year and len(year) == 2:
            year = "20" + year
        date = _on(int(day), int(month), int(year) if year else None, today)
        if date:
            return date, found.start(), found.end(), False
    return None


def _named_month(text: str, today: dt.date) -> Optional[_Hit]:
    """ "3. marts", "3 marts 2027", "3rd of March", "March 3rd", "April 20th, 2027"."""
    for found in DAY_MONTH.finditer(text):
        day, month, year = found.groups()
        date = _on(int(day), MONTHS[month], int(year) if year else None, today)
        if date:
            return date, found.start(), found.end(), False
    for found in MONTH_DAY.finditer(text):
        month, day, year = found.groups()
        date = _on(int(day), MONTHS[month], int(year) if year else None, today)
        if date:
            return date, found.start(), found.end(), False
    return None


def _day_only(text: str, today: dt.date) -> Optional[_Hit]:
    """ "den 3." / "the 3rd": this month if still ahead, else the next month that has that day.
    With a weekday ("mandag d. 14"), the first such day that falls on it (read back either way)."""
    found = WEEKDAY_DAY.search(text)
    weekday = WEEKDAYS[found.group(1)] if found else None
    start = found.start() if found else 0
    found = found or DAY_ONLY.search(text)
    if not found:
        return None
    day = int(found.group(found.lastindex or 1))  # the number, whichever way the weekday's was written
    if weekday is None:  # from the number: "den"/"the" before it is added by _leading, a "nej, " is not
        start = found.start(found.lastindex or 1)
    ahead = list(_days_of_month(day, today))
    # this month's or the next that falls on the weekday; else the first (read back as another weekday)
    date = next((d for d in ahead[:2] if d.weekday() == weekday), ahead[0] if ahead else None)
    return (date, start, found.end(), False) if date else None


def _days_of_month(day: int, today: dt.date) -> Iterator[dt.date]:
    """That day of the month, from today on, in each of the next twelve months that has it."""
    year, month = today.year, today.month
    for _ in range(12):
        date = _valid(year, month, day)
        if date and date >= today:
            yield date
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _relative(text: str, today: dt.date) -> Optional[_Hit]:
    """ "om tre dage", "om 2 uger", "in three months", "two weeks from now"; dateparser knows no Danish number words."""
    fortnight = FORTNIGHT.search(text)
    if fortnight:
        return today + dt.timedelta(days=14), fortnight.start(), fortnight.end(), False
    found = RELATIVE.search(text)
    if not found:
        return None
    count, unit = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
    count = int(count) if count.isdigit() else NUMBERS[count]
    if unit[0] in "duw":  # dage/days, uger/weeks
        return today + dt.timedelta(days=count * (1 if unit[0] == "d" else 7)), found.start(), found.end(), False
    months = count * (1 if unit[0] == "m" else 12)  # måneder/months, år/years
    year, month = divmod(today.month - 1 + months, 12)
    year += today.year
    if year > dt.MAXYEAR:
        return None
    # A month from 31 January is the last day of February.
    day = dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    return day, found.start(), found.end(), False


def _near(text: str, today: dt.date) -> Optional[_Hit]:
    """ "i overmorgen" is missing from dateparser's Danish; "i morgen"/"tomorrow" and "i aften"/"tonight"
    are read here too, so they also count inside a sentence."""
    for rule, days in ((DAY_AFTER_TOMORROW, 2), (TOMORROW, 1), (TONIGHT, 0)):
        found = rule.search(text)
        if found:
            return today + dt.timedelta(days=days), found.start(), found.end(), False
    return None


def _next_week(text: str, today: dt.date) -> Optional[_Hit]:
    """ "torsdag i næste uge" / "Thursday next week": that day of the next ISO week; "i næste uge" the week.
    "i denne uge" / "this week" the same for this one."""
    found = NEXT_WEEK.search(text)
    if found:
        return _in_week(text, today + dt.timedelta(days=7 - today.weekday()), found.start(), found.end())
    found = THIS_WEEK.search(text)
    if found:
        return _in_week(text, today - dt.timedelta(days=today.weekday()), found.start(), found.end())
    return None


def _weekday_a_week_on(text: str, today: dt.date) -> Optional[_Hit]:
    """ "tirsdag om en uge", "Tuesday week": the weekday a week after the coming one ("fredag om 14 dage": two)."""
    found = WEEKDAY_A_WEEK_ON.search(text)
    if found is None:
        return None
    weekday = WEEKDAYS[found.group(1)]
    weeks = 1 if found.group("one") else 2
    day = today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1 + 7 * weeks)
    return day, found.start(), found.end(), False


def _weekday(text: str, today: dt.date) -> Optional[_Hit]:
    """ "fredag", "på fredag", "næste fredag", "next Friday": the first such day after today; none when
    the words say more than the weekday (MORE_THAN_A_WEEKDAY), so it is asked for again."""
    found = _weekday_found(text)
    if found is None or MORE_THAN_A_WEEKDAY.search(f"{text[: found.start()]} {text[found.end() :]}"):
        return None
    weekday = WEEKDAYS[found.group(1)]
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1), found.start(), found.end(), False


def _dateparser(text: str, today: dt.date) -> Optional[dt.date]:
    try:
        parsed = dateparser.parse(
            text,
            languages=["da", "en"],
            settings={
                "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY",
                "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
                "REQUIRE_PARTS": ["day", "month"],
            },
        )
    except (ValueError, OverflowError):  # odd input must ask again, not crash the form
        return None
    if not parsed:
        return None
    # "i går", "for to uger siden": the past only when the leader wrote the year.
    if parsed.date() < today and not re.search(r"\b\d{4}\b", text):
        return None
    return parsed.date()


def _weekday_found(text: str) -> Optional[re.Match[str]]:
    """The first weekday named as a day, not as a habit ("hver fredag")."""
    return next((m for m in WEEKDAY_WORD.finditer(text) if not EVERY.search(text[: m.start()])), None)


def _valid(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _on(day: int, month: int, year: Optional[int], today: dt.date) -> Optional[dt.date]:
    """The date itself when the year is given, else its next occurrence from today (29/2 waits for a leap year)."""
    if year:
        return _valid(year, month, day)
    for candidate in range(today.year, today.year + 8):
        date = _valid(candidate, month, day)
        if date and date >= today:
            return date
    return None
