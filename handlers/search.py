"""/sok <ord>: full-text search across every stored agenda, best first, one button per hit.

Why: members remember a word ("vårdplatser"), not a meeting. Anything typed is passed to
`storage.search.search` as data (it never reaches FTS5 or SQL as syntax); an over-long query or
one without words gets a helpful answer instead of silence. The items' own words rank first;
words found only in a document follow, naming the document (`storage.document_search`).
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from agenda.stem import query_terms
from handlers.common import App, Ctx, args_text, lang_of, reply
from presentation.commands import command
from presentation.render import cb_item, cb_meeting, truncate
from presentation.texts import format_short_date, t
from storage.document_search import search_all
from storage.search import SearchHit

MAX_QUERY_CHARS = 200
HITS = 8
TITLE_CHARS = 80


def _hit_lines(n: int, hit: SearchHit, lang: str) -> str:
    where = [html.escape(hit.body.display_name)]
    if hit.date:
        where.append(format_short_date(hit.date, lang))
    if hit.number is not None:
        where.append(t("item_title", lang, label=hit.number))
    if hit.paragraph is not None:
        where.append(f"§ {hit.paragraph}")
    if hit.number is None and hit.paragraph is None:
        where.append(t("search_unnumbered", lang))
    lines = [f"<b>{n}.</b> " + " · ".join(where)]
    if hit.title:
        lines.append(f"<b>{html.escape(truncate(hit.title, TITLE_CHARS))}</b>")
    if hit.document:
        name = html.escape(truncate(hit.document, TITLE_CHARS))
        if hit.document_url and hit.document_url.startswith(("http://", "https://")):
            name = f'<a href="{html.escape(hit.document_url)}">{name}</a>'
        lines.append(t("doc_found_in", lang, title=name))
    if hit.snippet:
        lines.append(f"<i>{html.escape(hit.snippet)}</i>")
    return "\n".join(lines)


def render_hits(query: str, hits: list[SearchHit], lang: str) -> str:
    header = t("search_header", lang, query=html.escape(truncate(query, 60)))
    return "\n\n".join([header, *(_hit_lines(n, h, lang) for n, h in enumerate(hits, 1))])


def hits_keyboard(hits: list[SearchHit]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            str(n),
            callback_data=cb_item(h.meeting_id, h.position)
            if h.position >= 0
            else cb_meeting(h.meeting_id),
        )
        for n, h in enumerate(hits, 1)
    ]
    return InlineKeyboardMarkup([buttons[i : i + 4] for i in range(0, len(buttons), 4)])


async def search_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    query = args_text(context)
    if not query:
        await reply(update, context, t("search_usage", lang))
        return
    if len(query) > MAX_QUERY_CHARS:
        await reply(update, context, t("search_too_long", lang, max=MAX_QUERY_CHARS))
        return
    if not query_terms(query):  # only quotes, stars, emoji: nothing to look for
        await reply(update, context, t("search_no_words", lang))
        return
    hits = await search_all(context.services.db, query, limit=HITS)
    if not hits:
        await reply(update, context, t("search_none", lang, query=html.escape(truncate(query, 60))))
        return
    await reply(update, context, render_hits(query, hits, lang), hits_keyboard(hits))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("sok").names, search_command))
