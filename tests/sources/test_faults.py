"""Faults at the portal: the cycle goes on with the other pages and sources, the failure is
logged and counted in the source's health, nothing stored is lost, and a failing source is
backed off instead of hammered."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from demo.sample_portal import Fault
from storage.sources import mark_failure_reported, source_health, sources_failing_since
from tests.support.pollkit import HSN, RS, Env, events, rows, stored_meetings


@pytest.mark.parametrize("fault", ["500", "slow", "redirect_loop", "huge", "garbage"])
async def test_meeting_page_fault_is_survived(env: Env, fault: Fault) -> None:
    poller = env.poller()
    await poller.run_cycle()
    before = await stored_meetings(env)
    env.portal.inject(RS, fault)
    env.portal.edit_item(HSN, 2, title="Val av justerare (ändrad)")
    report = await poller.run_cycle()
    portal_report = report.sources[0]
    assert portal_report.failed == 1 and portal_report.error is None
    assert report.total("changed") == 1  # the other pages were still checked
    assert RS in portal_report.errors[0]
    assert await stored_meetings(env) == before  # nothing lost or emptied
    health = {h.name: h for h in await source_health(env.db)}["Exempelportalen"]
    assert health.last_failed_pages == 1 and health.consecutive_failures == 0
    assert health.last_error and RS in health.last_error and health.last_error_at
    env.portal.heal()
    healed = await poller.run_cycle()
    assert healed.total("failed") == 0


async def test_fault_on_a_new_page_stores_nothing_for_it(env: Env) -> None:
    env.portal.inject(RS, "garbage")
    report = await env.poller().run_cycle()
    assert RS not in await stored_meetings(env)
    assert report.sources[0].failed == 1
    env.portal.heal()
    await env.poller().run_cycle()  # not cached as done: retried and stored now
    assert RS in await stored_meetings(env)


async def test_empty_parse_never_replaces_stored_items(env: Env) -> None:
    poller = env.poller()
    await poller.run_cycle()
    before = (await stored_meetings(env))[RS]
    env.portal.site.replace_agenda(RS, [])
    report = await poller.run_cycle()
    assert report.parses == 1  # the emptied page was read...
    assert (await stored_meetings(env))[RS] == before  # ...and did not empty the stored one
    assert not [p for p, _, _ in await events(env, "changed") if p == RS]


async def test_failing_source_is_backed_off_and_reported(env: Env) -> None:
    env.portal.inject("/committees", "500")
    poller = env.poller(backoff_base_seconds=3600)
    report = await poller.run_cycle()
    portal_report, feed_report = report.sources
    assert portal_report.error and "HTTP 500" in portal_report.error
    assert feed_report.error is None and feed_report.new > 0  # the other source went on
    health = {h.name: h for h in await source_health(env.db)}["Exempelportalen"]
    assert health.consecutive_failures == 1 and health.backoff_until and health.failing_since
    env.portal.reset_counters()
    again = await poller.run_cycle()
    assert again.sources[0].skipped and "backing off" in again.sources[0].skipped
    assert env.portal.requests["/committees"] == 0
    later = env.clock.now() + timedelta(seconds=1)
    assert [h.name for h in await sources_failing_since(env.db, later)] == ["Exempelportalen"]
    assert await sources_failing_since(env.db, env.clock.now() - timedelta(hours=1)) == []
    await mark_failure_reported(env.db, "Exempelportalen")
    assert await sources_failing_since(env.db, later) == []


async def test_backoff_expires_then_failures_count_up_and_success_resets(env: Env) -> None:
    env.portal.inject("/committees", "500")
    poller = env.poller(backoff_base_seconds=0.05)
    await poller.run_cycle()
    await asyncio.sleep(0.1)
    await poller.run_cycle()
    health = {h.name: h for h in await source_health(env.db)}["Exempelportalen"]
    assert health.consecutive_failures == 2
    first_failing = health.failing_since
    env.portal.heal()
    await asyncio.sleep(0.25)
    report = await poller.run_cycle()
    assert report.sources[0].error is None and report.sources[0].new > 0
    health = {h.name: h for h in await source_health(env.db)}["Exempelportalen"]
    assert (health.consecutive_failures, health.failing_since, health.backoff_until) == (
        0,
        None,
        None,
    )
    assert first_failing is not None and health.last_success


async def test_feed_that_is_not_xml_fails_only_the_feed(env: Env) -> None:
    env.portal.inject("/feed.rss", "not_xml")
    report = await env.poller().run_cycle()
    portal_report, feed_report = report.sources
    assert feed_report.error and "not a readable RSS/Atom feed" in feed_report.error
    assert portal_report.error is None and portal_report.new > 0
    assert await rows(env.db, "SELECT COUNT(*) FROM announcements") == [(0,)]


async def test_feed_entry_without_link_becomes_an_announcement(env: Env) -> None:
    env.portal.inject("/feed.rss", "no_link_entry")
    report = await env.poller([env.feed_source()]).run_cycle()
    assert report.sources[0].error is None
    stored = await rows(env.db, "SELECT title, link FROM announcements ORDER BY id")
    assert ("Ledamot avsägs från uppdrag", None) in stored
    assert report.sources[0].new == 4  # the meeting pages the feed links were stored too


async def test_a_page_that_never_ends_fails_within_the_deadline(env: Env) -> None:
    """Bytes trickling in forever never trip a read timeout; the whole-request deadline must,
    or one portal would hold the poll (and every other source's alerts) indefinitely."""
    poller = env.poller()
    await poller.run_cycle()
    env.portal.inject(RS, "drip")
    env.portal.edit_item(HSN, 2, title="Val av justerare (ändrad)")
    started = time.monotonic()
    report = await asyncio.wait_for(poller.run_cycle(), timeout=20)
    assert time.monotonic() - started < 10
    portal_report = report.sources[0]
    assert portal_report.failed == 1 and RS in portal_report.errors[0]
    assert "deadline" in portal_report.errors[0]
    assert report.total("changed") == 1
