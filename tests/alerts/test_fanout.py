"""Fan-out end to end: sample portal (HTTP) → poller → events + outbox rows in one transaction →
sender → fake Bot API (HTTP). Every follower gets exactly one alert; a change comes as a reply."""

from __future__ import annotations

import json
from datetime import timedelta

from agenda.clock import today
from agenda.stem import query_term
from alerts.fanout import enqueue_alerts
from demo.fake_api import FakeBotApi
from storage.alert_prefs import set_digest
from storage.chats import set_language
from storage.watches import add_watch
from tests.jobs.outbox_helpers import (
    add_chats,
    add_follow,
    drain_until,
    drained,
    make_bot,
    sender,
)
from tests.sources.pollkit import TODAY, Env, env, rows

__all__ = ["env"]
FOLLOWERS = (11, 12, 13, -300)


async def _body_id(env: Env, slug: str) -> int:
    (row,) = await rows(env.db, "SELECT id FROM bodies WHERE slug = ?", slug)
    return int(row[0])


async def _outbox(env: Env) -> list[tuple[int, str, str]]:
    return [
        (int(c), str(k), str(s))
        for c, k, s in await rows(
            env.db, "SELECT chat_id, kind, status FROM outbox ORDER BY chat_id, id"
        )
    ]


async def _setup(env: Env) -> int:
    poller = env.poller(on_events=enqueue_alerts)
    await poller.run_cycle()  # the bundled meetings: no follower yet, so no rows
    assert await _outbox(env) == []
    body = await _body_id(env, "regionstyrelsen")
    for chat in FOLLOWERS:
        await add_follow(env.db, chat, body)
    async with env.db.transaction() as conn:
        await conn.execute("UPDATE follows SET thread_id = 7 WHERE chat_id = -300")
    await set_language(env.db, 13, "en")
    await add_follow(env.db, 14, await _body_id(env, "halso-och-sjukvardsnamnden"))
    await add_watch(env.db, 14, "vårdplats", query_term("vårdplats"))
    await add_follow(env.db, 15, body)
    await set_digest(env.db, 15, True)
    return body


async def test_publish_then_change_reaches_every_follower_once_then_as_reply(
    env: Env, fake_api: FakeBotApi
) -> None:
    await _setup(env)
    poller = env.poller(on_events=enqueue_alerts)
    day = TODAY + timedelta(days=20)
    path = env.portal.publish_meeting(
        "regionstyrelsen",
        day,
        [(1, "Mötet öppnas"), (2, "Val av justerare"), (3, "Vårdplatserna i länet")],
    )
    await poller.run_cycle()
    await poller.run_cycle()  # nothing new: nothing enqueued twice
    kinds = await _outbox(env)
    assert [(c, k) for c, k, _ in kinds] == [
        (-300, "new"), (11, "new"), (12, "new"), (13, "new"), (14, "watch"), (15, "new"),
    ]  # fmt: skip
    assert dict((c, s) for c, _, s in kinds)[15] == "held"  # digest chat: waits for the digest

    async with make_bot(fake_api) as bot:
        s = sender(env.db, bot)
        await drain_until(s, drained(env.db))
        first = {c: fake_api.records.sent_messages(c) for c in (*FOLLOWERS, 14, 15)}
        assert all(len(first[c]) == 1 for c in (*FOLLOWERS, 14))
        assert first[15] == []
        assert "Ny kallelse" in first[11][0].text and "New agenda" in first[13][0].text
        assert "Vårdplatserna i länet" in first[11][0].text
        assert any(data and data.startswith("i:") for _, data in first[11][0].buttons())
        assert first[-300][0].thread_id == 7
        assert "vårdplats" in first[14][0].text
        assert "<u>Vårdplatserna</u> i länet" in first[14][0].text  # the watched word marked

        env.portal.edit_item(path, 3, title="Vårdplatserna i länet och budgeten")
        await poller.run_cycle()
        await drain_until(s, drained(env.db))
    for chat in FOLLOWERS:
        new, change = fake_api.records.sent_messages(chat)
        assert change.reply_to_message_id == new.message_id
        assert "budgeten" in change.text
    assert "Omformulerat" in fake_api.records.sent_messages(11)[1].text
    assert "Reworded" in fake_api.records.sent_messages(13)[1].text
    assert len(fake_api.records.sent_messages(14)) == 2  # the reworded item matches the watch
    assert fake_api.count_429 == 0


