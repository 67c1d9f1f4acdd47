"""/kalender (/calendar) end to end: the .ics of the followed bodies' upcoming meetings."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar

from bot.web import HealthRules, WebServer
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from jobs.metrics import Metrics
from presentation.calendar import meeting_uid
from storage.db import Database
from tests.support.chatdriver import Member, button_data
from tests.support.world import USER_CHAT_ID, make_config, start_application


@pytest.mark.usefixtures("bot_app")
async def test_calendar_without_follows_explains(member: Member) -> None:
    sent = await member.say_one("/kalender")
    assert "Du följer inga organ" in sent.text and "/organ" in sent.text


@pytest.mark.usefixtures("bot_app")
async def test_calendar_sends_the_followed_bodies_meetings(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    await member.say_one("/folj rs")
    mark = fake_api.mark()
    await fake_api.inject_message(USER_CHAT_ID, "/calendar")
    await fake_api.wait_for_call("sendDocument", since=mark)
    (document,) = fake_api.sent_documents(USER_CHAT_ID, since=mark)
    assert document.file_name == "namndbot.ics" and document.data is not None
    assert "1 kommande möte." in (document.caption or "")
    events = Calendar.from_ical(document.data).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [meeting_uid(seed_ids["001"])]


async def test_private_subscription_link_is_served_and_erased_with_the_chat(
    tmp_path: Path,
    fake_api: FakeBotApi,
    seeded_db: Database,
    clock: ManualClock,
    seed_ids: dict[str, int],
) -> None:
    from bot.app import build_application

    config = make_config(tmp_path, fake_api, public_base_url="https://cal.example/nb/")
    app = build_application(config, clock, db=seeded_db, start_jobs=False)
    rules = HealthRules([], poll_interval_seconds=3600, started_at=clock.now())
    server = WebServer(seeded_db, Metrics(), rules, clock.now)
    await start_application(app)
    await server.start("127.0.0.1", 0)
    try:
        member = Member(fake_api, USER_CHAT_ID)
        await member.say_one("/folj rs")
        mark = fake_api.mark()
        await fake_api.inject_message(USER_CHAT_ID, "/kalender")
        await fake_api.wait_for_call("sendDocument", since=mark)
        (document,) = fake_api.sent_documents(USER_CHAT_ID, since=mark)
        found = re.search(
            r"https://cal\.example/nb/calendar/([\w-]{32})\.ics", document.caption or ""
        )
        assert found is not None
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
            feed = await client.get(f"/calendar/{found.group(1)}.ics")
            assert feed.status_code == 200 and feed.headers["content-type"].startswith(
                "text/calendar"
            )
            events = Calendar.from_ical(feed.content).walk("VEVENT")
            assert [str(e["UID"]) for e in events] == [meeting_uid(seed_ids["001"])]
            assert (await client.get("/calendar/guessed.ics")).status_code == 404
            ask = await member.say_one("/radera")
            await member.press(ask.message_id, button_data(ask)[0], "editMessageText")
            assert (await client.get(f"/calendar/{found.group(1)}.ics")).status_code == 404
    finally:
        await server.stop()
        await stop_application(app)
