"""/organ with follow buttons, /foljer, /folj <organ>, /sluta <organ>, and the follow buttons.

Why: following a body is what makes the bot useful: alerts go to the chats that follow. Bodies
are named loosely (`presentation.bodymatch`); in groups only admins change the group's
follows; a follow made in a forum topic remembers the topic so alerts arrive there.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType, InlineKeyboardMarkupLimit
from telegram.ext import CallbackQueryHandler, CommandHandler

from agenda.alert_times import DIGEST_HOUR
from handlers.channels import channels_keyboard
from handlers.common import (
    App,
    Ctx,
    args_text,
    lang_of,
    may_change_follows,
    message_of,
    not_modified_is_fine,
    pressed,
    reply,
    resolve_body,
    shown_buttons,
    thread_of,
)
from presentation.callbacks import BodyFollow, Follow, Unfollow, UnfollowCase
from presentation.commands import command
from presentation.html import EMPTY, Html, a, fmt, join, t
from presentation.render import truncate
from presentation.texts import plain
from storage.alert_prefs import get_prefs
from storage.bodies import BodyRow, get_body, list_bodies
from storage.cases import followed_cases, unfollow_case
from storage.channels import linked_channels
from storage.chats import ensure_chat, follow, following, unfollow

BUTTON_CHARS = 48
MAX_SHARE_LINES = 20  # beyond this /organ stays a list of buttons; each body's view has its link
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def share_link(username: str, body: BodyRow) -> Html:
    """`t.me/<bot>?start=<slug>`: opening it starts the bot and follows the body (a slug that
    cannot be a start payload becomes `b<id>`)."""
    payload = body.slug if _PAYLOAD.match(body.slug) else f"b{body.id}"
    return a(f"https://t.me/{username}?start={payload}", f"t.me/{username}?start={payload}")


def bodies_keyboard(bodies: list[BodyRow], followed: set[int]) -> InlineKeyboardMarkup:
    """One button per body: ✅ unfollows a followed body, ➕ follows."""
    rows = []
    for body in bodies[: InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER]:
        name = truncate(body.display_name, BUTTON_CHARS)
        if body.id in followed:
            button = Unfollow(body.id).button(f"✅ {name}")
        else:
            button = Follow(body.id).button(f"➕ {name}")
        rows.append([button])
    return InlineKeyboardMarkup(rows)


async def _followed_ids(update: Update, context: Ctx) -> set[int]:
    chat = update.effective_chat
    if chat is None:
        return set()
    return {b.id for b in await following(context.services.db, chat.id)}


async def bodies_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    db = context.services.db
    bodies = await list_bodies(db)
    if not bodies:
        await reply(update, context, t("bodies_none", lang))
        return
    keyboard = bodies_keyboard(bodies, await _followed_ids(update, context))
    lines = [t("bodies_header", lang), EMPTY, t("bodies_share", lang)]
    username = context.bot.username
    lines += [
        fmt("• {}\n  🔗 {}", body.display_name, share_link(username, body))
        for body in bodies[:MAX_SHARE_LINES]
    ]
    rows = [list(r) for r in keyboard.inline_keyboard]
    user, chat = update.effective_user, update.effective_chat
    if user is not None and chat is not None and chat.type == ChatType.PRIVATE:
        rows += channels_keyboard(await linked_channels(db, user.id))  # 📣 a linked channel
    await reply(update, context, join("\n", lines), InlineKeyboardMarkup(rows))


async def following_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat = update.effective_chat
    db = context.services.db
    bodies = await following(db, chat.id) if chat else []
    cases = await followed_cases(db, chat.id) if chat else []
    if not bodies and not cases:
        await reply(update, context, t("following_none", lang))
        return
    lines: list[Html] = []
    if bodies:
        lines += [
            t("following_header", lang),
            *(fmt("• {}", body.display_name) for body in bodies),
        ]
    if cases:
        lines += [EMPTY, t("following_cases", lang)] if lines else [t("following_cases", lang)]
        lines += [fmt("• {}", c.case_text) for c in cases]
    if chat is not None and (await get_prefs(db, chat.id)).digest:
        lines += [EMPTY, t("following_digest", lang, hour=f"{DIGEST_HOUR:02d}:00")]
    lines += [EMPTY, t("following_tap", lang)]
    rows = [list(r) for r in bodies_keyboard(bodies, {b.id for b in bodies}).inline_keyboard]
    rows += [
        [UnfollowCase(c.case_key).button(f"✖ {truncate(c.case_text, 40)}")]
        for c in cases
        if UnfollowCase(c.case_key).fits()
    ]
    await reply(update, context, join("\n", lines), InlineKeyboardMarkup(rows))


async def unfollow_case_button(update: Update, context: Ctx) -> None:
    """`UnfollowCase`: stop following that case; the /foljer message is redrawn in place."""
    query, lang, case = await pressed(update, context, UnfollowCase)
    chat = update.effective_chat
    if chat is None or case is None or not await may_change_follows(update, context):
        await query.answer(plain("admins_only_toast", lang), show_alert=True)
        return
    removed = await unfollow_case(context.services.db, chat.id, case.case_key)
    await query.answer(plain("case_unfollowed_toast" if removed else "gone_toast", lang))
    message = message_of(update)
    markup = message.reply_markup if message is not None else None
    rows = [
        [b for b in row if b.callback_data != query.data]
        for row in (markup.inline_keyboard if markup else ())
    ]
    with not_modified_is_fine():
        await query.edit_message_reply_markup(InlineKeyboardMarkup([r for r in rows if r]))


async def _set_follow(update: Update, context: Ctx, body: BodyRow, on: bool, lang: str) -> str:
    """Follow or unfollow; returns the text key describing the outcome."""
    chat = update.effective_chat
    assert chat is not None
    db = context.services.db
    await ensure_chat(db, chat.id, chat.type)
    if on:
        thread = thread_of(message_of(update))
        return "follow_done" if await follow(db, chat.id, body.id, thread) else "follow_already"
    return "unfollow_done" if await unfollow(db, chat.id, body.id) else "unfollow_not"


async def follow_named(
    update: Update, context: Ctx, query: str, lang: str, on: bool = True
) -> None:
    """`/folj <organ>` / `/sluta <organ>` / a `/start <slug>` (or `b<id>`) deep link."""
    by_id = re.fullmatch(r"b(\d{1,12})", query)
    body = await get_body(context.services.db, int(by_id.group(1))) if by_id else None
    body = body or await resolve_body(update, context, query, lang)
    if body is None:
        return
    if not await may_change_follows(update, context):
        await reply(update, context, t("admins_only", lang))
        return
    key = await _set_follow(update, context, body, on, lang)
    await reply(update, context, t(key, lang, body=body.display_name))


async def follow_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    query = args_text(context)
    if not query:
        await reply(update, context, t("follow_usage", lang))
        return
    await follow_named(update, context, query, lang, on=True)


async def unfollow_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    query = args_text(context)
    if not query:
        await reply(update, context, t("unfollow_usage", lang))
        return
    await follow_named(update, context, query, lang, on=False)


async def follow_button(update: Update, context: Ctx) -> None:
    """`Follow` / `Unfollow`: change the follow and redraw the buttons in place."""
    query, lang, press = await pressed(update, context, BodyFollow)
    body = await get_body(context.services.db, press.body_id) if press else None
    if body is None:
        await query.answer(plain("gone_toast", lang))
        return
    if not await may_change_follows(update, context):
        await query.answer(plain("admins_only_toast", lang), show_alert=True)
        return
    on = isinstance(press, Follow)
    await _set_follow(update, context, body, on, lang)
    await query.answer(
        plain("followed_toast" if on else "unfollowed_toast", lang, body=body.display_name)
    )
    await _redraw(update, context, body)


async def _redraw(update: Update, context: Ctx, changed: BodyRow) -> None:
    query = update.callback_query
    assert query is not None
    ids = [b.body_id for b in shown_buttons(update) if isinstance(b, BodyFollow)]
    bodies = [b for b in await list_bodies(context.services.db) if b.id in ids] or [changed]
    keyboard = bodies_keyboard(bodies, await _followed_ids(update, context))
    with not_modified_is_fine():
        await query.edit_message_reply_markup(keyboard)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("organ").names, bodies_command))
    application.add_handler(CommandHandler(command("foljer").names, following_command))
    application.add_handler(CommandHandler(command("folj").names, follow_command))
    application.add_handler(CommandHandler(command("sluta").names, unfollow_command))
    application.add_handler(CallbackQueryHandler(follow_button, pattern=BodyFollow.matches))
    application.add_handler(
        CallbackQueryHandler(unfollow_case_button, pattern=UnfollowCase.matches)
    )
