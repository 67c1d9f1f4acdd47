"""The storage tests' fixtures: `db`, an empty database (migrated) in tmp_path on the test's
clock (a test that needs rows in it makes its own)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from demo.clock import ManualClock
from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", clock)
    yield database
    await database.close()
