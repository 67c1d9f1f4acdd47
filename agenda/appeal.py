"""The last day to appeal a municipal decision (laglighetsprövning), from its posting date.

Why: an appeal under kommunallagen (2017:725) 13 kap. 5 § must reach the court within three
weeks from the day the notice that the minutes were approved (justerat) was posted on the
anslagstavla. Lagen (1930:173) om beräkning av lagstadgad tid moves a last day that falls on a
Saturday, a Sunday or another public holiday, midsommarafton, julafton or nyårsafton to the
next working day (vardag). Three weeks from Tuesday 10 December is Tuesday 31 December:
nyårsafton, then nyårsdagen, so the last day is Thursday 2 January.

The holidays come from the kept `holidays` library (Sweden's public holidays plus its
`de_facto` category: midsommarafton, julafton and nyårsafton), not from a hand-written Easter
computation; Saturdays and Sundays are told by the weekday. Pure functions, no I/O, no clock:
the caller passes the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

__all__ = [
    "APPEAL_PERIOD",
    "Posting",
    "last_day_to_appeal",
    "merge_posting",
    "next_working_day",
    "non_working_reason",
]

APPEAL_PERIOD = timedelta(weeks=3)
_CATEGORIES = (holidays.PUBLIC, holidays.DE_FACTO)
_WEEKEND = {5: "lördag", 6: "söndag"}
_MAX_STEPS = 14  # no Swedish run of non-working days is longer (jul–nyår is at most 5)


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    found = holidays.country_holidays("SE", years=year, categories=_CATEGORIES, language="sv")
    return dict(found.items())


def non_working_reason(day: date) -> str | None:
    """Why `day` is not a working day in the sense of 1930:173 (`lördag`, `Julafton`, …), or
    None for a working day."""
    named = _holidays(day.year).get(day)
    if named:
        return named
    return _WEEKEND.get(day.weekday())


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    for _ in range(_MAX_STEPS):
        if non_working_reason(day) is None:
            return day
        day += timedelta(days=1)
    raise ValueError(f"no working day within {_MAX_STEPS} days of {day}")  # pragma: no cover


def last_day_to_appeal(posted_on: date) -> date:
    """Three weeks from the posting date, moved to the next working day when needed."""
    return next_working_day(posted_on + APPEAL_PERIOD)


# Where a posting date was read, most trusted last: a feed entry's publication day, the text of
# a notice (feed entry or anslagstavla page), the minutes' own ANSLAG/BEVIS box.
_RANK = {"feed": 0, "notice": 1, "page": 1, "minutes": 2}


@dataclass(frozen=True, slots=True)
class Posting:
    """When the notice of approved minutes went up, where that was read, and the last day to
    appeal when the text prints one ("Sista dag för överklagande")."""

    posted_on: date
    posted_from: str  # feed | notice | page | minutes
    printed_last_day: date | None = None

    @property
    def computed_last_day(self) -> date:
        return last_day_to_appeal(self.posted_on)

    @property
    def last_day(self) -> date:
        """A printed date wins over the computed one (the caller logs a difference)."""
        return self.printed_last_day or self.computed_last_day

    @property
    def differs(self) -> bool:
        return self.printed_last_day is not None and self.printed_last_day != self.computed_last_day


def merge_posting(old: Posting | None, new: Posting) -> Posting:
    """What to keep when `new` is read after `old`: the posting date from the more trusted
    place (a tie: the newer read), and a printed last day once any text printed one."""
    if old is None:
        return new
    keep = new if _RANK.get(new.posted_from, 0) >= _RANK.get(old.posted_from, 0) else old
    printed = new.printed_last_day or old.printed_last_day
    return Posting(keep.posted_on, keep.posted_from, printed)
