"""`OutboxStatus` owns the outbox's states: every status word the SQL of any module uses, and
every status a row can be stored with, is one of its members."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from storage.outbox import OutboxStatus
from tests.support.outbox import open_db, put

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("agenda", "storage", "sources", "presentation", "jobs", "handlers", "bot")
# `status = 'x'`, `status IN ('x', 'y')`, `SET status = 'x'` in outbox SQL
_STATUS = re.compile(r"status\s*(?:=|!=|<>|IN)\s*\(?((?:'[a-z_]+'\s*,?\s*)+)\)?", re.I)


def _outbox_sql() -> list[tuple[str, str]]:
    """(file, string) for every string literal in the product that is SQL about the outbox."""
    found = []
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.append((str(path.relative_to(ROOT)), node.value))
    # Adjacent literals of one statement are one Constant; statements about outbox name it.
    return [(f, s) for f, s in found if "status" in s and ("outbox" in s or "o.status" in s)]


def test_every_status_in_outbox_sql_is_a_member() -> None:
    members = {s.value for s in OutboxStatus}
    used = {
        (file, word)
        for file, sql in _outbox_sql()
        for group in _STATUS.findall(sql)
        for word in re.findall(r"'([a-z_]+)'", group)
    }
    assert used, "the scan found no outbox SQL: the test would prove nothing"
    assert {w for _, w in used} <= members, sorted(u for u in used if u[1] not in members)


def test_the_schema_comment_lists_the_same_states() -> None:
    schema = (ROOT / "storage" / "migrations" / "0001_init.sql").read_text(encoding="utf-8")
    comment = re.search(r"status\s+TEXT[^\n]*--\s*([a-z|]+)", schema)
    assert comment is not None
    assert set(comment.group(1).split("|")) <= {s.value for s in OutboxStatus}


async def test_rows_read_back_with_their_status(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await put(db, 1, "k")
    async with db.reader.execute("SELECT DISTINCT status FROM outbox") as cur:
        stored = [OutboxStatus(r[0]) for r in await cur.fetchall()]
    assert stored == [OutboxStatus.PENDING]
    await db.close()
