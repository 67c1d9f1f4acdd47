"""What a member typed to ask for an item or a paragraph: `/punkt 4 hsn 7 december`,
`punkt 4 på nästa möte`, `pkt 4`, `ärende 4`, `4 rs`, `§ 54 svom 2023`, a bare `4`. Pure
functions, no Telegram (dates are read by `presentation.dates`).

Why: members write the way they talk ("punkt 4 på nästa möte"), and the plain
forms must accept the same words as the commands. Parsing apart from answering keeps
`handlers/items.py` about the conversation and lets the grammar be unit-tested.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from presentation.bodymatch import match_body
from presentation.dates import find_date
from storage.bodies import BodyRow

MAX_NUMBER = 100_000
_YEAR = re.compile(r"^(19|20)\d{2}$")
#: A lettered sub-item as typed: `9a`, `9A`, `9 a` (a spaced letter only a-h: `4 i hsn` is
#: item 4 in the body hsn).
_LETTERED = r"\d{1,6}(?:[a-zA-Z]|\s[a-hA-H])(?![\wåäöÅÄÖ])"
_PLAIN_ITEM = re.compile(
    rf"^\s*(?:punkt|pkt\.?|ärende|arende|item|p\.?)\s*({_LETTERED}|\d{{1,6}})\.?(?:\s+(.*))?$",
    re.I | re.S,
)
# `4 rs`, `4 på nästa möte`: a number and then words (which must name the meeting).
_NUMBER_FIRST = re.compile(rf"^\s*({_LETTERED}|\d{{1,6}})\.?\s+(\D.*)$", re.S)
_LETTERED_RE = re.compile(rf"^{_LETTERED}$")
_PLAIN_PARAGRAPH = re.compile(r"^\s*(?:§|paragraf|paragraph)\s*(\d{1,6})(?:\s+(.*))?$", re.I | re.S)
_PLAIN_NUMBER = re.compile(r"^\s*(\d{1,6}[a-zA-Z]?)\.?\s*$")
# Words around the body that only say "at the (next) meeting": `punkt 4 på nästa möte`,
# `item 4 at the next meeting`, `punkt 4 i hsn`. Only stripped at the ends, so a body name that
# contains one of them (`nämnden för …`) is left whole.
_LEADING = frozenset(
    {"på", "i", "för", "vid", "nästa", "kommande", "möte", "mötet", "sammanträde",
     "sammanträdet", "on", "at", "in", "of", "for", "the", "next", "meeting"}
)  # fmt: skip
_TRAILING = frozenset(
    {"nästa", "kommande", "möte", "mötet", "sammanträde", "sammanträdet", "next", "meeting"}
)
_NEXT = frozenset({"nästa", "kommande", "next"})


@dataclass(frozen=True)
class Where:
    """Which meeting: the words naming a body ('' for none), a date, or "the next meeting"."""

    body: str
    on: date | None = None
    upcoming: bool = False


def number(raw: str) -> int | None:
    """`4`, `4.`, `§4` → 4; None for anything that is not a positive number in range."""
    raw = raw.strip().rstrip(".").lstrip("§").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= MAX_NUMBER else None


def lettered(args: list[str]) -> tuple[str | None, list[str]]:
    """(`9 a`, the other words) when the arguments begin with a lettered item number (`9a`,
    `9A`, `9 a`, or `9` and `a`); (None, args) otherwise."""
    if args and _LETTERED_RE.match(args[0].strip()):
        raw = "".join(args[0].split())
        return f"{raw[:-1]} {raw[-1]}", args[1:]
    if len(args) > 1 and number(args[0]) and re.fullmatch(r"[a-hA-H]", args[1]):
        return f"{number(args[0])} {args[1]}", args[2:]
    return None, args


def split_year(words: list[str]) -> tuple[list[str], int | None]:
    """(words, year) when the last word is a year such as 2023."""
    if words and _YEAR.match(words[-1]):
        return words[:-1], int(words[-1])
    return words, None


def where(words: list[str]) -> Where:
    """The meeting named by the words after the number (the date, if any, already removed)."""
    rest = list(words)
    upcoming = False
    while rest and rest[0].casefold() in _LEADING:
        upcoming |= rest.pop(0).casefold() in _NEXT
    while rest and rest[-1].casefold() in _TRAILING:
        upcoming |= rest.pop().casefold() in _NEXT
    return Where(" ".join(rest), upcoming=upcoming)


def plain_item(text: str, has_meeting: bool) -> list[str] | None:
    """The /punkt arguments of `punkt 4 [organ] [datum]` (or a bare `4` after a meeting)."""
    if match := _PLAIN_ITEM.match(text):
        return [match.group(1), *(match.group(2) or "").split()]
    if match := _NUMBER_FIRST.match(text):
        return [match.group(1), *match.group(2).split()]
    if has_meeting and (match := _PLAIN_NUMBER.match(text)):
        return [match.group(1)]
    return None


# How members ask for the next meeting in words: `när är nästa möte?`, `vad händer på nästa
# sammanträde i rs`, `what's on the next meeting`, `kommande möte`.
_ASKING = frozenset(
    {"när", "är", "vad", "händer", "blir", "har", "vi", "det", "visa", "when", "is", "what",
     "what's", "whats", "show", "me", "happens", "on", "at", "the", "på", "om"}
)  # fmt: skip
_NEXT_WORDS = frozenset({"nästa", "kommande", "next", "upcoming"})
_MEETING_WORDS = frozenset(
    {"möte", "mötet", "sammanträde", "sammanträdet", "meeting", "möten", "sammanträden"}
)


def next_meeting_words(text: str) -> list[str] | None:
    """The words naming a body in a question for the next meeting (`när är nästa möte i rs?`
    → ["i", "rs"]; [] for none), or None when the text asks no such thing."""
    found = [w.strip("?!.,:;") for w in text.split()]
    found = [w for w in found if w]
    while found and found[0].casefold() in _ASKING:
        found.pop(0)
    if len(found) < 2 or found[0].casefold() not in _NEXT_WORDS:
        return None
    if found[1].casefold() not in _MEETING_WORDS:
        return None
    return found[2:]


def is_bare_number(text: str) -> bool:
    """`4`: an item of the chat's current meeting, if it has one."""
    return _PLAIN_NUMBER.match(text) is not None


def plain_paragraph(text: str) -> list[str] | None:
    """The /paragraf arguments of `§ 54 [organ] [år]`."""
    if match := _PLAIN_PARAGRAPH.match(text):
        return [match.group(1), *(match.group(2) or "").split()]
    return None


def names_a_body(args: list[str], bodies: Sequence[BodyRow], today: date) -> bool:
    """True when the words after the number name no body or exactly one (not chatter such as
    `punkt 4 är viktig`, which in a group is members talking to each other)."""
    words, _ = split_year(find_date(args[1:], today).rest)
    body = where(words).body
    return not body or match_body(body, bodies).body is not None
