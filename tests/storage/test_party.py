"""`storage.party` on a real file: a forum topic made for a party group that erased its data
meanwhile (/radera between the sender's claim and Telegram's answer) is not recorded, and its
recording does not fail the send."""

from __future__ import annotations

from storage.chats import ensure_chat
from storage.db import Database
from storage.erase import erase_chat
from storage.party import save_topic, topic_thread

GROUP = -100_424_242


async def test_a_topic_of_an_erased_group_is_not_recorded(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    meeting = seed_ids["001"]
    await ensure_chat(seeded_db, GROUP, "supergroup")
    await save_topic(seeded_db, GROUP, meeting, 4, 77)
    assert await topic_thread(seeded_db, GROUP, meeting, 4) == 77
    await erase_chat(seeded_db, GROUP)
    await save_topic(seeded_db, GROUP, meeting, 5, 78)  # Telegram answered after the erasure
    assert await topic_thread(seeded_db, GROUP, meeting, 5) is None
