"""Backfills end to end (sample portal over HTTP, real SQLite, the real fan-out and notifier): a
first visit, or a portal that suddenly shows many new meetings, is stored and searchable but
not alerted meeting by meeting; the admins get one message. A few new meetings are alerted."""

from __future__ import annotations

import json
from datetime import timedelta

from alerts.backfill import backfill_notifier
from alerts.fanout import enqueue_alerts
from jobs.poll import Poller
from sources.ingest import BACKFILL_THRESHOLD
from tests.jobs.outbox_helpers import add_follow
from tests.sources.pollkit import TODAY, Env, env, rows

__all__ = ["env"]
ADMIN, FOLLOWER = 99, 11
FAR = TODAY + timedelta(days=3650)  # ahead of any real date: alerts about it are never stale


def _poller(env: Env) -> Poller:
    return env.poller(
        [env.portal_source()],
        on_events=enqueue_alerts,
        on_backfill=backfill_notifier(env.db, frozenset({ADMIN})),
    )


async def _outbox(env: Env, chat: int) -> list[tuple[str, str]]:
    found = await rows(
        env.db, "SELECT kind, payload FROM outbox WHERE chat_id = ? ORDER BY id", chat
    )
    return [(str(k), str(json.loads(p)["text"])) for k, p in found]


async def _follow_rs_before_any_poll(env: Env) -> None:
    async with env.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO bodies (portal, slug, name) VALUES (?, ?, ?)",
            (env.portal.base_url, "regionstyrelsen", "Regionstyrelsen"),
        )
    ((body_id,),) = await rows(env.db, "SELECT id FROM bodies WHERE slug = 'regionstyrelsen'")
    await add_follow(env.db, FOLLOWER, int(body_id))


async def test_first_visit_is_a_backfill_with_one_admin_message(env: Env) -> None:
    await _follow_rs_before_any_poll(env)
    env.portal.publish_meeting("regionstyrelsen", FAR)  # ahead: would be alerted otherwise
    report = await _poller(env).run_cycle()
    portal = report.sources[0]
    assert portal.backfill and portal.new == 7
    assert await _outbox(env, FOLLOWER) == []
    ((kind, payload),) = await _outbox(env, ADMIN)
    assert kind == "admin" and "Exempelportalen" in payload and "Nya möten: 7" in payload
    assert "första besöket" in payload and str(FAR) in payload
    assert len(await rows(env.db, "SELECT id FROM events WHERE kind = 'new'")) == 6  # recorded


async def test_many_new_meetings_at_once_are_a_backfill_a_few_are_alerted(env: Env) -> None:
    poller = _poller(env)
    await poller.run_cycle()
    ((body_id,),) = await rows(env.db, "SELECT id FROM bodies WHERE slug = 'regionstyrelsen'")
    await add_follow(env.db, FOLLOWER, int(body_id))
    admin_before = len(await _outbox(env, ADMIN))
    for k in range(BACKFILL_THRESHOLD):  # a portal that suddenly lists its whole history
        env.portal.publish_meeting("regionstyrelsen", FAR + timedelta(days=k))
    report = await poller.run_cycle()
    assert report.sources[0].backfill and report.sources[0].new == BACKFILL_THRESHOLD
    assert await _outbox(env, FOLLOWER) == []
    notices = (await _outbox(env, ADMIN))[admin_before:]
    assert len(notices) == 1 and f"Nya möten: {BACKFILL_THRESHOLD}" in notices[0][1]

    for k in range(3):  # an ordinary day: each new agenda is alerted
        env.portal.publish_meeting("regionstyrelsen", FAR + timedelta(days=100 + k))
    report = await poller.run_cycle()
    assert not report.sources[0].backfill and report.sources[0].new == 3
    assert [k for k, _ in await _outbox(env, FOLLOWER)] == ["new", "new", "new"]
    assert len(await _outbox(env, ADMIN)) == admin_before + 1
