"""Item recall on real meeting pages, as rendered and re-rendered in every known text style.

The fixtures in `pages/` are real text renderings from two municipal portals (an ordered-list
style and the bullet style), each with a truth file of what a careful reader sees: the item
headers with number and title, the `§` headers, the number of description entries. Each page
is also re-rendered the other ways the portal's pages are known to come out (bullets, ordinals,
dashes, separator lines, no markers at all), and the parse must find the same headers in all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from agenda.model import Meeting
from agenda.parse import parse_page
from tests.fixtures import seed_text
from tests.support.markups import real_pages

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED_PAGES = [p for p in real_pages() if p.name.startswith("seed")]
MARKER = re.compile(r"^(?P<indent> *)(?:•|\d{1,3}\.)(?=\s|$)[ \u00a0]*(?P<rest>.*)$")
RECALL_GOAL = 0.98


def _index() -> dict[str, str]:
    return {e["file"]: e["url"] for e in json.loads((PAGES / "index.json").read_text("utf-8"))}


def page_names() -> list[str]:
    return sorted(p.stem for p in PAGES.glob("*.txt"))


def truth(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((PAGES / "truth" / f"{name}.json").read_text("utf-8"))
    return data


def _rerender(text: str, marker: Callable[[int, str], list[str]]) -> str:
    """Replace each top-level entry marker (the indent of the page's first marker) by `marker`."""
    lines = text.split("\n")
    top = next(m["indent"] for line in lines if (m := MARKER.match(line)))
    out: list[str] = []
    ordinal = 0
    for line in lines:
        match = MARKER.match(line)
        if match and match["indent"] == top:
            ordinal += 1
            out.extend(marker(ordinal, match["rest"]))
        else:
            out.append(line)
    return "\n".join(out)


def _deeper(text: str) -> str:
    """Indent the entries' text lines two more, as the deeper ordered style does."""
    return "\n".join("  " + line if line.startswith(" ") else line for line in text.split("\n"))


RENDERINGS: dict[str, Callable[[str], str]] = {
    "as_is": lambda text: text,
    "bullets": lambda text: _rerender(text, lambda _, rest: [f" • {rest}"]),
    "ordered": lambda text: _rerender(text, lambda n, rest: [f" {n}. {rest}"]),
    "ordered_deep": lambda text: _rerender(_deeper(text), lambda n, rest: [f"{n:>3}.   {rest}"]),
    "dashes": lambda text: _rerender(text, lambda _, rest: [f" - {rest}"]),
    "separators": lambda text: _rerender(text, lambda _, rest: ["-----", rest]),
    "no_markers": lambda text: _rerender(text, lambda _, rest: [rest]),
}


def headers(meeting: Meeting) -> set[tuple[str, int, str | None]]:
    found = {("n", i.number, i.title) for i in meeting.items if i.number is not None}
    return found | {("p", i.paragraph, i.title) for i in meeting.items if i.paragraph is not None}


def wanted(name: str) -> list[tuple[str, int, str | None]]:
    data = truth(name)
    numbered = data["numbered_items"]
    paragraphs = data["paragraphs"]
    assert isinstance(numbered, list) and isinstance(paragraphs, list)
    return [("n", h["number"], h["title"]) for h in numbered] + [
        ("p", h["number"], h["title"]) for h in paragraphs
    ]


def recall(name: str, rendering: str) -> tuple[int, int]:
    text = RENDERINGS[rendering]((PAGES / f"{name}.txt").read_text("utf-8"))
    meeting = parse_page(text, _index()[f"{name}.txt"])
    want = wanted(name)
    return sum(1 for h in want if h in headers(meeting)), len(want)


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_header_recall_on_real_pages_in_every_rendering(rendering: str) -> None:
    found = total = 0
    missed: list[str] = []
    for name in page_names():
        hits, count = recall(name, rendering)
        found, total = found + hits, total + count
        if hits < count:
            missed.append(f"{name}: {hits}/{count}")
    assert total > 0
    assert found / total >= RECALL_GOAL, missed


@pytest.mark.parametrize("name", page_names())
def test_every_entry_of_a_real_page_is_an_item(name: str) -> None:
    """Headers and description entries each give one item (none glued, none lost)."""
    data = truth(name)
    meeting = parse_page((PAGES / f"{name}.txt").read_bytes(), _index()[f"{name}.txt"])
    assert headers(meeting) >= set(wanted(name))
    described = [i for i in meeting.items if i.title is None]
    assert len(described) == data["description_blocks"]
    assert str(meeting.date) == data["meeting_date"]
    assert meeting.body.slug == data["body_slug"]


def _seed_headers(name: str) -> tuple[str, str, list[tuple[str, int, str | None]]]:
    """A seed's text, URL and headers, as the independent reader of `markups.py` sees them."""
    page = next(p for p in SEED_PAGES if p.name == name)
    text = seed_text(name.split()[1])
    want = [("p" if e.paragraph else "n", e.number, e.title) for e in page.entries if e.number]
    return text, page.url, want


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("name", [p.name for p in SEED_PAGES])
def test_seed_headers_in_every_rendering(name: str, rendering: str) -> None:
    """The seeds too, `§`-only minutes (002) and agenda plus minutes (004) included."""
    text, url, want = _seed_headers(name)
    found = headers(parse_page(RENDERINGS[rendering](text), url))
    assert [h for h in want if h not in found] == []
