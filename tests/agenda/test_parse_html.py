"""HTML in two markups parses to the same agenda as the text rendering of the same seed."""

from __future__ import annotations

from datetime import date, time

import pytest

from agenda.model import Item, Meeting
from agenda.parse import parse_page
from tests.fixtures import FIXTURES, seed_bytes

PORTAL = "https://forum.regionjh.se"
PAGES = {
    "000": "/committees/halso-och-sjukvardsnamnden/mote-2019-03-27",
    "001": "/committees/regionstyrelsen/mote-2017-12-12",
    "002": "/committees/sociala-vard-och-omsorgsgruppen/mote-2020-12-11",
    "004": "/committees/sociala-vard-och-omsorgsgruppen/mote-2023-05-26",
}
MARKUPS = ("markup1", "markup2")


def seed_text(number: str) -> bytes:
    return seed_bytes(number)


def html(markup: str, number: str) -> bytes:
    return (FIXTURES / "html" / markup / f"{number}.html").read_bytes()


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def key(item: Item) -> tuple[object, ...]:
    return (
        item.number,
        item.number_inferred,
        item.paragraph,
        item.title,
        squash(item.text),
        squash(item.minutes_text),
        item.procedural,
        tuple(item.case_numbers),
    )


def meeting_key(meeting: Meeting) -> tuple[object, ...]:
    return (meeting.body, meeting.date, meeting.start, meeting.end, meeting.place)


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("number", sorted(PAGES))
def test_html_gives_the_same_agenda_as_text(markup: str, number: str) -> None:
    url = PORTAL + PAGES[number]
    from_text = parse_page(seed_text(number), url)
    from_html = parse_page(html(markup, number), url)
    assert [key(i) for i in from_html.items] == [key(i) for i in from_text.items]
    assert meeting_key(from_html) == meeting_key(from_text)
    assert from_html.warnings == []


@pytest.mark.parametrize("markup", MARKUPS)
def test_html_header_of_seed_001(markup: str) -> None:
    meeting = parse_page(html(markup, "001"))
    assert meeting.date == date(2017, 12, 12) and meeting.body.name == "Regionstyrelsen"
    assert (meeting.start, meeting.end) == (time(8, 30), time(17, 20))
    assert meeting.place == "Hörsalen 08.30-12.00 och Styrelserummet 13.00-17.20"


@pytest.mark.parametrize("markup", MARKUPS)
def test_attachments_have_absolute_urls(markup: str) -> None:
    url = PORTAL + PAGES["000"]
    meeting = parse_page(html(markup, "000"), url)
    item4_next = meeting.items[3]  # the entry after item 4 closes with Bilagor
    assert [a.title for a in item4_next.attachments] == ["Tjänsteskrivelse 3", "Bilaga 3"]
    assert item4_next.attachments[0].url == (
        f"{url}/agenda/tjansteskrivelse-3pdf?downloadMode=open"
    )
    with_links = [i for i in meeting.items if i.attachments]
    assert len(with_links) == 9
    assert all(
        a.url and a.url.startswith(url + "/agenda/") for i in with_links for a in i.attachments
    )


def test_minutes_link_from_open_protocol() -> None:
    url = PORTAL + PAGES["004"]
    meeting = parse_page(html("markup1", "004"), url)
    assert meeting.minutes_url == f"{url}/protocol/protokollpdf?downloadMode=open"
    unpublished = parse_page(html("markup1", "000"), PORTAL + PAGES["000"])
    assert unpublished.minutes_url is None  # javascript:void(0)


@pytest.mark.parametrize("markup", MARKUPS)
def test_seed_004_from_html_has_thirteen_aligned_items(markup: str) -> None:
    meeting = parse_page(html(markup, "004"))
    assert [i.number for i in meeting.items] == list(range(1, 14))
    item2 = meeting.item_by_number(2)
    assert item2 is not None and item2.paragraph == 17 and item2.title == "Val av justerare"


MARKUP1_SAMPLE = """<body><a class="skip-link" href="#content">Hoppa över navigering</a>
<main id="content"><div class="meeting-header"><h1>Möte 2017-12-12</h1>
<h2 class="committee-name">Regionstyrelsen</h2>
<p class="meeting-time">08:30 - 17:20 Hörsalen</p></div>
<a id="openProtocol" href="javascript:void(0)">Protokoll</a>
<div id="agenda" class="tab-pane"><ul class="agenda-list">
  <li class="agenda-item"><span class="item-number">2</span>
    <h3 class="item-title">Val av justerare och tid för justering</h3></li>
  <li class="agenda-item"><div class="item-description"><p>Enligt reglemente &#8230;</p>
    <ul><li>sub bullet</li></ul></div>
    <div class="attachments"><h4>Bilagor</h4><ul><li><a
      href="/committees/regionstyrelsen/mote-2017-12-12/agenda/tjansteskrivelsepdf?downloadMode=open"
      >Tjänsteskrivelse</a></li></ul></div></li>
  <li class="agenda-item"><span class="item-number">4</span><h3 class="item-title">Ekonomi</h3></li>
</ul></div>
<div id="protocol" class="tab-pane"><p>Inget protokoll har publicerats</p></div></main>
<div class="cookie-banner">Vi använder cookies på denna webbplats.</div></body>"""


def test_the_documented_markup1_sample() -> None:
    meeting = parse_page(
        MARKUP1_SAMPLE, "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"
    )
    assert [(i.number, i.number_inferred) for i in meeting.items] == [
        (2, False),
        (3, True),
        (4, False),
    ]
    item3 = meeting.items[1]
    assert item3.text == "Enligt reglemente …\n• sub bullet"
    assert item3.attachments[0].url == (
        "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12/agenda/"
        "tjansteskrivelsepdf?downloadMode=open"
    )
    assert meeting.body.name == "Regionstyrelsen" and meeting.place == "Hörsalen"
    assert meeting.minutes_url is None


def test_ordered_list_in_description_keeps_positions() -> None:
    page = (
        "<html><body><a class='skip-link'>Hoppa över navigering</a><article>"
        "<h2>5. Anmälningsärenden</h2><ol><li>Protokoll A</li><li>Protokoll B</li></ol>"
        "<p>Se § 72 i protokollet.Bilagor</p></article></body></html>"
    )
    item = parse_page(page).items[0]
    assert (item.number, item.title) == (5, "Anmälningsärenden")
    assert item.text == "1. Protokoll A\n2. Protokoll B\nSe § 72 i protokollet."
    assert item.procedural and item.paragraph is None
