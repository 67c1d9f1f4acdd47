"""The decisions in a protokoll (minutes PDF), and which agenda item each § belongs to.

Why: members ask "what was decided on item 4?". The minutes number each decision as a § (§ 54,
per body and year, never the agenda number) with a heading `Beslut` (or `Nämndens beslut`,
`Regionstyrelsens beslut`, ...) and sometimes `Reservation`. This module reads those sections
from the minutes' text (the PDF, or an item's text on the Protokoll tab) and aligns each §
with an agenda item: by a § number the item already
has (the page's Protokoll tab), else by the same title, else by the offset between § and item
numbers that the other matches agree on. Only the document's own words are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from agenda.casenumbers import case_numbers

_PARAGRAPH_RE = re.compile(r"^§\s*(?P<number>\d{1,4})\b\s*(?P<title>.*)$")
# A heading is the line alone, or followed by a colon and the text: `Beslut`, `Beslut: ...`,
# `Nämndens beslut`, `Hälso- och sjukvårdsnämndens beslut`; never `Förslag till beslut`.
_DECISION_RE = re.compile(
    r"^(?:(?:[\wåäö-]+ ){0,4}[\wåäö-]+s )?beslut(?:et)?\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE
)
_RESERVATION_RE = re.compile(r"^reservation(?:er)?\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE)
_SECTION_END_RE = re.compile(
    r"^(?:Yrkanden?|Beslutsgång|Propositionsordning|Protokollsanteckning(?:ar)?|Expedieras"
    r"|Skickas till|Beslutsunderlag|Sammanfattning|Ärendebeskrivning|Bakgrund|Särskilt yttrande"
    r"|Vid protokollet|Justeras|Justerandes signatur|Utdragsbestyrkande)\b",
    re.IGNORECASE,
)
_NORMALISE_RE = re.compile(r"[^a-zåäöéü0-9 ]+")


@dataclass(frozen=True, slots=True)
class MinutesParagraph:
    """One § of the minutes: its number, title, decision and reservation (verbatim)."""

    paragraph: int
    title: str | None
    decision: str | None
    reservation: str | None
    case_numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaSlot:
    """What alignment needs of a stored agenda item."""

    position: int
    number: int | None
    paragraph: int | None
    title: str | None


def parse_minutes(text: str) -> list[MinutesParagraph]:
    """The §§ of a minutes text in order; a § without a Beslut section has decision None."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    found: list[MinutesParagraph] = []
    start: int | None = None
    for index, line in enumerate([*lines, "§ 0"]):
        if _PARAGRAPH_RE.match(line) or index == len(lines):
            if start is not None:
                found.append(_paragraph(lines[start:index]))
            start = index
    return [p for p in found if p.paragraph > 0]


def _paragraph(lines: list[str]) -> MinutesParagraph:
    head = _PARAGRAPH_RE.match(lines[0])
    assert head is not None  # the caller starts every chunk at a § line
    body = lines[1:]
    title = head["title"].strip() or next((line for line in body if line), None)
    return MinutesParagraph(
        paragraph=int(head["number"]),
        title=title or None,
        decision=_section(body, _DECISION_RE),
        reservation=_section(body, _RESERVATION_RE),
        case_numbers=tuple(case_numbers("\n".join(lines))),
    )


def decision_in(text: str | None) -> tuple[str | None, str | None]:
    """(decision, reservation) under the `Beslut`/`Reservation` headings of one item's minutes
    text, such as the Protokoll tab of a meeting page; (None, None) when it has no such heading."""
    lines = [" ".join(line.split()) for line in (text or "").replace("\r", "\n").split("\n")]
    return _section(lines, _DECISION_RE), _section(lines, _RESERVATION_RE)


def _section(lines: list[str], heading: re.Pattern[str]) -> str | None:
    for index, line in enumerate(lines):
        match = heading.match(line)
        if not match:
            continue
        taken = [match["rest"]] if match["rest"] else []
        for following in lines[index + 1 :]:
            if (
                _SECTION_END_RE.match(following)
                or _DECISION_RE.match(following)
                or _RESERVATION_RE.match(following)
            ) and taken:
                break
            if following:
                taken.append(following)
        return " ".join(taken) or None
    return None


def _normalise(title: str | None) -> str:
    return " ".join(_NORMALISE_RE.sub(" ", (title or "").lower()).split())


def align(
    paragraphs: Sequence[MinutesParagraph], items: Sequence[AgendaSlot]
) -> dict[int, MinutesParagraph]:
    """item position -> its §: by stored § number, by title, then by the agreed offset."""
    matched: dict[int, MinutesParagraph] = {}
    by_paragraph = {i.paragraph: i for i in items if i.paragraph is not None}
    by_title = {_normalise(i.title): i for i in items if i.title}
    for para in paragraphs:
        item = by_paragraph.get(para.paragraph) or by_title.get(_normalise(para.title))
        if item is not None and item.position not in matched:
            matched[item.position] = para
    offsets = Counter(
        matched[item.position].paragraph - item.number
        for item in items
        if item.number is not None and item.position in matched
    )
    if not offsets:
        return matched
    offset, _ = offsets.most_common(1)[0]
    by_number = {i.number: i for i in items if i.number is not None}
    taken = {p.paragraph for p in matched.values()}
    for para in paragraphs:
        item = by_number.get(para.paragraph - offset)
        if para.paragraph not in taken and item is not None and item.position not in matched:
            matched[item.position] = para
    return matched
