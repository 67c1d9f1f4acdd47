"""The command registry: valid Telegram names, one entry per command, README and /hjalp agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from telegram.constants import BotCommandLimit

from presentation.commands import (
    COMMANDS,
    PUBLIC_COMMANDS,
    all_names,
    bot_commands,
    command,
    help_lines,
)

README = Path(__file__).resolve().parents[2] / "README.md"
_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


def test_names_are_valid_and_unique() -> None:
    names = [n for spec in COMMANDS for n in spec.names]
    assert len(names) == len(set(names))
    assert all(_NAME.match(n) for n in names)
    assert {"start", "hjalp", "help", "nasta", "next", "sok", "search", "status"} <= all_names()


def test_issue_commands_are_all_there() -> None:
    expected = {
        "start", "hjalp", "sprak", "organ", "foljer", "folj", "sluta", "nasta", "punkt",
        "paragraf", "moten", "sok", "paminn", "bevaka", "bevakningar", "sluta_bevaka",
        "sammandrag", "kalender", "integritet", "radera", "status", "arende", "folj_arende",
        "sluta_arende", "kanal",
        "nytt", "forbered", "overklagande", "partigrupp", "linje", "linjer",  # issue 21
    }  # fmt: skip
    assert {spec.sv for spec in COMMANDS} == expected
    assert command("status").admin
    assert "status" not in {spec.sv for spec in PUBLIC_COMMANDS}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_menu_per_language_has_valid_descriptions(lang: str) -> None:
    menu = bot_commands(lang)
    assert len(menu) == len(PUBLIC_COMMANDS)
    for cmd in menu:
        assert len(cmd.description) >= BotCommandLimit.MIN_DESCRIPTION
        assert len(cmd.description) <= BotCommandLimit.MAX_DESCRIPTION
    if lang == "en":
        assert {c.command for c in menu} >= {"help", "next", "item", "search", "start"}
    else:
        assert {c.command for c in menu} >= {"hjalp", "nasta", "punkt", "sok", "start"}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_help_lists_the_menu(lang: str) -> None:
    listed = {re.match(r"/(\w+)", line).group(1) for line in help_lines(lang)}  # type: ignore[union-attr]
    assert listed == {c.command for c in bot_commands(lang)}
    assert any("&lt;" in line for line in help_lines(lang)), "arguments must be escaped"


def readme_commands(text: str) -> set[tuple[str, str]]:
    """(Swedish, English) command pairs from the README's `## Commands` table."""
    section = text.split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    pairs: set[tuple[str, str]] = set()
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or (not cells[0].startswith("`/") and not cells[0].startswith("/")):
            continue
        sv, en = (re.match(r"`?/(\w+)", c) for c in cells[:2])
        assert sv and en, line
        pairs.add((sv.group(1), en.group(1)))
    return pairs


def test_readme_lists_exactly_the_registry() -> None:
    if not README.exists():
        pytest.skip("README.md does not exist yet (the lead adds it with the Commands table)")
    text = README.read_text(encoding="utf-8")
    assert "\n## Commands" in text, "README.md needs a '## Commands' section"
    assert "| Svenska | English | Vad den gör |" in text
    expected = {(spec.sv, spec.en or spec.sv) for spec in COMMANDS}
    assert readme_commands(text) == expected


def test_readme_parser_reads_a_table() -> None:
    sample = (
        "# X\n\n## Commands\n\n| Svenska | English | Vad den gör |\n|---|---|---|\n"
        "| `/start` | `/start` | Kom igång |\n| `/folj <organ>` | `/follow <body>` | Följ |\n"
        "\n## Running\n| `/nope` | `/nope` | x |\n"
    )
    assert readme_commands(sample) == {("start", "start"), ("folj", "follow")}
