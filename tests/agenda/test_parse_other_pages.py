"""The five real pages that are not Meetings Plus, each shape of issue 18 where it shows.

A republishing portal (insynsverige: `N Title` items, `Datum`/`Klockan`/`Plats` labels with an
empty date, a lettered `9 a`, `Dnr` lines, a proposal's numbered list), a municipal web page
(kyrkslatt.fi: an ordered list, `Sammanträdestid Måndag 9.10.2023 kl. 19.00`), a region's
archive (ordered lists restarting per section with the item's own number, `Dag:`/`Tid:`/
`Plats:` with values on the next line, `LS 0304-1413` glued to titles) and a PDF transcript
(docplayer: §§ run on in one line under `Paragraf Ärende`, the date far below).
"""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from agenda.model import Meeting
from agenda.parse import ParseError, parse_page

OTHER = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "other"
URLS = {e["file"]: e["url"] for e in json.loads((OTHER / "index.json").read_text("utf-8"))}


def read(stem: str) -> Meeting:
    return parse_page((OTHER / f"{stem}.txt").read_bytes(), URLS[f"{stem}.txt"])


@pytest.mark.parametrize(
    ("stem", "header"),
    [
        (
            "insynsverige.se__stockholm-ostermalm__2006-04-20",
            (date(2006, 4, 20), time(19, 0), "Östermalmsskolans aula, Banérgatan 38-40"),
        ),
        (
            "insynsverige.se__tyreso-kf__2024-06-19",
            (date(2024, 6, 19), time(18, 0), "Tyresö gymnasiums aula, Farmarstigen 7"),
        ),
        (
            "kyrkslatt.fi__kommunfullmaktige__2023-10-09",
            (date(2023, 10, 9), time(19, 0), "Kommunhuset i Kyrkslätt, Kyrkslättssalen"),
        ),
        (
            "sammantradeshandlingar.regionstockholm.se__landstingsstyrelsen__2003-09-02",
            (date(2003, 9, 2), time(10, 0), "Landstingshuset, Gjörwellssalen, plan 1, Stockholm."),
        ),
        ("docplayer.se__ahs-styrelsen__2005-05-20", (date(2005, 5, 20), None, None)),
    ],
)
def test_the_header_of_each_page(stem: str, header: tuple[date, time | None, str | None]) -> None:
    meeting = read(stem)
    assert (meeting.date, meeting.start, meeting.place) == header
    assert meeting.end is None  # `10:00 - 00:00` is no end time


def test_a_lettered_item_is_kept_apart_from_the_numbered_ones() -> None:
    meeting = read("insynsverige.se__stockholm-ostermalm__2006-04-20")
    assert [i.label() for i in meeting.items] == [
        *map(str, range(1, 9)),
        "9 a",
        "9",
        "10",
        "11",
        "12",
    ]
    lettered = meeting.item_by_label("9a")
    assert lettered is not None and lettered.title == "Månadsrapport mars 2006."
    assert meeting.item_by_number(9) is not lettered
    assert meeting.items[1].case_numbers == ["2006-152-307"]
    assert "Bordlagda ärenden" not in {i.title for i in meeting.items}


def test_a_proposals_numbered_list_is_the_items_text() -> None:
    meeting = read("insynsverige.se__tyreso-kf__2024-06-19")
    assert [(i.number, i.case_numbers) for i in meeting.items] == [
        (1, ["2024/KS 0038 001"]),
        (2, ["2024/KS 0039 001"]),
        (3, ["2024/KS 0040 001"]),
    ]
    assert "\n4. Motion om att bygga en cykelpump" in (meeting.items[2].text or "")
    assert meeting.items[1].text and "Bilagor" not in meeting.items[1].text  # the marker


def test_an_ordered_list_restarting_per_section_keeps_the_items_own_numbers() -> None:
    meeting = read("sammantradeshandlingar.regionstockholm.se__landstingsstyrelsen__2003-09-02")
    assert [i.number for i in meeting.items] == list(range(1, 9))
    assert meeting.items[4].title == (
        "Yttrande över Utredningen om samordning av informationsförsörjningen vid kris "
        "(SOU 2003:11)"
    )
    assert meeting.items[4].case_numbers == ["LS 0306-1891"]
    assert (meeting.items[4].text or "").startswith("Landstingsrådsberedningens skrivelse")
    assert meeting.body.name == "Landstingsstyrelsen"


def test_an_ordinal_is_the_number_on_a_municipal_page() -> None:
    meeting = read("kyrkslatt.fi__kommunfullmaktige__2023-10-09")
    assert [i.number for i in meeting.items] == list(range(1, 9))
    assert meeting.items[7].text is None  # the footer after the list is not item 8's
    assert meeting.body.name == "Kommunfullmäktige"


def test_paragraphs_run_on_in_a_transcript() -> None:
    meeting = read("docplayer.se__ahs-styrelsen__2005-05-20")
    assert [i.paragraph for i in meeting.items] == list(range(42, 54))
    assert all(i.number is None for i in meeting.items)


def test_a_page_cut_after_its_first_item_still_gives_it() -> None:
    """Real pages come cut off; one item is an agenda when the page announces its meeting."""
    text = (OTHER / "insynsverige.se__tyreso-kf__2024-06-19.txt").read_text("utf-8")
    cut = text[: text.index("2 Anmälan och besvarande av interpellationer")]
    meeting = parse_page(cut)
    assert [(i.number, i.case_numbers) for i in meeting.items] == [(1, ["2024/KS 0038 001"])]
    with pytest.raises(ParseError, match="not an agenda"):
        parse_page(cut.replace("Sammanträde 2024-06-19", "Nyheter").replace("Datum\n", ""))


def test_the_date_in_the_address_when_the_page_shows_none() -> None:
    page = "Kallelse till kommunstyrelsen\n1 Val av justerare\n2 Budget 2025\n"
    assert parse_page(page, "https://x.se/ks/protokoll?date=2024-06-19").date == date(2024, 6, 19)
    assert parse_page(page, "https://x.se/ks/kallelse").date is None
