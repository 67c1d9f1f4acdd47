"""Whether a page's unlabelled numbers are §§: a protokoll numbers its decisions by §.

Why: a protokoll's § sign is often lost on the way to a page (a document site's transcript, a
table of contents: `Ärenden 60 Fastställande av dagordning 61 …`, `26 Dnr KS 2018/14
Information... 3`), and a member asking for § 61 must still find it. Two things on the page
tell a reader that such numbers are §§, never one host: the cover's range (`Paragrafer 26 --
38`, `§§ 45-48`) holding them, or the marks only a protokoll prints (`ANSLAG/BEVIS`,
`Justerandes signatur`, `SAMMANTRÄDESPROTOKOLL`) with numbers that do not start at 1 (a
kallelse numbers its items 1, 2, 3; a body's §§ run on through its year). A kallelse that
mentions its protokoll (`Justering av protokollet`, `Protokollet framlagt …`) shows neither.
"""

from __future__ import annotations

from agenda import patterns as P
from agenda.parse.blocks import Block

#: A printed § range wider than this is no cover's (a year, a law's §§).
_MAX_RANGE = 400


def paragraph_range(blocks: list[Block]) -> tuple[int, int] | None:
    """The §§ the page's cover says it holds (`Paragrafer 26 -- 38`), if it says so."""
    for block in blocks:
        if block.kind != "line" or ("aragraf" not in block.text and "§§" not in block.text):
            continue
        if match := P.PARAGRAPH_RANGE_RE.search(block.text):
            first, last = int(match["first"]), int(match["last"])
            if 0 < first <= last <= first + _MAX_RANGE:
                return first, last
    return None


def is_minutes(blocks: list[Block]) -> bool:
    """Whether the page prints what only a protokoll prints."""
    return any(b.kind == "line" and P.MINUTES_MARK_RE.search(b.text) for b in blocks)


class MinutesFacts:
    """What the page says about its §§, read once per page (each question scans it once)."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._span = paragraph_range(blocks)
        self._minutes: bool | None = None

    def numbers_are_paragraphs(self, numbers: list[int]) -> bool:
        """Whether the unlabelled numbers `numbers` (one run, in page order) are §§ here."""
        if not numbers:
            return False
        span = self._span
        if span is not None and all(span[0] <= n <= span[1] for n in numbers):
            return True
        if min(numbers) <= 1:
            return False
        if self._minutes is None:
            self._minutes = is_minutes(self._blocks)
        return self._minutes
