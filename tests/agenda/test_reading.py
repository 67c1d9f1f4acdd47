"""Reading state: what is new to a chat since it looked, and read marks that notice changes."""

from __future__ import annotations

from agenda.model import Item
from agenda.reading import ItemView, Seen, current_views, mark_read, mark_seen, news, read_marks

AGENDA = [
    Item(1, title="Mötet öppnas"),
    Item(2, title="Budget 2027", text="Förslag till budget."),
    Item(3, title="Svar på motion om vårdplatser"),
]


def views(
    items: list[Item], docs: dict[int, list[tuple[str, str]]] | None = None
) -> list[ItemView]:
    return current_views(items, {}, docs or {})


def test_nothing_is_news_to_a_chat_that_never_looked_or_just_looked() -> None:
    now = views(AGENDA)
    assert news(Seen(), now) == {}
    seen = mark_seen(Seen(), now, None)
    assert news(seen, now) == {}
    assert news(Seen.from_json(seen.to_json()), now) == {}


def test_an_added_item_a_new_text_and_a_new_document_are_news() -> None:
    seen = mark_seen(Seen(), views(AGENDA), None)
    later = [
        AGENDA[0],
        Item(2, title="Extra ärende: lokaler"),  # inserted: the others renumbered
        Item(3, title="Budget 2027", text="Reviderat förslag till budget."),
        Item(4, title="Svar på motion om vårdplatser"),
    ]
    now = views(later, {3: [("https://x/ts.pdf", "")]})
    assert news(seen, now) == {1: ["added"], 2: ["text"], 3: ["document"]}
    assert news(mark_seen(seen, now, [2]), now) == {1: ["added"], 3: ["document"]}
    assert news(mark_seen(seen, now, None), now) == {}


def test_a_document_read_later_is_not_news_but_a_changed_one_is() -> None:
    seen = mark_seen(Seen(), views(AGENDA, {2: [("u", "")]}), None)
    assert news(seen, views(AGENDA, {2: [("u", "h1")]})) == {}
    seen = mark_seen(seen, views(AGENDA, {2: [("u", "h1")]}), None)
    assert news(seen, views(AGENDA, {2: [("u", "h2")]})) == {2: ["document"]}


def test_only_opened_items_count_until_the_agenda_is_seen() -> None:
    seen = mark_seen(Seen(), views(AGENDA), [1])
    changed = [AGENDA[0], Item(2, title="Budget 2027", text="Nytt."), AGENDA[2], Item(4, title="X")]
    assert news(seen, views(changed)) == {1: ["text"]}


def test_a_read_mark_holds_until_the_item_changes() -> None:
    now = views(AGENDA)
    seen = mark_read(Seen(), now, 2, True)
    assert read_marks(seen, now) == {2: "read"}
    seen = mark_seen(seen, now, None)  # the agenda shown: the mark stays
    later = views(AGENDA, {2: [("u", "h")]})
    assert read_marks(seen, later) == {2: "changed"}
    assert read_marks(mark_read(seen, later, 2, False), later) == {}
