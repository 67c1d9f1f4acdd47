"""A parser upgrade re-reads every stored page: a meeting whose visible items did not change
gets no "agenda changed" event (and so no alert), though its content hash does change.

Why: the one case-number grammar finds shapes the old slash-only pattern missed, and items
gained `number_label`; both change the hash of meetings stored before the upgrade, so the first
poll after it sees "new content" on every page. What members are alerted about is decided by
`agenda.diff` from titles, texts and proposals alone, and this proves it end to end through
`upsert_meeting`, with the fan-out that writes the alerts attached.
"""

from __future__ import annotations

import re
from dataclasses import replace

import aiosqlite

from agenda.model import Item, Meeting
from agenda.parse import parse_page
from storage.db import Database
from storage.events import EventRow, meeting_events
from storage.meetings import content_hash, get_meeting, upsert_meeting

#: The pattern `agenda/parse/content.py` used before the one grammar (kept here as history).
OLD_CASE_NUMBER_RE = re.compile(r"(?<![\w/])[A-ZÅÄÖ]{1,6}/\d{1,5}/\d{4}(?![\w/])")
PAGE = """Hoppa över navigering
Möte 2030-03-01
Regionstyrelsen
 • 1
  Mötet öppnas
 • 2
  Budget 2031
  Ärendet HSN/203/2019 och KS 2024/123 behandlas. Dnr 2018/14.
 • 3
  Yttrande över remiss
  Diarienummer 2023/BUN 0214
"""
URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2030-03-01"


def as_before_the_upgrade(meeting: Meeting) -> Meeting:
    """The same page as the old parser read it: slash-only case numbers."""
    items = [
        replace(
            item,
            case_numbers=list(
                dict.fromkeys(
                    OLD_CASE_NUMBER_RE.findall(
                        "\n".join(t or "" for t in (item.title, item.text, item.minutes_text))
                    )
                )
            ),
        )
        for item in meeting.items
    ]
    return replace(meeting, items=items)


async def test_an_upgraded_parser_alerts_nobody_about_an_unchanged_agenda(db: Database) -> None:
    alerted: list[EventRow] = []

    async def fan_out(conn: aiosqlite.Connection, events: list[EventRow], now: object) -> None:
        alerted.extend(events)

    now = parse_page(PAGE, URL)
    before = as_before_the_upgrade(now)
    assert before.items[1].case_numbers == ["HSN/203/2019"]
    assert now.items[1].case_numbers == ["HSN/203/2019", "KS 2024/123", "2018/14"]
    assert content_hash(before) != content_hash(now)
    first = await upsert_meeting(db, before, on_events=fan_out)
    assert [e.kind for e in first.events] == ["new"]
    alerted.clear()

    upgraded = await upsert_meeting(db, now, on_events=fan_out)

    assert upgraded.status == "changed"  # the new case numbers are stored…
    assert (upgraded.events, alerted) == ([], [])  # …and nobody hears of it
    stored = await get_meeting(db, upgraded.meeting_id)
    assert stored is not None
    assert stored.meeting.items[2].case_numbers == ["2023/BUN 0214"]
    assert [e.kind for e in await meeting_events(db, upgraded.meeting_id)] == ["new"]


async def test_a_reworded_item_after_the_upgrade_is_still_an_alert(db: Database) -> None:
    """The other side: the test above can fail (a visible change is reported)."""
    now = parse_page(PAGE, URL)
    await upsert_meeting(db, as_before_the_upgrade(now))
    reworded = parse_page(PAGE.replace("Budget 2031", "Reviderad budget 2031"), URL)
    result = await upsert_meeting(db, reworded)
    assert [e.kind for e in result.events] == ["changed"]


async def test_a_lettered_item_survives_storage(db: Database) -> None:
    meeting = parse_page(PAGE, URL)
    meeting.items.insert(2, Item(number_label="2 a", title="Tilläggsärende"))
    result = await upsert_meeting(db, meeting)
    stored = await get_meeting(db, result.meeting_id)
    assert stored is not None
    assert stored.meeting.items == meeting.items
    assert stored.meeting.item_by_label("2A") is stored.meeting.items[2]
    assert stored.meeting.items[2].label() == "2 a"
    assert stored.meeting.item_by_number(2) is stored.meeting.items[1]
