"""A meeting's items under "To decide" / "Information" / "Other items" when they can be told
apart, else one list as before: Formalia first, every item exactly once, page order kept."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from agenda.item_kind import ItemKind, item_kind
from agenda.model import Body, Item, Meeting
from presentation.render import render_meeting
from presentation.texts import t
from storage.bodies import BodyRow
from storage.meeting_rows import StoredMeeting

EVIL = '<script>alert("x")</script> & <b>'
NOTE = "Nämnden beslutar att lägga informationen till handlingarna."
HEADINGS = {
    kind: {lang: t(f"meeting_group_{kind}", lang) for lang in ("sv", "en")} for kind in ItemKind
}


def stored(items: list[Item]) -> StoredMeeting:
    body = BodyRow(1, "https://forum.regionjh.se", "regionstyrelsen", "Regionstyrelsen")
    meeting = Meeting(
        body=Body("regionstyrelsen", "Regionstyrelsen"),
        url="https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12",
        date=date(2017, 12, 12),
        start=time(8, 30),
        place="Hörsalen",
        items=items,
    )
    return StoredMeeting(7, body, meeting, "2017-12-01T00:00:00+00:00", "")


def _mixed() -> list[Item]:
    return [
        Item(number=1, title="Val av justerare", procedural=True),
        Item(number=2, title="Information - muntlig"),
        Item(number=3, title="Revidering av reglemente"),
        Item(number=4, text="Kommunfullmäktige beslutade den 18 april 2022 att …"),
        Item(number=5, title="Anmälan av delegationsbeslut"),
        Item(number=6, title="Svar på motion om trädplan"),
        Item(number=7, title="Bildandet av kommunförbund"),
    ]


def test_mixed_agenda_is_grouped_decisions_first_each_group_in_page_order() -> None:
    html = render_meeting(stored(_mixed()), "sv")
    lines = html.split("\n")
    start = lines.index("<i>Formalia: 1</i>")
    assert lines[start - 1] == "" and lines[start - 2] == "📍 Hörsalen"
    assert lines[start + 1 :] == [
        "",
        "<b>Att besluta</b>",
        "<b>3</b> Revidering av reglemente",
        "<b>6</b> Svar på motion om trädplan",
        "",
        "<b>Information</b>",
        "<b>2</b> Information - muntlig",
        "<b>5</b> Anmälan av delegationsbeslut",
        "",
        "<b>Övriga ärenden</b>",
        "<b>4</b> – <i>Kommunfullmäktige beslutade den 18 april 2022 att …</i>",
        "<b>7</b> Bildandet av kommunförbund",
        "",
        '<a href="https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12">'
        "Mötet på webben</a>",
    ]


def test_headings_in_english() -> None:
    html = render_meeting(stored(_mixed()), "en")
    positions = [
        html.index(h) for h in ("<b>To decide</b>", "<b>Information</b>", "<b>Other items</b>")
    ]
    assert positions == sorted(positions) and "<i>Procedural: 1</i>" in html
    assert "Att besluta" not in html


def test_nothing_told_apart_is_one_list_in_page_order_without_headings() -> None:
    unknown = [
        Item(number=1, title="Mötet öppnas", procedural=True),
        Item(number=2, title="Bildandet av kommunförbund"),
        Item(number=3, text="Beskrivning som nämner budget och beslut."),
        Item(number=4),
    ]
    html = render_meeting(stored(unknown), "sv")
    assert html.split("\n")[4:8] == [
        "<i>Formalia: 1</i>",
        "<b>2</b> Bildandet av kommunförbund",
        "<b>3</b> – <i>Beskrivning som nämner budget och beslut.</i>",
        "<b>4</b> (utan rubrik)",
    ]
    decisions = [Item(number=1, title="Budget 2027"), Item(number=2, title="Taxa 2027")]
    for items in (unknown, decisions):
        assert not any(
            h in render_meeting(stored(items), "sv")
            for hs in HEADINGS.values()
            for h in hs.values()
        )


def test_documents_proposals_group_the_items_and_stay_on_their_lines() -> None:
    items = [Item(number=1, title="Ärende A"), Item(number=2, title="Ärende B")]
    html = render_meeting(stored(items), "sv", {0: "Motionen anses besvarad.", 1: NOTE})
    decide, info = html.index("<b>Att besluta</b>"), html.index("<b>Information</b>")
    assert (
        decide < html.index("<b>1</b> Ärende A — <i>förslag: Motionen anses besvarad.</i>") < info
    )
    assert info < html.index("<b>2</b> Ärende B — <i>förslag:")
    assert "Att besluta" not in render_meeting(stored(items), "sv")  # no proposals, no evidence


def test_without_formalia_the_first_heading_follows_the_header_after_one_blank_line() -> None:
    items = [Item(number=1, title="Budget 2027"), Item(number=2, title="Information om läget")]
    lines = render_meeting(stored(items), "sv").split("\n")
    assert lines[3:5] == ["", "<b>Att besluta</b>"]


def test_grouped_portal_strings_are_escaped() -> None:
    items = [Item(number=1, title="Information " + EVIL), Item(number=2, title="Budget " + EVIL)]
    html = render_meeting(stored(items), "sv", {1: EVIL})
    assert "<script>" not in html and html.count("&lt;script&gt;") == 3
    assert "<b>Att besluta</b>" in html and "<b>Information</b>" in html


def test_long_grouped_agenda_fits_one_message_with_its_headings() -> None:
    titles = ("Information om läget ", "Budget för ", "Bildandet av ")
    items = [Item(number=n, title=titles[n % 3] + "mycket lång rubrik " * 20) for n in range(1, 31)]
    html = render_meeting(stored(items), "sv")
    assert len(html) <= MessageLimit.MAX_TEXT_LENGTH
    assert all(html.count(h["sv"]) == 1 for h in HEADINGS.values())
    assert all(html.count(f"\n<b>{n}</b> ") == 1 for n in range(1, 31))


_TITLES = (
    None,
    "Information - muntlig",
    "Anmälan av delegationsbeslut",
    "Svar på motion om trädplan",
    "Budget 2027",
    "Bildandet av kommunförbund",
    "Val av justerare",
    EVIL,
)
_PROPOSALS = (None, NOTE, "Motionen anses besvarad.")
_item_specs = st.lists(
    st.tuples(st.sampled_from(_TITLES), st.sampled_from(_PROPOSALS), st.booleans(), st.booleans()),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(specs=_item_specs, lang=st.sampled_from(("sv", "en")))
def test_every_item_once_formalia_first_groups_in_order(
    specs: list[tuple[str | None, str | None, bool, bool]], lang: str
) -> None:
    items = [
        Item(number=n, title=title, proposal=proposal, procedural=procedural)
        for n, (title, proposal, procedural, _) in enumerate(specs, start=1)
    ]
    documents = {p: NOTE for p, spec in enumerate(specs) if spec[3]}
    lines = render_meeting(stored(items), lang, documents).split("\n")
    body = lines[lines.index("") + 1 :]
    if any(i.procedural for i in items):
        assert body[0].startswith(("<i>Formalia: ", "<i>Procedural: "))
    # Every item outside Formalia has exactly one line; procedural items have none.
    shown = [
        int(line[3 : line.index("</b>")])
        for line in body
        if line.startswith("<b>") and line[3].isdigit()
    ]
    assert sorted(shown) == [i.number for i in items if not i.procedural]
    # Headings only when two kinds are present, in the order of the kinds, each group in page
    # order and holding only its own kind.
    kinds = {item_kind(i, documents.get(p)) for p, i in enumerate(items) if not i.procedural}
    seen = [kind for line in body for kind in ItemKind if line == HEADINGS[kind][lang]]
    assert seen == ([k for k in ItemKind if k in kinds] if len(kinds) > 1 else [])
    group = None
    numbers: list[int] = []
    for line in body:
        heading = next((k for k in ItemKind if line == HEADINGS[k][lang]), None)
        if heading is not None:
            group, numbers = heading, []
        elif line.startswith("<b>") and line[3].isdigit():
            number = int(line[3 : line.index("</b>")])
            assert not numbers or number > numbers[-1]
            numbers.append(number)
            if group is not None:
                assert item_kind(items[number - 1], documents.get(number - 1)) is group
