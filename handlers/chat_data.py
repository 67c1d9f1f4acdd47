"""What the bot keeps in memory about one chat between its updates: one typed `ChatData`.

Why: python-telegram-bot gives every chat a `context.chat_data`; as a dict its keys were
strings spread over five modules, and a typo or a wrong type was found only in production.
The composition root installs this class (`ContextTypes(chat_data=ChatData)`), so every
handler reads and writes typed attributes. It is memory only, lost at a restart: each field is
a cache of what storage keeps (the language, the current meeting) or a convenience whose loss
is answered gracefully (the last search and /moten list, an erase confirmation, which messages
show an item). /radera forgets it (`forget`), and /integritet need not list it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

ITEM_VIEWS = 64  # the item views remembered per chat: older ones are shown anew, not in place


@dataclass(frozen=True)
class EraseTicket:
    """A pending /radera confirmation: its code, who asked, until when it holds."""

    code: str
    user_id: int | None
    expires: datetime


@dataclass
class ChatData:
    """One chat's memory (see the module docstring); every field starts empty."""

    language: str | None = None  # a chosen language (or a group's), cached from the chat row
    meeting_id: int | None = None  # the current meeting, cached from the chat row
    listed_bodies: list[int] | None = None  # the bodies of the chat's last /moten list
    search_query: str | None = None  # the chat's last /sok, for its "Fler" button
    erase_ticket: EraseTicket | None = None
    # Messages that show one item with its "📋 Mötet" button: pressed there, the meeting
    # replaces the item in place. Recorded when sent, never read back from the message.
    item_views: deque[int] = field(default_factory=lambda: deque(maxlen=ITEM_VIEWS))

    def shows_item(self, message_id: int) -> None:
        if message_id not in self.item_views:
            self.item_views.append(message_id)

    def forget(self) -> None:
        """Everything, as a new chat (/radera)."""
        fresh = ChatData()
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(fresh, name))
