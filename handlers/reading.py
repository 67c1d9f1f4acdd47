"""Keeping each chat's reading state as it looks: what the agenda or an item showed is seen.

Why: /nytt, the "new since you looked" line and /forbered rest on what a chat was shown. Every
view of a meeting (/nasta, the meeting button) and of an item (/punkt, `4`, the item buttons)
calls `look`, which answers what was new before this look and then records the look
(`agenda.reading.mark_seen` over `storage.reading`). Kept out of the feature modules so that
meetings, items and /nytt share one rule without importing each other.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import Update

from agenda.reading import mark_seen, news
from handlers.common import Ctx
from storage.meeting_rows import StoredMeeting
from storage.reading import get_reading, meeting_views, save_reading

LATELY = timedelta(minutes=1)


async def look(
    update: Update, context: Ctx, sm: StoredMeeting, positions: list[int] | None
) -> dict[int, list[str]]:
    """Record that the chat saw the items at `positions` (None: the whole agenda) of `sm`;
    returns what was new to it before this look (position -> kinds of news)."""
    chat = update.effective_chat
    if chat is None:
        return {}
    db = context.services.db
    reading = await get_reading(db, chat.id, sm.id)
    views = await meeting_views(db, sm)
    found = news(reading.seen, views)
    seen = mark_seen(reading.seen, views, positions)
    if seen != reading.seen or not _lately(reading.looked_at, db.clock.now()):
        await save_reading(db, chat.id, sm.id, seen)  # else nothing to write
    return found


def _lately(looked_at: str, now: datetime) -> bool:
    """Did the chat look less than `LATELY` ago? Then the same view again writes nothing (the
    time it looked, shown by /nytt to the minute, stays): a write may wait for the poll
    process's transaction, and a member who opens the same agenda twice should not."""
    if not looked_at:
        return False
    return timedelta(0) <= now - datetime.fromisoformat(looked_at) < LATELY


async def peek(update: Update, context: Ctx, sm: StoredMeeting) -> dict[int, list[str]]:
    """What is new to the chat in `sm` since it last looked, without recording a look (for a
    view that may not show the agenda after all)."""
    chat = update.effective_chat
    if chat is None:
        return {}
    db = context.services.db
    reading = await get_reading(db, chat.id, sm.id)
    return news(reading.seen, await meeting_views(db, sm))
