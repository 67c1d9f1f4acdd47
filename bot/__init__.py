"""The Telegram bot: configuration, the composition root, texts, rendering and the CLI.

`python -m bot` is the single entry point (`run`, `parse`, `poll`, `sample-portal`);
`bot.config` is the only module that reads the environment; `bot.app` builds the
python-telegram-bot `Application` from a validated `Config`.
"""
