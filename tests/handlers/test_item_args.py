"""The words of /punkt, /paragraf and their plain forms, parsed without Telegram."""

from __future__ import annotations

import pytest

from handlers.item_args import (
    Where,
    lettered,
    number,
    plain_item,
    plain_paragraph,
    split_year,
    where,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4", 4),
        ("4.", 4),
        ("§4", 4),
        ("0", None),
        ("-3", None),
        ("fyra", None),
        ("🙂", None),
        ("²", None),
        ("٣", None),
    ],
)
def test_number(raw: str, expected: int | None) -> None:
    assert number(raw) == expected


def test_years() -> None:
    assert split_year(["svom", "2023"]) == (["svom"], 2023)
    assert split_year(["svom"]) == (["svom"], None)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("på nästa möte", Where("", upcoming=True)),
        ("at the next meeting", Where("", upcoming=True)),
        ("i hsn", Where("hsn")),
        ("på nästa möte i hsn", Where("hsn", upcoming=True)),
        ("hsn nästa möte", Where("hsn", upcoming=True)),
        ("nämnden för teknik", Where("nämnden för teknik")),
        ("hälso- och sjukvård", Where("hälso- och sjukvård")),
    ],
)
def test_where_strips_only_the_words_around_the_body(words: str, expected: Where) -> None:
    assert where(words.split()) == expected


def test_plain_forms() -> None:
    assert plain_item("punkt 4", has_meeting=False) == ["4"]
    assert plain_item("Punkt 4 hsn 2026-11-28", has_meeting=False) == ["4", "hsn", "2026-11-28"]
    assert plain_item("p. 7", has_meeting=False) == ["7"]
    assert plain_item("4", has_meeting=False) is None
    assert plain_item("4.", has_meeting=True) == ["4"]
    assert plain_item("punktlig", has_meeting=True) is None
    assert plain_paragraph("§ 54") == ["54"]
    assert plain_paragraph("§54 svom 2023") == ["54", "svom", "2023"]
    assert plain_paragraph("paragraf") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pkt 4", ["4"]),
        ("Pkt. 4 rs", ["4", "rs"]),
        ("ärende 4", ["4"]),
        ("arende 12 hsn", ["12", "hsn"]),
        ("4 rs", ["4", "rs"]),
        ("4 på nästa möte", ["4", "på", "nästa", "möte"]),
        ("4 5", None),
        ("punkt 9a", ["9a"]),
        ("punkt 9 a rs", ["9 a", "rs"]),
        ("9A rs", ["9A", "rs"]),
        ("punkt 4 i hsn", ["4", "i", "hsn"]),
    ],
)
def test_everyday_item_forms(text: str, expected: list[str] | None) -> None:
    assert plain_item(text, has_meeting=False) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["9a"], ("9 a", [])),
        (["9A", "rs"], ("9 A", ["rs"])),
        (["9", "a", "rs"], ("9 a", ["rs"])),
        (["9 a"], ("9 a", [])),
        (["4", "i", "hsn"], (None, ["4", "i", "hsn"])),
        (["4", "rs"], (None, ["4", "rs"])),
        ([], (None, [])),
    ],
)
def test_a_lettered_item_number(args: list[str], expected: tuple[str | None, list[str]]) -> None:
    assert lettered(args) == expected
