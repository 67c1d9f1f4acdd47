"""Patient start: with the Bot API unreachable the bot waits, says so, and starts when it can."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import pytest
from telegram.error import InvalidToken

from bot.startup import Sleep, wait_for_telegram
from demo.fake_api import FakeBotApi
from demo.limits import Fault
from tests.bot.test_doctor import BAD_TOKEN, closed_port

SCRIPT = Path(sys.executable).parent / "namndbot"


class Stop(Exception):
    pass


def recorder(pauses: list[float], stop_after: int = 100) -> Sleep:
    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) >= stop_after:
            raise Stop

    return sleep


async def test_waits_through_dropped_connections_then_starts(
    fake_api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    fake_api.faults.add(Fault("getMe", "drop", times=2))
    pauses: list[float] = []
    me = await wait_for_telegram(fake_api.token, fake_api.base_url, sleep=recorder(pauses))
    assert me.id == fake_api.bot_id
    assert pauses == [1.0, 2.0]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("cannot reach Telegram" in w for w in warnings)


async def test_backs_off_to_the_cap_while_nothing_listens() -> None:
    pauses: list[float] = []
    base_url = f"http://127.0.0.1:{closed_port()}/bot"
    with pytest.raises(Stop):
        await wait_for_telegram(
            BAD_TOKEN, base_url, max_pause=8.0, sleep=recorder(pauses, stop_after=6)
        )
    assert pauses == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


async def test_a_refused_token_is_not_waited_for(fake_api: FakeBotApi) -> None:
    pauses: list[float] = []
    with pytest.raises(InvalidToken):
        await wait_for_telegram(BAD_TOKEN, fake_api.base_url, sleep=recorder(pauses))
    assert pauses == []


async def test_run_keeps_waiting_when_telegram_is_unreachable(tmp_path: Path) -> None:
    port = closed_port()
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nkind = "feed"\nname = "F"\nurl = "http://127.0.0.1:{port}/f"\n',
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "TELEGRAM_BOT_TOKEN": BAD_TOKEN,
        "TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot",
        "DATABASE_PATH": str(tmp_path / "nb.sqlite3"),
    }
    proc = await asyncio.create_subprocess_exec(
        str(SCRIPT), "run", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    assert proc.stderr is not None
    try:
        seen: list[str] = []
        async with asyncio.timeout(60):
            while len(seen) < 2:  # two failed attempts: it retried instead of exiting
                line = (await proc.stderr.readline()).decode()
                assert line, "the bot exited"
                if "cannot reach Telegram" in line:
                    seen.append(line)
        assert proc.returncode is None
        assert "attempt 2" in seen[1] and BAD_TOKEN not in "".join(seen)
    finally:
        proc.terminate()
        await proc.wait()
