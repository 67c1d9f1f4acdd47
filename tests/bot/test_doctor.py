"""`namndbot doctor`: each check against real parts — the fake Bot API, the sample portal over
HTTP, a closed localhost port, SQLite files — and the command as an operator runs it."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import sys
from pathlib import Path

from bot.doctor import Check, check_database, check_sources, check_token
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.sample_portal import SamplePortal
from sources.config import SourceConfig
from storage.db import Database
from tests.support.pdfserver import serving
from tests.support.world import make_config

BAD_TOKEN = "999999:" + "x" * 35
SCRIPT = Path(sys.executable).parent / "namndbot"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_token_accepted_and_refused(tmp_path: Path, fake_api: FakeBotApi) -> None:
    good = await check_token(make_config(tmp_path, fake_api))
    assert good.ok and good.detail.startswith("@")
    bad = await check_token(make_config(tmp_path, fake_api, token=BAD_TOKEN))
    assert not bad.ok
    assert "refused" in bad.line() and "@BotFather" in bad.line()
    assert BAD_TOKEN not in bad.line()
    none = await check_token(make_config(tmp_path, None))
    assert not none.ok and "demo" in none.detail


async def test_sources_found_and_unreachable(tmp_path: Path, sample_portal: SamplePortal) -> None:
    port = closed_port()
    sources = [
        SourceConfig("meetingsplus", "Exempel", sample_portal.base_url),
        SourceConfig("meetingsplus", "Fel", sample_portal.base_url, ("ingen-sadan-namnd",)),
        SourceConfig("feed", "Flöde", sample_portal.url("/feed.rss")),
        SourceConfig("meetingsplus", "Stängd", f"http://127.0.0.1:{port}"),
    ]
    portal, wrong_body, feed, closed = await check_sources(make_config(tmp_path), sources)
    assert portal.ok and "bodies listed" in portal.detail
    assert not wrong_body.ok and "ingen-sadan-namnd" in wrong_body.detail
    assert feed.ok and "in the feed" in feed.detail
    assert not closed.ok
    assert f"127.0.0.1:{port}" in closed.detail and "connection error" in closed.detail
    assert "check the url" in closed.line()


async def test_a_webpage_source_is_checked_for_kallelse_and_protokoll_links(
    tmp_path: Path,
) -> None:
    with serving() as files:
        files.files["/ks"] = (
            b'<ul><li><a href="/k.pdf">Kallelse 2030-06-19</a></li>'
            b'<li><a href="/p.pdf">Protokoll</a></li><li><a href="/nyheter">Nyheter</a></li></ul>'
        )
        files.files["/nyheter"] = b'<a href="/nyheter/1">Ny f\xc3\xb6rskola 2030-06-19</a>'
        sources = [
            SourceConfig("webpage", "KS", files.base + "/ks", body="Kommunstyrelsen"),
            SourceConfig("webpage", "Nyheter", files.base + "/nyheter"),
        ]
        listing, news = await check_sources(make_config(tmp_path), sources)
    assert listing.ok and listing.detail == "1 kallelser and 1 protokoll linked, 1 with a date"
    assert not news.ok and "no kallelse or protokoll linked" in news.detail
    assert "the page that lists the body's kallelser" in news.line()


async def test_database_absent_current_and_damaged(tmp_path: Path, clock: ManualClock) -> None:
    absent = check_database(tmp_path / "new" / "nb.sqlite3")
    assert absent.ok and "created at first start" in absent.detail
    assert not (tmp_path / "new").exists()
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    applied = len(await db.applied_migrations())
    await db.close()
    current = check_database(tmp_path / "nb.sqlite3")
    assert current.ok
    assert current.detail == f"{applied} migrations applied, 0 meetings"
    with sqlite3.connect(tmp_path / "nb.sqlite3") as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future.sql', 'x', 'y')")
    newer = check_database(tmp_path / "nb.sqlite3")
    assert not newer.ok and "9999_from_the_future" in newer.detail
    (tmp_path / "junk.sqlite3").write_bytes(b"this is not a database" * 100)
    junk = check_database(tmp_path / "junk.sqlite3")
    assert not junk.ok and "restore a backup" in junk.line()


def test_a_failed_check_reads_as_one_line_with_the_fix() -> None:
    check = Check("token", False, "refused", "get a new one")
    assert check.line() == "FAIL  token: refused — get a new one"
    assert Check("db", True, "fine", "unused").line() == "ok    db: fine"


async def test_doctor_command_reports_bad_token_and_unreachable_source(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    port = closed_port()
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nkind = "meetingsplus"\nname = "Stängd"\nurl = "http://127.0.0.1:{port}"\n',
        encoding="utf-8",
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "TELEGRAM_BOT_TOKEN": BAD_TOKEN,
        "TELEGRAM_BASE_URL": fake_api.base_url,
        "DATABASE_PATH": str(tmp_path / "nb.sqlite3"),
    }
    proc = await asyncio.create_subprocess_exec(
        str(SCRIPT), "doctor", cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    lines = out.decode().splitlines()
    assert proc.returncode == 1
    assert [line.split()[0] for line in lines] == ["ok", "ok", "FAIL", "FAIL", "ok"]
    assert "token" in lines[2] and "refused" in lines[2]
    assert "Stängd" in lines[3] and "connection error" in lines[3]
    assert BAD_TOKEN not in out.decode()


def test_another_programs_database_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.close()
    found = check_database(path)
    assert not found.ok and "not a Nämndbot database" in found.line()
