"""A municipality's kallelse PDFs, end to end through the real bot: a `webpage` source (a listing
page and the PDFs it links, served over HTTP on 127.0.0.1) gives three meetings with their
items; a fourth link appearing later alerts the body's follower with the items; `/punkt 2` and
`/sok` answer from it.

The kallelser are PDFs made with fpdf2 as municipalities print them: `N Title` lines (with a
Diarienummer and a few lines of text) under a `Kallelse` / `Datum:` / `Tid:` / `Plats:` header,
a running head and `Sida n av m` on every page. Every date comes from the test's clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from telegram.ext import Application

from agenda.clock import today
from alerts.fanout import enqueue_alerts
from alerts.sender import Sender
from demo.fake_api import FakeBotApi
from jobs.poll import Poller
from sources.config import SourceConfig
from storage.db import Database
from tests.conftest import USER_CHAT_ID
from tests.handlers.chatdriver import Member
from tests.pdfserver import serving
from tests.sources.webkit import Entry, Site, kallelse_pdf

pytestmark = pytest.mark.usefixtures("bot_app")
KS = "Kommunstyrelsen (Tyresö kommun)"
OPENING = [Entry("Val av justerare"), Entry("Godkännande av dagordning")]
CLOSING = Entry("Mötets avslutande")
MEETINGS = [
    [
        *OPENING,
        Entry(
            "Anmälan och besvarande av frågor",
            "2025/KS 0038 001",
            "En fråga har lämnats in till sammanträdet om klimatmålen.",
        ),
        Entry(
            "Budget 2026 med plan för 2027-2028",
            "2025/KS 0112 041",
            "Kommunstyrelsen föreslår att kommunfullmäktige fastställer budgeten.",
        ),
        CLOSING,
    ],
    [
        *OPENING,
        Entry("Motion om en cykelpump vid Alby fritidsgård", "2025/KS 0214 109"),
        CLOSING,
    ],
    [*OPENING, Entry("Delårsrapport januari-augusti"), Entry("Delegationsbeslut"), CLOSING],
]
FOURTH = [
    Entry("Val av justerare"),
    Entry(
        "Detaljplan för Wättinge gård, antagande",
        "2025/KS 0301 214",
        "Planen möjliggör cirka 300 nya bostäder vid Wättinge gård.",
    ),
    Entry("Renhållningstaxa 2026", "2025/KS 0290 450"),
    CLOSING,
]


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as files:
        yield Site(files)


def _publish(site: Site, day: date, entries: Sequence[Entry]) -> None:
    path = f"/download/18.7c1/{day:%Y%m%d}/Kallelse-KS-{day.isoformat()}.pdf"
    site.publish(
        path, f"Kallelse kommunstyrelsen {day.isoformat()} (pdf)", kallelse_pdf(day, entries)
    )


async def _poll(db: Database, site: Site) -> int:
    source = SourceConfig(
        "webpage",
        "Tyresö kommunstyrelse",
        site.listing_url,
        body="Kommunstyrelsen",
        organisation="Tyresö kommun",
    )
    async with httpx.AsyncClient() as client:
        report = await Poller(db, client, [source], on_events=enqueue_alerts).run_cycle()
    (found,) = report.sources
    assert found.error is None and found.failed == 0, found.errors
    return found.new


async def test_a_webpage_of_kallelse_pdfs_reaches_the_member(
    fake_api: FakeBotApi,
    seeded_db: Database,
    site: Site,
    bot_app: Application[Any, Any, Any, Any, Any, Any],
) -> None:
    start = today(seeded_db.clock)
    days = [start + timedelta(days=7 * n) for n in (1, 2, 3, 4)]
    for day, entries in zip(days, MEETINGS, strict=False):
        _publish(site, day, entries)
    assert await _poll(seeded_db, site) == 3

    member = Member(fake_api, USER_CHAT_ID)
    listed = (await member.say_one("/moten kommunstyrelsen tyresö")).text
    for entries in MEETINGS:
        assert f"{KS} · {len(entries)} punkter" in listed
    followed = await member.say_one("/folj kommunstyrelsen tyresö")
    assert KS in followed.text

    _publish(site, days[3], FOURTH)
    assert await _poll(seeded_db, site) == 1
    mark = fake_api.mark()
    await Sender(seeded_db, bot_app.bot).run_until_idle()
    (alert,) = fake_api.sent_messages(USER_CHAT_ID, since=mark)
    assert KS in alert.text
    for entry in FOURTH[1:]:  # the opening formalities are summed up as "Formalia: 1"
        assert entry.title in alert.text

    item = (await member.say_one(f"/punkt 2 kommunstyrelsen tyresö {days[3]:%-d/%-m}")).text
    assert FOURTH[1].title in item and "2025/KS 0301 214" in item
    hits = (await member.say_one("/sok wättinge")).text
    assert KS in hits and FOURTH[1].title in hits
