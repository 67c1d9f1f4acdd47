"""The event rules as a pure function: what each new version of a meeting means."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from agenda.events import first_version, next_version
from agenda.model import Body, Item, Meeting

BODY = Body("regionstyrelsen", "Regionstyrelsen", "https://portal.example")


def _meeting(**kw: object) -> Meeting:
    m = Meeting(BODY, url="https://portal.example/committees/regionstyrelsen/mote-2030-03-01")
    m.date, m.start = date(2030, 3, 1), time(8, 30)
    m.items = [Item(number=1, title="Mötet öppnas"), Item(number=2, title="Budget")]
    for key, value in kw.items():
        setattr(m, key, value)
    return m


def test_first_version_with_items_is_one_new_event() -> None:
    assert [(e.kind, e.detail, e.dedup) for e in first_version(_meeting())] == [
        ("new", {"items": 2}, "new")
    ]
    assert first_version(_meeting(items=[])) == []  # listed before its kallelse


def test_first_items_after_an_empty_version_are_the_new_agenda() -> None:
    update = next_version(_meeting(items=[]), _meeting(), "a" * 64, "b" * 64)
    assert [e.kind for e in update.events] == ["new"]
    assert update.keep is not None and len(update.keep.items) == 2


def test_empty_page_is_ignored_and_cancelled_page_keeps_the_items() -> None:
    assert next_version(_meeting(), _meeting(items=[]), "a", "b").keep is None
    update = next_version(_meeting(), _meeting(items=[], cancelled=True), "a", "b")
    assert update.keep is not None and update.keep.cancelled
    assert [i.title for i in update.keep.items] == ["Mötet öppnas", "Budget"]
    assert [(e.kind, e.dedup) for e in update.events] == [("cancelled", "cancelled")]


def test_changes_are_keyed_per_version_pair_and_minutes_stay_known() -> None:
    old = _meeting(minutes_url="https://portal.example/p.pdf")
    items = [*old.items, Item(number=3, title="Tilläggsärende")]
    update = next_version(old, _meeting(items=items, start=time(9, 0)), "1" * 64, "2" * 64)
    assert {e.kind: e.dedup for e in update.events} == {
        "moved": f"moved:{'1' * 16}:{'2' * 16}",
        "changed": f"changed:{'1' * 16}:{'2' * 16}",
    }
    assert update.keep is not None and update.keep.minutes_url == old.minutes_url
    same = next_version(old, replace(old, minutes_url=None), "1", "3")
    assert same.events == [] and same.keep is not None and same.keep.minutes_url
