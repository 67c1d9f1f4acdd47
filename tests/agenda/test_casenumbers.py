"""The case-number grammar: every shape the portals use, and what only looks like one."""

from __future__ import annotations

import pytest

from agenda.casenumbers import case_key, case_numbers, find_case_numbers
from tests.fixtures import seed_text


@pytest.mark.parametrize(
    ("text", "expected", "key"),
    [
        ("Dnr HSN/203/2019.", "HSN/203/2019", "HSN-2019-203"),
        ("(RS/2147/2018) behandlades", "RS/2147/2018", "RS-2018-2147"),
        ("Ärende RS 912-2025 gäller", "RS 912-2025", "RS-2025-912"),
        ("Diarienummer: KS 2024/123", "KS 2024/123", "KS-2024-123"),
        ("trädplan för Malmö (STK-2021-1599) anser", "STK-2021-1599", "STK-2021-1599"),
        ("granskade (SBN-2023-424).", "SBN-2023-424", "SBN-2023-424"),
        ("KS 2024/0123", "KS 2024/0123", "KS-2024-123"),
    ],
)
def test_each_shape_is_found_with_its_key(text: str, expected: str, key: str) -> None:
    found = find_case_numbers(text)
    assert [(c.text, c.key) for c in found] == [(expected, key)]


@pytest.mark.parametrize(
    "text",
    [
        "Hälso- och sjukvårdslagen (HSL 2017:30) fastslår",
        "Utredningen SOU 2020:19 God och nära vård",
        "behandlades av SVOM 2019-02-15 § 14",
        "RS 2017-11",
        "Regionplan 2027 med finansplan",
        "sid 12/34/2019",  # lower-case prefix
        "ABCDEFG/1/2019",  # prefix too long
        "HSN/203/2019/4",  # more parts than a case number has
        "KS 2024/123.5",
    ],
)
def test_look_alikes_are_not_case_numbers(text: str) -> None:
    assert case_numbers(text) == []


def test_the_seed_pages_give_their_case_numbers_once_each_in_order() -> None:
    assert case_numbers(seed_text("003")) == ["HSN/203/2019"]
    assert "RS/2147/2018" in case_numbers(seed_text("000"))
    found = case_numbers(seed_text("001"))
    assert found[:3] == ["LS/935/2009", "LS/42/2010", "RS/2402/2017"]
    assert len(found) == len(set(found))


def test_the_same_case_in_two_shapes_is_one_case() -> None:
    found = find_case_numbers("RS/912/2025 och senare RS 912-2025")
    assert [c.text for c in found] == ["RS/912/2025"]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("HSN/203/2019", "HSN-2019-203"),
        ("hsn/203/2019", "HSN-2019-203"),
        (" rs  912-2025 ", "RS-2025-912"),
        ("ks 2024/123", "KS-2024-123"),
        ("stk-2021-1599", "STK-2021-1599"),
        ("vårdplatser", None),
        ("HSN 203", None),
    ],
)
def test_case_key_of_what_a_user_types(typed: str, key: str | None) -> None:
    assert case_key(typed) == key
