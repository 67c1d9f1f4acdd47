"""my_chat_member updates: the bot was blocked/removed (stop at once) or is back (resume).

Why: waiting for repeated `Forbidden` answers wastes sends and strikes; Telegram tells the bot
directly when a member blocks it or a group removes it. Deactivating the chat stops its alerts
(its follows are kept) and drops its unsent rows; unblocking or re-adding reactivates it. In a
channel the bot can only post as an admin: made admin, the channel is linked to the member who
did it (`handlers.channels`); demoted or removed, it stops.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ChatMemberHandler

from handlers.channels import channel_added
from handlers.common import App, Ctx
from storage.chats import deactivate_chat, ensure_chat, reactivate_chat
from storage.outbox import cancel_open

GONE = frozenset({ChatMemberStatus.BANNED, ChatMemberStatus.LEFT})


async def my_chat_member(update: Update, context: Ctx) -> None:
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    db = context.services.db
    await ensure_chat(db, chat.id, chat.type)
    status = change.new_chat_member.status
    in_channel = chat.type == ChatType.CHANNEL
    async with db.transaction() as conn:
        if status in GONE or (in_channel and status != ChatMemberStatus.ADMINISTRATOR):
            await deactivate_chat(conn, chat.id)
            await cancel_open(conn, chat.id, "bot blocked or removed (my_chat_member)")
        else:
            await reactivate_chat(conn, chat.id)
    if in_channel and status == ChatMemberStatus.ADMINISTRATOR:
        await channel_added(update, context)


def register(application: App, group: int = 0) -> None:
    """Track the bot's own membership in every chat (handler `group`)."""
    handler = ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    application.add_handler(handler, group)
