"""/punkt, /paragraf, the plain forms (`punkt 4`, `§ 54`, `4`), item buttons and bad input."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from agenda.clock import today
from agenda.model import Body, Item, Meeting
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import format_date
from storage.db import Database
from storage.meetings import upsert_meeting
from tests.support.chatdriver import Member, button_data
from tests.support.world import PORTAL, SEEDS, USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_item_of_named_body_in_full_with_prev_next(
    member: Member, seed_ids: dict[str, int]
) -> None:
    sent = await member.say_one("/punkt 14 regionstyrelsen")
    assert "<b>Punkt 14</b>" in sent.text
    assert "<b>Diarienummer:</b> LS/935/2009, LS/42/2010" in sent.text
    assert " av 26" not in sent.text  # no list position beside the agenda number
    rs = seed_ids["001"]
    assert button_data(sent) == [f"i:{rs}:11", f"m:{rs}", f"i:{rs}:13"]


async def test_item_with_body_and_date_and_minutes(
    member: Member, seed_ids: dict[str, int]
) -> None:
    sent = await member.say_one("/item 2 svom 2023-03-15")
    assert "<b>Punkt 2 · § 17</b>" in sent.text and "Val av justerare" in sent.text


def repeated_lines(text: str) -> list[str]:
    """Lines of a view (longer than a heading) that it prints more than once."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in set(lines) if len(line) > 30 and lines.count(line) > 1]


async def test_an_item_view_prints_each_text_once(member: Member) -> None:
    """Seed 004's item 10: the minutes repeat the agenda's 2,500 characters; shown once, the
    item fits one message with its buttons."""
    (sent,) = await member.say("/punkt 10 svom 2023-03-15")
    assert "<b>Punkt 10</b>" in sent.text and "<b>Ur protokollet</b>" in sent.text
    assert sent.text.count("Den gemensamma planen utgår från följande fem strategier") == 1
    assert repeated_lines(sent.text) == []
    assert any(data and data.startswith("m:") for _, data in sent.buttons())
    assert len(sent.text) <= 4096


async def test_prev_next_buttons_edit_in_place(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int]
) -> None:
    sent = await member.say_one("/punkt 5 rs")
    rs = seed_ids["001"]
    call = await member.press(sent.message_id, f"i:{rs}:4", "editMessageText")
    assert call.params["message_id"] == sent.message_id
    assert "<b>Punkt 6</b>" in call.params["text"]


async def test_plain_forms_after_next(member: Member) -> None:
    await member.say_one("/nasta rs")
    assert "<b>Punkt 4</b>" in (await member.say_one("4")).text
    assert "<b>Punkt 7</b>" in (await member.say_one("punkt 7")).text
    assert "<b>Punkt 8</b>" in (await member.say_one("Punkt 8")).text


async def test_plain_paragraph(member: Member) -> None:
    sent = await member.say_one("§ 54")
    assert "§ 54" in sent.text and "Sociala vård" in sent.text
    assert "Val av justerare" in sent.text


async def test_bare_number_without_meeting_gets_hint(member: Member) -> None:
    sent = await member.say_one("4")
    assert "Jag förstod inte" in sent.text and "punkt 4" in sent.text


async def test_paragraph_command_with_body_and_year(member: Member) -> None:
    sent = await member.say_one("/paragraf 17 svom 2023")
    assert "<b>Punkt 2 · § 17</b>" in sent.text
    missing = await member.say_one("/paragraph 17 svom 2019")
    assert "Jag hittar ingen § 17" in missing.text and "från 2019" in missing.text


