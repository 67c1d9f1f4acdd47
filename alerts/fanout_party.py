"""Fan-out of a new agenda to its body's party groups: one message per item to decide.

Why: before each meeting a party's members agree on a line per item. Each party group of the
body gets the items to decide (`agenda.reading.items_to_decide`, numbered ones: `/linje 4`
names them) right after the agenda's own alert: in a forum group each in a topic of its own
(made by the sender, `alerts.party_topics`), otherwise as replies under the alert, a thread per
agenda. Called by `alerts.fanout.enqueue_alerts` inside the transaction that records the `new`
event; one row per item and group (`party:<event>:<chat>:<number>`), so nothing is sent twice.
Inside a poll's flood scope, where the agenda's alert waits for the scope's end
(`alerts.flood`), the items wait with it and are written after it (`alerts.flood.after_alert`).
"""

from __future__ import annotations

import aiosqlite

from agenda.events import AlertKind
from agenda.reading import items_to_decide
from alerts.flood import after_alert
from presentation.render_party import party_item, topic_name
from storage.chats import followers
from storage.events import EventRow
from storage.meeting_rows import StoredMeeting
from storage.outbox import Payload
from storage.party import party_groups_of


async def party_alerts(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, now: str
) -> None:
    """Outbox rows (due at `now`) bringing a new agenda's items to the body's party groups."""
    groups = await party_groups_of(conn, sm.body.id)
    if not groups:
        return
    items = sm.meeting.items
    positions = [p for p in items_to_decide(items, {}) if items[p].number is not None]
    where = {f.chat_id: f for f in await followers(conn, sm.body.id)}
    for group in groups:
        follower = where.get(group.chat_id)
        lang = follower.language if follower else "sv"
        for position in positions:
            item = items[position]
            payload = Payload(
                party_item(item, item.proposal, lang, sm.meeting.date),
                reply=not group.forum,
                topic=topic_name(item, lang) if group.forum else None,
                item=item.number if group.forum else None,
            )
            await after_alert(
                conn,
                now=now,
                chat_id=group.chat_id,
                key=f"party:{event.id}:{group.chat_id}:{item.number}",
                kind=AlertKind.PARTY,
                payload=payload,
                thread_id=follower.thread_id if follower else None,
                meeting_id=sm.id,
            )
