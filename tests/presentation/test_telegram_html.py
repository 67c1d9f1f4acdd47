"""The tests' reader of Telegram HTML refuses what Telegram refuses and reads what a member sees
(a checker that accepts everything would make the hostile-message tests worthless)."""

from __future__ import annotations

import pytest

from demo.fake_html import EntityParseError, check_html
from tests.presentation.telegram_html import TelegramHtmlError, telegram_read, telegram_text


@pytest.mark.parametrize(
    ("message", "seen"),
    [
        ("<b>a &amp; b</b>", "a & b"),
        ("<strong>1</strong><em>2</em><ins>3</ins><strike>4</strike><del>5</del>", "12345"),
        ("x &#x27; &#39; &lt;&gt;&quot;", "x ' ' <>\""),
        ('<pre><code class="language-python">x</code></pre>', "x"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ("<blockquote expandable>q</blockquote>", "q"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("<b>bold <i>italic <u>under</u></i></b>", "bold italic under"),
        ("plain \x00\x07 😀\n", "plain \x00\x07 😀\n"),
        ("", ""),
    ],
)
def test_accepts_telegram_html_and_reads_the_text(message: str, seen: str) -> None:
    assert telegram_text(message) == seen
    check_html(message)  # the fake Bot API agrees


def test_reads_link_targets() -> None:
    read = telegram_read('<a href="https://x.se/?a=1&amp;b=&quot;">doc</a>')
    assert read.hrefs == ['https://x.se/?a=1&b="'] and read.text == "doc"


@pytest.mark.parametrize(
    "message",
    [
        "<b>x",  # left open
        "</b>",  # closes nothing
        "<b>x</i>",
        "<i><b>x</i></b>",  # crossed
        "a < b",
        "a > b",
        "a & b",
        "&amp",  # no `;`
        "&nbsp;",  # a named entity Telegram does not know
        "<x>y</x>",
        "<script>alert(1)</script>",
        "<b",
        "< b>x",
        "</ b>",
        "<a>x</a>",  # no href
        '<a href="">x</a>',
        "<a href=x>y</a>",  # unquoted
        "<a href='x'>y</a>",
        '<a href="h" onclick="x">y</a>',
        "<span>x</span>",
        '<b class="x">y</b>',
        "<b/>",
        "<!-- c -->",
        "<!doctype html>",
        '<code class="language-py">x</code>',  # a language outside <pre>
        "<code><b>x</b></code>",
        "<pre><b>x</b></pre>",
        '<a href="h"><a href="h">x</a></a>',
    ],
)
def test_refuses_what_telegram_refuses(message: str) -> None:
    with pytest.raises(TelegramHtmlError):
        telegram_text(message)


@pytest.mark.parametrize("message", ["<b>x", "a < b", "a & b", "&amp", "<x>y</x>", "<b>x</i>"])
def test_the_fake_bot_api_refuses_them_too(message: str) -> None:
    with pytest.raises(EntityParseError):
        check_html(message)
