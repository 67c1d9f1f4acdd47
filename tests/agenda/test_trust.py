"""The doubt rules as a pure function: which pages must wait for the next poll."""

from __future__ import annotations

from datetime import date

from agenda.model import Body, Item, Meeting
from agenda.trust import doubts

RS = Body("regionstyrelsen", "Regionstyrelsen", "https://portal.example")
DAY = date(2030, 3, 1)


def _meeting(
    n: int = 6, *, day: date = DAY, name: str = "Regionstyrelsen", **kw: object
) -> Meeting:
    m = Meeting(Body(RS.slug, name, RS.portal), date=day)
    m.items = [Item(number=i + 1, title=f"Punkt {i + 1}") for i in range(n)]
    for key, value in kw.items():
        setattr(m, key, value)
    return m


def _kinds(page: Meeting, stored: Meeting | None, **kw: object) -> list[str]:
    args: dict[str, object] = {"body_name": "Regionstyrelsen", "url_date": DAY, **kw}
    return [d.kind for d in doubts(page, stored, **args)]  # type: ignore[arg-type]


def test_a_faithful_page_raises_no_doubt() -> None:
    assert _kinds(_meeting(), _meeting()) == []
    assert _kinds(_meeting(3), _meeting(6)) == []  # half is not more than half
    assert _kinds(_meeting(), None) == []
    assert _kinds(_meeting(name="Regionstyrelsen (RS)"), _meeting()) == []


def test_each_doubt() -> None:
    assert _kinds(_meeting(), _meeting(), complete=False) == ["truncated"]
    assert _kinds(_meeting(day=date(2030, 3, 8)), _meeting()) == ["date"]
    assert _kinds(_meeting(name="Hälso- och sjukvårdsnämnden"), _meeting()) == ["body"]
    assert _kinds(_meeting(2), _meeting(6)) == ["shrunk"]
    loose = _meeting(0)
    loose.items = [Item(title="Webbplatsen är tillfälligt otillgänglig")]
    assert _kinds(loose, _meeting()) == ["empty"]
    assert _kinds(_meeting(0), _meeting()) == ["empty"]


def test_what_only_empty_cannot_be_confirmed() -> None:
    found = doubts(_meeting(0), _meeting(), body_name=None, url_date=None, complete=False)
    assert {d.kind: d.confirmable for d in found} == {"truncated": True, "empty": False}


def test_doubts_that_do_not_apply() -> None:
    assert _kinds(_meeting(0, cancelled=True), _meeting()) == []  # a cancelled page
    assert _kinds(_meeting(day=date(2030, 3, 8)), _meeting(), url_date=None) == []  # no URL date
    moved = _meeting(day=date(2030, 3, 8))
    assert _kinds(_meeting(day=date(2030, 3, 8)), moved) == []  # that date was accepted before
    assert _kinds(_meeting(name="Annan nämnd"), _meeting(), body_name=None) == []
