"""`bot.logs`: at the default level a running bot logs its summaries, not its routine job runs;
JSON lines for collectors; the token never appears, tracebacks included."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.logs import QUIET_LOGGERS, make_formatter, setup_logging, token_secrets
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from tests.support.world import make_config, start_application


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def _record(message: str, *args: Any, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("telegram.ext.x", logging.ERROR, __file__, 1, message, args, exc_info)


def test_json_lines_carry_level_logger_message_and_no_token() -> None:
    token = "123456:" + "S" * 35
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError as error:
        record = _record("calling %s", f"/bot{token}/getUpdates", exc=error)
    line = make_formatter("json", token_secrets(token)).format(record)
    assert "S" * 20 not in line
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "telegram.ext.x"
    assert data["message"] == "calling /bot<token>/getUpdates"
    assert "<token>/getMe" in data["exc_info"]


def test_text_lines_redact_the_token_and_its_secret_half() -> None:
    token = "123456:" + "S" * 35
    formatter = make_formatter("text", token_secrets(token))
    line = formatter.format(_record("got %s and %s", token, token.split(":")[1]))
    assert line.endswith("got <token> and <token>")


async def test_a_running_bot_logs_summaries_not_job_runs(
    tmp_path: Path,
    fake_api: FakeBotApi,
    sample_portal: Any,
    clock: ManualClock,
    restore_logging: None,
) -> None:
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nkind = "meetingsplus"\nname = "Exempel"\nurl = "{sample_portal.base_url}"\n',
        encoding="utf-8",
    )
    config = make_config(tmp_path, fake_api, sources_file=tmp_path / "sources.toml")
    out = io.StringIO()
    setup_logging("INFO", "text", token_secrets(config.token), stream=out)
    app = build_application(config, clock)
    runs: list[object] = []
    try:
        await start_application(app)
        assert app.job_queue is not None
        deliver = app.job_queue.scheduler.get_job("deliver")

        def deliver_ran_often() -> bool:
            if not runs or runs[-1] != deliver.next_run_time:
                runs.append(deliver.next_run_time)
            return "poll: " in out.getvalue() and len(runs) > 6

        await fake_api.wait_for(deliver_ran_often, timeout=20, what="a poll and delivery runs")
    finally:
        await stop_application(app)
    lines = out.getvalue().splitlines()
    assert not [line for line in lines if " apscheduler" in line]
    assert sum(" jobs.poll: poll: " in line for line in lines) == 1
    assert len(lines) < 15, lines
    assert config.token and config.token not in out.getvalue()


def test_a_librarys_payloads_are_redacted_and_its_plain_values_kept(
    restore_logging: None,
) -> None:
    import httpx
    from telegram import Update

    out = io.StringIO()
    setup_logging("DEBUG", "text", (), stream=out)
    message = {"message_id": 1, "date": 0, "chat": {"id": 4711, "type": "private"}}
    update = Update.de_json({"update_id": 9, "message": {**message, "text": "hemlig text"}}, None)
    logging.getLogger("telegram.ext.Application").debug("Processing update %s", update)
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `%s` with parameters `%s`",
        "sendMessage",
        {"chat_id": 4711, "text": "hemligt svar"},
    )
    logging.getLogger("aiosqlite").info("executing %s", ("INSERT", ("hemligt ord",)))
    url = httpx.URL("http://127.0.0.1/bot1:x/getMe")
    logging.getLogger("httpx").info("HTTP Request: %s %s", "POST", url)
    logging.getLogger("jobs.deliver").info("deliver: %d sent", 3)
    text = out.getvalue()
    assert "hemlig" not in text and "4711" not in text
    assert "Processing update <Update>" in text
    assert "endpoint `sendMessage` with parameters `<dict>`" in text
    assert "HTTP Request: POST http://127.0.0.1/bot1:x/getMe" in text
    assert "deliver: 3 sent" in text
