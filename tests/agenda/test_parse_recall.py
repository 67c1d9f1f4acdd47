"""The reader's recall on every real page we have, as text and as a kallelse PDF (issue 18).

The measures are those the reader is judged by on real pages nobody here has: item recall
(number and title as printed), § recall, every case number with its item, and nothing accepted
from a page that is not an agenda. Pages: the Meetings Plus pages, the other renderings
(a republishing portal, a municipal web page, a region's archive, a PDF transcript) and the
seeds, each read as its text and as a PDF made from that text with a running head and page
numbers on every page. `bench/parse_recall.py` prints the same numbers as a table.
"""

from __future__ import annotations

import pytest

from agenda.parse import ParseError, parse_page
from sources.pdfagenda import meeting_from_pdf
from tests.support.pdfmaker import agenda_pdf
from tests.support.recall import (
    READERS,
    Score,
    found_not_agendas,
    found_pages,
    measure,
    not_agendas,
    ratio,
    truth_pages,
)

ITEM_RECALL = 0.98
PARAGRAPH_RECALL = 0.95
PAGES = truth_pages()
FOUND = found_pages()
#: The pages found after the reader was built (`tests/fixtures/pages/found/`): what it reaches on
#: them now, as text and as a PDF made from that text (many are transcripts whose run-on lists a
#: PDF wraps across lines: read as the one line they were). Floors, so a change that loses any
#: of it fails.
FOUND_FLOORS = {
    "text": {"items": 0.86, "paragraphs": 0.96, "cases": 0.97},
    "pdf": {"items": 0.86, "paragraphs": 0.96, "cases": 0.97},
}


def test_the_pages_are_all_here() -> None:
    kinds = [page.kind for page in PAGES]
    assert (kinds.count("meetingsplus"), kinds.count("other"), kinds.count("seed")) == (13, 5, 4)
    assert sum(len(page.cases) for page in PAGES) == 10


@pytest.mark.parametrize("how", sorted(READERS))
def test_recall_on_the_real_pages(how: str) -> None:
    totals: dict[str, Score] = {}
    for page, score in measure(PAGES, READERS[how]):
        totals.setdefault(page.kind, Score()).add(score)
    for kind, score in totals.items():
        assert ratio(score.items) >= ITEM_RECALL, (kind, score.items, score.missed)
        assert ratio(score.paragraphs) >= PARAGRAPH_RECALL, (kind, score.paragraphs, score.missed)
        assert score.cases[0] == score.cases[1], (kind, score.cases, score.missed)


@pytest.mark.parametrize("name", [name for name, _ in not_agendas()])
def test_a_page_that_is_not_an_agenda_is_refused(name: str) -> None:
    content = dict(not_agendas())[name]
    with pytest.raises(ParseError) as refused:
        parse_page(content.encode("utf-8"))
    assert "\n" not in str(refused.value) and str(refused.value).startswith("not an agenda")


@pytest.mark.parametrize("name", [name for name, _ in not_agendas() if name.endswith(".txt")])
def test_a_pdf_that_is_not_an_agenda_is_refused(name: str) -> None:
    with pytest.raises(ParseError, match=r"^not an agenda"):
        meeting_from_pdf(agenda_pdf(dict(not_agendas())[name]))


def test_the_found_pages_are_all_here() -> None:
    assert len(FOUND) == 20
    assert sum(1 for page in FOUND if page.url) == 14
    assert sum(len(page.cases) for page in FOUND) == 37


@pytest.mark.parametrize("how", sorted(READERS))
def test_recall_on_the_found_pages(how: str) -> None:
    total = Score()
    for _, score in measure(FOUND, READERS[how]):
        total.add(score)
    floors = FOUND_FLOORS[how]
    assert ratio(total.items) >= floors["items"], (total.items, total.missed)
    assert ratio(total.paragraphs) >= floors["paragraphs"], (total.paragraphs, total.missed)
    assert ratio(total.cases) >= floors["cases"], (total.cases, total.missed)


@pytest.mark.parametrize("name", [name for name, _ in found_not_agendas()])
def test_a_found_page_that_is_not_an_agenda_is_refused(name: str) -> None:
    with pytest.raises(ParseError, match=r"^not an agenda"):
        parse_page(dict(found_not_agendas())[name].encode("utf-8"))
