"""/partigrupp <organ>|av (/party_group), /linje <nr> <ståndpunkt> (/line), /linjer (/lines):
the party group and its line per item.

Why: before each meeting the members of one party on a committee agree on a position per item.
A group's admins make it the party group of one body (it then follows the body and gets each
new agenda's items to decide, `alerts.fanout_party`); any member records the group's line on an
item of the body's next meeting (bifall, avslag, återremiss, bordläggning or free text), or of
the meeting on the date written after the number (the hint under a new agenda's items names it:
that agenda need not be the next meeting); in an item's forum topic the number may be left out.
Lines belong to the group alone: stored per chat (`storage.party`), shown only here and in the
group's reminder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
from presentation.texts import format_date
from storage.chats import follow
from storage.document_reads import meeting_proposals
from storage.meeting_rows import StoredMeeting
from storage.meetings import get_meeting, meeting_on, next_meeting
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


async def _topic(update: Update, context: Ctx) -> tuple[int, int] | None:
    """(meeting id, item number) of the item's forum topic the command was written in."""
    chat, thread = update.effective_chat, thread_of(message_of(update))
    if chat is None or thread is None:
        return None
    return await topic_item(context.services.db, chat.id, thread)


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(word: str) -> date | None:
    """The meeting day written after the number: ISO only, as the hint writes it, so that a
    line opening with `1/3` or `imorgon` stays the line."""
    if not ISO_DAY.fullmatch(word):
        return None
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Target:
    """What `/linje` and `/linjer` were asked about: a meeting (None when none fits), the item
    number, the line's words, and why no meeting fits (`day`: none that day; `old_topic`)."""

    meeting: StoredMeeting | None
    wanted: int | None = None
    words: tuple[str, ...] = ()
    day: date | None = None
    old_topic: bool = False


async def _target(update: Update, context: Ctx, group: PartyGroup, words: list[str]) -> Target:
    """`[nr] [datum] [linje]`: the meeting on the ISO day after the number (the hint under a new
    agenda's items names it: that agenda need not be the next meeting), else the meeting of the
    item's forum topic written in (the group's body, not yet held), else the next meeting."""
    db, body_id, day_now = context.services.db, group.body.id, today(context)
    wanted = number(words[0]) if words else None
    words = words[1:] if wanted is not None else words
    day = _iso_day(words[0]) if words else None
    if day is not None:
        on = await meeting_on(db, body_id, day)
        return Target(on, wanted, tuple(words[1:]), day=day)
    topic = await _topic(update, context)
    if topic is not None:
        sm = await get_meeting(db, topic[0])
        if sm is None or sm.body.id != body_id or (sm.meeting.date or day_now) < day_now:
            return Target(None, wanted, tuple(words), old_topic=True)
        return Target(sm, topic[1] if wanted is None else wanted, tuple(words))
    return Target(await next_meeting(db, [body_id], day_now), wanted, tuple(words))


async def _no_meeting(
    update: Update, context: Ctx, group: PartyGroup, target: Target, lang: str
) -> None:
    body = group.body
    if target.old_topic:
        text = t("line_old_topic", lang)
    elif target.day is not None:
        when = format_date(target.day, lang)
        text = t("meeting_on_none", lang, body=body.display_name, date=when, query=body.slug)
    else:
        text = t("next_none", lang, bodies=body_names([body], lang))
    await reply(update, context, text)


async def line_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    group = await _party(update, context, lang)
    if group is None or update.effective_chat is None:
        return
    db = context.services.db
    target = await _target(update, context, group, list(context.args or []))
    sm, wanted = target.meeting, target.wanted
    if sm is None:
        await _no_meeting(update, context, group, target, lang)
        return
    typed = " ".join(target.words).strip()
    if wanted is None or not typed:
        await reply(update, context, t("line_usage", lang))
        return
    if len(typed) > MAX_LINE:
        await reply(update, context, t("line_too_long", lang, n=MAX_LINE))
        return
    item = sm.meeting.item_by_number(wanted)
    when = format_date(sm.meeting.date, lang) if sm.meeting.date else ""
    if item is None:
        body, available = sm.body.display_name, available_numbers(sm, lang)
        text = t("line_no_item", lang, number=wanted, body=body, date=when, available=available)
        await reply(update, context, text)
        return
    chat_id = update.effective_chat.id
    if typed in _CLEAR:
        await set_line(db, chat_id, sm.id, wanted, item.title, None)
        await reply(update, context, t("line_cleared", lang, number=wanted, date=when))
        return
    line = stored_line(typed)
    await set_line(db, chat_id, sm.id, wanted, item.title, line)
    title = item.title or ""
    text = t("line_set", lang, number=wanted, title=title, date=when, line=shown_line(line, lang))
    await reply(update, context, text)


async def lines_command(update: Update, context: Ctx) -> None:
    """`/linjer [datum]`: the lines for the next meeting, or for the meeting on that day."""
    lang = await lang_of(update, context)
    group = await _party(update, context, lang)
    if group is None or update.effective_chat is None:
        return
    db, args = context.services.db, list(context.args or [])
    day = _iso_day(args[0]) if args else None
    if day is not None:
        target = Target(await meeting_on(db, group.body.id, day), day=day)
    else:
        target = Target(await next_meeting(db, [group.body.id], today(context)))
    sm = target.meeting
    if sm is None:
        await _no_meeting(update, context, group, target, lang)
        return
    positions = items_to_decide(sm.meeting.items, await meeting_proposals(db, sm.id))
    lines = await lines_of(db, update.effective_chat.id, sm.id)
    await reply(update, context, lines_text(sm, positions, lines, lang))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("partigrupp").names, party_group_command))
    application.add_handler(CommandHandler(command("linje").names, line_command))
    application.add_handler(CommandHandler(command("linjer").names, lines_command))
