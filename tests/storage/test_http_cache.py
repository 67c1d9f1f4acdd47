"""HTTP validators and listing links survive between cycles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import storage.http_cache
from demo.clock import ManualClock
from storage.db import Database
from storage.http_cache import (
    CacheEntry,
    Link,
    load_cache,
    load_links,
    load_links_under,
    replace_links,
    save_cache,
)


async def test_cache_and_links_round_trip(tmp_path: Path, clock: ManualClock) -> None:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        await save_cache(db, [CacheEntry("http://a/x", '"e1"', "Mon, 01 Jan 2026", "h1")])
        await save_cache(
            db,
            [
                CacheEntry("http://a/x", '"e2"', None, "h2"),
                CacheEntry("http://b/y", None, None, "h3"),
            ],
        )
        assert await load_cache(db, "http://a/") == {
            "http://a/x": CacheEntry("http://a/x", '"e2"', None, "h2")
        }
        assert len(await load_cache(db)) == 2
        old = [Link("http://a/c/b/m1", "meeting", "1", date(2026, 1, 2))]
        await replace_links(db, {"http://a/c/b": old})
        new = [Link("http://a/c/b/m2", "meeting", None, None), Link("http://a/c/b/m3", "meeting")]
        await replace_links(db, {"http://a/c/b": new})
        assert await load_links(db, "http://a/c/b") == new
        assert await load_links(db, "http://a/other") == []
    finally:
        await db.close()


async def test_a_sources_links_load_in_one_query(tmp_path: Path, clock: ManualClock) -> None:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        body = [Link("http://a/c/b/m2", "meeting", None, date(2026, 3, 1))]
        body += [Link("http://a/c/b/m1", "meeting", "Möte", None)]
        await replace_links(
            db,
            {
                "http://a/committees": [Link("http://a/c/b", "body", "B")],
                "http://a/c/b": body,
                "http://ab/c/x": [Link("http://ab/c/x/m", "meeting")],
            },
        )
        assert await load_links_under(db, "http://a/") == {
            "http://a/committees": [Link("http://a/c/b", "body", "B")],
            "http://a/c/b": body,  # in the order the page listed them
        }
        assert await load_links_under(db, "http://z/") == {}
    finally:
        await db.close()


async def test_loads_read_in_batches_miss_nothing(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.http_cache, "BATCH_ROWS", 2)
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        urls = ["http://a", *(f"http://a/{n}" for n in range(5)), "http://b/0"]
        await save_cache(db, [CacheEntry(u, None, None, u) for u in urls])
        assert set(await load_cache(db, "http://a")) == set(urls[:-1])
        assert len(await load_cache(db)) == len(urls)
        links = {
            f"http://a/p{n}": [Link(f"http://a/p{n}/m{k}", "meeting") for k in range(3)]
            for n in range(3)
        }
        await replace_links(db, {**links, "http://b/p": [Link("http://b/p/m", "meeting")]})
        assert await load_links_under(db, "http://a/") == links
    finally:
        await db.close()
