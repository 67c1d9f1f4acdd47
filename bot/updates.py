"""Update processing: many chats at once, each chat's updates in order, every chat served fairly.

Why: sequential processing lets one slow chat (a getChatMember call, a long answer) hold up
everyone; fully concurrent processing can answer a member's `4` before the `/nasta` they typed
just before it; first come, first served lets busy chats hold everyone else's answers (50 chats
sending 20 commands each made another chat wait 32.5 s). So updates go through a fair queue
(`bot.fair_queue`): `workers` at once, one at a time per chat, and the chat served least in its
busy spell first (a chat's first update before the second, or twentieth, of a busy chat). Their
answers then share Telegram's sending budget the same way (`bot.ratelimit`, told each answer's
rank by `ANSWER_RANK`).

Bounds, checked before any handler runs; an update over one is skipped:
- Pace, for what asks the bot (a command, a press, anything in a private chat): every answer is
  a message, and Telegram lets the bot send a chat about one a second, so a chat may burst
  `BURST` such updates, then one a second in a private chat
  (`FloodLimit.MESSAGES_PER_SECOND_PER_CHAT`) and twenty a minute in a group
  (`FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP`). Presses count like messages.
- Waiting: at most `MAX_WAITING_PER_CHAT` (= `BURST`, so the first 20 of a burst always fit,
  also when a restart delivers them together) waiting updates per chat, and `MAX_WAITING` of all
  chats together.
A group's plain talk is not paced, and skipped silently when over a waiting limit; updates that
keep the books (membership, migration, service messages) are never paced or limited per chat,
and have `BOOKKEEPING_ROOM` more room of their own beyond `MAX_WAITING`. The chat is told once
per flood (`on_flood`) that messages were skipped; the flood is over when the chat is idle and
its budget full again. A skipped press gets a toast instead (`on_skipped_press`), so the button
never spins. Those courtesies are sent `COURTESY_AT_ONCE` at a time with at most
`MAX_COURTESY_WAITING` waiting (beyond, a press's spinner simply times out), so a flood of
presses cannot take the bot's connections.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from enum import Enum
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType, FloodLimit
from telegram.ext import BaseUpdateProcessor

from bot.fair_queue import FairQueue
from bot.pace import PaceBudget
from bot.ratelimit import ANSWER_RANK

__all__ = ["ChatOrderedUpdateProcessor", "PaceBudget", "UpdateKind", "chat_key", "update_kind"]

log = logging.getLogger(__name__)

BURST = 20  # a member reading an agenda item by item, faster than one a second
MAX_WAITING_PER_CHAT = BURST
MAX_WAITING = 5000  # all chats together: 250 chats bursting at once, a few MB of updates
BOOKKEEPING_ROOM = 1000  # membership updates may wait beyond MAX_WAITING, up to this many more
COURTESY_AT_ONCE = 2
MAX_COURTESY_WAITING = 200
PRIVATE_PER_SECOND = float(FloodLimit.MESSAGES_PER_SECOND_PER_CHAT)
GROUP_PER_SECOND = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP / 60
NO_CHAT = 0  # updates without a chat (none the bot asks for) share one queue


def chat_key(update: object) -> int | None:
    """The queue an update waits in and the pace it counts against: its chat's; for a press in
    a channel, the presser's (any subscriber may press, and the answer, a link to their private
    chat, goes to them alone: nothing is sent to the channel)."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return None
    if _in_channel(update) and update.callback_query is not None:
        return update.callback_query.from_user.id
    return update.effective_chat.id


