"""A group upgraded to a supergroup keeps everything it had, in every table that holds a chat's
data (found from the schema: a table added later cannot be forgotten), whether the supergroup
is new to the bot (the chat is renamed) or wrote to it first (the two are merged): follows,
followed cases, watches, the calendar link, alerts waiting (in the outbox and for a poll scope
to end), reading state, the party group with its lines and topics, the current meeting."""

from __future__ import annotations

import pytest

from agenda.reading import Seen
from storage.alert_gathering import gather
from storage.calendar_tokens import token_for
from storage.cases import follow_case
from storage.chats import ensure_chat, follow, get_chat, migrate_chat, set_current_meeting
from storage.db import Database
from storage.outbox import Payload, enqueue
from storage.party import save_topic, set_line, set_party_group
from storage.reading import save_reading
from storage.watches import add_watch
from tests.support.chat_tables import chat_tables, rows_of

OLD, NEW = -4711, -1_004_711
# Tables whose rows of a chat never move with it: a channel's admins (a channel is never a
# group that migrates; the member's own links are keyed by their user id).
NOT_MOVED = frozenset({"channel_admins"})


async def _a_group_with_everything(db: Database, meeting: int, body: int) -> None:
    await ensure_chat(db, OLD, "group")
    await follow(db, OLD, body, None)
    await follow_case(db, OLD, "RS-2031-7", "RS/2031/7")
    await add_watch(db, OLD, "Vindkraft", "vindkraft")
    await token_for(db, OLD)
    await save_reading(db, OLD, meeting, Seen(agenda=True))
    await set_party_group(db, OLD, body, False)
    await set_line(db, OLD, meeting, 4, "Budget", "bifall")
    await save_topic(db, OLD, meeting, 4, 77)
    await set_current_meeting(db, OLD, meeting)
    async with db.transaction() as conn:
        await enqueue(conn, now=db.timestamp(), chat_id=OLD, dedup_key="new:1", kind="new",
                      payload=Payload("Ny kallelse"), meeting_id=meeting)  # fmt: skip
        await gather(
            conn, scope="poll:1", chat_id=OLD, thread_id=None, key="new:2", kind="new",
            meeting_id=meeting, parts=["Ny kallelse"], buttons=None, reply=False, held=False,
            about={"meeting": meeting}, language="sv", now=db.timestamp(),
        )  # fmt: skip


@pytest.mark.parametrize("supergroup_wrote_first", [False, True])
async def test_a_migrated_group_keeps_all_it_had(
    seeded_db: Database, seed_ids: dict[str, int], supergroup_wrote_first: bool
) -> None:
    db, meeting = seeded_db, seed_ids["001"]
    async with db.reader.execute("SELECT body_id FROM meetings WHERE id = ?", (meeting,)) as cur:
        row = await cur.fetchone()
    assert row is not None
    await _a_group_with_everything(db, meeting, int(row[0]))
    if supergroup_wrote_first:
        await ensure_chat(db, NEW, "supergroup")
    tables = await chat_tables(db)
    for table, columns in tables.items():
        had = await rows_of(db, table, columns, (OLD,))
        assert had or table in NOT_MOVED, f"give the group a row in {table}"

    async with db.transaction() as conn:
        await migrate_chat(conn, OLD, NEW)

    lost: list[str] = []
    for table, columns in tables.items():
        if table in NOT_MOVED:
            continue
        assert await rows_of(db, table, columns, (OLD,)) == 0, f"{table} keeps the old id"
        if not await rows_of(db, table, columns, (NEW,)):
            lost.append(table)
    assert lost == [], "the group lost its rows in these tables"
    moved = await get_chat(db, NEW)
    assert moved is not None
    async with db.reader.execute(
        "SELECT current_meeting_id FROM chats WHERE chat_id = ?", (NEW,)
    ) as cur:
        current = await cur.fetchone()
    assert current is not None and current[0] == meeting