async def test_cancelled_and_minutes_alerts(env: Env, fake_api: FakeBotApi) -> None:
    await _setup(env)
    poller = env.poller(on_events=enqueue_alerts)
    path = env.portal.publish_meeting("regionstyrelsen", TODAY + timedelta(days=3))
    await poller.run_cycle()
    env.portal.publish_minutes(path)
    await poller.run_cycle()
    env.portal.cancel_meeting(path)
    await poller.run_cycle()
    async with make_bot(fake_api) as bot:
        await drain_until(sender(env.db, bot), drained(env.db))
    sent = [m.text for m in fake_api.records.sent_messages(12)]
    # The feed's notice that the minutes were posted opens an appeal window (issue 21).
    appeals = [text for text in sent if "Protokollet är anslaget" in text]
    texts = [text for text in sent if text not in appeals]
    assert len(appeals) == 1 and len(texts) == 3
    assert "Protokollet är publicerat" in texts[1] and "<a href=" in texts[1]
    assert "inställt" in texts[2]


async def test_moved_and_changed_details_are_spelled_out(env: Env) -> None:
    from alerts.fanout import render_event
    from storage.events import EventRow
    from storage.meetings import get_meeting

    await env.poller().run_cycle()
    (row,) = await rows(env.db, "SELECT id FROM meetings ORDER BY id LIMIT 1")
    sm = await get_meeting(env.db, int(row[0]))
    assert sm is not None
    moved = EventRow(
        1, sm.id, "moved", {"place": ["Hörsalen", "Sal <B>"], "start": ["08:30", "09:00"]}, ""
    )
    (text,), buttons = render_event(moved, sm, "sv")
    assert "Plats: Hörsalen → Sal &lt;B&gt;" in text and "Start: 08:30 → 09:00" in text
    assert buttons == [[("Visa föredragningslistan", f"m:{sm.id}")]]
    ref = {"number": 5, "paragraph": None, "title": "Budget <2027>"}
    changed = EventRow(2, sm.id, "changed", {"added": [ref], "removed": [], "reworded": []}, "")
    (text,), _ = render_event(changed, sm, "en")
    assert "Added: item 5 Budget &lt;2027&gt;" in text


async def test_a_past_meeting_is_not_announced_as_new_or_changed_only_its_minutes(
    env: Env,
) -> None:
    """A meeting first seen after its day (late discovery, a retried backfill page) is stored
    and searchable, but nobody is told 'new agenda' about last month; its minutes still come."""
    await _setup(env)
    poller = env.poller(on_events=enqueue_alerts)
    past = today(env.clock) - timedelta(days=30)
    path = env.portal.publish_meeting(
        "regionstyrelsen", past, [(1, "Mötet öppnas"), (2, "Vårdplatserna i länet")]
    )
    report = await poller.run_cycle()
    assert report.total("new") == 1
    assert await _outbox(env) == []
    env.portal.edit_item(path, 2, title="Vårdplatserna i länet (rättad)")
    assert (await poller.run_cycle()).total("changed") == 1
    assert await _outbox(env) == []
    env.portal.publish_minutes(path)
    await poller.run_cycle()
    # The minutes and, since the feed's notice was posted today, the appeal window (issue 21).
    assert {k for _, k, _ in await _outbox(env)} == {"minutes", "appeal"}
    minutes = sorted(c for c, k, _ in await _outbox(env) if k == "minutes")
    assert minutes == sorted((*FOLLOWERS, 15))
    assert sorted(c for c, k, _ in await _outbox(env) if k == "appeal") == minutes


WATCH_ITEMS = [
    (1, "Kostnader för lokaler"),
    (2, "Bilagor till protokollet"),
    (3, "Material om rasten"),
    (4, "Ordförande väljs"),
    (5, "Vårdplatsbrist i länet"),
    (6, "Skolmaten och skolan"),
    (7, "Budgetramen för 2027"),
    (8, "Sjukvårdsnämndens uppdrag"),
]
# watch word -> the item numbers its alert must show (none: no alert at all)
WATCH_HITS = {
    "kost": [],
    "bil": [],
    "mat": [],
    "ras": [],
    "ord": [],
    "vårdplats": [5],
    "skola": [6],
    "budget": [7],
    "sjukvård": [8],
}


