"""/arende <diarienummer> (`/case`), /folj_arende (`/follow_case`), /sluta_arende
(`/unfollow_case`): a case across bodies.

Why: a case travels from a committee to the executive board to the assembly, and its case
number is the only thread. /arende lists every place it was seen (agendas, documents, minutes
of any body), oldest first, each with its link and a button to the item; following a case
alerts on every new appearance (`storage.cases`, fanned out by `alerts.fanout_documents`).
Any shape of case number is understood (`agenda.casenumbers.case_key`).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from agenda.casenumbers import case_key
from handlers.common import (
    App,
    Ctx,
    args_text,
    lang_of,
    may_change_follows,
    reply,
    thread_of,
)
from presentation.callbacks import ShowItem, ShowMeeting
from presentation.commands import command
from presentation.html import Html, a, as_html, b, fmt, join, t, tn
from presentation.render import truncate
from presentation.texts import format_short_date
from storage.cases import Appearance, appearances, follow_case, unfollow_case
from storage.chats import ensure_chat

MAX_SHOWN = 30
MAX_BUTTONS = 8


def _link(url: str | None, label: Html) -> Html:
    if url and url.startswith(("http://", "https://")):
        return a(url, label)
    return label


def appearance_lines(n: int, found: Appearance, lang: str) -> Html:
    """Appearance `n` of a case in /arende: where (linked to the meeting), the title, the
    document."""
    where: list[str] = [found.body.display_name]
    if found.date:
        where.append(format_short_date(found.date, lang))
    if found.number is not None:
        where.append(t("item_title", lang, label=found.number))
    source = t(f"case_source_{found.source}", lang)
    lines = [fmt("{} {} — {}", b(f"{n}."), _link(found.meeting_url, join(" · ", where)), source)]
    if found.title:
        lines.append(as_html(truncate(found.title, 90)))
    if found.ref:
        lines.append(_link(found.ref, t("case_document", lang)))
    return join("\n", lines)


def _keyboard(found: list[Appearance]) -> InlineKeyboardMarkup | None:
    buttons = [
        (
            ShowItem(a.meeting_id, a.position)
            if a.position is not None
            else ShowMeeting(a.meeting_id)
        ).button(str(n))
        for n, a in enumerate(found[:MAX_BUTTONS], 1)
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    return InlineKeyboardMarkup(rows) if rows else None


def _typed(context: Ctx) -> tuple[str, str | None]:
    typed = args_text(context)
    return typed, case_key(typed) if typed else None


async def case_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    typed, key = _typed(context)
    if key is None:
        await reply(update, context, t("case_usage" if not typed else "case_bad", lang))
        return
    found = await appearances(context.services.db, key)
    shown = typed.upper()
    if not found:
        await reply(update, context, t("case_none", lang, case=shown))
        return
    lines = [tn("case_header", lang, len(found), case=shown)]
    lines += [appearance_lines(n, seen, lang) for n, seen in enumerate(found[:MAX_SHOWN], 1)]
    if len(found) > MAX_SHOWN:
        lines.append(t("case_more", lang, n=len(found) - MAX_SHOWN))
    await reply(update, context, join("\n\n", lines), _keyboard(found))


async def _change(update: Update, context: Ctx, on: bool) -> None:
    lang = await lang_of(update, context)
    typed, key = _typed(context)
    if key is None:
        usage = "follow_case_usage" if on else "unfollow_case_usage"
        await reply(update, context, t(usage if not typed else "case_bad", lang))
        return
    chat = update.effective_chat
    if chat is None:
        return
    if not await may_change_follows(update, context):
        await reply(update, context, t("alerts_admins_only", lang))
        return
    db, shown = context.services.db, typed.upper()
    await ensure_chat(db, chat.id, chat.type)
    if on:
        added = await follow_case(
            db, chat.id, key, typed.upper(), thread_of(update.effective_message)
        )
        await reply(
            update,
            context,
            t("follow_case_done" if added else "follow_case_already", lang, case=shown),
        )
    else:
        removed = await unfollow_case(db, chat.id, key)
        await reply(
            update,
            context,
            t("unfollow_case_done" if removed else "unfollow_case_not", lang, case=shown),
        )


async def follow_case_command(update: Update, context: Ctx) -> None:
    await _change(update, context, on=True)


async def unfollow_case_command(update: Update, context: Ctx) -> None:
    await _change(update, context, on=False)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("arende").names, case_command))
    application.add_handler(CommandHandler(command("folj_arende").names, follow_case_command))
    application.add_handler(CommandHandler(command("sluta_arende").names, unfollow_case_command))
