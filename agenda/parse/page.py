"""One reader for any agenda page: text or HTML → blocks → numbered entries → `Meeting`.

Why: a kallelse, föredragningslista, ärendelista or protokoll looks the same to a reader
wherever it is published: a header (body, date, time, place), then numbered items with their
titles and texts, perhaps §§ of the minutes. So every input goes one way: decode, blocks (text
and HTML alike), the numbered lines that are the items (`numbering.py`), the header, entries,
agenda and minutes sequences, items. Two kinds of page differ in what an entry is, and the
reader tells them apart by what the page shows, never by its host:

- a Meetings Plus page (the portal's chrome, its meeting URL or markup): every top-level entry
  is an item, numbered or not (its rendering loses headers; an ordinal is never the number);
- any other page: the items are its numbered entries, and the text before the first one is
  its preamble (where the header is read), never an item.

A page that is not an agenda (a news list, an index of meetings, site chrome, a page still
"Loading…") is refused with one human line: nothing is invented from page furniture.
"""

from __future__ import annotations

from datetime import date

from agenda import patterns as P
from agenda.model import Body, Meeting
from agenda.parse.align import align
from agenda.parse.blocks import Block, text_to_blocks
from agenda.parse.decode import to_text
from agenda.parse.entries import Entry, blocks_to_entries
from agenda.parse.errors import MAX_ENTRIES, ParseError
from agenda.parse.header import (
    Header,
    body_slug_and_date_from_url,
    cancelled_from_url,
    extract_header,
    portal_of,
)
from agenda.parse.html import PageFacts, html_to_blocks
from agenda.parse.items import pair_to_item
from agenda.parse.minutes import is_minutes
from agenda.parse.numbering import number_blocks
from agenda.parse.preamble import parse_date, read_preamble
from agenda.parse.runon import split_run_on
from agenda.parse.sequences import split_sequences

NOT_AN_AGENDA = "not an agenda: the page shows no numbered items"
NOT_A_MEETING = "not an agenda: its numbered lines are about no meeting"
NO_MEETING_NAMED = "not an agenda: it names no meeting (no date, no kallelse or protokoll)"
#: An agenda outside Meetings Plus shows at least this many numbered items (or §§); one is
#: enough on a page that announces its meeting (a date in a label or the meeting's title).
MIN_ITEMS = 2


def is_html(text: str) -> bool:
    return bool(P.HTML_SNIFF_RE.search(text[:4096]))


def parse_page(
    content: bytes | str, url: str | None = None, *, max_entries: int | None = MAX_ENTRIES
) -> Meeting:
    """Parse an agenda page; raise ParseError for anything that is not a readable one.

    `max_entries` (None: no limit, for benchmarks of the pipeline itself) refuses a page with
    more entries than any real agenda before the steps that work per entry.
    """
    text = to_text(content)
    meeting_url = bool(url and P.MEETING_PATH_RE.search(url))
    if is_html(text):
        blocks, facts = html_to_blocks(text, url)
    else:
        facts = PageFacts(marked=bool(P.MEETINGS_PLUS_MARKER_RE.search(text)))
        if not (facts.marked or meeting_url):
            text = split_run_on(text)
        blocks = text_to_blocks(text)
    portal = facts.marked or meeting_url
    numbered = number_blocks(blocks, general=not portal)
    if portal:
        header, blocks = extract_header(numbered)
    else:
        header = read_preamble(numbered, text)
        if header.announced and not any(b.kind == "header" for b in numbered):
            numbered = number_blocks(blocks, general=True, lone=True)  # a page cut after item 1
        blocks = numbered
    entries = blocks_to_entries(blocks, headed=not portal)
    if max_entries is not None and len(entries) > max_entries:
        raise ParseError(
            f"the page has {len(entries)} entries, more than any agenda ({max_entries} at most)"
        )
    _refuse_furniture(entries, header, blocks, portal=portal, url=url, text=text)
    agenda, minutes = split_sequences(entries)
    items = [pair_to_item(pair) for pair in align(agenda, minutes)]
    meeting = _meeting(header, url, facts, blocks)
    meeting.items = items
    meeting.skipped_links = facts.skipped_links
    if not items:
        meeting.warnings.append(_empty_warning(blocks))
    return meeting


