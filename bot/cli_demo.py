"""The demo: the real bot against a fake Telegram and the sample portal, chatting in a terminal.

Why: a newcomer without a bot token should see Nämndbot work within a minute. `run_demo`
starts the sample Meetings Plus portal and the fake Bot API server on 127.0.0.1, opens a demo
database beside the configured one (`namndbot.demo.sqlite3`, recreated each run, never the
production file), builds THE application with `bot.app.build_application` (same handlers, same
jobs, polling the sample portal every few seconds), polls once so the agendas are there, and
then `terminal.TerminalChat` plays the member. `:publicera` makes the portal publish a new
meeting and polls at once, so the follower's alert arrives in the terminal; `:andra` changes an
item (for /nytt), `:protokoll` posts approved minutes (the appeal window) and `:grupp` types
in a party group instead of the private chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from agenda.clock import Clock, today
from bot.app import RootServices, build_application, root_services
from bot.config import Config
from bot.updates import ChatOrderedUpdateProcessor
from demo.fake_api import FakeBotApi
from demo.lifecycle import initialize_application, start_polling, stop_application
from demo.sample_portal import SamplePortal
from demo.terminal import DEMO_CHAT_ID, TerminalChat, stdin_lines
from presentation.texts import plain, plain_n
from storage.chats import chat_language
from storage.db import Database
from storage.outbox import pending_count

log = logging.getLogger(__name__)

DEMO_POLL_SECONDS = 5
DEMO_BODY = "halso-och-sjukvardsnamnden"
DEMO_GROUP_ID = -1002  # `:grupp`: the demo's party group
CHANGED_TITLE = "– reviderad efter kompletterande underlag"
DEMO_ITEMS = [
    (1, "Mötet öppnas"),
    (2, "Val av justerare och tid för justering"),
    (3, "Fastställande av dagordning"),
    (4, "Vårdplatser vid Östersunds sjukhus – lägesrapport"),
    (5, "Svar på motion om kvalificerad vård i hemmet för fler patienter"),
    (6, "Mötet avslutas"),
]
WELCOME = """\
Nämndbot — demo
===============
Det här är den riktiga boten, men Telegram är låtsat och mötesportalen är en exempelportal
på din dator. Skriv som i en chatt med boten och tryck Enter. Prova:

  /hjalp              vad boten kan
  /organ              organen (nämnder, styrelser) som boten känner till
  /folj hsn           följ hälso- och sjukvårdsnämnden
  /nasta              nästa möte för det du följer, med punkterna
  4                   punkt 4 på det mötet (efter /nasta)
  /sok vårdplatser    sök i alla dagordningar
  [1]                 tryck på knapp 1 under ett meddelande
  :publicera          portalen publicerar ett nytt möte — se aviseringen komma
  /nasta, :andra, /nytt   portalen ändrar punkt 4 — /nytt visar bara den
  /forbered regionfullmaktige   checklista: förslag, handlingar, "✓ läst", "0 av N lästa"
  /folj svom, /overklagande   en öppen överklagandetid med länk till protokollet
  :protokoll          ett justerat protokoll anslås — aviseringen om överklagandetiden
  :grupp, /partigrupp hsn, :publicera, /linje 4 bifall, /linjer
                      en partigrupp (du är admin); :privat tillbaka till din chatt
  :avsluta            avsluta (Ctrl-D fungerar också)