async def test_item_out_of_range_lists_the_items(
    member: Member, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    sent = await member.say_one("/punkt 99 rs")
    day = SEEDS["001"].meeting_date(today(clock))
    assert f"Mötet i <b>Regionstyrelsen</b> {format_date(day, 'sv')}" in sent.text
    assert "har ingen punkt 99. Punkterna är 2–27." in sent.text
    assert button_data(sent) == [f"m:{seed_ids['001']}"]


async def test_item_out_of_range_counts_the_items_without_number(member: Member) -> None:
    """'Punkterna är 2, 3, 4, 23' hid the sixteen items the page left unnumbered."""
    sent = await member.say_one("/punkt 5 hsn")
    assert "Punkterna med nummer är 2–4, 23; 16 punkter till saknar nummer på sidan" in sent.text
    minutes = await member.say_one("/item 5 svom 2020-11-18")
    assert "Punkterna saknar nummer på sidan, men protokollet har § 54" in minutes.text


async def test_plain_forms_take_a_body_and_a_date(member: Member) -> None:
    assert "Regionstyrelsen" in (await member.say_one("punkt 4 rs")).text
    sent = await member.say_one("punkt 2 svom 2023-03-15")
    assert "<b>Punkt 2 · § 17</b>" in sent.text
    assert "<b>Punkt 2 · § 17</b>" in (await member.say_one("§ 17 svom 2023")).text
    assert "Jag hittar inget organ" in (await member.say_one("punkt 4 nosuchbody")).text


async def test_item_on_the_next_meeting_as_members_say_it(member: Member) -> None:
    """'punkt 4 på nästa möte' means the next meeting, not the one last shown."""
    await member.say_one("/folj rs")
    await member.say_one("/punkt 2 svom 2023-03-15")  # the chat's current meeting is now SVOM's
    for text in ("punkt 4 på nästa möte", "/punkt 4 på nästa möte", "/item 4 at the next meeting"):
        sent = await member.say_one(text)
        assert "<b>Regionstyrelsen</b>" in sent.text and "<b>Punkt 4</b>" in sent.text, text
    sent = await member.say_one("/punkt 4 på nästa möte i svom")
    assert "Inget kommande möte" in sent.text and "Sociala vård" in sent.text


async def test_item_on_a_date_without_a_body(member: Member) -> None:
    await member.say_one("/folj hsn")
    sent = await member.say_one("/punkt 2 2023-03-15")  # SVOM's meeting, not a followed body
    assert "Sociala vård" in sent.text and "<b>Punkt 2 · § 17</b>" in sent.text
    missing = await member.say_one("/punkt 2 2019-01-02")
    assert f"Jag hittar inget möte {format_date(date(2019, 1, 2), 'sv')}" in missing.text


async def test_paragraph_not_in_followed_bodies_points_to_the_body_that_has_it(
    member: Member, seed_ids: dict[str, int]
) -> None:
    await member.say_one("/folj rs")
    sent = await member.say_one("§ 54")
    assert "Jag hittar ingen § 54 i protokollen för <b>Regionstyrelsen</b>." in sent.text
    assert "Men <b>Sociala vård- och omsorgsgruppen (SVOM)</b> har en § 54" in sent.text
    (data,) = button_data(sent)
    assert data.startswith(f"i:{seed_ids['002']}:")


async def test_item_default_meeting_comes_from_follows(member: Member) -> None:
    assert "Jag vet inte vilket möte" in (await member.say_one("/punkt 4")).text
    await member.say_one("/folj rs")
    assert "Regionstyrelsen" in (await member.say_one("/punkt 4")).text


BAD_INPUT = (
    ("/punkt", "<code>/punkt 4</code>"),
    ("/punkt fyra", "<i>fyra</i> är inget giltigt nummer"),
    ("/punkt -3", "är inget giltigt nummer"),
    ("/punkt 0", "<i>0</i> är inget giltigt nummer"),
    ("/punkt 99999999999999999999", "är inget giltigt nummer"),
    ("/punkt 4 rs 2017-13-45", "inget datum"),
    ("/punkt 4 rs 2017-12-13", "har inget möte"),
    ("/punkt 4 nosuchbody", "Jag hittar inget organ"),
    ("/punkt 🙂", "är inget giltigt nummer"),
    ("/paragraf", "<code>/paragraf 54</code>"),
    ("/paragraf §§", "är inget giltigt nummer"),
    ("/punkt 1' OR 1=1 --", "är inget giltigt nummer"),
    ("/punkt 4 " + "x" * 5000, "Jag hittar inget organ"),
)


async def test_bad_item_input_gets_example(member: Member) -> None:
    for text, expected in BAD_INPUT:
        assert expected in (await member.say_one(text)).text, text


async def test_stale_item_button_is_answered(member: Member, fake_api: FakeBotApi) -> None:
    sent = await member.say_one("/punkt 5 rs")
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, sent.message_id, "i:999999:0")
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    assert "finns inte längre" in answer.params["text"]


async def test_group_chatter_starting_with_punkt_is_not_answered(fake_api: FakeBotApi) -> None:
    """In a group, 'punkt 4 är viktig' is talk between members, not a request naming a body."""
    group = Member(fake_api, -100400, user_id=501)
    sent = await group.silent_then("punkt 4 är viktig")
    assert len(sent) == 1 and "/start" in sent[0].text  # only the probe's answer
    assert "<b>Punkt 4</b>" in (await group.say_one("punkt 4 rs")).text


