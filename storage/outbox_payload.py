"""What an outbox row is: its payload (text, buttons, reply flag), the row, and its time stamps.

Why: the queue operations (`storage.outbox`), the queue statistics (`storage.outbox_stats`),
the digest and the sender all speak of the same row; its shape and its (de)serialisation live
here, free of any queue logic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import aiosqlite

ButtonRows = list[list[tuple[str, str]]]


class OutboxStatus(StrEnum):
    """Every state an outbox row can be in: the one list (the SQL of `storage/` uses exactly
    these words, checked by tests/storage/test_outbox_status.py)."""

    PENDING = "pending"  # waiting to be sent (due at `not_before`)
    SENDING = "sending"  # claimed by the sender under a lease
    SENT = "sent"  # Telegram accepted it
    DEAD = "dead"  # failed for good (the admins were told)
    HELD = "held"  # kept for the chat's daily digest
    DIGESTED = "digested"  # folded into a digest message
    DROPPED = "dropped"  # the chat blocked or removed the bot: nothing to fix
    WITHDRAWN = "withdrawn"  # a reminder for a meeting that was cancelled or moved

    @classmethod
    def finished(cls) -> tuple[OutboxStatus, ...]:
        """States a row never leaves (pruned after the horizon)."""
        return (cls.SENT, cls.DEAD, cls.DROPPED, cls.WITHDRAWN, cls.DIGESTED)


def stamp(moment: datetime) -> str:
    """ISO UTC string with milliseconds. It sorts correctly against `Database.timestamp()`'s
    whole seconds ("...:03+00:00" < "...:03.500+00:00" < "...:04+00:00"), so columns can mix
    both."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def after(seconds: float, now: datetime) -> str:
    return stamp(now + timedelta(seconds=max(0.0, seconds)))


@dataclass(frozen=True, slots=True)
class Payload:
    """What one outbox row sends: HTML text, optional inline buttons, reply-to-alert flag; and
    for a party group's item in a forum, the topic to send it in (`topic` names it, `item` is
    the agenda number it is made for: `alerts.party_topics`)."""

    text: str
    buttons: ButtonRows | None = None
    reply: bool = False
    topic: str | None = None
    item: int | None = None

    def to_json(self) -> str:
        buttons = [[list(b) for b in row] for row in self.buttons] if self.buttons else None
        data: dict[str, Any] = {"text": self.text, "buttons": buttons, "reply": self.reply}
        if self.topic is not None:
            data.update(topic=self.topic, item=self.item)
        return json.dumps(data)

    @classmethod
    def from_json(cls, raw: str) -> Payload:
        data: dict[str, Any] = json.loads(raw)
        rows = data.get("buttons")
        buttons = [[(str(b[0]), str(b[1])) for b in row] for row in rows] if rows else None
        topic, item = data.get("topic"), data.get("item")
        return cls(
            text=str(data["text"]),
            buttons=buttons,
            reply=bool(data.get("reply")),
            topic=str(topic) if topic is not None else None,
            item=int(item) if isinstance(item, int) else None,
        )


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    chat_id: int
    thread_id: int | None
    dedup_key: str
    kind: str
    meeting_id: int | None
    part: int
    payload: Payload
    status: OutboxStatus
    attempts: int
    timeout_retries: int
    created_at: str = ""  # ISO UTC; how long Telegram may keep a row waiting counts from here

    @property
    def is_group(self) -> bool:
        """Telegram group, supergroup and channel ids are negative."""
        return self.chat_id < 0


def row_from_sql(r: aiosqlite.Row) -> OutboxRow:
    return OutboxRow(
        id=r["id"],
        chat_id=r["chat_id"],
        thread_id=r["thread_id"],
        dedup_key=r["dedup_key"],
        kind=r["kind"],
        meeting_id=r["meeting_id"],
        part=r["part"],
        payload=Payload.from_json(r["payload"]),
        status=OutboxStatus(r["status"]),
        attempts=r["attempts"],
        timeout_retries=r["timeout_retries"],
        created_at=r["created_at"],
    )
