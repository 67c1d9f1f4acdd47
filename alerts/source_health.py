"""Source health notices: admins hear when a source keeps failing (run by `jobs.health`).

Why: a portal that has been down for hours means members silently miss agendas. Every few
minutes the `source_health` job asks storage for sources failing longer than
`SOURCE_FAILURE_ALERT_MINUTES` and not yet reported, enqueues one admin notice per admin
chat (dedup key `health:<source>:<failing since>:<admin>`), and marks the failure reported, so
each failure period is reported once; the flag resets when the source succeeds again.
"""

from __future__ import annotations

from datetime import timedelta

from agenda.clock import iso_utc
from agenda.events import AlertKind
from presentation.html import t
from storage.chats import chat_language
from storage.db import Database
from storage.outbox import Payload, enqueue, ensure_chats
from storage.sources import mark_failure_reported, sources_failing_since


async def report_failing_sources(db: Database, admin_chat_ids: frozenset[int], minutes: int) -> int:
    """Enqueue admin notices for sources failing longer than `minutes`; returns sources told."""
    if not admin_chat_ids:
        return 0
    now = db.clock.now()
    stamp = iso_utc(now)
    since = now - timedelta(minutes=minutes)
    failing = await sources_failing_since(db, since)
    for source in failing:
        async with db.transaction() as conn:
            await ensure_chats(conn, admin_chat_ids, stamp)
            for admin in sorted(admin_chat_ids):
                text = t(
                    "alert_admin_source",
                    await chat_language(conn, admin),
                    name=source.name,
                    since=source.failing_since or "?",
                    error=(source.last_error or "")[:300],
                )
                await enqueue(
                    conn,
                    now=stamp,
                    chat_id=admin,
                    dedup_key=f"health:{source.name}:{source.failing_since}:{admin}",
                    kind=AlertKind.ADMIN,
                    payload=Payload(text),
                )
        await mark_failure_reported(db, source.name)
    return len(failing)
