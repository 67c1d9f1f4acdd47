"""Whether an agenda item asks the body for a decision or only informs it.

Why: a member scanning an agenda wants the decisions apart from the information items. The
portal does not say which is which, so an item is told apart only on positive evidence, from its
title and its proposal (its own `Förslag till beslut`, or the proposal of its documents):

- a proposal decides it: one that only receives information (`lägga informationen till
  handlingarna`) is information, any other proposal is a decision to take;
- without a proposal, the title: information words at its start (`Information om …`,
  `Anmälan av …`, `Hälso- och sjukvårdsdirektörens rapport`) unless it also marks a decision
  (`… och beslut om …`, `… – förslag till beslut`, a part after a dash opening with decision
  words: then it is unknown), else decision words anywhere
  (`Svar på motion om …`, `Revidering av …`), else information words after a dash
  (`Göteborgs universitet – Återrapportering av …`);
- anything else is unknown, never guessed: the description is not read.

The words are in `agenda.patterns`. Procedural items are the caller's to fold first
(`Item.procedural`); pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum

from agenda import patterns as P
from agenda.model import Item

__all__ = ["ItemKind", "group_items", "item_kind", "proposal_kind", "title_kind"]


class ItemKind(StrEnum):
    """What the body does with an item; the order is the order of the groups."""

    DECISION = "decision"
    INFORMATION = "information"
    UNKNOWN = "unknown"


_INFORMATION_START_RE = re.compile(
    rf"^(?:{'|'.join(P.ITEM_INFORMATION_TITLE_WORDS)})(?!\w)", re.IGNORECASE
)
_DECISION_START_RE = re.compile(
    rf"^(?:{'|'.join(P.ITEM_DECISION_TITLE_WORDS)})(?!\w)", re.IGNORECASE
)
_DECISION_RE = re.compile(
    rf"(?<!\w)(?:{'|'.join(P.ITEM_DECISION_TITLE_WORDS)})(?!\w)", re.IGNORECASE
)
#: A proposal that only takes note is a sentence or two; a longer one asks for more. Reading is
#: capped (titles too) so that rendering, which runs on the bot's loop, stays fast on any page.
PROPOSAL_READ_CHARS = 600
TITLE_READ_CHARS = 300
_DASH_RE = re.compile(r"\s[-–—]\s|:\s")
_WORD_RE = re.compile(r"\w[\w-]*")


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def proposal_kind(proposal: str | None) -> ItemKind:
    """INFORMATION for a proposal that only receives information, DECISION for any other
    proposal, UNKNOWN when there is none."""
    text = _flat(proposal or "")
    if not _WORD_RE.search(text):
        return ItemKind.UNKNOWN
    if len(text) > PROPOSAL_READ_CHARS:  # more than taking note; and the patterns stay cheap
        return ItemKind.DECISION
    first = P.ITEM_INFORMATION_PROPOSAL_RE.search(text)
    if first is None:
        return ItemKind.DECISION
    frame = text[: first.start()].strip()
    rest = P.ITEM_INFORMATION_PROPOSAL_RE.sub(" ", text[first.start() :])
    if P.ITEM_PROPOSAL_FRAME_RE.fullmatch(frame) and all(
        P.ITEM_PROPOSAL_JOIN_WORD_RE.match(word) for word in _WORD_RE.findall(rest)
    ):
        return ItemKind.INFORMATION
    return ItemKind.DECISION


def title_kind(title: str | None) -> ItemKind:
    """What the title alone says (UNKNOWN when it says nothing either way)."""
    text = _flat(title or "")[:TITLE_READ_CHARS]
    parts = _DASH_RE.split(text)[1:]
    if _INFORMATION_START_RE.match(text) or P.ITEM_INFORMATION_ROLE_RE.match(text):
        marked = P.ITEM_DECISION_MARK_RE.search(text) or any(
            _DECISION_START_RE.match(part) for part in parts
        )
        return ItemKind.UNKNOWN if marked else ItemKind.INFORMATION
    if _DECISION_RE.search(text):
        return ItemKind.DECISION
    if any(_INFORMATION_START_RE.match(part) for part in parts):
        return ItemKind.INFORMATION
    return ItemKind.UNKNOWN


def item_kind(item: Item, proposal: str | None = None) -> ItemKind:
    """The item's kind from its proposals (its own and `proposal`, its documents'), else its
    title. Several proposals are information only when each of them is."""
    kinds = {proposal_kind(p) for p in (item.proposal, proposal)} - {ItemKind.UNKNOWN}
    if kinds:
        return ItemKind.DECISION if ItemKind.DECISION in kinds else ItemKind.INFORMATION
    return title_kind(item.title)


def group_items(
    items: Sequence[Item], proposals: Mapping[int, str] | None = None
) -> list[tuple[ItemKind, list[int]]]:
    """The positions of the non-procedural items by kind, in page order within each kind; the
    kinds in `ItemKind` order, empty ones left out. `proposals` maps a position to its
    documents' proposal."""
    proposals = proposals or {}
    groups: dict[ItemKind, list[int]] = {kind: [] for kind in ItemKind}
    for position, item in enumerate(items):
        if not item.procedural:
            groups[item_kind(item, proposals.get(position))].append(position)
    return [(kind, positions) for kind, positions in groups.items() if positions]
