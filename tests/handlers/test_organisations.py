"""Two organisations with a "Kommunstyrelsen" each, through the real bot: two sources (two
municipal sites on 127.0.0.1) give two bodies that `/organ`, the follow buttons, `/folj`,
`/foljer`, `/sok` and `/status` tell apart by their organisation, and a follow can be typed.
Without an organisation (as two Meetings Plus portals with a Kommunstyrelsen each would give)
the namesakes are pointed out to the admins in `/status`, with the fix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from agenda.clock import today
from alerts.fanout import enqueue_alerts
from demo.fake_api import FakeBotApi
from jobs.poll import Poller
from sources.config import SourceConfig
from storage.db import Database
from tests.conftest import ADMIN_CHAT_ID, USER_CHAT_ID
from tests.handlers.chatdriver import Member, button_data
from tests.pdfserver import serving
from tests.sources.webkit import TITLES, Site, kallelse_pdf

pytestmark = pytest.mark.usefixtures("bot_app")
TYRESO, NACKA = "Kommunstyrelsen (Tyresö kommun)", "Kommunstyrelsen (Nacka kommun)"


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site]]:
    with serving() as tyreso, serving() as nacka:
        yield Site(tyreso), Site(nacka)


async def _poll(db: Database, sites: tuple[Site, Site], organisations: bool = True) -> None:
    """Each site lists one kallelse of its Kommunstyrelsen; both sources are polled once."""
    sources = []
    for site, town, budget in zip(sites, ("Tyresö", "Nacka"), ("Budget", "Skolplan"), strict=True):
        day = today(db.clock) + timedelta(days=30)
        titles = [*TITLES[:2], f"{budget} 2027 för {town} kommun"]
        site.publish("/kallelse.pdf", f"Kallelse {day.isoformat()}", kallelse_pdf(day, titles))
        organisation = f"{town} kommun" if organisations else None
        name, url = f"{town} KS", site.listing_url
        sources.append(
            SourceConfig("webpage", name, url, body="Kommunstyrelsen", organisation=organisation)
        )
    async with httpx.AsyncClient() as client:
        report = await Poller(db, client, sources, on_events=enqueue_alerts).run_cycle()
    assert [s.new for s in report.sources] == [1, 1], [s.errors for s in report.sources]


async def test_two_kommunstyrelser_are_told_apart_everywhere_and_followed_by_typing(
    fake_api: FakeBotApi, seeded_db: Database, sites: tuple[Site, Site]
) -> None:
    await _poll(seeded_db, sites)
    member = Member(fake_api, USER_CHAT_ID)
    listing = await member.say_one("/organ")
    labels = [label for label, _ in listing.buttons()]
    assert f"➕ {TYRESO}" in labels and f"➕ {NACKA}" in labels
    assert len(set(button_data(listing))) == len(labels)

    ambiguous = await member.say_one("/folj kommunstyrelsen")
    assert TYRESO in ambiguous.text and NACKA in ambiguous.text
    followed = await member.say_one("/folj kommunstyrelsen tyresö")
    assert TYRESO in followed.text and NACKA not in followed.text
    mine = await member.say_one("/foljer")
    assert TYRESO in mine.text and NACKA not in mine.text

    hits = await member.say_one("/sok skolplan")
    assert NACKA in hits.text and "Skolplan 2027 för Nacka kommun" in hits.text

    status = await Member(fake_api, ADMIN_CHAT_ID).say_one("/status")
    assert "✅ Tyresö KS (webpage)" in status.text and f"    {TYRESO}" in status.text
    assert f"    {NACKA}" in status.text and "heter" not in status.text


async def test_without_organisations_the_admins_are_told_how_to_tell_them_apart(
    fake_api: FakeBotApi, seeded_db: Database, sites: tuple[Site, Site]
) -> None:
    await _poll(seeded_db, sites, organisations=False)
    status = await Member(fake_api, ADMIN_CHAT_ID).say_one("/status")
    assert "⚠️ 2 organ heter Kommunstyrelsen" in status.text
    assert "<code>organisation</code>" in status.text
