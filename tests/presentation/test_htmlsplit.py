"""Splitting long Telegram HTML: under the limit, at paragraph/line/word boundaries, never inside
a tag or an entity, with open tags closed and reopened."""

from __future__ import annotations

import re

from telegram.constants import MessageLimit

from presentation.htmlsplit import split_message

LIMIT = MessageLimit.MAX_TEXT_LENGTH


def _balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def test_short_text_is_one_part() -> None:
    assert split_message("<b>Hej</b>") == ["<b>Hej</b>"]


def test_splits_at_paragraphs_first() -> None:
    paragraphs = [f"<b>Punkt {n}</b>\n" + "ord " * 150 for n in range(20)]
    parts = split_message("\n\n".join(paragraphs))
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= LIMIT and _balanced(part)
        assert part.startswith("<b>Punkt ")


def test_one_huge_tagged_paragraph_is_cut_at_words_and_tags_reopened() -> None:
    html = '<a href="https://x.se/a">' + "<i>" + "långt ord &amp; mer " * 600 + "</i></a>"
    parts = split_message(html)
    assert len(parts) >= 3
    for part in parts:
        assert len(part) <= LIMIT and _balanced(part), part[-40:]
        assert part.startswith('<a href="https://x.se/a"><i>')
        assert not re.search(r"&[a-z]*$", part.removesuffix("</i></a>"))
    text = "".join(re.sub(r"<[^>]+>", "", p) for p in parts)
    assert text.count("&amp;") == 600


def test_text_without_any_space_is_hard_cut_outside_entities() -> None:
    html = "&amp;" * 2000
    parts = split_message(html)
    assert all(len(p) <= LIMIT for p in parts)
    assert "".join(parts) == html
    assert all(p.startswith("&amp;") and p.endswith("&amp;") for p in parts)


def test_small_limit_still_progresses() -> None:
    parts = split_message("<b>" + "a b " * 100 + "</b>", limit=50)
    assert all(len(p) <= 50 and _balanced(p) for p in parts)
