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
from presentation.html import EMPTY, Html, a, as_html, b, fmt, i, join, split, t
from presentation.render import cb_item, cb_meeting, item_ref, meeting_header
from presentation.texts import plain
from storage.cases import case_followers
from storage.chats import chat_language, followers
from storage.document_reads import decisions_taken, document_text
from storage.document_rows import Decision
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
    rendered: dict[str, list[Html]] = {}
    about = _gathered(event, sm, []) if event.kind == EventKind.DOCUMENT else None
    for follower in await followers(conn, sm.body.id):
        lang = follower.language
        if lang not in rendered:
            decisions = (
                [] if event.kind == EventKind.DOCUMENT else await decisions_taken(conn, sm.id)
            )
            rendered[lang] = render_document_event(event, sm, decisions, lang)
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


def _item_name(sm: StoredMeeting, position: object, lang: str) -> Html:
    at = _position(sm, position)
    if at is None:
        return EMPTY
    item = sm.meeting.items[at]
    ref = t("item_ref", lang, number=item.number) if item.number is not None else EMPTY
    return join(" ", [p for p in (ref, as_html(item.title or "")) if p])


def _doc_link(detail: dict[str, object]) -> Html:
    url, title = detail.get("url"), detail.get("title")
    name = str(title or url or "")
    return a(url, name) if isinstance(url, str) else as_html(name)


def render_document_event(
    event: EventRow, sm: StoredMeeting, decisions: list[Decision], lang: str
) -> list[Html]:
    """The parts of a `document` alert (a late or changed attachment), or of a `decisions`
    alert listing `decisions`."""
    lines = [meeting_header(sm, lang), EMPTY]
    if event.kind == EventKind.DOCUMENT:
        key = "alert_doc_changed" if event.detail.get("change") == "changed" else "alert_doc_added"
        lines.insert(0, t(key, lang))
        item = _item_name(sm, event.detail.get("position"), lang)
        lines.append(t("alert_doc_line", lang, item=item or "–", link=_doc_link(event.detail)))
    else:
        lines.insert(0, t("alert_decisions", lang))
        lines += _decision_lines(sm, decisions, lang)
    return split(join("\n", lines))


def _decision_lines(sm: StoredMeeting, decisions: list[Decision], lang: str) -> list[Html]:
    lines = []
    for found in decisions:
        name = _item_name(sm, found.position, lang) or as_html(found.title or "")
        line = fmt("{} {}\n{}", b(f"§ {found.paragraph}"), name, found.decision or "")
        if found.reservation:
            reservation = t("doc_reservation", lang, reservation=found.reservation)
            line = fmt("{}\n{}", line, reservation)
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
        text = case_alert(event, sm, follow.case_text, lang)
        await enqueue_parts(
            conn,
            now=now,
            chat_id=follow.chat_id,
            key=f"{event.kind}:{event.id}:{follow.chat_id}",
            kind=EventKind.CASE,
            parts=split(text),
            thread_id=follow.thread_id,
            meeting_id=sm.id,
        )


def case_alert(event: EventRow, sm: StoredMeeting, case_text: str, lang: str) -> Html:
    """A followed case seen somewhere new: the case, the meeting, the item and the source."""
    where = _item_name(sm, event.detail.get("position"), lang)
    source = t(f"case_source_{event.detail.get('source', 'agenda')}", lang)
    return join(
        "\n",
        [
            t("alert_case", lang, case=case_text),
            meeting_header(sm, lang),
            EMPTY,
            join(" · ", [p for p in (where, source) if p]),
        ],
    )


__all__ = [
    "DOCUMENT_KINDS",
    "case_alert",
    "document_alerts",
    "render_document_event",
    "render_document_watch",
]


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
        message = render_document_watch(sm, event, text, terms, first.language)
        await send_or_gather(
            conn,
            about=_gathered(event, sm, terms),
            now=now,
            chat_id=chat_id,
            key=f"watch_doc:{event.id}:{chat_id}",
            kind=AlertKind.WATCH,
            parts=split(message),
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
        return [[(plain("alert_show_meeting", lang), cb_meeting(sm.id))]]
    return [[(item_ref(sm.meeting.items[position], position), cb_item(sm.id, position))]]


def render_document_watch(
    sm: StoredMeeting, event: EventRow, text: str, terms: list[str], lang: str
) -> Html:
    """A watched word found in a document's `text`: the words, the meeting, the item, a link
    to the document and the words around the first hit."""
    lines = [t("alert_watch", lang, term=", ".join(terms)), meeting_header(sm, lang), EMPTY]
    item = _item_name(sm, event.detail.get("position"), lang)
    if item:
        lines.append(b(item))
    lines.append(t("doc_found_in", lang, title=_doc_link(event.detail)))
    window = snippet([text], [query_term(term) for term in terms])
    if window:
        lines.append(i(window))
    return join("\n", lines)
