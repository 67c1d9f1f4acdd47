"""Start and stop an Application by hand, in the order `run_polling` uses.

Why: the demo and the tests run the real `Application` inside their own event loop (beside the
fake Bot API and the sample portal), so they cannot call the blocking `run_polling()`. Doing
the steps by hand is easy to get subtly wrong (post_init is only called by `run_polling`), so
it lives here once.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

App = Application[Any, Any, Any, Any, Any, Any]


async def initialize_application(app: App) -> None:
    """`initialize()` then `post_init` (which sets up services and schedules jobs)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)


async def start_polling(app: App, *, poll_timeout: int = 1) -> None:
    """Long-poll quickly (short getUpdates timeout) and start dispatching and jobs."""
    if app.updater is None:
        raise RuntimeError("the application was built without an updater")
    await app.updater.start_polling(
        poll_interval=0.0,
        timeout=poll_timeout,
        bootstrap_retries=0,
        allowed_updates=Update.ALL_TYPES,
    )
    await app.start()


async def stop_application(app: App) -> None:
    """Stop like `run_polling` does; tolerant of a half-started application."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_stop is not None:
        await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
