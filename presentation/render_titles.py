"""How a title taken from evidence shows: its mark in the agenda, the legend, the line in the item
view, and the item buttons that carry the number and the title's first words.

Why: a title that the page did not print must never read as the agenda's own words; it is marked
(📄 from the item's document, 🔗 from the same case elsewhere) and the item view says where it
comes from. Kept beside `presentation.render` (the meeting and item layout) so each stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardMarkupLimit

from agenda.model import Item
from agenda.summary import item_heading
from agenda.titles import is_section_heading
from presentation.html import Html, a, t
from presentation.texts import format_short_date
from storage.item_title_rows import TitleSource
from storage.meeting_rows import StoredMeeting

Titles = Mapping[int, TitleSource]
MARKS = {"document": "📄", "name": "📄", "case": "🔗"}
BUTTON_CHARS = 26
BUTTONS_PER_ROW = 2


def _cut(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,.;:-–") + "…"


def mark(found: TitleSource) -> str:
    return MARKS[found.kind]


def legend(titles: Titles, shown: set[int], lang: str) -> list[Html]:
    """One line per kind of mark the agenda shows."""
    kinds = {MARKS[titles[p].kind] for p in shown if p in titles}
    lines = []
    if "📄" in kinds:
        lines.append(t("title_legend_document", lang))
    if "🔗" in kinds:
        lines.append(t("title_legend_case", lang))
    return lines


def source_line(found: TitleSource, lang: str) -> Html:
    """Under the title in the item view: where the title was taken from."""
    if found.kind == "case":
        when = format_short_date(found.day, lang) if found.day else ""
        return t("title_from_case", lang, where=f"{found.source} {when}".strip())
    name = found.source or ""
    if found.url and found.url.startswith(("http://", "https://")):
        return t("title_from_document", lang, document=a(found.url, name))
    return t("title_from_document", lang, document=name)


def button_label(item: Item, position: int, found: TitleSource | None) -> str:
    """`4 Hälso- och sjukvårds…`: the number and the title's first words (from evidence when
    the page has none, else the first words of the text); `(5)` for an item with nothing."""
    words = (item.title or "").strip() or (found.title if found else "") or item_heading(item)
    label = " ".join(p for p in (item.label(), " ".join(words.split())) if p)
    return _cut(label, BUTTON_CHARS) or f"({position + 1})"


def item_buttons(
    sm: StoredMeeting, titles: Titles | None, cb: Callable[[int, int], str]
) -> InlineKeyboardMarkup:
    """One button per item (section headings are no items), two to a row, up to Telegram's
    limit. `cb(meeting_id, position)` makes the callback data."""
    limit = InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER
    titles = titles or {}
    buttons = [
        InlineKeyboardButton(button_label(item, p, titles.get(p)), callback_data=cb(sm.id, p))
        for p, item in enumerate(sm.meeting.items)
        if not is_section_heading(item)
    ][:limit]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)
