"""Logging set-up for every command: quiet routine jobs, text or JSON lines, secrets redacted.

Why: an operator reads the log to learn what happened, so routine work stays below INFO (the
half-second delivery job would otherwise log two lines per run through APScheduler, most of a
day's log) and each poll cycle and delivery burst gives one INFO summary of its own. Log
collectors want one JSON object per line (`LOG_FORMAT=json`, python-json-logger). The bot token
is replaced in the final text of every line, tracebacks included, whichever library wrote it
(httpx and python-telegram-bot put Bot API URLs, which contain it, into messages and errors).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = ["asctime", "levelname", "name", "message"]
REDACTED = "<token>"
# Loggers that report routine work at INFO: APScheduler logs every job run ("Running job",
# "executed successfully"), httpx every request URL.
QUIET_LOGGERS = ("apscheduler", "httpx", "httpcore")


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
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(quiet)
