"""Shapes met on real agendas the reader was not built on (`tests/fixtures/pages/found/`), each
as a small page: every test here failed before the rule it names was generalised.

Each rule is about the page's shape, never its host: a protokoll's §§ printed without their
sign, a table of contents (dotted leaders, page numbers, the case number before the title), a
numbered line without a space after its number, a list run on in one line with a number
missing, a § line carrying its running stamp (`§ 4, STST 2015-01-22 16:00`), a kallelse table's
columns, a page that explains how a meeting goes (no meeting, so no agenda).
"""

from __future__ import annotations

import pytest

from agenda.model import Meeting
from agenda.parse import ParseError, parse_page


def _parse(text: str, url: str | None = None) -> Meeting:
    return parse_page(text.encode("utf-8"), url)


def _heads(meeting: Meeting) -> list[tuple[int | None, int | None, str | None]]:
    return [(i.number, i.paragraph, i.title) for i in meeting.items]


PROTOKOLL_COVER = (
    "Barn- och utbildningsnämnden\n"
    "SAMMANTRÄDESPROTOKOLL\n"
    "Plats och tid Stadshuset, tisdagen den 9 juni 2020 kl 08:30-12.15\n"
    "Justerandes signatur Utdragsbestyrkande\n"
)


def test_a_protokolls_numbers_without_their_sign_are_paragraphs() -> None:
    page = (
        PROTOKOLL_COVER + "\n60 Fastställande av dagordning\n61 Anmälningsärenden\n62 Budget 2021\n"
    )
    assert _heads(_parse(page)) == [
        (None, 60, "Fastställande av dagordning"),
        (None, 61, "Anmälningsärenden"),
        (None, 62, "Budget 2021"),
    ]


def test_the_covers_range_says_numbers_from_one_are_paragraphs() -> None:
    page = (
        "Kommunstyrelsen PROTOKOLL\nSammanträdesdatum 2017-01-16\nParagrafer 1-3\n\n"
        "1 Sammanträdets öppnande\n2 Val av protokolljusterare\n"
        "3 Godkännande av föredragningslistan\n"
    )
    assert [h[:2] for h in _heads(_parse(page))] == [(None, 1), (None, 2), (None, 3)]


def test_a_kallelse_that_mentions_its_protokoll_keeps_item_numbers() -> None:
    page = (
        "Kallelse till kommunfullmäktige\nDatum 2024-06-19\n\n"
        "1 Val av justerare och justering av protokollet\n2 Budget 2025\n3 Motioner\n\n"
        "Protokollet framlagt på kommunens webbplats 2024-06-26.\n"
    )
    assert [h[:2] for h in _heads(_parse(page))] == [(1, None), (2, None), (3, None)]


def test_a_table_of_contents_gives_titles_without_leaders_page_numbers_or_case_numbers() -> None:
    page = (
        PROTOKOLL_COVER
        + "Paragrafer 26 -- 28\n\nÄrendelista\n"
        + "26 Dnr KS 2018/14 Information... 3\n"
        + "27 Dnr KS 2018/124 Årsredovisning för Kramfors kommun 2017... 4\n"
        + "28 Dnr KS 2018/117 Instruktion till ägarombud ................ 9\n"
    )
    meeting = _parse(page)
    assert _heads(meeting) == [
        (None, 26, "Information"),
        (None, 27, "Årsredovisning för Kramfors kommun 2017"),
        (None, 28, "Instruktion till ägarombud"),
    ]
    assert [i.case_numbers for i in meeting.items] == [
        ["KS 2018/14"],
        ["KS 2018/124"],
        ["KS 2018/117"],
    ]


def test_a_number_with_no_space_before_its_title_is_still_an_item() -> None:
    page = (
        "Kallelse 2013-03-13\n5. Framtidens äldreomsorg\n6. Allmänhetens frågestund\n"
        "7.Forts. Framtidens äldreomsorg\n8. Val\n"
    )
    assert [h[0] for h in _heads(_parse(page))] == [5, 6, 7, 8]


