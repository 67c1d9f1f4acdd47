"""Persistence: one SQLite file, one writer, numbered migrations, repositories per concern.

`storage.db.Database` owns the connections and the migrations; each repository module
(`meetings`, `search`, `chats`, `events`, `outbox`, `sources`, ...) holds the raw parameterised
SQL of one concern and returns dataclasses.
"""
