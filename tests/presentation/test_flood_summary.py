"""The flood summaries as pure renderings: counts in the right number, portal strings escaped,
one message with at most MAX_BUTTONS buttons (callback data under 64 bytes) for any size, and
the rest counted, never dropped silently."""

from __future__ import annotations

from datetime import date, timedelta

from telegram.constants import MessageLimit

from agenda.model import Body, Item, Meeting
from presentation.flood_summary import (
    MAX_BUTTONS,
    MAX_LINES,
    DocumentEntry,
    MeetingEntry,
    documents_summary,
    meetings_summary,
)
from storage.bodies import BodyRow
from storage.meeting_rows import StoredMeeting

DAY = date(2031, 2, 3)
BIG_ID = 10**11  # ids grow: the callback data must still fit


def _stored(n: int, name: str = "Regionstyrelsen <RS>") -> StoredMeeting:
    body = BodyRow(1, "https://portal.example", "rs", name)
    meeting = Meeting(Body("rs", name), date=DAY + timedelta(days=n))
    meeting.items = [Item(number=k, title=f"Ärende {k} & annat") for k in range(1, 4)]
    return StoredMeeting(BIG_ID + n, body, meeting, "", "")


def _buttons(rows: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [b for row in rows for b in row]


def test_a_meetings_summary_in_both_languages_and_any_number() -> None:
    for count in (1, 4, 30, 200):
        entries = [MeetingEntry(_stored(n), ["skola"] if n == 2 else []) for n in range(count)]
        for lang, word in (("sv", "nya kallelser" if count > 1 else "ny kallelse"),
                           ("en", "new agendas" if count > 1 else "new agenda")):  # fmt: skip
            (text,), rows = meetings_summary(entries, lang)
            assert f"{count} {word}</b>" in text and len(text) <= MessageLimit.MAX_TEXT_LENGTH
            assert "Regionstyrelsen &lt;RS&gt;" in text and "<RS>" not in text
            buttons = _buttons(rows)
            assert len(buttons) == min(count, MAX_BUTTONS)
            assert all(len(data.encode()) < 64 for _, data in buttons)
            assert buttons[0] == ("1. 3 feb 2031" if lang == "sv" else "1. 3 Feb 2031",
                                  f"m:{BIG_ID}")  # fmt: skip
            if count > MAX_LINES:
                more = "och" if lang == "sv" else "and"
                assert f"… {more} {count - MAX_LINES} " in text
    (text,), _ = meetings_summary([MeetingEntry(_stored(2), ["skola"])], "sv")
    assert "🔎 <b>skola</b>" in text and "3 punkter" in text


def test_a_documents_summary_links_what_fits_and_buttons_each_item() -> None:
    sm = _stored(0)
    few = [DocumentEntry(sm, k % 2, f"Bilaga {k}", f"https://p.example/{k}.pdf") for k in range(4)]
    (text,), rows = documents_summary(few, "sv")
    assert "4 nya eller ändrade handlingar" in text and '<a href="https://p.example/3.pdf">' in text
    assert _buttons(rows) == [("1. 1", f"i:{BIG_ID}:0"), ("2. 2", f"i:{BIG_ID}:1")]
    long_url = "https://p.example/" + "x" * 300
    many = [DocumentEntry(sm, 1, f"Bilaga {k}", long_url, changed=True) for k in range(40)]
    (text,), rows = documents_summary(many, "en")
    assert "40 new or changed documents" in text and "<a href" not in text  # one message
    assert text.count("(changed)") == 40 and len(_buttons(rows)) == 1
    (one,), _ = documents_summary(few[:1], "en")
    assert "1 new or changed document</b>" in one
