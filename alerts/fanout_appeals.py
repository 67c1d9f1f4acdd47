"""Fan-out of the `appeal` event: the followers of the body and of every case dealt with at the
meeting hear that the minutes were posted and when the appeal window closes.

Why: the window is three weeks; members, the opposition and citizens act on its last day.
Runs inside the transaction that records the event (`storage.appeals.record_posting`), with
one row per chat (`appeal:<event>:<chat>:<part>`): a chat that follows both the body and a
case gets one message, naming the case. A window already closed (a notice read late, a first
visit to an old feed) alerts nobody: it is stored and listed, never news.
"""

from __future__ import annotations

from datetime import date

import aiosqlite

from agenda.events import EventKind
from presentation.html import split
from presentation.render import cb_meeting
from presentation.render_appeals import appeal_alert
from presentation.texts import plain
from storage.appeals import case_keys_of
from storage.cases import case_followers
from storage.chats import chat_language, followers
from storage.events import EventRow
from storage.meeting_rows import StoredMeeting
from storage.outbox import enqueue_parts


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


async def appeal_alerts(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, now: str, today: date
) -> None:
    """Outbox rows (due at `now`) for one `appeal` event."""
    posted, last = _day(event.detail.get("posted_on")), _day(event.detail.get("last_day"))
    if posted is None or last is None or last < today:
        return
    printed = bool(event.detail.get("printed"))
    chats: dict[int, tuple[str, int | None, bool, str | None]] = {}
    for follower in await followers(conn, sm.body.id):
        chats[follower.chat_id] = (follower.language, follower.thread_id, follower.digest, None)
    for key in await case_keys_of(conn, sm.id):
        for follow in await case_followers(conn, key):
            if follow.chat_id not in chats:
                language = await chat_language(conn, follow.chat_id)
                chats[follow.chat_id] = (language, follow.thread_id, False, follow.case_text)
    for chat_id, (lang, thread_id, digest, case_text) in chats.items():
        text = appeal_alert(sm, posted, last, printed, lang, case_text)
        await enqueue_parts(
            conn,
            now=now,
            chat_id=chat_id,
            key=f"{event.kind}:{event.id}:{chat_id}",
            kind=EventKind.APPEAL,
            parts=split(text),
            buttons=[[(plain("alert_show_meeting", lang), cb_meeting(sm.id))]],
            reply=case_text is None,
            thread_id=thread_id,
            meeting_id=sm.id,
            held=digest,
        )
