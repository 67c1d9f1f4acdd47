"""Text the page puts in the entry after an item's title belongs to that item when the
numbering leaves it no other place (no free number between item n and item n+1)."""

from __future__ import annotations

from agenda.parse import parse_page

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"


def test_entry_between_consecutive_numbers_joins_the_item_above() -> None:
    page = (
        "Hoppa över navigering\n • 4\n  Budget 2018\n • Förslag till budget, RS/12/2017.\n"
        "  Förslag till beslut\n  Budgeten fastställs.\n\n  Bilagor\n • 5\n  Övriga frågor\n"
    )
    items = parse_page(page).items
    assert [(i.number, i.title) for i in items] == [(4, "Budget 2018"), (5, "Övriga frågor")]
    assert items[0].text == (
        "Förslag till budget, RS/12/2017.\nFörslag till beslut\nBudgeten fastställs."
    )
    assert items[0].proposal == "Budgeten fastställs."
    assert items[0].case_numbers == ["RS/12/2017"]


def test_html_description_in_the_next_list_entry_joins_the_item_above() -> None:
    page = (
        '<html><body><div id="agenda"><ul class="agenda-list">'
        '<li class="agenda-item"><span class="item-number">4</span>'
        '<h3 class="item-title">Budget 2018</h3></li>'
        '<li class="agenda-item"><p>Förslag till budget.</p>'
        '<h4>Bilagor</h4><ul><li><a href="/b.pdf">Budget</a></li></ul></li>'
        '<li class="agenda-item"><span class="item-number">5</span>'
        '<h3 class="item-title">Övriga frågor</h3></li></ul></div></body></html>'
    )
    items = parse_page(page, URL).items
    assert [(i.number, i.title, i.text) for i in items] == [
        (4, "Budget 2018", "Förslag till budget."),
        (5, "Övriga frågor", None),
    ]
    assert [a.title for a in items[0].attachments] == ["Budget"]


def test_a_free_number_keeps_the_entry_an_item_of_its_own() -> None:
    page = "Hoppa över navigering\n • 4\n  Budget\n • Text utan rubrik.\n • 6\n  Övrigt\n"
    items = parse_page(page).items
    assert [(i.number, i.number_inferred, i.text) for i in items] == [
        (4, False, None),
        (5, True, "Text utan rubrik."),
        (6, False, None),
    ]


def test_after_the_last_number_the_entry_stays_unnumbered() -> None:
    page = "Hoppa över navigering\n • 4\n  Budget\n • Text utan rubrik.\n"
    items = parse_page(page).items
    assert [(i.number, i.text) for i in items] == [(4, None), (None, "Text utan rubrik.")]
