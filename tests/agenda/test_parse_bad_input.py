"""Bad input ends in one clear ParseError line or an empty agenda with a warning."""

from __future__ import annotations

import contextlib

import pytest

from agenda.parse import (
    MAX_ENTRIES,
    MAX_PAGE_BYTES,
    ParseError,
    parse_item_document,
    parse_page,
)
from tests.fixtures import seed_text as fixture_seed_text


def seed(number: str) -> str:
    return fixture_seed_text(number)


def error(content: bytes | str, url: str | None = None) -> str:
    with pytest.raises(ParseError) as caught:
        parse_page(content, url)
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_empty() -> None:
    assert "empty" in error(b"")
    assert "empty" in error(b"  \n\t\n")
    assert "empty" in error("")


def test_binary() -> None:
    assert "binary" in error(bytes(range(256)) * 20)
    assert "binary" in error(b"\x89PNG\r\n\x1a\n" + bytes(2000))


def test_windows_1252_is_decoded() -> None:
    meeting = parse_page(seed("001").encode("cp1252", errors="replace"))
    assert meeting.body.name == "Regionstyrelsen"
    assert meeting.items[0].title == "Val av justerare och tid för justering"


def test_utf16_with_bom_is_decoded() -> None:
    meeting = parse_page(seed("004").encode("utf-16"))
    assert len(meeting.items) == 13


def test_undecodable() -> None:
    message = error(b"Hoppa \x81\x8d\x8f\x90\x9d \x81\x8d\x8f" * 50)
    assert "decode" in message


def test_twenty_megabytes() -> None:
    big = (
        b"<html><body>"
        + b"<p>Hoppa \xc3\xb6ver navigering</p>" * (20 * 1024 * 1024 // 34)
        + b"</body>"
    )
    message = error(big)
    assert str(len(big)) in message and str(MAX_PAGE_BYTES) in message
    assert str(MAX_PAGE_BYTES) in error(big.decode("utf-8"))


def test_page_with_no_items_is_an_empty_agenda_with_warning() -> None:
    page = (
        "Hoppa över navigering\n\nMöte 2024-02-01\n\nKommunstyrelsen\n13:00 - 15:00 Sal A\n"
        "Det finns ingen information att visa\nVi använder cookies på denna webbplats.\n"
    )
    meeting = parse_page(page)
    assert meeting.items == [] and meeting.body.name == "Kommunstyrelsen"
    assert meeting.warnings == ["the page has no agenda items"]


def test_html_page_with_no_agenda() -> None:
    page = (
        "<html><body><main><div class='meeting-header'><h1>Möte 2024-02-01</h1></div>"
        "<div id='agenda'><p>Ingen agenda har publicerats</p></div></main></body></html>"
    )
    meeting = parse_page(page, "https://x.se/committees/ks/mote-2024-02-01")
    assert meeting.items == []
    assert "Ingen agenda har publicerats" in meeting.warnings[0]


@pytest.mark.parametrize(
    "page",
    [
        "Hello world.\nThis is a plain note about nothing in particular.\n",
        "<html><head><title>Example</title></head><body><h1>Example Domain</h1>"
        "<p>This domain is for use in illustrative examples.</p></body></html>",
        "<html><body><ul><li>Home</li><li>News</li></ul></body></html>",
    ],
)
def test_a_page_without_an_agenda_is_refused(page: str) -> None:
    assert error(page) == "not an agenda: the page shows no numbered items"
    assert error(page, "https://example.com/news/1") == (
        "not an agenda: the page shows no numbered items"
    )


def test_broken_html_never_raises_anything_but_parse_error() -> None:
    for page in ("<html><body><li class='agenda-item'><span class='item-number'>", "<div>" * 5000):
        with contextlib.suppress(ParseError):
            parse_page(page, "https://x.se/committees/ks/mote-2024-02-01")


def test_item_document_bad_input() -> None:
    with pytest.raises(ParseError):
        parse_item_document(b"")
    with pytest.raises(ParseError):
        parse_item_document(bytes(range(256)) * 10)


def _entries_page(count: int) -> str:
    return "Hoppa över navigering\n" + "".join(
        f" • {n}\n  Ärende {n}\n" for n in range(1, count + 1)
    )


def test_more_entries_than_any_agenda_is_refused_clearly() -> None:
    assert len(parse_page(_entries_page(MAX_ENTRIES)).items) == MAX_ENTRIES
    message = error(_entries_page(MAX_ENTRIES + 1))
    assert f"{MAX_ENTRIES + 1} entries" in message and str(MAX_ENTRIES) in message
