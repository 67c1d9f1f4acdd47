"""/forbered end to end: the next meeting's items to decide with their proposals and a
"✓ läst" button each; pressing one counts it read ("1 av 2 lästa"), and a document added to
that item afterwards makes it unread again, marked as changed. Dates from the test's clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from agenda.clock import today
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from tests.handlers.test_news import ITEMS
from tests.support import pdfmaker
from tests.support.chatdriver import Member, button_data
from tests.support.portalworld import HSN, World
from tests.support.portalworld import world as make_world


@pytest.fixture
async def world(tmp_path: Path, clock: ManualClock, fake_api: FakeBotApi) -> AsyncIterator[World]:
    async with make_world(tmp_path, clock, fake_api) as built:
        yield built


async def test_checklist_counts_read_items_until_they_change(world: World) -> None:
    path = world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    await world.poller.run_cycle()
    member = Member(world.fake, 701)
    await member.say_one("/folj hsn")

    listed = await member.say_one("/forbered hsn")
    assert "<b>0 av 2 lästa</b>" in listed.text
    assert "Budget 2027" in listed.text and "Svar på motion om vårdplatser" in listed.text
    assert "Information om läget" not in listed.text and "Mötet öppnas" not in listed.text
    (motion,) = [d for d in button_data(listed) if d.endswith(":3")]  # item 4, position 3
    pressed = await member.press(listed.message_id, motion, "editMessageText")
    assert "<b>1 av 2 lästa</b>" in pressed.params["text"]
    buttons = [b["text"] for row in pressed.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["✓ läst 3 Budget 2027", "✅ 4 Svar på motion om…"]

    pdf = pdfmaker.text_pdf("Tjänsteskrivelse. Förslag till beslut: Motionen bifalls.")
    world.portal.site.add_attachment(path, 4, "Tjänsteskrivelse", "ts-motion-pdf", pdf)
    await world.poller.run_cycle()
    again = await member.say_one("/forbered")
    assert "<b>0 av 2 lästa</b>" in again.text
    assert "ändrad sedan du läste den" in again.text
    assert "Tjänsteskrivelse</a>" in again.text


async def test_a_checklist_too_long_for_one_message_is_updated_in_place(world: World) -> None:
    """A large meeting's checklist comes in several messages, its buttons under the last. A
    "✓ läst" press updates those buttons where they are and says the count in its toast; it
    never sends the whole checklist again (twenty quick presses were twenty copies)."""
    items = [
        (n, f"Motion nummer {n} om {'mycket långa rubriker i nämnden ' * 3}") for n in range(1, 31)
    ]
    world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), items)
    await world.poller.run_cycle()
    member = Member(world.fake, 702)
    await member.say_one("/folj hsn")
    mark = world.fake.mark()
    await world.fake.inject_message(702, "/forbered hsn")
    await world.fake.wait_for(
        lambda: any(button_data(m) for m in world.fake.sent_messages(702, since=mark)),
        what="the checklist's buttons",
    )
    parts = world.fake.sent_messages(702, since=mark)
    assert len(parts) > 1 and "<b>0 av 30 lästa</b>" in parts[0].text
    last = parts[-1]
    mark = world.fake.mark()
    call = await member.press(last.message_id, button_data(last)[2], "editMessageReplyMarkup")
    toast = world.fake.calls("answerCallbackQuery", since=mark)[0]
    assert toast.params.get("text") == "Markerad som läst: 1 av 30."
    buttons = [b["text"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[2].startswith("✅ 3 ") and sum(b.startswith("✅ ") for b in buttons) == 1
    await member.say_one("/hjalp")  # the press was handled before this answer
    sent = world.fake.sent_messages(702, since=mark)
    assert len(sent) == 1 and "/start" in sent[0].text  # only the probe's answer


async def test_untitled_items_read_as_in_the_meeting_view(world: World) -> None:
    """The seed HSN meeting prints no titles for most entries: the checklist names them by
    their tjänsteskrivelse's subject (marked 📄, with the legend) or by the first words of
    their text in italics, as /nasta does; never by a cut first word standing as a title."""
    member = Member(world.fake, 702)
    await member.say_one("/folj hsn")
    nasta = "\n".join(m.text for m in await member.say("/nasta hsn"))
    sent = await member.say("/forbered hsn")
    text = "\n".join(m.text for m in sent)
    assert "Månadsrapport februari 2019 📄" in nasta  # the evidence title the view shows
    assert "Månadsrapport februari 2019 📄" in text
    assert "📄 rubriken saknas på sidan" in text  # the legend, as under the agenda
    assert "– <i>Med medel från den statliga professionsmiljarden" in text
    assert "Sammanfattnings…" not in text  # the cut first word once stood as the title
    labels = [label for m in sent for label, _ in m.buttons()]
    assert any(label.startswith("✓ läst Månadsrapport") for label in labels), labels