HOW_A_MEETING_GOES = (
    "Så här går mötet på Kommunfullmäktige till\n\n"
    "1. Öppnandet av mötet\n\nSammanträdet förklaras öppnat av ordföranden.\n\n"
    "2. Upprop\n\nSekreteraren förrättar upprop.\n\n"
    "3. Protokolljustering\n\nOrdföranden bestämmer när protokollet ska justeras.\n"
)


def test_a_page_on_how_a_meeting_goes_is_no_agenda() -> None:
    with pytest.raises(ParseError, match=r"^not an agenda: it names no meeting"):
        _parse(HOW_A_MEETING_GOES)


def test_a_list_whose_meeting_is_only_in_its_url_is_an_agenda() -> None:
    page = "1. Kommunfullmäktiges öppnande\n2. Upprop\n3. Val av justerande\n"
    meeting = _parse(page, "http://webcast.example.se/player.php?eid=20130313&start=15149")
    assert [i.number for i in meeting.items] == [1, 2, 3]
    assert str(meeting.date) == "2013-03-13"
    with pytest.raises(ParseError, match=r"names no meeting"):
        _parse(page)


def test_a_transcripts_numbered_pages_are_not_items() -> None:
    page = (
        "1 Barn- och utbildningsnämnden (20) Tid och plats Måndagen den 25 maj 2009 i Tingshuset\n"
        "2 Barn- och utbildningsnämnden (20) ANSLAG/BEVIS Protokollet är justerat.\n"
        "3 Barn- och utbildningsnämnden (20) Ärenden\n"
        "60 Fastställande av dagordning\n61 Anmälningsärenden\n62 Information om Gaddenskolan\n"
    )
    assert _heads(_parse(page)) == [
        (None, 60, "Fastställande av dagordning"),
        (None, 61, "Anmälningsärenden"),
        (None, 62, "Information om Gaddenskolan"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (  # `N.` numbers, one missing (its title ran into the one before)
            "Kallelse 2016-05-02 1. LAGLIGHET OCH BESLUTFÖRHET. 2. PROTOKOLLJUSTERARE. "
            "3. FÖREDRAGNINGSLISTAN. 5. NÄMNDERNAS MÖTESPROTOKOLL. 6. ÄRENDEN TILL KÄNNEDOM.",
            [
                (1, "LAGLIGHET OCH BESLUTFÖRHET"),
                (2, "PROTOKOLLJUSTERARE"),
                (3, "FÖREDRAGNINGSLISTAN"),
                (5, "NÄMNDERNAS MÖTESPROTOKOLL"),
                (6, "ÄRENDEN TILL KÄNNEDOM"),
            ],
        ),
        (  # titles in capitals, the last followed by the signature
            "KALLELSE Tid och plats: Måndag 5 maj 2014 66 SAMMANTRÄDETS KONSTITUERANDE "
            "67 BUDGETUPPFÖLJNING 68 LOKALVÅRD 69 REMISS: SKOLSKJUTSNING 70 MÖTETS AVSLUTANDE, "
            "BESVÄRSANVISNING Geta den Ingvar Björling, ordförande",
            [
                (66, "SAMMANTRÄDETS KONSTITUERANDE"),
                (67, "BUDGETUPPFÖLJNING"),
                (68, "LOKALVÅRD"),
                (69, "REMISS: SKOLSKJUTSNING"),
                (70, "MÖTETS AVSLUTANDE, BESVÄRSANVISNING"),
            ],
        ),
        (  # a section heading in capitals between titles; `AB` stays in the title
            "Kommunstyrelsen 2015-05-04 Innehåll 101 Informationspunkt: Försäkring AB BESLUTAS AV "
            "KOMMUNFULLMÄKTIGE 102 Riktlinjer för markanvisningar 103 Riktlinjer för "
            "exploateringsavtal 104 Delegationsärenden 105 Anmälningsärenden",
            [
                (101, "Informationspunkt: Försäkring AB"),
                (102, "Riktlinjer för markanvisningar"),
                (103, "Riktlinjer för exploateringsavtal"),
                (104, "Delegationsärenden"),
                (105, "Anmälningsärenden"),
            ],
        ),
        (  # §§ run on with their text: the title ends before its section or its case number
            "Protokoll 2018-12-04 171 Redovisning av trygghetsundersökning 2018 Överläggning "
            "Polisen redovisar. 172 Genomgång av beslutsärenden Överläggning Samtliga ärenden gås "
            "igenom. 173 Digital strategi för Kalmar kommun Dnr KS 2018/0942 Skrivelse den 13 "
            "november.",
            [
                (171, "Redovisning av trygghetsundersökning 2018"),
                (172, "Genomgång av beslutsärenden"),
                (173, "Digital strategi för Kalmar kommun"),
            ],
        ),
    ],
)
def test_a_list_run_on_in_one_line_gives_its_titles(
    line: str, expected: list[tuple[int, str]]
) -> None:
    meeting = _parse(line + "\n")
    assert [
        (i.number or i.paragraph, (i.title or "").rstrip(".")) for i in meeting.items
    ] == expected


