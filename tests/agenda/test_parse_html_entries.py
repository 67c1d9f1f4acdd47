"""Entries are found from what the page shows, whatever elements hold them."""

from __future__ import annotations

from agenda.model import Meeting
from agenda.parse import parse_page

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"


def page(body: str) -> str:
    return f"<html><body><h1>Möte 2017-12-12</h1><p>Regionstyrelsen</p>{body}</body></html>"


def summary(meeting: Meeting) -> list[tuple[int | None, str | None, str | None]]:
    return [(i.number, i.title, i.text) for i in meeting.items]


EXPECTED = [(2, "Val av justerare", None), (3, "Budget", "Förslag till budget.")]


def test_plain_divs_are_entries_when_their_headers_say_so() -> None:
    body = (
        "<div><div><strong>2</strong> <strong>Val av justerare</strong></div>"
        "<div><h4>3</h4><h3>Budget</h3><p>Förslag till budget.</p></div></div>"
    )
    assert summary(parse_page(page(body), URL)) == EXPECTED


def test_table_rows_with_the_number_in_a_cell() -> None:
    body = (
        "<table><tr><td>2</td><td>Val av justerare</td></tr>"
        "<tr><td>3</td><td><b>Budget</b><p>Förslag till budget.</p></td></tr></table>"
    )
    assert summary(parse_page(page(body), URL)) == EXPECTED


def test_definition_list_dd_belongs_to_its_dt() -> None:
    body = (
        "<dl><dt>2. Val av justerare</dt><dt><span>3</span> <span>Budget</span></dt>"
        "<dd><p>Förslag till budget.</p></dd></dl>"
    )
    assert summary(parse_page(page(body), URL)) == [
        (2, "Val av justerare", None),
        (3, "Budget", "Förslag till budget."),
    ]


def test_definition_list_of_text_terms() -> None:
    body = (
        "<dl><dt>2. Val av justerare</dt><dt>3. Budget</dt>"
        "<dd><p>Förslag till budget.</p></dd></dl>"
    )
    assert summary(parse_page(page(body), URL)) == EXPECTED


def test_an_information_list_before_the_items_is_not_an_item() -> None:
    info = "<ul><li>Plats: Hörsalen</li><li>Ordförande: N N</li></ul>"
    body = info + (
        "<ul><li><span>2</span><span>Val av justerare</span></li>"
        "<li><span>3</span><span>Budget</span><p>Förslag till budget.</p></li></ul>"
    )
    assert summary(parse_page(page(body), URL)) == EXPECTED


def test_without_any_header_a_plain_list_still_gives_one_item_per_entry() -> None:
    body = (
        "<ul><li><p>Förslag på justeringsdag.</p></li>"
        "<li><p>Information om planprogram.</p><ul><li>jämlikhet</li></ul></li></ul>"
    )
    assert summary(parse_page(page(body), URL)) == [
        (None, None, "Förslag på justeringsdag."),
        (None, None, "Information om planprogram.\n• jämlikhet"),
    ]
