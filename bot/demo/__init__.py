"""The demo: the real bot against a fake Telegram and the sample portal, chatting in a terminal.

Why: a newcomer without a bot token should see Nämndbot work within a minute. `run_demo`
starts the sample Meetings Plus portal, the fake Bot API server (`fake_api`), a demo database,
and the real Application from `bot.app.build_application`; `terminal` plays the member.
"""
