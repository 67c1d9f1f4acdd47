"""The composition root: builds THE `Application` — Telegram client, handlers, services, jobs.

Why: one place decides how the parts fit together (config → database → HTTP client → poller →
handlers → jobs), so tests, the demo and production all run the same bot. Nothing else reads the
environment (that is `bot.config`). The clock is created by the caller (`SystemClock` in
production, a test's own clock in tests) and passed down with the database; handlers read both
from their typed context (`handlers.context.BotContext`), jobs get them as job data. Below this
package nothing receives the `Config` object: each part gets the values it needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from telegram import BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import NetworkError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from agenda.clock import STOCKHOLM, Clock
from alerts.backfill import backfill_notifier
from alerts.fanout import enqueue_alerts
from bot.config import Config
from bot.poll_process import PollProcess
from bot.ratelimit import FairRateLimiter
from bot.updates import ChatOrderedUpdateProcessor
from bot.web import start_web, stop_web
from handlers import (
    admin,
    alerts,
    appeals,
    bodies,
    calendar,
    cases,
    channels,
    chat_member,
    checklist,
    dispatch,
    errors,
    items,
    meetings,
    news,
    party,
    privacy,
    search,
    start,
)
from handlers.chat_data import ChatData
from handlers.common import first_language
from handlers.context import BotContext, Services, install_services, services_of
from jobs.deliver import schedule_deliver
from jobs.digest import schedule_digest
from jobs.documents import DocumentStep, schedule_documents
from jobs.health import schedule_source_health
from jobs.metrics import METRICS_KEY, Metrics
from jobs.poll import CycleRunner, Poller, PollSettings, schedule_poll
from jobs.prune import schedule_prune
from jobs.reminders import schedule_reminders
from presentation.commands import admin_commands, bot_commands
from presentation.html import t
from presentation.texts import plain
from sources.config import SourceConfig, load_sources
from sources.documents import DOCUMENT_SECONDS, DocumentReader, DocumentSettings
from sources.http import make_http_client
from sources.parse_pool import PARSE_LIMITS, PARSE_WORKERS, ParsePool
from sources.pdftext import PDF_LIMITS, PdfReader
from sources.workers import WorkerLimits
from storage.chats import get_chat
from storage.db import Database
from storage.write_turns import WriteTurns

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
CONCURRENT_UPDATES = 16
# Timeouts of the bot's requests, chosen for broadcasting (python-telegram-bot's 5 s read
# timeout turned a Telegram answering in 7 s into a resend, i.e. a duplicate, of every alert).
# A read or write timeout leaves the outcome unknown; 30 s makes that rare. Connect and pool
# timeouts are safe to retry (nothing left), so they stay short. See alerts.delivery_errors.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
WRITE_TIMEOUT = 30.0
POOL_TIMEOUT = 10.0
COMMAND_LANGUAGES = ("sv", "en")


@dataclass(frozen=True, slots=True)
class WorkLimits:
    """What reading one page or one document may take: the workers' deadline and memory cap,
    a document's fetch. Not settings an operator needs; the tests scale them down."""

    parse: WorkerLimits = PARSE_LIMITS
    parse_workers: int = PARSE_WORKERS
    pdf: WorkerLimits = PDF_LIMITS
    document_seconds: float = DOCUMENT_SECONDS


@dataclass
class RootServices(Services):
    """The handlers' services plus what only the root owns: the HTTP client, the parse and
    PDF workers, the poller and the documents step."""

    http: httpx.AsyncClient | None = None
    parser: ParsePool | None = None
    pdf: PdfReader | None = None
    poller: Poller | None = None
    poll_process: PollProcess | None = None  # the poll job's cycles, when run in a child
    documents: DocumentStep | None = None


def root_services(application: App) -> RootServices:
    """The services `post_init` installed (the demo and the tests reach the poller here)."""
    found = services_of(application)
    if not isinstance(found, RootServices):
        raise RuntimeError("the application was not built by bot.app.build_application")
    return found