def test_a_paragraph_line_with_its_running_stamp_takes_the_title_below() -> None:
    page = (
        "Möteskallelse\nTorsdagen den 22 januari 2015 kl. 16:00 i stadsstyrelsens sammanträdesrum\n"
        "§ 4, STST 2015-01-22 16:00\nSAMMANTRÄDETS LAGENLIGA SAMMANKALLANDE\n"
        "§ 5, STST 2015-01-22 16:00\nPROTOKOLLJUSTERING\nStadsstyrelsen utser två justerare.\n"
        "§ 7, STST 2015-01-22 16:00\nCFV: 49/2015\nÖVERTAGANDE AV ÄRENDEN\n"
    )
    meeting = _parse(page)
    assert _heads(meeting) == [
        (None, 4, "SAMMANTRÄDETS LAGENLIGA SAMMANKALLANDE"),
        (None, 5, "PROTOKOLLJUSTERING"),
        (None, 7, "ÖVERTAGANDE AV ÄRENDEN"),
    ]
    assert meeting.items[2].case_numbers == ["CFV: 49/2015"]


def test_items_alike_but_for_their_numbers_are_items_and_numbered_page_heads_are_not() -> None:
    items = "Kallelse 2020-01-01\n1 Ärende 7 budget\n2 Ärende 8 budget\n3 Ärende 9 budget\n"
    assert [i.number for i in _parse(items).items] == [1, 2, 3]
    pages = (
        "KALLELSE Måndag 5 maj 2014\n"
        "2 Sid 2/29 KALLELSE Tid och plats: Måndag 5 maj 2014, kl 19:00, kommunkansliet i Geta\n"
        "3 Sid 3/29 Kommunstyrelsen SAMMANTRÄDETS KONSTITUERANDE Kst 66 Sammanträdets öppnande\n"
        "66 Sammanträdets konstituerande\n67 Tillkännagivanden\n68 Budgetuppföljning\n"
    )
    assert [i.number for i in _parse(pages).items] == [66, 67, 68]


def test_a_table_rows_title_ends_at_the_wide_gap_before_its_next_column() -> None:
    page = (
        "KALLELSE\nKommunstyrelsen\nTid: onsdag 19 juni 2024 kl. 09.00\n\n"
        "Nr   Ärende                                   Dnr            Föredragande\n"
        "1    Val av justerare\n"
        "2    Budget 2025                              KS 2024/123    Anna Berg\n"
        "3    Information från kommundirektören                       Kommundirektören\n"
        "4\tInformation om läget\tEkonomichefen\n"
        "5    Meddelanden\n"
    )
    meeting = _parse(page)
    assert _heads(meeting) == [
        (1, None, "Val av justerare"),
        (2, None, "Budget 2025"),
        (3, None, "Information från kommundirektören"),
        (4, None, "Information om läget"),
        (5, None, "Meddelanden"),
    ]
    assert [i.text for i in meeting.items[1:4]] == [
        "KS 2024/123 Anna Berg",
        "Kommundirektören",
        "Ekonomichefen",
    ]
    assert meeting.items[1].case_numbers == ["KS 2024/123"]


