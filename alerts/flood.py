"""Floods become one message: many new meetings or documents for a chat in one scope → a summary.

Why: a chain of new meeting pages (each linking the next, so the backfill rule, which counts
the new links a listing shows at once, never saw them together) gave every follower 198 "new
agenda" messages in one cycle, and 30 late attachments gave 30 messages. An alert cannot know
there will be more, so during a poll scope (one source's visit, or the documents step) the
alerts that come in numbers (a new agenda, its watch hit, a late or changed attachment and its
watch hit) wait in `alert_gathering`, written in the same transaction as their event. When the
scope ends, `settle` moves them to the outbox in one transaction, per chat (and forum topic):

- at most `FLOOD_LIMIT` (3) meetings or documents: each alert as it is, same dedup key as ever
  (a normal day publishes one or two kallelser for the bodies a member follows; three at once
  still read well one by one);
- more: one summary (`presentation.flood_summary`) with a numbered line and a button per
  meeting or document, dedup key `flood:<scope>:<chat>:<topic>:<what>`.

How it composes: the backfill rule comes first (a first visit, or `BACKFILL_THRESHOLD` new links
in one listing: stored without alerts, one notice to the admins; nothing is gathered); this rule
catches what gets past it. A digest chat's alerts are gathered the same way and the summary (or
each alert) is held for its digest, so a flood is one entry there too. Changes, cancellations,
minutes, decisions and reminders are never gathered: they are about a meeting already known and
come one by one. Guarantees: at least once (a gathered alert is committed with its event and
leaves `alert_gathering` only in the transaction that writes its outbox row; a scope that never
ended, after a crash, is settled at the start of the next run of its kind by `settle_left`),
never twice (each row keeps its unique key; a scope settles once). The scope is carried by a context
variable set by `gathering`, so the fan-out's signature (`storage.meetings.OnEvents`) is
unchanged and a fan-out outside any scope (a test, a tool) writes its rows at once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

import aiosqlite

from agenda.events import AlertKind
from presentation.flood_summary import (
    DocumentEntry,
    MeetingEntry,
    documents_summary,
    meetings_summary,
)
from storage.alert_gathering import Gathered, forget, gather, gathered, scopes
from storage.db import Database
from storage.meeting_reads import load_meeting
from storage.meeting_rows import StoredMeeting
from storage.outbox import ButtonRows, Payload, enqueue, enqueue_parts

FLOOD_LIMIT = 3

log = logging.getLogger(__name__)
_SCOPE: ContextVar[str | None] = ContextVar("namndbot_flood_scope", default=None)
_OPEN: set[str] = set()  # scopes open in this process (not left over by a crash)


@asynccontextmanager
async def gathering(db: Database, scope: str) -> AsyncIterator[None]:
    """Gather the alerts written inside (this task and the tasks it starts); settle on leaving.
    A failed settle is logged and left for the next cycle's `settle_left`."""
    token = _SCOPE.set(scope)
    _OPEN.add(scope)
    try:
        yield
    finally:
        _SCOPE.reset(token)
        _OPEN.discard(scope)
        try:
            await settle(db, scope)
        except Exception:
            log.exception("alerts of %s could not be settled; the next cycle retries", scope)


async def send_or_gather(
    conn: aiosqlite.Connection,
    *,
    about: dict[str, Any] | None,
    now: str,
    chat_id: int,
    key: str,
    kind: str,
    parts: Sequence[str],
    language: str,
    buttons: ButtonRows | None = None,
    reply: bool = False,
    thread_id: int | None = None,
    meeting_id: int | None = None,
    held: bool = False,
) -> None:
    """The outbox rows of one alert, or (inside a scope, for an alert that comes in numbers:
    `about` names its meeting, or its document with `doc`) kept for the scope's end."""
    scope = _SCOPE.get()
    if scope is None or about is None:
        await enqueue_parts(
            conn,
            now=now,
            chat_id=chat_id,
            key=key,
            kind=kind,
            parts=parts,
            buttons=buttons,
            reply=reply,
            thread_id=thread_id,
            meeting_id=meeting_id,
            held=held,
        )
        return
    await gather(
        conn,
        scope=scope,
        chat_id=chat_id,
        thread_id=thread_id,
        key=key,
        kind=kind,
        meeting_id=meeting_id,
        parts=parts,
        buttons=buttons,
        reply=reply,
        held=held,
        about=about,
        language=language,
        now=now,
    )


async def after_alert(
    conn: aiosqlite.Connection,
    *,
    now: str,
    chat_id: int,
    key: str,
    kind: str,
    payload: Payload,
    thread_id: int | None,
    meeting_id: int,
) -> None:
    """An outbox row that must follow its meeting's new-agenda alert (a party group's item under
    it): inside a scope it waits with the alerts and is written after them when the scope
    ends, never counted as a meeting nor folded into a summary."""
    scope = _SCOPE.get()
    if scope is None:
        await enqueue(
            conn,
            now=now,
            chat_id=chat_id,
            dedup_key=key,
            kind=kind,
            payload=payload,
            thread_id=thread_id,
            meeting_id=meeting_id,
        )
        return
    about = {"meeting": meeting_id, "follows": True, "topic": payload.topic, "item": payload.item}
    await gather(
        conn,
        scope=scope,
        chat_id=chat_id,
        thread_id=thread_id,
        key=key,
        kind=kind,
        meeting_id=meeting_id,
        parts=[payload.text],
        buttons=payload.buttons,
        reply=payload.reply,
        held=False,
        about=about,
        language="",
        now=now,
    )


