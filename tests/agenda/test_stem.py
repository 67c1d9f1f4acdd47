"""Swedish tokens, stems and query terms: the rules the search index and watches rely on."""

from __future__ import annotations

import pytest

from agenda.stem import (
    MAX_QUERY_TERMS,
    compound_tails,
    index_terms,
    query_term,
    query_terms,
    stem,
    stems,
    term_matches,
    watch_heads,
    watch_matches,
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


# What an index of ordinary agenda text knows (the `search_terms` vocabulary in production).
KNOWN = frozenset(
    index_terms(
        "Brist på personal. Skolmaten och maten i förskolan. Ramen för nämnden, nämnderna."
        " Belysning och jour. Ordföranden föreslår, för och emot. Lokaler, protokoll och rast."
        " Det ser ut som era förslag. En bar och en nad."
    )
)


@pytest.mark.parametrize(
    ("watch", "text_word"),
    [
        ("vårdplats", "vårdplatser"),
        ("vårdplats", "vårdplatserna"),
        ("vårdplatser", "vårdplats"),
        ("vårdplats", "vårdplatsbrist"),
        ("vårdplats", "vårdplatsbristen"),
        ("skola", "skolan"),
        ("skola", "skolans"),
        ("skola", "skolor"),
        ("skola", "skolmat"),
        ("skola", "skolmaten"),
        ("budget", "budgeten"),
        ("budget", "budgetramen"),
        ("sjukvård", "sjukvårdsnämnden"),
        ("gata", "gatubelysning"),
        ("kvinna", "kvinnojour"),
        ("bostad", "bostadsbrist"),
        ("kost", "kostpolicy"),
    ],
)
def test_watch_matches_inflections_and_compounds_of_known_words(watch: str, text_word: str) -> None:
    assert watch_matches(watch, text_word, KNOWN)


@pytest.mark.parametrize(
    ("watch", "text_word"),
    [
        ("kost", "kostnader"),
        ("bil", "bilagor"),
        ("mat", "material"),
        ("ras", "rast"),
        ("ord", "ordförande"),  # the rest "förande" stems to the stopword "för"
        ("vård", "vårdnad"),
        ("val", "valuta"),
        ("plan", "planering"),
        ("plan", "planera"),  # the rest "era" is an indexed pronoun, but a verb ending here
        ("kost", "kostbar"),
        ("vårdplats", "vårdplan"),
        ("budget", "bud"),
        ("kost", "kostnaderna"),
        ("ras", "terras"),
        ("vård", "omvårdnad"),
        ("skola", "skolastik"),
    ],
)
def test_watch_does_not_fire_inside_unrelated_words(watch: str, text_word: str) -> None:
    assert not watch_matches(watch, text_word, KNOWN)


def test_a_compound_needs_a_known_rest_of_three_letters() -> None:
    assert not watch_matches("vårdplats", "vårdplatsxyzzy", KNOWN)  # rest not a known word
    assert watch_matches("vårdplats", "vårdplatsxyzzy", KNOWN | {"xyzzy"})
    assert not watch_matches("bil", "bilag", KNOWN | {"ag"})  # rest too short to be a word
    assert not watch_matches("kost", "kostför", KNOWN)  # a stopword is not a compound part


def test_compound_tails_are_the_terms_to_look_up() -> None:
    heads = watch_heads("vårdplats")
    assert heads == ("vårdplats", "vårdplat")
    assert compound_tails(heads, "vårdplatsbristen") == {"brist", "sbrist"}
    assert compound_tails(heads, "vårdplatser") == set()  # an inflection, not a compound
    assert watch_heads("gata") == ("gata", "gat", "gatu", "gato")
    assert compound_tails(watch_heads("ab"), "abborre") == set()  # short watch: whole words


def test_short_watch_words_match_whole_words_only() -> None:
    assert watch_matches("eu", "eu", KNOWN)
    assert not watch_matches("eu", "eumaten", KNOWN)


def test_a_watch_word_at_the_end_of_a_compound_with_a_known_front() -> None:
    known = KNOWN | frozenset(index_terms("grund sjuk skola"))
    for watch, text_word in (
        ("skola", "grundskolan"),
        ("skola", "förskolan"),
        ("vård", "sjukvården"),
        ("plan", "skolplan"),
    ):
        assert watch_matches(watch, text_word, known), (watch, text_word)
    assert not watch_matches("skola", "xyzskolan", known)  # the front is no known word
    assert watch_matches("skola", "grundskolan", KNOWN - {"grund"})  # the lexicon knows grund


def test_a_phrase_matches_its_words_together_in_any_inflection() -> None:
    from agenda.stem import phrase_matches, watch_key

    assert phrase_matches(["nära", "vård"], words("Satsning på nära vården i länet"))
    assert not phrase_matches(["nära", "vård"], words("Vård nära hemmet"))
    assert not phrase_matches(["nära", "vård"], words("nära"))
    assert watch_key("Nära vården") == watch_key("nära vård")


@pytest.mark.parametrize(
    ("watch", "text_word", "matches"),
    [
        ("avgift", "parkeringsavgifter", True),  # at the end, the front a word of the lexicon
        ("avgift", "avgiftsfri", True),  # at the start, a linking s
        ("avgift", "avgiftsuttag", True),
        ("skola", "gymnasieskolans", True),  # in a compound, genitive
        ("skola", "grundsärskola", True),  # the front itself two words
        ("kost", "kostnader", False),  # the false friend: `nader` is no word
        ("kost", "kostnadsfritt", False),
        ("bil", "bilagor", False),  # `aga`: too short a word without a link
        ("ord", "ordförande", False),  # the lexicon's `ordförande` is not `ord` + `föra`
        ("skola", "skolastik", False),  # no linking s after a vowel
        ("skatt", "uppskattade", False),  # `uppskatta` does not end with `skatt`
    ],
)
def test_watches_on_the_seed_words_with_an_empty_vocabulary(
    watch: str, text_word: str, matches: bool
) -> None:
    """No index vocabulary at all (a new database): the lexicon alone decides."""
    assert watch_matches(watch, text_word, frozenset()) is matches