def _refuse_furniture(
    entries: list[Entry],
    header: Header,
    blocks: list[Block],
    *,
    portal: bool,
    url: str | None,
    text: str,
) -> None:
    """Raise when the page is not an agenda (see the module docstring)."""
    if not portal:
        if sum(1 for e in entries if e.has_header) < (1 if header.announced else MIN_ITEMS):
            raise ParseError(NOT_AN_AGENDA)
        if not _about_a_meeting(entries, blocks):
            raise ParseError(NOT_A_MEETING)
        named = header.date or _url_date(url) or _announced(blocks) or is_minutes(blocks)
        if not named and parse_date(text) is None:  # how a meeting goes: no meeting, no agenda
            raise ParseError(NO_MEETING_NAMED)
        return
    says_something = any(b.kind == "notice" for b in blocks) or header.date is not None
    if not (entries or says_something):
        raise ParseError("not an agenda: the page shows neither items nor a meeting")


def _about_a_meeting(entries: list[Entry], blocks: list[Block]) -> bool:
    """Whether the page speaks of a meeting: §§, or meeting words before or in its items."""
    if any(e.paragraph is not None for e in entries):
        return True
    first = next((i for i, b in enumerate(blocks) if b.kind == "header"), len(blocks))
    preamble = " ".join(b.text for b in blocks[:first] if b.kind == "line")
    titles = " ".join(e.title or "" for e in entries)
    return bool(P.MEETING_WORDS_RE.search(preamble) or P.MEETING_WORDS_RE.search(titles))


def _announced(blocks: list[Block]) -> bool:
    """Whether a line before the items names the meeting or its document (`Kallelse …`,
    `Sammanträde …`, `Föredragningslista …`, `… protokoll`)."""
    for block in blocks:
        if block.kind in {"header", "entry"}:
            return False
        if block.kind == "line" and P.MEETING_TITLE_RE.match(block.text):
            return True
    return False


def _url_date(url: str | None) -> date | None:
    """The meeting's date in a page's URL (`…?date=2024-06-19`, `…?eid=20130313`)."""
    if not url:
        return None
    if found := P.URL_DATE_RE.search(url):
        return parse_date(found["date"])
    if compact := P.URL_COMPACT_DATE_RE.search(url):
        try:
            return date(int(compact["y"]), int(compact["m"]), int(compact["d"]))
        except ValueError:
            return None
    return None


def _meeting(header: Header, url: str | None, facts: PageFacts, blocks: list[Block]) -> Meeting:
    slug, url_date = body_slug_and_date_from_url(url) if url else (None, None)
    if url_date is None:
        url_date = _url_date(url)  # `…/protokoll?date=2024-06-19`
    notices = {b.text for b in blocks if b.kind == "notice"}
    name = header.body_name
    return Meeting(
        body=Body(
            slug=slug or _slugify(name) or "", name=name, portal=portal_of(url) if url else None
        ),
        url=url,
        date=header.date or url_date,
        start=header.start,
        end=header.end,
        place=header.place,
        cancelled=("cancelled" in notices) or bool(url and cancelled_from_url(url)),
        minutes_url=facts.minutes_url,
    )


def _empty_warning(blocks: list[Block]) -> str:
    if any(b.kind == "notice" and b.text == "no_agenda" for b in blocks):
        return "no agenda has been published (Ingen agenda har publicerats)"
    return "the page has no agenda items"


def _slugify(name: str | None) -> str | None:
    if not name:
        return None
    table = str.maketrans("åäöéü", "aaoeu")
    words = "".join(c if c.isalnum() else " " for c in name.lower().translate(table)).split()
    return "-".join(words) or None
