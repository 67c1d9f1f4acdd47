"""The `bot` package opts the process in to python-telegram-bot's time semantics
(`PTB_TIMEDELTA`), so a flood-control answer is a `timedelta` and PTB has nothing to warn about
(the suite turns every warning into an error)."""

from __future__ import annotations

import os
import warnings
from datetime import timedelta

from telegram.error import RetryAfter

import bot


def test_the_bot_package_opts_in_to_timedelta_durations() -> None:
    assert bot.__doc__ and os.environ["PTB_TIMEDELTA"] == "true"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        exc = RetryAfter(7)
        assert exc.retry_after == timedelta(seconds=7)
