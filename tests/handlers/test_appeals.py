"""The appeal window end to end: the sample portal posts approved minutes (an ANSLAG/BEVIS box
in the PDF, a notice in its feed) → the poller with its documents step → the alert to the
body's and the case's followers (sender → fake Bot API) → /overklagande through the real
Application. Dates come from the test's clock, moved to the next posting whose three weeks end
on julafton or långfredagen, so the last day must skip the holidays.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import holidays
import pytest

from agenda.clock import STOCKHOLM, today
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import format_date, format_day_month
from tests.support.chatdriver import Member
from tests.support.pollkit import rows
from tests.support.portalworld import HSN, World
from tests.support.portalworld import world as make_world

MEMBER, CASE_FOLLOWER = 501, 502
WINDOWS = (
    "SELECT a.posted_on, a.posted_from, a.last_day FROM appeal_windows a"
    " JOIN meetings m ON m.id = a.meeting_id"
)


def christmas_posting(day: date) -> tuple[date, date]:
    """(the first posting on or after `day` whose three weeks end on julafton, the last day:
    past juldagen and annandag jul, and past a weekend)."""
    year = day.year if day <= date(day.year, 12, 3) else day.year + 1
    last = date(year, 12, 27)
    while last.weekday() >= 5:
        last += timedelta(days=1)
    return date(year, 12, 3), last


def easter(year: int) -> date:
    """Påskdagen: the Sunday after långfredagen (the calendar's date, not the rule tested)."""
    found = holidays.country_holidays("SE", years=year, language="sv")
    return next(d for d, name in found.items() if name == "Långfredagen") + timedelta(days=2)


def easter_posting(day: date) -> tuple[date, date]:
    """(the first posting on or after `day` whose three weeks end on långfredagen, the last
    day: the Tuesday after annandag påsk)."""
    year = day.year
    while easter(year) - timedelta(days=23) < day:
        year += 1
    return easter(year) - timedelta(days=23), easter(year) + timedelta(days=2)


@pytest.fixture
async def world(
    tmp_path: Path, clock: ManualClock, fake_api: FakeBotApi, request: pytest.FixtureRequest
) -> AsyncIterator[World]:
    posted, _ = request.param(today(clock))
    clock.set(datetime.combine(posted, time(12), tzinfo=STOCKHOLM))
    async with make_world(tmp_path, clock, fake_api) as built:
        yield built


@pytest.mark.parametrize("world", [christmas_posting, easter_posting], indirect=True)
async def test_posted_minutes_alert_followers_and_list_the_window(
    world: World, request: pytest.FixtureRequest
) -> None:
    posted, last = request.node.callspec.params["world"](today(world.clock))
    member = Member(world.fake, MEMBER)
    case_follower = Member(world.fake, CASE_FOLLOWER)
    assert "följer nu" in (await member.say_one("/folj hsn")).text
    assert "HSN 2026/45" in (await case_follower.say_one("/folj_arende HSN 2026/45")).text

    site = world.portal.site
    meeting_day = posted - timedelta(days=8)
    path = site.publish_meeting(
        HSN, meeting_day, [(1, "Mötet öppnas"), (2, "Budget 2027, dnr HSN 2026/45")]
    )
    await world.poller.run_cycle()
    # The minutes say when they were posted; the feed's notice says it too (its day).
    site.publish_minutes(path, posted_on=posted)
    await world.poller.run_cycle()
    await world.poller.run_cycle()  # the documents step reads the minutes PDF

    ((stored_posted, stored_from, stored_last),) = await rows(
        world.db, f"{WINDOWS} WHERE m.url LIKE ?", f"%{path}"
    )
    assert (stored_posted, stored_from) == (posted.isoformat(), "minutes")
    assert stored_last == last.isoformat()

    await world.deliver()
    (alert,) = [m for m in world.fake.sent_messages(MEMBER) if "anslaget" in m.text]
    expected = f"anslaget {format_day_month(posted, 'sv')}; överklagandetiden går ut "
    assert f"Protokollet är {expected}{format_date(last, 'sv')}." in alert.text
    (case_alert,) = [m for m in world.fake.sent_messages(CASE_FOLLOWER) if "anslaget" in m.text]
    assert "Du följer ärendet HSN 2026/45" in case_alert.text

    listed = await member.say_one("/overklagande")
    assert "Hälso- och sjukvårdsnämnden" in listed.text and format_date(last, "sv") in listed.text
    assert "Protokoll" in listed.text  # the minutes' link
    world.clock.set(datetime.combine(last + timedelta(days=1), time(9), tzinfo=STOCKHOLM))
    assert "Inga öppna överklagandetider" in (await member.say_one("/overklagande")).text


@pytest.mark.parametrize("world", [christmas_posting], indirect=True)
async def test_a_printed_last_day_wins_and_the_difference_is_logged(
    world: World, request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> None:
    posted, last = request.node.callspec.params["world"](today(world.clock))
    path = world.portal.site.publish_meeting(HSN, posted - timedelta(days=8), [(1, "Budget")])
    await world.poller.run_cycle()
    printed = last + timedelta(days=7)
    world.portal.site.publish_minutes(path, posted_on=posted, printed_last_day=printed)
    with caplog.at_level(logging.WARNING, logger="sources.appeals"):
        await world.poller.run_cycle()
        await world.poller.run_cycle()
    assert await rows(
        world.db,
        "SELECT a.last_day, a.printed_last_day FROM appeal_windows a"
        " JOIN meetings m ON m.id = a.meeting_id WHERE m.url LIKE ?",
        f"%{path}",
    ) == [(printed.isoformat(), printed.isoformat())]
    assert any("differs from the computed" in r.getMessage() for r in caplog.records)
