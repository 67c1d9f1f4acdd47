"""HTML → blocks, for any plausible Meetings Plus markup (lists, articles, headings, tables).

Why: nobody has seen the portal's real item markup, so this does not select one structure. It
walks the DOM the way a text renderer would (block elements → lines, nested list items →
`• ` lines, tables → one line per row) and only marks what the entry parser needs: where a
top-level entry starts (`li` of the agenda list, `article`, `.agenda-item`), item numbers
(`.item-number`, or a heading `2. Title` / `§ 17 Title`), `Bilagor` with its links, and the
Kallelse/Protokoll tab an entry sits in. All selectors are in `agenda.patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass

from agenda.parse.blocks import Block


@dataclass(slots=True)
class PageFacts:
    """What the page says outside its entries."""

    marked: bool = False
    minutes_url: str | None = None


def html_to_blocks(text: str, url: str | None) -> tuple[list[Block], PageFacts]:
    from agenda.parse.errors import ParseError

    raise ParseError("HTML pages are not supported yet")
