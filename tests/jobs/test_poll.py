"""The poll cycle end to end against the sample portal (real HTTP) and a real SQLite file:
first cycle stores everything, an unchanged cycle costs only 304s, each change is detected
once with the right event, cycles never overlap, and the job is scheduled as agreed."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite
from telegram.ext import Application

from jobs.poll import schedule_poll
from storage.events import EventRow
from storage.sources import last_poll, source_health
from tests.support.pollkit import HSN, RS, SVOM_OLD, TODAY, Env, events, rows, stored_meetings


async def test_first_cycle_stores_every_sample_meeting(env: Env) -> None:
    report = await env.poller().run_cycle()
    sample_paths = {m.path for m in env.portal.site.meetings}
    stored = await stored_meetings(env)
    assert set(stored) == sample_paths
    assert stored[RS] > 5 and stored[HSN] > 3
    assert report.total("new") == len(sample_paths)
    # A "new agenda" event only for the meetings whose page has an agenda (not the cancelled one).
    with_agenda = {path for path, count in stored.items() if count}
    assert with_agenda and with_agenda < sample_paths
    assert {path for path, _, _ in await events(env, "new")} == with_agenda
    assert report.total("failed") == 0
    names = dict(await rows(env.db, "SELECT slug, name FROM bodies"))
    assert names["halso-och-sjukvardsnamnden"] == "Hälso- och sjukvårdsnämnden"
    assert [
        h.last_success is not None and h.consecutive_failures == 0
        for h in await source_health(env.db)
    ] == [True, True]
    poll = await last_poll(env.db)
    assert poll is not None and poll.finished_at and poll.new == len(sample_paths)


async def test_unchanged_cycle_sends_only_conditional_requests(env: Env) -> None:
    poller = env.poller()
    await poller.run_cycle()
    before = await events(env)
    env.portal.reset_counters()
    report = await poller.run_cycle()
    sent = sum(env.portal.requests.values())
    assert sent > 0
    assert sum(env.portal.conditional.values()) == sent
    assert sum(env.portal.not_modified.values()) == sent
    assert report.parses == 0 and report.total("new") == report.total("changed") == 0
    assert await events(env) == before
    assert env.portal.requests[SVOM_OLD] == 0  # past meetings are not re-checked every cycle


async def test_a_cycle_of_304s_reuses_a_few_connections(env: Env) -> None:
    """Every 304 and redirect body is read, so its connection goes back to the client's pool
    (closed unread, each request opened a new connection: 3,113 for 3,113 requests)."""
    poller = env.poller([env.portal_source()])
    await poller.run_cycle()
    env.portal.reset_counters()
    report = await poller.run_cycle()
    sent = sum(env.portal.not_modified.values())
    assert sent == report.requests and sent >= 8
    assert env.portal.connections <= poller.settings.http.per_host


async def test_published_meeting_is_detected_once(env: Env) -> None:
    seen: list[EventRow] = []

    async def on_events(conn: aiosqlite.Connection, found: list[EventRow], now: datetime) -> None:
        seen.extend(found)

    poller = env.poller(on_events=on_events)
    await poller.run_cycle()
    seen.clear()
    path = env.portal.publish_meeting(
        "regionstyrelsen", TODAY + timedelta(days=9), [(1, "Mötet öppnas"), (2, "Budget 2027")]
    )
    report = await poller.run_cycle()
    assert report.total("new") == 1
    # (the changed feed is read again: older notices of approved minutes open their appeal
    # windows, issue 21; they are about other meetings)
    page_events = [e for e in seen if e.kind != "appeal"]
    assert [e.kind for e in page_events] == ["new"]
    assert (await stored_meetings(env))[path] == 2
    await poller.run_cycle()
    assert [p for p, _, _ in await events(env, "new")].count(path) == 1
    assert len([e for e in seen if e.kind != "appeal"]) == 1


async def test_edited_item_is_detected_once_with_the_change(env: Env) -> None:
    poller = env.poller()
    await poller.run_cycle()
    env.portal.edit_item(RS, 2, title="Val av två justerare och tid för justering")
    report = await poller.run_cycle()
    assert report.total("changed") == 1 and report.total("new") == 0
    changed = await events(env, "changed")
    assert [p for p, _, _ in changed] == [RS]
    assert [ref["number"] for ref in changed[0][2]["reworded"]] == [2]
    await poller.run_cycle()
    assert len(await events(env, "changed")) == 1


async def test_cancelled_meeting_and_published_minutes_are_events(env: Env) -> None:
    poller = env.poller()
    await poller.run_cycle()
    env.portal.cancel_meeting(HSN)
    env.portal.publish_minutes(RS)
    await poller.run_cycle()
    kinds = {(p, k) for p, k, _ in await events(env)}
    assert (HSN, "cancelled") in kinds and (RS, "minutes") in kinds
    minutes = [d for p, k, d in await events(env, "minutes") if p == RS]
    assert str(minutes[0]["minutes_url"]).endswith("pdf?downloadMode=open")
    cancelled = await rows(
        env.db, "SELECT cancelled FROM meetings WHERE url = ?", env.portal.url(HSN)
    )
    assert cancelled == [(1,)]


async def test_two_cycles_never_overlap(env: Env) -> None:
    import asyncio

    poller = env.poller()
    first, second = await asyncio.gather(poller.run_cycle(), poller.run_cycle())
    assert sorted([first.skipped, second.skipped]) == [False, True]
    assert len(await rows(env.db, "SELECT id FROM polls")) == 1


async def test_schedule_poll_registers_one_coalescing_job(env: Env) -> None:
    application = Application.builder().token("123456:" + "A" * 35).build()
    assert application.job_queue is not None
    job = schedule_poll(application.job_queue, env.poller(), 300)
    again = schedule_poll(application.job_queue, env.poller(), 300)
    assert job.name == "poll" and again.job.id == "poll"
    assert (again.job.coalesce, again.job.max_instances) == (True, 1)
    assert again.job.misfire_grace_time and again.job.misfire_grace_time >= 30
    assert [j.name for j in application.job_queue.jobs()] == ["poll"]
