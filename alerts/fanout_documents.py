"""Fan-out of the documents' events: a late or changed attachment (kompletterande handlingar),
the decisions of the minutes, a case number seen somewhere new, and watch words in a document.

Why: these alerts follow an earlier one or read what it could not. An added or changed
attachment and the decisions are replies to the meeting's first alert in each follower chat
(the outbox replies to it), naming the item and the document. A case's new appearance goes to
the chats following that case, in any body. A keyword watch that matches a document's text but
not the item's own words (those were in the agenda alert already) alerts naming the document.
Kept apart from `alerts.fanout` (page events) so each stays one concern; called from
`enqueue_alerts` inside the same transaction, with the same dedup-key scheme. A late or changed
attachment and a document's watch hit go through `alerts.flood.send_or_gather` (many at once for
one chat become one summary).
"""

from __future__ import annotations

import aiosqlite

from agenda.events import AlertKind, EventKind
from agenda.stem import query_term
from alerts.flood import send_or_gather
from alerts.watches import MAX_WATCH_TERMS, document_watchers
from presentation.render import cb_item, cb_meeting, esc, item_ref, meeting_header, split_message
from presentation.texts import t
from storage.cases import case_followers
from storage.chats import chat_language, followers
from storage.document_reads import decisions_taken, document_text
from storage.events import EventRow
from storage.meeting_rows import StoredMeeting
from storage.outbox import ButtonRows, enqueue_parts
from storage.search import snippet
from storage.watches import active_watchers

DOCUMENT_KINDS = frozenset(
    {EventKind.DOCUMENT, EventKind.DOCUMENT_TEXT, EventKind.DECISIONS, EventKind.CASE}
)


async def document_alerts(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, now: str
) -> None:
    """Outbox rows (due at `now`) for one `document`, `document_text`, `decisions` or `case`
    event."""
    if event.kind == EventKind.CASE:
        await _case_alerts(conn, event, sm, now)
        return
    if event.kind == EventKind.DOCUMENT_TEXT:
        await _watch_alerts(conn, event, sm, now)
        return
    rendered: dict[str, list[str]] = {}
    about = _gathered(event, sm, []) if event.kind == EventKind.DOCUMENT else None
    for follower in await followers(conn, sm.body.id):
        lang = follower.language
        if lang not in rendered:
            rendered[lang] = await _render(conn, event, sm, lang)
        await send_or_gather(
            conn,
            about=about,
            now=now,
            chat_id=follower.chat_id,
            key=f"{event.kind}:{event.id}:{follower.chat_id}",
            kind=event.kind,
            parts=rendered[lang],
            language=lang,
            reply=True,
            thread_id=follower.thread_id,
            meeting_id=sm.id,
            held=follower.digest,
        )


def _item_name(sm: StoredMeeting, position: object, lang: str) -> str:
    at = _position(sm, position)
    if at is None:
        return ""
    item = sm.meeting.items[at]
    ref = t("item_ref", lang, number=item.number) if item.number is not None else ""
    return " ".join(p for p in (ref, esc(item.title or "")) if p)


def _doc_link(detail: dict[str, object]) -> str:
    url, title = detail.get("url"), detail.get("title")
    name = esc(str(title or url or ""))
    return f'<a href="{esc(str(url))}">{name}</a>' if isinstance(url, str) else name


async def _render(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, lang: str
) -> list[str]:
    lines = [meeting_header(sm, lang), ""]
    if event.kind == EventKind.DOCUMENT:
        key = "alert_doc_changed" if event.detail.get("change") == "changed" else "alert_doc_added"
        lines.insert(0, t(key, lang))
        item = _item_name(sm, event.detail.get("position"), lang)
        lines.append(t("alert_doc_line", lang, item=item or "–", link=_doc_link(event.detail)))
    else:
        lines.insert(0, t("alert_decisions", lang))
        lines += await _decision_lines(conn, sm, lang)
    return split_message("\n".join(lines).strip())


