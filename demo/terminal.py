"""The terminal side of the demo: the newcomer types, the bot's messages are printed.

Why: the demo must show the real conversation without Telegram. Each typed line is injected
into the fake Bot API as a private chat's message; every message the bot sends to that chat
(answers and alerts) is printed as readable text (HTML tags stripped, links as `text <url>`),
with inline buttons as numbered choices the user presses by typing `[n]`. Lines starting with
`:` are demo commands (`:publicera`, `:avsluta`). Reading stdin never blocks the event loop.
After each line the chat waits until the bot is done with the chat (`idle`: its update handled
and no alert to it left unsent), not for a moment of quiet: on a loaded machine, or with
Telegram answering late, a pause between two parts of an answer or before an alert is longer
than any fixed quiet time, and the output would come after the next line, or never.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import stat
import sys
import textwrap
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TextIO

from demo.fake_api import FakeBotApi
from demo.fake_html import readable_text
from demo.records import Call

DEMO_CHAT_ID = 1001
ANSWER_WAIT_SECONDS = 15.0
IDLE_WAIT_SECONDS = 120.0  # the most `settle` waits for the bot to be done with the chat
QUIET_SECONDS = 0.4  # without an `idle` probe: how long a quiet bot is taken to be done
_PRESS = re.compile(r"^\[(\d{1,2})\]$")

DemoCommand = Callable[[str], Awaitable[bool]]  # returns False to quit
Idle = Callable[[int], Awaitable[bool]]  # is the bot done with this chat?
Language = Callable[[int], Awaitable[str]]  # the chat's language, as the bot stored it
Frame = Callable[..., str]  # (key, lang, **values) -> the frame's text in that language


async def stdin_lines(stream: TextIO = sys.stdin) -> AsyncIterator[str]:
    """Lines from stdin without blocking the loop (a pipe/tty reader, else a thread)."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    try:
        if not _pollable(stream):  # a file, or /dev/null (epoll refuses it, after the fact)
            raise ValueError("not a pipe, socket or terminal")
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stream)
    except (ValueError, OSError):  # reading such a file cannot block for long
        while line := await asyncio.to_thread(stream.readline):
            yield line.rstrip("\r\n")
        return
    while line_bytes := await reader.readline():
        yield line_bytes.decode("utf-8", errors="replace").rstrip("\r\n")


def _pollable(stream: TextIO) -> bool:
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError):  # no file descriptor (a test's StringIO)
        return False
    return stream.isatty() or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