def _in_channel(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.CHANNEL


class UpdateKind(Enum):
    ASKS = "asks"  # the bot answers it: a press, a command, anything in a private chat
    TALK = "talk"  # a group's plain text: mostly not for the bot
    BOOKKEEPING = "bookkeeping"  # membership, migration, service messages: never skipped


def update_kind(update: object) -> UpdateKind:
    if not isinstance(update, Update):
        return UpdateKind.BOOKKEEPING
    if update.my_chat_member or update.chat_member or update.chat_join_request:
        return UpdateKind.BOOKKEEPING
    if update.callback_query is not None:
        return UpdateKind.ASKS
    message = update.effective_message
    if message is None:
        return UpdateKind.TALK
    if _keeps_the_books(message):
        return UpdateKind.BOOKKEEPING
    if message.chat.type == ChatType.PRIVATE or (message.text or "").startswith("/"):
        return UpdateKind.ASKS  # in a private chat a sticker or photo counts too
    return UpdateKind.TALK


def _keeps_the_books(message: Message) -> bool:
    """A service message the bot must see: a group upgraded, members joining or leaving."""
    return bool(
        message.migrate_to_chat_id
        or message.migrate_from_chat_id
        or message.new_chat_members
        or message.left_chat_member
        or message.group_chat_created
        or message.supergroup_chat_created
    )


def _per_second(update: object) -> float:
    chat = update.effective_chat if isinstance(update, Update) else None
    private = chat is None or chat.type == ChatType.PRIVATE
    if isinstance(update, Update) and _in_channel(update) and update.callback_query is not None:
        private = True  # answered to the presser alone (`chat_key`)
    return PRIVATE_PER_SECOND if private else GROUP_PER_SECOND


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        workers: int,
        observe: Callable[[float], None] | None = None,
        max_waiting_per_chat: int = MAX_WAITING_PER_CHAT,
        burst: int = BURST,
        max_waiting: int = MAX_WAITING,
    ) -> None:
        """`workers`: updates handled at once. `observe` gets each update's time from arrival
        to the end of its handling, in seconds (the metrics' histogram)."""
        # python-telegram-bot's own semaphore must never make an update wait (it is first come,
        # first served): room for every update the bounds below let in, and the courtesies.
        room = workers + max_waiting + BOOKKEEPING_ROOM + MAX_COURTESY_WAITING + COURTESY_AT_ONCE
        super().__init__(room + 1)
        self.queue = FairQueue(workers)
        self._observe = observe
        self.max_waiting_per_chat = max_waiting_per_chat
        self.max_waiting = max_waiting
        self.pace: PaceBudget[int] = PaceBudget(burst)
        self.on_flood: Callable[[int], Awaitable[None]] | None = None
        self.on_skipped_press: Callable[[Update], Awaitable[None]] | None = None
        self.dropped = 0
        self.unanswered = 0  # skipped presses left to time out: the courtesy lane was full
        self._told: set[int] = set()
        self._seen = 0
        self._courtesies = asyncio.Semaphore(COURTESY_AT_ONCE)
        self._courtesy_pending = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.monotonic()
        try:
            key = chat_key(update)
            self._tidy()
            if self._skips(NO_CHAT if key is None else key, update):
                await self._drop(key, update, coroutine)
            else:
                chat = NO_CHAT if key is None else key
                await self.queue.run(chat, self._answer(chat, coroutine))
        finally:
            if self._observe is not None:
                self._observe(time.monotonic() - started)

    async def _answer(self, key: int, coroutine: Awaitable[Any]) -> None:
        """Handle the update; its requests carry its rank to the rate limiter."""
        ANSWER_RANK.set(self.queue.served(key))
        await coroutine

    def busy(self, key: int) -> bool:
        """Is an update of chat `key` being handled or waiting?"""
        return self.queue.busy(key)

    def _skips(self, key: int, update: object) -> bool:
        """Is this update over the limits? Bookkeeping updates only over the hard bound of all
        chats; a group's plain talk over the waiting limits; the rest is also paced."""
        kind = update_kind(update)
        waiting = self.queue.waiting
        if kind is UpdateKind.BOOKKEEPING:
            if waiting >= self.max_waiting + BOOKKEEPING_ROOM:
                log.warning("%d updates waiting: a membership update was skipped", waiting)
                return True
            return False
        if waiting >= self.max_waiting or self.queue.waiting_of(key) >= self.max_waiting_per_chat:
            return True
        if kind is UpdateKind.TALK:
            return False
        per_second = _per_second(update)
        if not self.queue.busy(key) and self.pace.tokens(key, per_second) >= self.pace.burst:
            self._told.discard(key)  # idle and quiet long enough: any earlier flood is over
        return not self.pace.take(key, per_second)

    def _tidy(self) -> None:
        """Every 1,000 updates: forget refilled budgets; their floods are over."""
        self._seen += 1
        if self._seen % 1000 == 0:
            # The slower (group) rate: a private bucket full at that rate is surely full.
            forgotten = self.pace.forget_full(GROUP_PER_SECOND)
            self._told.difference_update(forgotten)

    async def _drop(self, key: int | None, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(coroutine, Coroutine):
            coroutine.close()  # never run: the update is skipped
        self.dropped += 1
        ANSWER_RANK.set(BURST)  # a courtesy goes after the answers of this spell
        if isinstance(update, Update) and update.callback_query is not None:
            # The toast says it; the chat-wide note would repeat it to everyone.
            await self._courtesy(self.on_skipped_press, update, "answering a skipped press")
            return
        if key is None or key in self._told or update_kind(update) is not UpdateKind.ASKS:
            return  # a group's plain talk was not for the bot: skipped without a word
        self._told.add(key)
        await self._courtesy(self.on_flood, key, f"telling chat {key} about skipped messages")

    async def _courtesy(
        self, call: Callable[[Any], Awaitable[None]] | None, arg: Any, what: str
    ) -> None:
        """A few at a time, a bounded number waiting: a courtesy never crowds out answers."""
        if call is None:
            return
        if self._courtesy_pending >= MAX_COURTESY_WAITING + COURTESY_AT_ONCE:
            self.unanswered += 1
            return
        self._courtesy_pending += 1
        try:
            async with self._courtesies:
                await call(arg)
        except Exception:  # a courtesy; a failure must not reach the processor
            log.exception("%s failed", what)
        finally:
            self._courtesy_pending -= 1

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
