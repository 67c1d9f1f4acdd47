"""Loose body naming: initials, starts of names, no diacritics, near misses give suggestions."""

from __future__ import annotations

import pytest

from presentation.bodymatch import initials, match_body, normalize
from storage.bodies import BodyRow

P = "https://forum.regionjh.se"
RS = BodyRow(1, P, "regionstyrelsen", "Regionstyrelsen")
RF = BodyRow(2, P, "regionfullmaktige", "Regionfullmäktige")
HSN = BodyRow(3, P, "halso-och-sjukvardsnamnden", "Hälso- och sjukvårdsnämnden")
SVOM = BodyRow(4, P, "svom", "Sociala vård- och omsorgsgruppen (SVOM)")
NAMELESS = BodyRow(5, P, "patientnamnden", None)
BODIES = [RS, RF, HSN, SVOM, NAMELESS]


def test_normalize_drops_diacritics_case_and_punctuation() -> None:
    assert normalize("  Hälso- och SJUKVÅRDS-nämnden! ") == "halso och sjukvards namnden"


def test_initials_split_compounds_on_body_suffixes() -> None:
    assert "hsn" in initials("Hälso- och sjukvårdsnämnden")
    assert "rs" in initials("Regionstyrelsen")
    assert "rf" in initials("Regionfullmäktige")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hsn", HSN),
        ("HSN", HSN),
        ("hälso- och sjukvård", HSN),
        ("halso och sjukvardsnamnden", HSN),
        ("halso-och-sjukvardsnamnden", HSN),
        ("sjukvård", HSN),
        ("regionstyrelsen", RS),
        ("Regionstyrelse", RS),
        ("rs", RS),
        ("regionfullmaktige", RF),
        ("svom", SVOM),
        ("patientnämnden", NAMELESS),
    ],
)
def test_loose_names_find_the_one_body(query: str, expected: BodyRow) -> None:
    result = match_body(query, BODIES)
    assert result.body == expected


def test_shared_prefix_is_ambiguous_with_both_as_suggestions() -> None:
    result = match_body("region", BODIES)
    assert result.body is None and result.ambiguous
    assert set(result.suggestions) == {RS, RF}


def test_near_miss_gets_suggestions_but_no_body() -> None:
    result = match_body("regionstyrlsen", BODIES)
    assert result.body is None and not result.ambiguous
    assert result.suggestions[0] == RS


GARBAGE = ["", "   ", "🙂", "xyzzy qwerty", '"; DROP TABLE bodies; --', "a"]


@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_matches_nothing(query: str) -> None:
    result = match_body(query, BODIES)
    assert result.body is None and not result.ambiguous


def test_no_bodies_no_match() -> None:
    assert match_body("hsn", []).body is None
