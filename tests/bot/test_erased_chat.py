"""Erased is erased, in a real bot process at DEBUG: a member follows, watches a word, writes,
gets a private calendar link, then `/radera`s. Afterwards no file of the database (main, -wal,
-shm, read as raw bytes while the bot still runs) and no line of its DEBUG log
(python-telegram-bot's, httpx's and aiosqlite's loggers included) holds the chat's id, words,
text or calendar token."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from pathlib import Path

from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.db import Database
from tests.storage.test_erase import files_of, traces
from tests.support.chatdriver import Member, button_data
from tests.support.world import store_seeds

ROOT = Path(__file__).resolve().parents[2]
CHAT = 7_346_119_235_411
WORD = "Vindkraftsparken"
SECRET = "Zqxwv-budgeten i hemlighet"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path, fake: FakeBotApi, database: Path) -> dict[str, str]:
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nkind = "meetingsplus"\nname = "X"\nurl = "http://127.0.0.1:9"\n',
        encoding="utf-8",
    )
    port = _free_port()
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "DATABASE_PATH": str(database),
        "SOURCES_FILE": str(tmp_path / "sources.toml"),
        "LOG_LEVEL": "DEBUG",
        "HTTP_PORT": str(port),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
    }


async def _converse_and_erase(fake: FakeBotApi) -> str:
    """The member's whole life with the bot; returns the calendar token it was given."""
    member = Member(fake, CHAT)
    await member.say_one("/start")
    await member.say_one("/folj rs")
    await member.say_one(f"/bevaka {WORD}")
    await member.say_one(SECRET)
    mark = fake.mark()
    await fake.inject_command(CHAT, "kalender")
    await fake.wait_for(lambda: bool(fake.sent_documents(CHAT, since=mark)), timeout=10)
    (document,) = fake.sent_documents(CHAT, since=mark)
    found = re.search(r"/calendar/([\w-]+)\.ics", document.caption or "")
    assert found is not None, document.caption
    ask = await member.say_one("/radera")
    call = await member.press(ask.message_id, button_data(ask)[0], "editMessageText")
    assert call.params["text"].startswith("Raderat")
    return found.group(1)


async def test_nothing_of_an_erased_chat_in_the_files_or_the_debug_log(
    tmp_path: Path, fake_api: FakeBotApi, clock: ManualClock
) -> None:
    database = tmp_path / "nb.sqlite3"
    db = await Database.open(database, clock)
    await store_seeds(db)  # the body to follow
    await db.close()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=tmp_path, env=_env(tmp_path, fake_api, database),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert proc.stdout is not None
    reading = asyncio.create_task(proc.stdout.read())  # DEBUG is verbose: never let it block
    try:
        await fake_api.wait_for_call("deleteWebhook", timeout=60)  # polling starts
        token = await _converse_and_erase(fake_api)
        files = files_of(database)  # while the bot still runs: its -wal and -shm exist
        proc.send_signal(signal.SIGINT)  # like Ctrl-C: python-telegram-bot stops cleanly
        log = (await asyncio.wait_for(reading, timeout=30)).decode()
    finally:
        if proc.returncode is None:
            proc.kill()
        await proc.wait()
    assert "Processing update" in log and "Calling Bot API endpoint" in log  # DEBUG was on
    words = (WORD, WORD.lower(), "vindkraftspark", SECRET, "Zqxwv", token)
    for name, data in files.items():
        for trace in traces(CHAT, *words):
            assert trace not in data, f"{name} still holds {trace!r}"
    for word in (*words, str(CHAT)):
        assert word not in log, f"the log holds {word!r}"
