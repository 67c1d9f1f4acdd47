"""Dates as members write them, read against the test clock's today (never a literal weekday)."""

from __future__ import annotations

from datetime import date, timedelta

from agenda.clock import today
from demo.clock import ManualClock
from presentation.dates import Span, find_date
from presentation.texts import format_date, format_span


def _day(found_words: str, on: date) -> date | None:
    found = find_date(found_words.split(), on)
    return found.span.single if found.span else None


def test_relative_days(clock: ManualClock) -> None:
    now = today(clock)
    assert _day("i dag", now) == now
    assert _day("idag", now) == now
    assert _day("i morgon", now) == now + timedelta(days=1)
    assert _day("imorgon", now) == now + timedelta(days=1)
    assert _day("tomorrow", now) == now + timedelta(days=1)
    assert _day("i övermorgon", now) == now + timedelta(days=2)
    assert _day("igår", now) == now - timedelta(days=1)


def test_weekdays_are_the_coming_one(clock: ManualClock) -> None:
    now = today(clock)
    for ahead in range(7):
        day = now + timedelta(days=ahead)
        name = format_date(day, "sv").split()[0]  # the weekday's name, from the same table
        assert _day(f"på {name}", now) == day
        assert _day(format_date(day, "en").split()[0], now) == day
        next_week = now - timedelta(days=now.weekday()) + timedelta(days=7 + day.weekday())
        if next_week == now + timedelta(days=1):  # a Sunday's `nästa måndag`: not tomorrow
            next_week += timedelta(weeks=1)
        assert _day(f"nästa {name}", now) == next_week
        assert _day(f"nästa {name}", now) != now + timedelta(days=1)  # never tomorrow
        assert find_date(["på", name], now).span == Span(day, day, weekly=True)
        back = now - timedelta(days=(7 - ahead) % 7 or 7)
        assert _day(f"i {format_date(back, 'sv').split()[0]}s", now) == back


def test_weeks(clock: ManualClock) -> None:
    now = today(clock)
    monday = now - timedelta(days=now.weekday())
    found = find_date(["hsn", "nästa", "vecka"], now)
    assert found.span == Span(monday + timedelta(days=7), monday + timedelta(days=13))
    assert found.rest == ["hsn"]
    assert find_date(["i", "veckan"], now).span == Span(monday, monday + timedelta(days=6))


def test_day_and_month_is_the_nearest_such_day(clock: ManualClock) -> None:
    now = today(clock)
    soon, ago = now + timedelta(days=20), now - timedelta(days=20)
    if (soon.month, soon.day) == (2, 29):  # no 29 February three years on
        soon += timedelta(days=1)
    month_sv = format_date(soon, "sv", weekday=False).split()[1]
    assert _day(f"{soon.day} {month_sv}", now) == soon
    assert _day(f"den {soon.day} {month_sv[:3]}", now) == soon
    assert _day(f"{ago.day}/{ago.month}", now) == ago
    month_en = format_date(soon, "en", weekday=False).split()[1]
    assert _day(f"{month_en} {soon.day}", now) == soon
    assert _day(f"{soon.day} {month_sv} {soon.year + 3}", now) == soon.replace(year=soon.year + 3)


def test_iso_and_bad_dates(clock: ManualClock) -> None:
    now = today(clock)
    assert _day("2026-11-1", now) == date(2026, 11, 1)
    for bad in ("2026-13-45", "31/2", "7/13", "31 februari"):
        found = find_date(["hsn", *bad.split()], now)
        assert found.span is None and found.bad == bad and found.rest == ["hsn"]


def test_words_that_are_no_date_are_left_alone(clock: ManualClock) -> None:
    now = today(clock)
    for words in ("på nästa möte", "hsn", "regionstyrelsen", "i hsn"):
        found = find_date(words.split(), now)
        assert found.span is None and found.bad is None and found.rest == words.split()


def test_a_span_in_words() -> None:
    assert format_span(Span(date(2026, 12, 7), date(2026, 12, 13)), "sv") == "7–13 december 2026"
    assert format_span(Span(date(2026, 12, 28), date(2027, 1, 3)), "en") == (
        "28 Dec 2026–3 Jan 2027"
    )


def test_a_sundays_next_monday_is_not_tomorrow() -> None:
    """`på måndag` on a Sunday is tomorrow; `nästa måndag` the Monday after it (a pure rule,
    so a fixed Sunday: the suite's own day is rarely one)."""
    sunday = date(2027, 3, 28)
    assert _day("på måndag", sunday) == date(2027, 3, 29)
    assert _day("nästa måndag", sunday) == date(2027, 4, 5)
    assert _day("nästa tisdag", sunday) == date(2027, 3, 30)  # next week's Tuesday
