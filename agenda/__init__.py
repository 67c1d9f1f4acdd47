"""The domain: what a meeting agenda is, how to read one, and the rules every layer shares.

The model (`agenda.model`), the reader of any agenda page or document (`agenda.parse`, its
patterns in `agenda.patterns`), Swedish stemming and watches (`agenda.stem`), the change diff and
which events it makes (`agenda.diff`, `agenda.events`), the item summaries, decisions, case
numbers, the appeal period, what is new to a chat, the clock, alert times and the back-off rule
live here, free of Telegram, SQLite and HTTP, so every other layer relies on one understanding.
"""
