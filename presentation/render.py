"""Telegram HTML for meetings and items, and their buttons; shared by the conversation and alerts.

Why: members read on phones; a meeting must fit one message (one short line per item, the
procedural items folded into one line, the decisions apart from the information) and every
item is one tap away. Every text is built with `presentation.html`, which escapes each portal
string it is given, so no handler can forget it. What a button does when pressed is a value of
`presentation.callbacks` (under 64 bytes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from agenda.item_kind import group_items
from agenda.model import Item
from agenda.summary import item_heading
from agenda.titles import heading_text, is_section_heading
from presentation.callbacks import ShowItem, ShowMeeting
from presentation.html import EMPTY, Html, a, as_html, b, fmt, i, join, stripped, t, tn
from presentation.render_titles import (
    Titles,
    button_label,
    item_buttons,
    legend,
    mark,
    source_line,
)
from presentation.texts import format_date, format_time_span, plain
from storage.item_title_rows import TitleSource
from storage.meeting_rows import StoredMeeting

__all__ = [
    "available_numbers",
    "cb_item",
    "cb_meeting",
    "item_keyboard",
    "item_ref",
    "linkable",
    "list_ref",
    "meeting_header",
    "meeting_keyboard",
    "number_ranges",
    "render_item",
    "render_meeting",
    "seen_key",
    "truncate",
]

TITLE_CHARS = 64
UNTITLED_LEAD_CHARS = 60
BUTTON_HEADING_CHARS = 16
MAX_URL_CHARS = 1000


def truncate(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary with "…" when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:-–") + "…"


def cb_item(meeting_id: int, position: int) -> str:
    """The callback data of an item's button (`ShowItem`), as alerts store it with their text."""
    return ShowItem(meeting_id, position).encode()


def cb_meeting(meeting_id: int) -> str:
    """The callback data of a meeting's button (`ShowMeeting`), as alerts store it."""
    return ShowMeeting(meeting_id).encode()


def item_ref(item: Item, position: int) -> str:
    """How an item is named on buttons: `4`, `§ 54`, else the first words of its heading.

    An item whose number the page lost must not look numbered: `#4` beside a real item 4 sent
    members to the wrong item. `position` is the fallback when the item has no text at all.
    """
    return item.label() or truncate(item_heading(item), BUTTON_HEADING_CHARS) or f"({position + 1})"


def list_ref(item: Item) -> str:
    """The number column of a meeting list: `4`, `§ 54`, or a bullet for an unnumbered item."""
    return item.label() or "•"


def meeting_header(sm: StoredMeeting, lang: str) -> Html:
    meeting = sm.meeting
    lines = [b(sm.body.display_name)]
    when = format_date(meeting.date, lang) if meeting.date else ""
    span = format_time_span(meeting.start, meeting.end)
    if when or span:
        lines.append(join(", ", (p for p in (when, span) if p)))
    if meeting.place:
        lines.append(fmt("📍 {}", truncate(meeting.place, 200)))
    if meeting.cancelled:
        lines.append(t("meeting_cancelled", lang))
    return join("\n", lines)


def _links(sm: StoredMeeting, lang: str) -> Html:
    links = []
    if linkable(sm.meeting.url):
        links.append(t("meeting_links", lang, url=sm.meeting.url or ""))
    if linkable(sm.meeting.minutes_url):
        links.append(t("meeting_minutes_link", lang, url=sm.meeting.minutes_url or ""))
    return join(" · ", links)


def linkable(url: str | None) -> bool:
    """May `url` be a link in a message: http(s), and short enough that its tag fits a
    message part (a longer one would be cut inside the tag)."""
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
) -> Html:
    """A real title in full (Telegram wraps it; cut only to `title_chars` when the agenda would
    not fit one message otherwise); an untitled item by a title from evidence (`found`, marked
    📄/🔗), else by the first words of its text, in italics after a dash, so it never reads as the
    item's official title; its documents' proposal."""
    ref = b(list_ref(item))
    if item.title and item.title.strip():
        title = " ".join(item.title.split())
        line = fmt("{} {}", ref, truncate(title, title_chars) if title_chars else title)
    elif found is not None:
        title = truncate(found.title, title_chars) if title_chars else found.title
        line = fmt("{} {} {}", ref, title, mark(found))
    else:
        lead = item_heading(item, UNTITLED_LEAD_CHARS)
        untitled = t("meeting_untitled", lang)
        line = fmt("{} – {}", ref, i(lead)) if lead else fmt("{} {}", ref, untitled)
    if proposal:
        said = t("meeting_proposal", lang, proposal=truncate(proposal, TITLE_CHARS))
        line = fmt("{} {}", line, said)
    return line


def render_meeting(
    sm: StoredMeeting,
    lang: str,
    proposals: Mapping[int, str] | None = None,
    titles: Titles | None = None,
) -> Html:
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


def _sections(items: list[Item]) -> list[tuple[Html | None, list[int]]]:
    """(heading HTML, positions) in page order when the page has section headings, else []."""
    if not any(is_section_heading(item) for item in items):
        return []
    sections: list[tuple[Html | None, list[int]]] = [(None, [])]
    for position, item in enumerate(items):
        if is_section_heading(item):
            sections.append((b(heading_text(item)), []))
        elif not item.procedural:
            sections[-1][1].append(position)
    return [s for s in sections if s[0] is not None or s[1]]


