"""The jobs tests' fixtures: the sample portal with a database and the real HTTP client
(`env`, on a clock at noon of `tests.support.pollkit.TODAY`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.pollkit import Env, open_env


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    async with open_env(tmp_path) as opened:
        yield opened
