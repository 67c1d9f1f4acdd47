"""`namndbot run` with a database it cannot use: one clear line and exit 1, never a process that
stays half alive; a second bot on the same database is refused."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bot.cli_run import lock_database
from demo.fake_api import FakeBotApi
from tests.processes import moved_clock_env

ROOT = Path(__file__).resolve().parents[2]


def _env(
    tmp_path: Path, fake: FakeBotApi, token: str, database: Path, level: str
) -> dict[str, str]:
    """The bot's environment: the fake Bot API, a source it never reaches (it stops first)."""
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nkind = "meetingsplus"\nname = "X"\nurl = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    return {
        **moved_clock_env(),  # under CI's timeshift the bot sees the test's day
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "DATABASE_PATH": str(database),
        "SOURCES_FILE": str(tmp_path / "sources.toml"),
        "LOG_LEVEL": level,
    }


async def run(tmp_path: Path, fake: FakeBotApi, database: Path) -> tuple[int, str]:
    env = _env(tmp_path, fake, fake.token, database, "ERROR")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    finally:  # a bot that stays up is the failure this test looks for: never leave it running
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


async def test_a_corrupt_database_is_one_line_and_exit_one(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    database = tmp_path / "nb.sqlite3"
    database.write_bytes(b"this is not a database at all" * 100)
    code, err = await run(tmp_path, fake_api, database)
    assert code == 1
    assert "cannot use the database" in _one_line(err)


async def test_a_database_from_a_newer_version_is_refused(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    database = tmp_path / "nb.sqlite3"
    con = sqlite3.connect(database)
    con.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, sha256 TEXT, applied_at)")
    con.execute("INSERT INTO schema_migrations VALUES ('9999_future.sql', 'x', 'now')")
    con.commit()
    con.close()
    code, err = await run(tmp_path, fake_api, database)
    assert code == 1
    assert "newer version" in _one_line(err)


async def test_a_second_bot_on_the_same_database_is_refused(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    database = tmp_path / "nb.sqlite3"
    held = lock_database(database)
    assert held is not None
    try:
        code, err = await run(tmp_path, fake_api, database)
    finally:
        held.close()
    assert code == 1
    assert "another bot process already uses the database" in _one_line(err)


async def test_another_programs_database_is_refused_untouched(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    database = tmp_path / "notes.sqlite3"
    with sqlite3.connect(database) as con:
        con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.close()
    code, err = await run(tmp_path, fake_api, database)
    assert code == 1
    assert "not a Nämndbot database" in _one_line(err)
    with sqlite3.connect(database) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert tables == {"notes"}


async def test_a_symlinked_path_to_a_locked_database_is_refused(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    real = tmp_path / "data" / "nb.sqlite3"
    link = tmp_path / "other-name.sqlite3"
    real.parent.mkdir()
    link.symlink_to(real)
    held = lock_database(real)
    assert held is not None
    try:
        code, err = await run(tmp_path, fake_api, link)
        assert lock_database(link) is None  # and the other way round, in this process too
    finally:
        held.close()
    assert code == 1
    assert "another bot process already uses the database" in _one_line(err)


async def _run_for(
    tmp_path: Path, fake: FakeBotApi, token: str, seconds: float
) -> tuple[int | None, str]:
    """`namndbot run` at DEBUG (httpx's request logging included) for up to `seconds`."""
    env = _env(tmp_path, fake, token, tmp_path / "nb.sqlite3", "DEBUG")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=seconds)
        return proc.returncode, out.decode()
    except TimeoutError:
        proc.send_signal(signal.SIGINT)  # like Ctrl-C: python-telegram-bot stops cleanly
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
        return None, out.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


async def test_no_token_in_any_line_at_debug(tmp_path: Path, fake_api: FakeBotApi) -> None:
    _, out = await _run_for(tmp_path, fake_api, fake_api.token, seconds=6)
    assert "HTTP Request" in out  # httpx logged Bot API URLs, which carry the token…
    assert "<token>" in out  # …and it was replaced where it stood
    secret = fake_api.token.split(":", 1)[1]
    assert secret not in out


async def test_a_rejected_token_is_one_line_without_the_token(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    rejected = "999999:" + "x" * 35
    code, out = await _run_for(tmp_path, fake_api, rejected, seconds=30)
    assert code == 1
    assert "Telegram refused it" in out and "x" * 35 not in out and "Traceback" not in out
