"""A kallelse PDF read as an agenda: lines laid out from the page, under the documents' caps."""

from __future__ import annotations

import pytest

from agenda.parse import ParseError
from sources.pdfagenda import is_pdf, meeting_from_pdf, pdf_page_texts, read_pdf_meeting
from tests.support import pdfmaker

LONG = (
    "Beviljande av avsked från uppdraget som ersättare i samhällstekniska nämnden och val av "
    "ny ersättare för resten av mandatperioden 2023-2026 (K.J.)"
)
KALLELSE = f"""Kallelse till sammanträde med kommunstyrelsen
Datum: 2024-06-19
Tid: 18:00
Plats: Kommunhuset, Sessionssalen

1. Val av justerare
2. {LONG}
Förslag till beslut
     1. Nämnden beviljar avskedet och väljer en ny ersättare för resten av perioden.
     2. Beslutet justeras omedelbart.
3. Övriga frågor
"""


def test_a_wrapped_title_is_one_title_and_a_deeper_list_is_text() -> None:
    meeting = meeting_from_pdf(pdfmaker.agenda_pdf(KALLELSE, running="Kommunstyrelsen"))
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Val av justerare"),
        (2, LONG),
        (3, "Övriga frågor"),
    ]
    assert meeting.items[1].text == (
        "Förslag till beslut\n"
        "1. Nämnden beviljar avskedet och väljer en ny ersättare för resten av perioden.\n"
        "2. Beslutet justeras omedelbart."
    )
    assert str(meeting.date) == "2024-06-19" and meeting.place == "Kommunhuset, Sessionssalen"


def test_the_laid_out_lines_keep_indents_and_join_wraps() -> None:
    pages = pdf_page_texts(pdfmaker.agenda_pdf(KALLELSE))
    lines = [line for line in pages[0].split("\n") if line.strip()]
    title = next(line for line in lines if "Beviljande" in line)
    assert title.strip() == f"2. {LONG}"
    proposal = next(line for line in lines if "Nämnden beviljar" in line)
    assert len(proposal) - len(proposal.lstrip()) > len(title) - len(title.lstrip())


TABLE = """Kallelse till sammanträde med kommunstyrelsen
Tid: onsdag 19 juni 2024 kl. 09.00

Nr   Ärende                                   Dnr            Föredragande
1    Val av justerare
2    Budget 2025                              KS 2024/123    Anna Berg
3    Information från kommundirektören                       Kommundirektören
4    Meddelanden
"""


def test_a_tables_columns_end_its_titles() -> None:
    """A kallelse table in a PDF: the presenter's column, set apart by a wide gap, is the
    item's text, not the end of its title; words one space apart stay one title."""
    meeting = meeting_from_pdf(pdfmaker.agenda_pdf(TABLE))
    assert [(i.number, i.title, i.text) for i in meeting.items] == [
        (1, "Val av justerare", None),
        (2, "Budget 2025", "KS 2024/123 Anna Berg"),
        (3, "Information från kommundirektören", "Kommundirektören"),
        (4, "Meddelanden", None),
    ]
    assert meeting.items[1].case_numbers == ["KS 2024/123"]


def test_a_title_whose_last_word_is_a_number_wrapped_alone_stays_one_title() -> None:
    """`… Villagatan i` / `12.`: a number alone under a full line is the line's last word,
    not a list's next number."""
    title = (
        "Ombyggnad av fritidshem till två förskoleavdelningar med nytt kök och matsal på gatan "
        "Villagatan i 12."
    )
    text = f"Kallelse till sammanträde 2024-06-19\n\n6 Val av justerare\n7 {title}\n8 Övrigt\n"
    lines = pdf_page_texts(pdfmaker.agenda_pdf(text))[0].split("\n")
    assert any(line.strip() == f"7 {title}" for line in lines)
    meeting = meeting_from_pdf(pdfmaker.agenda_pdf(text))
    assert [(i.number, i.title) for i in meeting.items] == [
        (6, "Val av justerare"),
        (7, title),
        (8, "Övrigt"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdfmaker.scanned_pdf(), "no text layer"),
        (pdfmaker.encrypted_pdf(), "encrypted"),
        (pdfmaker.truncated_pdf(), "cannot be read"),
        (b"%PDF-1.7 not really", "cannot be read"),
    ],
)
def test_an_unreadable_pdf_is_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        meeting_from_pdf(data)


def test_the_page_cap_holds() -> None:
    with pytest.raises(ParseError, match="too large"):
        pdf_page_texts(pdfmaker.long_pdf(3), max_pages=2)


def test_a_pdf_that_is_no_agenda_is_refused() -> None:
    with pytest.raises(ParseError, match="not an agenda"):
        meeting_from_pdf(pdfmaker.tjansteskrivelse_pdf())


async def test_from_async_code_in_a_worker_thread() -> None:
    meeting = await read_pdf_meeting(pdfmaker.agenda_pdf(KALLELSE), "https://x.se/kf.pdf")
    assert meeting.url == "https://x.se/kf.pdf" and len(meeting.items) == 3


def test_is_pdf() -> None:
    assert is_pdf(pdfmaker.minutes_pdf()) and is_pdf(b"  %PDF-1.4")
    assert not is_pdf(b"<html>%PDF") and not is_pdf(b"")
