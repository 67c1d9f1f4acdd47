"""Telegram HTML for meetings and items, and their buttons; shared by the conversation and alerts.

Why: members read on phones; a meeting must fit one message (one short line per item, the
procedural items folded into one line, the decisions apart from the information) and every
item is one tap away. Every portal string is escaped here, once, so no handler can forget it.
`callback_data` formats (all < 64 bytes): `i:<meeting_id>:<position>` item, `m:<meeting_id>`
meeting, `f:<body_id>` follow, `u:<body_id>` unfollow.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardMarkupLimit, MessageLimit

from agenda.item_kind import group_items
from agenda.model import Item
from agenda.summary import item_heading, item_source, item_summary
from presentation.htmlsplit import split_message
from presentation.texts import format_date, format_time_span, t, tn
from storage.meeting_rows import StoredMeeting

__all__ = [
    "available_numbers",
    "cb_follow",
    "cb_item",
    "cb_meeting",
    "cb_unfollow",
    "esc",
    "item_keyboard",
    "item_ref",
    "list_ref",
    "meeting_header",
    "meeting_keyboard",
    "number_ranges",
    "parse_callback",
    "render_item",
    "render_meeting",
    "split_message",
    "truncate",
]

TITLE_CHARS = 64
UNTITLED_LEAD_CHARS = 60
BUTTON_HEADING_CHARS = 16
ITEM_BUTTONS_PER_ROW = 6
MAX_URL_CHARS = 1000
_CALLBACK = re.compile(r"^([imfu]):(\d{1,12})(?::(\d{1,5}))?$")


def esc(text: str) -> str:
    """Escape a portal or user string for Telegram HTML (text and attribute values)."""
    return html.escape(text, quote=True)


def truncate(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary with "…" when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:-–") + "…"


def cb_item(meeting_id: int, position: int) -> str:
    return f"i:{meeting_id}:{position}"


def cb_meeting(meeting_id: int) -> str:
    return f"m:{meeting_id}"


def cb_follow(body_id: int) -> str:
    return f"f:{body_id}"


def cb_unfollow(body_id: int) -> str:
    return f"u:{body_id}"


def parse_callback(data: str | None) -> tuple[str, int, int | None] | None:
    """(kind, id, position) of our callback data, None for anything else."""
    match = _CALLBACK.match(data or "")
    if not match:
        return None
    position = int(match.group(3)) if match.group(3) is not None else None
    return match.group(1), int(match.group(2)), position


def item_ref(item: Item, position: int) -> str:
    """How an item is named on buttons: `4`, `§ 54`, else the first words of its heading.

    An item whose number the page lost must not look numbered: `#4` beside a real item 4 sent
    members to the wrong item. `position` is the fallback when the item has no text at all.
    """
    return item.label() or truncate(item_heading(item), BUTTON_HEADING_CHARS) or f"({position + 1})"


def list_ref(item: Item) -> str:
    """The number column of a meeting list: `4`, `§ 54`, or a bullet for an unnumbered item."""
    return item.label() or "•"


def meeting_header(sm: StoredMeeting, lang: str) -> str:
    meeting = sm.meeting
    lines = [f"<b>{esc(sm.body.display_name)}</b>"]
    when = format_date(meeting.date, lang) if meeting.date else ""
    span = format_time_span(meeting.start, meeting.end)
    if when or span:
        lines.append(", ".join(p for p in (when, span) if p))
    if meeting.place:
        lines.append(f"📍 {esc(truncate(meeting.place, 200))}")
    if meeting.cancelled:
        lines.append(t("meeting_cancelled", lang))
    return "\n".join(lines)


def _links(sm: StoredMeeting, lang: str) -> str:
    links = []
    if _linkable(sm.meeting.url):
        links.append(t("meeting_links", lang, url=esc(sm.meeting.url or "")))
    if _linkable(sm.meeting.minutes_url):
        links.append(t("meeting_minutes_link", lang, url=esc(sm.meeting.minutes_url or "")))
    return " · ".join(links)


def _linkable(url: str | None) -> bool:
    return (
        bool(url)
        and len(url or "") <= MAX_URL_CHARS
        and (url or "").startswith(("http://", "https://"))
    )


def _item_line(
    item: Item, lang: str, proposal: str | None = None, title_chars: int | None = None
) -> str:
    """A real title in full (Telegram wraps it; cut only to `title_chars` when the agenda would
    not fit one message otherwise); an untitled item by the first words of its text, in italics
    after a dash, so it never reads as the item's official title; its documents' proposal."""
    ref = f"<b>{esc(list_ref(item))}</b>"
    if item.title and item.title.strip():
        title = " ".join(item.title.split())
        line = f"{ref} {esc(truncate(title, title_chars) if title_chars else title)}"
    else:
        lead = item_heading(item, UNTITLED_LEAD_CHARS)
        line = f"{ref} – <i>{esc(lead)}</i>" if lead else f"{ref} {t('meeting_untitled', lang)}"
    if proposal:
        line += " " + t("meeting_proposal", lang, proposal=esc(truncate(proposal, TITLE_CHARS)))
    return line


def render_meeting(sm: StoredMeeting, lang: str, proposals: Mapping[int, str] | None = None) -> str:
    """Header, procedural items folded into one line, one line per other item (with its
    documents' proposal, from `proposals` by item position), links at the end: full titles,
    unless only cut ones fit the agenda in one message. The items are grouped under headings
    (to decide, information, other) when their titles or proposals tell at least two groups
    apart, else listed in page order as one list."""
    text = _render_meeting(sm, lang, proposals, None)
    if len(text) > MessageLimit.MAX_TEXT_LENGTH:
        text = _render_meeting(sm, lang, proposals, TITLE_CHARS)
    return text


def _render_meeting(
    sm: StoredMeeting, lang: str, proposals: Mapping[int, str] | None, title_chars: int | None
) -> str:
    items = sm.meeting.items
    proposals = proposals or {}
    procedural = [item_ref(i, p) for p, i in enumerate(items) if i.procedural]
    lines = [meeting_header(sm, lang), ""]
    if procedural:
        lines.append(t("meeting_procedural", lang, labels=esc(", ".join(procedural))))
    groups = group_items(items, proposals)
    for kind, positions in groups:
        if len(groups) > 1:  # a heading only where something is told apart
            if lines[-1]:
                lines.append("")
            lines.append(t(f"meeting_group_{kind}", lang))
        lines += [_item_line(items[p], lang, proposals.get(p), title_chars) for p in positions]
    if not items and not sm.meeting.cancelled:
        lines.append(t("meeting_no_items", lang))
    links = _links(sm, lang)
    if links:
        lines += ["", links]
    return "\n".join(lines).strip()


def _paragraphs(text: str) -> str:
    """Escaped text with its paragraph breaks kept and runs of blank lines collapsed."""
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(esc(line) for line in lines)).strip()


def _unnumbered_label(sm: StoredMeeting, item: Item, lang: str) -> str:
    """`Punkt utan nummer på sidan, efter punkt 4`: where the item sits, without a made-up number
    (its place in the list, `5 av 20`, read as an item number beside real ones)."""
    items = sm.meeting.items
    position = next((p for p, i in enumerate(items) if i is item), 0)
    before = next((i for i in reversed(items[:position]) if i.label()), None)
    if before is None:
        return t("item_unnumbered", lang)
    if before.number is not None:
        ref = t("item_ref", lang, number=before.number)
    else:
        ref = esc(before.label())
    return t("item_unnumbered_after", lang, ref=ref)


def _item_title(sm: StoredMeeting, item: Item, lang: str) -> list[str]:
    date = format_date(sm.meeting.date, lang) if sm.meeting.date else ""
    head = f"<b>{esc(sm.body.display_name)}</b>" + (f" · {date}" if date else "")
    if item.number is not None:
        label = t("item_title", lang, label=item.number)
    elif item.number_label:  # a lettered sub-item: `Punkt 9 a`
        label = t("item_title", lang, label=esc(item.number_label))
    elif item.paragraph is not None:  # a minutes entry: `§ 54`, not `Punkt § 54`
        label = t("item_paragraph", lang, paragraph=item.paragraph)
    else:
        label = _unnumbered_label(sm, item, lang)
    if (item.number is not None or item.number_label) and item.paragraph is not None:
        label += " · " + t("item_paragraph", lang, paragraph=item.paragraph)
    lines = [head, f"<b>{label}</b>"]
    if item.title:
        lines.append(f"<b>{esc(' '.join(item.title.split()))}</b>")
    return lines


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _item_body(item: Item, lang: str) -> list[str]:
    blocks: list[str] = []
    summary = item_summary(item)
    text = (item.text or "").strip()
    shown_in_full = _flat(item_source(item))  # the text, else the minutes: printed below anyway
    if summary and not shown_in_full.startswith(_flat(summary).rstrip("…")):
        blocks.append(f"<i>{esc(summary)}</i>")
    if text:
        blocks.append(_paragraphs(text))
    if item.proposal:
        blocks.append(t("item_proposal", lang) + "\n" + _paragraphs(item.proposal))
    if item.case_numbers:
        blocks.append(t("item_cases", lang, cases=esc(", ".join(item.case_numbers))))
    if item.attachments:
        links = [
            f'• <a href="{esc(a.url or "")}">{esc(a.title or a.url or "")}</a>'
            if _linkable(a.url)
            else f"• {esc(a.title)}"
            for a in item.attachments
        ]
        blocks.append(t("item_attachments", lang) + "\n" + "\n".join(links))
    if item.minutes_text and _flat(item.minutes_text) != _flat(text):
        blocks.append(t("item_minutes", lang) + "\n" + _paragraphs(item.minutes_text))
    if not blocks:
        blocks.append(t("item_no_text", lang))
    return blocks


def render_item(sm: StoredMeeting, item: Item, lang: str) -> str:
    """The item in full: title, summary (unless the text begins with it), text, proposal, case
    numbers, attachments, minutes."""
    blocks = ["\n".join(_item_title(sm, item, lang)), *_item_body(item, lang)]
    return "\n\n".join(blocks)


def number_ranges(numbers: list[int]) -> str:
    """`1–13, 23` for [1, …, 13, 23]: a long agenda's numbers fit one line on a phone."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(
        str(a) if a == b else f"{a}, {b}" if b == a + 1 else f"{a}–{b}" for a, b in spans
    )


