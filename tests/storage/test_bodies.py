"""Bodies: upsert keeps a known name, display names, listing, the organisation (0020)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from agenda.model import Body
from demo.clock import ManualClock
from storage.bodies import BodyRow, get_body, list_bodies, set_organisation, upsert_body
from storage.db import Database
from tests.storage.test_migrate import RELEASED, released_copy

PORTAL = "https://forum.regionjh.se"


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


async def test_the_organisation_is_stored_kept_and_changed_only_when_given(db: Database) -> None:
    async with db.transaction() as conn:
        body_id = await upsert_body(conn, Body("ks", "Kommunstyrelsen", PORTAL, "Tyresö kommun"))
        await upsert_body(conn, Body("ks", None, PORTAL))  # a page that names no organisation
    body = await get_body(db, body_id)
    assert body is not None and body.display_name == "Kommunstyrelsen (Tyresö kommun)"
    async with db.transaction() as conn:
        await upsert_body(conn, Body("ks", None, PORTAL, "Tyresö kommun (KS)"))
    body = await get_body(db, body_id)
    assert body is not None and body.organisation == "Tyresö kommun (KS)"


async def test_set_organisation_names_a_sources_bodies_and_writes_only_a_change(
    db: Database,
) -> None:
    async with db.transaction() as conn:
        ks = await upsert_body(conn, Body("ks", "Kommunstyrelsen", "https://a.se"))
        bun = await upsert_body(conn, Body("bun", "Barn- och utbildningsnämnden", "https://a.se"))
        other = await upsert_body(conn, Body("ks", "Kommunstyrelsen", "https://b.se"))
    assert await set_organisation(db, "https://a.se", "Tyresö kommun") == 2
    assert await set_organisation(db, "https://a.se", "Tyresö kommun") == 0  # no write
    assert await set_organisation(db, "https://b.se", "Nacka kommun", ["bun"]) == 0
    assert await set_organisation(db, "https://b.se", "Nacka kommun", ["ks"]) == 1
    names = {b.id: b.display_name for b in await list_bodies(db)}
    assert names == {
        ks: "Kommunstyrelsen (Tyresö kommun)",
        bun: "Barn- och utbildningsnämnden (Tyresö kommun)",
        other: "Kommunstyrelsen (Nacka kommun)",
    }
    assert [b.id for b in await list_bodies(db)] == [other, bun, ks]  # by organisation, then name
    assert await set_organisation(db, "https://a.se", None) == 2  # removed from the sources file
    assert (await get_body(db, ks)) == BodyRow(ks, "https://a.se", "ks", "Kommunstyrelsen")


@pytest.mark.parametrize("gz", RELEASED, ids=lambda p: p.name)
async def test_a_released_database_gets_bodies_without_organisation_that_can_be_named(
    gz: Path, tmp_path: Path, clock: ManualClock
) -> None:
    old = released_copy(gz, tmp_path)
    con = sqlite3.connect(old)
    before = con.execute("SELECT id, portal, slug, name FROM bodies ORDER BY id").fetchall()
    con.close()
    assert before, "the released database holds bodies"
    db = await Database.open(old, clock)
    try:
        after = await list_bodies(db)
        assert sorted((b.id, b.portal, b.slug, b.name) for b in after) == before
        assert all(b.organisation is None for b in after)
        portal = before[0][1]
        assert await set_organisation(db, portal, "Region Jämtland Härjedalen") >= 1
        named = await get_body(db, before[0][0])
        assert named is not None and named.display_name.endswith("(Region Jämtland Härjedalen)")
    finally:
        await db.close()
