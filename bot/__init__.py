"""The application shell, imported by nothing: configuration, the composition root, the CLI.

`namndbot` (or `python -m bot`) is the single entry point (`run`, `parse`, `poll`, `backup`,
`doctor`, `sample-portal`); `bot.config` is the only module that reads the environment;
`bot.app` builds the python-telegram-bot `Application` from a validated `Config`, with the
update order and pacing (`bot.updates`, `bot.ratelimit`), the web server and the logs.

Importing it opts the process in to python-telegram-bot's coming time semantics
(`PTB_TIMEDELTA`: `RetryAfter.retry_after` and the other durations are `timedelta`s), which the
code is written for; without it PTB warns on every flood-control answer. Set here, before any
part of the bot runs, so the CLI, the poll process, the demo and the tests all run alike.
"""

import os

os.environ["PTB_TIMEDELTA"] = "true"