def available_numbers(sm: StoredMeeting, lang: str) -> str:
    """Which item numbers a meeting has, and how many items the page left without one (they
    exist: saying only "the items are 2, 3, 4, 23" hid sixteen of them)."""
    items = sm.meeting.items
    numbers = [i.number for i in items if i.number is not None]
    paragraphs = [i.paragraph for i in items if i.number is None and i.paragraph is not None]
    unnumbered = sum(1 for i in items if not i.label())
    if numbers and not unnumbered and not paragraphs:
        return t("item_available", lang, labels=number_ranges(numbers))
    if numbers:
        rest = unnumbered + len(paragraphs)
        return tn("item_available_some", lang, rest, labels=number_ranges(numbers))
    if paragraphs:
        labels = number_ranges(paragraphs)
        return t("item_only_paragraphs", lang, labels=labels, first=min(paragraphs))
    return t("item_none_numbered", lang)


def meeting_keyboard(sm: StoredMeeting, lang: str) -> InlineKeyboardMarkup:
    """One button per item (up to Telegram's button limit), several to a row."""
    limit = InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER
    buttons = [
        InlineKeyboardButton(item_ref(item, p), callback_data=cb_item(sm.id, p))
        for p, item in enumerate(sm.meeting.items[:limit])
    ]
    rows = [
        buttons[i : i + ITEM_BUTTONS_PER_ROW] for i in range(0, len(buttons), ITEM_BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


def item_keyboard(sm: StoredMeeting, position: int, lang: str) -> InlineKeyboardMarkup:
    """Previous item, back to the meeting, next item."""
    items = sm.meeting.items
    row: list[InlineKeyboardButton] = []
    if position > 0:
        prev = item_ref(items[position - 1], position - 1)
        row.append(InlineKeyboardButton(f"◀ {prev}", callback_data=cb_item(sm.id, position - 1)))
    row.append(InlineKeyboardButton(t("button_meeting", lang), callback_data=cb_meeting(sm.id)))
    if position + 1 < len(items):
        nxt = item_ref(items[position + 1], position + 1)
        row.append(InlineKeyboardButton(f"{nxt} ▶", callback_data=cb_item(sm.id, position + 1)))
    return InlineKeyboardMarkup([row])
