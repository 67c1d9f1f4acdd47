"""The alert commands through the real Application and the fake Bot API: /paminn, /bevaka,
/bevakningar, /sluta_bevaka, /sammandrag (Swedish and English names, bad input, groups)."""

from __future__ import annotations

from typing import Any

import pytest

from demo.fake_api import FakeBotApi
from handlers import alerts
from storage.alert_prefs import get_prefs
from storage.db import Database
from storage.watches import list_watches
from tests.support.chatdriver import Member


def wire_first(app: Any, register: Any) -> None:
    """Register a handler module ahead of the catch-all (unknown command) handlers of group 0,
    as the composition root does, unless it is wired already."""
    before = list(app.handlers.get(0, []))
    register(app)
    added = [h for h in app.handlers[0] if h not in before]
    if any(
        getattr(h, "callback", None) in {getattr(a, "callback", 0) for a in added} for h in before
    ):
        for h in added:
            app.remove_handler(h)
        return
    app.handlers[0][:] = added + before


@pytest.fixture
def app(bot_app: Any) -> Any:
    wire_first(bot_app, alerts.register)
    return bot_app


async def test_remind_settings(app: Any, fake_api: FakeBotApi, seeded_db: Database) -> None:
    me = Member(fake_api, 501)
    assert "Nu: av" in (await me.say_one("/paminn")).text  # off by default
    assert "2 dagar före, morgon (07:00)" in (await me.say_one("/paminn 2d morgon")).text
    assert (await get_prefs(seeded_db, 501)).reminders == "2d,morning"
    assert "1 dag före, 1 timme före" in (await me.say_one("/paminn 1d 1h")).text
    bad = await me.say_one("/paminn imorgon <b>")
    assert "Förstod inte «imorgon &lt;b&gt;»" in bad.text and "/paminn 2d morgon" in bad.text
    assert (await me.say_one("/remind off")).text == "Påminnelser avstängda."
    assert (await get_prefs(seeded_db, 501)).reminders == ""


async def test_watch_list_and_unwatch(app: Any, fake_api: FakeBotApi, seeded_db: Database) -> None:
    me = Member(fake_api, 502)
    assert "Exempel" in (await me.say_one("/bevaka")).text
    two = (await me.say_one("/bevaka nära vård")).text
    assert "minst tre bokstäver" in two and "inom citattecken" in two
    assert "Bevakar nu «nära vård»" in (await me.say_one('/bevaka "Nära vård"')).text
    assert "Slutade bevaka" in (await me.say_one("/sluta_bevaka ”nära vården”")).text
    assert "Bevakar nu «vårdplatser»" in (await me.say_one("/bevaka Vårdplatser")).text
    refused = (await me.say_one("/bevaka och")).text
    assert "«och» står i nästan varje punkt" in refused and "Bevakar nu" not in refused
    assert "redan" in (await me.say_one("/bevaka vårdplats")).text  # same stem
    await me.say_one("/watch budget")
    listed = (await me.say_one("/bevakningar")).text
    assert "<b>budget</b>" in listed and "<b>vårdplatser</b>" in listed
    assert "Slutade bevaka" in (await me.say_one("/sluta_bevaka vårdplatserna")).text
    assert [w.term for w in await list_watches(seeded_db, 502)] == ["budget"]
    assert "bevakar inte" in (await me.say_one("/unwatch skola")).text


async def test_digest_on_off(app: Any, fake_api: FakeBotApi, seeded_db: Database) -> None:
    me = Member(fake_api, 503)
    assert "Nu: av" in (await me.say_one("/sammandrag")).text
    assert "07:00" in (await me.say_one("/sammandrag på")).text
    assert (await get_prefs(seeded_db, 503)).digest
    assert "direkt" in (await me.say_one("/digest off")).text  # the chat's language: sv
    assert not (await get_prefs(seeded_db, 503)).digest


