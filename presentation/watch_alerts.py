"""How a keyword watch shows in an alert: the watch alert itself, and the line a follower alert
gets when the chat also watches a word in it (one message per event per chat).

Why: the wording and the underlining of the watched words belong with the other renderings;
`alerts.fanout` decides who gets what.
"""

from __future__ import annotations

import re

from agenda.model import Item
from agenda.stem import watch_matches
from agenda.summary import item_heading, item_summary
from presentation.render import (
    cb_item,
    esc,
    item_ref,
    list_ref,
    meeting_header,
    split_message,
    truncate,
)
from presentation.texts import t
from storage.meeting_rows import StoredMeeting
from storage.outbox_payload import ButtonRows


def watch_line(items: list[tuple[int, Item]], terms: list[str], lang: str) -> str:
    """`🔎 Bevakade ord: <b>skola</b> – punkt 4, 7`: above a follower alert the chat watches."""
    shown = ", ".join(f"<b>{esc(term)}</b>" for term in terms)
    refs = ", ".join(esc(item_ref(item, p)) for p, item in items)
    return t("alert_watch_in_follow", lang, terms=shown, items=refs)


def render_watch(
    sm: StoredMeeting, hits: list[tuple[int, Item]], terms: list[str], lang: str
) -> tuple[list[str], ButtonRows]:
    """A keyword-watch alert: which words, the meeting, and each matching item shown."""
    lines = [t("alert_watch", lang, term=esc(", ".join(terms))), meeting_header(sm, lang), ""]
    for _position, item in hits:
        heading = item_heading(item) or t("alert_unknown_item", lang)
        marked = mark_words(esc(truncate(heading, 100)), terms)
        lines.append(f"<b>{esc(list_ref(item))}</b> {marked}")
        summary = item_summary(item)
        if summary:
            lines.append(f"<i>{esc(summary)}</i>")
    buttons = [[(item_ref(i, p), cb_item(sm.id, p)) for p, i in hits[:6]]]
    return split_message("\n".join(lines)), buttons


class _Anything:
    """Every part counts as known: only for underlining words in an item already matched."""

    def __contains__(self, _: object) -> bool:
        return True


_WORD_RE = re.compile(r"\w+")


def mark_words(escaped: str, terms: list[str]) -> str:
    """Underline the words of an (escaped) heading that the watched terms matched."""
    watched = [term.lower() for term in terms]

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        hit = any(watch_matches(part, low, _Anything()) for t in watched for part in t.split())
        return f"<u>{word}</u>" if hit else word

    return _WORD_RE.sub(mark, escaped)
