"""Blocks → entries: one entry per visible agenda/minutes block, never glued to its neighbour.

Why: the renderings lose headers, so an entry is whatever the page shows as one top-level
block: a numbered header with its title (`2` / `Val av justerare`), a `§ 54` header, or text
whose header was lost. The portal's pages show that an unnumbered bullet is an entry of its own,
and `Bilagor` closes an item, so content after it starts the next entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from agenda import patterns as P
from agenda.model import Attachment
from agenda.parse.blocks import Block

Sequence = Literal["agenda", "minutes"] | None


@dataclass(slots=True)
class Entry:
    """One top-level block of the page, before agenda/minutes are told apart."""

    number: int | None = None
    paragraph: int | None = None
    #: a lettered sub-item's printed number (`9 a`): it has no whole number of its own
    label: str | None = None
    title: str | None = None
    lines: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    closed: bool = False
    sequence: Sequence = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def has_header(self) -> bool:
        return self.number is not None or self.paragraph is not None or self.label is not None

    def is_empty(self) -> bool:
        return not (self.has_header or self.title or self.lines or self.attachments)


@dataclass(slots=True)
class _Walker:
    entries: list[Entry] = field(default_factory=list)
    current: Entry | None = None
    sequence: Sequence = None
    #: Only headers open entries (an agenda outside Meetings Plus): text before the first one
    #: is the page's preamble, and `Bilagor` or a separator does not end an item.
    headed: bool = False

    def start(self) -> Entry:
        if self.current is not None and self.current.is_empty():
            # reused: a separator or an empty marker before it closed nothing
            self.current.sequence, self.current.closed = self.sequence, False
            return self.current
        self.current = Entry(sequence=self.sequence)
        self.entries.append(self.current)
        return self.current

    def open_entry(self) -> Entry:
        """The entry new content belongs to: a closed entry or none at all starts a new one."""
        if self.current is None or self.current.closed:
            return self.start()
        return self.current


def blocks_to_entries(blocks: list[Block], *, headed: bool = False) -> list[Entry]:
    """Group blocks into entries in page order (empty entries dropped; with `headed`, only
    entries that show a header)."""
    walker = _Walker(headed=headed)
    for block in blocks:
        _apply(walker, block)
    if headed:
        return [e for e in walker.entries if e.has_header]
    return [e for e in walker.entries if not e.is_empty()]


def _apply(walker: _Walker, block: Block) -> None:
    if block.kind == "sequence":
        walker.sequence = "minutes" if block.text == "minutes" else "agenda"
        walker.current = None
    elif block.kind == "entry":
        walker.start()
    elif block.kind == "separator":
        if walker.current is not None and not walker.headed:
            walker.current.closed = True
    elif block.kind == "header":
        _header(walker, block)
    elif block.kind == "line":
        if not block.loose:
            _line(walker.open_entry(), block.text)
    elif block.kind == "bilagor":
        entry = walker.open_entry() if walker.current is None else walker.current
        entry.attachments.extend(block.attachments)
        entry.closed = not walker.headed


def _header(walker: _Walker, block: Block) -> None:
    entry = walker.current
    if entry is None or entry.has_header or entry.lines or entry.closed:
        entry = walker.start()
    if block.label is not None:
        entry.label = block.label
    elif block.paragraph:
        entry.paragraph = block.number
    else:
        entry.number = block.number
    if block.text:
        entry.title = block.text


def _line(entry: Entry, text: str) -> None:
    takes_title = entry.has_header and entry.title is None and not entry.lines
    if takes_title and len(text) <= P.TITLE_MAX_CHARS:
        entry.title = text
    else:
        entry.lines.append(text)


def absorb_orphans(agenda: list[Entry]) -> list[Entry]:
    """Entries between item n and item n+1 belong to item n: the numbering leaves them no other.

    The portal often shows an item's description, proposal or `Bilagor` as the entry after
    its title. An unnumbered entry is an item whose header was lost only where a number is
    free for it; between consecutive numbers none is, so its text and attachments go to the
    item above (in page order, after what that item already has).
    """
    result: list[Entry] = []
    owner: Entry | None = None
    pending: list[Entry] = []
    for entry in agenda:
        if entry.number is not None:
            if owner is not None and owner.number is not None and entry.number == owner.number + 1:
                for orphan in pending:
                    _merge(owner, orphan)
            else:
                result.extend(pending)
            pending = []
            owner = entry
            result.append(entry)
        elif owner is not None and entry.paragraph is None and entry.label is None:
            pending.append(entry)
        else:
            result.extend(pending)
            pending, owner = [], None
            result.append(entry)
    result.extend(pending)
    return result


def _merge(owner: Entry, orphan: Entry) -> None:
    if orphan.title is not None:
        owner.lines.append(orphan.title)
    owner.lines.extend(orphan.lines)
    owner.attachments.extend(orphan.attachments)
