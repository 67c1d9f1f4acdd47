"""The HTML builder: every plain value escaped exactly as the bot always escaped it, `Html`
passed through once, and markup never made by accident."""

from __future__ import annotations

import html
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presentation.html import (
    EMPTY,
    MAX_HREF_CHARS,
    Html,
    a,
    as_html,
    b,
    code,
    fmt,
    from_outbox,
    i,
    join,
    s,
    single_spaced,
    split,
    stripped,
    t,
    tn,
    u,
)
from presentation.texts import TEXTS, plain, plain_n
from tests.presentation.telegram_html import telegram_read, telegram_text

TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=200)
@given(value=TEXT)
def test_a_value_is_escaped_as_before_and_reads_back(value: str) -> None:
    """The bytes of `html.escape(value, quote=True)`: what every message held before the
    builder, so no alert or answer changes."""
    made = fmt("<b>{}</b>", value)
    assert made == f"<b>{html.escape(value, quote=True)}</b>"
    assert isinstance(made, Html)
    assert telegram_text(made) == value


def test_html_passes_through_once() -> None:
    inner = i("Avtal <Vård & Omsorg>")
    assert inner == "<i>Avtal &lt;Vård &amp; Omsorg&gt;</i>"
    assert fmt("{} – {x}", inner, x=inner) == f"{inner} – {inner}"
    assert b(inner) == f"<b>{inner}</b>"
    assert as_html(inner) is inner
    assert join(", ", [inner, "&"]) == f"{inner}, &amp;"


def test_str_operations_give_plain_text_again() -> None:
    """`+`, f-strings and `str.join` make a plain `str`: handed to a builder it is text, so
    markup is never made by concatenation."""
    glued = b("x") + "<"
    assert not isinstance(glued, Html)
    assert fmt("{}", glued) == "&lt;b&gt;x&lt;/b&gt;&lt;"
    assert fmt("{}", f"{b('x')}") == "&lt;b&gt;x&lt;/b&gt;"


def test_tags_and_links() -> None:
    assert (u("a<"), s("b&"), code("/sok <ord>")) == (
        "<u>a&lt;</u>",
        "<s>b&amp;</s>",
        "<code>/sok &lt;ord&gt;</code>",
    )
    link = a('https://x.se/?a=1&b="2"', "<doc>")
    assert link == '<a href="https://x.se/?a=1&amp;b=&quot;2&quot;">&lt;doc&gt;</a>'
    assert telegram_read(link).hrefs == ['https://x.se/?a=1&b="2"']
    assert a("https://x.se/" + "x" * MAX_HREF_CHARS, "<doc>") == "&lt;doc&gt;"


def test_whitespace_helpers_and_split_keep_markup_safe() -> None:
    assert stripped(fmt("\n {} \n", "<")) == "&lt;"
    assert single_spaced(fmt("{}  {}", "a", "&")) == "a &amp;"
    parts = split(join("\n\n", [b("x" * 30 + " &") for _ in range(10)]), limit=100)
    assert len(parts) > 1 and all(isinstance(p, Html) and len(p) <= 100 for p in parts)
    assert all(telegram_text(p) for p in parts)
    assert EMPTY == "" and not EMPTY


def test_a_stored_message_reads_back_as_the_markup_it_was() -> None:
    """The digest folds the outbox's texts (built here, stored as `str`) without escaping them
    again."""
    stored = str(fmt("<b>{}</b>", "a & b"))
    assert fmt("{}\n{}", from_outbox(stored), "<") == "<b>a &amp; b</b>\n&lt;"


def _fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


@pytest.mark.parametrize("key", sorted(TEXTS))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_text_with_plain_values_reads_as_before(key: str, lang: str) -> None:
    """`t` differs from the raw `plain` only in escaping its values: a value without `<`, `&` or
    quotes gives the same bytes, and a hostile one comes back as text."""
    values = {name: "Regionstyrelsen 12" for name in _fields(TEXTS[key][lang]) if name != "n"}
    if "n" in _fields(TEXTS[key][lang]):
        assert tn(key, lang, 3, **values) == plain_n(key, lang, 3, **values)
        return
    assert t(key, lang, **values) == plain(key, lang, **values)
    hostile = {name: '</b><a href="javascript:x">&' for name in values}
    telegram_read(t(key, lang, **hostile))  # every text is valid HTML with any value
