"""One outbox row as one Telegram message: text, buttons, forum topic, reply thread, timeout.

Why: the sender decides when a row leaves; what leaves is decided here, in one place, so an
alert looks the same whether it goes out at once, after a retry or after an outage. A row
marked `reply` answers the chat's first alert about the same meeting (a changed agenda under
the new one), and still arrives when that message was deleted. A row naming a forum topic (a
party group's item) goes into that topic, made first when needed (`alerts.party_topics`).
"""

from __future__ import annotations

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.request import BaseRequest

from alerts.party_topics import item_topic
from storage.db import Database
from storage.outbox import OutboxRow, reply_target


def markup(row: OutboxRow) -> InlineKeyboardMarkup | None:
    if not row.payload.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t, callback_data=d) for t, d in line]
            for line in row.payload.buttons
        ]
    )


async def send_row(bot: Bot, db: Database, row: OutboxRow, read_timeout: float | None) -> int:
    """Send `row`; returns Telegram's message id. `read_timeout`: None for the bot's own."""
    reply = None
    thread_id = row.thread_id
    topic = await item_topic(bot, db, row) if row.payload.topic else None
    if topic is not None:  # a party group's item in its own forum topic
        thread_id = topic
    elif row.payload.reply and row.meeting_id is not None:
        target = await reply_target(db, row.meeting_id, row.chat_id)
        if target is not None:
            reply = ReplyParameters(message_id=target, allow_sending_without_reply=True)
    message = await bot.send_message(
        chat_id=row.chat_id,
        text=row.payload.text,
        parse_mode=ParseMode.HTML,
        message_thread_id=thread_id,
        reply_parameters=reply,
        reply_markup=markup(row),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        read_timeout=BaseRequest.DEFAULT_NONE if read_timeout is None else read_timeout,
    )
    return message.message_id
