"""`namndbot backup PATH` as an operator runs it: the installed console script, a real database."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "namndbot"


def namndbot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "DATABASE_PATH": str(tmp_path / "nb.sqlite3")}
    return subprocess.run(
        [str(SCRIPT), *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )


def test_console_script_lists_the_operator_commands(tmp_path: Path) -> None:
    done = namndbot(tmp_path, "--help")
    assert done.returncode == 0
    for command in ("run", "poll", "parse", "backup", "doctor", "sample-portal"):
        assert command in done.stdout


def test_backup_copies_the_configured_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "nb.sqlite3")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    done = namndbot(tmp_path, "backup", "copy.sqlite3")
    conn.close()
    assert done.returncode == 0, done.stderr
    assert "integrity ok" in done.stdout
    copy = tmp_path / "copy.sqlite3"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert sqlite3.connect(copy).execute("SELECT x FROM t").fetchall() == [(42,)]
    again = namndbot(tmp_path, "backup", "copy.sqlite3")
    assert again.returncode == 1
    assert again.stderr.startswith("backup: ") and "already exists" in again.stderr
