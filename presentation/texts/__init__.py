"""Every user-facing string, in Swedish (default) and English, and the date formats.

Why: one lookup for all texts keeps the two languages in step (a test checks that every key has
both and the same placeholders) and lets the alerts reuse the conversation's wording. Texts are
trusted Telegram HTML templates: a message fills them through `presentation.html.t`, which
escapes every value that is not `Html` already. `plain` fills a text that is not HTML (a button
label, a toast, a forum topic's name, Telegram's menu, the calendar file) with its values as
they are. `t`/`tn` here are the old names of `plain`/`plain_n`, kept for tests that compute an
expected text (the product may not import them: `tests/test_one_escape.py`).
`conversation.py` holds the conversation's texts, `alerts.py` the alerts'.
"""

from __future__ import annotations

from datetime import date, time
from typing import Protocol

from presentation.texts import (
    alerts,
    conversation,
    demo,
    documents,
    floods,
    prepare,
    typed,
    ux,
)


class DaySpan(Protocol):
    """A first and last day (`presentation.dates.Span`)."""

    @property
    def start(self) -> date: ...
    @property
    def end(self) -> date: ...


DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")

TEXTS: dict[str, dict[str, str]] = {
    **conversation.TEXTS,
    **alerts.TEXTS,
    **documents.TEXTS,
    **floods.TEXTS,
    **typed.TEXTS,
    **prepare.TEXTS,
    **ux.TEXTS,
    **demo.TEXTS,
}

_WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def language(lang: str | None) -> str:
    """A supported language code; anything else falls back to Swedish."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def plain(key: str, lang: str, **kwargs: object) -> str:
    """The text `key` in `lang` (Swedish when unsupported), formatted with `kwargs` as they are:
    for text that is not HTML (messages use `presentation.html.t`).

    An unknown key raises KeyError: a typo must fail in the tests, not reach a user.
    """
    return TEXTS[key][language(lang)].format(**kwargs)


def plain_n(key: str, lang: str, n: int, **kwargs: object) -> str:
    """The text `key` for a count `n`: `key_one` when n is 1 (`1 dag före`, `2 dagar före`)."""
    one = f"{key}_one"
    return plain(one if n == 1 and one in TEXTS else key, lang, n=n, **kwargs)


t = plain  # the old names: the tests' expected texts
tn = plain_n


def format_date(d: date, lang: str, *, weekday: bool = True) -> str:
    """`tisdag 12 december 2017` / `Tuesday 12 December 2017`."""
    lang = language(lang)
    text = f"{d.day} {_MONTHS[lang][d.month - 1]} {d.year}"
    return f"{_WEEKDAYS[lang][d.weekday()]} {text}" if weekday else text


def format_span(span: DaySpan, lang: str) -> str:
    """One day in words, or `7–13 december 2026` for a week (`8 dec 2026–3 jan 2027` across)."""
    if span.start == span.end:
        return format_date(span.start, lang)
    if span.start.year == span.end.year and span.start.month == span.end.month:
        return f"{span.start.day}–{format_date(span.end, lang, weekday=False)}"
    return f"{format_short_date(span.start, lang)}–{format_short_date(span.end, lang)}"


def format_short_date(d: date, lang: str) -> str:
    """`12 dec 2017` / `12 Dec 2017`: for lists."""
    return f"{d.day} {_MONTHS[language(lang)][d.month - 1][:3]} {d.year}"


def format_time_span(start: time | None, end: time | None) -> str:
    """`08:30–17:20`, `08:30` or '' (times are already Europe/Stockholm wall-clock)."""
    if start is None:
        return ""
    text = start.strftime("%H:%M")
    return f"{text}–{end.strftime('%H:%M')}" if end else text


def format_day_month(d: date, lang: str) -> str:
    """`10 dec` / `10 Dec`: a date close to today, in running text."""
    return f"{d.day} {_MONTHS[language(lang)][d.month - 1][:3]}"
