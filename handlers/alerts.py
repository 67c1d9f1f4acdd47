"""Alert settings: /paminn (/remind), /bevaka (/watch), /bevakningar (/watches),
/sluta_bevaka (/unwatch), /sammandrag (/digest).

Why: members choose how alerts reach them — reminders before meetings (off by default), keyword
watches across all bodies, or one digest a day. In groups only administrators change these
(like follows); anyone may list the watches. Bad input gets a one-line answer with an example.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from agenda.alert_times import (
    DIGEST_HOUR,
    MAX_DAYS,
    MAX_HOURS,
    MAX_OFFSETS,
    beyond_limit,
    parse_spec,
)
from agenda.stem import STOPWORDS, watch_key, words
from handlers.common import (
    App,
    Ctx,
    args_text,
    edit,
    lang_of,
    may_change_follows,
    pressed,
    reply,
    thread_of,
)
from handlers.reminder_next import next_reminder_line
from presentation.callbacks import Unwatch
from presentation.commands import command
from presentation.html import Html, b, fmt, join, stripped, t, tn
from presentation.reminders import describe
from presentation.render import truncate
from presentation.texts import plain
from storage.alert_prefs import get_prefs, held_count, set_digest, set_reminders
from storage.chats import following
from storage.watches import (
    MAX_WATCHES_PER_CHAT,
    add_watch,
    count_watches,
    list_watches,
    remove_watch,
    remove_watch_id,
    watch_ids,
)

MIN_WATCH_CHARS = 3
MAX_WATCH_CHARS = 40
_ON = frozenset({"på", "pa", "on", "ja", "yes"})
_OFF = frozenset({"av", "off", "nej", "no"})


async def _allowed(update: Update, context: Ctx, lang: str) -> bool:
    if await may_change_follows(update, context):
        return True
    await reply(update, context, t("alerts_admins_only", lang))
    return False


def _chat_id(update: Update) -> int:
    assert update.effective_chat is not None
    return update.effective_chat.id


async def remind_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    db = context.services.db
    arg = args_text(context)
    limits = t("remind_limits", lang, days=MAX_DAYS, hours=MAX_HOURS, n=MAX_OFFSETS)
    if not arg:
        spec = (await get_prefs(db, _chat_id(update))).reminders
        text = t("remind_usage", lang, current=describe(spec, lang))
        coming = await next_reminder_line(update, context, spec, lang)
        await reply(update, context, join("\n", (x for x in (text, coming, limits) if x)))
        return
    words = arg.split()[:6]
    parsed = parse_spec(words)
    if parsed is None:
        beyond = beyond_limit(words)
        key = "remind_beyond" if beyond else "remind_bad"
        bad = t(key, lang, arg=(beyond or arg)[:60])
        await reply(update, context, fmt("{}\n{}", bad, limits))
        return
    if not await _allowed(update, context, lang):
        return
    await set_reminders(db, _chat_id(update), parsed)
    text = (
        t("remind_set", lang, spec=describe(parsed, lang)) if parsed else t("remind_cleared", lang)
    )
    if parsed:
        text = fmt("{}\n{}", text, await next_reminder_line(update, context, parsed, lang))
    await reply(update, context, stripped(text))


_QUOTES = "\"“”«»„'"
MAX_PHRASE_WORDS = 4


def watch_word(arg: str) -> str | None:
    """The word to watch, lower-cased, or a phrase in quotes (`"nära vård"`, its words joined by
    one space); None when the argument is neither."""
    quoted = arg.strip()[:1] in _QUOTES and arg.strip()[-1:] in _QUOTES and len(arg.strip()) > 2
    found = words(arg)
    if quoted and 2 <= len(found) <= MAX_PHRASE_WORDS and len(arg) <= MAX_WATCH_CHARS:
        return " ".join(found)
    if len(found) != 1 or not MIN_WATCH_CHARS <= len(found[0]) <= MAX_WATCH_CHARS:
        return None
    return None if found[0].isdigit() else found[0]


async def watch_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    word = watch_word(args_text(context))
    if word is None:
        key = "watch_usage" if not args_text(context) else "watch_bad"
        await reply(update, context, t(key, lang))
        return
    if word in STOPWORDS:
        await reply(update, context, t("watch_stopword", lang, term=word))
        return
    if not await _allowed(update, context, lang):
        return
    db, chat_id = context.services.db, _chat_id(update)
    if await count_watches(db, chat_id) >= MAX_WATCHES_PER_CHAT:
        await reply(update, context, t("watch_too_many", lang, n=MAX_WATCHES_PER_CHAT))
        return
    added = await add_watch(db, chat_id, word, watch_key(word), thread_of(update.effective_message))
    await reply(update, context, t("watch_added" if added else "watch_exists", lang, term=word))


async def watches_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    text, keyboard = await _watches_view(context, _chat_id(update), lang)
    await reply(update, context, text, keyboard)


async def _watches_view(
    context: Ctx, chat_id: int, lang: str
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """The chat's watches, with a ✖ button to remove each."""
    found = await watch_ids(context.services.db, chat_id)
    if not found:
        return t("watch_none", lang), None
    terms = join(", ", (b(term) for _, term in found))
    buttons = [Unwatch(watch_id).button(f"✖ {truncate(term, 30)}") for watch_id, term in found]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    text = fmt("{}\n{}", t("watch_list", lang, terms=terms), t("watch_list_tap", lang))
    return text, InlineKeyboardMarkup(rows)


