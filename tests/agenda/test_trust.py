"""The doubt rules as a pure function: which pages must wait for the next poll."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from agenda.model import Body, Item, Meeting
from agenda.trust import (
    CONFIRM_AFTER,
    CONFIRM_POLLS,
    Doubt,
    Holding,
    agenda_key,
    another_meeting,
    confirmed,
    doubts,
    needs_comparison,
)

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
    assert _kinds(_meeting(4), _meeting(6)) == []  # a third is not more than a third
    assert _kinds(_meeting(), None) == []
    assert _kinds(_meeting(name="Regionstyrelsen (RS)"), _meeting()) == []


def test_each_doubt() -> None:
    assert _kinds(_meeting(), _meeting(), complete=False) == ["truncated"]
    assert _kinds(_meeting(day=date(2030, 3, 8)), _meeting()) == ["date"]
    assert _kinds(_meeting(name="Hälso- och sjukvårdsnämnden"), _meeting()) == ["body"]
    assert _kinds(_meeting(2), _meeting(6)) == ["shrunk"]
    assert _kinds(_meeting(15), _meeting(26)) == ["shrunk"]  # cut to 60%
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


def test_another_meetings_agenda_is_recognised_and_never_confirmable() -> None:
    page = _meeting(4)
    others = {agenda_key(_meeting(5).items), agenda_key(page.items)}
    found = another_meeting(page, others)
    assert found is not None and found.kind == "other" and not found.confirmable
    assert another_meeting(_meeting(3), others) is None
    assert another_meeting(_meeting(0), {agenda_key([])}) is None  # nothing to compare
    renamed = _meeting(4)
    renamed.items[0].title = "  PUNKT 1 "  # case and spacing do not make another agenda
    assert another_meeting(renamed, others) is not None


def test_only_a_moved_or_doubtful_page_is_compared_with_other_meetings() -> None:
    stored = _meeting()
    assert not needs_comparison(_meeting(), stored, [])  # an edit on the same day
    assert needs_comparison(_meeting(day=date(2030, 3, 8)), stored, [])
    assert needs_comparison(_meeting(), stored, [Doubt("shrunk", "")])
    assert not needs_comparison(_meeting(), None, [Doubt("date", "")])  # nothing stored yet
    assert not needs_comparison(_meeting(0), stored, [Doubt("empty", "")])


def test_confirmation_needs_polls_in_a_row_and_time() -> None:
    since = datetime(2030, 3, 1, 8, tzinfo=UTC)
    shrunk = [Doubt("shrunk", "")]
    enough = Holding("h", CONFIRM_POLLS, since)
    assert confirmed(shrunk, enough, since + CONFIRM_AFTER)
    assert not confirmed(shrunk, enough, since + CONFIRM_AFTER - timedelta(seconds=1))
    few = Holding("h", CONFIRM_POLLS - 1, since)
    assert not confirmed(shrunk, few, since + 10 * CONFIRM_AFTER)
    assert not confirmed([*shrunk, Doubt("other", "")], enough, since + 10 * CONFIRM_AFTER)
