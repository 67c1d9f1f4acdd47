"""Channels: a channel where the bot is admin is set up from the linked member's private chat
(`/kanal`, or the 📣 button under `/organ`), and then gets alerts like a group.

Why: nobody writes commands to a bot inside a channel, so it never answered and never
delivered. When a member makes the bot an admin of a channel, Telegram says so
(`my_chat_member`, with the member): the channel is linked to that member
(`storage.channels`), who is told in private. `/kanal` lists the member's channels; a button
per body follows or unfollows it for the channel, after checking with Telegram that the member
is still an admin there. Its buttons: `ChannelMenu`, `ChannelFollow`, `ChannelUnfollow`
(`presentation.callbacks`).

In the channel itself the bot only posts alerts: it answers no post there (a post that looks
like a command or `punkt 4` would get an answer in front of every subscriber), and a press of a
button under an alert (any subscriber may press) is answered with a link that opens the
presser's private chat with the bot on that meeting or item (`t.me/<bot>?start=m_<id>`), never
with a message to the whole channel.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType, InlineKeyboardMarkupLimit
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, TypeHandler

from handlers.common import App, Ctx, edit, lang_of, pressed, reply
from presentation.callbacks import (
    ChannelButton,
    ChannelFollow,
    ChannelMenu,
    ChannelUnfollow,
    start_payload,
)
from presentation.commands import command
from presentation.html import Html, t
from presentation.render import truncate
from presentation.texts import plain
from storage.bodies import get_body, list_bodies
from storage.channels import LinkedChannel, link_channel, linked_channel, linked_channels
from storage.chats import follow, following, get_chat, unfollow

log = logging.getLogger(__name__)
_ADMINS = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})
BUTTON_CHARS = 40


async def channel_added(update: Update, context: Ctx) -> None:
    """The bot became an admin of a channel: link it to the member who did it, tell them."""
    change = update.my_chat_member
    if change is None or change.from_user is None or change.from_user.is_bot:
        return
    chat, user = change.chat, change.from_user
    title = chat.title or str(chat.id)
    await link_channel(context.services.db, chat.id, user.id, title)
    member = await get_chat(context.services.db, user.id)
    lang = member.language if member is not None else "sv"
    try:
        await context.bot.send_message(user.id, t("channel_linked", lang, title=title))
    except TelegramError:  # the member never started a private chat with the bot: fine
        log.info("could not tell user about the new channel %s", chat.id)


def _channel_keyboard(
    channel: LinkedChannel, bodies: list[tuple[int, str]], followed: set[int]
) -> InlineKeyboardMarkup:
    rows = []
    for body_id, name in bodies[: InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER]:
        on = body_id in followed
        kind = ChannelUnfollow if on else ChannelFollow
        label = f"{'✅' if on else '➕'} {truncate(name, BUTTON_CHARS)}"
        rows.append([kind(channel.channel_id, body_id).button(label)])
    return InlineKeyboardMarkup(rows)


async def _channel_view(
    context: Ctx, channel: LinkedChannel, lang: str
) -> tuple[Html, InlineKeyboardMarkup]:
    db = context.services.db
    bodies = [(b.id, b.display_name) for b in await list_bodies(db)]
    followed = {b.id for b in await following(db, channel.channel_id)}
    text = t("channel_header", lang, title=channel.title)
    return text, _channel_keyboard(channel, bodies, followed)


def channels_keyboard(channels: list[LinkedChannel]) -> list[list[InlineKeyboardButton]]:
    """One 📣 button per linked channel (under /organ and /kanal)."""
    return [
        [ChannelMenu(c.channel_id).button(f"📣 {truncate(c.title, BUTTON_CHARS)}")]
        for c in channels
    ]


async def channel_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        await reply(update, context, t("channel_private_only", lang))
        return
    channels = await linked_channels(context.services.db, user.id)
    if not channels:
        await reply(update, context, t("channel_none", lang))
        return
    if len(channels) == 1:
        text, keyboard = await _channel_view(context, channels[0], lang)
        await reply(update, context, text, keyboard)
        return
    await reply(
        update,
        context,
        t("channel_choose", lang),
        InlineKeyboardMarkup(channels_keyboard(channels)),
    )


async def _allowed_channel(update: Update, context: Ctx, channel_id: int) -> LinkedChannel | None:
    """The member's linked channel, if Telegram says they are still one of its admins."""
    user = update.effective_user
    if user is None:
        return None
    channel = await linked_channel(context.services.db, user.id, channel_id)
    if channel is None:
        return None
    try:
        member = await context.bot.get_chat_member(channel_id, user.id)
    except TelegramError:
        return None
    return channel if member.status in _ADMINS else None


async def channel_button(update: Update, context: Ctx) -> None:
    """`ChannelMenu` shows its bodies; `ChannelFollow`/`ChannelUnfollow` change one."""
    query, lang, press = await pressed(update, context, ChannelButton)
    channel = await _allowed_channel(update, context, press.channel_id) if press else None
    if channel is None:
        await query.answer(plain("channel_not_admin", lang), show_alert=True)
        return
    db = context.services.db
    if isinstance(press, ChannelFollow | ChannelUnfollow):
        body = await get_body(db, press.body_id)
        if body is None:
            await query.answer(plain("gone_toast", lang))
            return
        following_now = isinstance(press, ChannelFollow)
        if following_now:
            await follow(db, channel.channel_id, body.id, None)
        else:
            await unfollow(db, channel.channel_id, body.id)
        key = "channel_followed_toast" if following_now else "channel_unfollowed_toast"
        await query.answer(plain(key, lang, body=body.display_name, title=channel.title))
    else:
        await query.answer()
    text, keyboard = await _channel_view(context, channel, lang)
    await edit(query, text, keyboard)


async def in_channel(update: Update, context: Ctx) -> None:
    """Runs before every other handler: in a channel, a post is left alone and a press is
    answered with a link to the presser's private chat; nothing else runs for them."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.CHANNEL:
        return
    query = update.callback_query
    if query is not None:
        payload = start_payload(query.data)
        link = f"https://t.me/{context.bot.username}" + (f"?start={payload}" if payload else "")
        await query.answer(url=link)
    elif not (update.channel_post or update.edited_channel_post):
        return  # the bot's own membership in the channel: handled by handlers.chat_member
    raise ApplicationHandlerStop


def register(application: App) -> None:
    application.add_handler(TypeHandler(Update, in_channel), group=-1)
    application.add_handler(CommandHandler(command("kanal").names, channel_command))
    application.add_handler(CallbackQueryHandler(channel_button, pattern=ChannelButton.matches))
