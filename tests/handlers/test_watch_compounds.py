"""Watches as a member means them (issue 20, point 7), end to end: `/bevaka` through the real
Application, a new agenda stored with its fan-out, the alerts delivered to the fake Bot API.

The seed words: `avgift` matches `Parkeringsavgifter` and `Avgiftsfri`, `skola` matches
`Gymnasieskolans`, and `kost` still never matches `kostnader` (nor `Kostnadsfritt`), in a database
whose index never held `parkering`, `fri` or `gymnasie` (the Swedish lexicon knows them).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from agenda.clock import today
from agenda.model import Body, Item, Meeting
from alerts.fanout import enqueue_alerts
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.db import Database
from storage.meetings import upsert_meeting
from tests.conftest import PORTAL
from tests.handlers.chatdriver import Member
from tests.jobs.outbox_helpers import drain_until, drained, make_bot, sender

pytestmark = pytest.mark.usefixtures("bot_app")
ITEMS = [
    (1, "Parkeringsavgifter i centrum"),
    (2, "Avgiftsfri kollektivtrafik för unga"),
    (3, "Gymnasieskolans lokaler"),
    (4, "Kostnader för bemanning"),
    (5, "Kostnadsfritt återkoppla bedömningar"),
]
HITS = {"avgift": [1, 2], "skola": [3], "kost": []}  # watch word -> items its alert shows


async def test_watches_match_compounds_but_not_false_friends(
    fake_api: FakeBotApi, seeded_db: Database, clock: ManualClock
) -> None:
    members = {word: Member(fake_api, 8100 + n) for n, word in enumerate(HITS)}
    for word, member in members.items():
        assert "Bevakar nu" in (await member.say_one(f"/bevaka {word}")).text
    day = today(clock) + timedelta(days=9)
    meeting = Meeting(
        body=Body("tekniska-namnden", "Tekniska nämnden", PORTAL),
        url=f"{PORTAL}/committees/tekniska-namnden/mote-{day.isoformat()}",
        date=day,
        items=[Item(n, title=title) for n, title in ITEMS],
    )
    await upsert_meeting(seeded_db, meeting, on_events=enqueue_alerts)
    mark = fake_api.mark()
    await drain_until(sender(seeded_db, make_bot(fake_api)), drained(seeded_db))
    for word, member in members.items():
        sent = [m.text for m in fake_api.sent_messages(member.chat_id, since=mark)]
        text = "\n".join(sent).replace("<u>", "").replace("</u>", "")
        shown = [n for n, title in ITEMS if title in text]
        assert shown == HITS[word], (word, sent)
