"""The one registry of the bot's commands: Swedish name, English alias, arguments, description.

Why: /hjalp, the command menus registered with Telegram (`set_my_commands` per language) and the
README must list the same commands; deriving all three from this list keeps them in step (a test
reads the README and checks). Handlers take their command names from here too.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import BotCommand

from presentation.texts import t


@dataclass(frozen=True)
class CommandSpec:
    """One command. `key` names its description text; `admin` ones are not listed publicly."""

    sv: str
    en: str | None
    args_sv: str
    args_en: str
    key: str
    admin: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the command answers to (Swedish first)."""
        return (self.sv,) if self.en is None or self.en == self.sv else (self.sv, self.en)

    def name(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.sv

    def args(self, lang: str) -> str:
        return self.args_en if lang == "en" else self.args_sv


def _c(sv: str, en: str | None, args_sv: str = "", args_en: str = "", **kw: bool) -> CommandSpec:
    return CommandSpec(sv, en, args_sv, args_en or args_sv, f"cmd_{sv}", **kw)


COMMANDS: tuple[CommandSpec, ...] = (
    _c("start", None),
    _c("hjalp", "help"),
    _c("sprak", "language", "sv|en", "en|sv"),
    _c("organ", "bodies"),
    _c("foljer", "following"),
    _c("folj", "follow", "<organ>", "<body>"),
    _c("sluta", "unfollow", "<organ>", "<body>"),
    _c("nasta", "next", "[organ]", "[body]"),
    _c("punkt", "item", "<nr> [organ] [datum]", "<no> [body] [date]"),
    _c("paragraf", "paragraph", "<nr> [organ] [år]", "<no> [body] [year]"),
    _c("moten", "meetings", "[organ]", "[body]"),
    _c("sok", "search", "<ord>", "<words>"),
    _c("arende", "case", "<diarienr>", "<case no>"),
    _c("folj_arende", "follow_case", "<diarienr>", "<case no>"),
    _c("sluta_arende", "unfollow_case", "<diarienr>", "<case no>"),
    _c("paminn", "remind", "<när>|av", "<when>|off"),
    _c("bevaka", "watch", "<ord>", "<word>"),
    _c("bevakningar", "watches"),
    _c("sluta_bevaka", "unwatch", "<ord>", "<word>"),
    _c("sammandrag", "digest", "på|av", "on|off"),
    _c("status", None, admin=True),
)

PUBLIC_COMMANDS: tuple[CommandSpec, ...] = tuple(c for c in COMMANDS if not c.admin)


def command(sv: str) -> CommandSpec:
    """The spec whose Swedish name is `sv` (KeyError for a typo)."""
    for spec in COMMANDS:
        if spec.sv == sv:
            return spec
    raise KeyError(sv)


def all_names() -> frozenset[str]:
    """Every command name and alias the bot answers to."""
    return frozenset(name for spec in COMMANDS for name in spec.names)


def bot_commands(lang: str) -> list[BotCommand]:
    """The public command menu for one language (`set_my_commands`)."""
    return [BotCommand(spec.name(lang), t(spec.key, lang)) for spec in PUBLIC_COMMANDS]


def help_lines(lang: str) -> list[str]:
    """One HTML line per public command, as /hjalp shows them."""
    return [
        t(
            "help_line",
            lang,
            command=f"/{spec.name(lang)}",
            args=html.escape(spec.args(lang), quote=False),
            description=t(spec.key, lang),
        ).replace("  ", " ")
        for spec in PUBLIC_COMMANDS
    ]
