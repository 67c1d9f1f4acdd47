"""Backfill notices: a source that brought many new meetings at once is told to the admins once.

Why: a first visit of a portal, or a portal that renamed its URLs, makes dozens or thousands of
meetings "new" in one poll. Alerting each would flood every follower and keyword watcher with
news that is not news; saying nothing would hide a portal that changed under us. The poller
stores them without per-meeting alerts (`sources.ingest`) and calls the notifier made here,
which writes one admin message per admin chat into the outbox (dedup key per source, poll cycle
and admin), listing the first meetings that came with an agenda.
"""

from __future__ import annotations

from agenda.events import AlertKind
from agenda.model import Meeting
from presentation.html import Html, fmt, join, t
from sources.backfill import Backfill, OnBackfill
from storage.chats import chat_language
from storage.db import Database
from storage.outbox import Payload, enqueue, ensure_chats

LISTED = 10  # meetings named in the notice; the rest are counted


def _line(meeting: Meeting) -> Html:
    name = meeting.body.name or meeting.body.slug
    day = meeting.date.isoformat() if meeting.date else "?"
    return fmt("\n• {} {}", name, day)


def backfill_text(backfill: Backfill, lang: str) -> Html:
    """The admin notice for `backfill` in `lang` (portal strings escaped)."""
    agendas = sorted(backfill.agendas, key=lambda m: (m.date is None, m.date))
    listed = join("", [_line(m) for m in agendas[:LISTED]])
    if len(agendas) > LISTED:
        listed = fmt("{}\n…", listed)
    why = "alert_admin_backfill_first" if backfill.first_visit else "alert_admin_backfill_many"
    return t(
        "alert_admin_backfill",
        lang,
        name=backfill.source,
        why=t(why, lang),
        stored=backfill.stored,
        agendas=len(agendas),
        list=listed,
    )


def backfill_notifier(db: Database, admin_chat_ids: frozenset[int]) -> OnBackfill:
    """The poller's `on_backfill`: one outbox row per admin chat and backfill."""

    async def notify(backfill: Backfill) -> None:
        if not admin_chat_ids:
            return
        stamp = db.timestamp()
        async with db.transaction() as conn:
            await ensure_chats(conn, admin_chat_ids, stamp)
            for admin in sorted(admin_chat_ids):
                lang = await chat_language(conn, admin)
                await enqueue(
                    conn,
                    now=stamp,
                    chat_id=admin,
                    dedup_key=f"backfill:{backfill.source}:{backfill.poll_id}:{admin}",
                    kind=AlertKind.ADMIN,
                    payload=Payload(backfill_text(backfill, lang)),
                )

    return notify