async def unwatch_button(update: Update, context: Ctx) -> None:
    """`Unwatch`: remove that watch and redraw the list in place."""
    query, lang, unwatch = await pressed(update, context, Unwatch)
    if not await may_change_follows(update, context):
        await query.answer(plain("admins_only_toast", lang), show_alert=True)
        return
    watch_id = unwatch.watch_id if unwatch else 0
    term = await remove_watch_id(context.services.db, _chat_id(update), watch_id)
    if term is None:
        await query.answer(plain("gone_toast", lang))
    else:
        await query.answer(plain("watch_removed", lang, term=term))
    text, keyboard = await _watches_view(context, _chat_id(update), lang)
    await edit(query, text, keyboard)


async def unwatch_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    word = watch_word(args_text(context))
    if word is None:
        await reply(update, context, t("unwatch_usage", lang))
        return
    if not await _allowed(update, context, lang):
        return
    removed = await remove_watch(context.services.db, _chat_id(update), watch_key(word))
    key = "watch_removed" if removed else "watch_not_found"
    await reply(update, context, t(key, lang, term=word))


async def digest_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    db = context.services.db
    arg = args_text(context).lower()
    hour = f"{DIGEST_HOUR:02d}:00"
    if arg not in _ON | _OFF:
        on = (await get_prefs(db, _chat_id(update))).digest
        current = t("state_on" if on else "state_off", lang)
        usage = t("digest_usage", lang, hour=hour, current=current)
        waiting = await held_count(db, _chat_id(update)) if on else 0
        more = await _digest_explained(update, context, on, waiting, lang) if on else []
        await reply(update, context, join("\n", [usage, *more]))
        return
    if not await _allowed(update, context, lang):
        return
    chat_id = _chat_id(update)
    waiting = await held_count(db, chat_id)
    await set_digest(db, chat_id, arg in _ON)
    text = t("digest_on" if arg in _ON else "digest_off", lang, hour=hour)
    await reply(
        update,
        context,
        join("\n", [text, *await _digest_explained(update, context, arg in _ON, waiting, lang)]),
    )


async def _digest_explained(
    update: Update, context: Ctx, on: bool, waiting: int, lang: str
) -> list[Html]:
    """What digest mode means for this chat: what waits, what does not, what it covers."""
    if not on:
        return [tn("digest_released", lang, waiting)] if waiting else []
    lines = [t("digest_what", lang)]
    if waiting:
        lines.append(tn("digest_waiting", lang, waiting))
    chat = _chat_id(update)
    db = context.services.db
    if not await following(db, chat) and not await list_watches(db, chat):
        lines.append(t("digest_nothing_followed", lang))
    return lines


def register(application: App, group: int = 0) -> None:
    """Add the alert-setting commands (Swedish names and English aliases) to handler `group`."""
    application.add_handler(CommandHandler(command("paminn").names, remind_command), group)
    application.add_handler(CommandHandler(command("bevaka").names, watch_command), group)
    application.add_handler(CommandHandler(command("bevakningar").names, watches_command), group)
    application.add_handler(CommandHandler(command("sluta_bevaka").names, unwatch_command), group)
    application.add_handler(CommandHandler(command("sammandrag").names, digest_command), group)
    application.add_handler(CallbackQueryHandler(unwatch_button, pattern=Unwatch.matches), group)