def _render_meeting(
    sm: StoredMeeting,
    lang: str,
    proposals: Mapping[int, str] | None,
    title_chars: int | None,
    titles: Titles,
) -> Html:
    items = sm.meeting.items
    proposals = proposals or {}
    procedural = [item_ref(item, p) for p, item in enumerate(items) if item.procedural]
    lines = [meeting_header(sm, lang), EMPTY]
    if procedural:
        lines.append(t("meeting_procedural", lang, labels=", ".join(procedural)))
    sections = _sections(items)
    groups: list[tuple[Html | None, list[int]]] = sections or [
        (t(f"meeting_group_{kind}", lang), positions)
        for kind, positions in group_items(items, proposals)
    ]
    shown: set[int] = set()
    for heading, positions in groups:
        if heading is not None and (sections or len(groups) > 1):  # only what tells apart
            if lines[-1]:
                lines.append(EMPTY)
            lines.append(heading)
        for p in positions:
            lines.append(item_line(items[p], lang, proposals.get(p), title_chars, titles.get(p)))
            shown.add(p)
    if not items and not sm.meeting.cancelled:
        lines.append(t("meeting_no_items", lang))
    notes = legend(titles, shown, lang)
    if notes:
        lines += [EMPTY, *notes]
    links = _links(sm, lang)
    if links:
        lines += [EMPTY, links]
    return stripped(join("\n", lines))


def _paragraphs(text: str) -> Html:
    """Escaped text with its paragraph breaks kept and runs of blank lines collapsed."""
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines()]
    return as_html(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def _unnumbered_label(sm: StoredMeeting, item: Item, lang: str) -> Html:
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
        ref = as_html(before.label())
    return t("item_unnumbered_after", lang, ref=ref)


def _item_title(
    sm: StoredMeeting, item: Item, lang: str, found: TitleSource | None = None
) -> list[Html]:
    date = format_date(sm.meeting.date, lang) if sm.meeting.date else ""
    head = fmt("{} · {}", b(sm.body.display_name), date) if date else b(sm.body.display_name)
    if item.number is not None:
        label = t("item_title", lang, label=item.number)
    elif item.number_label:  # a lettered sub-item: `Punkt 9 a`
        label = t("item_title", lang, label=item.number_label)
    elif item.paragraph is not None:  # a minutes entry: `§ 54`, not `Punkt § 54`
        label = t("item_paragraph", lang, paragraph=item.paragraph)
    else:
        label = _unnumbered_label(sm, item, lang)
    if (item.number is not None or item.number_label) and item.paragraph is not None:
        label = fmt("{} · {}", label, t("item_paragraph", lang, paragraph=item.paragraph))
    lines = [head, b(label)]
    if item.title:
        lines.append(b(" ".join(item.title.split())))
    elif found is not None:
        lines += [fmt("{} {}", b(found.title), mark(found)), source_line(found, lang)]
    return lines


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


def _item_body(item: Item, lang: str, hidden: frozenset[str]) -> list[Html]:
    """Each text once: the agenda text, the proposal, the minutes' own lines (not those the
    agenda text already printed, nor the decision shown on its own below)."""
    blocks: list[Html] = []
    text = (item.text or "").strip()
    seen = {seen_key(line) for line in text.splitlines()}
    if text:
        blocks.append(_paragraphs(text))
    if item.proposal and seen_key(item.proposal) not in seen:
        blocks.append(fmt("{}\n{}", t("item_proposal", lang), _paragraphs(item.proposal)))
        seen.update(seen_key(line) for line in item.proposal.splitlines())
    if item.case_numbers:
        blocks.append(t("item_cases", lang, cases=", ".join(item.case_numbers)))
    if item.attachments:
        links = [
            fmt("• {}", a(doc.url or "", doc.title or doc.url or ""))
            if linkable(doc.url)
            else fmt("• {}", doc.title)
            for doc in item.attachments
        ]
        blocks.append(fmt("{}\n{}", t("item_attachments", lang), join("\n", links)))
    minutes = _unseen(item.minutes_text or "", seen - {""}, hidden)
    if minutes:
        blocks.append(fmt("{}\n{}", t("item_minutes", lang), _paragraphs(minutes)))
    if not blocks and not hidden:
        blocks.append(t("item_no_text", lang))
    return blocks


def render_item(
    sm: StoredMeeting,
    item: Item,
    lang: str,
    hidden: frozenset[str] = frozenset(),
    found: TitleSource | None = None,
) -> Html:
    """The item in full, each text once: title (from evidence, `found`, with where it was taken
    from, when the page has none), text, proposal, case numbers, attachments, the minutes' own
    lines. `hidden`: lines (`seen_key`) shown elsewhere in the view (the decision)."""
    title = _item_title(sm, item, lang, found)
    return join("\n\n", [join("\n", title), *_item_body(item, lang, hidden)])


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


def available_numbers(sm: StoredMeeting, lang: str) -> Html:
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


def item_keyboard(
    sm: StoredMeeting, position: int, lang: str, titles: Titles | None = None
) -> InlineKeyboardMarkup:
    """Previous item, back to the meeting, next item: the neighbours named like the meeting's
    buttons (number and the title's first words), section headings stepped over."""
    items = sm.meeting.items
    found = titles or {}
    before = [p for p in range(position - 1, -1, -1) if not is_section_heading(items[p])]
    after = [p for p in range(position + 1, len(items)) if not is_section_heading(items[p])]
    row: list[InlineKeyboardButton] = []
    if before:
        prev = button_label(items[before[0]], before[0], found.get(before[0]))
        row.append(ShowItem(sm.id, before[0]).button(f"◀ {prev}"))
    row.append(ShowMeeting(sm.id).button(plain("button_meeting", lang)))
    if after:
        nxt = button_label(items[after[0]], after[0], found.get(after[0]))
        row.append(ShowItem(sm.id, after[0]).button(f"{nxt} ▶"))
    return InlineKeyboardMarkup([row])
