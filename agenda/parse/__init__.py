"""Agenda pages and documents (text, HTML, a PDF's page texts) → `Meeting`; item documents too.

Why: everything the bot says stands on reading an agenda right. The pipeline is
decode → blocks (one intermediate for text and HTML) → numbered items → header → entries →
agenda/minutes sequences → items, each step in its own module; `page.py` wires them and
decides what is not an agenda at all, `document.py` reads a document's pages (running heads
and page numbers dropped) the same way.
"""

from __future__ import annotations

from agenda.parse.document import parse_document
from agenda.parse.errors import MAX_ENTRIES, MAX_PAGE_BYTES, ParseError
from agenda.parse.header import body_slug_and_date_from_url
from agenda.parse.itemdoc import parse_item_document
from agenda.parse.page import is_html, parse_page

__all__ = [
    "MAX_ENTRIES",
    "MAX_PAGE_BYTES",
    "ParseError",
    "body_slug_and_date_from_url",
    "is_html",
    "parse_document",
    "parse_item_document",
    "parse_page",
]
