"""The outbox repository: unique dedup keys, per-chat FIFO claims with leases, stats."""

from __future__ import annotations

from pathlib import Path

from storage.outbox import (
    OutboxRow,
    Payload,
    claim_due,
    enqueue,
    mark_sent,
    outbox_stats,
    reply_target,
    reschedule,
)
from tests.support.outbox import add_chats, open_db, put


async def test_dedup_key_is_unique(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await add_chats(db, 1)
    async with db.transaction() as conn:
        assert await enqueue(
            conn, now=db.timestamp(), chat_id=1, dedup_key="k", kind="new", payload=Payload("a")
        )
        again = Payload("b")
        assert not await enqueue(
            conn, now=db.timestamp(), chat_id=1, dedup_key="k", kind="new", payload=again
        )
    async with db.reader.execute("SELECT count(*) FROM outbox") as cur:
        row = await cur.fetchone()
    assert row is not None and row[0] == 1
    await db.close()


def test_payload_round_trip() -> None:
    payload = Payload("<b>x</b>", [[("1", "i:1:0"), ("2", "i:1:1")]], reply=True)
    assert Payload.from_json(payload.to_json()) == payload


async def test_claims_take_only_the_oldest_open_row_of_each_chat(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    for key, chat in (("a1", 1), ("a2", 1), ("b1", 2), ("c1", 3)):
        await put(db, chat, key)
    first = await claim_due(db, limit=10, lease_seconds=60, exclude=[3])
    assert [r.dedup_key for r in first] == ["a1", "b1"]
    assert all(r.status == "sending" and r.attempts == 1 for r in first)
    # a2 waits for a1 (order within a chat), c1 was excluded, the others are leased.
    assert [r.dedup_key for r in await claim_due(db, limit=10, lease_seconds=60)] == ["c1"]
    await mark_sent(db, first[0], 77)
    assert [r.dedup_key for r in await claim_due(db, limit=10, lease_seconds=60)] == ["a2"]
    await db.close()


async def test_rescheduled_rows_wait_and_keep_their_chat_blocked(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await put(db, 1, "a1")
    await put(db, 1, "a2")
    (row,) = await claim_due(db, limit=10, lease_seconds=60)
    async with db.transaction() as conn:
        await reschedule(conn, row.id, 60, "RetryAfter", timeout_retry=False, now=db.clock.now())
    assert await claim_due(db, limit=10, lease_seconds=60) == []  # a2 may not overtake a1
    stats = await outbox_stats(db)
    assert stats.pending == 2 and stats.dead == 0 and stats.oldest_pending_age_seconds is not None
    await db.close()


async def test_reply_target_is_the_first_new_alert(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO bodies (portal, slug) VALUES ('', 'rs')")
        await conn.execute(
            "INSERT INTO meetings (body_id, key, content_hash, first_seen, updated_at)"
            " VALUES (1, 'k', 'h', 'x', 'x')"
        )
    await put(db, 5, "new:1:5:0", meeting_id=1)
    await put(db, 5, "new:1:5:1", meeting_id=1, part=1)
    rows: list[OutboxRow] = []
    while batch := await claim_due(db, limit=10, lease_seconds=60):
        rows += batch
        await mark_sent(db, batch[0], 100 + len(rows))
    assert await reply_target(db, 1, 5) == 101
    assert await reply_target(db, 1, 6) is None
    await db.close()
