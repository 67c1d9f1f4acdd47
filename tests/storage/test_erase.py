"""`storage.erase`: after /radera no file of the database (main, -wal, -shm) holds anything of
the chat: its id, its watch words, its calendar token, its alerts. Read as raw bytes."""

from __future__ import annotations

from pathlib import Path

from demo.clock import ManualClock
from storage.calendar_tokens import token_for
from storage.chats import ensure_chat, set_language
from storage.db import Database
from storage.erase import erase_chat
from storage.outbox import enqueue
from storage.outbox_payload import Payload
from storage.watches import add_watch

CHAT = 7_346_119_235_411  # stored by SQLite as a 6-byte integer
KEPT = 7_346_119_235_999  # another chat, which stays


def traces(chat: int, *texts: str) -> list[bytes]:
    """The forms a chat's data takes in a SQLite file: its id as text and as SQLite's big-endian
    integer (6 and 8 bytes), and each text."""
    return [
        str(chat).encode(),
        chat.to_bytes(6, "big", signed=True),
        chat.to_bytes(8, "big", signed=True),
        *(text.encode() for text in texts),
    ]


def files_of(path: Path) -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))}
    return {name: data for name, data in found.items() if data or name == path.name}


async def _a_chat_with_everything(db: Database, chat: int, word: str) -> str:
    await ensure_chat(db, chat, "private")
    for language in ("en", "sv", "en"):  # rows rewritten: older versions left in the pages
        await set_language(db, chat, language)
    await add_watch(db, chat, word.capitalize(), word)
    token = await token_for(db, chat)
    async with db.transaction() as conn:
        for n in range(3):
            payload = Payload(f"Bevakning: {word} i punkt {n}")
            await enqueue(conn, now=db.timestamp(), chat_id=chat, dedup_key=f"{word}{n}",
                          kind="watch", payload=payload)  # fmt: skip
    return token


async def test_an_erased_chat_is_in_no_file_of_the_database(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "nb.sqlite3"
    db = await Database.open(path, clock)
    try:
        token = await _a_chat_with_everything(db, CHAT, "vindkraftsparken")
        kept = await _a_chat_with_everything(db, KEPT, "solcellsparken")
        before = b"".join(files_of(path).values())
        stored = (CHAT.to_bytes(6, "big"), b"vindkraftsparken", token.encode())
        assert all(trace in before for trace in stored)  # the search below can find them
        await erase_chat(db, CHAT)
        files = files_of(path)
        for name, data in files.items():
            for trace in traces(CHAT, "vindkraftsparken", token):
                assert trace not in data, f"{name} still holds {trace!r}"
        assert kept.encode() in b"".join(files.values())  # the other chat is untouched
    finally:
        await db.close()
