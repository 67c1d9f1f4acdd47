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
        return self.number is not None or self.paragraph is not None

    def is_empty(self) -> bool:
        return not (self.has_header or self.title or self.lines or self.attachments)


@dataclass(slots=True)
class _Walker:
    entries: list[Entry] = field(default_factory=list)
    current: Entry | None = None
    sequence: Sequence = None

    def start(self) -> Entry:
        if self.current is not None and self.current.is_empty():
            self.current.sequence = self.sequence
            return self.current
        self.current = Entry(sequence=self.sequence)
        self.entries.append(self.current)
        return self.current

    def open_entry(self) -> Entry:
        """The entry new content belongs to: a closed entry or none at all starts a new one."""
        if self.current is None or self.current.closed:
            return self.start()
        return self.current


def blocks_to_entries(blocks: list[Block]) -> list[Entry]:
    """Group blocks into entries in page order (empty entries dropped)."""
    walker = _Walker()
    for block in blocks:
        _apply(walker, block)
    return [e for e in walker.entries if not e.is_empty()]


def _apply(walker: _Walker, block: Block) -> None:
    if block.kind == "sequence":
        walker.sequence = "minutes" if block.text == "minutes" else "agenda"
        walker.current = None
    elif block.kind == "entry":
        walker.start()
    elif block.kind == "separator":
        if walker.current is not None:
            walker.current.closed = True
    elif block.kind == "header":
        _header(walker, block)
    elif block.kind == "line":
        if not block.loose:
            _line(walker.open_entry(), block.text)
    elif block.kind == "bilagor":
        entry = walker.open_entry() if walker.current is None else walker.current
        entry.attachments.extend(block.attachments)
        entry.closed = True


def _header(walker: _Walker, block: Block) -> None:
    entry = walker.current
    if entry is None or entry.has_header or entry.lines or entry.closed:
        entry = walker.start()
    if block.paragraph:
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
