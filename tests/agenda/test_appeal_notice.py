"""Posting notices: each date only after the words that say what it is."""

from __future__ import annotations

from datetime import date

from agenda.appeal_notice import is_minutes_notice, read_notice

BEVIS = """ANSLAG/BEVIS
Protokollet är justerat. Justeringen har tillkännagivits genom anslag.
Organ Kommunstyrelsen
Sammanträdesdatum 2024-12-03
Datum då anslaget sätts upp 2024-12-10
Datum då anslaget tas ned 2025-01-02
Förvaringsplats för protokollet Kommunkansliet"""


def test_the_bevis_box_of_the_minutes() -> None:
    notice = read_notice(BEVIS)
    assert notice.posted_on == date(2024, 12, 10)  # never the day it is taken down
    assert notice.meeting_date == date(2024, 12, 3)
    assert notice.last_day is None


def test_sentences_with_words_and_numeric_dates() -> None:
    text = (
        "Protokollet justerat 2024-12-09, anslaget 10 december 2024. "
        "Sista dag för överklagande 31/12 2024."
    )
    notice = read_notice(text)
    assert notice.approved_on == date(2024, 12, 9)
    assert notice.posted_on == date(2024, 12, 10)
    assert notice.last_day == date(2024, 12, 31)
    later = read_notice(
        "Protokollet har anslagits den 10 dec. 2024 och sista dagen för att överklaga är den "
        "2 januari 2025"
    )
    assert (later.posted_on, later.last_day) == (date(2024, 12, 10), date(2025, 1, 2))


def test_a_feed_title_names_the_meeting_not_the_posting() -> None:
    title = "Justerat protokoll: Hälso- och sjukvårdsnämnden 2026-01-05"
    assert is_minutes_notice(title)
    notice = read_notice(title, title_dates_are_meeting=True)
    assert notice.meeting_date == date(2026, 1, 5) and notice.posted_on is None
    assert read_notice(title).empty


def test_budget_words_and_other_notices_are_not_postings() -> None:
    assert read_notice("Anslaget för kultur ökas 2024-12-10").empty
    assert read_notice("Anslaget till fritid 2025-01-01 höjs").empty
    assert not is_minutes_notice("Kungörelse: detaljplan för Storsjöstrand")
    assert read_notice("Protokollet justerades 2024-13-45").empty  # no such day
