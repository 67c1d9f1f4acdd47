"""The header of an agenda outside Meetings Plus, in each shape its preamble comes in."""

from __future__ import annotations

from datetime import date, time

import pytest

from agenda.parse import parse_page
from agenda.parse.preamble import parse_date

ITEMS = "\n1 Val av justerare\n2 Budget 2025\n"


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        (
            "Kallelse\nDatum: 2024-06-19\nKlockan: 18.00\nPlats: Kommunhuset",
            (date(2024, 6, 19), time(18), None, "Kommunhuset"),
        ),
        (
            "Sammanträde 2006-04-20\nDatum\nKlockan\n19.00\nPlats\nÖstermalmsskolans aula",
            (date(2006, 4, 20), time(19), None, "Östermalmsskolans aula"),
        ),
        (
            "Föredragningslista\nDag:\nTisdag den 10 februari 2009\nTid:\n10:00 - 12:30\nPlats:\n"
            "Landstingshuset",
            (date(2009, 2, 10), time(10), time(12, 30), "Landstingshuset"),
        ),
        (
            "Kommunfullmäktiges sammanträdeskallelse\n"
            "Sammanträdestid Måndag 9.10.2023 kl. 19.00\nSammanträdesplats Kommunhuset",
            (date(2023, 10, 9), time(19), None, "Kommunhuset"),
        ),
        (
            "Kommunstyrelsen\nSammanträde 2024-03-12\n15:30 -\nKommunhuset, KS-salen",
            (date(2024, 3, 12), time(15, 30), None, "Kommunhuset, KS-salen"),
        ),
        (
            "Kallelse Byggnämnden\n2024-03-12\n08:30 - 12:00\nStadshuset, sal 3",
            (date(2024, 3, 12), time(8, 30), time(12), "Stadshuset, sal 3"),
        ),
        (
            "Kallelse\nKommunfullmäktige sammanträder måndagen den 14 oktober 2024 klockan 18.30.",
            (date(2024, 10, 14), time(18, 30), None, None),
        ),
        (
            "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-03-12\n"
            "Plats och tid Kommunhuset, kl 13.00-16.30",
            (date(2024, 3, 12), time(13), time(16, 30), "Kommunhuset"),
        ),
        (
            "Nyheter\nPublicerad 2024-06-10\nKallelse till sammanträde 14/10 2024 kl 18",
            (date(2024, 10, 14), None, None, None),
        ),
        (
            "Tid: 10:00 - 00:00\nDatum: 2003-09-02",  # an end before the start is no end
            (date(2003, 9, 2), time(10), None, None),
        ),
    ],
)
def test_the_header(
    preamble: str, expected: tuple[date, time | None, time | None, str | None]
) -> None:
    meeting = parse_page(preamble + "\n" + ITEMS)
    assert (meeting.date, meeting.start, meeting.end, meeting.place) == expected


@pytest.mark.parametrize(
    ("preamble", "body"),
    [
        ("Din position: Hem > Tyresö kommun > Kommunfullmäktige", "Kommunfullmäktige"),
        ("Föredragningslista till landstingsstyrelsens sammanträde", "Landstingsstyrelsen"),
        ("Kommunstyrelsens kallelse", "Kommunstyrelsen"),
        ("PROTOKOLL\nBarn- och utbildningsnämnden", "Barn- och utbildningsnämnden"),
    ],
)
def test_the_body_named_in_the_preamble(preamble: str, body: str) -> None:
    meeting = parse_page(f"{preamble}\nDatum 2024-01-02{ITEMS}")
    assert meeting.body.name == body


def test_a_labelled_date_below_the_items_when_the_preamble_has_none() -> None:
    page = "Kallelse till sammanträde den 20 maj\n§ 42 Val\n§ 43 Budget\nDatum den 20 maj 2005"
    assert parse_page(page).date == date(2005, 5, 20)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("den 2 sept. 2003", date(2003, 9, 2)),
        ("14 okt 2024", date(2024, 10, 14)),
        ("Tisdag den 10 februari 2009", date(2009, 2, 10)),
        ("Måndag 9.10.2023", date(2023, 10, 9)),
        ("14/10 2024", date(2024, 10, 14)),
        ("5 marknader 2019", None),
        ("31.2.2024", None),
    ],
)
def test_dates_as_agendas_write_them(text: str, day: date | None) -> None:
    assert parse_date(text) == day