def test_a_table_of_contents_gives_way_to_the_items_it_lists() -> None:
    page = (
        "Kallelse till sammanträde med kommunfullmäktige\n"
        "Dag: Måndag den 23 september 2024\n\n"
        "Innehållsförteckning\n"
        "1. Val av justerare ........................ 2\n"
        "2. Budget 2025 ............................. 3\n"
        "3. Motion om cykelvägar ..................... 5\n\n"
        "1. Val av justerare\nTvå ledamöter utses.\n\n"
        "2. Budget 2025\nDnr KS 2024/310\nFullmäktige fastställer budget 2025.\n\n"
        "3. Motion om cykelvägar\nDnr KS 2024/58\n"
    )
    meeting = _parse(page)
    assert _heads(meeting) == [
        (1, None, "Val av justerare"),
        (2, None, "Budget 2025"),
        (3, None, "Motion om cykelvägar"),
    ]
    assert [i.case_numbers for i in meeting.items] == [[], ["KS 2024/310"], ["KS 2024/58"]]
    assert meeting.items[0].text == "Två ledamöter utses."


@pytest.mark.parametrize("dot", [".", ""])
def test_an_item_after_a_proposals_numbered_sentences_is_the_next_item(dot: str) -> None:
    """The proposal's `1. 2.` would count on to `3` as well as the items do: the title goes
    with the titles, the sentences with the sentences."""
    page = (
        "Kallelse till sammanträde med kommunfullmäktige\nDag: Måndag den 23 september 2024\n\n"
        f"1{dot} Val av justerare\nTvå ledamöter utses.\n\n"
        f"2{dot} Budget 2025\nFörslag till beslut\n"
        f"1{dot} Fullmäktige fastställer budget 2025.\n2{dot} Skattesatsen fastställs.\n\n"
        f"3{dot} Motion om cykelvägar\nDnr KS 2024/58\n\n4{dot} Meddelanden\n"
    )
    meeting = _parse(page)
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Val av justerare"),
        (2, "Budget 2025"),
        (3, "Motion om cykelvägar"),
        (4, "Meddelanden"),
    ]
    assert meeting.items[1].text == (
        f"Förslag till beslut\n1{dot} Fullmäktige fastställer budget 2025.\n"
        f"2{dot} Skattesatsen fastställs."
    )


def test_a_table_of_contents_with_titles_cut_short_gives_way_too() -> None:
    page = (
        "Kallelse till sammanträde med kommunfullmäktige\n"
        "Dag: Måndag den 23 september 2024\n\n"
        "Innehåll\n"
        "1. Val av justerare\n"
        "2. Budget 2025 med plan för …\n"
        "3. Svar på motion om säkra …\n\n"
        "1. Val av justerare\nTvå ledamöter utses.\n\n"
        "2. Budget 2025 med plan för 2026-2027\nDnr KS 2024/310\n\n"
        "3. Svar på motion om säkra cykelvägar\nDnr KS 2024/58\n"
    )
    meeting = _parse(page)
    assert _heads(meeting) == [
        (1, None, "Val av justerare"),
        (2, None, "Budget 2025 med plan för 2026-2027"),
        (3, None, "Svar på motion om säkra cykelvägar"),
    ]
    assert [i.case_numbers for i in meeting.items] == [[], ["KS 2024/310"], ["KS 2024/58"]]


def test_a_transcripts_short_page_lines_with_their_stamps_are_not_items() -> None:
    """A transcript printed narrow (a PDF): each page's line is wrapped short, but most carry
    the page's stamp (`Sid 2/3`, `3 (3)`)."""
    page = (
        "Transkript\n"
        "1 PROTOKOLL Tid och plats Måndagen den 5 maj 2014 kl. 19\n"
        "Kommunkansliet i Geta skola\n"
        "2 Sid 2/3 KALLELSE Tid och plats: Måndag 5 maj 2014\n"
        "§ 66 Sammanträdets konstituerande\n§ 67 Tillkännagivanden\n§ 68 Budgetuppföljning\n"
        "3 Sid 3/3 Kommunstyrelsen Sammanträdets\n"
        "öppnande och protokollets justering\n"
    )
    assert _heads(_parse(page)) == [
        (None, 66, "Sammanträdets konstituerande"),
        (None, 67, "Tillkännagivanden"),
        (None, 68, "Budgetuppföljning"),
    ]
