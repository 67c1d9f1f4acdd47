"""Logging set-up for every command: quiet routine jobs, text or JSON lines, secrets redacted.

Why: an operator reads the log to learn what happened, so routine work stays below INFO (the
half-second delivery job would otherwise log two lines per run through APScheduler, most of a
day's log) and each poll cycle and delivery burst gives one INFO summary of its own. Log
collectors want one JSON object per line (`LOG_FORMAT=json`, python-json-logger). The bot token
is replaced in the final text of every line, tracebacks included, whichever library wrote it
(httpx and python-telegram-bot put Bot API URLs, which contain it, into messages and errors).

A chat's words never reach the log either, at any level (`RedactPayloads`): at DEBUG
python-telegram-bot logs every update it processes and every Bot API call's parameters and
answer (message texts, button data, a calendar link with its token), and aiosqlite every
statement with its parameters (watch words, tokens). A library's line keeps its wording and its
plain values (an endpoint, a URL, a count); what it carries (an update, a dict, a list, a
statement) becomes `<Update>`, `<dict>`…; aiosqlite's two lines per statement stay below the
log even at DEBUG. Our own code logs no message text.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message"]
REDACTED = "<token>"
# Loggers that report routine work at INFO: APScheduler logs every job run ("Running job",
# "executed successfully"), httpx every request URL.
QUIET_LOGGERS = ("apscheduler", "httpx", "httpcore")
# Loggers that say nothing an operator needs even at DEBUG (two lines per SQL statement).
SILENT_LOGGERS = ("aiosqlite",)
# Libraries whose log records may carry a chat's data in their arguments.
PAYLOAD_LOGGERS = ("telegram", "aiosqlite", "httpx", "httpcore", "aiohttp")
LONG_ARGUMENT = 200  # a string this long from a library is a payload, not a value


class RedactPayloads(logging.Filter):
    """Replaces what a library's record carries (updates, dicts, lists, long strings) by its
    kind, so no message text, button data or token of a chat is written, at any level."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] not in PAYLOAD_LOGGERS:
            return True
        if not isinstance(record.msg, str):
            record.msg = _kind(record.msg)
        if isinstance(record.args, Mapping):
            record.args = {key: _plain(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_plain(value) for value in record.args)
        return True


def _plain(value: object) -> Any:
    """A plain value as it is (numbers, short strings, URLs); anything else as its kind."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) < LONG_ARGUMENT else f"<{len(value)} characters>"
    if type(value).__name__ == "URL":  # httpx.URL: the request line (its token is redacted)
        return str(value)
    return _kind(value)


def _kind(value: object) -> str:
    return f"<{type(value).__name__}>"


class RedactingFormatter(logging.Formatter):
    """Formats with `inner`, then replaces each secret in the finished line."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str]) -> None:
        super().__init__()
        self.inner = inner
        # longest first, so a whole token is replaced before its secret half
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def token_secrets(token: str | None) -> list[str]:
    """The token and its secret half (after the bot id), both never to be logged."""
    if not token:
        return []
    return [token, token.partition(":")[2]]


def make_formatter(log_format: str, secrets: Iterable[str]) -> logging.Formatter:
    inner: logging.Formatter = (
        JsonFormatter(JSON_FIELDS, rename_fields={"levelname": "level", "name": "logger"})
        if log_format == "json"
        else logging.Formatter(TEXT_FORMAT)
    )
    return RedactingFormatter(inner, secrets)


def setup_logging(
    level: str, log_format: str = "text", secrets: Iterable[str] = (), stream: TextIO | None = None
) -> None:
    """One stderr handler on the root logger (replacing any), the routine loggers quietened."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(make_formatter(log_format, secrets))
    handler.addFilter(RedactPayloads())
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
    for name in SILENT_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
