"""How "new since you looked" reads: the line in /nasta and the meeting view, the /nytt list,
the mark in an item, and /forbered's checklist.

Why: a member preparing a meeting wants to see at a glance what changed since they looked and
what they still have to read; the wording and the buttons are shared here so /nytt, the meeting
view and the checklist agree. Every portal string is escaped; the buttons are
`presentation.callbacks` values (`NextNews`, `ToggleRead`, `ShowItem`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from telegram import InlineKeyboardMarkup
from telegram.constants import InlineKeyboardMarkupLimit

from presentation.callbacks import NextNews, ShowItem, ToggleRead
from presentation.html import EMPTY, Html, a, b, fmt, join, t, tn
from presentation.render import item_line, item_ref, truncate
from presentation.render_titles import Titles, button_label, legend
from presentation.texts import format_date, format_short_date, plain
from storage.document_rows import ItemSubstance
from storage.meeting_rows import StoredMeeting

LINE_ITEMS = 8
TITLE_CHARS = 60
BUTTONS_PER_ROW = 4
PROPOSAL_CHARS = 220
DOCUMENT_LINKS = 3


def kinds_text(kinds: Sequence[str], lang: str) -> Html:
    return join(", ", (t(f"news_{kind}", lang) for kind in kinds))


def _ref(sm: StoredMeeting, position: int) -> Html:
    return b(item_ref(sm.meeting.items[position], position))


def news_line(sm: StoredMeeting, found: Mapping[int, Sequence[str]], lang: str) -> Html:
    """`🆕 Nytt sedan du tittade: 4 (ny text); 7 (ny punkt) – /nytt` ('' when nothing)."""
    if not found:
        return EMPTY
    parts = [
        fmt("{} ({})", _ref(sm, p), kinds_text(kinds, lang))
        for p, kinds in sorted(found.items())[:LINE_ITEMS]
    ]
    if len(found) > LINE_ITEMS:
        parts.append(fmt("…"))
    return t("news_line", lang, items=join("; ", parts))


def news_in_item(kinds: Sequence[str], lang: str) -> Html:
    return t("news_in_item", lang, kinds=kinds_text(kinds, lang)) if kinds else EMPTY


def _meeting_name(sm: StoredMeeting, lang: str) -> tuple[str, str]:
    when = format_short_date(sm.meeting.date, lang) if sm.meeting.date else "?"
    return sm.body.display_name, when


def news_block(
    sm: StoredMeeting, found: Mapping[int, Sequence[str]], looked: str, lang: str
) -> Html:
    """One meeting's news in /nytt: the meeting, then one marked line per item."""
    body, when = _meeting_name(sm, lang)
    lines = [t("news_meeting", lang, body=body, date=when, looked=looked)]
    for position, kinds in sorted(found.items()):
        item = sm.meeting.items[position]
        title = truncate(item.title or item.text or "", TITLE_CHARS)
        ref = _ref(sm, position)
        lines.append(t("news_item", lang, ref=ref, title=title, kinds=kinds_text(kinds, lang)))
    return join("\n", lines)


def unseen_line(sm: StoredMeeting, lang: str) -> Html:
    body, when = _meeting_name(sm, lang)
    return tn("news_unseen", lang, len(sm.meeting.items), body=body, date=when)


def news_keyboard(
    found: Sequence[tuple[StoredMeeting, int]], lang: str
) -> InlineKeyboardMarkup | None:
    """A button per item with news (up to Telegram's limit), then "one at a time"."""
    if not found:
        return None
    limit = InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER - 1
    buttons = [
        ShowItem(sm.id, p).button(f"🆕 {item_ref(sm.meeting.items[p], p)}"[:40])
        for sm, p in found[:limit]
    ]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    rows.append([NextNews().button(plain("news_one_by_one", lang))])
    return InlineKeyboardMarkup(rows)


def _documents(substance: ItemSubstance) -> Html:
    links = [
        a(d.url, truncate(d.title or d.url, 40))
        for d in substance.documents[:DOCUMENT_LINKS]
        if d.url.startswith(("http://", "https://"))
    ]
    if len(substance.documents) > DOCUMENT_LINKS:
        links.append(fmt("…"))
    return join(", ", links)


def checklist(
    sm: StoredMeeting,
    positions: Sequence[int],
    proposals: Mapping[int, str],
    substances: Mapping[int, ItemSubstance],
    marks: Mapping[int, str],
    lang: str,
    titles: Titles | None = None,
) -> Html:
    """/forbered: the items to decide, each with its proposal, documents and read mark, and
    `7 av 12 lästa`; `titles`: titles from evidence for the items the page left untitled."""
    when = format_date(sm.meeting.date, lang) if sm.meeting.date else "?"
    header = t("prepare_header", lang, body=sm.body.display_name, date=when)
    read = sum(1 for p in positions if marks.get(p) == "read")
    blocks = [fmt("{}\n{}", header, t("prepare_count", lang, read=read, total=len(positions)))]
    for position in positions:
        item = sm.meeting.items[position]
        mark = {"read": "✅", "changed": "⚠️"}.get(marks.get(position, ""), "⬜")
        # as in the meeting view: a printed title, a title from evidence (marked), or the
        # first words of the text in italics (never read as an official title)
        line = item_line(item, lang, title_chars=120, found=(titles or {}).get(position))
        lines = [fmt("{} {}", mark, line)]
        if marks.get(position) == "changed":
            lines.append(t("prepare_changed", lang))
        proposal = item.proposal or proposals.get(position)
        lines.append(
            t("prepare_proposal", lang, proposal=truncate(proposal, PROPOSAL_CHARS))
            if proposal
            else t("prepare_no_proposal", lang)
        )
        substance = substances.get(position)
        documents = _documents(substance) if substance else EMPTY
        if documents:
            lines.append(t("prepare_documents", lang, links=documents))
        blocks.append(join("\n", lines))
    if positions and read == len(positions):
        blocks.append(t("prepare_all_read", lang))
    marked = legend(titles or {}, {p for p in positions if not sm.meeting.items[p].title}, lang)
    if marked:
        blocks.append(join("\n", marked))
    return join("\n\n", blocks)


def checklist_keyboard(
    sm: StoredMeeting,
    positions: Sequence[int],
    marks: Mapping[int, str],
    lang: str,
    titles: Titles | None = None,
) -> InlineKeyboardMarkup:
    """A "✓ läst 4 Budget…" button per item, its number and title's first words (✅ once
    read: press again to unmark)."""
    buttons = []
    for position in positions[: InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER]:
        found = (titles or {}).get(position)
        ref = button_label(sm.meeting.items[position], position, found)
        key = "prepare_unread_button" if marks.get(position) == "read" else "prepare_read_button"
        buttons.append(ToggleRead(sm.id, position).button(plain(key, lang, ref=ref)[:40]))
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)
