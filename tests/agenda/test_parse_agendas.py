"""Property: an agenda published outside Meetings Plus, in any shape of issue 18, comes back
whole as text, as HTML and as a PDF: nothing visible lost, nothing invented.

Every item's number (or § or lettered label) and title as printed (without the case number
printed in the title's line), every text line exactly once (in its own item), every case
number with its item, the header's date, time and place; and no item that was not drawn.
See `agendas.py` for the shapes drawn. A PDF's lines are compared as running text (the PDF
wraps long lines; the reader joins them back).
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.model import Item as Parsed
from agenda.model import Meeting
from agenda.parse import parse_page
from sources.pdfagenda import meeting_from_pdf
from tests.support.agendas import Agenda, agendas, expected_header, text
from tests.support.agendas_html import html
from tests.support.pdfmaker import agenda_pdf


def _norm(line: str) -> str:
    return " ".join(line.split())


def _key(agenda: Agenda, number: int | None, letter: str | None) -> tuple[str, str]:
    label = f"{number} {letter}" if letter else str(number)
    return ("p" if agenda.paragraphs else "n", label)


def _found_key(item: Parsed) -> tuple[str, str]:
    if item.number_label:
        return ("n", item.number_label)
    if item.number is not None:
        return ("n", str(item.number))
    return ("p", str(item.paragraph))


def _texts(item: Parsed) -> list[str]:
    return [line for t in (item.text, item.minutes_text) for line in (t or "").split("\n") if line]


def check(agenda: Agenda, meeting: Meeting, *, running: bool = False) -> None:
    drawn = {_key(agenda, i.number, i.letter): i for i in agenda.items}
    got = {_found_key(i): i for i in meeting.items}
    assert len(got) == len(meeting.items), "an item twice"
    assert set(got) == set(drawn), "lost or invented items"
    for key, item in drawn.items():
        parsed = got[key]
        assert parsed.title == item.title
        wanted = [_norm(line) for line in agenda.expected_lines(item)]
        found = [_norm(line) for line in _texts(parsed)]
        if running:
            assert " ".join(found) == " ".join(wanted), key
        else:
            assert Counter(found) == Counter(wanted), key
        assert parsed.case_numbers == ([item.case[1]] if item.case else []), key
    day, start, end, place = expected_header(agenda)
    assert (meeting.date, meeting.start, meeting.place) == (day, start, place)
    assert meeting.end == end


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agenda=agendas())
def test_every_shape_as_text_comes_back_whole(agenda: Agenda) -> None:
    check(agenda, parse_page(text(agenda).encode("utf-8")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), agenda=agendas())
def test_every_shape_as_a_web_page_comes_back_whole(data: st.DataObject, agenda: Agenda) -> None:
    page = data.draw(html(agenda))
    check(agenda, parse_page(page.encode("utf-8"), "https://www.example.se/politik/kallelse"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agenda=agendas())
def test_every_shape_as_a_pdf_comes_back_whole(agenda: Agenda) -> None:
    pdf = agenda_pdf(text(agenda), running=f"{agenda.body} {agenda.day}")
    check(agenda, meeting_from_pdf(pdf), running=True)
