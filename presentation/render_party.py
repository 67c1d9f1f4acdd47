"""How a party group's items and lines read: the item to decide (in its topic or thread), the
topic's name, /linjer and the lines in the reminder.

Why: the group's line per item is what members bring to the meeting; one place words it, in
the group's language, every portal string and every typed line escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from agenda.model import Item
from presentation.html import EMPTY, Html, as_html, b, join, t
from presentation.render import truncate
from presentation.texts import format_date, plain
from storage.meeting_rows import StoredMeeting
from storage.party_rows import PartyLine

TITLE_CHARS = 120
PROPOSAL_CHARS = 300
KNOWN_LINES = {
    "bifall": "bifall",
    "bifalla": "bifall",
    "ja": "bifall",
    "approve": "bifall",
    "yes": "bifall",
    "avslag": "avslag",
    "avslå": "avslag",
    "nej": "avslag",
    "reject": "avslag",
    "no": "avslag",
    "återremiss": "aterremiss",
    "aterremiss": "aterremiss",
    "återremittera": "aterremiss",
    "refer": "aterremiss",
    "remit": "aterremiss",
    "bordläggning": "bordlaggning",
    "bordlaggning": "bordlaggning",
    "bordlägga": "bordlaggning",
    "table": "bordlaggning",
}


def stored_line(typed: str) -> str:
    """What to keep of a typed line: the Swedish word of a typical position (`approve` →
    `bifall`), else the free text as typed."""
    key = KNOWN_LINES.get(typed.strip().casefold().rstrip("."))
    return plain(f"line_{key}", "sv") if key else typed.strip()


def shown_line(line: str, lang: str) -> Html:
    """A stored line in the group's language (typical positions translated), escaped."""
    key = KNOWN_LINES.get(line.casefold())
    return as_html(plain(f"line_{key}", lang) if key else line)


def _title(item: Item) -> str:
    return truncate(item.title or item.text or "", TITLE_CHARS)


def party_item(item: Item, proposal: str | None, lang: str, day: date | None = None) -> Html:
    """The message that brings one item to decide to the party group; its `/linje` hint names
    the meeting's day, as a newly published agenda need not be the body's next meeting."""
    said = (
        t("prepare_proposal", lang, proposal=truncate(proposal, PROPOSAL_CHARS))
        if proposal
        else t("prepare_no_proposal", lang)
    )
    target = f"{item.number} {day.isoformat()}" if day else str(item.number)
    return t(
        "party_item", lang, number=item.number, target=target, title=_title(item), proposal=said
    )


def topic_name(item: Item, lang: str) -> str:
    """The name of an item's forum topic: plain text, not HTML."""
    title = truncate(item.title or item.text or "", 100)
    return plain("party_topic", lang, number=item.number, title=title)


def lines_text(
    sm: StoredMeeting, positions: Sequence[int], lines: Mapping[int, PartyLine], lang: str
) -> Html:
    """/linjer: each item to decide (and any other item with a line) with the group's line."""
    when = format_date(sm.meeting.date, lang) if sm.meeting.date else "?"
    out = [t("lines_header", lang, body=sm.body.display_name, date=when), EMPTY]
    numbers = {sm.meeting.items[p].number for p in positions} | set(lines)
    for item in sm.meeting.items:
        if item.number is None or item.number not in numbers:
            continue
        found = lines.get(item.number)
        line = b(shown_line(found.line, lang)) if found else t("lines_unset", lang)
        out.append(t("lines_item", lang, number=item.number, title=_title(item), line=line))
    if not lines:
        out += [EMPTY, t("lines_hint", lang)]
    return join("\n", out)


def reminder_lines(lines: Mapping[int, PartyLine], lang: str) -> Html:
    """The block the reminder before the meeting adds in a party group ('' without lines)."""
    if not lines:
        return EMPTY
    out = [t("reminder_lines", lang)]
    for number, found in sorted(lines.items()):
        title = truncate(found.title or "", 60)
        line = b(shown_line(found.line, lang))
        out.append(t("lines_item", lang, number=number, title=title, line=line))
    return join("\n", out)
