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
from telegram.constants import MessageLimit

from agenda.item_kind import group_items
from agenda.model import Item
from agenda.summary import item_heading
from agenda.titles import heading_text, is_section_heading
from presentation.htmlsplit import split_message
from presentation.render_titles import Titles, item_buttons, legend, mark, source_line
from presentation.texts import format_date, format_time_span, t, tn
from storage.item_title_rows import TitleSource
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
    "seen_key",
    "split_message",
    "truncate",
]

TITLE_CHARS = 64
UNTITLED_LEAD_CHARS = 60
BUTTON_HEADING_CHARS = 16
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


_START = re.compile(r"^([im])_(\d{1,12})(?:_(\d{1,5}))?$")


def start_payload(data: str | None) -> str | None:
    """A meeting or item button as a `t.me/<bot>?start=` payload (`m:5` → `m_5`, `i:5:2` →
    `i_5_2`: a payload allows only letters, digits, `_` and `-`); None for other buttons."""
    parsed = parse_callback(data)
    if parsed is None or parsed[0] not in ("m", "i"):
        return None
    return str(data).replace(":", "_")


def callback_of_start(payload: str) -> str | None:
    """The button a `/start` payload of `start_payload` stands for, None for any other."""
    return payload.replace("_", ":") if _START.match(payload) else None


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


def item_line(
    item: Item,
    lang: str,
    proposal: str | None = None,
    title_chars: int | None = None,
    found: TitleSource | None = None,
) -> str:
    """A real title in full (Telegram wraps it; cut only to `title_chars` when the agenda would
    not fit one message otherwise); an untitled item by a title from evidence (`found`, marked
    📄/🔗), else by the first words of its text, in italics after a dash, so it never reads as the
    item's official title; its documents' proposal."""
    ref = f"<b>{esc(list_ref(item))}</b>"
    if item.title and item.title.strip():
        title = " ".join(item.title.split())
        line = f"{ref} {esc(truncate(title, title_chars) if title_chars else title)}"
    elif found is not None:
        title = truncate(found.title, title_chars) if title_chars else found.title
        line = f"{ref} {esc(title)} {mark(found)}"
    else:
        lead = item_heading(item, UNTITLED_LEAD_CHARS)
        line = f"{ref} – <i>{esc(lead)}</i>" if lead else f"{ref} {t('meeting_untitled', lang)}"
    if proposal:
        line += " " + t("meeting_proposal", lang, proposal=esc(truncate(proposal, TITLE_CHARS)))
    return line


def render_meeting(
    sm: StoredMeeting,
    lang: str,
    proposals: Mapping[int, str] | None = None,
    titles: Titles | None = None,
) -> str:
    """Header, procedural items folded into one line, one line per other item (with its
    documents' proposal, from `proposals` by item position; a title from evidence, from
    `titles`, marked), links at the end: full titles, unless only cut ones fit the agenda in one
    message. The page's own section headings (`TILL FULLMÄKTIGE`) group the items after them in
    page order; without them the items are grouped by kind (to decide, information, other) when
    their titles or proposals tell at least two groups apart, else listed as one list."""
    text = _render_meeting(sm, lang, proposals, None, titles or {})
    if len(text) > MessageLimit.MAX_TEXT_LENGTH:
        text = _render_meeting(sm, lang, proposals, TITLE_CHARS, titles or {})
    return text


def _sections(items: list[Item]) -> list[tuple[str | None, list[int]]]:
    """(heading HTML, positions) in page order when the page has section headings, else []."""
    if not any(is_section_heading(i) for i in items):
        return []
    sections: list[tuple[str | None, list[int]]] = [(None, [])]
    for position, item in enumerate(items):
        if is_section_heading(item):
            sections.append((f"<b>{esc(heading_text(item))}</b>", []))
        elif not item.procedural:
            sections[-1][1].append(position)
    return [s for s in sections if s[0] is not None or s[1]]


