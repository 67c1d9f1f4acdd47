"""`/healthz` and `/metrics` over real HTTP on 127.0.0.1: the server alone on a real database,
then inside the running bot with its jobs, the sample portal and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_application
from bot.doctor import live_check
from bot.web import WEB_KEY, HealthRules, WebServer
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from jobs.metrics import Metrics
from jobs.poll import CycleReport
from sources.documents import DocumentReport
from sources.ingest import SourceReport
from storage.db import Database
from storage.outbox import enqueue, ensure_chats
from storage.outbox_payload import Payload
from storage.sources import ensure_source, record_attempt
from tests.bot.test_doctor import closed_port
from tests.support.world import USER_CHAT_ID, make_config, start_application

REFUSED = ("page_held", "link_skipped", "document_kept")


@pytest.fixture
async def served(
    tmp_path: Path, clock: ManualClock
) -> AsyncIterator[tuple[WebServer, Database, ManualClock]]:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    rules = HealthRules(["Portal"], poll_interval_seconds=3600, started_at=clock.now())
    server = WebServer(db, Metrics(), rules, clock.now)
    await server.start("127.0.0.1", 0)
    try:
        yield server, db, clock
    finally:
        await server.stop()
        await db.close()


async def queue_one(db: Database) -> None:
    async with db.transaction() as conn:
        await ensure_chats(conn, [USER_CHAT_ID], db.timestamp())
        await enqueue(
            conn,
            now=db.timestamp(),
            chat_id=USER_CHAT_ID,
            dedup_key="k",
            kind="admin",
            payload=Payload("x"),
        )


async def get(server: WebServer, path: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.get(f"http://127.0.0.1:{server.port}{path}")


async def test_healthz_follows_the_sources_and_the_outbox(
    served: tuple[WebServer, Database, ManualClock],
) -> None:
    server, db, clock = served
    assert (await get(server, "/healthz")).status_code == 200  # just started: grace
    clock.advance(timedelta(seconds=server.rules.stale_after + 1))
    late = await get(server, "/healthz")
    assert late.status_code == 503
    assert late.json()["sources"] == [{"name": "Portal", "last_success": None, "ok": False}]
    state = await ensure_source(db, "Portal", "meetingsplus", "http://127.0.0.1:9/")
    await record_attempt(db, state.id, error=None)
    clock.advance(timedelta(seconds=60))
    assert (await get(server, "/healthz")).json()["status"] == "ok"
    await queue_one(db)
    clock.advance(timedelta(seconds=server.rules.max_due_lag_seconds + 60))
    stuck = await get(server, "/healthz")
    assert stuck.status_code == 503
    assert stuck.json()["outbox"]["ok"] is False and stuck.json()["sources"][0]["ok"]


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_metrics_in_prometheus_text_format(
    served: tuple[WebServer, Database, ManualClock],
) -> None:
    server, db, _ = served
    report = CycleReport([SourceReport("Portal", "meetingsplus", error="down")], 7, 3)
    report.sources.append(SourceReport("Annan", "meetingsplus", held=2, skipped_links=1))
    server.metrics.record_cycle(report)
    server.metrics.record_documents(DocumentReport(kept=4))
    server.metrics.record_burst(sent=5, failed=2, rate_limited=1)
    server.metrics.update_seconds.observe(0.02)
    await queue_one(db)
    response = await get(server, "/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)
    assert found[("namndbot_poll_cycles_total", ())] == 1
    assert found[("namndbot_pages_fetched_total", ())] == 7
    assert found[("namndbot_pages_parsed_total", ())] == 3
    assert found[("namndbot_source_polls_total", (("outcome", "failed"), ("source", "Portal")))]
    refused = {w: found[("namndbot_reads_refused_total", (("what", w),))] for w in REFUSED}
    assert refused == {"page_held": 2, "link_skipped": 1, "document_kept": 4}
    assert found[("namndbot_alerts_sent_total", ())] == 5
    assert found[("namndbot_alerts_failed_total", ())] == 2
    assert found[("namndbot_alerts_rate_limited_total", ())] == 1
    assert found[("namndbot_outbox_messages", (("status", "pending"),))] == 1
    assert found[("namndbot_update_seconds_count", ())] == 1
    assert ("namndbot_delivery_lag_seconds", (("stat", "max"),)) in found


async def test_the_running_bot_serves_both_when_http_port_is_set(
    tmp_path: Path, fake_api: FakeBotApi, sample_portal: Any, clock: ManualClock
) -> None:
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nkind = "meetingsplus"\nname = "Exempel"\nurl = "{sample_portal.base_url}"\n',
        encoding="utf-8",
    )
    config = make_config(
        tmp_path, fake_api, sources_file=tmp_path / "sources.toml", http_port=closed_port()
    )
    app = build_application(config, clock)
    try:
        await start_application(app)
        server: WebServer = app.bot_data[WEB_KEY]
        assert server.port == config.http_port
        await fake_api.inject_command(USER_CHAT_ID, "/hjalp")
        await fake_api.wait_for_messages(USER_CHAT_ID, 1)
        registry = server.metrics.registry
        await fake_api.wait_for(
            lambda: bool(registry.get_sample_value("namndbot_poll_cycles_total")),
            timeout=20,
            what="a poll cycle",
        )
        found = samples((await get(server, "/metrics")).text)
        assert found[("namndbot_pages_fetched_total", ())] > 0
        assert found[("namndbot_update_seconds_count", ())] >= 1
        health = await get(server, "/healthz")
        assert health.status_code == 200 and health.json()["sources"][0]["name"] == "Exempel"
    finally:
        await stop_application(app)
    assert WEB_KEY not in app.bot_data


async def test_doctor_live_asks_the_running_server(
    served: tuple[WebServer, Database, ManualClock], tmp_path: Path
) -> None:
    server, _, clock = served
    up = await live_check(make_config(tmp_path, http_port=server.port, http_host="0.0.0.0"))
    assert up.ok and "HTTP 200" in up.detail
    clock.advance(timedelta(seconds=server.rules.stale_after + 1))
    unhealthy = await live_check(make_config(tmp_path, http_port=server.port))
    assert not unhealthy.ok and "HTTP 503" in unhealthy.detail
    down = await live_check(make_config(tmp_path, http_port=closed_port()))
    assert not down.ok and "ConnectError" in down.detail and "is the bot running" in down.line()
    off = await live_check(make_config(tmp_path))
    assert not off.ok and "HTTP_PORT" in off.detail
