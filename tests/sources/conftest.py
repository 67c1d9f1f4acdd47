"""The sources tests' fixtures: the sample portal with a database and the real HTTP client
(`env`, on a clock at noon of `tests.support.pollkit.TODAY`), and a municipal site on
127.0.0.1 (`site`) with a database and client beside it (`web`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from demo.clock import ManualClock
from tests.support.pollkit import Env, open_env
from tests.support.webkit import Site, WebEnv, open_web, serving_site


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    async with open_env(tmp_path) as opened:
        yield opened


@pytest.fixture
def site() -> Iterator[Site]:
    with serving_site() as served:
        yield served


@pytest.fixture
async def web(site: Site, tmp_path: Path, clock: ManualClock) -> AsyncIterator[WebEnv]:
    async with open_web(site, tmp_path, clock) as opened:
        yield opened
