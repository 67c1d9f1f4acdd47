"""`storage.write_turns`: with the poll process writing the same file, a member's write goes
before the poll process's next transaction, not after whichever wins SQLite's busy handler."""

from __future__ import annotations

import asyncio
from pathlib import Path

from demo.clock import ManualClock
from storage.db import Database
from storage.write_turns import WriteTurns


async def _order_of_writes(tmp_path: Path, clock: ManualClock, turns: WriteTurns | None) -> str:
    """The background holds a transaction; a foreground write comes and waits in SQLite's busy
    handler; the background commits and at once wants its next transaction. Which went first?"""
    path = tmp_path / "nb.sqlite3"
    background, foreground = await Database.open(path, clock), await Database.open(path, clock)
    if turns is not None:
        background.share_writes(turns, background=True)
        foreground.share_writes(turns, background=False)
    release = asyncio.Event()

    async def write(db: Database, slug: str, hold: asyncio.Event | None = None) -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO bodies (portal, slug) VALUES ('', ?)", (slug,))
            if hold is not None:
                await hold.wait()

    try:
        first = asyncio.create_task(write(background, "poll-1", release))
        await asyncio.sleep(0.1)  # the background holds SQLite's write lock
        member = asyncio.create_task(write(foreground, "member"))
        await asyncio.sleep(0.4)  # the member's BEGIN sleeps in the busy handler by now
        release.set()
        await first
        await write(background, "poll-2")  # straight after its commit, as a cycle does
        await member
        async with foreground.reader.execute(
            "SELECT group_concat(slug) FROM (SELECT slug FROM bodies ORDER BY rowid)"
        ) as cur:
            row = await cur.fetchone()
        assert row is not None
        return str(row[0])
    finally:
        await background.close()
        await foreground.close()


async def test_a_members_write_goes_before_the_poll_processs_next(
    tmp_path: Path, clock: ManualClock
) -> None:
    """Without the turns SQLite does not queue writers: the background's next BEGIN wins
    against the member's busy handler, asleep between its tries, nearly every time (the order
    is then poll-1, poll-2, member; this is why /nasta waited seconds during a first visit,
    `bench/poll_latency.py --no-turns`)."""
    assert await _order_of_writes(tmp_path, clock, WriteTurns.create()) == "poll-1,member,poll-2"


def test_a_background_writer_waits_for_a_stuck_foreground_only_so_long() -> None:
    turns = WriteTurns.create()

    async def main() -> float:
        with turns.foreground():
            assert turns.waiting == 1
            return await turns.give_way(longest=0.05)

    waited = asyncio.run(main())
    assert 0.05 <= waited < 1.0 and turns.waiting == 0


def test_a_foreground_write_waits_for_the_background_transaction_it_found_only() -> None:
    """The member's BEGIN waits for the poll process's transaction under way itself (looking
    every millisecond), not in SQLite's busy handler that sleeps up to 100 ms between tries."""
    turns = WriteTurns.create()

    async def main() -> tuple[float, float]:
        started = asyncio.get_running_loop().time()
        await turns.background_done()
        idle = asyncio.get_running_loop().time() - started
        with turns.background():
            started = asyncio.get_running_loop().time()
            await turns.background_done(longest=0.05)
            held = asyncio.get_running_loop().time() - started
        return idle, held

    idle, held = asyncio.run(main())
    assert idle < 0.05 <= held
