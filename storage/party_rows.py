"""A party group and its lines as dataclasses, free of queries (`storage.party` runs the SQL).

Why: the reminders and the party views render a group's lines; the presentation reads these
shapes without reaching the repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.body_rows import BodyRow


@dataclass(frozen=True, slots=True)
class PartyGroup:
    chat_id: int
    body: BodyRow
    forum: bool


@dataclass(frozen=True, slots=True)
class PartyLine:
    number: int
    title: str | None
    line: str
