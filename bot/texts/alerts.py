"""Placeholder for the alerts' texts (engineer E replaces this with the real strings).

Why: `bot.texts` merges this module's `TEXTS` with the conversation's; it must exist.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {}
