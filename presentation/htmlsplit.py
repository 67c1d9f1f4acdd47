"""Split a long Telegram HTML message into parts that each fit one message.

Why: an item's full text or minutes can exceed `MessageLimit.MAX_TEXT_LENGTH`. Telegram rejects
a message whose HTML is cut inside a tag or an entity, and a reader wants the cut at a paragraph
(else a line, else a word). Tags still open at a cut are closed at the end of the part and
reopened at the start of the next, so every part is valid HTML on its own.
"""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_SEPARATORS = ("\n\n", "\n", " ")


def split_message(html: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Parts of `html`, each at most `limit` characters, cut at the best boundary."""
    parts: list[str] = []
    rest = html.strip()
    while len(rest) > limit:
        head, rest = _cut(rest, limit)
        if head.strip():
            parts.append(head)
    if rest.strip() or not parts:
        parts.append(rest)
    return parts


def _open_tags(html: str) -> list[tuple[str, str]]:
    """(name, opening tag) of every tag left open at the end of `html`, outermost first."""
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append((name, match.group(0)))
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
    return stack


def _cut(html: str, limit: int) -> tuple[str, str]:
    """(first part with its open tags closed, the rest with them reopened)."""
    budget = limit
    while True:
        at = _boundary(html, budget)
        head = html[:at].rstrip()
        tags = _open_tags(head)
        closers = "".join(f"</{name}>" for name, _ in reversed(tags))
        if len(head) + len(closers) <= limit or budget <= limit // 4:
            break
        budget -= len(head) + len(closers) - limit
    openers = "".join(opening for _, opening in tags)
    return head + closers, openers + html[at:].lstrip()


def _boundary(html: str, budget: int) -> int:
    """The best cut position <= budget: paragraph, line, word, else a safe hard cut."""
    for sep in _SEPARATORS:
        at = html.rfind(sep, 0, budget + 1)
        while at > 0 and _unsafe(html, at):
            at = html.rfind(sep, 0, at)
        if at > budget // 4:
            return at
    at = budget
    while at > 1 and _unsafe(html, at):
        at -= 1
    return max(at, 1)


def _unsafe(html: str, at: int) -> bool:
    """True when position `at` lies inside a tag or an entity such as `&amp;`."""
    before = html[:at]
    if before.rfind("<") > before.rfind(">"):
        return True
    amp = before.rfind("&")
    return amp != -1 and ";" not in before[amp:] and re.match(r"&#?\w*$", before[amp:]) is not None
