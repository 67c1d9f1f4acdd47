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


KS_TYRESO = BodyRow(
    11, "https://www.tyreso.se/ks", "kommunstyrelsen", "Kommunstyrelsen", "Tyresö kommun"
)
KS_NACKA = BodyRow(
    12, "https://www.nacka.se/ks", "kommunstyrelsen", "Kommunstyrelsen", "Nacka kommun"
)
BUN_TYRESO = BodyRow(
    13, "https://www.tyreso.se/bun", "barn-och-utbildningsnamnden", "Barn- och utbildningsnämnden",
    "Tyresö kommun",
)  # fmt: skip
TWO_ORGANISATIONS = [*BODIES, KS_TYRESO, KS_NACKA, BUN_TYRESO]


def test_a_body_shows_its_organisation_whenever_its_source_names_one() -> None:
    assert KS_TYRESO.display_name == "Kommunstyrelsen (Tyresö kommun)"
    assert KS_TYRESO.plain_name == "Kommunstyrelsen"
    assert RS.display_name == "Regionstyrelsen"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kommunstyrelsen tyresö", KS_TYRESO),
        ("Kommunstyrelsen Tyresö kommun", KS_TYRESO),
        ("kommunstyrelsen (Tyresö kommun)", KS_TYRESO),
        ("kommunstyrelsen nacka", KS_NACKA),
        ("tyresö kommunstyrelsen", KS_TYRESO),
        ("ks tyreso", KS_TYRESO),
        ("nacka ks", KS_NACKA),
        ("kommunstyrelse i tyresö", KS_TYRESO),
        ("bun", BUN_TYRESO),
        ("barn och utbildning tyresö", BUN_TYRESO),
        ("hsn", HSN),  # a body without organisation is found as before
    ],
)
def test_an_organisation_at_either_end_picks_the_namesake(query: str, expected: BodyRow) -> None:
    assert match_body(query, TWO_ORGANISATIONS).body == expected


def test_a_namesake_alone_is_ambiguous_and_both_suggestions_name_their_organisation() -> None:
    result = match_body("kommunstyrelsen", TWO_ORGANISATIONS)
    assert result.body is None and result.ambiguous
    assert {b.display_name for b in result.suggestions} == {
        "Kommunstyrelsen (Tyresö kommun)",
        "Kommunstyrelsen (Nacka kommun)",
    }


def test_an_organisation_alone_names_no_single_body() -> None:
    result = match_body("tyresö", TWO_ORGANISATIONS)
    assert result.body is None and set(result.suggestions) == {KS_TYRESO, BUN_TYRESO}
