"""Fan-out: events (new, changed, moved, cancelled, minutes) become outbox rows.

Why: `enqueue_alerts` is the production `OnEvents` of `storage.meetings.upsert_meeting`: it runs
INSIDE the transaction that records the events, so an event and its alerts are committed
together or not at all. Each row gets a unique dedup key (`<kind>:<event_id>:<chat_id>:<part>`,
`watch:<event_id>:<chat_id>:<part>`) and is inserted with INSERT OR IGNORE, so nothing is ever
enqueued twice. Followers of the body get the alert in their language (in their forum topic);
chats watching a keyword get the matching items of new or changed agendas in any body. Digest
chats get their rows `held` for the daily digest (a party group's new agenda of its body is not
held: its items to decide follow it at once). A meeting cancelled or moved to another
time withdraws its unsent reminders (they name a time that is no longer true); `alerts.reminders`
writes new ones for the new time. A meeting whose day (Europe/Stockholm) has passed only gets
minutes alerts: it is stored and searchable, but "new agenda" about last month would mislead.
New agendas and their watch hits go through `alerts.flood.send_or_gather`: inside a poll scope
they wait for its end, and more than a few for one chat become one summary message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import aiosqlite

from agenda.clock import STOCKHOLM, iso_utc
from agenda.events import AlertKind, EventKind
from alerts.fanout_appeals import appeal_alerts
from alerts.fanout_documents import DOCUMENT_KINDS, document_alerts
from alerts.fanout_party import party_alerts
from alerts.flood import send_or_gather
from alerts.watches import WatchHit, watch_hits
from presentation.html import EMPTY, Html, as_html, fmt, join, split, t
from presentation.render import (
    cb_meeting,
    linkable,
    meeting_header,
    meeting_keyboard,
    render_meeting,
    truncate,
)
from presentation.texts import plain
from presentation.watch_alerts import render_watch, watch_line
from storage.chats import followers
from storage.events import EventRow
from storage.meeting_reads import load_meeting
from storage.meeting_rows import StoredMeeting
from storage.outbox import ButtonRows, withdraw_reminders
from storage.party import party_groups_of
from storage.watches import Watcher, active_watchers

_REPLY_KINDS = frozenset(
    {EventKind.CHANGED, EventKind.MOVED, EventKind.CANCELLED, EventKind.MINUTES}
)
_AFTER_THE_FACT = frozenset(  # news after the meeting
    {EventKind.MINUTES, EventKind.DECISIONS, EventKind.CASE, EventKind.APPEAL}
)


async def enqueue_alerts(conn: aiosqlite.Connection, events: list[EventRow], now: datetime) -> None:
    """Write the outbox rows for `events` (called inside the upsert transaction at `now`)."""
    watchers: list[Watcher] | None = None
    today = now.astimezone(STOCKHOLM).date()
    stamp = iso_utc(now)
    for event in events:
        sm = await load_meeting(conn, event.meeting_id)
        if sm is None:
            continue
        if _stale(event, sm, today):
            continue
        if event.kind in DOCUMENT_KINDS:
            await document_alerts(conn, event, sm, stamp)
            continue
        if event.kind == EventKind.APPEAL:
            await appeal_alerts(conn, event, sm, stamp, today)
            continue
        if event.kind == EventKind.CANCELLED or (
            event.kind == EventKind.MOVED and ("date" in event.detail or "start" in event.detail)
        ):
            await withdraw_reminders(conn, sm.id, f"meeting {event.kind}")
        hits: dict[int, WatchHit] = {}
        if event.kind in (EventKind.NEW, EventKind.CHANGED):
            if watchers is None:
                watchers = await active_watchers(conn)
            hits = await watch_hits(conn, event, sm, watchers)
        served = await _follower_alerts(conn, event, sm, stamp, hits)
        if event.kind == EventKind.NEW:
            await party_alerts(conn, event, sm, stamp)  # the items to decide, per party group
        for chat_id, hit in hits.items():
            if chat_id not in served:  # one message per event per chat
                await _enqueue_watch(conn, event, sm, chat_id, hit, stamp)


def _stale(event: EventRow, sm: StoredMeeting, today: date) -> bool:
    """A meeting whose day has passed only brings news of its minutes (and their decisions) and
    of a followed case: 'new agenda', 'changed', 'moved', 'cancelled' or a supplementary
    document about last month's meeting (first seen late, or corrected afterwards) would
    mislead, and a watch hit there is noise."""
    day = sm.meeting.date
    return event.kind not in _AFTER_THE_FACT and day is not None and day < today


async def _follower_alerts(
    conn: aiosqlite.Connection,
    event: EventRow,
    sm: StoredMeeting,
    now: str,
    hits: dict[int, WatchHit],
) -> set[int]:
    """The followers' alerts; a follower that also watches a word in them gets it marked in the
    same message. Returns the chats served."""
    rendered: dict[str, tuple[list[Html], ButtonRows | None]] = {}
    served: set[int] = set()
    # A party group gets a new agenda of its body at once, digest mode or not: its items to
    # decide follow as replies (or topics) right away (alerts.fanout_party), never ahead of an
    # alert that waits for tomorrow's digest.
    parties = (
        {g.chat_id for g in await party_groups_of(conn, sm.body.id)}
        if event.kind == EventKind.NEW
        else set()
    )
    for follower in await followers(conn, sm.body.id):
        lang = follower.language
        if lang not in rendered:
            rendered[lang] = render_event(event, sm, lang)
        parts, buttons = rendered[lang]
        hit = hits.get(follower.chat_id)
        if hit is not None:
            line = watch_line(hit.items, hit.terms, lang)
            parts = split(fmt("{}\n{}", line, join("\n", parts)))
        served.add(follower.chat_id)
        await send_or_gather(
            conn,
            about=_gathered(event, sm, hit.terms if hit is not None else []),
            now=now,
            chat_id=follower.chat_id,
            key=f"{event.kind}:{event.id}:{follower.chat_id}",
            kind=event.kind,
            parts=parts,
            language=lang,
            buttons=buttons,
            reply=event.kind in _REPLY_KINDS,
            thread_id=follower.thread_id,
            meeting_id=sm.id,
            held=follower.digest and follower.chat_id not in parties,
        )
    return served


def _gathered(event: EventRow, sm: StoredMeeting, terms: list[str]) -> dict[str, object] | None:
    """What a flood summary needs of a new agenda's alert (None: the alert is never gathered)."""
    return {"meeting": sm.id, "terms": terms} if event.kind == EventKind.NEW else None


