"""How a flood reads: many new meetings, or many new or changed documents, as one message.

Why: a chain of new meeting pages or a batch of late attachments used to reach a member as one
message each (198 "new agenda" alerts in one cycle). `alerts.flood` decides when a chat gets a
summary instead; this renders it: a numbered line per meeting (body, date, items, watched words)
or per document (meeting, item, link), and a button per number that opens the meeting (`m:`)
or the document's item with its documents (`i:`), the callback formats of `presentation.render`
(all under 64 bytes). A documents summary never mixes in `m:` buttons: pressing an `i:` button
under a message that has one edits that message in place (the item view's "back" button).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.constants import MessageLimit

from presentation.html import EMPTY, Html, Parts, a, b, fmt, join, split, t, tn
from presentation.render import cb_item, cb_meeting, item_ref, truncate
from presentation.texts import format_date, format_short_date
from storage.meeting_rows import StoredMeeting
from storage.outbox_payload import ButtonRows

MAX_LINES = 40  # lines listed; the rest are counted
MAX_BUTTONS = 30  # Telegram allows 100; a phone screen shows about this many
BUTTONS_PER_ROW = 5


@dataclass(slots=True)
class MeetingEntry:
    """A new meeting in a summary, with the watched words the chat has in it."""

    sm: StoredMeeting
    terms: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DocumentEntry:
    """A new or changed document in a summary: its meeting, item position, title and link."""

    sm: StoredMeeting
    position: int | None
    title: str
    url: str
    changed: bool = False
    terms: list[str] = field(default_factory=list)


def _words(terms: list[str], lang: str) -> Html:
    if not terms:
        return EMPTY
    shown = join(", ", (b(term) for term in dict.fromkeys(terms)))
    return fmt(" · {}", t("alert_flood_watch", lang, terms=shown))


def _rows(buttons: list[tuple[str, str]]) -> ButtonRows:
    buttons = buttons[:MAX_BUTTONS]
    return [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]


def _more(total: int, lang: str) -> list[Html]:
    return [t("alert_flood_more", lang, n=total - MAX_LINES)] if total > MAX_LINES else []


def meetings_summary(entries: list[MeetingEntry], lang: str) -> tuple[Parts, ButtonRows]:
    """`🆕 12 nya kallelser`, a numbered line per meeting, a button per number."""
    lines = [tn("alert_flood_meetings", lang, len(entries)), EMPTY]
    buttons: list[tuple[str, str]] = []
    for n, entry in enumerate(entries[:MAX_LINES], start=1):
        meeting, count = entry.sm.meeting, len(entry.sm.meeting.items)
        when = format_short_date(meeting.date, lang) if meeting.date else "?"
        items = t("meetings_one_item" if count == 1 else "meetings_items", lang, count=count)
        body = entry.sm.body.display_name
        line = t("meetings_line", lang, date=when, body=body, count=items)
        lines.append(fmt("{}. {}{}", n, line, _words(entry.terms, lang)))
        buttons.append((f"{n}. {when}", cb_meeting(entry.sm.id)))
    lines += [*_more(len(entries), lang), EMPTY, t("alert_flood_meetings_hint", lang)]
    return list(split(join("\n", lines))), _rows(buttons)


def _item_name(sm: StoredMeeting, position: int | None, lang: str) -> Html | str:
    if position is None or not 0 <= position < len(sm.meeting.items):
        return "–"
    item = sm.meeting.items[position]
    ref = t("item_ref", lang, number=item.number) if item.number is not None else ""
    return join(" ", (p for p in (ref, truncate(item.title or "", 80)) if p)) or "–"


def documents_summary(entries: list[DocumentEntry], lang: str) -> tuple[Parts, ButtonRows]:
    """`📎 30 nya eller ändrade handlingar`, grouped by meeting, a button per item. The titles
    link their files when that still fits one message; otherwise they are plain (each item's
    button shows its documents with their links)."""
    text, buttons = _documents_text(entries, lang, links=True)
    if len(text) > MessageLimit.MAX_TEXT_LENGTH:
        text, buttons = _documents_text(entries, lang, links=False)
    return list(split(text)), buttons


def _documents_text(
    entries: list[DocumentEntry], lang: str, *, links: bool
) -> tuple[Html, ButtonRows]:
    lines = [tn("alert_flood_documents", lang, len(entries))]
    buttons: dict[str, tuple[str, str]] = {}
    shown: int | None = None
    for n, entry in enumerate(entries[:MAX_LINES], start=1):
        if entry.sm.id != shown:
            shown = entry.sm.id
            day = entry.sm.meeting.date
            when = format_date(day, lang) if day else ""
            name = b(entry.sm.body.display_name)
            lines += [EMPTY, fmt("{} {}", name, when) if when else name]
        title = truncate(entry.title, 60)
        link = a(entry.url, title) if links else title
        mark = fmt(" {}", t("alert_flood_changed", lang)) if entry.changed else EMPTY
        item = _item_name(entry.sm, entry.position, lang)
        said = t("alert_doc_line", lang, item=item, link=link)
        lines.append(fmt("{}. {}{}{}", n, said, mark, _words(entry.terms, lang)))
        if entry.position is not None and 0 <= entry.position < len(entry.sm.meeting.items):
            data = cb_item(entry.sm.id, entry.position)
            ref = item_ref(entry.sm.meeting.items[entry.position], entry.position)
            buttons.setdefault(data, (f"{n}. {ref}", data))
    lines += [*_more(len(entries), lang), EMPTY, t("alert_flood_documents_hint", lang)]
    return join("\n", lines), _rows(list(buttons.values()))
