"""Log a failing page, document or source once when it starts failing and once when it recovers.

Why: a broken link fails at every cycle; two of them gave 60 WARNING lines a minute, and an
operator stops reading a log that repeats itself. A `FailureLog` remembers what is failing (in
this process): the first failure is a WARNING, the repeats are DEBUG (with how many times), and
the first success after failures is one WARNING saying it recovered. The failures are still
counted where they always were (the cycle's reports, source health, the metrics). After a
restart a thing still failing is warned about once more, which is what an operator reading the
new process's log needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

MAX_TRACKED = 10_000  # failing things remembered; the oldest is forgotten past this


@dataclass(slots=True)
class _Failing:
    message: str
    times: int = 1


class FailureLog:
    """What is failing now, by key (a URL or a source name), logged on `logger`."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self.logger = logger
        self.what = what  # "document", "page", "source": names the thing in the recovery line
        self._failing: dict[str, _Failing] = {}

    def failed(self, key: str, message: str) -> bool:
        """Log one failure of `key`; True when it is the first (logged at WARNING)."""
        known = self._failing.get(key)
        if known is not None:
            known.times += 1
            known.message = message
            self.logger.debug("%s (failing %d times in a row)", message, known.times)
            return False
        if len(self._failing) >= MAX_TRACKED:
            del self._failing[next(iter(self._failing))]
        self._failing[key] = _Failing(message)
        self.logger.warning("%s", message)
        return True

    def ok(self, key: str) -> bool:
        """`key` worked; True (and one WARNING) when it had been failing."""
        known = self._failing.pop(key, None)
        if known is None:
            return False
        self.logger.warning(
            "%s %s recovered after %d failed attempt%s",
            self.what,
            key,
            known.times,
            "" if known.times == 1 else "s",
        )
        return True

    def failing(self) -> list[str]:
        return list(self._failing)
