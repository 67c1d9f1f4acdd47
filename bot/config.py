"""Typed, validated configuration from the environment and an optional `.env` file.

Why: one place reads the environment (nothing else may), checks every value at start and
reports every problem at once in one clear line each, so an operator fixes a broken deployment
in one go. Secrets (the bot token) never appear in `repr` or logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from dotenv import dotenv_values


class ConfigError(Exception):
    """Raised with every problem found, one per line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, slots=True)
class Config:
    token: str | None = field(default=None, repr=False)
    base_url: str | None = None
    database_path: Path = Path("data/namndbot.sqlite3")
    sources_file: Path = Path("sources.toml")
    admin_chat_ids: frozenset[int] = frozenset()
    poll_interval_seconds: int = 300
    contact: str | None = None
    backfill_months: int = 12
    source_failure_alert_minutes: int = 60
    log_level: str = "INFO"
    log_format: str = "text"
    http_port: int | None = None  # /healthz and /metrics; off when None
    http_host: str = "127.0.0.1"
    public_base_url: str | None = None  # how users reach HTTP_PORT: private calendar links

    @property
    def demo(self) -> bool:
        """Without a token the bot runs the bundled demo."""
        return not self.token

    @property
    def user_agent(self) -> str:
        contact = f"; {self.contact}" if self.contact else ""
        return f"Namndbot/0.1 (+https://github.com/namndbot/namndbot{contact})"


# Every setting the bot reads; README's table and .env.example list exactly these (tested).
SETTINGS = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_BASE_URL",
    "DATABASE_PATH",
    "SOURCES_FILE",
    "ADMIN_CHAT_IDS",
    "POLL_INTERVAL_SECONDS",
    "CONTACT",
    "BACKFILL_MONTHS",
    "SOURCE_FAILURE_ALERT_MINUTES",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "HTTP_PORT",
    "HTTP_HOST",
    "PUBLIC_BASE_URL",
)


def _int(
    values: Mapping[str, str], name: str, default: int, low: int, high: int, problems: list[str]
) -> int:
    """The whole number set for `name` (empty or unset: `default`); 0 means 0 when allowed."""
    raw = values.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        problems.append(f"{name}: expected a whole number, got {raw!r}")
        return default
    if not low <= value <= high:
        problems.append(f"{name}: must be between {low} and {high}, got {value}")
        return default
    return value


def _token(raw: str, problems: list[str]) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    head, _, tail = raw.partition(":")
    if not (head.isascii() and head.isdigit()) or len(tail) < 20:
        problems.append("TELEGRAM_BOT_TOKEN: does not look like a bot token (digits:secret)")
    return raw


def _url(raw: str, name: str, problems: list[str]) -> str | None:
    raw = raw.strip()
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        problems.append(f"{name}: expected an http(s) URL, got {raw!r}")
        return None
    return raw


def _admins(raw: str, problems: list[str]) -> frozenset[int]:
    ids: set[int] = set()
    for part in filter(None, (p.strip() for p in raw.split(","))):
        try:
            ids.add(int(part))
        except ValueError:
            problems.append(f"ADMIN_CHAT_IDS: {part!r} is not a chat id (comma-separated numbers)")
    return frozenset(ids)


def _port(values: Mapping[str, str], problems: list[str]) -> int | None:
    """HTTP_PORT, or None (the server off) when unset or wrong."""
    return _int(values, "HTTP_PORT", 0, 1, 65535, problems) or None


def load_config(
    environ: Mapping[str, str] | None = None, dotenv_path: Path | None = Path(".env")
) -> Config:
    """Build the Config from `.env` (if present) overlaid by the real environment."""
    values: dict[str, str] = {}
    if dotenv_path is not None and dotenv_path.is_file():
        values.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    problems: list[str] = []
    defaults = Config()
    get = values.get
    level = get("LOG_LEVEL", defaults.log_level).strip().upper() or defaults.log_level
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        problems.append(f"LOG_LEVEL: one of DEBUG, INFO, WARNING, ERROR, got {level!r}")
    log_format = get("LOG_FORMAT", "").strip().lower() or defaults.log_format
    if log_format not in {"text", "json"}:
        problems.append(f"LOG_FORMAT: 'text' or 'json', got {log_format!r}")
    config = Config(
        token=_token(get("TELEGRAM_BOT_TOKEN", ""), problems),
        base_url=_url(get("TELEGRAM_BASE_URL", ""), "TELEGRAM_BASE_URL", problems),
        database_path=Path(get("DATABASE_PATH", "").strip() or defaults.database_path),
        sources_file=Path(get("SOURCES_FILE", "").strip() or defaults.sources_file),
        admin_chat_ids=_admins(get("ADMIN_CHAT_IDS", ""), problems),
        poll_interval_seconds=_int(
            values, "POLL_INTERVAL_SECONDS", defaults.poll_interval_seconds, 30, 86400, problems
        ),
        contact=(get("CONTACT", "").strip() or None),
        backfill_months=_int(values, "BACKFILL_MONTHS", defaults.backfill_months, 0, 120, problems),
        source_failure_alert_minutes=_int(
            values,
            "SOURCE_FAILURE_ALERT_MINUTES",
            defaults.source_failure_alert_minutes,
            1,
            10080,
            problems,
        ),
        log_level=level,
        log_format=log_format,
        http_port=_port(values, problems),
        http_host=get("HTTP_HOST", "").strip() or defaults.http_host,
        public_base_url=_url(get("PUBLIC_BASE_URL", ""), "PUBLIC_BASE_URL", problems),
    )
    if config.public_base_url and config.http_port is None:
        problems.append("PUBLIC_BASE_URL: needs HTTP_PORT (the calendar feeds are served there)")
    if problems:
        raise ConfigError(problems)
    return config