(English: type /language en. Start the real bot by setting TELEGRAM_BOT_TOKEN.)
"""


def demo_database_path(config: Config) -> Path:
    """`data/namndbot.sqlite3` → `data/namndbot.demo.sqlite3` (never the production file)."""
    path = config.database_path
    return path.with_name(f"{path.stem}.demo{path.suffix}")


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def run_demo(config: Config, clock: Clock) -> int:
    """Run the demo until EOF or `:avsluta`; 0 on a clean exit."""
    try:
        return asyncio.run(run_demo_async(config, clock))
    except KeyboardInterrupt:
        return 0


async def run_demo_async(
    config: Config,
    clock: Clock,
    *,
    stdin: Any = None,
    out: Any = None,
    fake: FakeBotApi | None = None,
) -> int:
    """The demo; `fake`: a started fake Bot API to use (a test's, made slow), else its own."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    _quiet_logs(config)
    db_path = demo_database_path(config)
    _remove_database(db_path)
    with tempfile.TemporaryDirectory(prefix="namndbot-demo-") as tmp:
        async with (
            SamplePortal(clock=clock) as portal,
            contextlib.AsyncExitStack() as stack,
        ):
            if fake is None:
                fake = await stack.enter_async_context(FakeBotApi())
            sources = Path(tmp) / "sources.toml"
            sources.write_text(
                f'[[source]]\nkind = "meetingsplus"\nname = "Exempelportalen"\n'
                f'url = "{portal.base_url}"\n\n'
                f'[[source]]\nkind = "feed"\nname = "Anslagstavlan"\n'
                f'url = "{portal.url("/feed.rss")}"\n',
                encoding="utf-8",
            )
            demo_config = dataclasses.replace(
                config,
                token=fake.token,
                base_url=fake.base_url,
                database_path=db_path,
                sources_file=sources,
                poll_interval_seconds=DEMO_POLL_SECONDS,
                admin_chat_ids=config.admin_chat_ids | {DEMO_CHAT_ID},  # so /status can be tried
            )
            db = await Database.open(db_path, clock)
            try:
                await _chat(demo_config, clock, db, portal, fake, stdin, out)
            finally:
                await db.close()
    return 0


async def _chat(
    config: Config,
    clock: Clock,
    db: Database,
    portal: SamplePortal,
    fake: FakeBotApi,
    stdin: Any,
    out: Any,
) -> None:
    app = build_application(config, clock, db=db, start_jobs=True)
    processor = app.update_processor
    assert isinstance(processor, ChatOrderedUpdateProcessor)

    async def idle(chat_id: int) -> bool:
        """The chat's updates handled and every alert to it sent (state, not a quiet time)."""
        return not processor.busy(chat_id) and not await pending_count(db, chat_id)

    async def language(chat_id: int) -> str:
        return await chat_language(db, chat_id)

    chat = TerminalChat(
        fake, out, frame=plain, echo=not _is_tty(stdin), idle=idle, language=language
    )
    chat.say(WELCOME)
    try:
        await initialize_application(app)
        services = root_services(app)
        assert services.poller is not None  # start_jobs=True
        chat.say(chat.text("demo_fetching"))
        await _poll(services, chat)
        await start_polling(app)
        chat.say(chat.text("demo_ready"))
        publisher = _Publisher(portal, services, fake, chat, clock)
        await chat.run(stdin_lines(stdin), publisher.command)
    finally:
        await stop_application(app)
        chat.say(chat.text("demo_bye"))


async def _poll(services: RootServices, chat: TerminalChat) -> None:
    """The pages, then the documents (the jobs do the same on their own schedule)."""
    assert services.poller is not None and services.documents is not None
    try:
        report = await services.poller.run_cycle()
        await services.documents.run()
    except Exception as exc:  # the demo goes on; the bot just knows less
        log.exception("demo poll failed")
        chat.say(chat.text("demo_fetch_failed", error=exc))
        return
    new, changed = report.total("new"), report.total("changed")
    chat.say(plain_n("demo_polled", chat.lang, new, changed=changed))


class _Publisher:
    """The `:` commands: `:publicera` a new meeting on the sample portal, `:avsluta`."""

    def __init__(
        self,
        portal: Any,
        services: RootServices,
        fake: FakeBotApi,
        chat: TerminalChat,
        clock: Clock,
    ) -> None:
        self.clock = clock
        self.portal = portal
        self.services = services
        self.fake = fake
        self.chat = chat
        self.published = 0

    async def command(self, line: str) -> bool:
        word = line.split()[0].lower()
        if word in (":avsluta", ":quit", ":exit", ":q"):
            return False
        if word in (":publicera", ":publish"):
            await self.publish()
        elif word in (":andra", ":ändra", ":change"):
            await self.change()
        elif word in (":protokoll", ":minutes"):
            await self.post_minutes()
        elif word in (":grupp", ":group", ":privat", ":private"):
            self.switch(group=word in (":grupp", ":group"))
        else:
            self.chat.say(self.chat.text("demo_commands"))
        return True

    def switch(self, *, group: bool) -> None:
        """Type in the demo's party group (as its admin) or back in the private chat."""
        if group:
            self.fake.set_member_status(DEMO_GROUP_ID, DEMO_CHAT_ID, "creator")
        self.chat.flush()
        self.chat.chat_id = DEMO_GROUP_ID if group else DEMO_CHAT_ID
        self.chat.buttons = []
        self.chat.say(self.chat.text("demo_in_group" if group else "demo_in_private"))

    async def _poll_until_told(self, polls: int = 4) -> None:
        """Poll (pages, then the documents step) until the appeal alert reaches the chat."""
        mark = self.fake.mark()
        for _ in range(polls):
            await _poll(self.services, self.chat)
            await self.chat.settle()  # every alert the poll wrote for the chat is sent
            sent = self.fake.sent_messages(self.chat.chat_id, since=mark)
            if any(m.text.startswith("⚖️") for m in sent):
                return

    async def change(self) -> None:
        """The portal rewrites item 4 of the next meeting of the demo body (for /nytt)."""
        day = today(self.clock)
        upcoming = [m for m in self.portal.site.meetings if m.body.slug == DEMO_BODY]
        meeting = min((m for m in upcoming if m.day >= day), key=lambda m: m.day)
        block = next((b for b in meeting.agenda if b.number == 4), None)
        title = f"{block.title if block and block.title else 'Punkt 4'} {CHANGED_TITLE}"
        self.portal.edit_item(meeting.path, 4, title=title)
        self.chat.say(self.chat.text("demo_changed", path=meeting.path))
        await _poll(self.services, self.chat)
        await self.chat.settle()  # the change's alert, if the chat follows the body

    async def post_minutes(self) -> None:
        """A meeting a week ago gets approved minutes, posted on the anslagstavla today."""
        day = today(self.clock)
        path = self.portal.publish_meeting(DEMO_BODY, day - timedelta(days=7), DEMO_ITEMS)
        self.chat.say(self.chat.text("demo_minutes_meeting", path=path))
        await _poll(self.services, self.chat)
        self.portal.site.publish_minutes(path, posted_on=day, board=True)
        self.chat.say(self.chat.text("demo_minutes_posted", path=path))
        await self._poll_until_told()

    async def publish(self) -> None:
        self.published += 1
        day = today(self.clock) + timedelta(days=7 + 7 * self.published)
        path = self.portal.publish_meeting(DEMO_BODY, day, DEMO_ITEMS)
        self.chat.say(self.chat.text("demo_published", path=path, every=DEMO_POLL_SECONDS))
        mark = self.fake.mark()
        await _poll(self.services, self.chat)
        await self.chat.settle()  # every alert the poll wrote for the chat is sent
        if not self.fake.sent_messages(self.chat.chat_id, since=mark):
            self.chat.say(self.chat.text("demo_no_alert"))


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _quiet_logs(config: Config) -> None:
    """The terminal is the chat: only warnings (or everything with LOG_LEVEL=DEBUG)."""
    if config.log_level != "DEBUG":
        logging.getLogger().setLevel(logging.WARNING)
        for name in ("apscheduler", "telegram", "httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.WARNING)
