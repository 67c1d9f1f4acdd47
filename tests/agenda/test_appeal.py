"""The last day to appeal: three weeks, moved past weekends and holidays (lagen 1930:173)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.appeal import APPEAL_PERIOD, last_day_to_appeal, next_working_day, non_working_reason


@pytest.mark.parametrize(
    ("posted", "last"),
    [
        # Tuesday 31 December is nyårsafton, 1 January nyårsdagen: Thursday 2 January.
        (date(2024, 12, 10), date(2025, 1, 2)),
        # Tuesday 24 December is julafton, then juldagen, annandag jul: Friday 27 December.
        (date(2024, 12, 3), date(2024, 12, 27)),
        # Långfredagen 18 April 2025, then Saturday, påskdagen, annandag påsk: Tuesday 22 April.
        (date(2025, 3, 28), date(2025, 4, 22)),
        # Midsommarafton Friday 21 June 2024, midsommardagen, Sunday: Monday 24 June.
        (date(2024, 5, 31), date(2024, 6, 24)),
        # Sunday 22 June 2025 → Monday 23 June; an ordinary Tuesday stays.
        (date(2025, 6, 1), date(2025, 6, 23)),
        (date(2023, 12, 12), date(2024, 1, 2)),
    ],
)
def test_known_cases(posted: date, last: date) -> None:
    assert last_day_to_appeal(posted) == last


def test_named_days_are_the_laws_days() -> None:
    assert non_working_reason(date(2024, 12, 24)) == "Julafton"
    assert non_working_reason(date(2024, 12, 31)) == "Nyårsafton"
    assert non_working_reason(date(2024, 6, 21)) == "Midsommarafton"
    assert non_working_reason(date(2025, 4, 18)) == "Långfredagen"
    assert non_working_reason(date(2025, 1, 6)) == "Trettondedag jul"
    assert non_working_reason(date(2024, 12, 28)) == "lördag"
    assert non_working_reason(date(2024, 12, 29)) == "söndag"
    assert non_working_reason(date(2024, 12, 27)) is None
    # Skärtorsdagen and valborgsmässoafton are working days in the law's sense.
    assert non_working_reason(date(2025, 4, 17)) is None
    assert non_working_reason(date(2025, 4, 30)) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
def test_three_weeks_then_the_first_working_day(posted: date) -> None:
    last = last_day_to_appeal(posted)
    plain = posted + APPEAL_PERIOD
    assert last >= plain and (last - plain).days <= 5
    assert non_working_reason(last) is None
    day = plain
    while day < last:
        assert non_working_reason(day) is not None
        day += timedelta(days=1)
    assert next_working_day(last) == last


def test_the_minutes_win_over_a_notice_and_a_printed_day_is_kept() -> None:
    from agenda.appeal import Posting, merge_posting

    feed = Posting(date(2024, 12, 11), "feed")
    minutes = Posting(date(2024, 12, 10), "minutes")
    assert merge_posting(None, feed) == feed
    assert merge_posting(feed, minutes) == minutes
    assert merge_posting(minutes, feed) == minutes  # a feed entry's day never overrides
    printed = merge_posting(minutes, Posting(date(2024, 12, 10), "notice", date(2025, 1, 3)))
    assert printed == Posting(date(2024, 12, 10), "minutes", date(2025, 1, 3))
    assert printed.last_day == date(2025, 1, 3) and printed.differs
    assert minutes.last_day == date(2025, 1, 2) and not minutes.differs
