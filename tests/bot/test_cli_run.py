"""`namndbot run` with a database it cannot use: one clear line and exit 1, never a process that
stays half alive; a second bot on the same database is refused."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

from bot.cli_run import lock_database
from demo.fake_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


async def run(tmp_path: Path, fake: FakeBotApi, database: Path) -> tuple[int, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "DATABASE_PATH": str(database),
        "SOURCES_FILE": str(tmp_path / "sources.toml"),
        "LOG_LEVEL": "ERROR",
    }
    (tmp_path / "sources.toml").write_text(  # never reached: the bot stops before polling
        '[[source]]\nkind = "meetingsplus"\nname = "X"\nurl = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
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
