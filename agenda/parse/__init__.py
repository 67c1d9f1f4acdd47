"""Meetings Plus meeting pages (HTML or text renderings) → `Meeting`; item documents too.

Why: everything the bot says stands on reading an agenda right. The pipeline is
decode → blocks (one intermediate for text and HTML) → header → entries → agenda/minutes
sequences → items, each step in its own module; this module only wires them and decides what
is not a Meetings Plus page at all.
"""

from __future__ import annotations

from agenda import patterns as P
from agenda.model import Body, Meeting
from agenda.parse.align import align
from agenda.parse.blocks import Block, text_to_blocks
from agenda.parse.decode import to_text
from agenda.parse.entries import blocks_to_entries
from agenda.parse.errors import MAX_ENTRIES, MAX_PAGE_BYTES, ParseError
from agenda.parse.header import (
    Header,
    body_slug_and_date_from_url,
    cancelled_from_url,
    extract_header,
    portal_of,
)
from agenda.parse.html import PageFacts, html_to_blocks
from agenda.parse.itemdoc import parse_item_document
from agenda.parse.items import pair_to_item
from agenda.parse.sequences import split_sequences

__all__ = [
    "MAX_ENTRIES",
    "MAX_PAGE_BYTES",
    "ParseError",
    "body_slug_and_date_from_url",
    "is_html",
    "parse_item_document",
    "parse_page",
]

NOT_MEETINGS_PLUS = "not a Meetings Plus meeting page"


def is_html(text: str) -> bool:
    return bool(P.HTML_SNIFF_RE.search(text[:4096]))


def parse_page(
    content: bytes | str, url: str | None = None, *, max_entries: int | None = MAX_ENTRIES
) -> Meeting:
    """Parse a meeting page; raise ParseError for anything that is not a readable one.

    `max_entries` (None: no limit, for benchmarks of the pipeline itself) refuses a page with
    more entries than any real agenda before the steps that work per entry.
    """
    text = to_text(content)
    if is_html(text):
        blocks, facts = html_to_blocks(text, url)
    else:
        blocks, facts = (
            text_to_blocks(text),
            PageFacts(marked=bool(P.MEETINGS_PLUS_MARKER_RE.search(text))),
        )
    header, blocks = extract_header(blocks)
    entries = blocks_to_entries(blocks)
    if max_entries is not None and len(entries) > max_entries:
        raise ParseError(
            f"the page has {len(entries)} entries, more than any agenda ({max_entries} at most)"
        )
    agenda, minutes = split_sequences(entries)
    items = [pair_to_item(pair) for pair in align(agenda, minutes)]
    meeting_page = bool(url and P.MEETING_PATH_RE.search(url))
    if not (facts.marked or header.date or meeting_page or any(e.has_header for e in entries)):
        raise ParseError(NOT_MEETINGS_PLUS)
    meeting = _meeting(header, url, facts, blocks)
    meeting.items = items
    meeting.skipped_links = facts.skipped_links
    if not items:
        meeting.warnings.append(_empty_warning(blocks))
    return meeting


def _meeting(header: Header, url: str | None, facts: PageFacts, blocks: list[Block]) -> Meeting:
    slug, url_date = body_slug_and_date_from_url(url) if url else (None, None)
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