async def _decision_lines(conn: aiosqlite.Connection, sm: StoredMeeting, lang: str) -> list[str]:
    lines = []
    for found in await decisions_taken(conn, sm.id):
        name = _item_name(sm, found.position, lang) or esc(found.title or "")
        line = f"<b>§ {found.paragraph}</b> {name}\n{esc(found.decision or '')}"
        if found.reservation:
            line += "\n" + t("doc_reservation", lang, reservation=esc(found.reservation))
        lines.append(line)
    return lines


async def _case_alerts(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, now: str
) -> None:
    key = event.detail.get("case_key")
    if not isinstance(key, str):
        return
    for follow in await case_followers(conn, key):
        lang = await chat_language(conn, follow.chat_id)
        where = _item_name(sm, event.detail.get("position"), lang)
        source = t(f"case_source_{event.detail.get('source', 'agenda')}", lang)
        text = "\n".join(
            [
                t("alert_case", lang, case=esc(follow.case_text)),
                meeting_header(sm, lang),
                "",
                " · ".join(p for p in (where, source) if p),
            ]
        )
        await enqueue_parts(
            conn,
            now=now,
            chat_id=follow.chat_id,
            key=f"{event.kind}:{event.id}:{follow.chat_id}",
            kind=EventKind.CASE,
            parts=split_message(text),
            thread_id=follow.thread_id,
            meeting_id=sm.id,
        )


__all__ = ["DOCUMENT_KINDS", "document_alerts"]


async def _watch_alerts(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, now: str
) -> None:
    watchers = await active_watchers(conn)
    document_id = event.detail.get("id")
    if not watchers or not isinstance(document_id, int):
        return
    text = await document_text(conn, document_id)
    if text is None:
        return
    position = _position(sm, event.detail.get("position"))
    item = sm.meeting.items[position] if position is not None else None
    by_chat = await document_watchers(conn, watchers, text, item)
    for chat_id, found in by_chat.items():
        first = found[0]
        terms = [w.term for w in found][:MAX_WATCH_TERMS]
        message = _render_watch(sm, event, text, terms, first.language)
        await send_or_gather(
            conn,
            about=_gathered(event, sm, terms),
            now=now,
            chat_id=chat_id,
            key=f"watch_doc:{event.id}:{chat_id}",
            kind=AlertKind.WATCH,
            parts=split_message(message),
            language=first.language,
            buttons=_watch_buttons(sm, position, first.language),
            thread_id=first.thread_id,
            meeting_id=sm.id,
            held=first.digest,
        )


def _gathered(event: EventRow, sm: StoredMeeting, terms: list[str]) -> dict[str, object]:
    """What a flood summary needs of a document's alert (`alerts.flood`)."""
    return {
        "meeting": sm.id,
        "doc": event.detail.get("url"),
        "title": event.detail.get("title"),
        "position": event.detail.get("position"),
        "change": event.detail.get("change"),
        "terms": terms,
    }


def _position(sm: StoredMeeting, position: object) -> int | None:
    return position if isinstance(position, int) and 0 <= position < len(sm.meeting.items) else None


def _watch_buttons(sm: StoredMeeting, position: int | None, lang: str) -> ButtonRows:
    if position is None:
        return [[(t("alert_show_meeting", lang), cb_meeting(sm.id))]]
    return [[(item_ref(sm.meeting.items[position], position), cb_item(sm.id, position))]]


def _render_watch(
    sm: StoredMeeting, event: EventRow, text: str, terms: list[str], lang: str
) -> str:
    lines = [t("alert_watch", lang, term=esc(", ".join(terms))), meeting_header(sm, lang), ""]
    item = _item_name(sm, event.detail.get("position"), lang)
    if item:
        lines.append(f"<b>{item}</b>")
    lines.append(t("doc_found_in", lang, title=_doc_link(event.detail)))
    window = snippet([text], [query_term(term) for term in terms])
    if window:
        lines.append(f"<i>{esc(window)}</i>")
    return "\n".join(lines)