async def test_watches_fire_on_inflections_and_compounds_not_inside_other_words(
    env: Env,
) -> None:
    poller = env.poller(on_events=enqueue_alerts)
    await poller.run_cycle()
    env.portal.publish_meeting(  # words the index knows before any watch exists
        "regionstyrelsen",
        TODAY + timedelta(days=10),
        [(1, "Brist på vårdplatser"), (2, "Maten i förskolan"), (3, "Ramen och nämnden")],
    )
    await poller.run_cycle()
    chats = {word: 500 + n for n, word in enumerate(WATCH_HITS)}
    await add_chats(env.db, *chats.values())
    for word, chat in chats.items():
        await add_watch(env.db, chat, word, query_term(word))
    env.portal.publish_meeting("regionstyrelsen", TODAY + timedelta(days=20), WATCH_ITEMS)
    await poller.run_cycle()
    payloads = {
        int(c): json.loads(p)["text"].replace("<u>", "").replace("</u>", "")
        for c, p in await rows(env.db, "SELECT chat_id, payload FROM outbox WHERE kind = 'watch'")
    }
    for word, chat in chats.items():
        shown = [n for n, title in WATCH_ITEMS if title in payloads.get(chat, "")]
        assert shown == WATCH_HITS[word], word


async def test_a_chat_that_follows_and_watches_gets_one_message_with_the_word_marked(
    env: Env,
) -> None:
    body = await _setup(env)
    await add_follow(env.db, 16, body)
    await add_watch(env.db, 16, "vårdplats", query_term("vårdplats"))
    await add_watch(env.db, 16, "länet", query_term("länet"))
    poller = env.poller(on_events=enqueue_alerts)
    env.portal.publish_meeting(
        "regionstyrelsen",
        TODAY + timedelta(days=20),
        [(1, "Mötet öppnas"), (3, "Vårdplatserna i länet")],
    )
    await poller.run_cycle()
    mine = await rows(env.db, "SELECT kind, payload FROM outbox WHERE chat_id = 16")
    assert [k for k, _ in mine] == ["new"]
    text = json.loads(mine[0][1])["text"]
    assert text.startswith("🔎 Bevakade ord: <b>länet</b>, <b>vårdplats</b> – 3\n")
    assert "Ny kallelse" in text


async def test_a_phrase_watch_fires_only_on_the_words_together(env: Env) -> None:
    poller = env.poller(on_events=enqueue_alerts)
    await poller.run_cycle()
    await add_chats(env.db, 601)
    await add_watch(env.db, 601, "nära vård", "när vård")
    env.portal.publish_meeting(
        "regionstyrelsen",
        TODAY + timedelta(days=20),
        [(1, "Vård nära hemmet"), (2, "Omställning till nära vården")],
    )
    await poller.run_cycle()
    (row,) = await rows(env.db, "SELECT payload FROM outbox WHERE chat_id = 601")
    text = json.loads(row[0])["text"]
    assert "<u>nära</u> <u>vården</u>" in text and "hemmet" not in text


async def test_new_agenda_alert_groups_decisions_apart_from_information(env: Env) -> None:
    """The alert is the meeting view: Formalia, then the items under their kind's heading, in
    each follower's language."""
    await _setup(env)
    poller = env.poller(on_events=enqueue_alerts)
    env.portal.publish_meeting(
        "regionstyrelsen",
        TODAY + timedelta(days=20),
        [
            (1, "Mötet öppnas"),
            (2, "Information om vårdplatserna i länet"),
            (3, "Svar på motion om nattöppen akutmottagning"),
            (4, "Bildandet av kommunförbund"),
            (5, "Anmälan av delegationsbeslut"),
        ],
    )
    await poller.run_cycle()
    payloads = {
        int(c): json.loads(p)["text"]
        for c, p in await rows(env.db, "SELECT chat_id, payload FROM outbox WHERE kind = 'new'")
    }
    swedish, english = payloads[11], payloads[13]
    order = [
        "<i>Formalia: 1</i>",
        "<b>Att besluta</b>\n<b>3</b> Svar på motion om nattöppen akutmottagning",
        "<b>Information</b>\n<b>2</b> Information om vårdplatserna i länet\n<b>5</b> Anmälan",
        "<b>Övriga ärenden</b>\n<b>4</b> Bildandet av kommunförbund",
    ]
    positions = [swedish.index(part) for part in order]
    assert positions == sorted(positions)
    headings = ("<b>To decide</b>", "<b>Information</b>", "<b>Other items</b>")
    positions = [english.index(heading) for heading in headings]
    assert positions == sorted(positions) and "Att besluta" not in english