def build_application(
    config: Config,
    clock: Clock,
    *,
    db: Database | None = None,
    start_jobs: bool = True,
    limits: WorkLimits | None = None,
    poll_in_child: bool = False,
) -> App:
    """The bot, ready for `run_polling()` (or the tests' manual start).

    `clock`: the one clock of the process, handed to the database, the jobs and the handlers.
    `db`: an already open database (tests, demo); it is then left open at shutdown.
    `start_jobs`: schedule polling and the alert jobs (off in conversation tests).
    `limits`: the parse and PDF workers' deadlines and memory caps (tests scale them down).
    `poll_in_child`: the poll job's cycles run in a process of their own (`bot.poll_process`,
    on the system clock: `namndbot run`); otherwise on this loop with `clock` (tests, demo).
    The documents job always runs here.
    """
    if not config.token:
        raise ValueError("build_application needs a bot token (the demo supplies a fake one)")
    redact_token_in_logs(config.token)
    metrics = Metrics()
    processor = ChatOrderedUpdateProcessor(CONCURRENT_UPDATES, metrics.update_seconds.observe)
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=STOCKHOLM,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(ContextTypes(context=BotContext, chat_data=ChatData))
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .write_timeout(WRITE_TIMEOUT)
        .pool_timeout(POOL_TIMEOUT)
        .rate_limiter(FairRateLimiter())
        .concurrent_updates(processor)
        .post_init(_post_init(config, clock, db, start_jobs, limits or WorkLimits(), poll_in_child))
        .post_shutdown(_post_shutdown(owns_db=db is None))
    )
    if config.base_url:
        builder = builder.base_url(config.base_url)
    application: App = builder.build()
    application.bot_data[METRICS_KEY] = metrics
    processor.on_flood = _flood_note(application)
    processor.on_skipped_press = _skipped_press(application)
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


async def _chat_language(application: App, chat_id: int, update: Update | None = None) -> str:
    """The language the chat's answers use (as `handlers.common.lang_of`): its choice, else
    in a private chat the member's Telegram language; Swedish before the chat is known."""
    row = await get_chat(services_of(application).db, chat_id)
    follows_telegram = row is None or (chat_id > 0 and not row.language_chosen)
    if update is not None and follows_telegram:
        return first_language(update)
    return row.language if row is not None else "sv"


def _skipped_press(application: App) -> Any:
    async def toast(update: Update) -> None:
        """A press dropped by the pace limit is still answered, so its button stops spinning."""
        query, chat = update.callback_query, update.effective_chat
        if query is not None:
            lang = await _chat_language(application, chat.id, update) if chat else "sv"
            await query.answer(plain("press_skipped", lang))

    return toast


def _flood_note(application: App) -> Any:
    async def note(chat_id: int) -> None:
        lang = await _chat_language(application, chat_id)
        await application.bot.send_message(chat_id, t("flood_note", lang))

    return note


def register_handlers(application: App) -> None:
    """Every handler module, commands first; plain text and the catch-alls last."""
    features = (
        *(start, bodies, meetings, items, search, cases, admin, alerts, calendar, privacy),
        channels,
    )
    preparing = (news, checklist, appeals, party)  # issue 21: preparing a meeting
    for module in (*features, *preparing, chat_member):
        module.register(application)
    dispatch.register_spellings(application)
    items.register_plain_text(application)
    errors.register(application)


def make_poller(
    config: Config,
    db: Database,
    client: httpx.AsyncClient,
    sources: list[SourceConfig],
    parser: ParsePool | None,
    settings: PollSettings | None = None,
) -> Poller:
    """The production poller (also built by the poll process, on its own handles);
    `settings` replace production's (a benchmark's)."""
    settings = settings or PollSettings(
        backfill_months=config.backfill_months,
        # each source ends before the next cycle is due, so none holds the next one
        source_deadline_seconds=_deadline(config),
    )
    return Poller(
        db,
        client,
        sources,
        on_events=enqueue_alerts,
        on_backfill=backfill_notifier(db, config.admin_chat_ids),
        settings=settings,
        parser=parser,
    )


def _deadline(config: Config) -> float:
    """Each source's visit, and each run of the documents step, ends before its next is due."""
    return max(30.0, 0.8 * config.poll_interval_seconds)


