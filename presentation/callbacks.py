"""What a button says when it is pressed: callback data as small typed values, one codec.

Why: Telegram gives a pressed button's `callback_data` back as a string of at most 64 bytes
(`InlineKeyboardButtonLimit.MAX_CALLBACK_DATA`), and anyone can send a bot any string. Each
kind of press is a frozen dataclass here (`ShowItem(meeting_id, position)`); `encode()` writes
it as `<tag>:<field>:<field>` and `decode()` reads a string back into one, or gives None for
anything else. Handlers build buttons from these values and register for a kind
(`CallbackQueryHandler(cb, pattern=ShowItem.matches)`), so no module formats or splits the
strings itself.

Strict by construction: a string is accepted only when it is exactly what `encode()` writes
for the value it decodes to (no leading zeros, no `+`, no other digits than 0–9, no extra or
missing fields, every number and text within its bounds, 1–64 bytes); everything else
(garbage, a forged or truncated string, a button of a version that no longer exists) is None
and is answered as a stale button. What a press may do is still checked by its handler (a
channel's admin, the erase ticket): decoding only says what the press names.

Versions: the tag names a layout. The layouts below are version 1, byte for byte the strings
the bot wrote before this module existed, so every button already in a chat and every alert
waiting in the outbox (`storage.outbox_payload`) decodes unchanged. A layout that must change
takes a new tag and the old tag keeps decoding (into the new class) for as long as messages
carrying it may be pressed; `ConfirmErase` shows the pattern: its code-less `del:yes`, the
button before erase tickets, still decodes, to a ticket that never matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import astuple, dataclass, fields
from typing import Annotated, Any, ClassVar, Self, TypeVar, cast, get_type_hints

from telegram import InlineKeyboardButton
from telegram.constants import InlineKeyboardButtonLimit

from presentation.html import Html

__all__ = [
    "KINDS",
    "BodyFollow",
    "ButtonData",
    "CancelErase",
    "ChannelButton",
    "ChannelFollow",
    "ChannelMenu",
    "ChannelUnfollow",
    "ConfirmErase",
    "Follow",
    "MoreHits",
    "MoreMeetings",
    "NextNews",
    "Num",
    "RunCommand",
    "ShowItem",
    "ShowMeeting",
    "Text",
    "ToggleRead",
    "Unfollow",
    "UnfollowCase",
    "Unwatch",
    "button_of_start",
    "decode",
    "is_start_payload",
    "start_payload",
]

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
MIN_BYTES = InlineKeyboardButtonLimit.MIN_CALLBACK_DATA


@dataclass(frozen=True)
class Num:
    """An integer field: at most `digits` digits 0–9, negative only when `signed`."""

    digits: int
    signed: bool = False

    def read(self, text: str) -> int | None:
        sign = "-?" if self.signed else ""
        return int(text) if re.fullmatch(f"{sign}[0-9]{{1,{self.digits}}}", text) else None

    def valid(self, value: object) -> bool:
        return isinstance(value, int) and self.read(str(value)) == value


@dataclass(frozen=True)
class Text:
    """A text field matching `pattern` whole. `rest`: the last field, which may hold `:`;
    `optional`: the last field, left out (with its `:`) when empty."""

    pattern: str
    rest: bool = False
    optional: bool = False

    def read(self, text: str) -> str | None:
        if text == "" and self.optional:
            return text
        ok = re.fullmatch(self.pattern, text, re.S) and (self.rest or ":" not in text)
        return text if ok else None

    def valid(self, value: object) -> bool:
        return isinstance(value, str) and self.read(value) == value


Spec = Num | Text
Id = Annotated[int, Num(12)]  # a row id of ours (meetings, bodies, watches)
Position = Annotated[int, Num(5)]  # an item's place in its meeting's agenda
ChatId = Annotated[int, Num(16, signed=True)]  # a Telegram chat (a channel's is negative)
Count = Annotated[int, Num(3)]  # how far a list was shown
CaseKey = Annotated[str, Text(r"[\w-]{1,60}")]  # `agenda.casenumbers.case_key`
Code = Annotated[str, Text(r"[0-9a-f]{1,32}", optional=True)]
CommandName = Annotated[str, Text(r"[a-z_]{1,32}")]
CommandArgs = Annotated[str, Text(r".+", rest=True, optional=True)]


class ButtonData:
    """One kind of press: a frozen dataclass with a `TAG` and typed fields (see the module)."""

    TAG: ClassVar[str]
    SPECS: ClassVar[tuple[Spec, ...]]  # one per field, in order: how it is read and written

    def encode(self) -> str:
        """The callback data; ValueError when a field is out of bounds or it exceeds 64 bytes."""
        values = astuple(self)  # type: ignore[call-overload]
        if not all(spec.valid(v) for spec, v in zip(self.SPECS, values, strict=True)):
            raise ValueError(f"{self!r} has a field out of bounds")
        parts = [str(v) for v in values]
        if parts and parts[-1] == "" and _optional(self.SPECS[-1]):
            parts.pop()
        data = ":".join([self.TAG, *parts])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"{self!r} does not fit in {MAX_BYTES} bytes")
        return data

    def fits(self) -> bool:
        """Whether `encode()` succeeds (a case key or a command's words may be too long)."""
        try:
            self.encode()
        except ValueError:
            return False
        return True

    def button(self, label: str) -> InlineKeyboardButton:
        """A button that sends this value. Its label is plain text (Telegram shows `&amp;` as
        typed), so a message's `Html` is refused: take the text with `texts.plain`."""
        if isinstance(label, Html):
            raise TypeError("a button label is plain text, not Html")
        return InlineKeyboardButton(label, callback_data=self.encode())

    @classmethod
    def decode(cls, data: object) -> Self | None:
        """`data` as this kind, None for anything else."""
        found = decode(data)
        return found if isinstance(found, cls) else None

    @classmethod
    def matches(cls, data: object) -> bool:
        """A `CallbackQueryHandler` pattern: does `data` decode as this kind?"""
        return cls.decode(data) is not None


KINDS: dict[str, type[ButtonData]] = {}  # tag -> kind, filled by `_kind`


def _optional(spec: Spec) -> bool:
    return isinstance(spec, Text) and spec.optional


K = TypeVar("K", bound=ButtonData)


def _kind(tag: str) -> Callable[[type[K]], type[K]]:
    """Register a dataclass as the kind written with `tag`; its fields' specs from the hints."""

    def register(cls: type[K]) -> type[K]:
        hints = get_type_hints(cls, include_extras=True)
        specs = []
        for f in fields(cast(Any, cls)):
            meta = [m for m in getattr(hints[f.name], "__metadata__", ()) if isinstance(m, Spec)]
            if len(meta) != 1:
                raise TypeError(f"{cls.__name__}.{f.name} needs one Num or Text")
            specs.append(meta[0])
        if tag in KINDS or any(_optional(s) or s.rest for s in specs[:-1] if isinstance(s, Text)):
            raise TypeError(f"{cls.__name__}: tag taken, or an open field before the last")
        cls.TAG, cls.SPECS = tag, tuple(specs)
        KINDS[tag] = cls
        return cls

    return register


def decode(data: object) -> ButtonData | None:
    """The press `data` names, or None for anything the codec would not have written."""
    if not isinstance(data, str) or not MIN_BYTES <= len(data.encode()) <= MAX_BYTES:
        return None
    for tag, cls in KINDS.items():
        if data == tag or data.startswith(f"{tag}:"):
            found = _fields(cls, data[len(tag) + 1 :], data == tag)
            if found is not None and found.encode() == data:
                return found
    return None


def _fields(cls: type[ButtonData], rest: str, bare: bool) -> ButtonData | None:
    specs = cls.SPECS
    if bare:
        parts: list[str] = []
    else:
        last_open = bool(specs) and isinstance(specs[-1], Text) and specs[-1].rest
        parts = rest.split(":", len(specs) - 1) if last_open else rest.split(":")
    if len(parts) == len(specs) - 1 and specs and _optional(specs[-1]):
        parts.append("")
    if len(parts) != len(specs):
        return None
    values = [spec.read(part) for spec, part in zip(specs, parts, strict=True)]
    if any(v is None for v in values):
        return None
    build: Callable[..., ButtonData] = cls
    return build(*values)


@_kind("m")
@dataclass(frozen=True)
class ShowMeeting(ButtonData):
    """Show a meeting (from an item view: in its place)."""

    meeting_id: Id


@_kind("i")
@dataclass(frozen=True)
class ShowItem(ButtonData):
    """Show one item of a meeting."""

    meeting_id: Id
    position: Position


@dataclass(frozen=True)
class BodyFollow(ButtonData):
    """Follow or unfollow a body (`Follow`, `Unfollow`); registered for both."""

    body_id: Id


@_kind("f")
@dataclass(frozen=True)
class Follow(BodyFollow):
    pass


@_kind("u")
@dataclass(frozen=True)
class Unfollow(BodyFollow):
    pass


@_kind("uc")
@dataclass(frozen=True)
class UnfollowCase(ButtonData):
    case_key: CaseKey


@_kind("uw")
@dataclass(frozen=True)
class Unwatch(ButtonData):
    watch_id: Id


@_kind("ml")
@dataclass(frozen=True)
class MoreMeetings(ButtonData):
    """The /moten list again, longer: `shown` meetings of each kind were shown."""

    shown: Count


@_kind("s")
@dataclass(frozen=True)
class MoreHits(ButtonData):
    """The chat's last search from hit number `start` (counted from 0)."""

    start: Count


@dataclass(frozen=True)
class ChannelButton(ButtonData):
    """A button of /kanal about a linked channel (the three kinds below)."""

    channel_id: ChatId


@_kind("kc")
@dataclass(frozen=True)
class ChannelMenu(ChannelButton):
    """The channel's bodies, to follow for it."""


@_kind("kf")
@dataclass(frozen=True)
class ChannelFollow(ChannelButton):
    body_id: Id


@_kind("ku")
@dataclass(frozen=True)
class ChannelUnfollow(ChannelButton):
    body_id: Id


@_kind("rd")
@dataclass(frozen=True)
class ToggleRead(ButtonData):
    """Mark an item read in /forbered's checklist, or unread again."""

    meeting_id: Id
    position: Position


@_kind("nw")
@dataclass(frozen=True)
class NextNews(ButtonData):
    """Open the next item with news (/nytt)."""


@_kind("del:yes")
@dataclass(frozen=True)
class ConfirmErase(ButtonData):
    """/radera confirmed, with the ticket's code (empty: a button from before the tickets)."""

    code: Code


@_kind("del:no")
@dataclass(frozen=True)
class CancelErase(ButtonData):
    pass


@_kind("c")
@dataclass(frozen=True)
class RunCommand(ButtonData):
    """ "Menade du /sok?": run a command (its Swedish name) with the words typed after it."""

    command: CommandName
    args: CommandArgs = ""


_START = re.compile(r"[im](_[0-9]+){1,2}")


def start_payload(data: object) -> str | None:
    """A meeting or item button as a `t.me/<bot>?start=` payload (`m:5` → `m_5`, `i:5:2` →
    `i_5_2`: a payload allows only letters, digits, `_` and `-`); None for other buttons."""
    found = decode(data)
    return found.encode().replace(":", "_") if isinstance(found, ShowMeeting | ShowItem) else None


def is_start_payload(payload: str) -> bool:
    """Whether a `/start` payload has the shape of `start_payload` (a body's slug has not)."""
    return _START.fullmatch(payload) is not None


def button_of_start(payload: str) -> ShowMeeting | ShowItem | None:
    """The button a `/start` payload of `start_payload` stands for, None for any other."""
    if not is_start_payload(payload):
        return None
    found = decode(payload.replace("_", ":"))
    return found if isinstance(found, ShowMeeting | ShowItem) else None
