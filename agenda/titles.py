"""Titles a member can scan: section headings that are groups, and titles taken from evidence.

Why: on many pages most entries lost their printed title (16 of 20 in a seed meeting), and an
agenda of cut sentences cannot be scanned. A title is never made up: it is taken only from the
item's own document (the subject line of a tjänsteskrivelse, or the document's name without
`Bilaga 2` and the extension) or from the same case's printed title elsewhere; the caller marks
it as taken from there. A heading such as `TILL FULLMÄKTIGE` or `Beslutsärenden` heads a group of
the items that follow; it is not an item to open. Pure, no I/O; the words are in
`agenda.patterns`.
"""

from __future__ import annotations

from agenda import patterns as P
from agenda.casenumbers import CASE_NUMBER_RE
from agenda.model import Item
from agenda.parse import ParseError, parse_item_document

MIN_TITLE_LETTERS = 6
MAX_TITLE_CHARS = 160
READ_CHARS = 4000  # the subject line is at the top of a document


def _flat(text: str | None) -> str:
    return " ".join((text or "").replace("\xa0", " ").split())


def is_section_heading(item: Item) -> bool:
    """A heading of the page's agenda (groups the items after it): a title alone, in capitals
    (`TILL FULLMÄKTIGE`) or a group word (`Beslutsärenden`), with nothing else to it."""
    title = _flat(item.title)
    if not title or item.text or item.minutes_text or item.proposal or item.attachments:
        return False
    letters = [c for c in title if c.isalpha()]
    words = len(title.split())
    capitals = bool(letters) and all(c.isupper() for c in letters)
    # `TILL FULLMÄKTIGE`, `BESLUTSÄRENDEN`; not an acronym such as `PET-CT` or `LOSUS`
    shouted = capitals and (2 <= words <= 5 or len(letters) >= 9)
    return shouted or bool(P.SECTION_HEADING_RE.match(title))


def heading_text(item: Item) -> str:
    """How a section heading reads: `TILL FULLMÄKTIGE` → `Till fullmäktige`."""
    title = _flat(item.title)
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return title[:1] + title[1:].lower()
    return title


def _usable(title: str) -> str | None:
    title = _flat(title).strip(" -–:;,.")
    letters = sum(c.isalpha() for c in title)
    if letters < MIN_TITLE_LETTERS or len(title) > MAX_TITLE_CHARS:
        return None
    if P.GENERIC_DOCUMENT_RE.match(title) or CASE_NUMBER_RE.fullmatch(title):
        return None
    return title


def title_from_name(name: str | None) -> str | None:
    """A document's name as a title: `Bilaga 2 Verksamhetsplan 2019.pdf` → `Verksamhetsplan
    2019`; None for a name that only says what kind of document it is (`Tjänsteskrivelse`)."""
    text = _flat((name or "").replace("_", " "))
    text = P.DOCUMENT_EXTENSION_RE.sub("", text).strip()
    for _ in range(2):  # `Bilaga 2 - Tjänsteskrivelse Verksamhetsplan`
        text = P.DOCUMENT_NAME_PREFIX_RE.sub("", text).strip()
    return _usable(text)


def title_from_document(text: str) -> str | None:
    """The subject line of a tjänsteskrivelse-like document, None when it has none."""
    try:
        found = parse_item_document(text[:READ_CHARS]).title
    except ParseError:
        return None
    return _usable(found) if found else None
