"""Telegram's HTML parse mode, checked the way the real server checks it.

Why: a portal string that was not escaped (`<`, `&`) or a tag Telegram does not support makes
the real Bot API answer "Bad Request: can't parse entities". The fake server applies the same
rule so such a bug fails in tests instead of in a member's chat, and it measures message length
on the visible text, as Telegram does. The demo terminal reuses `visible_text` for display.
"""

from __future__ import annotations

import html
import re

SUPPORTED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)\s*>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's description."""


def check_html(text: str) -> None:
    """Raise EntityParseError when Telegram would refuse `text` in HTML parse mode."""
    stack: list[str] = []
    pos = 0
    while True:
        lt = text.find("<", pos)
        _check_ampersands(text, pos, len(text) if lt < 0 else lt)
        if lt < 0:
            break
        match = _TAG.match(text, lt)
        if not match:
            raise _error(text, lt, "Unexpected character '<'; use &lt;")
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in SUPPORTED_TAGS:
            kind = "end" if closing else "start"
            raise _error(text, lt, f'Unsupported {kind} tag "{name}"')
        if closing:
            if not stack or stack[-1] != name:
                raise _error(text, lt, f'Unmatched end tag "{name}"')
            stack.pop()
        else:
            stack.append(name)
        pos = match.end()
    if stack:
        raise EntityParseError(
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{stack[-1]}"'
        )


def _check_ampersands(text: str, start: int, end: int) -> None:
    amp = text.find("&", start, end)
    while amp >= 0:
        if not _ENTITY.match(text, amp):
            raise _error(text, amp, "Character entity expected; use &amp;")
        amp = text.find("&", amp + 1, end)


def _error(text: str, index: int, what: str) -> EntityParseError:
    offset = len(text[:index].encode("utf-8"))
    return EntityParseError(f"Bad Request: can't parse entities: {what} at byte offset {offset}")


def visible_text(text: str, parse_mode: str | None = "HTML") -> str:
    """The text a member sees: tags removed and entities decoded (HTML mode only)."""
    if (parse_mode or "").upper() != "HTML":
        return text
    return html.unescape(_TAG.sub("", text))


def readable_text(text: str) -> str:
    """Terminal rendering of Telegram HTML: tags stripped, links shown as `text <url>`."""

    def link(match: re.Match[str]) -> str:
        label = _TAG.sub("", match.group(2))
        url = match.group(1)
        return label if html.unescape(label).strip() == html.unescape(url) else f"{label} <{url}>"

    linked = re.sub(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', link, text, flags=re.S | re.I)
    return html.unescape(_TAG.sub("", linked))
