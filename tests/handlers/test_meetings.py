"""/nasta and /moten end to end: followed bodies, named bodies, buttons to items and back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from agenda.clock import today
from agenda.item_kind import ItemKind, group_items
from agenda.model import Item
from agenda.parse import parse_page
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from handlers.meetings import meeting_line
from presentation.texts import format_date, t
from storage.bodies import BodyRow
from storage.db import Database
from storage.meeting_rows import MeetingRow
from tests.fixtures import seed_text
from tests.support.chatdriver import Member, button_data
from tests.support.world import SEEDS, USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_next_without_follows_explains(member: Member) -> None:
    sent = await member.say_one("/nasta")
    assert "Du följer inga organ" in sent.text and "/nasta regionstyrelsen" in sent.text


async def test_next_of_followed_body_is_one_message_with_item_buttons(
    member: Member, seed_ids: dict[str, int]
) -> None:
    await member.say_one("/folj regionstyrelsen")
    await member.say_one("/folj hsn")
    sent = await member.say_one("/nasta")
    # HSN (seed 000) meets before RS (seed 001).
    assert sent.text.startswith("<b>Hälso- och sjukvårdsnämnden</b>")
    assert "Formalia: 2, 3" in sent.text
    assert "<b>4</b> Hälso- och sjukvårdsdirektörens rapport 2019" in sent.text
    data = button_data(sent)
    assert data[0] == f"i:{seed_ids['000']}:0"
    assert all(len(d.encode()) < 64 for d in data)


async def test_next_named_body_with_swedish_date_time_and_place(
    member: Member, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    sent = await member.say_one("/next rs")
    lines = sent.text.splitlines()
    assert lines[0] == "<b>Regionstyrelsen</b>"
    day = SEEDS["001"].meeting_date(today(clock))
    assert lines[1] == f"{format_date(day, 'sv')}, 08:30–17:20"
    assert "📍 Hörsalen" in sent.text
    assert len(button_data(sent)) == 26 - 1  # `23 TILL FULLMÄKTIGE` is a heading, no item


async def test_next_for_body_without_upcoming_meeting(member: Member) -> None:
    sent = await member.say_one("/nasta svom")
    assert "Inget kommande möte" in sent.text and "/moten" in sent.text


async def test_next_unknown_body(member: Member) -> None:
    assert "Jag hittar inget organ" in (await member.say_one("/nasta 🙂🙂")).text


async def test_meetings_lists_upcoming_and_recent_with_buttons(
    member: Member, seed_ids: dict[str, int]
) -> None:
    sent = await member.say_one("/moten")
    assert "<b>Kommande möten</b>" in sent.text and "<b>Tidigare möten</b>" in sent.text
    assert "15 mar 2023" in sent.text and "18 nov 2020" in sent.text
    assert f"m:{seed_ids['004']}" in button_data(sent)
    svom = await member.say_one("/meetings svom")
    assert "Kommande" not in svom.text and svom.text.count("Sociala vård") == 2


async def test_meeting_button_then_item_then_back(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    listing = await member.say_one("/moten svom")
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, listing.message_id, f"m:{seed_ids['004']}")
    (meeting,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "Sociala vård- och omsorgsgruppen (SVOM)" in meeting.text
    assert "Formalia: 1, 2, 3, 4, 13" in meeting.text
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, meeting.message_id, f"i:{seed_ids['004']}:6")
    (item,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "<b>Punkt 7</b>" in item.text
    back = await member.press(item.message_id, f"m:{seed_ids['004']}", "editMessageText")
    assert back.params["message_id"] == item.message_id
    assert "Formalia" in back.params["text"]


async def test_meeting_button_of_a_one_meeting_list_keeps_the_list(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    """A /moten list with a single meeting has one m: button, like an item view: pressing it
    replaced the list by the meeting instead of answering below it."""
    listing = await member.say_one("/moten hsn")
    assert button_data(listing) == [f"m:{seed_ids['000']}"]
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, listing.message_id, f"m:{seed_ids['000']}")
    (meeting,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "Hälso- och sjukvårdsnämnden" in meeting.text
    assert fake_api.calls("editMessageText", since=mark) == []


async def test_topic_answers_and_button_results_stay_in_the_topic(
    fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    forum = Member(fake_api, -100900, user_id=5, extra={"thread_id": 42, "is_topic": True})
    meeting = await forum.say_one(f"/nasta@{fake_api.bot_username} rs")
    assert meeting.thread_id == 42
    mark = fake_api.mark()
    await fake_api.inject_callback(-100900, meeting.message_id, f"i:{seed_ids['001']}:2", user_id=5)
    (item,) = await fake_api.wait_for_messages(-100900, 1, since=mark)
    assert item.thread_id == 42 and "<b>Punkt 4</b>" in item.text
    follow_up = await forum.say_one("5")
    assert follow_up.thread_id == 42 and "<b>Punkt 5</b>" in follow_up.text


def _seed_groups(name: str, clock: ManualClock) -> list[tuple[ItemKind, list[Item]]]:
    """The seed's items by kind, as the stored agenda has them."""
    meeting = parse_page(seed_text(name), url=SEEDS[name].url(today(clock)))
    return [(kind, [meeting.items[p] for p in ps]) for kind, ps in group_items(meeting.items)]


