"""The forum topic of a party group's item: made once, before the first message goes into it.

Why: in a forum group each item to decide gets a topic of its own, where the group talks it
through and sets its line. The topic is made by the sender at delivery (Telegram must answer
first: its id is the topic's), recorded at once (`storage.party.save_topic`), so a send retried
after a timeout goes into the same topic instead of making a second one. A group that is no
forum any more, or where the bot may not manage topics, gets the message in the main chat
instead (None), as a reply under the agenda's alert: losing the item would be worse.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden

from storage.db import Database
from storage.outbox_payload import OutboxRow
from storage.party import save_topic, topic_thread

log = logging.getLogger(__name__)
MAX_TOPIC_NAME = 128  # Telegram's limit for a topic's name


async def item_topic(bot: Bot, db: Database, row: OutboxRow) -> int | None:
    """The thread id of the row's item topic, made now if it does not exist; None: none."""
    item, name = row.payload.item, row.payload.topic
    if row.meeting_id is None or item is None or not name:
        return None
    known = await topic_thread(db, row.chat_id, row.meeting_id, item)
    if known is not None:
        return known
    try:
        topic = await bot.create_forum_topic(row.chat_id, name[:MAX_TOPIC_NAME])
    except (BadRequest, Forbidden) as exc:
        log.warning("chat %s: no forum topic for item %s (%s)", row.chat_id, item, exc.message)
        return None
    await save_topic(db, row.chat_id, row.meeting_id, item, topic.message_thread_id)
    return topic.message_thread_id
