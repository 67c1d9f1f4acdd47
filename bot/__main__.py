"""`namndbot` (or `python -m bot`): the command-line entry point.

Why: operators, tests and the README all start the project the same way: run, poll, parse,
backup, doctor, sample-portal. The console script `namndbot` (pyproject's `[project.scripts]`)
calls `main`. Each sub-command lives in its own module; this file only dispatches.
"""

from __future__ import annotations

import argparse
import os
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="namndbot", description="Nämndbot")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start the bot (the demo when no token is configured)")
    run.add_argument("--demo", action="store_true", help="run the demo even with a token")
    parse = sub.add_parser("parse", help="parse a meeting page and print it as JSON")
    parse.add_argument("source", help="an HTML or text file, or an http(s) URL")
    parse.add_argument("--url", help="the page's address when SOURCE is a saved file")
    poll = sub.add_parser("poll", help="poll the configured sources")
    poll.add_argument("--once", action="store_true", help="run one cycle and print the result")
    backup = sub.add_parser("backup", help="copy the live database safely (SQLite online backup)")
    backup.add_argument("path", help="the new file (must not exist yet)")
    doctor = sub.add_parser("doctor", help="check the configuration, token, sources and database")
    doctor.add_argument(
        "--live", action="store_true", help="ask the running bot instead (its /healthz)"
    )
    portal = sub.add_parser("sample-portal", help="serve the sample Meetings Plus portal")
    portal.add_argument("--host", default="127.0.0.1")
    portal.add_argument("--port", type=int, default=8088)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # `namndbot parse page.html | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush stays quiet
        return 1


def _dispatch(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "parse":
        from bot.cli_parse import run_parse

        return run_parse(args.source, args.url)
    if args.command == "poll":
        from bot.cli_poll import run_poll

        return run_poll(once=args.once)
    if args.command == "backup":
        from bot.cli_backup import run_backup

        return run_backup(args.path)
    if args.command == "doctor":
        from bot.cli_doctor import run_doctor

        return run_doctor(live=args.live)
    if args.command == "sample-portal":
        from agenda.clock import SystemClock
        from demo.sample_portal import serve_forever

        return serve_forever(args.host, args.port, SystemClock())
    from bot.cli_run import run_bot

    return run_bot(force_demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
