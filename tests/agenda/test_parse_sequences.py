"""Agenda/minutes detection and alignment, proposals and procedural flags on small pages."""

from __future__ import annotations

from agenda.parse import parse_page

CHROME = "Hoppa över navigering\n"


def test_unequal_counts_align_by_text() -> None:
    page = CHROME + (
        " • 1\n  Mötet öppnas\n"
        " • 2\n  Budget för kollektivtrafiken 2024\n"
        " • 3\n  Motion om cykelvägar i Östersund\n"
        " • 4\n  Mötet avslutas\n"
        " • Ordföranden öppnar mötet.\n"
        " • § 12\n  Motion om cykelvägar i Östersund\n  Nämnden föreslår att motionen bifalls.\n"
        " • Ordföranden tackar och avslutar mötet.\n"
    )
    items = parse_page(page).items
    assert [(i.number, i.paragraph) for i in items] == [(1, None), (2, None), (3, 12), (4, None)]
    assert items[0].minutes_text == "Ordföranden öppnar mötet."
    assert items[1].minutes_text is None
    assert items[2].minutes_text == "Nämnden föreslår att motionen bifalls."
    assert items[3].minutes_text == "Ordföranden tackar och avslutar mötet."


def test_restarting_numbers_start_the_minutes() -> None:
    page = CHROME + (
        " • 1\n  Val av justerare\n • 2\n  Ekonomisk rapport\n"
        " • 1\n  Val av justerare\n  Anna Andersson väljs.\n • 2\n  Ekonomisk rapport\n  Noteras.\n"
    )
    items = parse_page(page).items
    assert [i.number for i in items] == [1, 2]
    assert [i.minutes_text for i in items] == ["Anna Andersson väljs.", "Noteras."]


def test_unmatched_minutes_entry_is_kept_unnumbered() -> None:
    page = CHROME + (
        " • 1\n  Mötet öppnas\n • 2\n  Val av justerare\n • 3\n  Budget\n"
        " • Ordföranden hälsar välkommen och öppnar mötet.\n"
        " • Helt annan fråga om snöröjning diskuteras utförligt.\n"
    )
    items = parse_page(page).items
    assert [i.number for i in items] == [1, 2, 3, None]
    assert items[0].minutes_text is not None and items[3].minutes_text is not None
    assert items[3].minutes_text.startswith("Helt annan fråga")


def test_proposal_and_case_numbers_from_item_text() -> None:
    page = CHROME + (
        " • 5\n  Svar på motion om vård i hemmet\n"
        " • Dnr HSN/203/2019. Motionen har beretts, se även HSN/203/2019 och RS/1/2018.\n"
        "  Förslag till beslut\n"
        "  Motionen anses besvarad.\n"
        "  Beslutsunderlag\n"
        "  Tjänsteskrivelse 2019-03-18\n"
    )
    items = parse_page(page).items
    assert items[1].case_numbers == ["HSN/203/2019", "RS/1/2018"]
    assert items[1].proposal == "Motionen anses besvarad."
    assert not items[1].procedural and items[0].title == "Svar på motion om vård i hemmet"


def test_named_proposal_heading() -> None:
    page = CHROME + " • Text om ärendet.\n  Regiondirektörens förslag\n  Att godkänna avtalet.\n"
    assert parse_page(page).items[0].proposal == "Att godkänna avtalet."


def test_procedural_by_title_not_by_prefix_words() -> None:
    page = CHROME + (
        " • 1\n  Val av justerare och tid för justering\n"
        " • 2\n  Informationer\n"
        " • 3\n  Information om budget 2024\n"
        " • 4\n  Övriga frågor\n"
    )
    assert [i.procedural for i in parse_page(page).items] == [True, True, False, True]


def test_cancelled_line_and_body_before_date() -> None:
    page = (
        "<html><body><main><h1>Kommunfullmäktige</h1><p>Möte 2024-06-10</p><p>Inställt</p>"
        "<div id='agenda'><p>Ingen agenda har publicerats</p></div></main></body></html>"
    )
    meeting = parse_page(page, "https://x.se/committees/kommunfullmaktige/kommunfullmaktige-88")
    assert meeting.cancelled and meeting.body.name == "Kommunfullmäktige"
    assert meeting.body.slug == "kommunfullmaktige" and str(meeting.date) == "2024-06-10"
