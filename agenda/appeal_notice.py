"""Read a posting notice: when approved minutes went up on the anslagstavla, and what it says.

Why: the appeal window (`agenda.appeal`) runs from the day the notice that the minutes are
approved (justerat) was posted. That day is written in three kinds of places, all plain text
once read: a feed entry of the anslagstavla ("Justerat protokoll: Kommunstyrelsen 2024-12-03
har anslagits"), the minutes document itself (the ANSLAG/BEVIS box: "Protokollet justerat
2024-12-09", "Datum då anslaget sätts upp 2024-12-10", "Sista dag för överklagande 2024-12-31")
and an anslagstavla page. One reader serves them all: each date is taken only right after the
words that say what it is, so the meeting's date in a title is never read as the posting date,
and "Datum då anslaget tas ned" (the day after the window, by custom) is never the posting date.
A date the text does not name stays None: the caller then uses what it knows (a feed entry's
publication day) or nothing. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["PostingNotice", "is_minutes_notice", "read_notice"]

_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
_MONTH_ALT = "|".join(f"{m[:3]}(?:{m[3:]})?\\.?" for m in _MONTHS)
# 2024-12-10 · 10 december 2024 · 10 dec. 2024 · 10/12 2024 · 10.12.2024
_DATE = (
    r"(?:(?P<iso>\d{4}-\d{2}-\d{2})"
    rf"|(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_ALT})\s+(?P<year>\d{{4}})"
    r"|(?P<nday>\d{1,2})[/.](?P<nmonth>\d{1,2})[ .](?P<nyear>\d{4}))"
)
_GAP = r"[^\d\n]{0,30}?"  # a few words between the key and its date, never another number
_KEYS = {
    "last_day": r"sista\s+dag(?:en)?\s+(?:för|att)\s+(?:att\s+)?överklag\w*",
    "posted": (
        r"(?:anslaget\s+(?:sätts|sattes|är)\s+upp|anslaget\s+uppsatt|anslags?\s+uppsättande"
        r"|anslagsdatum|anslagits(?=\s+den|\s+på|\s*:)|tillkännagivandet?\s+(?:är\s+)?"
        r"(?:uppsatt|anslaget|publicerat)|anslaget(?!\s+tas|\s+ned|\s+ner|\s+för\b|\s+till\b))"
    ),
    "approved": (
        r"(?:protokollet\s+(?:är\s+|har\s+)?(?:justerat|justerats|justerades)|justeringsdatum"
        r"|justerades|justering(?:en)?\s+(?:har\s+)?(?:skett|gjordes|ägde\s+rum))"
    ),
    "meeting": r"(?:sammanträdesdatum|sammanträdet|sammanträde|mötesdatum|mötet)",
}
_PATTERNS = {
    name: re.compile(rf"\b{key}\s*(?:den\s+)?[:\-–]?{_GAP}{_DATE}", re.I)
    for name, key in _KEYS.items()
}
_ANY_DATE = re.compile(_DATE, re.I)
_NOTICE_WORDS = re.compile(r"protokoll", re.I)
_POSTING_WORDS = re.compile(r"justera|anslag|tillkännag", re.I)


@dataclass(frozen=True, slots=True)
class PostingNotice:
    """What a text says about the posting of approved minutes (None: not said)."""

    posted_on: date | None = None
    last_day: date | None = None  # "Sista dag för överklagande", when printed
    approved_on: date | None = None
    meeting_date: date | None = None

    @property
    def empty(self) -> bool:
        return not (self.posted_on or self.last_day or self.approved_on or self.meeting_date)


def _to_date(match: re.Match[str]) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        if match.group("day"):
            month = match.group("month").casefold()[:3]
            number = next(n for n, m in enumerate(_MONTHS, 1) if m.startswith(month))
            return date(int(match.group("year")), number, int(match.group("day")))
        return date(int(match.group("nyear")), int(match.group("nmonth")), int(match.group("nday")))
    except (ValueError, StopIteration):
        return None  # 2024-13-45: not a date


def _first(name: str, text: str) -> date | None:
    for match in _PATTERNS[name].finditer(text):
        found = _to_date(match)
        if found is not None:
            return found
    return None


def is_minutes_notice(text: str) -> bool:
    """Does `text` (a feed entry's title and summary) speak of approved or posted minutes?"""
    return bool(_NOTICE_WORDS.search(text) and _POSTING_WORDS.search(text))


def read_notice(text: str, *, title_dates_are_meeting: bool = False) -> PostingNotice:
    """The dates `text` names. With `title_dates_are_meeting` (a feed entry's title), a date no
    key word claims is taken as the meeting's date ("Justerat protokoll: KS 2024-12-03")."""
    meeting = _first("meeting", text)
    notice = PostingNotice(
        posted_on=_first("posted", text),
        last_day=_first("last_day", text),
        approved_on=_first("approved", text),
        meeting_date=meeting,
    )
    if meeting is None and title_dates_are_meeting:
        claimed = {notice.posted_on, notice.last_day, notice.approved_on}
        for match in _ANY_DATE.finditer(text):
            found = _to_date(match)
            if found is not None and found not in claimed:
                return PostingNotice(notice.posted_on, notice.last_day, notice.approved_on, found)
    return notice