def _render_meeting(
    sm: StoredMeeting,
    lang: str,
    proposals: Mapping[int, str] | None,
    title_chars: int | None,
    titles: Titles,
) -> str:
    items = sm.meeting.items
    proposals = proposals or {}
    procedural = [item_ref(i, p) for p, i in enumerate(items) if i.procedural]
    lines = [meeting_header(sm, lang), ""]
    if procedural:
        lines.append(t("meeting_procedural", lang, labels=esc(", ".join(procedural))))
    sections = _sections(items)
    groups: list[tuple[str | None, list[int]]] = sections or [
        (t(f"meeting_group_{kind}", lang), positions)
        for kind, positions in group_items(items, proposals)
    ]
    shown: set[int] = set()
    for heading, positions in groups:
        if heading is not None and (sections or len(groups) > 1):  # only what tells apart
            if lines[-1]:
                lines.append("")
            lines.append(heading)
        for p in positions:
            lines.append(item_line(items[p], lang, proposals.get(p), title_chars, titles.get(p)))
            shown.add(p)
    if not items and not sm.meeting.cancelled:
        lines.append(t("meeting_no_items", lang))
    notes = legend(titles, shown, lang)
    if notes:
        lines += ["", *notes]
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


def _item_title(
    sm: StoredMeeting, item: Item, lang: str, found: TitleSource | None = None
) -> list[str]:
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
    elif found is not None:
        lines += [f"<b>{esc(found.title)}</b> {mark(found)}", source_line(found, lang)]
    return lines


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def seen_key(line: str) -> str:
    """How a printed line is compared with another: case, spacing and punctuation aside."""
    return " ".join(re.sub(r"[^\w§]+", " ", line.casefold()).split())


_HEADING_LINE = re.compile(r"^(?:[\wåäö-]+s )?(?:beslut(?:et)?|reservation(?:er)?)\s*:?$", re.I)


def _unseen(text: str, seen: set[str], hidden: frozenset[str]) -> str:
    """The lines of `text` not printed above (`seen`) and not shown on their own below
    (`hidden`, e.g. the decision), a heading left alone by them dropped too."""
    kept: list[str] = []
    for line in text.replace("\xa0", " ").splitlines():
        key = seen_key(line)
        if key and (key in seen or key in hidden):
            if kept and _HEADING_LINE.match(kept[-1].strip()):
                kept.pop()  # `Beslut` with its decision shown apart
            continue
        kept.append(line)
    while kept and _HEADING_LINE.match(kept[-1].strip()):
        kept.pop()
    return "\n".join(kept).strip()


def _item_body(item: Item, lang: str, hidden: frozenset[str]) -> list[str]:
    """Each text once: the agenda text, the proposal, the minutes' own lines (not those the
    agenda text already printed, nor the decision shown on its own below)."""
    blocks: list[str] = []
    text = (item.text or "").strip()
    seen = {seen_key(line) for line in text.splitlines()}
    if text:
        blocks.append(_paragraphs(text))
    if item.proposal and seen_key(item.proposal) not in seen:
        blocks.append(t("item_proposal", lang) + "\n" + _paragraphs(item.proposal))
        seen.update(seen_key(line) for line in item.proposal.splitlines())
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
    minutes = _unseen(item.minutes_text or "", seen - {""}, hidden)
    if minutes:
        blocks.append(t("item_minutes", lang) + "\n" + _paragraphs(minutes))
    if not blocks and not hidden:
        blocks.append(t("item_no_text", lang))
    return blocks


def render_item(
    sm: StoredMeeting,
    item: Item,
    lang: str,
    hidden: frozenset[str] = frozenset(),
    found: TitleSource | None = None,
) -> str:
    """The item in full, each text once: title (from evidence, `found`, with where it was taken
    from, when the page has none), text, proposal, case numbers, attachments, the minutes' own
    lines. `hidden`: lines (`seen_key`) shown elsewhere in the view (the decision)."""
    title = _item_title(sm, item, lang, found)
    blocks = ["\n".join(title), *_item_body(item, lang, hidden)]
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


def meeting_keyboard(
    sm: StoredMeeting, lang: str, titles: Titles | None = None
) -> InlineKeyboardMarkup:
    """One button per item (up to Telegram's button limit), with its number and the first
    words of its title (`presentation.render_titles`)."""
    return item_buttons(sm, titles, cb_item)


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
