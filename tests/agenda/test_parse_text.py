"""The five seeds (text renderings) parse as their text says."""

from __future__ import annotations

from datetime import date, time

from agenda.model import Meeting
from agenda.parse import body_slug_and_date_from_url, parse_item_document, parse_page
from tests.fixtures import seed_bytes


def seed(number: str) -> bytes:
    return seed_bytes(number)


def numbers(meeting: Meeting) -> list[int | None]:
    return [i.number for i in meeting.items]


def test_seed_001_header() -> None:
    meeting = parse_page(seed("001"))
    assert meeting.date == date(2017, 12, 12)
    assert meeting.body.name == "Regionstyrelsen"
    assert meeting.start == time(8, 30)
    assert meeting.end == time(17, 20)
    assert meeting.place == "Hörsalen 08.30-12.00 och Styrelserummet 13.00-17.20"
    assert meeting.warnings == []


def test_seed_001_infers_the_runs_that_fit_their_gap() -> None:
    meeting = parse_page(seed("001"))
    assert numbers(meeting) == list(range(2, 28))
    printed = {i.number for i in meeting.items if not i.number_inferred}
    assert printed == {2, 23, 27}
    item21 = meeting.item_by_number(21)
    assert item21 is not None and item21.text is not None
    assert item21.text.startswith("1. Protokoll: Utskottet för ekonomi")
    assert "2. Protokollsutdrag § 60" in item21.text  # numbered list and § stay text


def test_seed_000_items_2_3_inferred_4() -> None:
    meeting = parse_page(seed("000"))
    first = meeting.items[:3]
    assert [(i.number, i.number_inferred) for i in first] == [(2, False), (3, True), (4, False)]
    assert first[0].title == "Val av justerare och tid för justering"
    assert first[1].text is not None and "preliminär föredragningslista" in first[1].text
    assert first[1].procedural and first[0].procedural
    assert first[2].title == "Hälso- och sjukvårdsdirektörens rapport 2019"
    # 16 unnumbered entries between 4 and 23 (18 slots): none gets a guessed number
    middle = meeting.items[3:-1]
    assert len(middle) == 16 and all(i.number is None for i in middle)
    assert meeting.items[-1].number == 23


def test_seed_000_sub_lists_tables_and_paragraph_refs_stay_text() -> None:
    meeting = parse_page(seed("000"))
    texts = [i.text or "" for i in meeting.items]
    screening = next(t for t in texts if t.startswith("Norrlandstingens Regionförbund"))
    assert "2017-09-27 § 72 frågan" in screening
    assert "Koloskopi 836 000" in screening  # table row, NBSP normalised
    barometer = next(t for t in texts if t.startswith("Resultat från hälso"))
    assert "• En majoritet av medborgarna" in barometer
    assert "• Endast 45 procent" in barometer
    assert not any("cookies" in t or "Hoppa över" in t or "ingen information" in t for t in texts)


def test_seed_000_case_numbers() -> None:
    meeting = parse_page(seed("000"))
    found = [n for i in meeting.items for n in i.case_numbers]
    assert found == ["RS/2485/2017", "RS/2147/2018"]


def test_seed_004_agenda_and_minutes_aligned() -> None:
    meeting = parse_page(seed("004"))
    assert numbers(meeting) == list(range(1, 14))
    assert all(i.minutes_text for i in meeting.items if i.number != 2)
    item2 = meeting.item_by_number(2)
    assert item2 is not None and item2.paragraph == 17 and item2.title == "Val av justerare"
    assert [i.paragraph for i in meeting.items].count(None) == 12  # no invented §
    item1 = meeting.item_by_number(1)
    assert item1 is not None and item1.title == "Mötet öppnas"
    assert item1.minutes_text is not None and "öppnar mötet" in item1.minutes_text
    item10 = meeting.item_by_number(10)
    assert item10 is not None and item10.text is not None and item10.text.startswith("Bakgrund")
    assert item10.minutes_text is not None and item10.minutes_text.startswith("Maria Höög")
    assert item10.number_inferred
    item11 = meeting.item_by_number(11)
    assert item11 is not None and item11.text is not None
    assert (
        item11.text.startswith("• Kort återkoppling") and "• Nästa Gemensamma SVOM" in item11.text
    )
    item13 = meeting.item_by_number(13)
    assert item13 is not None and item13.procedural and item13.minutes_text is not None
    assert "avslutar mötet" in item13.minutes_text
    for lost in (5, 6, 9, 12):
        item = meeting.item_by_number(lost)
        assert item is not None and item.text is None and item.minutes_text


def test_seed_004_numbered_list_in_description_stays_text() -> None:
    meeting = parse_page(seed("004"))
    item10 = meeting.item_by_number(10)
    assert item10 is not None and item10.text is not None
    assert "1. Ökad delaktighet," in item10.text and "5. Ökad samordning" in item10.text


