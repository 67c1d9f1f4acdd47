"""An item's own document (tjänsteskrivelse, seed 003): date, case number, title, description,
proposed decision.

Why: the meeting page often shows only a line per item; the document says what is proposed.
Case numbers follow the one grammar of `agenda.casenumbers` (every shape, not only
`HSN/203/2019`). The layout is a letterhead (date, department, contact, case number),
the title, headed sections (`Ärendebeskrivning`, `Regiondirektörens förslag`) and a signature
(`I tjänsten`, `Utdrag till`).
"""

from __future__ import annotations

from datetime import date

from agenda import patterns as P
from agenda.casenumbers import CASE_NUMBER_RE, case_numbers
from agenda.model import ItemDocument
from agenda.parse import content
from agenda.parse.blocks import clean
from agenda.parse.decode import to_text


def parse_item_document(raw: bytes | str) -> ItemDocument:
    """Parse a tjänsteskrivelse-like text; raises ParseError on unreadable input."""
    lines = [clean(line) for line in to_text(raw).split("\n")]
    lines = [line for line in lines if line]
    heading, proposal = content.proposal("\n".join(lines))
    return ItemDocument(
        date=_first_date(lines),
        case_numbers=case_numbers("\n".join(lines)),
        title=_title(lines),
        description=_section(lines, P.DOC_DESCRIPTION_HEADINGS),
        proposal=proposal,
        proposal_heading=heading,
    )


def _first_date(lines: list[str]) -> date | None:
    for line in lines:
        match = P.DOC_DATE_RE.match(line)
        if match:
            try:
                return date.fromisoformat(match["date"])
            except ValueError:
                continue
    return None


def _title(lines: list[str]) -> str | None:
    """The line after the case number, else the line before the first section heading."""
    for index, line in enumerate(lines[:-1]):
        if CASE_NUMBER_RE.fullmatch(line):
            return lines[index + 1]
    for index, line in enumerate(lines):
        if line in P.DOC_DESCRIPTION_HEADINGS and index > 0:
            return lines[index - 1]
    return None


def _section(lines: list[str], headings: tuple[str, ...]) -> str | None:
    for index, line in enumerate(lines):
        if line in headings:
            body: list[str] = []
            for following in lines[index + 1 :]:
                if P.PROPOSAL_HEADING_RE.match(following) or P.DOC_END_RE.match(following):
                    break
                body.append(following)
            return "\n".join(body) or None
    return None
