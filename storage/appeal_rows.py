"""A meeting's appeal window as a dataclass, free of queries (`storage.appeals` runs the SQL).

Why: `/overklagande` and the appeal alert render windows; the presentation reads this shape
without reaching the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agenda.appeal import Posting
from storage.body_rows import BodyRow


@dataclass(frozen=True, slots=True)
class AppealWindow:
    """A meeting's appeal window, with what a list of them shows."""

    meeting_id: int
    body: BodyRow
    meeting_date: date | None
    posting: Posting
    link: str | None  # the minutes, else the notice

    @property
    def last_day(self) -> date:
        return self.posting.last_day
