"""The one registry of the bot's commands: Swedish name, English alias, arguments, description.

Why: /hjalp, the command menus registered with Telegram (`set_my_commands` per language) and the
README must list the same commands; deriving all three from this list keeps them in step (a test
reads the README and checks). Handlers take their command names from here too, and so do the
Swedish spellings members type (`/sök`, `nästa`) and the "Menade du …?" guess.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from telegram import BotCommand

from presentation.html import Html, single_spaced, t
from presentation.texts import plain


@dataclass(frozen=True)
class CommandSpec:
    """One command. `key` names its description text; `admin` ones are not listed publicly."""

    sv: str
    en: str | None
    args_sv: str
    args_en: str
    key: str
    admin: bool = False
    # How members type it with å, ä, ö (`/sök`): Telegram command names allow only a–z, 0–9
    # and _, so these reach the command as text (handlers.dispatch).
    typed: tuple[str, ...] = ()
    plain: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the command answers to (Swedish first)."""
        return (self.sv,) if self.en is None or self.en == self.sv else (self.sv, self.en)

    @property
    def words(self) -> tuple[str, ...]:
        """The bare words (no slash) that run it in a private chat: `nästa`, `hjälp`."""
        return (*self.names, *self.typed) if self.plain else ()

    def name(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.sv

    def args(self, lang: str) -> str:
        return self.args_en if lang == "en" else self.args_sv


def _c(
    sv: str,
    en: str | None,
    args_sv: str = "",
    args_en: str = "",
    *,
    typed: str = "",
    plain: bool = False,
    admin: bool = False,
) -> CommandSpec:
    spellings = tuple(typed.split()) if typed else ()
    return CommandSpec(sv, en, args_sv, args_en or args_sv, f"cmd_{sv}", admin, spellings, plain)


COMMANDS: tuple[CommandSpec, ...] = (
    _c("start", None),
    _c("hjalp", "help", typed="hjälp", plain=True),
    _c("sprak", "language", "sv|en", "en|sv", typed="språk"),
    _c("organ", "bodies", plain=True),
    _c("foljer", "following", typed="följer", plain=True),
    _c("folj", "follow", "<organ>", "<body>", typed="följ"),
    _c("sluta", "unfollow", "<organ>", "<body>"),
    _c("nasta", "next", "[organ]", "[body]", typed="nästa", plain=True),
    _c("punkt", "item", "<nr> [organ] [datum]", "<no> [body] [date]"),
    _c("paragraf", "paragraph", "<nr> [organ] [år]", "<no> [body] [year]"),
    _c("moten", "meetings", "[organ]", "[body]", typed="möten", plain=True),
    _c("sok", "search", "<ord>", "<words>", typed="sök", plain=True),
    _c("arende", "case", "<diarienr>", "<case no>", typed="ärende"),
    _c("folj_arende", "follow_case", "<diarienr>", "<case no>", typed="följ_ärende"),
    _c("sluta_arende", "unfollow_case", "<diarienr>", "<case no>", typed="sluta_ärende"),
    _c("paminn", "remind", "<när>|av", "<when>|off", typed="påminn"),
    _c("bevaka", "watch", "<ord>", "<word>"),
    _c("bevakningar", "watches", plain=True),
    _c("sluta_bevaka", "unwatch", "<ord>", "<word>"),
    _c("sammandrag", "digest", "på|av", "on|off"),
    _c("kanal", "channel"),
    _c("kalender", "calendar"),
    # Preparing a meeting (issue 21): what is new, the checklist, appeals, the party group.
    _c("nytt", "new", "[organ]", "[body]", plain=True),
    _c("forbered", "prepare", "[organ]", "[body]", typed="förbered"),
    _c("overklagande", "appeals", "[organ]", "[body]", typed="överklagande"),
    _c("partigrupp", "party_group", "<organ>|av", "<body>|off"),
    _c("linje", "line", "<nr> [datum] <ståndpunkt>", "<no> [date] <position>"),
    _c("linjer", "lines", "[datum]", "[date]"),
    _c("integritet", "privacy"),
    _c("radera", "delete_my_data"),
    _c("status", None, admin=True),
)

PUBLIC_COMMANDS: tuple[CommandSpec, ...] = tuple(c for c in COMMANDS if not c.admin)

# The commands that only show something (by Swedish name). Only these may sit behind a
# "Menade du …?" button: one tap on a guess must never unfollow, delete or change a setting.
# A command not listed here is named in the answer but not offered as a button.
READ_ONLY: frozenset[str] = frozenset(
    {"hjalp", "organ", "foljer", "nasta", "punkt", "paragraf", "moten", "sok", "arende",
     "bevakningar", "integritet"}
)  # fmt: skip


def only_shows(spec: CommandSpec) -> bool:
    """True when running `spec` changes nothing (it may sit behind a suggestion button)."""
    return spec.sv in READ_ONLY and not spec.admin


def command(sv: str) -> CommandSpec:
    """The spec whose Swedish name is `sv` (KeyError for a typo)."""
    for spec in COMMANDS:
        if spec.sv == sv:
            return spec
    raise KeyError(sv)


def all_names() -> frozenset[str]:
    """Every command name and alias the bot answers to."""
    return frozenset(name for spec in COMMANDS for name in spec.names)


def _fold(name: str) -> str:
    """`Sök` → `sok`: how a name is compared when guessing what was meant."""
    return name.casefold().translate(_FOLD)


_FOLD = str.maketrans("åäöé", "aaoe")


def spelled(name: str) -> CommandSpec | None:
    """The command a typed spelling such as `sök` or `Nästa` names exactly (else None)."""
    wanted = _fold(name)
    for spec in COMMANDS:
        if wanted in {_fold(n) for n in (*spec.names, *spec.typed)}:
            return spec
    return None


def guess(name: str) -> CommandSpec | None:
    """The public command closest to a mistyped `name` (`sokk` → sok), or None."""
    names = {_fold(n): spec for spec in PUBLIC_COMMANDS for n in (*spec.names, *spec.typed)}
    close = difflib.get_close_matches(_fold(name), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def usage(spec: CommandSpec, lang: str) -> str:
    """How /hjalp and the README write the command: `/sprak sv|en`, `/nasta [organ]`."""
    return f"/{spec.name(lang)} {spec.args(lang)}".rstrip()


def description(spec: CommandSpec, lang: str) -> str:
    """The one-line description /hjalp, the menu and the README's table all show."""
    return plain(spec.key, lang)


def listed(admin: bool = False) -> tuple[CommandSpec, ...]:
    """The commands shown in a chat: the public ones, and the admin ones in an admin's chat."""
    return COMMANDS if admin else PUBLIC_COMMANDS


def bot_commands(lang: str) -> list[BotCommand]:
    """The public command menu for one language (`set_my_commands`)."""
    return [BotCommand(spec.name(lang), description(spec, lang)) for spec in PUBLIC_COMMANDS]


def admin_commands(lang: str) -> list[BotCommand]:
    """The menu in an administrator's chat: the public commands and the admin ones."""
    return [BotCommand(spec.name(lang), description(spec, lang)) for spec in COMMANDS]


def help_lines(lang: str, admin: bool = False) -> list[Html]:
    """One HTML line per command, as /hjalp shows them (the admin ones only to an admin)."""
    return [
        single_spaced(
            t(
                "help_line",
                lang,
                command=f"/{spec.name(lang)}",
                args=spec.args(lang),
                description=t(spec.key, lang),
            )
        )
        for spec in listed(admin)
    ]
