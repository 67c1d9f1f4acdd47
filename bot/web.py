"""The bot's small HTTP server (aiohttp.web): `/healthz`, `/metrics` and the private calendar
feeds `/calendar/<token>.ics`, off by default.

Why: a container orchestrator, systemd watchdog script or uptime monitor needs a yes/no on
whether the bot is doing its job, and Prometheus needs numbers; both without a Telegram
round-trip. One kept `aiohttp.web` application that other features can add routes to (the
calendar feeds). It starts in the bot's own event loop when `HTTP_PORT` is set.

`/healthz` answers 200 when every configured source was polled successfully within
`stale_after` (three poll intervals, at least the interval plus ten minutes; a source not yet
polled is given that long after start) and the oldest due, unsent message is less than
`max_due_lag_seconds` late; otherwise 503. The body is JSON saying which check failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.config import Config
from handlers.calendar import chat_calendar
from jobs.metrics import Metrics, metrics_of
from storage.calendar_tokens import chat_for_token
from storage.db import Database
from storage.outbox_stats import outbox_metrics
from storage.sources import source_health

log = logging.getLogger(__name__)
Now = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class HealthRules:
    source_names: Sequence[str]
    poll_interval_seconds: float
    started_at: datetime
    max_due_lag_seconds: float = 900.0

    @property
    def stale_after(self) -> float:
        return max(3 * self.poll_interval_seconds, self.poll_interval_seconds + 600)


async def health_report(db: Database, rules: HealthRules, now: datetime) -> dict[str, Any]:
    known = {s.name: s for s in await source_health(db)}
    sources = []
    for name in rules.source_names:
        found = known.get(name)
        last = found.last_success if found else None
        since = datetime.fromisoformat(last) if last else rules.started_at
        age = (now - since).total_seconds()
        sources.append(
            {"name": name, "last_success": last, "ok": age <= rules.stale_after}
            | ({"last_error": found.last_error} if found and found.failing else {})
        )
    outbox = await outbox_metrics(db, now)
    lag_ok = outbox.due_lag_seconds <= rules.max_due_lag_seconds
    healthy = lag_ok and all(s["ok"] for s in sources)
    return {
        "status": "ok" if healthy else "unhealthy",
        "sources": sources,
        "outbox": {"due_lag_seconds": round(outbox.due_lag_seconds, 1), "ok": lag_ok},
    }


class WebServer:
    """`start(host, port)` serves the routes until `stop()`; `app` takes further routes."""

    def __init__(self, db: Database, metrics: Metrics, rules: HealthRules, now: Now) -> None:
        self.db, self.metrics, self.rules, self.now = db, metrics, rules, now
        self.app = web.Application()
        self.app.router.add_get("/healthz", self._healthz)
        self.app.router.add_get("/metrics", self._metrics)
        self.app.router.add_get("/calendar/{token}.ics", self._calendar)
        self._runner: web.AppRunner | None = None

    async def start(self, host: str, port: int) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()

    @property
    def port(self) -> int:
        """The bound port (useful when started on port 0)."""
        assert self._runner is not None
        return int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, _request: web.Request) -> web.Response:
        report = await health_report(self.db, self.rules, self.now())
        return web.json_response(report, status=200 if report["status"] == "ok" else 503)

    async def _calendar(self, request: web.Request) -> web.Response:
        """A chat's private calendar feed; 404 for an unknown token (nothing else is told)."""
        chat_id = await chat_for_token(self.db, request.match_info["token"])
        if chat_id is None:
            raise web.HTTPNotFound()
        data, _ = await chat_calendar(self.db, chat_id, self.now())
        return web.Response(
            body=data,
            headers={"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store"},
        )

    async def _metrics(self, _request: web.Request) -> web.Response:
        await self.metrics.refresh(self.db, self.now())
        return web.Response(
            body=self.metrics.text(), headers={"Content-Type": "text/plain; version=0.0.4"}
        )


WEB_KEY = "web"


async def start_web(
    bot_data: dict[Any, Any], config: Config, db: Database, source_names: Sequence[str], now: Now
) -> WebServer | None:
    """Start the server when HTTP_PORT is set (kept in `bot_data` for `stop_web`)."""
    metrics = metrics_of(bot_data)
    if config.http_port is None or metrics is None:
        return None
    rules = HealthRules(source_names, config.poll_interval_seconds, now())
    server = WebServer(db, metrics, rules, now)
    await server.start(config.http_host, config.http_port)
    bot_data[WEB_KEY] = server
    log.info("serving /healthz and /metrics on %s:%d", config.http_host, server.port)
    return server


async def stop_web(bot_data: dict[Any, Any]) -> None:
    server = bot_data.pop(WEB_KEY, None)
    if isinstance(server, WebServer):
        await server.stop()
