"""The event rules as a pure function: what each new version of a meeting means."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from agenda.events import DocumentVersion, first_version, next_document, next_version
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


def _doc(
    old: str, new: str, *, versions: int = 1, late: bool = False, same_text: bool = False
) -> tuple[bool, str | None, bool]:
    update = next_document(
        attachment=True,
        late=late,
        versions=versions,
        old=DocumentVersion(old, "gammal text" if old == "ok" else ""),
        new=DocumentVersion(
            new, "gammal text" if same_text else ("ny text" if new == "ok" else "")
        ),
        decisions=False,
    )
    return update.store, update.change, update.text


def test_an_unreadable_read_never_replaces_a_readable_document() -> None:
    for bad in ("broken", "encrypted", "too_large", "timeout"):  # any verdict not readable
        assert _doc("ok", bad) == (False, None, False)
        assert _doc("no_text", bad) == (False, None, False)
    assert _doc("pending", "broken", versions=0) == (True, None, False)  # nothing to keep
    assert _doc("broken", "broken") == (True, None, False)  # nothing readable to keep either


def test_document_changes_and_their_events() -> None:
    assert _doc("pending", "ok", versions=0) == (True, None, True)  # first read, on time
    assert _doc("pending", "broken", versions=0, late=True) == (True, "added", False)
    assert _doc("ok", "ok") == (True, "changed", True)
    assert _doc("ok", "ok", same_text=True) == (True, None, False)  # re-encoded: no news
    assert _doc("ok", "no_text") == (True, "changed", False)  # a scan replaced the text
    assert _doc("broken", "ok") == (True, None, True)  # healed: the text is news, not a change
