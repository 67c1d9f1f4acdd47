"""Change detection between two versions of a meeting: each change kind and item identity."""

from __future__ import annotations

from datetime import date, time

from agenda.diff import match_items
from agenda.events import Change, diff_meetings
from agenda.model import Body, Item, Meeting


def _meeting(items: list[Item], **kwargs: object) -> Meeting:
    m = Meeting(Body("rs", "Regionstyrelsen"), url="https://p/mote-2024-03-01", items=items)
    m.date = date(2024, 3, 1)
    m.start = time(8, 30)
    m.place = "Hörsalen"
    for key, value in kwargs.items():
        setattr(m, key, value)
    return m


def _items() -> list[Item]:
    return [
        Item(number=1, title="Mötet öppnas", procedural=True),
        Item(number=2, title="Val av justerare", procedural=True),
        Item(number=3, title="Budget 2025", text="Förslag till budget för 2025."),
        Item(number=4, title="Vårdplatser", text="Rapport om vårdplatser på sjukhuset."),
    ]


def _kinds(changes: list[Change]) -> list[str]:
    return [c.kind for c in changes]


def test_identical_meetings_have_no_changes() -> None:
    assert diff_meetings(_meeting(_items()), _meeting(_items())) == []


def test_whitespace_only_differences_are_not_rewording() -> None:
    new = _items()
    new[3].text = "  Rapport om\nvårdplatser   på sjukhuset. "
    assert diff_meetings(_meeting(_items()), _meeting(new)) == []


def test_item_added_removed_and_reworded() -> None:
    new = _items()
    new[2].title = "Budget 2025 för regionen"
    del new[3]
    new.append(Item(number=5, title="Tilläggsärende: ambulansstation"))
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.kind == "changed"
    assert change.detail == {
        "added": [{"number": 5, "paragraph": None, "title": "Tilläggsärende: ambulansstation"}],
        "removed": [{"number": 4, "paragraph": None, "title": "Vårdplatser"}],
        "reworded": [{"number": 3, "paragraph": None, "title": "Budget 2025 för regionen"}],
    }


def test_proposal_change_is_rewording() -> None:
    new = _items()
    new[2].proposal = "Budgeten fastställs."
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.detail["reworded"] == [{"number": 3, "paragraph": None, "title": "Budget 2025"}]


def test_inserted_item_renumbering_others_is_one_addition() -> None:
    new = _items()
    new.insert(2, Item(number=3, title="Extra ärende", text="Nytt ärende om ambulansflyg."))
    new[3].number, new[4].number = 4, 5
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.detail == {
        "added": [{"number": 3, "paragraph": None, "title": "Extra ärende"}],
        "removed": [],
        "reworded": [],
    }


def test_unnumbered_items_are_matched_by_text_similarity() -> None:
    old = [
        Item(text="Enligt reglemente har föredragningslistan utsänts till ledamöter."),
        Item(text="Rapport om läkemedelskostnader och köpt vård under februari 2019."),
    ]
    new = [
        Item(text="Rapport om läkemedelskostnader och köpt vård under mars 2019."),
        Item(text="Enligt reglemente har föredragningslistan utsänts till ledamöter."),
    ]
    assert sorted(match_items(old, new)) == [(0, 1), (1, 0)]
    [change] = diff_meetings(_meeting(old), _meeting(new))
    assert change.detail["reworded"] == [{"number": None, "paragraph": None, "title": None}]
    assert change.detail["added"] == [] and change.detail["removed"] == []


def test_items_matched_by_paragraph_when_unnumbered() -> None:
    old = [Item(paragraph=54, title="Motion om vårdplatser")]
    new = [Item(paragraph=54, title="Svar på motion om vårdplatser i länet")]
    [change] = diff_meetings(_meeting(old), _meeting(new))
    assert change.detail["reworded"] == [
        {"number": None, "paragraph": 54, "title": "Svar på motion om vårdplatser i länet"}
    ]


def test_moved_reports_only_changed_fields() -> None:
    new = _meeting(_items(), start=time(13, 0), place="Styrelserummet")
    [change] = diff_meetings(_meeting(_items()), new)
    assert change == Change(
        "moved", {"start": ["08:30", "13:00"], "place": ["Hörsalen", "Styrelserummet"]}
    )
    [change] = diff_meetings(_meeting(_items()), _meeting(_items(), date=date(2024, 3, 8)))
    assert change.detail == {"date": ["2024-03-01", "2024-03-08"]}


def test_cancelled_is_reported_alone() -> None:
    new = _meeting([], cancelled=True, place="Inställt")
    assert diff_meetings(_meeting(_items()), new) == [Change("cancelled", {})]


def test_minutes_url_appearing_is_minutes() -> None:
    url = "https://p/mote-2024-03-01/protocol/protokoll.pdf?downloadMode=open"
    changes = diff_meetings(_meeting(_items()), _meeting(_items(), minutes_url=url))
    assert changes == [Change("minutes", {"minutes_url": url})]


def test_minutes_text_appearing_first_time_is_minutes_once() -> None:
    with_minutes = _items()
    with_minutes[2].minutes_text = "Regionstyrelsen beslutar att fastställa budgeten."
    with_minutes[2].paragraph = 17
    assert _kinds(diff_meetings(_meeting(_items()), _meeting(with_minutes))) == ["minutes"]
    more = _items()
    more[2].minutes_text = with_minutes[2].minutes_text
    more[2].paragraph = 17
    more[3].minutes_text = "Informationen läggs till handlingarna."
    assert diff_meetings(_meeting(with_minutes), _meeting(more)) == []


def test_withdrawn_item_and_reworded_next_item_are_told_apart() -> None:
    """Item 3 withdrawn, item 4 reworded and renumbered 3: not "3 reworded, 4 removed"."""
    new = _items()
    del new[2]
    new[2].number = 3
    new[2].text = "Rapport om vårdplatser på sjukhuset och i primärvården."
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.detail == {
        "added": [],
        "removed": [{"number": 3, "paragraph": None, "title": "Budget 2025"}],
        "reworded": [{"number": 3, "paragraph": None, "title": "Vårdplatser"}],
    }


def test_inserted_item_and_reworded_later_item_are_told_apart() -> None:
    new = _items()
    new.insert(2, Item(number=3, title="Extra ärende", text="Nytt ärende om ambulansflyg."))
    new[3].number, new[4].number = 4, 5
    new[3].proposal = "Budgeten fastställs."
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.detail == {
        "added": [{"number": 3, "paragraph": None, "title": "Extra ärende"}],
        "removed": [],
        "reworded": [{"number": 4, "paragraph": None, "title": "Budget 2025"}],
    }


def test_completely_rewritten_item_keeps_its_number_identity() -> None:
    new = _items()
    new[3].title, new[3].text = "Ambulansstation i Funäsdalen", "Ny station föreslås."
    [change] = diff_meetings(_meeting(_items()), _meeting(new))
    assert change.detail["reworded"] == [
        {"number": 4, "paragraph": None, "title": "Ambulansstation i Funäsdalen"}
    ]
    assert change.detail["added"] == [] and change.detail["removed"] == []
