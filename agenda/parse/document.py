"""The pages of a document (a kallelse or protokoll PDF's text) → one agenda text → `Meeting`.

Why: a PDF repeats a running head and foot on every page (the body's name, `Kallelse
2024-06-19`, `Sida 3 av 12`, a bare page number). Read as lines of the agenda they would be
items (`3`) or text between items. A line is running when it stands among the first or last
lines of its page and comes back at the same edge, digits aside, on most pages (its first
appearance too: a head set in the margin would be read as the first line of the agenda); a
page number is dropped there even on a one-page document. A running line is short, no
sentence, and never stands away from the edges; agenda lines that meet page edges by chance
(`Beslutsunderlag` under several items, `Bilagor`, a list marker, a numbered title, a
sentence of an item's text) never are. The indent all lines share (the page margin)
goes. Pure, linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from agenda import patterns as P
from agenda.model import Meeting
from agenda.parse.errors import MAX_ENTRIES
from agenda.parse.page import parse_page
from agenda.parse.runon import PAGE_BREAK

#: How many lines at the top and the bottom of a page can be its running head or foot.
_EDGE = 2
#: A running head or foot is short (`Kommunstyrelsen · Kallelse 2024-06-19 · Sida 3 av 12`)
#: and no sentence (a sentence of the agenda may end two pages by chance).
_RUNNING_WORDS = 16
_HEAD_WORDS = 4
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


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the lines that can be the page's head and its foot: at most `_EDGE`
    non-empty lines before the page's first empty line (a layout's space between its head and
    its body) and after its last; without empty lines, the first and last `_EDGE`."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    blank = [i for i, line in enumerate(lines) if not line.strip() and filled and filled[0] < i]
    blank = [i for i in blank if i < filled[-1]]
    if not blank:
        return filled[:_EDGE], [i for i in filled[-_EDGE:] if i not in filled[:_EDGE]]
    head = [i for i in filled if i < blank[0]]
    foot = [i for i in filled if i > blank[-1]]
    return (head if len(head) <= _EDGE else []), (foot if len(foot) <= _EDGE else [])


def _may_run(line: str) -> bool:
    """Whether a line can be a running head or foot: short, not a sentence, not agenda."""
    words = line.split()
    sentence = line.endswith((".", ":", "!", "?")) and len(words) > _HEAD_WORDS
    return 0 < len(words) <= _RUNNING_WORDS and not sentence and not _content(line)


def strip_running_lines(pages: Sequence[str]) -> str:
    """The pages' text without running heads, feet and page numbers, a form feed line
    between pages."""
    split = [page.split("\n") for page in pages]
    edges = [_edges(lines) for lines in split]
    seen: Counter[tuple[int, str]] = Counter()
    inside: set[str] = set()  # shapes of lines away from the edges: content, never running
    for lines, sides in zip(split, edges, strict=True):
        for side, found in enumerate(sides):
            seen.update({(side, _shape(lines[i])) for i in found if _may_run(lines[i].strip())})
        at_edge = {i for found in sides for i in found}
        inside.update(_shape(line) for i, line in enumerate(lines) if i not in at_edge)
    needed = max(2, (len(split) + 1) // 2)
    running = {key for key, n in seen.items() if n >= needed and key[1] not in inside}
    out: list[str] = []
    for lines, sides in zip(split, edges, strict=True):
        if out:
            out.append(PAGE_BREAK)  # a paragraph may run on across it (`runon.py`)
        drop: set[int] = set()
        for side, found in enumerate(sides):
            for i in found:
                line = lines[i].strip()
                if PAGE_NUMBER_RE.match(line) or (side, _shape(line)) in running:
                    drop.add(i)
        out.extend(line for i, line in enumerate(lines) if i not in drop)
    return "\n".join(_dedent(out))


def _dedent(lines: list[str]) -> list[str]:
    """Without the indent every line shares (a PDF's left margin, the same on every page)."""
    margin = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return [line if line == PAGE_BREAK else line[margin:] for line in lines] if margin else lines


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
