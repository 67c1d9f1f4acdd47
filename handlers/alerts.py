"""Alert settings: /paminn (/remind), /bevaka (/watch), /bevakningar (/watches),
/sluta_bevaka (/unwatch), /sammandrag (/digest).

Why: members choose how alerts reach them — reminders before meetings (off by default), keyword
watches across all bodies, or one digest a day. In groups only administrators change these
(like follows); anyone may list the watches. Bad input gets a one-line answer with an example.
"""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import CommandHandler

from agenda.alert_times import (
    DIGEST_HOUR,
    MAX_DAYS,
    MAX_HOURS,
    MAX_OFFSETS,
    beyond_limit,
    parse_spec,
)
from agenda.stem import STOPWORDS, watch_key, words
from handlers.common import App, Ctx, args_text, lang_of, may_change_follows, reply, thread_of
from handlers.reminder_next import next_reminder_line
from presentation.commands import command
from presentation.reminders import describe
from presentation.texts import t
from storage.alert_prefs import get_prefs, set_digest, set_reminders
from storage.watches import (
    MAX_WATCHES_PER_CHAT,
    add_watch,
    count_watches,
    list_watches,
    remove_watch,
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
        text = t("remind_usage", lang, current=html.escape(describe(spec, lang)))
        coming = await next_reminder_line(update, context, spec, lang)
        await reply(update, context, "\n".join(x for x in (text, coming, limits) if x))
        return
    words = arg.split()[:6]
    parsed = parse_spec(words)
    if parsed is None:
        beyond = beyond_limit(words)
        key = "remind_beyond" if beyond else "remind_bad"
        bad = t(key, lang, arg=html.escape((beyond or arg)[:60]))
        await reply(update, context, f"{bad}\n{limits}")
        return
    if not await _allowed(update, context, lang):
        return
    await set_reminders(db, _chat_id(update), parsed)
    text = (
        t("remind_set", lang, spec=describe(parsed, lang)) if parsed else t("remind_cleared", lang)
    )
    coming = await next_reminder_line(update, context, parsed, lang) if parsed else ""
    await reply(update, context, f"{text}\n{coming}".strip())


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
        await reply(update, context, t("watch_stopword", lang, term=html.escape(word)))
        return
    if not await _allowed(update, context, lang):
        return
    db, chat_id = context.services.db, _chat_id(update)
    if await count_watches(db, chat_id) >= MAX_WATCHES_PER_CHAT:
        await reply(update, context, t("watch_too_many", lang, n=MAX_WATCHES_PER_CHAT))
        return
    added = await add_watch(db, chat_id, word, watch_key(word), thread_of(update.effective_message))
    await reply(
        update, context, t("watch_added" if added else "watch_exists", lang, term=html.escape(word))
    )


async def watches_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    found = await list_watches(context.services.db, _chat_id(update))
    if not found:
        await reply(update, context, t("watch_none", lang))
        return
    terms = ", ".join(f"<b>{html.escape(w.term)}</b>" for w in found)
    await reply(update, context, t("watch_list", lang, terms=terms))


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
    await reply(update, context, t(key, lang, term=html.escape(word)))


async def digest_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    db = context.services.db
    arg = args_text(context).lower()
    hour = f"{DIGEST_HOUR:02d}:00"
    if arg not in _ON | _OFF:
        on = (await get_prefs(db, _chat_id(update))).digest
        current = t("state_on" if on else "state_off", lang)
        await reply(update, context, t("digest_usage", lang, hour=hour, current=current))
        return
    if not await _allowed(update, context, lang):
        return
    await set_digest(db, _chat_id(update), arg in _ON)
    await reply(update, context, t("digest_on" if arg in _ON else "digest_off", lang, hour=hour))


def register(application: App, group: int = 0) -> None:
    """Add the alert-setting commands (Swedish names and English aliases) to handler `group`."""
    application.add_handler(CommandHandler(command("paminn").names, remind_command), group)
    application.add_handler(CommandHandler(command("bevaka").names, watch_command), group)
    application.add_handler(CommandHandler(command("bevakningar").names, watches_command), group)
    application.add_handler(CommandHandler(command("sluta_bevaka").names, unwatch_command), group)
    application.add_handler(CommandHandler(command("sammandrag").names, digest_command), group)
