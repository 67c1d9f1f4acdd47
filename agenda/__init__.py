"""What a meeting agenda is and how to read one.

The model (`agenda.model`), the Meetings Plus page parser (`agenda.parse`), Swedish text helpers
(`agenda.stem`) and the summaries shown to members (`agenda.summary`) live here, free of
Telegram, SQLite and HTTP, so every other layer can rely on one understanding of an agenda.
"""