async def test_only_group_admins_change_alerts(
    app: Any, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    fake_api.set_member_status(-700, 11, "member")
    member = Member(fake_api, -700, user_id=11)
    assert "administratörer" in (await member.say_one("/bevaka budget")).text
    assert await list_watches(seeded_db, -700) == []
    fake_api.set_member_status(-700, 12, "administrator")
    admin = Member(fake_api, -700, user_id=12)
    assert "Bevakar nu" in (await admin.say_one("/bevaka budget")).text
    assert "budget" in (await member.say_one("/bevakningar")).text  # anyone may look


async def test_remind_says_when_the_next_one_comes_and_names_the_limits(
    app: Any, fake_api: FakeBotApi, seeded_db: Database, clock: Any
) -> None:
    from datetime import datetime, timedelta

    from agenda.clock import STOCKHOLM, today
    from presentation.texts import format_date
    from tests.support.world import SEEDS

    me = Member(fake_api, 503)
    await me.say_one("/folj rs")
    sent = await me.say_one("/paminn 1h")
    rs_day = SEEDS["001"].meeting_date(today(clock))  # starts 08:30 (seed 001's header)
    due = datetime.combine(rs_day, datetime.min.time(), STOCKHOLM) + timedelta(hours=7, minutes=30)
    assert f"Nästa påminnelse: {format_date(due.date(), 'sv')} 07:30" in sent.text
    assert "<b>Regionstyrelsen</b>" in sent.text
    shown = await me.say_one("/paminn")
    assert "Nu: 1 timme före" in shown.text and "Nästa påminnelse" in shown.text
    assert "1–14 dagar före" in shown.text and "1–72 timmar" in shown.text
    too_far = await me.say_one("/paminn 20d")
    assert "«20d» ligger utanför gränserna" in too_far.text and "1–14 dagar före" in too_far.text
    assert (await get_prefs(seeded_db, 503)).reminders == "1h"  # unchanged


async def test_watches_have_remove_buttons(
    app: Any, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    me = Member(fake_api, 504)
    await me.say_one("/bevaka vårdplatser")
    await me.say_one("/bevaka budget")
    sent = await me.say_one("/bevakningar")
    buttons = dict(sent.buttons())
    assert set(buttons) == {"✖ budget", "✖ vårdplatser"} and "Tryck ✖" in sent.text
    call = await me.press(sent.message_id, buttons["✖ budget"] or "", "editMessageText")
    assert "budget" not in call.params["text"] and "vårdplatser" in call.params["text"]
    assert [w.term for w in await list_watches(seeded_db, 504)] == ["vårdplatser"]


async def test_following_has_remove_buttons_for_bodies_and_cases(
    app: Any, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    from storage.cases import followed_cases

    me = Member(fake_api, 505)
    await me.say_one("/folj rs")
    await me.say_one("/folj_arende RS/2147/2018")
    sent = await me.say_one("/foljer")
    labels = dict(sent.buttons())
    assert "✅ Regionstyrelsen" in labels and "✖ RS/2147/2018" in labels
    await me.press(sent.message_id, labels["✖ RS/2147/2018"] or "", "editMessageReplyMarkup")
    assert await followed_cases(seeded_db, 505) == []


async def test_digest_explains_itself(app: Any, fake_api: FakeBotApi, seeded_db: Database) -> None:
    me = Member(fake_api, 506)
    on = await me.say_one("/sammandrag på")
    assert "Sammandrag på" in on.text and "Påminnelser före möten kommer ändå i tid" in on.text
    assert "Du följer inget organ och bevakar inget ord än" in on.text  # explained, not refused
    assert (await get_prefs(seeded_db, 506)).digest
    await me.say_one("/folj rs")
    listing = await me.say_one("/foljer")
    assert "🗞 Sammandrag på: larmen kommer samlade kl 07:00" in listing.text
    shown = await me.say_one("/sammandrag")
    assert "Nu: på" in shown.text and "väntar till sammandraget" in shown.text
    assert "följer inget organ" not in shown.text
