"""How much of a real page's agenda the reader gets back: item, § and case-number recall.

Why: the reader is judged on real pages nobody here has, by these measures, as text and as
PDF. This module scores the pages we do have against their truth files (what a careful reader
sees: each item header with number and title, each § header, the case numbers per item), so a
test can hold the targets and `bench/parse_recall.py` can print the table. The truth of the
seeds is what the independent reader of `markups.py` sees in them. Titles compare without
spacing or a final full stop (kallelser end many titles with one).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from agenda.casenumbers import case_numbers
from agenda.model import Item, Meeting
from agenda.parse import ParseError, parse_page
from sources.pdfagenda import meeting_from_pdf
from tests.fixtures import FIXTURES, seed_text
from tests.support.markups import real_pages
from tests.support.pdfmaker import agenda_pdf

PAGES = FIXTURES / "pages"
NOT_AGENDAS = FIXTURES / "not_agendas"

#: (kind, number, title) of an item header ("n") or a § header ("p").
Header = tuple[str, int, str]


@dataclass(frozen=True)
class TruthPage:
    """A real page, its URL and what a careful reader sees on it."""

    name: str
    kind: str  # "meetingsplus", "other", "seed" or "found"
    text: str
    url: str | None
    headers: tuple[Header, ...]
    #: (header, case number) for each case number the truth gives an item
    cases: tuple[tuple[Header, str], ...] = ()


@dataclass
class Score:
    """Found / wanted counts of one page (or of many, added up)."""

    items: list[int] = field(default_factory=lambda: [0, 0])
    paragraphs: list[int] = field(default_factory=lambda: [0, 0])
    cases: list[int] = field(default_factory=lambda: [0, 0])
    missed: list[str] = field(default_factory=list)
    refused: str | None = None

    def add(self, other: Score) -> None:
        for mine, theirs in (
            (self.items, other.items),
            (self.paragraphs, other.paragraphs),
            (self.cases, other.cases),
        ):
            mine[0] += theirs[0]
            mine[1] += theirs[1]
        self.missed += other.missed


def norm_title(title: str | None) -> str:
    return " ".join((title or "").split()).rstrip(" .")


def _truth_headers(data: dict[str, object]) -> tuple[list[Header], list[tuple[Header, str]]]:
    headers: list[Header] = []
    cases: list[tuple[Header, str]] = []
    for key, kind in (("numbered_items", "n"), ("paragraphs", "p")):
        entries = data.get(key)
        assert isinstance(entries, list)
        for entry in entries:
            number = entry.get("number", entry.get("paragraph"))
            header = (kind, int(number), norm_title(entry["title"]))
            headers.append(header)
            cases += [(header, case) for case in entry.get("case_numbers", [])]
    return headers, cases


def _index(folder: Path) -> dict[str, str | None]:
    entries = json.loads((folder / "index.json").read_text("utf-8"))
    return {e["file"]: e["url"] for e in entries}


def _folder_pages(folder: Path, kind: str) -> list[TruthPage]:
    urls = _index(folder)
    pages: list[TruthPage] = []
    for path in sorted(folder.glob("*.txt")):
        data = json.loads((folder / "truth" / f"{path.stem}.json").read_text("utf-8"))
        headers, cases = _truth_headers(data)
        text = path.read_text("utf-8")
        pages.append(
            TruthPage(path.stem, kind, text, urls[path.name], tuple(headers), tuple(cases))
        )
    return pages


def truth_pages() -> list[TruthPage]:
    """The Meetings Plus pages, the other renderings and the seeds, each with its truth."""
    pages = _folder_pages(PAGES, "meetingsplus") + _folder_pages(PAGES / "other", "other")
    for seed in real_pages():
        if not seed.name.startswith("seed"):
            continue
        found = tuple(
            ("p" if e.paragraph else "n", e.number, norm_title(e.title))
            for e in seed.entries
            if e.number
        )
        text = seed_text(seed.name.split()[1])
        pages.append(TruthPage(seed.name, "seed", text, seed.url, found))
    return pages


def found_pages() -> list[TruthPage]:
    """Real pages gathered to measure the reader on pages it was not built on (and a few
    written from common kallelse layouts): `tests/fixtures/pages/found/`."""
    return _folder_pages(PAGES / "found", "found")


def found_not_agendas() -> list[tuple[str, str]]:
    """(name, content) of real municipal pages that are not an agenda (how a meeting goes, a
    meeting calendar, a page of files, a contact page): none may give an item."""
    folder = PAGES / "found" / "not_agendas"
    return [(p.name, p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))]


def not_agendas() -> list[tuple[str, str]]:
    """(name, content) of the pages that are not an agenda: news, an index, site chrome."""
    return [
        (p.name, p.read_text("utf-8"))
        for p in sorted(NOT_AGENDAS.iterdir())
        if p.suffix in {".txt", ".html"}
    ]


def _found(meeting: Meeting) -> dict[Header, Item]:
    found: dict[Header, Item] = {}
    for item in meeting.items:
        if item.number is not None:
            found.setdefault(("n", item.number, norm_title(item.title)), item)
        if item.paragraph is not None:
            found.setdefault(("p", item.paragraph, norm_title(item.title)), item)
    return found


def score(page: TruthPage, meeting: Meeting) -> Score:
    """Recall of `meeting` against the page's truth."""
    result = Score()
    found = _found(meeting)
    for header in page.headers:
        counts = result.items if header[0] == "n" else result.paragraphs
        counts[1] += 1
        if header in found:
            counts[0] += 1
        else:
            result.missed.append(f"{page.name}: {header}")
    wanted: list[tuple[Header | None, str]] = [*page.cases] or [
        (None, case) for case in case_numbers(page.text)
    ]
    every = {c for item in meeting.items for c in item.case_numbers}
    for owner, case in wanted:
        result.cases[1] += 1
        item = found.get(owner) if owner else None
        if (case in item.case_numbers) if item is not None else (owner is None and case in every):
            result.cases[0] += 1
        else:
            result.missed.append(f"{page.name}: case {case} of {owner}")
    return result


Reader = Callable[[TruthPage], Meeting]


def as_text(page: TruthPage) -> Meeting:
    return parse_page(page.text.encode("utf-8"), page.url)


def as_pdf(page: TruthPage, page_format: str = "A4") -> Meeting:
    running = f"Kallelse · {page.name[:40]}"
    pdf = agenda_pdf(page.text, title=page.name, running=running, page_format=page_format)
    return meeting_from_pdf(pdf, page.url)


def pdf_reader(page_format: str) -> Reader:
    """`as_pdf` on another page size: the same text wrapped at another width."""
    return lambda page: as_pdf(page, page_format)


READERS: dict[str, Reader] = {"text": as_text, "pdf": as_pdf}


def measure(pages: list[TruthPage], reader: Reader) -> Iterator[tuple[TruthPage, Score]]:
    for page in pages:
        try:
            meeting = reader(page)
        except ParseError as exc:
            refused = Score(refused=str(exc))
            refused.items[1] = sum(1 for h in page.headers if h[0] == "n")
            refused.paragraphs[1] = sum(1 for h in page.headers if h[0] == "p")
            refused.cases[1] = len(page.cases)
            refused.missed.append(f"{page.name}: refused ({exc})")
            yield page, refused
            continue
        yield page, score(page, meeting)


def ratio(counts: list[int]) -> float:
    return counts[0] / counts[1] if counts[1] else 1.0
