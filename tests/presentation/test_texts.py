"""Every text exists in Swedish and English with the same placeholders; Swedish dates."""

from __future__ import annotations

import string
from datetime import date, time

import pytest

from presentation.texts import TEXTS, format_date, format_short_date, format_time_span, language, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_key_has_both_languages_and_same_placeholders(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == {"sv", "en"}, key
    assert entry["sv"].strip() and entry["en"].strip(), key
    assert _placeholders(entry["sv"]) == _placeholders(entry["en"]), key


def test_t_formats_and_falls_back_to_swedish() -> None:
    assert t("follow_done", "en", body="RS").startswith("You now follow <b>RS</b>")
    assert t("follow_done", "xx", body="RS") == t("follow_done", "sv", body="RS")
    assert language(None) == "sv"
    with pytest.raises(KeyError):
        t("no_such_key", "sv")


def test_swedish_and_english_dates() -> None:
    assert format_date(date(2017, 12, 12), "sv") == "tisdag 12 december 2017"
    assert format_date(date(2017, 12, 12), "en") == "Tuesday 12 December 2017"
    assert format_date(date(2022, 1, 20), "sv", weekday=False) == "20 januari 2022"
    assert format_short_date(date(2022, 5, 3), "sv") == "3 maj 2022"
    assert format_time_span(time(8, 30), time(17, 20)) == "08:30–17:20"
    assert format_time_span(time(8, 30), None) == "08:30"
    assert format_time_span(None, None) == ""


def test_counted_texts_say_one_and_many_in_good_swedish() -> None:
    from presentation.texts import tn

    assert tn("remind_days", "sv", 1) == "1 dag före"
    assert tn("remind_days", "sv", 2) == "2 dagar före"
    assert tn("remind_hours", "sv", 1) == "1 timme före"
    assert tn("remind_hours", "en", 3) == "3 hours before"
    assert tn("alert_digest", "sv", 1).endswith("(1 avisering)")
    assert tn("status_new", "sv", 1) == "1 ny" and tn("status_changed", "sv", 1) == "1 ändrad"
    one = tn("item_available_some", "sv", 1, labels="2–4")
    assert "1 punkt till saknar nummer" in one
    assert "1 more item has no number" in tn("item_available_some", "en", 1, labels="2")
    assert tn("case_header", "sv", 1, case="RS/1") == "<b>Ärende RS/1</b>: 1 ställe"
    assert tn("case_header", "en", 2, case="RS/1").endswith(": 2 places, oldest first")
