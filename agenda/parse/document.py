"""The pages of a document (a kallelse or protokoll PDF's text) → one agenda text → `Meeting`.

Why: a PDF repeats a running head and foot on every page (the body's name, `Kallelse
2024-06-19`, `Sida 3 av 12`, a bare page number). Read as lines of the agenda they would be
items (`3`) or text between items. A line is running when it stands among the first or last
lines of its page and comes back, digits aside, on most pages (its first appearance too: a
head set in the margin would be read as the first line of the agenda); a page number is
dropped there even on a one-page document. The indent all lines share (the page margin) goes.
Agenda lines that come back at page edges by
chance (`Bilagor`, a list marker, a numbered title) are never running. Pure, linear in the
text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from agenda import patterns as P
from agenda.model import Meeting
from agenda.parse.errors import MAX_ENTRIES
from agenda.parse.page import parse_page

#: How many lines at the top and the bottom of a page can be its running head or foot.
_EDGE = 2
_DIGITS_RE = re.compile(r"\d+")
#: `3`, `- 3 -`, `3 (12)`, `3/12`, `Sida 3 av 12`, `sid. 3`, `Page 3 of 12`.
PAGE_NUMBER_RE = re.compile(
    r"^[-–(]?\s*(?:(?:sida|sid\.?|s\.|page)\s*)?\d{1,4}\s*(?:(?:av|of|/|\()\s*\d{1,4}\s*\)?)?"
    r"\s*[-–)]?$",
    re.IGNORECASE,
)


def _shape(line: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(line.split()).casefold())


def _content(line: str) -> bool:
    """Lines of the agenda itself, whatever page edge they fall on."""
    return bool(
        P.BILAGOR_RE.match(line)
        or P.TOP_MARKER_RE.match(line)
        or P.NUMBERED_TITLE_RE.match(line)
        or P.PARAGRAPH_TITLE_RE.match(line)
    )


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the page's first and last `_EDGE` non-empty lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def strip_running_lines(pages: Sequence[str]) -> str:
    """The pages' text without running heads, feet and page numbers, pages joined by lines."""
    split = [page.split("\n") for page in pages]
    edges = [_edges(lines) for lines in split]
    seen: Counter[str] = Counter()
    for lines, found in zip(split, edges, strict=True):
        seen.update({_shape(lines[i]) for i in found})
    needed = max(2, (len(split) + 1) // 2)
    running = {shape for shape, count in seen.items() if count >= needed}
    out: list[str] = []
    for lines, found in zip(split, edges, strict=True):
        drop: set[int] = set()
        for i in found:
            line = lines[i].strip()
            if PAGE_NUMBER_RE.match(line) or (_shape(line) in running and not _content(line)):
                drop.add(i)
        out.extend(line for i, line in enumerate(lines) if i not in drop)
    return "\n".join(_dedent(out))


def _dedent(lines: list[str]) -> list[str]:
    """Without the indent every line shares (a PDF's left margin, the same on every page)."""
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return [line[margin:] for line in lines] if margin else lines


def parse_document(
    pages: Sequence[str], url: str | None = None, *, max_entries: int | None = MAX_ENTRIES
) -> Meeting:
    """A document's page texts (a PDF's, one string per page) read as one agenda.

    A single string with form feeds between its pages is split there. Raises `ParseError`
    (one human line) when the text is not an agenda.
    """
    if len(pages) == 1 and "\f" in pages[0]:
        pages = pages[0].split("\f")
    return parse_page(strip_running_lines(pages), url, max_entries=max_entries)
