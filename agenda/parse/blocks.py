"""The common intermediate of both input paths: a flat list of blocks, and text → blocks.

Why: the text renderings and the HTML markups differ in every detail but show the same visible
structure: where a top-level entry starts, an item header (`2`, `§ 54`), text lines, `Bilagor`,
and (in HTML) which tab an entry sits in. Reducing both inputs to these blocks lets one entry
parser serve every rendering. This module also turns a text rendering into blocks; the HTML
path lives in `html.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from agenda import patterns as P
from agenda.model import Attachment

Kind = Literal["entry", "header", "line", "bilagor", "separator", "sequence", "notice"]

_MIN_MARKERS = 3
#: Without list markers, a line at indent 0-1 is at the left margin.
_UNMARKED_TOP = 2
#: Between a table's columns: a tab or three spaces (a title's words have one between them).
_COLUMN_GAP_RE = re.compile(r"\t\s*| {3,}")


@dataclass(frozen=True, slots=True)
class Block:
    """One visible unit of a page.

    entry: a top-level entry starts (`ordinal`: the number its ordered-list marker shows);
    header: item number (`paragraph` for `§`) and maybe title, or a lettered sub-item's
    `label` (`9 a`, number None); line: one text line; bilagor: closes an item, with its
    attachments; separator: an explicit boundary between entries; sequence: `text` is "agenda"
    or "minutes" (an HTML tab); notice: `text` is "no_agenda", "no_minutes" or "cancelled".
    `loose` marks an HTML line outside the page's item lists (header or chrome, never an item).
    """

    kind: Kind
    text: str = ""
    number: int | None = None
    paragraph: bool = False
    attachments: tuple[Attachment, ...] = ()
    loose: bool = False
    ordinal: int | None = None
    label: str | None = None
    #: the list marker that opened an entry as printed (`•`, `-`, `3.`)
    marker: str | None = None
    #: how far a text rendering indents the line or the entry's marker (a nested list is
    #: deeper than the list of items)
    indent: int = 0


def is_chrome(line: str) -> bool:
    """A line of page chrome (skip links, cookie banners, `Loading…`): never content."""
    return bool(P.CHROME_LINE_RE.match(line) or P.LOADING_LINE_RE.match(line))


def clean(line: str) -> str:
    """Collapse every kind of space (NBSPs included) and strip."""
    if "\u200b" in line:
        line = line.replace("\u200b", "")
    return " ".join(line.split())


def header_block(content: str) -> Block | None:
    """A header block when `content` is only an item number (`2`, `§ 54`, `9 a`)."""
    match = P.HEADER_ONLY_RE.match(content)
    if not match:
        return None
    return numbered_header(int(match["num"]), match["letter"], bool(match["para"]))


def numbered_header(number: int, letter: str | None, paragraph: bool, title: str = "") -> Block:
    """The header block of `number` (a lettered sub-item when `letter`: no number, a label)."""
    if letter:
        prefix = "§ " if paragraph else ""
        return Block("header", title, label=f"{prefix}{number} {letter}")
    return Block("header", title, number=number, paragraph=paragraph)


def notice_block(content: str) -> Block | None:
    """Chrome-like notices that still tell us something about the meeting."""
    if P.NO_AGENDA_RE.match(content):
        return Block("notice", "no_agenda")
    if P.NO_MINUTES_RE.match(content):
        return Block("notice", "no_minutes")
    if P.CANCELLED_LINE_RE.match(content):
        return Block("notice", "cancelled")
    return None


def content_blocks(content: str) -> list[Block]:
    """A text line as blocks, splitting off a `Bilagor` glued to its end."""
    if not content.endswith(P.BILAGOR_ENDINGS):
        return [Block("line", content)]
    if P.BILAGOR_RE.match(content):
        return [Block("bilagor")]
    glued = P.BILAGOR_GLUED_RE.match(content)
    if glued and glued["before"].strip():
        return [Block("line", clean(glued["before"])), Block("bilagor")]
    return [Block("line", content)]


def table_row(raw: str) -> list[str]:
    """A numbered row of a table set in text (`5   Information från …       Föredragande`) as
    its number and title, then the cells after the title's column on a line of its own,
    indented where they stand: a wide gap (a tab, three spaces) ends a title, as a column does."""
    if "  " not in raw and "\t" not in raw:
        return [raw]  # cheap: most lines have no wide gap
    match = P.NUMBERED_TITLE_RE.match(raw.lstrip(" "))
    if match is None:
        return [raw]
    start = len(raw) - len(raw.lstrip(" ")) + match.start("title")
    gap = _COLUMN_GAP_RE.search(raw, start)
    if gap is None or not raw[gap.end() :].strip():
        return [raw]
    return [raw[: gap.start()], " " * len(raw[: gap.end()].expandtabs(4)) + raw[gap.end() :]]


def _indent(raw: str) -> int:
    expanded = raw.replace("\u00a0", " ").replace("\t", "    ")
    return len(expanded) - len(expanded.lstrip(" "))


def _top_limit(lines: list[tuple[str, int, str]]) -> int:
    """Indent below which a list marker opens a top-level entry.

    Renderings indent differently (` • ` with text at 2, `  1.` with text at 4, right-aligned
    ordinals `9.`/`10.`), but every one indents an entry's text lines deeper than its marker,
    and a nested list at least as deep as that text. So: the commonest indent of the text lines
    deeper than the shallowest marker (markers with no text below them count only at the left
    margin: an indented list in a rendering without markers is a sub-list).
    """
    marked = [ind for raw, ind, _ in lines if P.TOP_MARKER_RE.match(raw)]
    if not marked:
        return _UNMARKED_TOP
    shallowest = min(marked)
    text = Counter(
        ind for raw, ind, _ in lines if ind > shallowest and not P.TOP_MARKER_RE.match(raw)
    )
    if text:
        return text.most_common(1)[0][0]
    return shallowest + 1 if shallowest < _UNMARKED_TOP else _UNMARKED_TOP


def _uses_markers(top_lines: list[str]) -> bool:
    """Whether list markers open the entries: one marked header, or several marked lines.

    A single `- text` line at the left margin of a rendering without bullets is a dash list,
    not the page's entry markers.
    """
    found = [m for raw in top_lines if (m := P.TOP_MARKER_RE.match(raw))]
    return len(found) >= _MIN_MARKERS or any(
        P.HEADER_ONLY_RE.match(clean(m["rest"])) for m in found
    )


@dataclass(slots=True)
class _TextState:
    """Where the text walker stands: needed only by renderings without list markers."""

    markers: bool
    indented: bool
    top: int = _UNMARKED_TOP
    after_title: bool = False
    awaiting_title: bool = False


def text_to_blocks(text: str) -> list[Block]:
    """Turn a text rendering (bullets, ordered lists, dashes or no markers) into blocks."""
    raw_lines = [cell for line in text.split("\n") for cell in table_row(line.rstrip())]
    lines = [(raw, _indent(raw), clean(raw)) for raw in raw_lines]
    lines = [(raw, ind, c) for raw, ind, c in lines if c and not is_chrome(c)]
    top = _top_limit(lines)
    markers = _uses_markers([raw for raw, ind, _ in lines if ind < top])
    if not markers:
        top = _UNMARKED_TOP
    indented = any(ind >= top for _, ind, _ in lines) and any(ind == 0 for _, ind, _ in lines)
    state = _TextState(markers=markers, indented=indented, top=top)
    blocks: list[Block] = []
    for raw, ind, content in lines:
        made = _line_blocks(raw, ind, content, state)
        blocks.extend(replace(b, indent=ind) if b.kind in {"line", "entry"} else b for b in made)
    return blocks


def _line_blocks(raw: str, ind: int, content: str, state: _TextState) -> list[Block]:
    notice = notice_block(content)
    if notice:
        return [notice]
    top_level = ind < state.top
    if top_level and P.SEPARATOR_RE.match(content):
        state.awaiting_title = False
        return [Block("separator")]
    marker = P.TOP_MARKER_RE.match(raw) if top_level and state.markers else None
    if marker:
        rest = clean(marker["rest"])
        ordinal = int(marker["ordinal"]) if marker["ordinal"] else None
        printed = raw[: len(raw) - len(marker["rest"])].strip()
        entry = Block("entry", ordinal=ordinal, marker=printed)
        header = header_block(rest)
        if header:
            return [entry, header]
        return [entry, *content_blocks(rest)] if rest else [entry]
    if state.markers:
        return content_blocks(content)
    return _unmarked_blocks(ind, content, state)


def _unmarked_blocks(ind: int, content: str, state: _TextState) -> list[Block]:
    """Renderings without list markers: headers by shape, entries by indent or after titles."""
    header = header_block(content) if ind < _UNMARKED_TOP else None
    if header:
        state.awaiting_title, state.after_title = True, False
        return [Block("entry"), header]
    blocks = content_blocks(content)
    if state.awaiting_title:
        state.awaiting_title, state.after_title = False, True
        return blocks
    starts = (state.indented and ind == 0) or (not state.indented and state.after_title)
    state.after_title = False
    return [Block("entry"), *blocks] if starts and blocks[0].kind == "line" else blocks
