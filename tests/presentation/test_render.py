"""Rendering: one message for a 30-item agenda, every portal string escaped, procedural items
folded, items in full, buttons with callback_data under 64 bytes."""

from __future__ import annotations

import re
from datetime import date, time

from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from agenda.model import Attachment, Body, Item, Meeting
from presentation.callbacks import ShowItem, decode
from presentation.render import (
    item_keyboard,
    meeting_keyboard,
    render_item,
    render_meeting,
    truncate,
)
from storage.bodies import BodyRow
from storage.meeting_rows import StoredMeeting

EVIL = '<script>alert("x")</script> & <b>'
BIG_ID = 10**12 - 1


def stored(items: list[Item], *, name: str = "Regionstyrelsen", **kw: object) -> StoredMeeting:
    body = BodyRow(1, "https://forum.regionjh.se", "regionstyrelsen", name)
    meeting = Meeting(
        body=Body("regionstyrelsen", name),
        url="https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12",
        date=date(2017, 12, 12),
        start=time(8, 30),
        end=time(17, 20),
        place="Hörsalen",
        items=items,
        **kw,  # type: ignore[arg-type]
    )
    return StoredMeeting(BIG_ID, body, meeting, "2017-12-01T00:00:00+00:00", "")


def _tags_balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)([a-z-]+)[^>]*>", html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def test_thirty_item_agenda_fits_one_message_with_long_titles() -> None:
    items = [Item(number=n, title="Mycket lång rubrik om budget " * 20) for n in range(1, 31)]
    items[0].procedural = items[1].procedural = True
    html = render_meeting(stored(items), "sv")
    assert len(html) <= MessageLimit.MAX_TEXT_LENGTH
    assert "<i>Formalia: 1, 2</i>" in html
    assert html.count("\n<b>") == 28
    assert html.startswith("<b>Regionstyrelsen</b>\ntisdag 12 december 2017, 08:30–17:20")


def test_every_portal_string_is_escaped() -> None:
    item = Item(
        number=4,
        title=EVIL,
        text=EVIL + "\n\nAndra stycket.",
        proposal=EVIL,
        case_numbers=[EVIL],
        attachments=[Attachment(EVIL, 'https://x.se/a"onclick="b')],
        minutes_text=EVIL,
    )
    sm = stored([item], name=EVIL)
    sm.meeting.place = EVIL
    for html in (render_meeting(sm, "sv"), render_item(sm, item, "en")):
        assert "<script>" not in html and "<b>\n" not in html
        assert "&lt;script&gt;" in html
        assert _tags_balanced(html)
    assert 'href="https://x.se/a&quot;onclick=&quot;b"' in render_item(sm, item, "sv")


def test_item_in_full_has_all_parts_in_order() -> None:
    item = Item(
        number=5,
        paragraph=54,
        title="Budget 2018",
        text="Regionstyrelsen föreslås besluta om budget. Mer text följer här.",
        proposal="Regionstyrelsen beslutar att godkänna budgeten.",
        case_numbers=["RS/2147/2018"],
        attachments=[Attachment("Tjänsteskrivelse", "https://forum.regionjh.se/a.pdf")],
        minutes_text="Beslut enligt förslag.",
    )
    html = render_item(stored([Item(number=4), item]), item, "sv")
    order = [
        "<b>Punkt 5 · § 54</b>",
        "<b>Budget 2018</b>",
        "Regionstyrelsen föreslås",
        "<b>Förslag till beslut</b>",
        "<b>Diarienummer:</b> RS/2147/2018",
        '<a href="https://forum.regionjh.se/a.pdf">Tjänsteskrivelse</a>',
        "<b>Ur protokollet</b>",
    ]
    positions = [html.index(part) for part in order]
    assert positions == sorted(positions)


def test_item_without_text_says_so_and_non_http_links_are_not_links() -> None:
    item = Item(number=1, attachments=[Attachment("Bilaga", "javascript:alert(1)")])
    html = render_item(stored([item]), item, "sv")
    assert "javascript:" not in html and "• Bilaga" in html
    assert "Ingen text publicerad" not in html
    bare = Item(number=2)
    assert "Ingen text publicerad" in render_item(stored([bare]), bare, "sv")


def test_cancelled_and_empty_meeting() -> None:
    sm = stored([], cancelled=True)
    assert "INSTÄLLT" in render_meeting(sm, "sv")
    assert "CANCELLED" in render_meeting(sm, "en")
    assert "Ingen föredragningslista" in render_meeting(stored([]), "sv")


def test_callback_data_under_64_bytes_and_parseable() -> None:
    items = [Item(number=n) for n in range(1, 150)] + [Item(), Item(paragraph=99)]
    sm = stored(items)
    limit = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    data = [b.callback_data for row in meeting_keyboard(sm, "sv").inline_keyboard for b in row]
    data += [
        b.callback_data
        for row in item_keyboard(sm, len(items) - 1, "sv").inline_keyboard
        for b in row
    ]
    assert len(data) <= 100 + 3
    for d in data:
        assert isinstance(d, str) and len(d.encode()) < limit
        assert decode(d) is not None
    assert decode(f"i:{BIG_ID}:5") == ShowItem(BIG_ID, 5)


