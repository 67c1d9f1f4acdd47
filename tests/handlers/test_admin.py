"""/status: admins see sources, last poll, outbox and error count; others get a polite no."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from storage.db import Database
from storage.sources import ensure_source, finish_poll, record_attempt, start_poll
from tests.support.chatdriver import Member
from tests.support.world import ADMIN_CHAT_ID, USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_status_refused_for_members(fake_api: FakeBotApi) -> None:
    sent = await Member(fake_api, USER_CHAT_ID).say_one("/status")
    assert "bara för botens administratörer" in sent.text


async def test_status_for_admin_with_nothing_yet(fake_api: FakeBotApi) -> None:
    sent = await Member(fake_api, ADMIN_CHAT_ID).say_one("/status")
    assert "Inga källor än." in sent.text and "Ingen hämtning än." in sent.text
    assert "<b>Utkorg</b>: 0 väntar" in sent.text
    assert "Handlingar: 0 lästa, 0 utan sökbar text, 0 olästa" in sent.text
    assert "Oväntade fel sedan start: 0" in sent.text


async def test_status_shows_failing_source_and_last_poll(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    ok = await ensure_source(seeded_db, "regionjh", "meetingsplus", "https://forum.regionjh.se")
    bad = await ensure_source(seeded_db, "feed", "feed", "https://example.invalid/rss")
    await record_attempt(seeded_db, ok.id, error=None)
    await record_attempt(seeded_db, bad.id, error="HTTP 500 <boom>")
    poll = await start_poll(seeded_db)
    await finish_poll(seeded_db, poll, new=2, changed=1, unchanged=5, failed=1)
    sent = await Member(fake_api, ADMIN_CHAT_ID).say_one("/status")
    assert "✅ regionjh (meetingsplus)" in sent.text
    assert "⚠️ feed (feed) – 1 fel i rad, senast: HTTP 500 &lt;boom&gt;" in sent.text
    assert "(2 nya, 1 ändrad, 1 fel)" in sent.text


async def test_status_in_a_members_group_asks_for_a_private_chat(fake_api: FakeBotApi) -> None:
    sent = await Member(fake_api, -100777, user_id=ADMIN_CHAT_ID).say_one(
        f"/status@{fake_api.bot_username}"
    )
    assert "privat chatt" in sent.text and "Källor" not in sent.text


async def test_group_language_is_for_admins_only(fake_api: FakeBotApi) -> None:
    group = -100778
    plain = Member(fake_api, group, user_id=31)
    refused = await plain.say_one(f"/sprak@{fake_api.bot_username} en")
    assert "admins" in refused.text
    fake_api.set_member_status(group, 32, "administrator")
    changed = await Member(fake_api, group, user_id=32).say_one(
        f"/sprak@{fake_api.bot_username} en"
    )
    assert changed.text == "I'll speak English now."
