"""Dates as members write them: `7 december`, `7/12`, `i morgon`, `på tisdag`, `nästa vecka`,
`2026-12-07`, and the English `December 7`, `tomorrow`, `next week`. Pure: today is passed in.
A bare weekday (`på måndag`) is the coming one, today included, and marked `weekly`: the caller
takes the first such day that has the meeting asked for. `nästa tisdag` is the Tuesday of next
week, and never tomorrow: on a Sunday `nästa måndag` is the Monday after `på måndag`.

Why: members name meetings by the day they talk about, not in ISO. Hand-written because the
general date parsers (dateparser, parsedatetime) either lack Swedish relative forms or guess
silently; here every accepted form is listed and tested, and a word that looks like a date but
is not one (`31/2`) is reported instead of read as a body name. A day and month without a year
is the one of last, this or next year closest to today (a meeting talked about is near).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = (
    ("januari", "january"), ("februari", "february"), ("mars", "march"), ("april", "april"),
    ("maj", "may"), ("juni", "june"), ("juli", "july"), ("augusti", "august"),
    ("september", "september"), ("oktober", "october"), ("november", "november"),
    ("december", "december"),
)  # fmt: skip
_WEEKDAYS = (
    ("måndag", "monday"), ("tisdag", "tuesday"), ("onsdag", "wednesday"),
    ("torsdag", "thursday"), ("fredag", "friday"), ("lördag", "saturday"), ("söndag", "sunday"),
)  # fmt: skip
_DAYS = {
    "idag": 0, "i dag": 0, "today": 0, "imorgon": 1, "i morgon": 1, "tomorrow": 1,
    "i övermorgon": 2, "övermorgon": 2, "igår": -1, "i går": -1, "yesterday": -1,
}  # fmt: skip
_WEEKS = {
    "nästa vecka": 1, "next week": 1, "denna vecka": 0, "den här veckan": 0, "i veckan": 0,
    "this week": 0, "förra veckan": -1, "last week": -1,
}  # fmt: skip
_FILLER = frozenset({"på", "den", "on", "the"})
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_DAY = re.compile(r"^(\d{1,2})[.:]?$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class Span:
    """The days a member named: one day (`start == end`) or a week. `weekly` marks a bare
    weekday (`på måndag`): `start` is the coming one (today included), and the member means the
    first such day that has the meeting, so the same weekday of later weeks is also meant."""

    start: date
    end: date
    weekly: bool = False

    @property
    def single(self) -> date | None:
        return self.start if self.start == self.end else None


@dataclass(frozen=True)
class Found:
    """What `find_date` made of the words: the span (or None), the other words, and a word
    that looked like a date but is none (`31/2`), for the member to be told."""

    span: Span | None
    rest: list[str]
    bad: str | None = None


def _month(word: str) -> int | None:
    word = word.casefold().rstrip(".")
    if len(word) < 3:
        return None
    for number, names in enumerate(_MONTHS, start=1):
        if any(name.startswith(word) for name in names):
            return number
    return None


def _weekday(word: str) -> int | None:
    word = word.casefold()
    for number, names in enumerate(_WEEKDAYS):
        if word in names or word in {n + "en" for n in names}:
            return number
    return None


def _nearest(day: int, month: int, today: date) -> date | None:
    """The day `day`/`month` of last, this or next year closest to today."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - today).days)) if candidates else None


def _make(year: int | None, month: int, day: int, today: date) -> date | None:
    if year is None:
        return _nearest(day, month, today)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _one_word(word: str, today: date) -> tuple[date | None, bool] | None:
    """(date or None when invalid, matched) for ISO and d/m forms; None when not date-like."""
    if match := _ISO.match(word):
        year, month, day = (int(g) for g in match.groups())
        return _make(year, month, day, today), True
    if match := _SLASH.match(word):
        day, month, given = int(match.group(1)), int(match.group(2)), match.group(3)
        full = None if given is None else int(given) + (2000 if len(given) == 2 else 0)
        if not 1 <= month <= 12:
            return None, True
        return _make(full, month, day, today), True
    return None


def _week(offset: int, today: date) -> Span:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
    return Span(monday, monday + timedelta(days=6))


def _phrase(words: list[str], i: int, today: date) -> tuple[Span | None, int, bool] | None:
    """A date starting at words[i]: (span or None if invalid, words used, is it bad)."""
    low = [w.casefold() for w in words[i : i + 3]]
    two = " ".join(low[:2])
    three = " ".join(low[:3])
    for text, used in ((three, 3), (two, 2), (low[0], 1)):
        if text in _DAYS:
            day = today + timedelta(days=_DAYS[text])
            return Span(day, day), used, False
        if text in _WEEKS:
            return _week(_WEEKS[text], today), used, False
    single = _one_word(words[i], today)
    if single is not None:
        found, _ = single
        return (Span(found, found), 1, False) if found else (None, 1, True)
    return _spoken(words, i, low, today)


def _spoken(
    words: list[str], i: int, low: list[str], today: date
) -> tuple[Span | None, int, bool] | None:
    """`7 december [2026]`, `December 7`, `tisdag`, `nästa tisdag`, `i tisdags`."""
    if (day := _DAY.match(low[0])) and len(low) > 1 and (month := _month(low[1])):
        year = int(low[2]) if len(low) > 2 and _YEAR.match(low[2]) else None
        found = _make(year, month, int(day.group(1)), today)
        used = 3 if year is not None else 2
        return (Span(found, found), used, False) if found else (None, used, True)
    if (month := _month(low[0])) and len(low) > 1 and (day := _DAY.match(low[1])):
        found = _make(None, month, int(day.group(1)), today)
        return (Span(found, found), 2, False) if found else (None, 2, True)
    if low[0] == "i" and len(low) > 1 and low[1].endswith("s"):
        past = _weekday(low[1][:-1])
        if past is not None:
            back = (today.weekday() - past) % 7 or 7
            last = today - timedelta(days=back)
            return Span(last, last), 2, False
    ahead = 1 if low[0] in {"nästa", "next"} and len(low) > 1 else 0
    weekday = _weekday(low[ahead])
    if weekday is None:
        return None
    if ahead:  # `nästa tisdag`: the Tuesday of next week, never tomorrow
        chosen = _week(1, today).start + timedelta(days=weekday)
        if chosen == today + timedelta(days=1):  # `nästa måndag` on a Sunday: not `på måndag`
            chosen += timedelta(weeks=1)
        return Span(chosen, chosen), 2, False
    coming = today + timedelta(days=(weekday - today.weekday()) % 7)
    return Span(coming, coming, weekly=True), 1, False


def find_date(words: list[str], today: date) -> Found:
    """The first date among the words (with a `på`/`den` before it), and the words around it."""
    for i in range(len(words)):
        found = _phrase(words, i, today)
        if found is None:
            continue
        span, used, bad = found
        start = i - 1 if i > 0 and words[i - 1].casefold() in _FILLER else i
        rest = words[:start] + words[i + used :]
        return Found(span, rest, " ".join(words[i : i + used]) if bad else None)
    return Found(None, list(words))
