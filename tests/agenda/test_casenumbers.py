"""The case-number grammar: every shape the portals use, and what only looks like one."""

from __future__ import annotations

import pytest

from agenda.casenumbers import case_key, case_numbers, find_case_numbers, split_title
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


@pytest.mark.parametrize(
    ("text", "expected", "key"),
    [
        ("Diarienummer 2023/BUN 0214", "2023/BUN 0214", "BUN-2023-214"),
        ("Diarienummer 2011/KS 0019 002", "2011/KS 0019 002", "KS-2011-19-2"),
        ("Diarienummer 2024/KS 0038 001 ", "2024/KS 0038 001", "KS-2024-38-1"),
        ("ärende LS 0806-0619 i", "LS 0806-0619", "LS-0806-619"),
        ("Dnr KS 02-820 107.", "KS 02-820 107", "KS-02-820-107"),
        ("(RS/123/2024)", "RS/123/2024", "RS-2024-123"),
        ("Dnr 2018/14", "2018/14", "2018-14"),
        ("Dnr 2006-152-307.", "2006-152-307", "2006-152-307"),
        ("Diarienummer: KS/2020:123", "KS/2020:123", "KS-2020-123"),
        ("Dnr KS 2019:12", "KS 2019:12", "KS-2019-12"),
        ("beslut KS 123/2024 om", "KS 123/2024", "KS-2024-123"),
        ("beslut KS 2021.1234 om", "KS 2021.1234", "KS-2021-1234"),
        ("DNR 2018/14", "2018/14", "2018-14"),
    ],
)
def test_the_other_common_shapes_are_found_with_their_key(
    text: str, expected: str, key: str
) -> None:
    assert [(c.text, c.key) for c in find_case_numbers(text)] == [(expected, key)]


@pytest.mark.parametrize(
    "text",
    [
        "Stockholms miljöprogram 2007-2010.",
        "tel: 508 10 034",
        "2023/24 års budget",  # a year span, no label
        "2018/14",  # a bare number needs a label
        "SFS 2010:800",
        "Dnr saknas",
    ],
)
def test_bare_numbers_need_a_label(text: str) -> None:
    assert case_numbers(text) == []


def test_a_case_number_glued_to_the_words_around_it_is_found() -> None:
    line = (
        "Yttrande över Utredningen om samordning (SOU 2003:11)LS 0306-1891"
        "Landstingsrådsberedningens skrivelse"
    )
    assert case_numbers(line) == ["LS 0306-1891"]
    assert case_numbers("fastighetsutvecklingsplanenLS 0204-0163Landstings") == ["LS 0204-0163"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Yttrande över betänkandet (SOU 2002:97) LS 0304-1413"
            "Landstingsrådsberedningens skrivelse",
            ("Yttrande över betänkandet (SOU 2002:97)", "Landstingsrådsberedningens skrivelse"),
        ),
        ("Förslag till ombyggnadLS 0204-0163", ("Förslag till ombyggnad", None)),
        ("Yttrande över remiss, KS 2024/123", ("Yttrande över remiss", None)),
        ("Budget 2025 Dnr 2024/77.", ("Budget 2025", None)),
        ("Remiss KS 2024/123 om detaljplan", ("Remiss KS 2024/123 om detaljplan", None)),
        ("Yttrande (KS 2024/123)", ("Yttrande (KS 2024/123)", None)),
        ("Yttrande över remiss KS 2024/123 Anna Berg", ("Yttrande över remiss", "Anna Berg")),
        ("Remiss KS 2024/123 Anna Berg", ("Remiss KS 2024/123 Anna Berg", None)),
        ("KS 2024/123", ("KS 2024/123", None)),
        ("Val av justerare", ("Val av justerare", None)),
    ],
)
def test_a_title_gives_up_the_case_number_printed_at_its_end_or_glued_in(
    title: str, expected: tuple[str, str | None]
) -> None:
    assert split_title(title) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [("ls 0806-0619", "LS-0806-619"), ("2018/14", "2018-14"), ("2024/ks 0038 001", "KS-2024-38-1")],
)
def test_case_key_of_the_other_shapes(typed: str, key: str) -> None:
    assert case_key(typed) == key


@pytest.mark.parametrize(
    ("text", "expected", "key"),
    [
        ("Diarienummer 2023/BUN 0203 40", "2023/BUN 0203 40", "BUN-2023-203-40"),
        ("CFV: 49/2015", "CFV: 49/2015", "CFV-2015-49"),
    ],
)
def test_found_forms(text: str, expected: str, key: str) -> None:
    """Forms met on real pages the grammar was not built on: a two-digit part after the number
    (Tyresö's `2023/BUN 0203 40`) and a Finland-Swedish office's `CFV: 49/2015`."""
    assert case_numbers(text) == [expected]
    assert case_key(expected) == key
