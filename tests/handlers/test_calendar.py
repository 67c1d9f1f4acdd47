"""/kalender (/calendar) end to end: the .ics of the followed bodies' upcoming meetings."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from demo.fake_api import FakeBotApi
from presentation.calendar import meeting_uid
from tests.conftest import USER_CHAT_ID
from tests.handlers.chatdriver import Member

pytestmark = pytest.mark.usefixtures("bot_app")


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


async def test_calendar_without_follows_explains(member: Member) -> None:
    sent = await member.say_one("/kalender")
    assert "Du följer inga organ" in sent.text and "/organ" in sent.text


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