def _post_init(
    config: Config,
    clock: Clock,
    given_db: Database | None,
    start_jobs: bool,
    limits: WorkLimits,
    in_child: bool,
) -> Any:
    async def post_init(application: App) -> None:
        log.info("starting with %r", config)  # Config's repr leaves the token out
        db = given_db or await Database.open(config.database_path, clock)
        svc = RootServices(db, clock, config.admin_chat_ids, config.public_base_url)
        sources = load_sources(config.sources_file) if start_jobs else []
        if start_jobs:
            _wire_polling(svc, config, limits, sources, in_child)
        install_services(application, svc)
        await set_commands(application, config.admin_chat_ids)
        runner: CycleRunner | None = svc.poll_process or svc.poller
        if runner is not None and svc.documents is not None:
            schedule_jobs(application, config, db, runner, svc.documents)
            names = [source.name for source in sources]
            await start_web(application.bot_data, config, db, names, clock.now)

    return post_init


async def set_commands(application: App, admin_chat_ids: frozenset[int] = frozenset()) -> None:
    """The command menu per language, Swedish also as the default; the admins' chats also get
    /status; the bot's description and short description in both languages (what a new member
    sees before pressing Start). All kept by Telegram if a start fails to set them."""
    bot = application.bot
    try:
        for lang in COMMAND_LANGUAGES:
            await bot.set_my_commands(bot_commands(lang), language_code=lang)
            await bot.set_my_description(plain("bot_description", lang), language_code=lang)
            await bot.set_my_short_description(
                plain("bot_short_description", lang), language_code=lang
            )
            for admin in sorted(admin_chat_ids):
                scope = BotCommandScopeChat(admin)
                await bot.set_my_commands(admin_commands(lang), scope=scope, language_code=lang)
        await bot.set_my_commands(bot_commands("sv"))
        await bot.set_my_description(plain("bot_description", "sv"))
        await bot.set_my_short_description(plain("bot_short_description", "sv"))
        for admin in sorted(admin_chat_ids):
            await bot.set_my_commands(admin_commands("sv"), scope=BotCommandScopeChat(admin))
    except NetworkError as exc:  # the menu is a convenience: never a reason not to start
        log.warning("could not set the command menu (%s); the next start sets it", exc.message)


def _wire_polling(
    svc: RootServices,
    config: Config,
    limits: WorkLimits,
    sources: list[SourceConfig],
    in_child: bool,
) -> None:
    """The HTTP client, the PDF worker and the documents step; the poller here with its parse
    workers, or the poll process that builds its own (`bot.poll_process`)."""
    db = svc.db
    svc.http = make_http_client(config.user_agent)
    svc.pdf = PdfReader(limits.pdf)
    if in_child:
        turns = WriteTurns.create()  # the members' writes before the poll process's next
        db.share_writes(turns, background=False)
        svc.poll_process = PollProcess(config, sources, turns=turns)
    else:
        svc.parser = ParsePool(limits.parse, limits.parse_workers)
        svc.poller = make_poller(config, db, svc.http, sources, svc.parser)
    documents = DocumentSettings(
        deadline_seconds=_deadline(config), document_seconds=limits.document_seconds
    )
    reader = DocumentReader(db, documents, on_events=enqueue_alerts, pdf=svc.pdf)
    svc.documents = DocumentStep(db, svc.http, reader)


def schedule_jobs(
    application: App, config: Config, db: Database, poller: CycleRunner, documents: DocumentStep
) -> None:
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    schedule_poll(queue, poller, config.poll_interval_seconds)
    schedule_documents(queue, documents, config.poll_interval_seconds)
    schedule_deliver(queue, db, config.admin_chat_ids)
    schedule_reminders(queue, db)
    schedule_digest(queue, db)
    schedule_prune(queue, db)
    schedule_source_health(queue, db, config.admin_chat_ids, config.source_failure_alert_minutes)


def _post_shutdown(*, owns_db: bool) -> Any:
    async def post_shutdown(application: App) -> None:
        await stop_web(application.bot_data)
        try:
            found = root_services(application)
        except RuntimeError:
            return  # post_init never ran (start-up failed): nothing to close
        if found.http is not None:
            await found.http.aclose()
        for workers in (found.parser, found.pdf):
            if workers is not None:
                await workers.close()
        if found.poll_process is not None:
            found.poll_process.close()
        if owns_db:
            await found.db.close()

    return post_shutdown
