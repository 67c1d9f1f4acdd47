"""/sok <ord>: full-text search across every stored agenda, best first, one button per hit.

Why: members remember a word ("vårdplatser"), not a meeting. Anything typed is passed to
`storage.search.search` as data (it never reaches FTS5 or SQL as syntax); an over-long query or
one without words gets a helpful answer instead of silence. The items' own words rank first;
words found only in a document follow, naming the document (`storage.document_search`).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from agenda.stem import query_terms
from agenda.summary import item_heading
from handlers.common import App, Ctx, args_text, lang_of, pressed, reply
from presentation.callbacks import ButtonData, MoreHits, ShowItem, ShowMeeting
from presentation.commands import command
from presentation.html import EMPTY, Html, a, b, fmt, i, join, t
from presentation.render import truncate
from presentation.render_titles import mark
from presentation.texts import format_short_date, plain
from storage.document_search import search_all
from storage.item_titles import TitleSource, item_titles
from storage.meeting_reads import get_meeting
from storage.meeting_rows import StoredMeeting
from storage.search import SearchHit

MAX_QUERY_CHARS = 200
HITS = 8
MAX_HITS = 100  # counted and paged ("Fler"); beyond this the member should narrow the search
TITLE_CHARS = 200
LEAD_CHARS = 70


def _hit_lines(n: int, hit: SearchHit, lang: str, lead: Html = EMPTY) -> Html:
    """Body, date, item number and § (or where in the minutes), the title (from evidence or the
    first clause when the page has none: `lead`), the document, the snippet."""
    where: list[str] = [hit.body.display_name]
    if hit.date:
        where.append(format_short_date(hit.date, lang))
    if hit.number is not None:
        where.append(t("item_title", lang, label=hit.number))
    if hit.paragraph is not None:
        where.append(f"§ {hit.paragraph}")
    if hit.number is None and hit.paragraph is None and hit.position >= 0:
        where.append(t("search_unnumbered", lang))
    lines = [fmt("{} {}", b(f"{n}."), join(" · ", where))]
    if hit.title:
        lines.append(b(truncate(hit.title, TITLE_CHARS)))
    elif lead:
        lines.append(lead)
    if hit.in_minutes:
        link = _minutes_link(hit, lang)
        key = "search_in_minutes_at" if hit.paragraph is not None else "search_in_minutes"
        lines.append(t(key, lang, minutes=link, paragraph=hit.paragraph or ""))
    if hit.document:
        name: Html | str = truncate(hit.document, TITLE_CHARS)
        if hit.document_url and hit.document_url.startswith(("http://", "https://")):
            name = a(hit.document_url, name)
        lines.append(t("doc_found_in", lang, title=name))
    if hit.snippet and not _same_text(hit.snippet, hit.title):
        lines.append(i(hit.snippet))
    return join("\n", lines)


def _minutes_link(hit: SearchHit, lang: str) -> Html:
    """`protokollet`, linked to the PDF (never its raw URL as text)."""
    word = t("search_minutes_word", lang)
    url = hit.document_url or ""
    if url.startswith(("http://", "https://")):
        return a(url, word)
    return word


async def _leads(context: Ctx, hits: list[SearchHit], lang: str) -> dict[int, Html]:
    """For hits on items the page left untitled: index → a title from evidence (marked) or the
    item's first clause in italics."""
    db = context.services.db
    loaded: dict[int, tuple[StoredMeeting | None, dict[int, TitleSource]]] = {}
    found: dict[int, Html] = {}
    for index, hit in enumerate(hits):
        if hit.title or hit.position < 0:
            continue
        if hit.meeting_id not in loaded:
            sm = await get_meeting(db, hit.meeting_id)
            loaded[hit.meeting_id] = (sm, await item_titles(db, sm) if sm else {})
        sm, titles = loaded[hit.meeting_id]
        if sm is None or hit.position >= len(sm.meeting.items):
            continue
        if hit.position in titles:
            evidence = titles[hit.position]
            found[index] = fmt("{} {}", b(evidence.title), mark(evidence))
        elif lead := item_heading(sm.meeting.items[hit.position], LEAD_CHARS):
            found[index] = fmt("– {}", i(lead))
    return found


def _same_text(snippet: str, title: str | None) -> bool:
    """The snippet only repeats the title (the match was in the title): shown once."""
    bare = " ".join(snippet.replace("…", " ").split()).casefold()
    return bool(title) and bare in " ".join((title or "").split()).casefold()


def render_hits(
    query: str,
    hits: list[SearchHit],
    lang: str,
    start: int = 0,
    leads: dict[int, Html] | None = None,
) -> Html:
    """One page of hits (from `start`), headed by how many there are in all; `leads`: titles
    for untitled items by index in `hits` (`_leads`)."""
    shown = hits[start : start + HITS]
    total = f"{MAX_HITS}+" if len(hits) >= MAX_HITS else str(len(hits))
    header = t(
        "search_header_count",
        lang,
        query=truncate(query, 60),
        total=total,
        first=start + 1,
        last=start + len(shown),
    )
    leads = leads or {}
    lines = (
        _hit_lines(n, hit, lang, leads.get(n - 1, EMPTY)) for n, hit in enumerate(shown, start + 1)
    )
    return join("\n\n", [header, *lines])


def _hit_button(hit: SearchHit) -> ButtonData:
    """The item found, else (words in the meeting's minutes only) the meeting."""
    if hit.position >= 0:
        return ShowItem(hit.meeting_id, hit.position)
    return ShowMeeting(hit.meeting_id)


def hits_keyboard(hits: list[SearchHit], lang: str, start: int = 0) -> InlineKeyboardMarkup:
    shown = hits[start : start + HITS]
    buttons = [_hit_button(h).button(str(n)) for n, h in enumerate(shown, start + 1)]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    if start + HITS < len(hits):
        rows.append([MoreHits(start + HITS).button(plain("button_more", lang))])
    return InlineKeyboardMarkup(rows)


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
    hits = await search_all(context.services.db, query, limit=MAX_HITS, snippets=slice(0, HITS))
    if not hits:
        await reply(update, context, t("search_none", lang, query=truncate(query, 60)))
        return
    context.memory.search_query = query
    leads = await _leads(context, hits[:HITS], lang)
    await reply(
        update, context, render_hits(query, hits, lang, 0, leads), hits_keyboard(hits, lang)
    )


async def more_button(update: Update, context: Ctx) -> None:
    """`MoreHits`: the next page of the chat's last search, as a new message."""
    query, lang, more = await pressed(update, context, MoreHits)
    asked = context.memory.search_query
    if more is None or asked is None:
        await query.answer(plain("gone_toast", lang))
        return
    await query.answer()
    start = more.start
    hits = await search_all(
        context.services.db, asked, limit=MAX_HITS, snippets=slice(start, start + HITS)
    )
    if start >= len(hits):
        await reply(update, context, t("search_none", lang, query=truncate(asked, 60)))
        return
    page = dict(enumerate(hits[start : start + HITS], start))
    leads = {start + i: v for i, v in (await _leads(context, list(page.values()), lang)).items()}
    text = render_hits(asked, hits, lang, start, leads)
    await reply(update, context, text, hits_keyboard(hits, lang, start))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("sok").names, search_command))
    application.add_handler(CallbackQueryHandler(more_button, pattern=MoreHits.matches))
