"""What each place that lists the commands shows, read back as (usage, description) rows.

Why: `/hjalp`, Telegram's menu and the README table must show the registry's names, arguments
and descriptions exactly (`presentation.commands`); the tests read each place back the same way
and compare it with the registry's rows, so any drift in any of them fails.
"""

from __future__ import annotations

import html
import re

from presentation.commands import CommandSpec, description, listed, usage

Row = tuple[str, str]
_TAG = re.compile(r"<[^>]+>")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
SEPARATOR = " – "


def registry_rows(lang: str, admin: bool = False) -> list[Row]:
    """What /hjalp shows in a chat: `/usage args`, description."""
    return [(usage(spec, lang), description(spec, lang)) for spec in listed(admin)]


def menu_rows(lang: str, admin: bool = False) -> list[Row]:
    """What Telegram's menu shows: the bare name (menus have no arguments), description."""
    return [(spec.name(lang), description(spec, lang)) for spec in listed(admin)]


def help_rows(text: str) -> list[Row]:
    """The command lines of a /hjalp message (HTML or already visible text)."""
    rows: list[Row] = []
    for line in html.unescape(_TAG.sub("", text)).splitlines():
        if line.startswith("/"):
            command, sep, rest = line.partition(SEPARATOR)
            assert sep, f"a /hjalp line without '{SEPARATOR}': {line!r}"
            rows.append((command.strip(), rest.strip()))
    return rows


def readme_rows(text: str) -> list[tuple[str, str, str]]:
    """(Swedish usage, English usage, description) from the README's `## Commands` table, in
    order; `\\|` in a cell is a literal `|` (GitHub's escape inside a table)."""
    section = text.split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    rows: list[tuple[str, str, str]] = []
    for line in section.splitlines():
        cells = [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(line.strip().strip("|"))]
        if len(cells) < 3 or not cells[0].startswith(("`/", "/")):
            continue
        rows.append((cells[0].strip("`"), cells[1].strip("`"), cells[2]))
    return rows


def readme_expected() -> list[tuple[str, str, str]]:
    """The README rows the registry implies: every command, the admin ones too."""
    return [_readme_row(spec) for spec in listed(admin=True)]


def _readme_row(spec: CommandSpec) -> tuple[str, str, str]:
    return usage(spec, "sv"), usage(spec, "en"), description(spec, "sv")
