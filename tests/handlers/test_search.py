"""/sok end to end: hits best first with meeting, item and snippet; hostile input never breaks."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from tests.support.chatdriver import Member, button_data
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_search_finds_inflections_with_snippets_and_buttons(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    sent = await member.say_one("/sok vårdplats")
    assert sent.text.startswith("<b>Träffar på</b> <i>vårdplats</i>")
    assert "Hälso- och sjukvårdsnämnden" in sent.text and "vårdplatser" in sent.text
    data = button_data(sent)
    assert data and all(d.startswith(f"i:{seed_ids['000']}:") for d in data)
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, sent.message_id, data[0])
    (item,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "vårdplats" in item.text


async def test_english_alias_and_no_hits(member: Member) -> None:
    sent = await member.say_one("/search zzyzzx")
    assert "Inga träffar på <i>zzyzzx</i>" in sent.text and "/sok budget" in sent.text


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(",
        "vård*",
        '"vård" OR "budget"',
        "🙂🙂🙂",
        "<script>",
        "'; DROP TABLE items;--",
    ],
)
async def test_search_syntax_is_data(member: Member, query: str) -> None:
    sent = await member.say_one(f"/sok {query}")
    assert sent.text.startswith(("<b>Träffar på</b>", "Inga träffar", "Sökningen har inga ord"))
    assert "<script>" not in sent.text


@pytest.mark.parametrize("query", ['"', "*", "🙂🙂🙂", "§ -"])
async def test_search_without_words_says_what_a_search_is(member: Member, query: str) -> None:
    """'Inga träffar på "' blamed the archive; the search had no word to look for."""
    sent = await member.say_one(f"/sok {query}")
    assert sent.text.startswith("Sökningen har inga ord"), sent.text
    assert "<code>/sok vårdplatser</code>" in sent.text


async def test_hit_on_an_item_without_number_says_so(member: Member) -> None:
    """A hit on an item the page left unnumbered showed only body and date: which item?"""
    sent = await member.say_one("/sok professionsmiljarden")
    assert "Hälso- och sjukvårdsnämnden · " in sent.text
    assert "· punkt utan nummer" in sent.text


async def test_search_usage_and_too_long(member: Member) -> None:
    assert "<code>/sok vårdplatser</code>" in (await member.say_one("/sok")).text
    long = await member.say_one("/sok " + "vårdplatser " * 400)
    assert "för lång" in long.text


async def test_search_says_how_many_and_pages_with_more(member: Member) -> None:
    import re

    from tests.support.chatdriver import press_then

    sent = await member.say_one("/sok region")
    total = int(re.search(r"</i>: (\d+)\+? \(visar 1–8\)", sent.text).group(1))  # type: ignore[union-attr]
    assert total > 8
    assert sent.buttons()[-1] == ("Fler ▶", "s:8")
    more, _ = await press_then(member, sent.message_id, "s:8")
    assert f"(visar 9–{min(total, 16)})" in more.text and "<b>9.</b>" in more.text


def test_a_hit_in_the_title_is_not_printed_twice() -> None:
    from handlers.search import render_hits
    from storage.bodies import BodyRow
    from storage.search import SearchHit

    body = BodyRow(1, "https://example.invalid", "rs", "Regionstyrelsen")
    title = "Vårdplatser vid Östersunds sjukhus"
    hits = [
        SearchHit(1, 1, 0, body, None, 4, None, title, "…Vårdplatser vid Östersunds…", 1.0),
        SearchHit(2, 1, 1, body, None, 5, None, "Budget", "vårdplatser i budgeten", 0.5),
    ]
    text = render_hits("vårdplatser", hits, "sv")
    assert text.count("Östersunds") == 1
    assert "<i>vårdplatser i budgeten</i>" in text
