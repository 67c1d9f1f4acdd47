"""Which tables hold a chat's data, read from the schema itself (test helper).

Why: erasing a chat (/radera) and moving one (a group upgraded to a supergroup) must reach every
table that holds a chat's data. Tests that list the tables by hand pass when a new table is
forgotten; these find them in `sqlite_master`: a column named `chat_id`, `user_id` or
`channel_id`, or a foreign key to `chats`.
"""

from __future__ import annotations

from storage.db import Database

CHAT_COLUMNS = ("chat_id", "user_id", "channel_id")


async def chat_tables(db: Database) -> dict[str, list[str]]:
    """Every table that holds a chat's data, with the columns that name the chat."""
    async with db.reader.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ) as cur:
        tables = [str(r[0]) for r in await cur.fetchall()]
    found: dict[str, list[str]] = {}
    for table in tables:
        async with db.reader.execute(f"PRAGMA table_info('{table}')") as cur:
            columns = {str(r[1]) for r in await cur.fetchall()}
        async with db.reader.execute(f"PRAGMA foreign_key_list('{table}')") as cur:
            keys = {str(r[3]) for r in await cur.fetchall() if r[2] == "chats"}
        named = sorted((columns & set(CHAT_COLUMNS)) | keys)
        if named:
            found[table] = named
    return found


async def rows_of(db: Database, table: str, columns: list[str], chats: tuple[int, ...]) -> int:
    """How many rows of `table` name one of `chats` in one of `columns`."""
    where = " OR ".join(f"{c} IN ({', '.join('?' * len(chats))})" for c in columns)
    sql = f"SELECT count(*) FROM {table} WHERE {where}"
    async with db.reader.execute(sql, chats * len(columns)) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
