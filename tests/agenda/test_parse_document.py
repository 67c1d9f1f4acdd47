"""A document's pages read as one agenda: running heads, feet and page numbers are no items."""

from __future__ import annotations

from agenda.parse import parse_document
from agenda.parse.document import strip_running_lines

BODY = [
    "Kallelse till sammanträde med kommunstyrelsen\nDatum: 2024-06-19\n\n1 Val av justerare\n"
    "Förslag till beslut\n2 Godkännande av dagordning",
    "3 Budget 2025\nBeslutsunderlag\n4 Taxa för bygglov 2025",
    "5 Övriga frågor\nFörslag till beslut",
]


def _with_heads(pages: list[str]) -> list[str]:
    count = len(pages)
    return [
        f"Kommunstyrelsen  Kallelse 2024-06-19\n\n{page}\n\nSida {n} av {count}\n3"
        for n, page in enumerate(pages, start=1)
    ]


def test_running_heads_and_page_numbers_never_become_items_or_text() -> None:
    meeting = parse_document(_with_heads(BODY))
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Val av justerare"),
        (2, "Godkännande av dagordning"),
        (3, "Budget 2025"),
        (4, "Taxa för bygglov 2025"),
        (5, "Övriga frågor"),
    ]
    texts = "\n".join(i.text or "" for i in meeting.items)
    assert "Sida" not in texts and "Kallelse 2024" not in texts
    assert texts.count("Förslag till beslut") == 2 and "Beslutsunderlag" in texts


def test_content_that_meets_page_edges_by_chance_stays() -> None:
    """Pages without a layout's spaces: `Förslag till beslut` ends two of them, but it also
    stands inside one, so it is content; the head that only ever opens a page is not."""
    pages = [
        "KS Kallelse 2024-06-19\n1 Val av justerare\nFörslag till beslut\nGodkänna.\n"
        "2 Budget 2025\nFörslag till beslut",
        "KS Kallelse 2024-06-19\n3 Taxa för bygglov\nText.\nFörslag till beslut",
    ]
    stripped = strip_running_lines(pages)
    assert stripped.count("Förslag till beslut") == 3
    assert "KS Kallelse" not in stripped


def test_a_single_page_loses_its_page_number_only() -> None:
    assert strip_running_lines(["1 Val av justerare\n2 Budget\n\n- 1 -"]) == (
        "1 Val av justerare\n2 Budget\n"
    )


def test_form_feeds_separate_the_pages_of_one_text() -> None:
    meeting = parse_document(["\f".join(_with_heads(BODY))])
    assert [i.number for i in meeting.items] == [1, 2, 3, 4, 5]


def test_a_run_on_list_wrapped_across_a_page_break_is_one_list() -> None:
    """A transcript printed as a PDF: its run-on list wraps at the margin and goes on over the
    page break (running head and foot between); the list's end is on the next page."""
    first = (
        "Kommunstyrelsen kallelse\n\nKallelse till sammanträde måndag 5 maj 2014\n"
        "Ärenden 66 SAMMANTRÄDETS KONSTITUERANDE 67 TILLKÄNNAGIVANDEN OCH\n"
        "INFORMATIONSÄRENDEN 68 BUDGET- OCH SKATTEUPPFÖLJNING 69 BOKSLUT 70\n"
        "LOKALVÅRD 71 REMISS: SKOLSKJUTSNING 72 ERSÄTTNING FÖR\n\nSida 1 av 2"
    )
    second = (
        "Kommunstyrelsen kallelse\n\n"
        "FÖRESTÅNDARENS VIKARIE 73 KOMMUNKANSLIETS SOMMARSEMESTRAR 74 ANHÅLLAN OM\n"
        "MÖTESRUM 75 MÖTETS AVSLUTANDE\n\nSida 2 av 2"
    )
    meeting = parse_document([first, second])
    assert [(i.number, i.title) for i in meeting.items][-4:] == [
        (72, "ERSÄTTNING FÖR FÖRESTÅNDARENS VIKARIE"),
        (73, "KOMMUNKANSLIETS SOMMARSEMESTRAR"),
        (74, "ANHÅLLAN OM MÖTESRUM"),
        (75, "MÖTETS AVSLUTANDE"),
    ]