def test_seed_002_minutes_only() -> None:
    meeting = parse_page(seed("002"))
    assert len(meeting.items) == 16
    assert all(i.number is None for i in meeting.items)
    para = meeting.item_by_paragraph(54)
    assert para is not None and para.title == "Val av justerare och tid för justering"
    assert para.procedural
    first = meeting.items[0]
    assert first.minutes_text is not None and "öppnar mötet" in first.minutes_text
    assert first.procedural and first.text is None
    corona = meeting.items[-2]
    assert corona.minutes_text is not None and corona.minutes_text.startswith("1. Coronamöten")
    assert [i.paragraph for i in meeting.items if i.paragraph is not None] == [54]


def test_seed_003_item_document() -> None:
    doc = parse_item_document(seed("003"))
    assert doc.date == date(2019, 3, 18)
    assert doc.case_numbers == ["HSN/203/2019"]
    assert doc.title == "Svar på motion om kvalificerad vård i hemmet för fler patienter"
    assert doc.description is not None
    assert doc.description.startswith("Ann-Marie Johansson (S) har inkommit med en motion")
    assert "Regiondirektörens förslag" not in doc.description
    assert doc.proposal is not None and "Motionen anses besvarad." in doc.proposal
    assert "I tjänsten" not in doc.proposal and "Hans Svensson" not in doc.proposal
    assert doc.proposal_heading == "Regiondirektörens förslag"


def test_url_gives_body_date_portal() -> None:
    url = "https://forum.regionjh.se/committees/halso-och-sjukvardsnamnden/mote-2019-03-27"
    meeting = parse_page(seed("000"), url)
    assert meeting.body.slug == "halso-och-sjukvardsnamnden"
    assert meeting.body.name is None
    assert meeting.body.portal == "https://forum.regionjh.se"
    assert meeting.date == date(2019, 3, 27)
    assert meeting.url == url and not meeting.cancelled


def test_header_date_wins_over_url_and_name_comes_from_header() -> None:
    url = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-13"
    meeting = parse_page(seed("001"), url)
    assert meeting.date == date(2017, 12, 12)
    assert meeting.body.slug == "regionstyrelsen" and meeting.body.name == "Regionstyrelsen"


def test_slug_shapes() -> None:
    base = "https://x.se/committees"
    assert body_slug_and_date_from_url(f"{base}/ks/mote-2022-01-20") == ("ks", date(2022, 1, 20))
    assert body_slug_and_date_from_url(f"{base}/kf/kommunfullmaktige-1234") == ("kf", None)
    assert body_slug_and_date_from_url(f"{base}/kf/extra-kommunfullmaktige-77") == ("kf", None)
    assert body_slug_and_date_from_url(f"{base}/kf/kommunfullmaktige-2021-06-14/") == (
        "kf",
        date(2021, 6, 14),
    )
    assert body_slug_and_date_from_url("https://x.se/news/1") == (None, None)


def test_cancelled_slug() -> None:
    url = "https://x.se/committees/kf/kommunfullmaktige-2021-06-14-installt"
    page = "Hoppa över navigering\nIngen agenda har publicerats\n"
    meeting = parse_page(page, url)
    assert meeting.cancelled and meeting.items == []
    assert meeting.date == date(2021, 6, 14)
    assert meeting.warnings and "Ingen agenda" in meeting.warnings[0]


def test_the_place_on_its_own_line_after_the_time_or_an_empty_end_time() -> None:
    for time_line, end in (("15:30 -", None), ("15:30", None), ("15:30 - 17:00", time(17, 0))):
        page = (
            "Hoppa över navigering\nMöte 2024-03-12\nKommunstyrelsen\n"
            f"{time_line}\nKommunhuset, KS-salen\n •   1\n  Val av justerare\n"
        )
        meeting = parse_page(page, "https://x.se/committees/kommunstyrelsen/mote-2024-03-12")
        assert (meeting.start, meeting.end) == (time(15, 30), end)
        assert meeting.place == "Kommunhuset, KS-salen"
        assert [(i.number, i.title) for i in meeting.items] == [(1, "Val av justerare")]


def test_a_description_after_the_time_is_no_place() -> None:
    page = (
        "Hoppa över navigering\nMöte 2024-03-12\nKommunstyrelsen\n15:30\n"
        " • Dagordningen har skickats ut.\n •   2\n  Val av justerare\n"
    )
    meeting = parse_page(page, "https://x.se/committees/kommunstyrelsen/mote-2024-03-12")
    assert meeting.place is None
    assert meeting.items[0].text == "Dagordningen har skickats ut."
