"""Test doubles that run as real servers: the fake Telegram Bot API, the sample Meetings Plus
portal and the terminal chat.

Why its own package: the demo (`python -m bot run` without a token), the tests and the
benchmarks all need a Telegram and a portal on 127.0.0.1; they share these instead of each
keeping its own. Nothing in the product packages imports this package; only the composition
root's demo command (`bot/cli_demo.py`) does.
"""