def test_unnumbered_items_never_look_numbered() -> None:
    items = [
        Item(number=1),
        Item(text="Ett stycke utan nummer."),
        Item(paragraph=54),
        Item(number=4, title="Rapport"),
        Item(),
    ]
    sm = stored(items)
    labels = [b.text for row in meeting_keyboard(sm, "sv").inline_keyboard for b in row]
    assert labels == ["1", "Ett stycke utan nummer.", "§ 54", "4 Rapport", "(5)"]
    nav = [b.text for b in item_keyboard(sm, 1, "sv").inline_keyboard[0]]
    assert nav == ["◀ 1", "📋 Mötet", "§ 54 ▶"]
    listing = render_meeting(sm, "sv")
    assert "<b>•</b> – <i>Ett stycke utan nummer.</i>" in listing and "#" not in listing
    shown = render_item(sm, sm.meeting.items[1], "sv")
    assert "Punkt utan nummer på sidan" in shown and "Punkt 2" not in shown
    minutes_only = render_item(sm, sm.meeting.items[2], "sv")
    assert "<b>§ 54</b>" in minutes_only and "Punkt §" not in minutes_only


def test_item_view_shows_no_number_other_than_the_agenda_number() -> None:
    """'Punkt 4' beside '3 av 20' (its place in the list) read as two different item numbers."""
    items = [Item(number=2), Item(number=3), Item(number=4, title="Rapport")]
    for lang in ("sv", "en"):
        html = render_item(stored(items), items[2], lang)
        assert not re.search(r"\b3 (av|of) 3\b", html), html


def test_unnumbered_item_says_which_numbered_item_it_follows() -> None:
    items = [Item(number=4, title="Rapport"), Item(text="Utan nummer."), Item(text="Också.")]
    sm = stored(items)
    assert "Punkt utan nummer på sidan, efter punkt 4" in render_item(sm, items[2], "sv")
    assert "Item without a number on the page, after item 4" in render_item(sm, items[1], "en")
    first = Item(text="Först.")
    assert "Punkt utan nummer på sidan</b>" in render_item(stored([first]), first, "sv")


def test_summary_is_not_repeated_when_the_text_begins_with_it() -> None:
    text = (
        "Budgetavvikelsen uppgick sammanfattningsvis till -29,7 miljoner kronor till och med "
        "februari 2019 för hela nämndens verksamhet. Största avvikelsen avser läkemedel.\n"
        "Personalkostnaderna är till och med februari positiva mot budget."
    )
    item = Item(number=4, text=text)
    html = render_item(stored([item]), item, "sv")
    assert html.count("Budgetavvikelsen uppgick") == 1
    boiler = Item(number=3, text="Enligt reglemente ska listan skickas ut.\n\n" + text)
    shown = render_item(stored([boiler]), boiler, "sv")
    assert shown.count("Budgetavvikelsen uppgick") == 1  # the text is printed, no lead again


def test_truncate_cuts_at_word_boundary() -> None:
    assert truncate("kort", 10) == "kort"
    cut = truncate("Hälso- och sjukvårdsnämndens verksamhetsplan för 2018", 30)
    assert len(cut) <= 30 and cut.endswith("…") and " " not in cut[-2:]


def test_titles_in_full_and_untitled_items_marked_as_not_a_title() -> None:
    long_title = "Revidering av riktlinjer för " + "hälso- och sjukvård i hemmet " * 4
    items = [
        Item(number=4, title=long_title),
        Item(
            number=5,
            text="Det ackumulerade resultatet efter oktober uppgick till -118,0 mkr "
            "vilket är en försämring jämfört med föregående månad.",
        ),
    ]
    listing = render_meeting(stored(items), "sv")
    assert f"<b>4</b> {' '.join(long_title.split())}" in listing  # not cut
    line = next(x for x in listing.splitlines() if x.startswith("<b>5</b>"))
    assert line.startswith("<b>5</b> – <i>Det ackumulerade") and line.endswith("…</i>")


def test_minutes_text_is_shown_once() -> None:
    minutes = "Regionstyrelsen beslutar att godkänna rapporten. Ärendet är därmed avslutat."
    lone = Item(paragraph=54, minutes_text=minutes)
    only_minutes = render_item(stored([lone]), lone, "sv")
    assert only_minutes.count("godkänna rapporten") == 1
    same = Item(number=3, text=minutes, minutes_text=minutes)
    assert render_item(stored([same]), same, "sv").count("godkänna rapporten") == 1


def test_item_steps_name_their_neighbours_and_step_over_headings() -> None:
    items = [
        Item(number=1, title="Budget för hälso- och sjukvården 2027"),
        Item(title="TILL FULLMÄKTIGE"),
        Item(number=2, title="Ändrad delegationsordning"),
        Item(title="BESLUTSÄRENDEN"),
        Item(number=3, text="Sammanfattningsvis föreslås nämnden besluta att anta planen."),
    ]
    sm = stored(items)
    nav = item_keyboard(sm, 2, "sv").inline_keyboard[0]
    assert [b.text for b in nav] == [
        "◀ 1 Budget för hälso- och…",
        "📋 Mötet",
        "3 Sammanfattningsvis… ▶",
    ]
    assert [decode(b.callback_data) for b in (nav[0], nav[2])] == [
        ShowItem(sm.id, 0),
        ShowItem(sm.id, 4),
    ]
