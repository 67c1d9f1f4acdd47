"""Telegram HTML built by construction: the one place that escapes.

Why: the bot sends every message in HTML parse mode, and a portal title such as `Avtal <Vård &
Omsorg>` or a typed `/sok </b>` must reach the member as text, never as markup (Telegram
refuses a message whose HTML does not parse, so one forgotten escape loses an alert). Escaping
used to be each caller's job (some 140 calls in 32 modules); now messages are built from `Html`,
a `str` that is safe markup as it stands, and every builder here escapes each value it is given
unless it is already `Html`:

- `fmt(template, *values, **values)`: a trusted template (a literal, or a text of
  `presentation.texts`) filled with escaped values; `t(key, lang, **values)` and
  `tn(key, lang, n, **values)` do the same for the texts by key;
- `b`, `i`, `u`, `s`, `code`, `a(href, label)`: one tag around an escaped value;
- `join(sep, parts)`, `stripped(h)`, `split(h)` (parts of a long message, tags kept
  balanced); `as_html(value)` for a lone value; `from_outbox(text)` for a stored message read
  back (the digest).

The rule is simple enough to check by eye: a plain `str` is always text, and only `Html`
passes through, so markup already built (a rendered list, a nested text) is handed on as
`Html`, and nothing is escaped twice. Operations of `str` (`+`, `.join`, f-strings, slicing) give
a plain `str` again: passed to a builder it is escaped, and where a function wants `Html`
(`handlers.common.reply`) mypy refuses it. So markup is never made by concatenation.

Escaping is `html.escape(value, quote=True)`, the bytes the bot has always sent (`&lt; &gt;
&amp; &quot; &#x27;`), also inside `href="…"`. Written here rather than taken from markupsafe:
its `Markup` writes `&#34;`/`&#39;` (other bytes than the bot has always sent), and escapes a
plain `str` added to it (`str + Markup`) where this module gives a plain `str` that mypy then
refuses where `Html` is wanted.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Annotated

from telegram.constants import MessageLimit

from presentation.htmlsplit import split_message
from presentation.texts import TEXTS, language

MAX_HREF_CHARS = 1000  # a longer link target is shown as its label only (`a`)


class Html(str):
    """Telegram HTML that is safe to send as it stands (made only by this module's builders)."""

    __slots__ = ()


EMPTY = Html("")

#: A message split into parts that each fit one message, every part `Html`. Typed `list[str]`
#: so callers that keep parts as `list[str]` (jobs/, the outbox) take it; the mark tells the
#: tests it is a message builder's output.
Parts = Annotated[list[str], Html]


def _escape(text: str) -> Html:
    return Html(html.escape(text, quote=True))


def as_html(value: object) -> Html:
    """`value` as HTML: `Html` unchanged, anything else as escaped text (`None` as 'None', as
    `str.format` would write it)."""
    return value if isinstance(value, Html) else _escape(str(value))


def from_outbox(text: str) -> Html:
    """A message part the bot built with these builders and stored in the outbox, read back as
    the markup it was (the digest folds held alerts into one message). Only for the outbox's own
    text: anything else from the database is a value, passed to a builder as `str`."""
    return Html(text)


def fmt(template: str, /, *args: object, **kwargs: object) -> Html:
    """`template` (trusted markup: a literal or a text) with each value escaped unless it is
    `Html`: `fmt("<b>{}</b> {when}", name, when=day)`."""
    return Html(
        template.format(
            *(as_html(value) for value in args),
            **{key: as_html(value) for key, value in kwargs.items()},
        )
    )


def t(key: str, lang: str, **values: object) -> Html:
    """The text `key` in `lang` (Swedish when unsupported), its placeholders filled by `fmt`.

    An unknown key raises KeyError: a typo must fail in the tests, not reach a user.
    """
    return fmt(TEXTS[key][language(lang)], **values)


def tn(key: str, lang: str, n: int, **values: object) -> Html:
    """The text `key` for a count `n`: `key_one` when n is 1 (`1 dag före`, `2 dagar före`)."""
    one = f"{key}_one"
    return t(one if n == 1 and one in TEXTS else key, lang, n=n, **values)


def join(sep: str, parts: Iterable[object]) -> Html:
    """`sep.join(parts)`, the separator and each part escaped unless `Html`."""
    return Html(as_html(sep).join(as_html(part) for part in parts))


def _tag(name: str, content: object) -> Html:
    return Html(f"<{name}>{as_html(content)}</{name}>")


def b(content: object) -> Html:
    """Bold."""
    return _tag("b", content)


def i(content: object) -> Html:
    """Italic."""
    return _tag("i", content)


def u(content: object) -> Html:
    """Underlined."""
    return _tag("u", content)


def s(content: object) -> Html:
    """Struck through."""
    return _tag("s", content)


def code(content: object) -> Html:
    """Monospace, as a command to type."""
    return _tag("code", content)


def a(href: str, label: object) -> Html:
    """A link: `href` escaped for the attribute, `label` escaped unless `Html`. Which URLs may
    be linked (http and https only) is the caller's rule; a target longer than MAX_HREF_CHARS
    gives the label alone (no real document has one, and a tag longer than a message could not
    be split into parts Telegram accepts)."""
    if len(href) > MAX_HREF_CHARS:
        return as_html(label)
    return Html(f'<a href="{_escape(href)}">{as_html(label)}</a>')


def stripped(markup: Html) -> Html:
    """`markup` without whitespace at its ends (safe: only whitespace goes)."""
    return Html(markup.strip())


def single_spaced(markup: Html) -> Html:
    """`markup` with each double space made one, as left by an empty placeholder (safe: only
    spaces change)."""
    return Html(markup.replace("  ", " "))


def split(markup: Html, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[Html]:
    """Parts of `markup` that each fit one message, every tag closed in its part and no entity
    cut (`presentation.htmlsplit`)."""
    return [Html(part) for part in split_message(markup, limit)]
