"""/partigrupp <organ>|av (/party_group), /linje <nr> <ståndpunkt> (/line), /linjer (/lines):
the party group and its line per item.

Why: before each meeting the members of one party on a committee agree on a position per item.
A group's admins make it the party group of one body (it then follows the body and gets each
new agenda's items to decide, `alerts.fanout_party`); any member records the group's line on an
item of the body's next meeting (bifall, avslag, återremiss, bordläggning or free text); in an
item's forum topic the number may be left out. Lines belong to the group alone: stored per
chat (`storage.party`), shown only here and in the group's reminder.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from agenda.reading import items_to_decide
from handlers.common import (
    App,
    Ctx,
    args_text,
    body_names,
    lang_of,
    may_change_follows,
    message_of,
    reply,
    resolve_body,
    thread_of,
    today,
)
from handlers.item_args import number
from presentation.commands import command
from presentation.html import t
from presentation.render import available_numbers
from presentation.render_party import lines_text, shown_line, stored_line
from storage.chats import follow
from storage.document_reads import meeting_proposals
from storage.meetings import next_meeting
from storage.party import (
    PartyGroup,
    end_party_group,
    lines_of,
    party_group,
    set_line,
    set_party_group,
    topic_item,
)

MAX_LINE = 300
_OFF = frozenset({"av", "off", "stopp", "stop"})
_CLEAR = frozenset({"-", "–", "ingen", "none", "av", "off"})


def _in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def party_group_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat, db, asked = update.effective_chat, context.services.db, args_text(context)
    if chat is None or not _in_group(update):
        await reply(update, context, t("party_groups_only", lang))
        return
    current = await party_group(db, chat.id)
    if not asked:
        shown = current.body.display_name if current else ""
        key = "party_current" if current else "party_none"
        await reply(update, context, t(key, lang, body=shown) if current else t(key, lang))
        return
    if not await may_change_follows(update, context):
        await reply(update, context, t("party_admins_only", lang))
        return
    if asked.casefold() in _OFF:
        await end_party_group(db, chat.id)
        await reply(update, context, t("party_ended", lang))
        return
    body = await resolve_body(update, context, asked, lang)
    if body is None:
        return
    forum = bool(chat.is_forum)
    await set_party_group(db, chat.id, body.id, forum)
    await follow(db, chat.id, body.id, thread_of(message_of(update)))
    where = t("party_where_forum" if forum else "party_where_thread", lang)
    await reply(update, context, t("party_done", lang, body=body.display_name, where=where))


async def _party(update: Update, context: Ctx, lang: str) -> PartyGroup | None:
    chat = update.effective_chat
    group = await party_group(context.services.db, chat.id) if chat else None
    if group is None:
        await reply(update, context, t("line_not_party", lang))
    return group


async def _topic_number(update: Update, context: Ctx, meeting_id: int) -> int | None:
    """The item number of the forum topic the command was written in, for this meeting."""
    chat, thread = update.effective_chat, thread_of(message_of(update))
    if chat is None or thread is None:
        return None
    found = await topic_item(context.services.db, chat.id, thread)
    return found[1] if found and found[0] == meeting_id else None


async def line_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    group = await _party(update, context, lang)
    if group is None or update.effective_chat is None:
        return
    db, words = context.services.db, list(context.args or [])
    sm = await next_meeting(db, [group.body.id], today(context))
    if sm is None:
        await reply(update, context, t("next_none", lang, bodies=body_names([group.body], lang)))
        return
    wanted = number(words[0]) if words else None
    if wanted is None:
        wanted = await _topic_number(update, context, sm.id)
    else:
        words = words[1:]
    typed = " ".join(words).strip()
    if wanted is None or not typed:
        await reply(update, context, t("line_usage", lang))
        return
    if len(typed) > MAX_LINE:
        await reply(update, context, t("line_too_long", lang, n=MAX_LINE))
        return
    item = sm.meeting.item_by_number(wanted)
    if item is None:
        body, available = sm.body.display_name, available_numbers(sm, lang)
        text = t("line_no_item", lang, number=wanted, body=body, available=available)
        await reply(update, context, text)
        return
    chat_id = update.effective_chat.id
    if typed in _CLEAR:
        await set_line(db, chat_id, sm.id, wanted, item.title, None)
        await reply(update, context, t("line_cleared", lang, number=wanted))
        return
    line = stored_line(typed)
    await set_line(db, chat_id, sm.id, wanted, item.title, line)
    title = item.title or ""
    text = t("line_set", lang, number=wanted, title=title, line=shown_line(line, lang))
    await reply(update, context, text)


async def lines_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    group = await _party(update, context, lang)
    if group is None or update.effective_chat is None:
        return
    db = context.services.db
    sm = await next_meeting(db, [group.body.id], today(context))
    if sm is None:
        await reply(update, context, t("next_none", lang, bodies=body_names([group.body], lang)))
        return
    positions = items_to_decide(sm.meeting.items, await meeting_proposals(db, sm.id))
    lines = await lines_of(db, update.effective_chat.id, sm.id)
    await reply(update, context, lines_text(sm, positions, lines, lang))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("partigrupp").names, party_group_command))
    application.add_handler(CommandHandler(command("linje").names, line_command))
    application.add_handler(CommandHandler(command("linjer").names, lines_command))