async def test_dates_as_members_write_them(member: Member, clock: ManualClock) -> None:
    hsn_day = SEEDS["000"].meeting_date(today(clock))
    weekday, day, month, _ = format_date(hsn_day, "sv").split()
    for words in (f"{day} {month}", f"{hsn_day.day}/{hsn_day.month}", f"på {weekday}"):
        sent = await member.say_one(f"/punkt 4 hsn {words}")
        assert "Hälso- och sjukvårdsnämnden" in sent.text and "<b>Punkt 4</b>" in sent.text, words
    tomorrow = format_date(today(clock) + timedelta(days=1), "sv")
    missing = await member.say_one("/punkt 4 i morgon")
    assert f"Jag hittar inget möte {tomorrow}" in missing.text
    bad = await member.say_one("/punkt 4 hsn 31/2")
    assert "31/2" in bad.text and "Jag hittar inget organ" not in bad.text


async def test_everyday_words_for_an_item(member: Member) -> None:
    await member.say_one("/folj hsn")
    assert "<b>Punkt 4</b>" in (await member.say_one("pkt 4")).text
    sent = await member.say_one("4 rs")
    assert "<b>Regionstyrelsen</b>" in sent.text and "<b>Punkt 4</b>" in sent.text
    sent = await member.say_one("ärende 5 rs")
    assert "<b>Regionstyrelsen</b>" in sent.text and "<b>Punkt 5</b>" in sent.text


@pytest.mark.parametrize("decided", ["Beslut enligt förslag.", "Motionen anses besvarad."])
async def test_a_decision_as_proposed_reads_enligt_forslaget_once(
    member: Member, seeded_db: Database, clock: ManualClock, decided: str
) -> None:
    day = today(clock) - timedelta(days=3)
    item = Item(
        number=4,
        title="Svar på motion om sepsis",
        text="Motionären vill ha ett register.",
        proposal="Motionen anses besvarad.",
        minutes_text=f"Ordföranden föredrar ärendet.\nBeslut\n{decided}",
    )
    meeting = Meeting(
        body=Body(slug="regionstyrelsen", name="Regionstyrelsen", portal=PORTAL),
        url=f"{PORTAL}/committees/regionstyrelsen/mote-{day.isoformat()}",
        date=day,
        items=[item],
    )
    await upsert_meeting(seeded_db, meeting)
    sent = await member.say_one(f"/punkt 4 rs {day.isoformat()}")
    assert sent.text.count("<b>Beslut:</b> enligt förslaget") == 1
    assert sent.text.count("Motionen anses besvarad.") == 1  # the proposal, not again
    assert "Beslut enligt förslag." not in sent.text
    assert "Ordföranden föredrar ärendet." in sent.text  # the minutes' own words stay
    assert repeated_lines(sent.text) == []


async def test_a_list_item_is_not_summarised_above_itself(member: Member) -> None:
    sent = await member.say_one("/punkt 4 rs")
    assert sent.text.count("Bemanningsprojektet") == 1 and repeated_lines(sent.text) == []


async def test_a_lettered_item_is_asked_for_with_its_letter(
    member: Member, seeded_db: Database, clock: ManualClock
) -> None:
    """`/punkt 9a` (or `9 a`, `punkt 9A`) answers item 9 a; `/punkt 9` stays item 9."""
    day = today(clock) + timedelta(days=40)
    meeting = Meeting(
        Body("regionstyrelsen", "Regionstyrelsen", PORTAL),
        url=f"{PORTAL}/committees/regionstyrelsen/mote-{day}",
        date=day,
        items=[
            Item(number=8, title="Bidrag till föreningar"),
            Item(number_label="9 a", title="Månadsrapport mars"),
            Item(number=9, title="Ansökan om projektbidrag"),
        ],
    )
    await upsert_meeting(seeded_db, meeting)
    when = day.isoformat()
    for asked in (f"/punkt 9a rs {when}", f"/punkt 9 a rs {when}", f"punkt 9A rs {when}"):
        sent = await member.say_one(asked)
        assert "<b>Punkt 9 a</b>" in sent.text and "Månadsrapport mars" in sent.text, asked
    sent = await member.say_one(f"/punkt 9 rs {when}")
    assert "<b>Punkt 9</b>" in sent.text and "Ansökan om projektbidrag" in sent.text
    missing = await member.say_one(f"/punkt 9b rs {when}")
    assert "har ingen punkt 9 b" in missing.text
