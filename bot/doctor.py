"""The checks behind `namndbot doctor`: configuration, token, each source, the database file.

Why: an operator going live should learn in one run, before starting the bot, everything that
would stop it or leave it silent: a setting out of range, a token Telegram refuses, a portal that
cannot be reached or does not list any body, a web page that links no kallelse or protokoll, a
database that is unreadable or from a newer version. Each check gives one `Check` (a one-line
finding and, on failure, what to do), so the CLI prints one line per check. The checks only
read: the token check calls `getMe`, the source checks fetch one page each, the database is
opened read-only and never created.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import httpx
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import Config
from sources.config import SourceConfig
from sources.http import Fetcher, FetchError, HttpSettings, make_http_client
from sources.links import LinkError, body_links, body_slug
from sources.listing import AGENDA, ListingError, read_listing
from storage.db_check import inspect_database
from storage.migrate import MigrationError, bundled, pending

CHECK_SETTINGS = HttpSettings(timeout_seconds=10.0, retries=0, deadline_seconds=20.0)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        head = f"{'ok' if self.ok else 'FAIL':<5} {self.name}: {self.detail}"
        return head if self.ok or not self.fix else f"{head} — {self.fix}"


async def check_token(config: Config) -> Check:
    if not config.token:
        return Check(
            "token",
            False,
            "TELEGRAM_BOT_TOKEN is empty (the bot would start the demo)",
            "create a bot with @BotFather and put its token in .env",
        )
    kwargs: dict[str, Any] = {"base_url": config.base_url} if config.base_url else {}
    bot = Bot(config.token, **kwargs)
    try:
        async with bot:  # initialize() calls getMe
            me = bot.bot
    except InvalidToken:
        return Check(
            "token",
            False,
            "Telegram refused the token (getMe)",
            "copy the token again from @BotFather (/token) into TELEGRAM_BOT_TOKEN",
        )
    except NetworkError as exc:
        return Check(
            "token",
            False,
            f"cannot reach the Bot API: {exc.message}",
            "check the network, a proxy, or TELEGRAM_BASE_URL",
        )
    except TelegramError as exc:
        return Check("token", False, f"getMe failed: {exc.message}", "try again later")
    return Check("token", True, f"@{me.username} (id {me.id})")


async def check_sources(config: Config, sources: list[SourceConfig]) -> list[Check]:
    async with make_http_client(config.user_agent, CHECK_SETTINGS) as client:
        fetcher = Fetcher(client, {}, CHECK_SETTINGS)
        return [await check_source(fetcher, source) for source in sources]


async def check_source(fetcher: Fetcher, source: SourceConfig) -> Check:
    name = f"source {source.name} ({source.kind})"
    url = f"{source.url}/committees" if source.kind == "meetingsplus" else source.url
    try:
        fetched = await fetcher.fetch(url, conditional=False)
    except FetchError as exc:
        return Check(name, False, str(exc), f"check the url in {_where(source)} and the network")
    if source.kind == "feed":
        return _feed_found(name, fetched.content, source)
    if source.kind == "webpage":
        return _listing_found(name, fetched.content, source)
    return _portal_found(name, fetched.content, url, source)


def _listing_found(name: str, content: bytes, source: SourceConfig) -> Check:
    fix = "give the page that lists the body's kallelser and protokoll as links"
    try:
        listing = read_listing(content, source.url)
    except ListingError as exc:
        return Check(name, False, f"{source.url}: {exc}", fix)
    if not listing.links:
        elsewhere = f" ({listing.offsite} on other hosts, not followed)" if listing.offsite else ""
        return Check(name, False, f"{source.url}: no kallelse or protokoll linked{elsewhere}", fix)
    agendas = sum(1 for link in listing.links if link.kind == AGENDA)
    dated = sum(1 for link in listing.links if link.date is not None)
    minutes = len(listing.links) - agendas
    return Check(
        name, True, f"{agendas} kallelser and {minutes} protokoll linked, {dated} with a date"
    )


def _feed_found(name: str, content: bytes, source: SourceConfig) -> Check:
    parsed: Any = feedparser.parse(content)
    entries = len(parsed.get("entries", []))
    if parsed.get("bozo") and not entries:
        return Check(name, False, f"{source.url}: not an RSS/Atom feed", "use the feed's own URL")
    return Check(name, True, f"{entries} {'entry' if entries == 1 else 'entries'} in the feed")


def _portal_found(name: str, content: bytes, url: str, source: SourceConfig) -> Check:
    fix = "give the portal's base URL (the page listing /committees)"
    try:
        slugs = {body_slug(link.url) for link in body_links(content, url)} - {None}
    except LinkError as exc:
        return Check(name, False, f"{url}: {exc}", fix)
    if not slugs:
        return Check(name, False, f"{url}: no bodies listed (not a Meetings Plus portal?)", fix)
    missing = sorted(set(source.bodies or ()) - slugs)
    if missing:
        return Check(
            name,
            False,
            f"{len(slugs)} bodies listed, but not {', '.join(missing)}",
            f"fix `bodies` in {_where(source)} (slugs as in /committees/<slug>)",
        )
    watched = len(source.bodies) if source.bodies is not None else len(slugs)
    return Check(name, True, f"{len(slugs)} bodies listed, {watched} watched")


def _where(source: SourceConfig) -> str:
    return f"the sources file's entry {source.name!r}"


def check_database(path: Path) -> Check:
    name = f"database {path}"
    if not path.exists():
        folder = next((p for p in path.parents if p.exists()), Path())
        if not folder.is_dir() or not _writable(folder):
            return Check(name, False, f"absent and {folder} is not writable", "fix DATABASE_PATH")
        return Check(name, True, "absent; created at first start")
    try:
        found = inspect_database(path)
    except sqlite3.Error as exc:
        return Check(name, False, f"unreadable: {exc}", "restore a backup (see README)")
    if found.quick_check != "ok":
        return Check(name, False, f"damaged: {found.quick_check}", "restore a backup (see README)")
    if found.foreign is not None:
        return Check(name, False, found.foreign.split("; ")[0], "point DATABASE_PATH elsewhere")
    try:
        waiting = len(pending(found.history, bundled()))
    except MigrationError as exc:
        return Check(name, False, str(exc), "run the version that wrote it, or restore a backup")
    later = f", {waiting} migration(s) to run at next start" if waiting else ""
    applied = len(found.history)
    return Check(name, True, f"{applied} migrations applied, {found.meetings} meetings{later}")


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


async def live_check(config: Config) -> Check:
    """Ask the running bot: its `/healthz` on HTTP_PORT (for a container's HEALTHCHECK)."""
    if config.http_port is None:
        return Check("live", False, "HTTP_PORT is not set", "set HTTP_PORT to serve /healthz")
    host = "127.0.0.1" if config.http_host in {"0.0.0.0", "::", ""} else config.http_host  # noqa: S104
    url = f"http://{host}:{config.http_port}/healthz"
    try:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(url)
    except httpx.HTTPError as exc:
        return Check("live", False, f"{url}: {type(exc).__name__}", "is the bot running?")
    detail = f"{url}: HTTP {response.status_code} {response.text.strip()[:200]}"
    return Check("live", response.status_code == 200, detail, "see /healthz and the log")
