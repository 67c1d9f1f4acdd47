"""The command registry: valid Telegram names, one entry per command; /hjalp, the menu and the
README table show its names, arguments and descriptions exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from telegram.constants import BotCommandLimit

from presentation.commands import (
    COMMANDS,
    PUBLIC_COMMANDS,
    admin_commands,
    all_names,
    bot_commands,
    command,
    description,
    help_lines,
)
from tests.support.command_table import (
    SEPARATOR,
    help_rows,
    menu_rows,
    readme_expected,
    readme_rows,
    registry_rows,
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


@pytest.mark.parametrize("admin", [False, True])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_help_and_menu_show_the_registry(lang: str, admin: bool) -> None:
    """Names, arguments and descriptions: /hjalp's lines and the menu are the registry's."""
    shown = help_rows("\n".join(help_lines(lang, admin)))
    assert shown == registry_rows(lang, admin)
    menu = bot_commands(lang) if not admin else admin_commands(lang)
    assert [(c.command, c.description) for c in menu] == menu_rows(lang, admin)
    assert ("status" in {c.command for c in menu}) is admin
    assert any("&lt;" in line for line in help_lines(lang)), "arguments must be escaped"


def test_help_shows_the_arguments_and_descriptions() -> None:
    """A sample, so that the readers above cannot agree on nothing."""
    rows = dict(registry_rows("sv", admin=True))
    assert rows["/sprak sv|en"] == "Byt chattens språk (svenska är standard)"
    assert rows["/paminn <när>|av"].startswith("Påminnelser")
    assert rows["/integritet"] == "Vad boten sparar om chatten och varför"
    assert "/status" in rows and "/status" not in dict(registry_rows("sv"))
    assert dict(registry_rows("en"))["/remind <when>|off"].startswith("Reminders")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_descriptions_are_one_short_line(lang: str) -> None:
    for spec in COMMANDS:
        text = description(spec, lang)
        assert "\n" not in text and SEPARATOR not in text and "|" not in text, spec.sv
        assert len(text) <= 80, f"{spec.sv}: keep the menu's description short ({len(text)})"


def test_readme_lists_exactly_the_registry() -> None:
    """Every command once, in registry order, with /hjalp's arguments and the Swedish
    description word for word (more explanation goes in the separate column)."""
    if not README.exists():
        pytest.skip("README.md does not exist yet (the lead adds it with the Commands table)")
    text = README.read_text(encoding="utf-8")
    assert "\n## Commands" in text, "README.md needs a '## Commands' section"
    assert "| Svenska | English | Vad den gör | Mer |" in text
    assert readme_rows(text) == readme_expected()


def test_readme_parser_reads_a_table() -> None:
    sample = (
        "# X\n\n## Commands\n\n| Svenska | English | Vad den gör | Mer |\n|---|---|---|---|\n"
        "| `/start` | `/start` | Kom igång | |\n"
        "| `/sprak sv\\|en` | `/language en\\|sv` | Byt | mer \\| text |\n"
        "\n## Running\n| `/nope` | `/nope` | x |\n"
    )
    assert readme_rows(sample) == [
        ("/start", "/start", "Kom igång"),
        ("/sprak sv|en", "/language en|sv", "Byt"),
    ]


def test_help_parser_reads_html_lines() -> None:
    text = "<b>Kommandon</b>\n\n/folj &lt;organ&gt; – Följ ett organ\n/hjalp – Alla\n\nslut"
    assert help_rows(text) == [("/folj <organ>", "Följ ett organ"), ("/hjalp", "Alla")]
