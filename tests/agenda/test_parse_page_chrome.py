"""HTML page chrome around the agenda list never becomes an item or the header.

A live meeting page wraps the agenda in tabs (`Kallelse`, `a#openProtocol`), and its side
menu links the body's other meetings. Those are navigation: an item inferred from
`Kallelse Protokoll`, or the meeting date taken from a side-menu link, would be wrong answers.
"""

from __future__ import annotations

from datetime import date, time

from agenda.model import Meeting
from agenda.parse import parse_page

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"
SKIP = '<a class="skip-link" href="#main">Hoppa över navigering</a>'
HEADER = "<h1>Möte 2017-12-12</h1><p>Regionstyrelsen</p><p>08:30 - 17:20 Hörsalen</p>"
AGENDA = (
    '<div id="agenda"><ul class="agenda-list">'
    '<li class="agenda-item"><span class="item-number">2</span>'
    '<h3 class="item-title">Val av justerare</h3></li>'
    '<li class="agenda-item"><span class="item-number">3</span>'
    '<h3 class="item-title">Budget 2018</h3><p>Förslag till budget.</p></li></ul></div>'
)
SIDE_MENU = (
    '<div class="side-menu"><h2>Regionstyrelsen</h2><ul>'
    '<li><a href="/committees/regionstyrelsen/mote-2017-11-14">Möte 2017-11-14</a></li>'
    '<li><a href="/committees/regionstyrelsen/mote-2018-01-30">Möte 2018-01-30</a></li>'
    "</ul></div>"
)


def page(*parts: str) -> str:
    return "<html><body>" + SKIP + "".join(parts) + "</body></html>"


def agenda_of(meeting: Meeting) -> list[tuple[int | None, str | None, str | None]]:
    return [(i.number, i.title, i.text) for i in meeting.items]


EXPECTED = [(2, "Val av justerare", None), (3, "Budget 2018", "Förslag till budget.")]


def assert_header(meeting: Meeting) -> None:
    assert meeting.date == date(2017, 12, 12) and meeting.body.name == "Regionstyrelsen"
    assert (meeting.start, meeting.end, meeting.place) == (time(8, 30), time(17, 20), "Hörsalen")


def test_inline_tab_links_are_not_an_item() -> None:
    tabs = (
        '<div class="tabs"><a href="#agenda">Kallelse</a> '
        '<a id="openProtocol" href="javascript:void(0)">Protokoll</a></div>'
    )
    meeting = parse_page(page("<main>", HEADER, tabs, AGENDA, "</main>"), URL)
    assert agenda_of(meeting) == EXPECTED
    assert_header(meeting)


def test_open_protocol_link_text_is_not_an_item() -> None:
    link = (
        '<p><a id="openProtocol" href="/committees/regionstyrelsen/mote-2017-12-12/protocol/'
        'protokollpdf?downloadMode=open">Öppna protokoll</a></p>'
    )
    meeting = parse_page(page("<main>", HEADER, link, AGENDA, "</main>"), URL)
    assert agenda_of(meeting) == EXPECTED
    assert meeting.minutes_url == f"{URL}/protocol/protokollpdf?downloadMode=open"


def test_side_menu_before_the_content_gives_neither_date_nor_items() -> None:
    meeting = parse_page(page(SIDE_MENU, "<main>", HEADER, AGENDA, "</main>"), URL)
    assert_header(meeting)
    assert agenda_of(meeting) == EXPECTED


def test_side_menu_after_the_content_is_not_glued_to_the_last_item() -> None:
    meeting = parse_page(page("<main>", HEADER, AGENDA, "</main>", SIDE_MENU), URL)
    assert_header(meeting)
    assert agenda_of(meeting) == EXPECTED


def test_links_inside_an_item_stay_text() -> None:
    agenda = AGENDA.replace(
        "<p>Förslag till budget.</p>",
        '<p><a href="/committees/regionstyrelsen/mote-2017-11-14">Möte 2017-11-14</a></p>'
        '<p>Se <a href="#bilaga">bilagan</a>.</p>',
    )
    meeting = parse_page(page("<main>", HEADER, agenda, "</main>"), URL)
    assert meeting.items[1].text == "Möte 2017-11-14\nSe bilagan."


def test_description_beside_its_entry_in_the_same_list_is_kept() -> None:
    agenda = (
        '<div id="agenda"><div class="agenda-list">'
        '<div class="agenda-item"><span class="item-number">2</span>'
        '<h3 class="item-title">Val av justerare</h3></div>'
        '<div class="agenda-item"><span class="item-number">3</span>'
        '<h3 class="item-title">Budget 2018</h3></div>'
        "<p>Förslag till budget.</p></div></div>"
    )
    meeting = parse_page(page("<main>", HEADER, agenda, "</main>"), URL)
    assert agenda_of(meeting) == EXPECTED


def test_numbered_headings_without_item_containers_are_items() -> None:
    agenda = (
        '<div id="agenda"><h3>1. Mötet öppnas</h3><h3>2. Budget 2018</h3>'
        "<p>Förslag till budget.</p><ul><li>Drift</li><li>Investeringar</li></ul>"
        "<h3>3. Övriga frågor</h3></div>"
    )
    meeting = parse_page(page("<main>", HEADER, agenda, "</main>"), URL)
    assert agenda_of(meeting) == [
        (1, "Mötet öppnas", None),
        (2, "Budget 2018", "Förslag till budget.\n• Drift\n• Investeringar"),
        (3, "Övriga frågor", None),
    ]


def test_paragraph_headings_in_a_protocol_tab_are_minutes_entries() -> None:
    minutes = (
        '<div id="protocol"><h3>§ 17 Val av justerare</h3><p>Till justerare utses X.</p>'
        "<h3>§ 18 Budget 2018</h3><p>Regionstyrelsen beslutar att fastställa budgeten.</p></div>"
    )
    meeting = parse_page(page("<main>", HEADER, AGENDA, minutes, "</main>"), URL)
    assert [(i.number, i.paragraph) for i in meeting.items] == [(2, 17), (3, 18)]
    assert meeting.items[1].minutes_text == "Regionstyrelsen beslutar att fastställa budgeten."
