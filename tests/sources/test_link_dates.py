"""Meeting dates as links and file names write them: every shape, for any day; never a date
from a case number, a half date or a date that says when a document was handled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.link_dates import all_dates, first_date

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]  # fmt: skip

SHAPES: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d:%Y%m%d}",
    lambda d: f"{d:%Y_%m_%d}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"den {d.day} {MONTHS[d.month - 1][:3]}. {d.year}",
    lambda d: f"{d.day}-{MONTHS[d.month - 1]}-{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"{d.day}/{d.month} {d.year}",
    lambda d: f"{d.day}-{d.month}-{d.year}",
]
PREFIXES = ["Kallelse ", "Protokoll KS ", "kallelse-ks-", "Sammanträdestid Måndag ", "", "(pdf) "]


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(date(1995, 1, 1), date(2060, 12, 31)),
    shape=st.sampled_from(SHAPES),
    prefix=st.sampled_from(PREFIXES),
    suffix=st.sampled_from(["", " kl. 19.00", ".pdf", " (212 kB)", "-kl-19-00"]),
)
def test_every_shape_gives_its_day(
    day: date, shape: Callable[[date], str], prefix: str, suffix: str
) -> None:
    text = prefix + shape(day) + suffix
    assert first_date(text) == day
    assert all_dates(text) == {day}


@pytest.mark.parametrize(
    "text",
    [
        "KS 2024/123",
        "2023/BUN 0214",
        "2011/KS 0019 002",
        "LS 0806-0619",
        "KS 02-820 107",
        "RS/123/2024",
        "Dnr 2018/14",
        "19 juni",
        "2024-13-40",
        "31.2.2024",
        "Kallelse KS, publicerad 2024-06-10",
        "Protokoll (justerat den 25 juni 2024)",
        "Senast uppdaterad: 2024-06-03",
        "Version 1.2.2024b",
    ],
)
def test_no_meeting_date_is_read_where_none_is_written(text: str) -> None:
    assert first_date(text) is None


def test_the_first_date_is_the_meetings_and_all_dates_names_each_once() -> None:
    text = "Protokoll 2024-06-19 (justerat 2024-06-25), sammanträde 19 juni 2024"
    assert first_date(text) == date(2024, 6, 19)
    assert all_dates(text) == {date(2024, 6, 19)}
    assert all_dates("Kallelse 2024-06-19 och 2024-09-10") == {date(2024, 6, 19), date(2024, 9, 10)}
