"""The composition root and `python -m bot run`: commands registered per language and matching
/hjalp, services and jobs wired, the database opened and closed, config problems reported."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application, root_services
from bot.cli_run import run_bot
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from presentation.commands import PUBLIC_COMMANDS, help_lines
from storage.db import Database
from tests.support.chatdriver import Member
from tests.support.command_table import help_rows, menu_rows, registry_rows
from tests.support.world import ADMIN_CHAT_ID, USER_CHAT_ID, make_config, start_application


@pytest.mark.usefixtures("bot_app")
async def test_commands_registered_per_language_match_help(fake_api: FakeBotApi) -> None:
    swedish = [spec.sv for spec in PUBLIC_COMMANDS]
    english = [spec.en or spec.sv for spec in PUBLIC_COMMANDS]
    assert fake_api.commands_for("sv") == swedish
    assert fake_api.commands_for("en") == english
    assert fake_api.commands_for("") == swedish
    member = Member(fake_api, USER_CHAT_ID)
    for command, registered in (("/hjalp", swedish), ("/help", None)):
        text = (await member.say_one(command)).text
        listed = re.findall(r"^/(\w+)", text, flags=re.MULTILINE)
        assert listed == (registered or swedish)
    await member.say_one("/language en")
    listed = re.findall(r"^/(\w+)", (await member.say_one("/help")).text, flags=re.MULTILINE)
    assert listed == english
    assert [re.match(r"/(\w+)", line).group(1) for line in help_lines("en")] == english  # type: ignore[union-attr]


@pytest.mark.usefixtures("bot_app")
async def test_menus_and_help_show_the_registrys_names_arguments_and_descriptions(
    fake_api: FakeBotApi,
) -> None:
    """The menus the bot sets (per language, the default one, the admins' chats) and /hjalp as
    a member and an administrator receive it carry exactly the registry's rows."""
    admin_scope = {"type": "chat", "chat_id": ADMIN_CHAT_ID}
    for code, lang in (("sv", "sv"), ("en", "en"), ("", "sv")):
        assert fake_api.menu_for(code) == menu_rows(lang)
        assert fake_api.menu_for(code, admin_scope) == menu_rows(lang, admin=True)
    for chat_id, admin in ((USER_CHAT_ID, False), (ADMIN_CHAT_ID, True)):
        someone = Member(fake_api, chat_id)
        assert help_rows((await someone.say_one("/hjalp")).text) == registry_rows("sv", admin)
        await someone.say_one("/language en")
        assert help_rows((await someone.say_one("/help")).text) == registry_rows("en", admin)


async def test_services_and_defaults(
    bot_app: Any, config: Any, seeded_db: Database, clock: ManualClock
) -> None:
    services = root_services(bot_app)
    assert services.db is seeded_db and services.clock is clock
    assert services.admin_chat_ids == config.admin_chat_ids
    assert services.http is None and services.poller is None  # start_jobs=False
    assert bot_app.bot.defaults.parse_mode == "HTML"
    assert str(bot_app.bot.defaults.tzinfo) == "Europe/Stockholm"


def test_build_needs_a_token(tmp_path: Path, clock: ManualClock) -> None:
    with pytest.raises(ValueError, match="token"):
        build_application(make_config(tmp_path), clock)


async def test_owned_database_and_jobs_with_sample_portal(
    tmp_path: Path,
    fake_api: FakeBotApi,
    sample_portal: Any,
    caplog: pytest.LogCaptureFixture,
    clock: ManualClock,
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nkind = "meetingsplus"\nname = "Exempel"\nurl = "{sample_portal.base_url}"\n',
        encoding="utf-8",
    )
    config = make_config(tmp_path, fake_api, sources_file=sources)
    app = build_application(config, clock)
    caplog.set_level(logging.DEBUG)
    try:
        await start_application(app)
        services = root_services(app)
        assert services.poller is not None and services.http is not None
        assert app.job_queue is not None
        jobs = {job.job.id: job.job for job in app.job_queue.jobs()}
        assert set(jobs) == {
            "poll",
            "documents",
            "deliver",
            "reminders",
            "digest",
            "source_health",
            "prune",
        }
        for job in jobs.values():
            assert job.coalesce and job.misfire_grace_time, job.id
        await fake_api.wait_for(lambda: _has_meetings(services.db), timeout=10, what="a poll")
        assert services.parser is not None and services.parser.pids()  # parsed in workers
    finally:
        await stop_application(app)
    assert services.http.is_closed
    assert services.parser.pids() == []  # the workers are stopped with the bot
    with pytest.raises(ValueError):  # the owned database is closed at shutdown
        await services.db.reader.execute("SELECT 1")
    token = config.token or "?"
    leaks = {(r.name, r.levelname) for r in caplog.records if token in r.getMessage()}
    assert not leaks


def _has_meetings(db: Database) -> bool:
    path = db.path
    import sqlite3

    with sqlite3.connect(path) as conn:
        return bool(conn.execute("SELECT count(*) FROM meetings").fetchone()[0])


def test_run_reports_every_config_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token")
    monkeypatch.setenv("POLL_INTERVAL_SECONDS", "1")
    monkeypatch.setenv("ADMIN_CHAT_IDS", "12,abc")
    assert run_bot(force_demo=False) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith("configuration error: ") for line in lines)
    assert any("TELEGRAM_BOT_TOKEN" in line for line in lines)
    assert all("not-a-token" not in line for line in lines)


def test_run_reports_missing_sources_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "a" * 30)
    monkeypatch.setenv("SOURCES_FILE", str(tmp_path / "missing.toml"))
    assert run_bot(force_demo=False) == 1
    err = capsys.readouterr().err
    assert "SOURCES_FILE" in err and "not found" in err and "aaaa" not in err


@pytest.mark.usefixtures("bot_app")
async def test_descriptions_in_both_languages_and_the_admins_menu(fake_api: FakeBotApi) -> None:
    from tests.support.world import ADMIN_CHAT_ID

    stored = fake_api.state.stored
    assert "nämndernas möten" in stored["setMyDescription:sv"]["description"]
    assert "committees' meetings" in stored["setMyDescription:en"]["description"]
    assert len(stored["setMyShortDescription:en"]["short_description"]) <= 120
    assert "nämnderna" in stored["setMyShortDescription:"]["short_description"]
    scope = {"type": "chat", "chat_id": ADMIN_CHAT_ID}
    assert "status" in fake_api.commands_for("sv", scope)
    assert "status" in fake_api.commands_for("", scope)
    assert "status" not in fake_api.commands_for("sv")


@pytest.mark.usefixtures("bot_app")
async def test_a_new_private_chat_speaks_the_members_telegram_language(
    fake_api: FakeBotApi,
) -> None:
    english = Member(fake_api, 8801, extra={"language_code": "en-GB"})
    assert "I don't know" in (await english.say_one("/nosuchthing")).text
    assert "Did you mean /next?" in (await english.say_one("/nexts")).text
    await english.say_one("/sprak sv")  # their choice wins from then on
    assert "Menade du" in (await english.say_one("/nexts")).text
    swedish = Member(fake_api, 8802, extra={"language_code": "de"})
    assert "känner jag inte" in (await swedish.say_one("/nosuchthing")).text


def test_a_second_process_on_one_database_is_refused(tmp_path: Path) -> None:
    from bot.cli_run import lock_database

    path = tmp_path / "bot.sqlite3"
    first = lock_database(path)
    assert first is not None
    assert lock_database(path) is None  # another open file: like another process
    first.close()
    again = lock_database(path)
    assert again is not None
    again.close()
