"""A bounded, fair crawl against the sample portal as a real server: a malformed link is skipped
and counted, links and feed entries never lead to another host, a chain of meeting pages is read
within a per-cycle page budget and continued next cycle, and a source that never answers is cut
at its deadline while the other source's pages are stored and alerted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from alerts.fanout import enqueue_alerts
from demo.sample_portal import SamplePortal
from jobs.poll import Poller, PollSettings
from sources.config import SourceConfig
from sources.http import HttpSettings, make_http_client
from tests.jobs.outbox_helpers import add_follow
from tests.sources.pollkit import RS, TODAY, Env, env, rows, stored_meetings

__all__ = ["env"]
RS_BODY = "/committees/regionstyrelsen"


@pytest.fixture
async def other_host(env: Env) -> AsyncIterator[SamplePortal]:
    """A second portal: another host (another port of 127.0.0.1), with its own counters."""
    async with SamplePortal(clock=env.clock, slow_seconds=60.0) as portal:
        yield portal


def _page(portal: SamplePortal, path: str) -> bytes:
    page = portal.site.page(path, portal.base_url)
    assert page is not None
    return bytes(page.content)


def _with_links(content: bytes, *hrefs: str) -> bytes:
    """`content` with a side menu holding `hrefs` (outside the main content, like the portal's)."""
    links = "".join(f'<li><a href="{href}">Möte</a></li>' for href in hrefs)
    menu = f'<nav class="meeting-menu" aria-label="Möten"><ul>{links}</ul></nav></body>'
    return content.replace(b"</body>", menu.encode(), 1)


async def test_malformed_link_is_skipped_and_counted_not_fatal(env: Env) -> None:
    env.portal.serve(RS_BODY, _with_links(_page(env.portal, RS_BODY), "http://[::1", "/[x"))
    report = await env.poller([env.portal_source()]).run_cycle()
    portal = report.sources[0]
    assert portal.error is None and portal.skipped_links == 1
    assert RS in await stored_meetings(env)  # the body's good link was still followed


async def test_links_to_another_host_are_not_followed(env: Env, other_host: SamplePortal) -> None:
    foreign = other_host.url("/committees/regionstyrelsen/mote-2026-12-04")
    env.portal.serve(RS, _with_links(_page(env.portal, RS), foreign))
    await env.poller([env.portal_source()]).run_cycle()
    assert RS in await stored_meetings(env)
    assert sum(other_host.requests.values()) == 0


async def test_feed_entry_linking_another_host_is_not_followed(
    env: Env, other_host: SamplePortal
) -> None:
    foreign = other_host.url("/committees/regionstyrelsen/mote-2026-12-04")
    feed = _page(env.portal, "/feed.rss").replace(
        b"</channel>",
        f"<item><title>Kallelse: annan webbplats</title><link>{foreign}</link></item>"
        "</channel>".encode(),
    )
    env.portal.serve("/feed.rss", feed, headers={"Content-Type": "application/rss+xml"})
    report = await env.poller([env.feed_source()]).run_cycle()
    assert report.sources[0].error is None and report.sources[0].new == 4  # its own pages
    assert sum(other_host.requests.values()) == 0
    assert ("Kallelse: annan webbplats",) in await rows(env.db, "SELECT title FROM announcements")


async def test_chain_of_meeting_pages_is_read_within_the_budget_and_continued(env: Env) -> None:
    """RS links kedja-1, each kedja-k links kedja-k+1, up to kedja-20 (each a meeting page)."""
    chain = [f"{RS_BODY}/kedja-{k}" for k in range(1, 21)]
    base = _page(env.portal, RS)
    env.portal.serve(RS, _with_links(base, chain[0]))
    for here, after in zip(chain, [*chain[1:], None], strict=True):
        env.portal.serve(here, _with_links(base, *([after] if after else [])))
    poller = env.poller([env.portal_source(bodies=("regionstyrelsen",))], page_budget=10)
    visits = []
    for _ in range(3):
        env.portal.reset_counters()
        report = await poller.run_cycle()
        visits.append(sum(n for p, n in env.portal.requests.items() if p.startswith(RS_BODY + "/")))
        assert report.sources[0].error is None
    assert visits == [10, 10, 3]  # RS each cycle (it is upcoming) + 9, 9, then the last 2
    stored = await stored_meetings(env)
    assert all(path in stored for path in chain)
    assert await rows(env.db, "SELECT url FROM crawl_frontier") == []


async def test_budget_defers_in_order_upcoming_first(env: Env) -> None:
    report = await env.poller([env.portal_source()], page_budget=2).run_cycle()
    portal = report.sources[0]
    assert portal.new == 2 and portal.deferred == 4
    stored = sorted(await stored_meetings(env))
    assert stored == sorted(
        ["/committees/halso-och-sjukvardsnamnden/mote-2026-11-28", RS]
    )  # the two soonest upcoming meetings
    assert len(await rows(env.db, "SELECT url FROM crawl_frontier")) == 4


async def test_a_source_that_never_answers_is_cut_at_its_deadline_and_holds_no_one(
    env: Env, other_host: SamplePortal
) -> None:
    """The other host drips its meeting pages forever (no read ever times out); our portal's
    new meeting is stored and alerted while that source is still hanging."""
    for m in other_host.site.meetings:
        other_host.inject(m.path, "drip")
    patient = HttpSettings(timeout_seconds=1.0, retries=0, deadline_seconds=600.0)
    hanging = SourceConfig("meetingsplus", "Hänger", other_host.base_url)
    async with make_http_client("Namndbot-tests (test@example.invalid)", patient) as client:
        poller = Poller(
            env.db,
            client,
            [env.portal_source(), hanging],
            on_events=enqueue_alerts,
            settings=PollSettings(http=patient, source_deadline_seconds=3.0),
        )
        first = await asyncio.wait_for(poller.run_cycle(), timeout=60)
        assert "deadline" in first.sources[1].errors[0] and first.sources[0].new == 6
        assert await rows(env.db, "SELECT COUNT(*) FROM crawl_frontier") != [(0,)]
        ((body_id,),) = await rows(
            env.db,
            "SELECT id FROM bodies WHERE portal = ? AND slug = ?",
            env.portal.base_url,
            "regionstyrelsen",
        )
        await add_follow(env.db, 11, int(body_id))
        env.portal.publish_meeting("regionstyrelsen", TODAY.replace(year=TODAY.year + 10))
        cycle = asyncio.create_task(poller.run_cycle())
        for _ in range(400):  # our portal's alert is written while the other source hangs
            if await rows(env.db, "SELECT kind FROM outbox WHERE chat_id = 11"):
                break
            await asyncio.sleep(0.05)
        assert await rows(env.db, "SELECT kind FROM outbox WHERE chat_id = 11") == [("new",)]
        assert not cycle.done()
        second = await asyncio.wait_for(cycle, timeout=60)
    assert second.sources[0].new == 1 and "deadline" in second.sources[1].errors[0]