def _subject(alert: Gathered) -> tuple[str, object]:
    doc = alert.about.get("doc")
    return ("doc", doc) if doc else ("meeting", alert.about.get("meeting"))


async def settle(db: Database, scope: str) -> int:
    """Move the alerts gathered under `scope` to the outbox: as they are, or one summary per
    chat and topic that got more than `FLOOD_LIMIT` meetings or documents. Returns the number
    of summaries written."""
    summaries = 0
    async with db.transaction() as conn:
        alerts = await gathered(conn, scope)
        followers = [a for a in alerts if a.about.get("follows")]
        groups: dict[tuple[int, int | None, str], list[Gathered]] = {}
        for alert in alerts:
            if alert.about.get("follows"):
                continue
            what = _subject(alert)[0]
            groups.setdefault((alert.chat_id, alert.thread_id, what), []).append(alert)
        now = db.timestamp()
        for (chat_id, thread_id, what), group in groups.items():
            if len({_subject(a) for a in group}) <= FLOOD_LIMIT:
                for alert in group:
                    await _enqueue_as_is(conn, alert, now)
                continue
            parts, buttons = await _summary(conn, group, what)
            await enqueue_parts(
                conn,
                now=now,
                chat_id=chat_id,
                key=f"flood:{scope}:{chat_id}:{thread_id or 0}:{what}",
                kind=AlertKind.FLOOD,
                parts=parts,
                buttons=buttons,
                thread_id=thread_id,
                held=group[0].held,
            )
            summaries += 1
        for alert in followers:  # after the alerts they follow, in the order they came
            await _enqueue_follower(conn, alert, now)
        await forget(conn, [a.id for a in alerts])
    return summaries


async def settle_left(db: Database, kind: str) -> None:
    """Settle the scopes of `kind` (`poll`, `documents`: a scope is named `<kind>:…`) that no
    one in this process has open: a run stopped by a crash. Called by the job of that kind as
    it starts, and runs of one kind never overlap (each job holds a lock, and the poll may run
    in a process of its own), so another kind's open scope is never settled early."""
    for scope in await scopes(db):
        if scope.startswith(f"{kind}:") and scope not in _OPEN:
            await settle(db, scope)


async def _enqueue_as_is(conn: aiosqlite.Connection, alert: Gathered, now: str) -> None:
    await enqueue_parts(
        conn,
        now=now,
        chat_id=alert.chat_id,
        key=alert.dedup_key,
        kind=alert.kind,
        parts=alert.parts,
        buttons=alert.buttons,
        reply=alert.reply,
        thread_id=alert.thread_id,
        meeting_id=alert.meeting_id,
        held=alert.held,
    )


async def _enqueue_follower(conn: aiosqlite.Connection, alert: Gathered, now: str) -> None:
    topic, item = alert.about.get("topic"), alert.about.get("item")
    payload = Payload(
        alert.parts[0],
        alert.buttons,
        alert.reply,
        topic=str(topic) if topic is not None else None,
        item=int(item) if isinstance(item, int) else None,
    )
    await enqueue(
        conn,
        now=now,
        chat_id=alert.chat_id,
        dedup_key=alert.dedup_key,
        kind=alert.kind,
        payload=payload,
        thread_id=alert.thread_id,
        meeting_id=alert.meeting_id,
    )


async def _summary(
    conn: aiosqlite.Connection, group: list[Gathered], what: str
) -> tuple[list[str], ButtonRows]:
    lang = group[0].language
    meetings: dict[int, StoredMeeting | None] = {}
    for alert in group:
        mid = alert.about.get("meeting")
        if isinstance(mid, int) and mid not in meetings:
            meetings[mid] = await load_meeting(conn, mid)
    if what == "doc":
        return documents_summary(_document_entries(group, meetings), lang)
    return meetings_summary(_meeting_entries(group, meetings), lang)


def _terms(alert: Gathered) -> list[str]:
    terms = alert.about.get("terms")
    return [str(term) for term in terms] if isinstance(terms, list) else []


def _meeting_entries(
    group: list[Gathered], meetings: dict[int, StoredMeeting | None]
) -> list[MeetingEntry]:
    entries: dict[int, MeetingEntry] = {}
    for alert in group:
        sm = meetings.get(alert.about.get("meeting", -1))
        if sm is not None:
            entries.setdefault(sm.id, MeetingEntry(sm)).terms.extend(_terms(alert))
    return sorted(entries.values(), key=lambda e: (e.sm.meeting.date is None, e.sm.meeting.date))


def _document_entries(
    group: list[Gathered], meetings: dict[int, StoredMeeting | None]
) -> list[DocumentEntry]:
    entries: dict[str, DocumentEntry] = {}
    for alert in group:
        about = alert.about
        sm = meetings.get(about.get("meeting", -1))
        url = about.get("doc")
        if sm is None or not isinstance(url, str):
            continue
        position = about.get("position")
        entry = entries.setdefault(
            url,
            DocumentEntry(
                sm,
                position if isinstance(position, int) else None,
                str(about.get("title") or url),
                url,
            ),
        )
        entry.changed = entry.changed or about.get("change") == "changed"
        entry.terms.extend(_terms(alert))
    order = {mid: n for n, mid in enumerate(meetings)}
    return sorted(entries.values(), key=lambda e: order.get(e.sm.id, 0))
