"""Digest mode: held alerts become one message a day; switching it off releases them."""

from __future__ import annotations

from pathlib import Path

from alerts.digest import send_digests
from demo.fake_api import FakeBotApi
from storage.alert_prefs import set_digest
from storage.outbox import Payload
from tests.jobs.outbox_helpers import (
    drain_until,
    drained,
    make_bot,
    open_db,
    put,
    sender,
    status_of,
)


async def test_held_alerts_are_folded_into_one_message(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    await put(db, 31, "new:1:31:0", "Första kallelsen", held=True)
    await put(db, 31, "changed:2:31:0", "Ändrad punkt", held=True)
    await put(db, 32, "new:1:32:0", "direkt")
    async with make_bot(fake_api) as bot:
        s = sender(db, bot)
        await drain_until(s, drained(db))
        assert fake_api.records.sent_messages(31) == []  # held until the digest
        assert await send_digests(db) == 1
        assert await send_digests(db) == 0  # nothing held any more
        await drain_until(s, drained(db))
    (digest,) = fake_api.records.sent_messages(31)
    assert "sammandrag" in digest.text and "(2 aviseringar)" in digest.text
    assert digest.text.index("Första kallelsen") < digest.text.index("Ändrad punkt")
    assert (await status_of(db, "new:1:31:0"))[0] == "digested"
    assert len(fake_api.records.sent_messages(32)) == 1
    await db.close()


async def test_digest_off_releases_held_alerts(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await put(db, 33, "new:1:33:0", "väntar", held=True)
    await set_digest(db, 33, True)
    await set_digest(db, 33, False)
    assert (await status_of(db, "new:1:33:0"))[0] == "pending"
    await db.close()


async def test_the_digest_counts_alerts_not_message_parts(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await put(db, 34, "new:1:34:0", "lång kallelse, del 1", held=True, part=0)
    await put(db, 34, "new:1:34:1", "lång kallelse, del 2", held=True, part=1)
    await put(db, 34, "changed:2:34:0", "ändrad", held=True)
    assert await send_digests(db) == 1
    async with db.reader.execute("SELECT payload FROM outbox WHERE kind = 'digest'") as cur:
        (row,) = await cur.fetchall()
    text = Payload.from_json(row[0]).text
    assert "(2 aviseringar)" in text and text.index("del 1") < text.index("del 2")
    await db.close()
