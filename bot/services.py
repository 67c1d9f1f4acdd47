"""The shared services every handler and job reaches through `context`: config, DB, HTTP, poller.

Why: the composition root (`bot.app`) builds these once in `post_init` and stores them in
`application.bot_data["services"]`; handlers and jobs take them from there instead of importing
globals, so tests can build an application around their own database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from telegram.ext import CallbackContext

from bot.config import Config
from storage.db import Database

if TYPE_CHECKING:
    from jobs.poll import Poller

SERVICES_KEY = "services"


@dataclass
class Services:
    config: Config
    db: Database
    http: httpx.AsyncClient | None
    poller: Poller | None
    unexpected_errors: int = 0


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The application's services (set by `post_init`)."""
    found = context.bot_data.get(SERVICES_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("services are not set up: build the application with bot.app")
    return found
