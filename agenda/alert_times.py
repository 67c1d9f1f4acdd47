"""When alerts fire: the reminder offsets a member can choose, and the digest's hour.

Why: `/paminn 2d morgon` is a small language of its own (`Nd` 1-14 days before the start, `Nh`
1-72 real hours before, `morgon`/`morning` 07:00 on the day; `på` means `1d,morning`, `av` off).
The conversation parses it and the reminders job computes from it; both import it from here, the
domain, rather than one from the other.

Time: `Nh` is N real hours before the start (computed in UTC, so 24h stays 24h across a DST
change); `Nd` and `morgon` keep the wall clock (the day before at the meeting's time). A meeting
without a start time counts as starting at 09:00.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from agenda.clock import STOCKHOLM

DIGEST_HOUR = 7  # the daily digest goes out at 07:00 Stockholm time
DEFAULT_SPEC = "1d,morning"
MORNING = time(7, 0)
DEFAULT_START = time(9, 0)
_OFFSET = re.compile(r"^(\d{1,2})\s*([dh])$")
_OFF = frozenset({"av", "off", "nej", "no", "stopp", "stop"})
_ON = frozenset({"på", "pa", "on", "ja", "yes"})
_MORNING = frozenset({"morgon", "morgonen", "morning"})
_MAX = {"d": 14, "h": 72}
MAX_DAYS, MAX_HOURS = _MAX["d"], _MAX["h"]
MAX_OFFSETS = 4  # at most this many reminders per meeting


def parse_spec(words: list[str]) -> str | None:
    """Canonical spec ("2d,morning"; "" = off) of the user's words, or None when not understood."""
    lowered = [w.strip().lower() for w in words if w.strip()]
    if not lowered:
        return None
    if len(lowered) == 1 and lowered[0] in _OFF:
        return ""
    if len(lowered) == 1 and lowered[0] in _ON:
        return DEFAULT_SPEC
    offsets: list[str] = []
    for word in lowered:
        match = _OFFSET.match(word)
        if word in _MORNING:
            offset = "morning"
        elif match and 1 <= int(match.group(1)) <= _MAX[match.group(2)]:
            offset = f"{int(match.group(1))}{match.group(2)}"
        else:
            return None
        if offset not in offsets:
            offsets.append(offset)
    return ",".join(offsets[:MAX_OFFSETS])


def beyond_limit(words: list[str]) -> str | None:
    """The word asking for more than the limits allow (`20d`, `100h`, `0h`), else None."""
    for word in (w.strip().lower() for w in words):
        match = _OFFSET.match(word)
        if match and not 1 <= int(match.group(1)) <= _MAX[match.group(2)]:
            return word
    return None


def next_fire(
    spec: str, meetings: list[tuple[date, time | None]], now: datetime
) -> tuple[datetime, int] | None:
    """The earliest reminder of `spec` still to come for meetings (day, start) not yet begun, and
    the index of its meeting; None when none comes."""
    best: tuple[datetime, int] | None = None
    for index, (day, start) in enumerate(meetings):
        if now >= meeting_start(day, start).astimezone(UTC):
            continue
        for offset in filter(None, spec.split(",")):
            fire = fire_time(offset, day, start)
            if fire is None or fire.astimezone(UTC) <= now:
                continue
            if best is None or fire.astimezone(UTC) < best[0].astimezone(UTC):
                best = (fire, index)
    return best


def meeting_start(day: date, start: time | None) -> datetime:
    return datetime.combine(day, start or DEFAULT_START, STOCKHOLM)


def fire_time(offset: str, day: date, start: time | None) -> datetime | None:
    """When the reminder `offset` for a meeting on `day` at `start` is due (Stockholm time)."""
    if offset == "morning":
        return datetime.combine(day, MORNING, STOCKHOLM)
    match = _OFFSET.match(offset)
    if not match:
        return None
    amount = int(match.group(1))
    if match.group(2) == "d":
        return meeting_start(day, start) - timedelta(days=amount)  # wall clock
    return meeting_start(day, start).astimezone(UTC) - timedelta(hours=amount)  # real hours
