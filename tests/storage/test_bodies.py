"""Bodies: upsert keeps a known name, display names, listing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agenda.model import Body
from demo.clock import ManualClock
from storage.bodies import BodyRow, get_body, list_bodies, upsert_body
from storage.db import Database

PORTAL = "https://forum.regionjh.se"


@pytest.fixture
async def db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", clock)
    yield database
    await database.close()


async def test_upsert_inserts_once_and_keeps_known_name(db: Database) -> None:
    async with db.transaction() as conn:
        first = await upsert_body(conn, Body("regionstyrelsen", "Regionstyrelsen", PORTAL))
        again = await upsert_body(conn, Body("regionstyrelsen", None, PORTAL))
    assert first == again
    assert await get_body(db, first) == BodyRow(first, PORTAL, "regionstyrelsen", "Regionstyrelsen")


async def test_upsert_learns_a_name_later(db: Database) -> None:
    async with db.transaction() as conn:
        body_id = await upsert_body(conn, Body("hsn", None, None))
    async with db.transaction() as conn:
        await upsert_body(conn, Body("hsn", "Hälso- och sjukvårdsnämnden", None))
    body = await get_body(db, body_id)
    assert body is not None and body.name == "Hälso- och sjukvårdsnämnden"
    assert body.portal == ""


async def test_same_slug_on_two_portals_is_two_bodies(db: Database) -> None:
    async with db.transaction() as conn:
        a = await upsert_body(conn, Body("kommunstyrelsen", None, "https://a.se"))
        b = await upsert_body(conn, Body("kommunstyrelsen", None, "https://b.se"))
    assert a != b


def test_display_name_prettifies_slug_when_name_unknown() -> None:
    assert BodyRow(1, "", "halso-och-sjukvardsnamnden", None).display_name == (
        "Halso och sjukvardsnamnden"
    )
    assert BodyRow(1, "", "rs", "Regionstyrelsen").display_name == "Regionstyrelsen"


async def test_list_bodies_sorted_by_display_name_and_get_missing(db: Database) -> None:
    async with db.transaction() as conn:
        await upsert_body(conn, Body("rs", "Regionstyrelsen", PORTAL))
        await upsert_body(conn, Body("halso-och-sjukvardsnamnden", None, PORTAL))
    assert [b.display_name for b in await list_bodies(db)] == [
        "Halso och sjukvardsnamnden",
        "Regionstyrelsen",
    ]
    assert await get_body(db, 999) is None
