"""Texts of the conversation's forgiving side: guessed commands, natural dates, counted words.

Why: kept apart from `conversation.py` (which is near its size budget); merged into the one
`TEXTS` table by `presentation.texts`, with the same sv/en and placeholder checks.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "unknown_command_guess": {
        "sv": "Det kommandot känner jag inte till. Menade du {command}? Alla kommandon: /hjalp",
        "en": "I don't know that command. Did you mean {command}? All commands: /help",
    },
}
