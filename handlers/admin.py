"""/status for the bot's administrators (ADMIN_CHAT_IDS): sources and their health (each with
its bodies: named, with their organisation, or counted), the last poll, the outbox queue, the
documents read (and those that could not be) and the count of unexpected errors. Bodies members
cannot tell apart (two "Kommunstyrelsen" without an organisation) are pointed out, with the fix.

Why: an operator must see at a glance whether portals are being read and alerts are going out,
from the same chat where problems are reported. Anyone else gets a polite refusal, not silence.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from agenda.clock import STOCKHOLM
from handlers.common import App, Ctx, lang_of, reply
from handlers.context import Services
from presentation.commands import command
from presentation.html import EMPTY, Html, as_html, fmt, join, t, tn
from presentation.render import truncate
from sources.config import source_home
from storage.bodies import BodyRow, list_bodies, namesakes
from storage.document_reads import document_counts
from storage.outbox import OutboxStats, outbox_stats
from storage.sources import SourceHealth, last_poll, source_health


def is_admin(update: Update, svc: Services) -> bool:
    chat, user = update.effective_chat, update.effective_user
    admins = svc.admin_chat_ids
    return bool((chat and chat.id in admins) or (user and user.id in admins))


def local_time(stamp: str | None, lang: str) -> Html:
    """An ISO UTC timestamp shown as Stockholm wall-clock time."""
    if not stamp:
        return t("never", lang)
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return as_html(stamp)
    return as_html(moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"))


def age(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 120:
        return f"{int(seconds)} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    return f"{seconds / 3600:.1f} h"


def source_line(source: SourceHealth, lang: str) -> Html:
    """A source in /status: its name and kind, and when it was last read or why it fails."""
    name, kind = source.name, source.kind
    if source.consecutive_failures:
        error = truncate(source.last_error or "?", 120)
        return t(
            "status_source_failing",
            lang,
            name=name,
            kind=kind,
            failures=source.consecutive_failures,
            error=error,
        )
    return t(
        "status_source_ok", lang, name=name, kind=kind, when=local_time(source.last_success, lang)
    )


def _outbox_line(stats: OutboxStats, lang: str) -> Html:
    return t(
        "status_outbox",
        lang,
        pending=stats.pending,
        age=age(stats.oldest_pending_age_seconds),
        dead=stats.dead,
        sent=stats.sent_last_24h,
    )


def _documents_line(counts: dict[str, int], lang: str) -> Html:
    failed = sum(counts.get(s, 0) for s in ("encrypted", "broken", "too_large"))
    return t(
        "status_documents",
        lang,
        read=counts.get("ok", 0),
        scans=counts.get("no_text", 0),
        failed=failed,
        pending=counts.get("pending", 0),
    )


_NAMED_BODIES = 3  # a source with more bodies shows their count


def bodies_line(bodies: list[BodyRow], lang: str) -> Html | None:
    """`Kommunstyrelsen (Tyresö kommun)`, or `31 organ (Region Jämtland Härjedalen)`."""
    if not bodies:
        return None
    if len(bodies) <= _NAMED_BODIES:
        return fmt("    {}", join(", ", (body.display_name for body in bodies)))
    organisations = {body.organisation for body in bodies}
    count = t("status_source_bodies", lang, n=len(bodies))
    only = next(iter(organisations)) if len(organisations) == 1 else None
    return fmt("    {} ({})", count, only) if only else fmt("    {}", count)


async def _source_lines(svc: Services, lang: str) -> list[Html]:
    sources = await source_health(svc.db)
    bodies = await list_bodies(svc.db)
    by_home: dict[str, list[BodyRow]] = {}
    for body in bodies:
        by_home.setdefault(body.portal, []).append(body)
    lines: list[Html] = []
    for source in sources:
        lines.append(source_line(source, lang))
        named = bodies_line(by_home.get(source_home(source.kind, source.url), []), lang)
        lines += [named] if named else []
    if not lines:
        return [t("status_no_sources", lang)]
    for name, same in namesakes(bodies).items():
        lines.append(t("status_namesakes", lang, n=len(same), name=name))
    return lines


async def status_text(svc: Services, lang: str) -> Html:
    lines = [t("status_header", lang), EMPTY, t("status_sources", lang)]
    lines += await _source_lines(svc, lang)
    poll = await last_poll(svc.db)
    if poll is None:
        lines += [EMPTY, t("status_no_poll", lang)]
    else:
        when = local_time(poll.finished_at or poll.started_at, lang)
        values = {
            "new": tn("status_new", lang, poll.new),
            "changed": tn("status_changed", lang, poll.changed),
            "failed": poll.failed,
        }
        lines += [EMPTY, t("status_last_poll", lang, when=when, **values)]
    lines += [_outbox_line(await outbox_stats(svc.db), lang)]
    lines += [_documents_line(await document_counts(svc.db), lang)]
    lines += [t("status_errors", lang, count=svc.unexpected_errors)]
    return join("\n", lines)


async def status_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    svc = context.services
    if not is_admin(update, svc):
        await reply(update, context, t("status_denied", lang))
        return
    chat = update.effective_chat
    private = chat is not None and (chat.type == ChatType.PRIVATE or chat.id in svc.admin_chat_ids)
    if not private:  # an admin in a members' group: source names and errors stay private
        await reply(update, context, t("status_private", lang))
        return
    await reply(update, context, await status_text(svc, lang))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("status").names, status_command))
