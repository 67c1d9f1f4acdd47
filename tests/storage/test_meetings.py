"""upsert_meeting change detection, events, atomicity, and every read the bot uses."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time
from pathlib import Path

import aiosqlite
import pytest

from agenda.model import Attachment, Body, Item, Meeting
from storage.db import Database
from storage.events import EventRow, meeting_events, recent_events
from storage.meetings import (
    find_paragraph,
    get_meeting,
    latest_meeting,
    list_meetings,
    meeting_key,
    meeting_on,
    next_meeting,
    upcoming_meetings,
    upsert_meeting,
)

PORTAL = "https://forum.regionjh.se"
RS = Body("regionstyrelsen", "Regionstyrelsen", PORTAL)
HSN = Body("halso-och-sjukvardsnamnden", None, PORTAL)


def _items() -> list[Item]:
    return [
        Item(number=1, title="Mötet öppnas", procedural=True),
        Item(
            number=2,
            title="Budget 2025",
            text="Förslag till budget.",
            case_numbers=["RS/2147/2018"],
            attachments=[Attachment("Tjänsteskrivelse", f"{PORTAL}/a.pdf")],
        ),
        Item(number=3, title="Vårdplatser", text="Rapport om vårdplatser."),
    ]


def _meeting(body: Body = RS, day: date = date(2030, 3, 1), **kw: object) -> Meeting:
    m = Meeting(body, url=f"{PORTAL}/committees/{body.slug}/mote-{day}", date=day, items=_items())
    m.start, m.end, m.place = time(8, 30), time(12, 0), "Hörsalen"
    for key, value in kw.items():
        setattr(m, key, value)
    return m


def _data_version(db: Database) -> int:
    with sqlite3.connect(db.path) as conn:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])


async def _count(db: Database, table: str) -> int:
    async with db.reader.execute(f"SELECT count(*) FROM {table}") as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


# ------------------------------------------------------------------ upsert


async def test_new_meeting_is_stored_with_one_new_event(db: Database) -> None:
    result = await upsert_meeting(db, _meeting())
    assert result.status == "new"
    assert [(e.kind, e.detail) for e in result.events] == [("new", {"items": 3})]
    stored = await get_meeting(db, result.meeting_id)
    assert stored is not None
    assert stored.body.display_name == "Regionstyrelsen"
    assert stored.meeting.items == _items()
    assert (stored.meeting.start, stored.meeting.place) == (time(8, 30), "Hörsalen")


async def test_unchanged_content_writes_nothing(db: Database, tmp_path: Path) -> None:
    first = await upsert_meeting(db, _meeting())
    with sqlite3.connect(db.path) as probe:
        before = probe.execute("PRAGMA data_version").fetchone()[0]
        again = await upsert_meeting(db, _meeting())
        assert probe.execute("PRAGMA data_version").fetchone()[0] == before
        changed = await upsert_meeting(db, _meeting(place="Styrelserummet"))
        assert probe.execute("PRAGMA data_version").fetchone()[0] != before
    assert (again.status, again.events, again.meeting_id) == ("unchanged", [], first.meeting_id)
    assert changed.status == "changed"


async def test_each_change_kind_is_reported(db: Database) -> None:
    await upsert_meeting(db, _meeting())
    items = _items()
    items[1].text = "Reviderat förslag till budget."
    items.append(Item(number=4, title="Tilläggsärende"))
    del items[0]
    result = await upsert_meeting(db, _meeting(items=items, start=time(9, 0)))
    assert result.status == "changed"
    by_kind = {e.kind: e.detail for e in result.events}
    assert by_kind["moved"] == {"start": ["08:30", "09:00"]}
    assert by_kind["changed"] == {
        "added": [{"number": 4, "paragraph": None, "title": "Tilläggsärende"}],
        "removed": [{"number": 1, "paragraph": None, "title": "Mötet öppnas"}],
        "reworded": [{"number": 2, "paragraph": None, "title": "Budget 2025"}],
    }
    stored = await get_meeting(db, result.meeting_id)
    assert stored is not None and [i.number for i in stored.meeting.items] == [2, 3, 4]


async def test_minutes_published_then_cancelled(db: Database) -> None:
    await upsert_meeting(db, _meeting())
    url = f"{PORTAL}/committees/regionstyrelsen/mote-2030-03-01/protocol/p.pdf"
    result = await upsert_meeting(db, _meeting(minutes_url=url))
    assert [(e.kind, e.detail) for e in result.events] == [("minutes", {"minutes_url": url})]
    # A later fetch without the link keeps the known minutes.
    later = await upsert_meeting(db, _meeting(place="Sal B"))
    stored = await get_meeting(db, later.meeting_id)
    assert stored is not None and stored.meeting.minutes_url == url
    cancelled = await upsert_meeting(db, _meeting(cancelled=True, items=[]))
    assert [e.kind for e in cancelled.events] == ["cancelled"]
    stored = await get_meeting(db, later.meeting_id)
    # The cancelled page has no agenda; what was on it stays readable.
    assert stored is not None and stored.meeting.cancelled
    assert [i.title for i in stored.meeting.items] == [i.title for i in _items()]
    again = await upsert_meeting(db, _meeting(cancelled=True, items=[]))
    assert again.status == "unchanged" and again.events == []


async def test_rerun_and_flapping_content_never_duplicate_events(db: Database) -> None:
    a, b = _meeting(), _meeting(place="Sal B")
    await upsert_meeting(db, a)
    first = await upsert_meeting(db, b)
    back = await upsert_meeting(db, a)
    again = await upsert_meeting(db, b)
    assert [e.kind for e in first.events] == ["moved"]
    assert [e.kind for e in back.events] == ["moved"]
    assert again.status == "changed" and again.events == []
    assert [e.kind for e in await meeting_events(db, first.meeting_id)] == ["new", "moved", "moved"]
    assert [e.kind for e in await recent_events(db, 2)] == ["moved", "moved"]


async def test_empty_parse_never_overwrites_stored_items(db: Database) -> None:
    stored = await upsert_meeting(db, _meeting())
    empty = _meeting(items=[])
    empty.warnings.append("no items found")
    result = await upsert_meeting(db, empty)
    assert (result.status, result.events) == ("unchanged", [])
    kept = await get_meeting(db, stored.meeting_id)
    assert kept is not None and kept.meeting.items == _items()


async def test_agenda_published_after_an_empty_page_is_the_new_agenda(db: Database) -> None:
    # The portal lists a meeting before its kallelse is out: stored, but nothing to announce.
    result = await upsert_meeting(db, _meeting(items=[]))
    assert result.status == "new" and result.events == []
    # The agenda appears: that is the "new agenda" members wait for, not "3 items added".
    grown = await upsert_meeting(db, _meeting(place="Sal B"))
    assert grown.status == "changed"
    assert [(e.kind, e.detail) for e in grown.events] == [("new", {"items": 3})]
    # Later edits are ordinary changes; the agenda is never announced twice.
    edited = await upsert_meeting(db, _meeting(place="Sal C"))
    assert [e.kind for e in edited.events] == ["moved"]


async def test_on_events_runs_inside_the_transaction(db: Database) -> None:
    seen: list[EventRow] = []

    async def record(conn: aiosqlite.Connection, events: list[EventRow], now: datetime) -> None:
        seen.extend(events)
        await conn.execute("INSERT INTO polls (started_at) VALUES ('outbox-stand-in')")

    await upsert_meeting(db, _meeting(), on_events=record)
    await upsert_meeting(db, _meeting(), on_events=record)  # unchanged: not called
    assert [e.kind for e in seen] == ["new"]
    assert await _count(db, "polls") == 1


async def test_exception_in_on_events_rolls_everything_back(db: Database) -> None:
    async def fail(conn: aiosqlite.Connection, events: list[EventRow], now: datetime) -> None:
        await conn.execute("INSERT INTO polls (started_at) VALUES ('x')")
        raise RuntimeError("outbox down")

    with pytest.raises(RuntimeError):
        await upsert_meeting(db, _meeting(), on_events=fail)
    for table in ("bodies", "meetings", "items", "items_fts", "events", "polls"):
        assert await _count(db, table) == 0, table
    await upsert_meeting(db, _meeting())
    version = _data_version(db)
    with pytest.raises(RuntimeError):
        await upsert_meeting(db, _meeting(place="Sal B"), on_events=fail)
    assert _data_version(db) == version
    retry = await upsert_meeting(db, _meeting(place="Sal B"))
    assert [e.kind for e in retry.events] == ["moved"]


def test_meeting_key_is_url_else_portal_slug_date() -> None:
    assert meeting_key(_meeting()).endswith("/mote-2030-03-01")
    assert meeting_key(_meeting(url=None)) == f"{PORTAL}/regionstyrelsen/2030-03-01"


# ------------------------------------------------------------------ reads


async def _calendar(db: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    for name, body, day, kw in [
        ("rs_past", RS, date(2024, 1, 10), {}),
        ("rs_cancelled", RS, date(2024, 2, 1), {"cancelled": True}),
        ("rs_next", RS, date(2024, 2, 8), {}),
        ("rs_later", RS, date(2024, 5, 2), {}),
        ("hsn_past", HSN, date(2023, 12, 5), {}),
        ("hsn_next", HSN, date(2024, 2, 5), {}),
    ]:
        ids[name] = (await upsert_meeting(db, _meeting(body, day, **kw))).meeting_id
    return ids


async def test_next_meeting_skips_cancelled_and_spans_bodies(db: Database) -> None:
    ids = await _calendar(db)
    rs = await get_meeting(db, ids["rs_next"])
    hsn = await get_meeting(db, ids["hsn_next"])
    assert rs is not None and hsn is not None
    today = date(2024, 1, 20)
    found = await next_meeting(db, [rs.body.id], today)
    assert found is not None and found.id == ids["rs_next"]
    found = await next_meeting(db, [rs.body.id, hsn.body.id], today)
    assert found is not None and found.id == ids["hsn_next"]
    assert await next_meeting(db, [rs.body.id], date(2024, 6, 1)) is None
    assert await next_meeting(db, [], today) is None


async def test_meeting_on_latest_and_lists(db: Database) -> None:
    ids = await _calendar(db)
    rs = await get_meeting(db, ids["rs_past"])
    hsn = await get_meeting(db, ids["hsn_past"])
    assert rs is not None and hsn is not None
    on = await meeting_on(db, rs.body.id, date(2024, 2, 8))
    assert on is not None and on.id == ids["rs_next"]
    assert await meeting_on(db, rs.body.id, date(2024, 2, 9)) is None
    latest = await latest_meeting(db, [rs.body.id, hsn.body.id])
    assert latest is not None and latest.id == ids["rs_later"]
    ahead, behind = await list_meetings(db, [rs.body.id], date(2024, 2, 1), upcoming=2, recent=5)
    assert [m.id for m in ahead] == [ids["rs_cancelled"], ids["rs_next"]]
    assert ahead[0].cancelled and ahead[0].item_count == 3 and ahead[1].start == time(8, 30)
    assert [m.id for m in behind] == [ids["rs_past"]]
    rows = await upcoming_meetings(db, date(2024, 2, 1), date(2024, 2, 8))
    assert [m.id for m in rows] == [ids["rs_cancelled"], ids["hsn_next"], ids["rs_next"]]
    assert rows[1].body.display_name == "Halso och sjukvardsnamnden"


async def test_find_paragraph_most_recent_and_by_year(db: Database) -> None:
    for day, paragraph in [(date(2023, 3, 1), 54), (date(2024, 3, 1), 54), (date(2024, 4, 1), 60)]:
        items = _items()
        items[1].paragraph = paragraph
        items[1].minutes_text = f"Beslut {day}"
        await upsert_meeting(db, _meeting(day=day, items=items))
    body_id = await latest_meeting(db, [1])
    assert body_id is not None
    found = await find_paragraph(db, [body_id.body.id], 54)
    assert found is not None
    assert (
        found[0].meeting.date == date(2024, 3, 1) and found[1].minutes_text == "Beslut 2024-03-01"
    )
    found = await find_paragraph(db, [body_id.body.id], 54, year=2023)
    assert found is not None and found[0].meeting.date == date(2023, 3, 1)
    assert await find_paragraph(db, [body_id.body.id], 54, year=2022) is None
    assert await find_paragraph(db, [body_id.body.id], 99) is None


async def test_get_meeting_missing_is_none(db: Database) -> None:
    assert await get_meeting(db, 12345) is None


async def test_cancelled_page_under_an_installt_slug_cancels_the_stored_meeting(
    db: Database,
) -> None:
    """The portal may move a cancelled meeting to `…-installt` (inställt): same meeting."""
    first = await upsert_meeting(db, _meeting())
    assert first.status == "new"
    cancelled = _meeting(items=[], cancelled=True)
    cancelled.url = f"{cancelled.url}-installt"
    result = await upsert_meeting(db, cancelled)
    assert result.meeting_id == first.meeting_id and result.status == "changed"
    assert [e.kind for e in result.events] == ["cancelled"]
    stored = await get_meeting(db, first.meeting_id)
    assert stored is not None and stored.meeting.cancelled
    assert [i.title for i in stored.meeting.items] == [i.title for i in _items()]
    again = await upsert_meeting(db, cancelled)
    assert (again.meeting_id, again.status) == (first.meeting_id, "unchanged")
    assert await _count(db, "meetings") == 1


async def test_installt_page_without_a_stored_original_is_a_new_meeting(db: Database) -> None:
    cancelled = _meeting(items=[], cancelled=True)
    cancelled.url = f"{PORTAL}/committees/kf/kommunfullmaktige-77-installt"
    result = await upsert_meeting(db, cancelled)
    assert result.status == "new" and await _count(db, "meetings") == 1
