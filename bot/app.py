"""The composition root: builds THE `Application` — Telegram client, handlers, services, jobs.

Why: one place decides how the parts fit together (config → database → HTTP client → poller →
handlers → jobs), so tests, the demo and production all run the same bot. Nothing else reads the
environment (that is `bot.config`); handlers and jobs get their services from `bot_data`.
"""

from __future__ import annotations

import logging
from typing import Any
from zoneinfo import ZoneInfo

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults

from bot.commands import bot_commands
from bot.config import Config
from bot.services import SERVICES_KEY, Services
from bot.updates import ChatOrderedUpdateProcessor
from handlers import admin, alerts, bodies, chat_member, errors, items, meetings, search, start
from jobs.deliver import schedule_deliver
from jobs.digest import schedule_digest
from jobs.fanout import enqueue_alerts
from jobs.health import schedule_source_health
from jobs.poll import Poller, PollSettings, schedule_poll
from jobs.reminders import schedule_reminders
from sources.config import load_sources
from sources.http import make_http_client
from storage.db import Database

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
CONCURRENT_UPDATES = 16
COMMAND_LANGUAGES = ("sv", "en")


def build_application(
    config: Config, *, db: Database | None = None, start_jobs: bool = True
) -> App:
    """The bot, ready for `run_polling()` (or the tests' manual start).

    `db`: an already open database (tests, demo); it is then left open at shutdown.
    `start_jobs`: schedule polling and the alert jobs (off in conversation tests).
    """
    if not config.token:
        raise ValueError("build_application needs a bot token (the demo supplies a fake one)")
    redact_token_in_logs(config.token)
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=ZoneInfo("Europe/Stockholm"),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter())
        .concurrent_updates(ChatOrderedUpdateProcessor(CONCURRENT_UPDATES))
        .post_init(_post_init(config, db, start_jobs))
        .post_shutdown(_post_shutdown(owns_db=db is None))
    )
    if config.base_url:
        builder = builder.base_url(config.base_url)
    application: App = builder.build()
    register_handlers(application)
    return application


class RedactToken(logging.Filter):
    """Replaces the bot token in log records (httpx logs Bot API URLs, which contain it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), ()
        return True


def redact_token_in_logs(token: str) -> None:
    for name in ("httpx", "httpcore", "telegram", "telegram.ext"):
        target = logging.getLogger(name)
        if not any(isinstance(f, RedactToken) and f.token == token for f in target.filters):
            target.addFilter(RedactToken(token))


def register_handlers(application: App) -> None:
    """Every handler module, commands first; plain text and the catch-alls last."""
    for module in (start, bodies, meetings, items, search, admin, alerts, chat_member):
        module.register(application)
    items.register_plain_text(application)
    errors.register(application)


def _post_init(config: Config, given_db: Database | None, start_jobs: bool) -> Any:
    async def post_init(application: App) -> None:
        log.info("starting with %r", config)  # Config's repr leaves the token out
        db = given_db or await Database.open(config.database_path)
        http = make_http_client(config) if start_jobs else None
        poller = None
        if http is not None:
            sources = load_sources(config.sources_file)
            settings = PollSettings(backfill_months=config.backfill_months)
            poller = Poller(db, http, sources, on_events=enqueue_alerts, settings=settings)
        application.bot_data[SERVICES_KEY] = Services(config, db, http, poller)
        await set_commands(application)
        if start_jobs and poller is not None:
            schedule_jobs(application, config, db, poller)

    return post_init


async def set_commands(application: App) -> None:
    """The command menu per language, Swedish also as the default."""
    bot = application.bot
    for lang in COMMAND_LANGUAGES:
        await bot.set_my_commands(bot_commands(lang), language_code=lang)
    await bot.set_my_commands(bot_commands("sv"))


def schedule_jobs(application: App, config: Config, db: Database, poller: Poller) -> None:
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    schedule_poll(queue, poller, config.poll_interval_seconds)
    schedule_deliver(queue, db, config)
    schedule_reminders(queue, db)
    schedule_digest(queue, db)
    schedule_source_health(queue, db, config)


def _post_shutdown(*, owns_db: bool) -> Any:
    async def post_shutdown(application: App) -> None:
        found = application.bot_data.get(SERVICES_KEY)
        if not isinstance(found, Services):
            return
        if found.http is not None:
            await found.http.aclose()
        if owns_db:
            await found.db.close()

    return post_shutdown
