"""The links of a listing page: every kallelse and protokoll a municipal page lists is found with
its kind and date, in the markups sites use (lists, tables, paragraphs, dated headings), and
nothing else is taken: menus, news, attachments, extracts and other lists are not meetings."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.listing import AGENDA, MINUTES, ListingError, kind_of, read_listing

BASE = "https://www.tyreso.se/kommun-och-politik/kommunstyrelsen/sammantraden"
CHROME = [
    ("/", "Start"),
    ("/kommun-och-politik/kallelser-och-protokoll", "Kallelser och protokoll"),
    ("/nyheter/2024-06-19-ny-forskola", "Ny förskola invigd 2024-06-19"),
    ("/kontakt", "Kontakta oss"),
    ("mailto:registrator@tyreso.se", "registrator@tyreso.se"),
    ("#main", "Till innehållet"),
]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Kallelse KS 2024-06-19"], AGENDA),
        (["Föredragningslista"], AGENDA),
        (["Dagordning"], AGENDA),
        (["Tilläggskallelse"], AGENDA),
        (["Kungörelse kommunfullmäktige"], AGENDA),
        (["Sammanträde 19 juni 2024"], AGENDA),
        (["Kallelse med bilagor"], AGENDA),
        (["Sammanträdeshandlingar"], AGENDA),
        (["Protokoll"], MINUTES),
        (["Justerat protokoll"], MINUTES),
        (["Sammanträdesprotokoll"], MINUTES),
        (["Ladda ner", "", "protokoll-ks-2024-06-19.pdf"], MINUTES),
        (["Bilaga 1 till kallelse"], None),
        (["Protokollsutdrag § 54"], None),
        (["Anslag om justerat protokoll"], None),
        (["Tjänsteskrivelse budget"], None),
        (["Ny förskola invigd"], None),
        (["Kontakta oss"], None),
    ],
)
def test_the_first_word_that_names_a_kind_decides(words: list[str], expected: str | None) -> None:
    assert kind_of(*words) == expected


def _wrap(style: str, day: date, anchors: str) -> str:
    """One meeting's links in a site's markup, with its date around them."""
    shown = day.isoformat()
    return {
        "li": f"<li>Sammanträde {shown}: {anchors}</li>",
        "table": f"<table><tr><td>{shown}</td><td>{anchors}</td></tr></table>",
        "heading": f"<h3>Sammanträde {day.day}.{day.month}.{day.year}</h3><p>{anchors}</p>",
        "p": f"<p>{anchors} <span>({shown})</span></p>",
    }[style]


@st.composite
def listings(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, date]]]:
    """A page: chrome, then meetings (each a kallelse, maybe a protokoll) in drawn markups."""
    count = draw(st.integers(1, 6))
    start = draw(st.dates(date(2015, 1, 1), date(2035, 1, 1)))
    expected: list[tuple[str, str, date]] = []
    parts = []
    for n in range(count):
        day = start + timedelta(days=14 * n)
        style = draw(st.sampled_from(["li", "table", "heading", "p"]))
        pdf = draw(st.booleans())
        agenda = f"/download/18.{n}a/{'Kallelse.pdf' if pdf else 'kallelse'}"
        anchors = f'<a href="{agenda}">Kallelse</a>'
        expected.append((agenda, AGENDA, day))
        if draw(st.booleans()):
            minutes = f"/download/18.{n}p/Protokoll.pdf"
            anchors += f' <a href="{minutes}" title="Protokoll (pdf)">Protokoll</a>'
            expected.append((minutes, MINUTES, day))
        if draw(st.booleans()):
            anchors += f' <a href="/download/18.{n}b/Bilaga.pdf">Bilaga 1 till kallelsen</a>'
        parts.append(_wrap(style, day, anchors))
    chrome = "".join(f'<li><a href="{html.escape(h)}">{t}</a></li>' for h, t in CHROME)
    page = f"<html><body><nav><ul>{chrome}</ul></nav><main>{''.join(parts)}</main></body></html>"
    return page, expected


@settings(max_examples=60, deadline=None)
@given(listings())
def test_every_listed_meeting_document_is_found_and_nothing_else(
    drawn: tuple[str, list[tuple[str, str, date]]],
) -> None:
    page, expected = drawn
    listing = read_listing(page.encode("utf-8"), BASE)
    found = [
        (link.url.removeprefix("https://www.tyreso.se"), link.kind, link.date)
        for link in listing.links
    ]
    assert found == expected
    assert listing.skipped == [] and listing.offsite == 0


def test_a_dated_heading_dates_the_links_below_it_until_the_next_heading() -> None:
    page = """<h2>2024</h2><h3>19 juni 2024</h3>
    <ul><li><a href="/a.pdf">Kallelse</a></li><li><a href="/b.pdf">Protokoll</a></li></ul>
    <h3>Äldre handlingar</h3>
    <ul><li><a href="/c.pdf">Kallelse</a></li><li><a href="/d">Kallelse</a></li></ul>"""
    links = read_listing(page.encode(), BASE).links
    assert [(link.url[-6:], link.kind, link.date) for link in links] == [
        ("/a.pdf", AGENDA, date(2024, 6, 19)),
        ("/b.pdf", MINUTES, date(2024, 6, 19)),
        ("/c.pdf", AGENDA, None),  # a PDF without a date: its own date will be read
    ]  # /d: a page link without a date is a menu entry, not a meeting


def test_a_row_with_two_dates_gives_its_links_none() -> None:
    page = (
        "<table><tr><td>2024-06-19</td><td>2024-09-10</td>"
        '<td><a href="/k.pdf">Kallelse</a></td></tr></table>'
    )
    (link,) = read_listing(page.encode(), BASE).links
    assert link.date is None


def test_malformed_foreign_and_windows_1252_links() -> None:
    page = (
        '<a href="http://[::1">Kallelse 2024-06-19</a>'
        '<a href="https://other.example/k.pdf">Kallelse 2024-06-19</a>'
        '<a href="/ks/f\xf6redragningslista-2024-06-19.pdf">F\xf6redragningslista</a>'
    ).encode("cp1252")
    listing = read_listing(page, BASE)
    assert listing.skipped == ["http://[::1"] and listing.offsite == 1
    (link,) = listing.links
    assert link.label == "Föredragningslista" and link.date == date(2024, 6, 19)


def test_a_query_names_a_document_and_a_fragment_does_not() -> None:
    page = b'<a href="/doc?id=7#top">Protokoll 2024-06-19</a><a href="/doc?id=7">Protokoll</a>'
    (link,) = read_listing(page, BASE).links
    assert link.url == "https://www.tyreso.se/doc?id=7" and link.date == date(2024, 6, 19)


def test_a_pdf_is_not_a_listing() -> None:
    with pytest.raises(ListingError, match="PDF"):
        read_listing(b"%PDF-1.7\n...", BASE)
