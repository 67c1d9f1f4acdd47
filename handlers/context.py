"""The typed context every handler receives: `context.services` instead of a dict lookup.

Why: handlers need the database, the clock and the admins' chat ids. python-telegram-bot lets
an application choose its own `CallbackContext` class (`ContextTypes(context=BotContext)`);
the composition root installs one `Services` at start-up and every handler reads it as a typed
attribute. Tests and the demo start the bot through the same builder, so they get the same
services without knowing where they are kept. A chat's memory between updates is typed too
(`handlers.chat_data.ChatData`, `context.memory`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from agenda.clock import Clock
from handlers.chat_data import ChatData
from storage.db import Database

_KEY = "services"


@dataclass
class Services:
    """What the conversation needs from the running bot."""

    db: Database
    clock: Clock
    admin_chat_ids: frozenset[int] = frozenset()
    public_base_url: str | None = None  # where the bot's web server is reached (calendar feeds)
    unexpected_errors: int = 0


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], ChatData, dict[Any, Any]]):
    """python-telegram-bot's context with the application's services attached."""

    @property
    def services(self) -> Services:
        return services_of(self.application)

    @property
    def memory(self) -> ChatData:
        """The chat's memory (`chat_data`); for an update without a chat, an empty one that
        is dropped afterwards."""
        return self.chat_data if self.chat_data is not None else ChatData()


def install_services(application: Application[Any, Any, Any, Any, Any, Any], svc: Services) -> None:
    """Called once by the composition root's `post_init`."""
    application.bot_data[_KEY] = svc


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    found = application.bot_data.get(_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("services are not set up: build the application with bot.app")
    return found
