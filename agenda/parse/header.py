"""The meeting header (date, body, time, place) from the page, and body/date from the URL.

Why: the header is the only place that names the body and the time; when a rendering lost it,
the URL still carries the body slug and usually the date (`/committees/<slug>/mote-YYYY-MM-DD`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from urllib.parse import urlsplit

from agenda import patterns as P
from agenda.parse.blocks import Block

_HEADER_SCAN = 8
_NAME_MAX = 120


@dataclass(slots=True)
class Header:
    date: date | None = None
    body_name: str | None = None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    date_index: int | None = None
    #: the page announces a meeting: its date stands in a label or the meeting's title
    announced: bool = False


def _parse_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _parse_time(raw: str | None) -> time | None:
    if not raw:
        return None
    hours, _, minutes = raw.replace(".", ":").partition(":")
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def extract_header(blocks: list[Block]) -> tuple[Header, list[Block]]:
    """Read the header from the leading line blocks; return it and the blocks without it."""
    header = Header()
    consumed: set[int] = set()
    lines = [i for i, b in enumerate(blocks[: _HEADER_SCAN * 2]) if b.kind == "line"]
    previous = -1
    for i in lines[:_HEADER_SCAN]:
        if any(b.kind in {"header", "bilagor"} for b in blocks[:i]):
            break
        adjacent = previous in consumed and all(b.kind == "line" for b in blocks[previous + 1 : i])
        if _place_after_time(header, blocks[i].text, adjacent):
            consumed.add(i)
        else:
            _read_line(header, blocks[i].text, i, consumed, previous in consumed)
        previous = i
    _name_before_date(header, blocks, consumed)
    if not consumed:
        return header, blocks
    return header, _without(blocks, consumed)


def _read_line(
    header: Header, text: str, index: int, consumed: set[int], follows_header: bool
) -> None:
    date_match = P.HEADER_DATE_RE.match(text)
    time_match = P.HEADER_TIME_RE.match(text)
    if date_match and header.date is None:
        header.date = _parse_date(date_match["date"])
        header.date_index = index
    elif time_match and header.date is not None and header.start is None:
        header.start = _parse_time(time_match["start"])
        header.end = _parse_time(time_match["end"])
        header.place = time_match["place"]
    elif follows_header and header.body_name is None and header.start is None and _name(text):
        header.body_name = text
    else:
        return
    consumed.add(index)


def _place_after_time(header: Header, text: str, follows_header: bool) -> bool:
    """The line right after a time without a place (`08:30`, `15:30 -`), in the same entry,
    is the place."""
    if not (follows_header and header.start is not None and header.place is None):
        return False
    if len(text) > _NAME_MAX or P.HEADER_TIME_RE.match(text) or P.HEADER_DATE_RE.match(text):
        return False
    header.place = text
    return True


def _name_before_date(header: Header, blocks: list[Block], consumed: set[int]) -> None:
    """Markups that put the body first (`<h1>Regionstyrelsen</h1><p>Möte 2017-12-12</p>`)."""
    if header.body_name is not None or not header.date_index:
        return
    before = [i for i in range(header.date_index) if blocks[i].kind == "line"]
    if before and before[-1] not in consumed and _name(blocks[before[-1]].text):
        header.body_name = blocks[before[-1]].text
        consumed.add(before[-1])


def _name(text: str) -> bool:
    return len(text) <= _NAME_MAX and not text.endswith((".", ":", "!", "?"))


def _without(blocks: list[Block], consumed: set[int]) -> list[Block]:
    """Drop consumed lines and entry markers left empty by them."""
    kept = [b for i, b in enumerate(blocks) if i not in consumed]
    result: list[Block] = []
    for i, block in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        if block.kind == "entry" and (following is None or following.kind == "entry"):
            continue
        result.append(block)
    return result


def body_slug_and_date_from_url(url: str) -> tuple[str | None, date | None]:
    """(body slug, meeting date) from a meeting page URL; None for what it does not show."""
    path = urlsplit(url).path
    match = P.MEETING_PATH_RE.search(path) or P.COMMITTEE_PATH_RE.search(path)
    if not match:
        return None, None
    meeting = match.groupdict().get("meeting") or ""
    found = P.URL_DATE_RE.search(meeting)
    return match["body"], _parse_date(found["date"]) if found else None


def cancelled_from_url(url: str) -> bool:
    match = P.MEETING_PATH_RE.search(urlsplit(url).path)
    return bool(match and P.CANCELLED_SLUG_RE.search(match["meeting"]))


def portal_of(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
