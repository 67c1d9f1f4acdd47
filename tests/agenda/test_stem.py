"""Swedish tokens, stems and query terms: the rules the search index and watches rely on."""

from __future__ import annotations

import pytest

from agenda.stem import (
    MAX_QUERY_TERMS,
    query_term,
    query_terms,
    stem,
    stems,
    term_matches,
    words,
)


def test_words_keep_swedish_letters_and_drop_punctuation() -> None:
    assert words("Hälso- och sjukvårdsnämnden, § 54: HSN/203/2019!") == [
        "hälso",
        "och",
        "sjukvårdsnämnden",
        "54",
        "hsn",
        "203",
        "2019",
    ]


def test_words_of_emoji_and_punctuation_only_is_empty() -> None:
    assert words('🙂 "*" (NEAR) -- ;') == ["near"]
    assert words("🙂🙂 *** ()") == []


def test_stem_is_snowball_swedish_and_keeps_numbers() -> None:
    assert stem("vårdplatser") == "vårdplats"
    assert stem("budgeten") == "budget"
    assert stem("2019") == "2019"
    assert stems("Budgeten för nämnden") == ["budget", "för", "nämnd"]


@pytest.mark.parametrize(
    ("query", "text_word"),
    [
        ("vårdplats", "vårdplatser"),
        ("vårdplats", "vårdplatserna"),
        ("vårdplatser", "vårdplats"),
        ("budgeten", "budget"),
        ("budget", "budgetar"),
        ("vårdplats", "vårdplatsbrist"),
        ("motion", "motionen"),
        ("vårdplatserna", "vårdplats"),
        ("kursen", "kurs"),
    ],
)
def test_query_term_matches_inflections_and_compounds(query: str, text_word: str) -> None:
    assert term_matches(query_term(query), stem(text_word))


def test_query_term_does_not_overreach() -> None:
    assert not term_matches(query_term("vårdplats"), stem("vårdplan"))
    assert not term_matches(query_term("budget"), stem("bud"))


def test_numbers_and_short_terms_match_whole_words_only() -> None:
    assert term_matches("4", "4")
    assert not term_matches("4", "40")
    assert not term_matches("eu", "europa")


def test_query_terms_drop_stopwords_deduplicate_and_cap() -> None:
    assert query_terms("vårdplatser och vårdplats i budgeten") == ["vårdplat", "budget"]
    assert query_terms("och i") == ["och", "i"]
    assert query_terms("") == []
    assert query_terms("!!! 🙂") == []
    many = " ".join(f"ord{n}x" for n in range(50))
    assert len(query_terms(many)) == MAX_QUERY_TERMS
