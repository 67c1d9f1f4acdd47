"""`python -m bot poll --once` as an operator runs it: a real subprocess, configured by
environment variables, polling the sample portal started by the test."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from tests.processes import moved_clock_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def portal(clock: ManualClock) -> AsyncIterator[SamplePortal]:
    """Dated from the session's clock: the `poll` process reads the real one (it is the
    production entry point), and the two agree on what day it is."""
    async with SamplePortal(clock=clock) as p:
        yield p


def poll_env(tmp_path: Path) -> dict[str, str]:
    """The environment of `poll`: the database and sources file in `tmp_path`, and the moved
    clock when CI runs the suite under libfaketime (the process must see the test's day)."""
    return {
        **moved_clock_env(),
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_PATH": str(tmp_path / "nb.sqlite3"),
        "SOURCES_FILE": str(tmp_path / "sources.toml"),
        "LOG_LEVEL": "ERROR",
    }


async def poll(tmp_path: Path, *args: str, **env: str) -> tuple[int, str, str]:
    environ = {**poll_env(tmp_path), **env}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "poll",
        *args,
        cwd=tmp_path,
        env=environ,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    finally:  # a test that fails or times out leaves no `poll` process behind
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def write_sources(tmp_path: Path, portal: SamplePortal) -> None:
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nkind = "meetingsplus"\nname = "Exempel"\nurl = "{portal.base_url}"\n\n'
        f'[[source]]\nkind = "feed"\nname = "Flöde"\nurl = "{portal.url("/feed.rss")}"\n',
        encoding="utf-8",
    )


async def test_poll_once_prints_each_source_then_finds_nothing_new(
    tmp_path: Path, portal: SamplePortal
) -> None:
    write_sources(tmp_path, portal)
    code, out, err = await poll(tmp_path, "--once")
    assert code == 0, err
    meetings = len(portal.site.meetings)
    lines = out.splitlines()
    assert lines[0].startswith("Exempel (meetingsplus): new ") and "failed 0" in lines[0]
    assert "backfill (not alerted one by one)" in lines[0]  # a first visit
    assert lines[1].startswith("Flöde (feed): ") and "announcements 2" in lines[1]
    assert sum(int(line.split("new ")[1].split(",")[0]) for line in lines[:2]) == meetings
    code, out, _ = await poll(tmp_path, "--once")
    assert code == 0 and "Exempel (meetingsplus): new 0, changed 0, unchanged" in out
    assert "0 pages parsed" in out


async def test_failed_source_is_reported_with_exit_zero(
    tmp_path: Path, portal: SamplePortal
) -> None:
    write_sources(tmp_path, portal)
    portal.inject("/committees", "500")
    code, out, _ = await poll(tmp_path, "--once")
    assert code == 0
    assert "Exempel (meetingsplus): new 0" in out and "FAILED:" in out and "HTTP 500" in out
    assert "Flöde (feed): new 4" in out


async def test_broken_sources_file_is_one_line_exit_one(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nkind = "rss"\nname = "a"\nurl = "http://a.se"\n', encoding="utf-8"
    )
    code, out, err = await poll(tmp_path, "--once")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and ":2: key 'kind'" in err
    assert "Traceback" not in err


async def test_config_error_and_missing_once(tmp_path: Path) -> None:
    code, _, err = await poll(tmp_path, "--once", POLL_INTERVAL_SECONDS="often")
    assert code == 1 and "POLL_INTERVAL_SECONDS" in err and "Traceback" not in err
    code, out, _ = await poll(tmp_path)
    assert code == 2 and "python -m bot run" in out


async def test_poll_once_tries_a_backed_off_source(tmp_path: Path, portal: SamplePortal) -> None:
    """An operator who fixed a source checks it with `poll --once`; the back-off of the
    scheduled poll must not answer 'skipped' for the next 5 minutes to 6 hours."""
    write_sources(tmp_path, portal)
    portal.inject("/committees", "500")
    code, out, _ = await poll(tmp_path, "--once")
    assert code == 0 and "FAILED:" in out
    portal.heal()
    code, out, _ = await poll(tmp_path, "--once")
    assert code == 0 and "skipped" not in out
    first = out.splitlines()[0]
    assert first.startswith("Exempel (meetingsplus): new ") and first.endswith("— ok")
    assert "new 0," not in first
