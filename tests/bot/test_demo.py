"""The demo: `python -m bot run` without a token chats in the terminal, end to end."""

from __future__ import annotations

import asyncio
import functools
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli_demo import demo_database_path, run_demo_async
from bot.config import Config
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.terminal import DEMO_CHAT_ID, format_message

REPO = Path(__file__).resolve().parents[2]


def _run_demo(tmp_path: Path, lines: list[str] | None) -> subprocess.CompletedProcess[str]:
    """The demo with `lines` typed into a pipe; None: stdin is /dev/null (nohup, a service)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(
        DATABASE_PATH=str(tmp_path / "data" / "namndbot.sqlite3"),
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input=None if lines is None else "".join(f"{line}\n" for line in lines),
        stdin=subprocess.DEVNULL if lines is None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,  # no stray .env with a real token
        env=env,
        timeout=90,
        check=False,
    )


def test_newcomer_session_then_eof(tmp_path: Path) -> None:
    english = ["/language en", "/organ", "[99]", ":x"]  # then the frame is English too
    result = _run_demo(
        tmp_path, ["/hjalp", "/organ", "/folj hsn", "/nasta", ":publicera", "/status", *english]
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in out + result.stderr
    help_at, nasta_at, publish_at = (
        out.index("du> /hjalp"),
        out.index("du> /nasta"),
        out.index("du> :publicera"),
    )
    assert "/nasta" in out[help_at:nasta_at] and "/sok" in out[help_at:nasta_at]
    assert "Hälso- och sjukvårdsnämnden" in out[out.index("du> /organ") : nasta_at]
    agenda = out[nasta_at:publish_at]
    assert "Hälso- och sjukvårdsdirektörens rapport 2019" in agenda  # item 4 of seed 000
    assert "[1]" in agenda  # buttons shown as numbered choices
    # Scannable: entries the seed page left untitled show their tjänsteskrivelse's subject line.
    assert "Månadsrapport februari 2019 📄" in agenda and "rubriken saknas på sidan" in agenda
    assert "Sammanfattnings…" not in agenda  # no button that is only a cut sentence
    assert "Vårdplatser vid Östersunds sjukhus" in out[publish_at:]  # the alert arrived
    assert "1 nytt möte, 0 ändrade." in out[publish_at:]  # singular, not "1 nya möten"
    assert "Senaste hämtning" in out[out.index("du> /status") :]  # the demo user is an admin
    assert "<b>" not in out and "&amp;" not in out  # HTML made readable
    assert (tmp_path / "data" / "namndbot.demo.sqlite3").exists()
    assert not (tmp_path / "data" / "namndbot.sqlite3").exists()  # production DB untouched
    swedish, english_out = (
        out[: out.index("du> /language en")],
        out[out.index("du> /language en") :],
    )
    assert "knappar (skriv t.ex. [1]):" in swedish and "buttons (type" not in swedish
    assert "buttons (type e.g. [1]):" in english_out and "knappar" not in english_out
    assert "(no button [99] — choose among the last ones shown)" in english_out
    assert "Demo commands: :publish :change :minutes :group :private :quit" in english_out
    assert english_out.rstrip().endswith("Goodbye!") and "Hej då" not in out


def test_stdin_from_dev_null_ends_the_demo_cleanly(tmp_path: Path) -> None:
    # /dev/null looks like a pipe to asyncio, but epoll refuses it: the demo used to hang.
    result = _run_demo(tmp_path, None)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert "Hej då" in result.stdout


def test_demo_database_is_never_the_production_file() -> None:
    config = Config(database_path=Path("data/namndbot.sqlite3"))
    assert demo_database_path(config) == Path("data/namndbot.demo.sqlite3")
    assert demo_database_path(Config(database_path=Path("/x/db"))) == Path("/x/db.demo")


def test_format_message_is_readable() -> None:
    shown = format_message("Nämndbot", '<b>Punkt 4</b>\n<a href="https://x.se/m">Mötet</a>')
    assert shown == "\nNämndbot:\n  Punkt 4\n  Mötet <https://x.se/m>\n"


def test_demo_shows_a_proposal_and_a_decision_from_the_pdfs(tmp_path: Path) -> None:
    result = _run_demo(
        tmp_path, ["/punkt 4 regionfullmäktige", "/moten svom", "[2]", "8", "/arende hsn/203/2019"]
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    motion = out[out.index("du> /punkt 4") : out.index("du> /moten")]
    assert "Förslag till beslut:" in motion and "Motionen anses besvarad." in motion
    assert "tjansteskrivelse-hsn-203-2019pdf" in motion  # the document's link
    item = out[out.index("du> 8") : out.index("du> /arende")]
    assert "Beslut: SVOM ställer sig bakom inriktningen i skrivelsen." in item
    assert "Reservation: Anna Granevärn (M)" in item
    assert "Ärende HSN/203/2019: 2 ställen" in out[out.index("du> /arende") :]


def test_preparing_a_meeting_in_the_demo(tmp_path: Path) -> None:
    """The demo shows /nytt, /forbered, an appeal window and a party group (issue 21). The
    button is pressed before any alert can arrive with buttons of its own."""
    lines = [
        "/folj hsn", "/forbered regionfullmaktige", "[1]", "/nasta", ":andra", "/nytt",
        "/folj svom", "/overklagande", ":protokoll", ":grupp", "/partigrupp hsn",
        "/linje 4 bifall", "/linjer",
    ]  # fmt: skip
    result = _run_demo(tmp_path, lines)
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in out + result.stderr

    def after(line: str) -> str:
        start = out.index(f"du> {line}")
        end = out.find("du> ", start + 4)
        return out[start : end if end > 0 else None]

    assert "reviderad" in after("/nytt") and "ny rubrik" in after("/nytt")
    assert "0 av 2 lästa" in after("/forbered regionfullmaktige")
    assert "1 av 2 lästa" in after("[1]")
    assert "Sociala vård- och omsorgsgruppen (SVOM)" in after("/overklagande")
    assert "går ut" in after("/overklagande")
    assert "Protokollet är anslaget" in out[out.index("du> :protokoll") :]  # the alert
    assert "partigrupp för Hälso- och sjukvårdsnämnden" in after("/partigrupp hsn")
    assert ": bifall" in after("/linjer")


class _Typing:
    """What the newcomer types, line by line; just before `:publicera` is read, Telegram is
    made to refuse the next message to the demo chat for a while (429, retry after 2 s), as an
    overloaded Telegram or a loaded machine delays an alert. Read in a worker thread."""

    def __init__(self, lines: list[str], fake: FakeBotApi, loop: asyncio.AbstractEventLoop):
        self.lines, self.fake, self.loop = [f"{line}\n" for line in lines], fake, loop

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file descriptor: read in a thread")

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        line = self.lines.pop(0) if self.lines else ""
        if line.startswith(":publicera"):
            late = functools.partial(self.fake.fail_retry_after, 2, chat_id=DEMO_CHAT_ID)
            self.loop.call_soon_threadsafe(late)
        return line


@pytest.fixture
def demo_log_levels() -> Iterator[None]:
    """The demo quietens the root and library loggers for its terminal (in its own process, as
    a newcomer runs it); run in the test process, the levels are put back afterwards, so a
    later test that logs at DEBUG is not silenced by this one."""
    names = ("", "apscheduler", "telegram", "httpx", "httpcore")
    saved = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("demo_log_levels")
async def test_an_alert_that_comes_late_is_still_shown_after_publicera(
    tmp_path: Path, clock: ManualClock
) -> None:
    """The demo waits for the bot to be done with the chat (the alert sent), not for a fixed
    time: a late alert is shown after `:publicera`, also when typing ends right there."""
    out = io.StringIO()
    async with FakeBotApi() as fake:
        typing = _Typing(["/folj hsn", ":publicera"], fake, asyncio.get_running_loop())
        config = Config(database_path=tmp_path / "namndbot.sqlite3")
        running = ManualClock(clock.now(), running=True)
        assert await run_demo_async(config, running, stdin=typing, out=out, fake=fake) == 0
    shown = out.getvalue()
    published = shown[shown.index("du> :publicera") :]
    assert "Vårdplatser vid Östersunds sjukhus" in published  # the alert, after its retry
    assert "Ingen avisering" not in published
