"""`python -m bot run`: load and check the configuration, then start the bot or the demo.

Why: an operator must learn every configuration problem at once, one clear line each, with exit
code 1 — not a traceback from deep inside a library. Without a token the demo runs instead, so a
newcomer sees the bot work with no setup.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from telegram import Update
from telegram.error import InvalidToken

from agenda.clock import SystemClock
from bot.config import Config, ConfigError, load_config
from bot.logs import setup_logging, token_secrets
from sources.config import SourcesError, load_sources
from storage.migrate import MigrationError

log = logging.getLogger(__name__)


def check_sources(config: Config) -> list[str]:
    """Problems with the sources file (the bot cannot poll without it)."""
    try:
        load_sources(config.sources_file)
    except SourcesError as exc:
        return [f"SOURCES_FILE: {exc}"]
    return []


def run_bot(force_demo: bool) -> int:
    try:
        config = load_config()
    except ConfigError as exc:
        for problem in exc.problems:
            print(f"configuration error: {problem}", file=sys.stderr)
        return 1
    setup_logging(config.log_level, config.log_format, token_secrets(config.token))
    if force_demo or config.demo:
        from bot.cli_demo import run_demo

        result = run_demo(config, SystemClock())
        return result if isinstance(result, int) else 0
    problems = check_sources(config)
    for problem in problems:
        print(f"configuration error: {problem}", file=sys.stderr)
    if problems:
        return 1
    return _run_for_real(config)


def lock_database(path: Path) -> TextIO | None:
    """Hold `<database>.lock` for the life of the process; None when another process does.
    Two bots on one database would each claim and send the same alerts. The lock sits beside
    the real file (symbolic links resolved), so two names for one database share one lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    real = path.resolve()
    handle = Path(f"{real}.lock").open("a")  # noqa: SIM115 (held until the process ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _run_for_real(config: Config) -> int:
    from bot.app import build_application
    from bot.startup import wait_for_telegram

    assert config.token is not None
    lock = lock_database(config.database_path)
    if lock is None:
        print(
            f"error: another bot process already uses the database {config.database_path}",
            file=sys.stderr,
        )
        return 1
    try:
        me = asyncio.run(wait_for_telegram(config.token, config.base_url))
    except InvalidToken:
        print("configuration error: TELEGRAM_BOT_TOKEN: Telegram refused it", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    log.info("Telegram answers as @%s; starting", me.username)
    # -1: python-telegram-bot retries its own bootstrap too if the network drops meanwhile
    application = build_application(config, SystemClock(), poll_in_child=True)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=-1)
    except (MigrationError, sqlite3.DatabaseError, OSError) as exc:
        print(f"error: cannot use the database {config.database_path}: {exc}", file=sys.stderr)
        return 1
    return 0
