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
from presentation.html import EMPTY, Html, Parts, as_html, b, fmt, i, join, split, t, u
from presentation.render import cb_item, item_ref, list_ref, meeting_header, truncate
from storage.meeting_rows import StoredMeeting
from storage.outbox_payload import ButtonRows


def watch_line(items: list[tuple[int, Item]], terms: list[str], lang: str) -> Html:
    """`🔎 Bevakade ord: <b>skola</b> – punkt 4, 7`: above a follower alert the chat watches."""
    shown = join(", ", (b(term) for term in terms))
    refs = ", ".join(item_ref(item, p) for p, item in items)
    return t("alert_watch_in_follow", lang, terms=shown, items=refs)


def render_watch(
    sm: StoredMeeting, hits: list[tuple[int, Item]], terms: list[str], lang: str
) -> tuple[Parts, ButtonRows]:
    """A keyword-watch alert: which words, the meeting, and each matching item shown."""
    lines = [t("alert_watch", lang, term=", ".join(terms)), meeting_header(sm, lang), EMPTY]
    for _position, item in hits:
        heading = item_heading(item) or t("alert_unknown_item", lang)
        marked = mark_words(truncate(heading, 100), terms)
        lines.append(fmt("{} {}", b(list_ref(item)), marked))
        summary = item_summary(item)
        if summary:
            lines.append(i(summary))
    buttons = [[(item_ref(item, p), cb_item(sm.id, p)) for p, item in hits[:6]]]
    return list(split(join("\n", lines))), buttons


class _Anything:
    """Every part counts as known: only for underlining words in an item already matched."""

    def __contains__(self, _: object) -> bool:
        return True


_WORD_RE = re.compile(r"\w+")


def mark_words(text: str, terms: list[str]) -> Html:
    """`text` escaped, with its words that the watched terms matched underlined."""
    watched = [term.lower() for term in terms]
    out: list[Html] = []
    end = 0
    for match in _WORD_RE.finditer(text):
        word = match.group(0)
        low = word.lower()
        hit = any(watch_matches(part, low, _Anything()) for w in watched for part in w.split())
        out += [as_html(text[end : match.start()]), u(word) if hit else as_html(word)]
        end = match.end()
    out.append(as_html(text[end:]))
    return join("", out)