def _assert_grouped(text: str, groups: list[tuple[ItemKind, list[Item]]]) -> None:
    """Each group's heading, then exactly its items' lines in page order, groups in order."""
    lines = text.splitlines()
    starts = [lines.index(t(f"meeting_group_{kind}", "sv")) for kind, _ in groups]
    assert starts == sorted(starts)
    for (_, items), start in zip(groups, starts, strict=True):
        block = lines[start + 1 : start + 1 + len(items)]
        for line, item in zip(block, items, strict=True):
            assert line.startswith(f"<b>{item.label() or '•'}</b> ")
            assert item.title is None or item.title in line
        following = lines[start + 1 + len(items) : start + 2 + len(items)]
        assert following in ([], [""])


async def test_next_groups_the_reports_apart_from_the_rest(
    member: Member, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    """Seed 000's titled items are the director's report and presentations: information; its
    untitled items give no evidence and stay together under the other items."""
    groups = _seed_groups("000", clock)
    assert [kind for kind, _ in groups] == [ItemKind.INFORMATION, ItemKind.UNKNOWN]
    sent = await member.say_one("/nasta hsn")
    assert sent.text.index("Formalia: 2, 3") < sent.text.index("<b>Information</b>")
    assert "<b>Information</b>\n<b>4</b> Hälso- och sjukvårdsdirektörens rapport" in sent.text
    assert "<b>Att besluta</b>" not in sent.text
    _assert_grouped(sent.text, groups)


async def test_meeting_button_shows_decisions_information_and_other_items(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    groups = _seed_groups("004", clock)
    assert [kind for kind, _ in groups] == list(ItemKind)
    listing = await member.say_one("/moten svom")
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, listing.message_id, f"m:{seed_ids['004']}")
    (meeting,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "<b>Att besluta</b>\n<b>11</b> Revidering av samverkansavtal" in meeting.text
    _assert_grouped(meeting.text, groups)


def _row(count: int, cancelled: bool = False) -> MeetingRow:
    body = BodyRow(1, "", "regionstyrelsen", "Regionstyrelsen")
    return MeetingRow(1, body, date(2026, 12, 4), None, None, cancelled, count, None, None)


def test_meeting_line_counts_in_good_swedish_and_english() -> None:
    """'1 punkter', '0 punkter' and a cancelled meeting shown only as strikethrough (lost in
    plain-text previews) read badly."""
    assert meeting_line(_row(1), "sv").endswith("· 1 punkt")
    assert meeting_line(_row(26), "sv").endswith("· 26 punkter")
    assert meeting_line(_row(1), "en").endswith("· 1 item")
    assert meeting_line(_row(0), "sv").endswith("· ingen föredragningslista än")
    assert meeting_line(_row(0), "en").endswith("· no agenda yet")
    cancelled = meeting_line(_row(0, cancelled=True), "sv")
    assert cancelled.startswith("<s>") and "INSTÄLLT" in cancelled
    # a cancelled meeting will get no agenda: "no agenda yet" would promise one
    assert cancelled == "<s>4 dec 2026 · Regionstyrelsen</s> ❌ <b>INSTÄLLT</b>"
    assert "CANCELLED" in meeting_line(_row(3, cancelled=True), "en")


async def test_next_covers_every_followed_body_soonest_first(
    member: Member, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    await member.say_one("/folj regionstyrelsen")
    await member.say_one("/folj hsn")
    sent = await member.say_one("/nasta")
    names = {"000": "<b>Hälso- och sjukvårdsnämnden</b>", "001": "<b>Regionstyrelsen</b>"}
    order = sorted(names, key=lambda s: SEEDS[s].meeting_date(today(clock)))
    at = [sent.text.index(names[s]) for s in order]
    assert at == sorted(at)  # both meetings, soonest first, in one message
    data = button_data(sent)
    first, second = (seed_ids[s] for s in order)
    assert data[0] == f"i:{first}:0" and f"m:{second}" in data  # the other one a tap away
    assert "<b>Punkt 4</b>" in (await member.say_one("4")).text  # of the soonest


async def test_next_is_a_compact_list_when_the_agendas_do_not_fit(
    member: Member, seeded_db: Database, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    from agenda.model import Body, Meeting
    from storage.meetings import upsert_meeting
    from tests.support.world import PORTAL

    day = today(clock) + timedelta(days=3)
    long_titles = [
        Item(n, title=f"Ärende {n} " + "med en mycket lång rubrik " * 6) for n in range(1, 41)
    ]
    meeting = Meeting(
        body=Body(slug="kulturnamnden", name="Kulturnämnden", portal=PORTAL),
        url=f"{PORTAL}/committees/kulturnamnden/mote-{day.isoformat()}",
        date=day,
        items=long_titles,
    )
    culture = (await upsert_meeting(seeded_db, meeting)).meeting_id
    for body in ("regionstyrelsen", "hsn", "kulturnämnden"):
        await member.say_one(f"/folj {body}")
    sent = await member.say_one("/nasta")
    assert sent.text.startswith(t("next_list_header", "sv"))
    lines = [line for line in sent.text.splitlines() if line[:2] in {"1.", "2.", "3."}]
    dates = {
        culture: day,
        **{seed_ids[s]: SEEDS[s].meeting_date(today(clock)) for s in ("000", "001")},
    }
    ids = sorted(dates, key=lambda i: dates[i])
    assert button_data(sent) == [f"m:{i}" for i in ids]  # one button per meeting, soonest first
    assert "Kulturnämnden" in lines[0] and "40 punkter" in lines[0]
    assert len(sent.text) < 1000
