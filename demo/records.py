"""What the fake Bot API received: every call with its parameters, outcome and time.

Why: end-to-end tests assert on what the bot actually sent over HTTP (text, buttons, topic,
reply target, order, duplicates, the bytes of an uploaded document), not on our own functions.
`Recorder` keeps the log and lets a test await a condition (`wait_for`) without sleeping,
because the bot answers asynchronously.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Outcome = str  # "ok" | "error:<code>" | "dropped"


@dataclass(frozen=True, slots=True)
class Call:
    """One request: Bot API method, decoded parameters, monotonic time, outcome, result."""

    method: str
    params: dict[str, Any]
    at: float
    outcome: Outcome
    result: Any = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message the fake accepted (sendMessage) — what the member would see."""

    chat_id: int
    message_id: int
    text: str
    params: dict[str, Any]
    at: float
    thread_id: int | None
    reply_to_message_id: int | None

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data or url) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            (b.get("text", ""), b.get("callback_data") or b.get("url")) for r in rows for b in r
        ]


@dataclass(frozen=True, slots=True)
class SentDocument:
    """A document the fake accepted (sendDocument): the upload's name and bytes, and caption.

    `data` is None when the bot sent a file_id or URL instead of uploading bytes."""

    chat_id: int
    message_id: int
    file_name: str | None
    data: bytes | None
    mime_type: str | None
    caption: str | None
    params: dict[str, Any]
    at: float


class Recorder:
    """Append-only log of calls, with queries and async waiting."""

    def __init__(self) -> None:
        self.log: list[Call] = []
        self._changed = asyncio.Event()

    def add(self, call: Call) -> Call:
        self.log.append(call)
        self.notify()
        return call

    def notify(self) -> None:
        self._changed.set()

    def mark(self) -> int:
        """A position in the log; pass it as `since=` to look only at later calls."""
        return len(self.log)

    def calls(self, method: str | None = None, *, since: int = 0) -> list[Call]:
        return [c for c in self.log[since:] if method is None or c.method == method]

    def sent_messages(self, chat_id: int | None = None, *, since: int = 0) -> list[SentMessage]:
        out: list[SentMessage] = []
        for call in self.log[since:]:
            if call.method != "sendMessage" or not call.ok or not isinstance(call.result, dict):
                continue
            if chat_id is not None and call.params.get("chat_id") != chat_id:
                continue
            out.append(_sent(call))
        return out

    def sent_documents(self, chat_id: int | None = None, *, since: int = 0) -> list[SentDocument]:
        return [
            _document(call)
            for call in self.log[since:]
            if call.method == "sendDocument"
            and call.ok
            and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        """Return once `predicate()` is true; TimeoutError naming `what` after `timeout` s."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"fake Bot API: timed out after {timeout}s waiting for {what}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.25))
            except TimeoutError:
                continue


def _sent(call: Call) -> SentMessage:
    result: dict[str, Any] = call.result
    reply = result.get("reply_to_message")
    return SentMessage(
        chat_id=result["chat"]["id"],
        message_id=result["message_id"],
        text=str(call.params.get("text", "")),
        params=call.params,
        at=call.at,
        thread_id=call.params.get("message_thread_id"),
        reply_to_message_id=reply["message_id"] if isinstance(reply, dict) else None,
    )


def _document(call: Call) -> SentDocument:
    result: dict[str, Any] = call.result
    upload = call.params.get("document")
    document = result["document"]
    return SentDocument(
        chat_id=result["chat"]["id"],
        message_id=result["message_id"],
        file_name=document.get("file_name"),
        data=getattr(upload, "data", None),
        mime_type=document.get("mime_type"),
        caption=call.params.get("caption"),
        params=call.params,
        at=call.at,
    )
