"""Other text renderings of the same page, as different tools make them: ordered lists, dashes,
no bullets, `Bilagor` glued to the previous line, separator lines. Each must give the bullet
result."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest

from agenda.model import Meeting
from agenda.parse import parse_page

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TOP = re.compile(r"^ • ", re.M)


def seed(number: str) -> str:
    return next(SEEDS.glob(f"{number}_*.txt")).read_text("utf-8")


def ordered(text: str) -> str:
    """`1.   3` = first entry, item 3."""
    counter = iter(range(1, 10_000))
    return TOP.sub(lambda _: f" {next(counter)}. ", text)


def dashes(text: str) -> str:
    return TOP.sub(" - ", text)


def no_bullets(text: str) -> str:
    return re.sub(r"^ • (\u00a0 )?", "", text, flags=re.M)


def glued(text: str) -> str:
    return re.sub(r"\n\n  Bilagor\n", "Bilagor\n", text)


def separators(text: str) -> str:
    return re.sub(r"^ • (\u00a0 )?", "-----\n", text, flags=re.M)


def summary(meeting: Meeting) -> list[tuple[object, ...]]:
    return [
        (
            i.number,
            i.number_inferred,
            i.paragraph,
            i.title,
            " ".join((i.text or "").split()),
            " ".join((i.minutes_text or "").split()),
        )
        for i in meeting.items
    ]


RENDERINGS: dict[str, Callable[[str], str]] = {
    "ordered": ordered,
    "dashes": dashes,
    "no_bullets": no_bullets,
    "glued_bilagor": glued,
}


@pytest.mark.parametrize("name", sorted(RENDERINGS))
@pytest.mark.parametrize("number", ["000", "001", "004"])
def test_rendering_gives_the_bullet_result(name: str, number: str) -> None:
    text = seed(number)
    variant = RENDERINGS[name](text)
    assert variant != text
    assert summary(parse_page(variant)) == summary(parse_page(text))


def test_separator_lines_split_entries() -> None:
    text = seed("000")
    assert summary(parse_page(separators(text))) == summary(parse_page(text))


def test_flat_rendering_without_markers_or_indent() -> None:
    page = (
        "Hoppa över navigering\n2\nVal av justerare\nEnligt reglemente har dagordningen utsänts.\n"
        "4\nBudget 2020\nBudgeten föreslås.\nBilagor\nEn annan text vars rubrik försvann.\n"
    )
    items = parse_page(page).items
    assert [(i.number, i.title) for i in items] == [
        (2, "Val av justerare"),
        (3, None),
        (4, "Budget 2020"),
        (None, None),
        (None, None),
    ]
    assert (
        items[3].text == "Budgeten föreslås."
        and items[4].text == "En annan text vars rubrik försvann."
    )


def test_ambiguous_gap_stays_unnumbered() -> None:
    page = "Hoppa över navigering\n • 2\n  Val av justerare\n • Text A\n • Text B\n • 6\n  Sista\n"
    meeting = parse_page(page)
    assert [i.number for i in meeting.items] == [2, None, None, 6]


def test_time_line_with_a_comma_before_the_place_is_the_header() -> None:
    page = (
        "Hoppa över navigering\nMöte 2024-02-01\nKommunstyrelsen\n13.00–15.00, Sal A\n"
        " • \u00a0 1\n\n  Mötet öppnas\n"
    )
    meeting = parse_page(page)
    assert (meeting.start, meeting.end, meeting.place) == (time(13, 0), time(15, 0), "Sal A")
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Mötet öppnas")]
