"""Decisions from a protokoll's text, and aligning each § with the agenda item it decides."""

from __future__ import annotations

from agenda.decisions import AgendaSlot, MinutesParagraph, align, decision_in, parse_minutes
from agenda.parse import parse_page
from sources.pdftext import extract_pdf_sync
from tests.fixtures import seed_text
from tests.support import pdfmaker

SVOM_URL = "https://portal.example/committees/sociala-vard-och-omsorgsgruppen/mote-2023-05-25"


def _minutes() -> list[MinutesParagraph]:
    return parse_minutes(extract_pdf_sync(pdfmaker.minutes_pdf()).text)


def test_each_paragraph_gives_its_decision_and_reservation_verbatim() -> None:
    paragraphs = _minutes()
    assert [p.paragraph for p in paragraphs] == [16, 17, 18, 19, 22, 23, 28]
    by_number = {p.paragraph: p for p in paragraphs}
    assert by_number[18].decision == "Dagordningen fastställs."
    assert by_number[18].reservation is None
    assert by_number[23].decision == "SVOM ställer sig bakom inriktningen i skrivelsen."
    assert by_number[23].reservation == (
        "Anna Granevärn (M) reserverar sig mot beslutet till förmån för eget yrkande."
    )
    assert by_number[23].case_numbers == ("HSN/203/2019",)


def test_headings_in_other_shapes() -> None:
    text = "\n".join(
        [
            "§ 54 Budget 2027",
            "Förslag till beslut",
            "Kommunstyrelsen föreslår fullmäktige att anta budgeten.",
            "Beslutsunderlag",
            "Tjänsteskrivelse",
            "Kommunstyrelsens beslut",
            "Kommunstyrelsen föreslår fullmäktige att anta budgeten.",
            "Reservation: Vänsterpartiet reserverar sig.",
            "Expedieras till",
            "Ekonomikontoret",
            "§ 55",
            "Övriga frågor",
            "Beslut: Inga övriga frågor.",
            "§ 56 Information",
            "Informationen lämnas.",
        ]
    )
    first, second, third = parse_minutes(text)
    assert (first.paragraph, first.title) == (54, "Budget 2027")
    assert first.decision == "Kommunstyrelsen föreslår fullmäktige att anta budgeten."
    assert first.reservation == "Vänsterpartiet reserverar sig."
    assert (second.title, second.decision) == ("Övriga frågor", "Inga övriga frågor.")
    assert (third.decision, third.reservation) == (None, None)


def test_minutes_align_with_seed_004s_agenda() -> None:
    meeting = parse_page(seed_text("004").encode(), url=SVOM_URL)
    slots = [
        AgendaSlot(pos, item.number, item.paragraph, item.title)
        for pos, item in enumerate(meeting.items)
    ]
    aligned = align(_minutes(), slots)
    by_number = {meeting.items[pos].number: para.paragraph for pos, para in aligned.items()}
    # § 17 is item 2 on the page; the titles and that offset place the rest.
    assert by_number == {1: 16, 2: 17, 3: 18, 4: 19, 7: 22, 8: 23, 13: 28}


def test_alignment_without_any_anchor_matches_nothing() -> None:
    slots = [AgendaSlot(0, 1, None, "Något helt annat")]
    assert align(_minutes(), slots) == {}


def test_decision_in_an_items_minutes_text() -> None:
    text = (
        "Ordföranden föredrar ärendet.\n\nBeslut\nNämnden godkänner rapporten."
        "\n\nReservation\nL reserverar sig."
    )
    assert decision_in(text) == ("Nämnden godkänner rapporten.", "L reserverar sig.")
    assert decision_in("Nämndens beslut: Ärendet återremitteras.") == (
        "Ärendet återremitteras.",
        None,
    )
    # Narrative text that only mentions a decision is not a Beslut section.
    assert decision_in("Ledamöterna beslutar att det blir ett möte.\nbeslut fattas senare") == (
        None,
        None,
    )
    assert decision_in(None) == (None, None)
