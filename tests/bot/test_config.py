"""The configuration: every setting validated, 0 means 0, every problem at once, and each setting
documented in the README and `.env.example`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import SETTINGS, Config, ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:" + "a" * 30


def load(**env: str) -> Config:
    return load_config(env, dotenv_path=None)


def test_defaults_without_any_setting() -> None:
    config = load()
    assert config == Config()
    assert config.demo


def test_zero_means_zero() -> None:
    """BACKFILL_MONTHS=0 (read no history) was silently 12."""
    assert load(BACKFILL_MONTHS="0").backfill_months == 0


def test_empty_means_the_default() -> None:
    assert load(BACKFILL_MONTHS="", POLL_INTERVAL_SECONDS=" ").backfill_months == 12


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        load(
            TELEGRAM_BOT_TOKEN="nope",
            TELEGRAM_BASE_URL="ftp://x",
            ADMIN_CHAT_IDS="1,abc",
            POLL_INTERVAL_SECONDS="5",
            BACKFILL_MONTHS="twelve",
            SOURCE_FAILURE_ALERT_MINUTES="0",
            LOG_LEVEL="LOUD",
        )
    problems = caught.value.problems
    named = {p.split(":")[0] for p in problems}
    assert named == {
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BASE_URL",
        "ADMIN_CHAT_IDS",
        "POLL_INTERVAL_SECONDS",
        "BACKFILL_MONTHS",
        "SOURCE_FAILURE_ALERT_MINUTES",
        "LOG_LEVEL",
    }
    assert not any("nope" in p for p in problems)  # a secret is never echoed back


def test_values_are_read_and_the_token_stays_out_of_repr() -> None:
    config = load(
        TELEGRAM_BOT_TOKEN=TOKEN,
        ADMIN_CHAT_IDS="1, -100200",
        POLL_INTERVAL_SECONDS="30",
        SOURCE_FAILURE_ALERT_MINUTES="10080",
        LOG_LEVEL="debug",
        CONTACT="ops@example.se",
    )
    assert config.admin_chat_ids == frozenset({1, -100200})
    assert (config.poll_interval_seconds, config.source_failure_alert_minutes) == (30, 10080)
    assert config.log_level == "DEBUG" and "ops@example.se" in config.user_agent
    assert TOKEN not in repr(config) and not config.demo


def test_the_environment_overrides_dotenv(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("BACKFILL_MONTHS=3\nCONTACT=file@example.se\n", encoding="utf-8")
    config = load_config({"BACKFILL_MONTHS": "0"}, dotenv_path=env_file)
    assert (config.backfill_months, config.contact) == (0, "file@example.se")


# A valid value other than the default, for every setting.
SAMPLES = {
    "TELEGRAM_BOT_TOKEN": TOKEN,
    "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
    "DATABASE_PATH": "elsewhere/nb.sqlite3",
    "SOURCES_FILE": "portals.toml",
    "ADMIN_CHAT_IDS": "42",
    "POLL_INTERVAL_SECONDS": "600",
    "CONTACT": "ops@example.se",
    "BACKFILL_MONTHS": "0",
    "SOURCE_FAILURE_ALERT_MINUTES": "5",
    "LOG_LEVEL": "WARNING",
    "LOG_FORMAT": "json",
    "HTTP_PORT": "9090",
    "HTTP_HOST": "0.0.0.0",
    "PUBLIC_BASE_URL": "https://bot.example.se/nb",
}
NEEDS = {"PUBLIC_BASE_URL": {"HTTP_PORT": "9090"}}  # settings that only make sense with another


@pytest.mark.parametrize("name", SETTINGS)
def test_each_setting_changes_the_config(name: str) -> None:
    assert load(**{name: SAMPLES[name]}, **NEEDS.get(name, {})) != Config(), f"{name} is not read"


def test_every_setting_is_documented_and_in_the_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    in_table = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.M))
    in_example = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.M))
    assert set(SAMPLES) == set(SETTINGS)
    assert in_table == set(SETTINGS), "README's settings table"
    assert in_example == set(SETTINGS), ".env.example"


def test_the_http_server_is_off_and_logs_are_text_by_default() -> None:
    config = load()
    assert config.http_port is None and config.http_host == "127.0.0.1"
    assert config.log_format == "text"


def test_operator_settings_are_read() -> None:
    config = load(HTTP_PORT="9090", HTTP_HOST="0.0.0.0", LOG_FORMAT="JSON")
    assert (config.http_port, config.http_host, config.log_format) == (9090, "0.0.0.0", "json")


def test_bad_operator_settings_are_each_reported() -> None:
    with pytest.raises(ConfigError) as caught:
        load(HTTP_PORT="70000", LOG_FORMAT="xml")
    problems = caught.value.problems
    assert any(p.startswith("HTTP_PORT: must be between 1 and 65535") for p in problems)
    assert any(p.startswith("LOG_FORMAT: 'text' or 'json'") for p in problems)
    with pytest.raises(ConfigError, match="HTTP_PORT: expected a whole number"):
        load(HTTP_PORT="web")


def test_the_public_base_url_is_an_http_url_and_needs_the_server() -> None:
    config = load(PUBLIC_BASE_URL="https://bot.example.se/nb", HTTP_PORT="9090")
    assert config.public_base_url == "https://bot.example.se/nb"
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL: needs HTTP_PORT"):
        load(PUBLIC_BASE_URL="https://bot.example.se/nb")
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL: expected an http"):
        load(PUBLIC_BASE_URL="bot.example.se", HTTP_PORT="9090")
