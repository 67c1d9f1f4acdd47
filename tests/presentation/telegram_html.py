"""A strict reader of Telegram's HTML parse mode, for tests: what Telegram accepts, and the text
a member then sees.

Why: the Bot API refuses a whole message whose HTML it cannot parse ("can't parse entities"), so
an unescaped portal title loses an alert. The fake Bot API (`demo.fake_html`) already refuses
the common mistakes; this one is stricter, to prove the message builders right on hostile
input: only the tags and attributes Telegram documents
(https://core.telegram.org/bots/api#html-style), only its four named entities and numeric ones
(each with its `;`), every tag closed in order, no `<`, `>` or `&` outside a tag or an entity,
attributes double-quoted. Built on the standard library's `html.parser` (no kept library checks
Telegram's own dialect), with the raw text checked where the lenient parser would guess.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

PLAIN_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre"}
)
ATTRIBUTE_TAGS = frozenset({"a", "span", "code", "blockquote", "tg-emoji"})
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_START_TAG = re.compile(r'<[a-z][a-z-]*(?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*\s*>\Z')
_END_TAG = re.compile(r"</[a-z][a-z-]*>")


class TelegramHtmlError(ValueError):
    """Telegram would answer "Bad Request: can't parse entities"."""


@dataclass(frozen=True)
class Read:
    """What Telegram makes of a message: the text a member sees and the links' targets."""

    text: str
    hrefs: list[str]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def error_at(self, what: str) -> TelegramHtmlError:
        line, column = self.getpos()
        return TelegramHtmlError(f"{what} (line {line}, column {column})")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if not _START_TAG.match(raw):
            raise self.error_at(f"malformed start tag {raw!r}")
        _check_attributes(tag, dict(attrs), self)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        parent = self.stack[-1] if self.stack else None
        if parent == "code" or (parent == "pre" and tag != "code"):
            raise self.error_at(f"<{tag}> inside <{parent}>")
        if tag in self.stack and tag in {"a", "blockquote", "pre", "code"}:
            raise self.error_at(f"<{tag}> inside <{tag}>")
        if tag == "code" and "class" in dict(attrs) and parent != "pre":
            raise self.error_at("a language class outside <pre>")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise self.error_at(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise self.error_at(f"</{tag}> does not close the open tag {self.stack[-1:]}")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                raise self.error_at(f"a bare {char!r} in the text {data[:40]!r}")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        raise self.error_at("a comment or a malformed tag")

    def handle_decl(self, decl: str) -> None:
        raise self.error_at("a declaration")

    def handle_pi(self, data: str) -> None:
        raise self.error_at("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise self.error_at("a declaration")


def _check_attributes(tag: str, attrs: dict[str, str | None], reader: _Reader) -> None:
    if tag in PLAIN_TAGS:
        allowed: dict[str, bool] = {}
    elif tag == "a":
        allowed = {"href": True}
    elif tag == "span":
        if attrs.get("class") != "tg-spoiler":
            raise reader.error_at('<span> without class="tg-spoiler"')
        allowed = {"class": True}
    elif tag == "code":
        cls = attrs.get("class")
        if cls is not None and not cls.startswith("language-"):
            raise reader.error_at(f"<code class={cls!r}>")
        allowed = {"class": False}
    elif tag == "blockquote":
        allowed = {"expandable": False}
    elif tag == "tg-emoji":
        allowed = {"emoji-id": True}
    else:
        raise reader.error_at(f"unsupported tag <{tag}>")
    for name in attrs:
        if name not in allowed:
            raise reader.error_at(f"unsupported attribute {name!r} on <{tag}>")
    for name, required in allowed.items():
        if required and not attrs.get(name):
            raise reader.error_at(f"<{tag}> without {name}")


def telegram_text(message: str) -> str:
    """The text a member sees of `message` in HTML parse mode; TelegramHtmlError when Telegram
    would refuse it."""
    return telegram_read(message).text


def telegram_read(message: str) -> Read:
    """The text a member sees of `message` and its links' targets (entities decoded);
    TelegramHtmlError when Telegram would refuse it."""
    for match in re.finditer("&", message):
        at = match.start()
        if not _ENTITY.match(message, at):
            raise TelegramHtmlError(f"a bare '&' at {at}: {message[at : at + 20]!r}")
    for match in re.finditer("</", message):
        if not _END_TAG.match(message, match.start()):
            raise TelegramHtmlError(f"a malformed end tag at {match.start()}")
    reader = _Reader()
    reader.feed(message)
    reader.close()
    if reader.stack:
        raise TelegramHtmlError(f"tags left open: {reader.stack}")
    return Read("".join(reader.text), reader.hrefs)