def _buttons(markup_rows: Sequence[Sequence[object]]) -> ButtonRows:
    rows: ButtonRows = []
    for line in markup_rows:
        row = []
        for button in line:
            text = getattr(button, "text", "")
            data = getattr(button, "callback_data", None)
            if isinstance(data, str):
                row.append((str(text), data))
        if row:
            rows.append(row)
    return rows


def render_event(event: EventRow, sm: StoredMeeting, lang: str) -> tuple[list[Html], ButtonRows]:
    """The message parts and buttons of a follower alert for `event`."""
    show = [[(plain("alert_show_meeting", lang), cb_meeting(sm.id))]]
    if event.kind == EventKind.NEW:
        text = fmt("{}\n{}", t("alert_new", lang), render_meeting(sm, lang))
        keyboard = _buttons(meeting_keyboard(sm, lang).inline_keyboard)
        return split(text), keyboard
    lines = [_headline(event.kind, lang), meeting_header(sm, lang), EMPTY]
    if event.kind == EventKind.CHANGED:
        lines += _changed_lines(event.detail, lang)
    elif event.kind == EventKind.MOVED:
        lines += _moved_lines(event.detail, lang)
    elif event.kind == EventKind.MINUTES:
        url = event.detail.get("minutes_url") or sm.meeting.minutes_url
        if isinstance(url, str) and linkable(url):
            lines.append(t("alert_minutes_link", lang, url=url))
    return split(join("\n", lines)), show


def _headline(kind: str, lang: str) -> Html:
    return t(f"alert_{kind}", lang) if kind in _REPLY_KINDS else t("alert_changed", lang)


def _ref_text(ref: object, lang: str) -> Html:
    if not isinstance(ref, dict):
        return EMPTY
    number, paragraph, title = ref.get("number"), ref.get("paragraph"), ref.get("title")
    label = (
        plain("alert_item", lang, n=number)
        if isinstance(number, int)
        else (f"§ {paragraph}" if isinstance(paragraph, int) else "")
    )
    name = truncate(title, 80) if isinstance(title, str) and title else ""
    text = " ".join(p for p in (label, name) if p) or plain("alert_unknown_item", lang)
    return as_html(text)


def _changed_lines(detail: dict[str, object], lang: str) -> list[Html]:
    lines = []
    for key in ("added", "removed", "reworded"):
        refs = detail.get(key)
        if isinstance(refs, list) and refs:
            items = join("; ", [_ref_text(r, lang) for r in refs[:20]])
            lines.append(t(f"alert_{key}", lang, items=items))
    return lines


def _moved_lines(detail: dict[str, object], lang: str) -> list[Html]:
    lines = []
    for key in ("date", "start", "end", "place"):
        pair = detail.get(key)
        if isinstance(pair, list) and len(pair) == 2:
            old, new = (str(v) if v else "–" for v in pair)
            lines.append(t(f"alert_moved_{key}", lang, old=old, new=new))
    return lines


async def _enqueue_watch(
    conn: aiosqlite.Connection,
    event: EventRow,
    sm: StoredMeeting,
    chat_id: int,
    hit: WatchHit,
    now: str,
) -> None:
    parts, buttons = render_watch(sm, hit.items, hit.terms, hit.watcher.language)
    await send_or_gather(
        conn,
        about=_gathered(event, sm, hit.terms),
        now=now,
        chat_id=chat_id,
        key=f"watch:{event.id}:{chat_id}",
        kind=AlertKind.WATCH,
        parts=parts,
        language=hit.watcher.language,
        buttons=buttons,
        thread_id=hit.watcher.thread_id,
        meeting_id=sm.id,
        held=hit.watcher.digest,
    )
