"""A title taken from evidence, as a dataclass free of queries (`storage.item_titles` finds
them).

Why: the item views mark where an untitled item's title came from; the presentation reads this
shape without reaching the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["document", "name", "case"]


@dataclass(frozen=True, slots=True)
class TitleSource:
    """A title taken from evidence: from a document (its text or its name) or a case."""

    title: str
    kind: Kind
    source: str  # the document's name, or the other meeting's body
    url: str | None = None  # the document
    day: date | None = None  # the other meeting's date (a case)