class TerminalChat:
    """Prints the bot's side of chat `chat_id` and injects what the user types."""

    def __init__(
        self,
        fake: FakeBotApi,
        out: TextIO = sys.stdout,
        *,
        chat_id: int = DEMO_CHAT_ID,
        frame: Frame,
        echo: bool = False,
        idle: Idle | None = None,
        language: Language | None = None,
    ) -> None:
        self.fake = fake
        self.idle = idle
        self.frame = frame
        self.language = language
        self.lang = "sv"  # the chat's language: the frame follows it like the bot does
        self.out = out
        self.chat_id = chat_id
        self.user_id = chat_id  # the member typing (the same in a group the demo switches to)
        self.echo = echo
        self.buttons: list[tuple[int, str]] = []  # (message_id, callback_data) of [1], [2] …
        self._seen = 0

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def text(self, key: str, **values: object) -> str:
        """The frame's text `key` in the chat's language."""
        return self.frame(key, self.lang, **values)

    def flush(self) -> None:
        """Print what the bot has sent to this chat so far (before switching chats)."""
        self._print_new()

    async def run(self, lines: AsyncIterator[str], demo_command: DemoCommand) -> None:
        """Read lines until EOF or a demo command says stop; print everything the bot says."""
        printer = asyncio.create_task(self._print_forever())
        try:
            async for raw in lines:
                line = raw.strip()
                if not line:
                    continue
                if self.echo:
                    self.say(f"du> {line}")
                if line.startswith(":"):
                    if not await demo_command(line):
                        break
                    continue
                await self.send(line)
            await self.settle()
        finally:
            printer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await printer
            self._print_new()

    async def send(self, line: str) -> None:
        """Inject the user's line (or button press) and wait until the bot has answered."""
        mark = self.fake.mark()
        press = _PRESS.match(line)
        if press:
            index = int(press.group(1)) - 1
            if not 0 <= index < len(self.buttons):
                self.say(self.text("demo_no_button", n=index + 1))
                return
            message_id, data = self.buttons[index]
            await self.fake.inject_callback(self.chat_id, message_id, data, user_id=self.user_id)
        else:
            await self.fake.inject_message(
                self.chat_id, line, user_id=self.user_id, first_name="Du", username="demo"
            )
        with contextlib.suppress(TimeoutError):
            await self.fake.wait_for(lambda: self._answered(mark), ANSWER_WAIT_SECONDS, "answer")
        await self.settle()

    def _answered(self, mark: int) -> bool:
        return any(
            self._is_ours(c)
            for c in self.fake.calls(since=mark)
            if c.method in ("sendMessage", "sendDocument", "editMessageText", "answerCallbackQuery")
        )

    async def settle(self) -> None:
        """Wait until the bot is done with the chat (its answer and every alert to it sent),
        then print: multi-part answers and alerts print whole, before the next line."""
        if self.idle is None:
            await self._quiet()
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(IDLE_WAIT_SECONDS):
                while True:  # a probe of state, not a wait for time to pass
                    if await self.idle(self.chat_id):
                        break
                    await asyncio.sleep(0.05)
        if self.language is not None:  # after /language en the frame is English too
            self.lang = await self.language(self.chat_id)
        self._print_new()

    async def _quiet(self) -> None:
        """Wait until the bot has been quiet for a moment."""
        while True:
            mark = self.fake.mark()
            await asyncio.sleep(QUIET_SECONDS)
            if self.fake.mark() == mark:
                self._print_new()
                return

    async def _print_forever(self) -> None:
        while True:
            await self.fake.wait_for(lambda: self.fake.mark() > self._seen, 3600.0, "output")
            self._print_new()

    def _print_new(self) -> None:
        calls = self.fake.calls(since=self._seen)
        self._seen += len(calls)
        for call in calls:
            if call.ok and self._is_ours(call):
                self._print_call(call)

    def _is_ours(self, call: Call) -> bool:
        return call.params.get("chat_id") == self.chat_id or (
            call.method == "answerCallbackQuery" and bool(call.params.get("text"))
        )

    def _print_call(self, call: Call) -> None:
        if call.method == "answerCallbackQuery":
            self.say(f"   ({call.params.get('text')})")
        elif call.method == "sendDocument" and isinstance(call.result, dict):
            document = call.result.get("document") or {}
            name, size = document.get("file_name"), document.get("file_size")
            label = self.text("demo_label_file", name=name, size=size)
            self.say(format_message(label, str(call.params.get("caption") or "")))
        elif call.method in ("sendMessage", "editMessageText"):
            edited = call.method == "editMessageText"
            label = self.text("demo_label_edited" if edited else "demo_label_bot")
            self.say(format_message(label, str(call.params.get("text", ""))))
            message_id = call.result.get("message_id") if isinstance(call.result, dict) else None
            markup = call.params.get("reply_markup")
            if isinstance(message_id, int) and isinstance(markup, dict):
                self._print_buttons(message_id, markup)

    def _print_buttons(self, message_id: int, markup: dict[str, Any]) -> None:
        rows = markup.get("inline_keyboard") or []
        if not rows:
            return
        self.buttons = []
        shown: list[str] = []
        for button in (b for row in rows for b in row):
            if button.get("callback_data"):
                self.buttons.append((message_id, str(button["callback_data"])))
                shown.append(f"[{len(self.buttons)}] {button.get('text', '')}")
            elif button.get("url"):
                shown.append(f"{button.get('text', '')} <{button['url']}>")
        wrapped = textwrap.fill(
            "   ".join(shown),
            width=96,
            initial_indent="  ",
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
        self.say(f"  {self.text('demo_buttons')}\n{wrapped}\n")


def format_message(label: str, html_text: str) -> str:
    """A bot message for the terminal: a label line, then the readable text indented."""
    body = readable_text(html_text)
    lines = [f"  {line}" if line else "" for line in body.splitlines()]
    return f"\n{label}:\n" + "\n".join(lines) + "\n"
