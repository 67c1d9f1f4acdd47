"""Whether a page read at a meeting's URL can be believed at once, or must be held.

Why: portals answer 200 with pages that are not the meeting: a maintenance notice, a login wall,
a page cut off half-way, another meeting's page behind a misrouted URL or a stale cache. Believing
one replaces a true agenda and alerts every follower ("flyttat", a changed agenda, watch hits on
another meeting's items), and again when the portal heals. These rules name what makes a page
doubtful; the caller holds a doubtful page and stores it only once it is confirmed. A false doubt
costs a delay, a missed one costs wrong alerts to every follower, so the rules lean to doubting:

- `truncated`: an HTML page that never closes (no `</html>`);
- `date`: the page's date differs from the date in its URL (and from the stored date);
- `body`: the page's header names another body than the one stored for the URL's slug;
- `empty`: no agenda structure (no item with a number or a `§`) where one was stored, and the
  page is not a cancelled meeting: a maintenance or login page may parse into one loose
  "item" of text, but never into numbered ones;
- `shrunk`: the agenda lost more than a third of its items at once (26 → 15 is held);
- `other`: the page's agenda is another stored meeting's agenda (same items, in order), and
  the page also moves the meeting or is doubtful otherwise: it is that meeting's page.

Confirmation (`confirmed`): the same parsed content served on `CONFIRM_POLLS` polls in a row AND
over at least `CONFIRM_AFTER`. Why both: a misrouted or cached wrong page typically lasts as long
as a cache lifetime or a deployment (minutes, up to about an hour), so a count of polls alone
would confirm it within minutes at a short poll interval; the hour is what makes "consistently"
mean something. Three polls keep a long poll interval (an hour or more) from confirming on the
second read. A genuine shrink or a moved date is alerted about an hour late, which a member
preparing days ahead does not notice; a wrong "flyttat" to every follower they do.

`empty` and `other` are never confirmed: an empty parse never replaces a stored agenda
(`agenda.events`), and another meeting's agenda is never this meeting's, however long it is
served; holding them again each poll keeps the problem counted. Pure, no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from agenda.model import Item, Meeting

CONFIRM_POLLS = 3
CONFIRM_AFTER = timedelta(hours=1)
_NEVER = frozenset({"empty", "other"})

#: An agenda as a comparable value: (number, paragraph, title) per item, in order.
AgendaKey = tuple[tuple[int | None, int | None, str], ...]


@dataclass(frozen=True, slots=True)
class Doubt:
    kind: str  # truncated | date | body | empty | shrunk | other
    message: str

    @property
    def confirmable(self) -> bool:
        """Can the same content, served consistently, make the page believable?"""
        return self.kind not in _NEVER


@dataclass(frozen=True, slots=True)
class Holding:
    """A held candidate: its parsed-content hash, on how many polls in a row it was served
    (this one included) and since when."""

    content_hash: str
    polls: int
    since: datetime


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _same_body(a: str, b: str) -> bool:
    """Loosely the same name: equal, or one contains the other (`Regionstyrelsen (RS)`)."""
    x, y = _fold(a), _fold(b)
    return x in y or y in x


def _structured(meeting: Meeting) -> bool:
    return any(i.number is not None or i.paragraph is not None for i in meeting.items)


def agenda_key(items: Sequence[Item]) -> AgendaKey:
    """What makes two agendas the same: their items' numbers, paragraphs and titles."""
    return tuple((i.number, i.paragraph, _fold(i.title or "")) for i in items)


def doubts(
    page: Meeting,
    stored: Meeting | None,
    *,
    body_name: str | None,
    url_date: date | None,
    complete: bool = True,
) -> list[Doubt]:
    """What makes `page` doubtful, given the meeting `stored` at its URL (None: not stored yet),
    the stored name of the URL's body, and the date in its URL (None: the slug has none)."""
    found: list[Doubt] = []
    if not complete:
        found.append(Doubt("truncated", "the page ends before its closing </html> (cut off?)"))
    if (
        url_date
        and page.date
        and page.date != url_date
        and (stored is None or stored.date != page.date)
    ):
        found.append(Doubt("date", f"the page is dated {page.date}, its URL {url_date}"))
    if body_name and page.body.name and not _same_body(body_name, page.body.name):
        found.append(Doubt("body", f"the page names {page.body.name!r}, its URL {body_name!r}"))
    if stored is not None and stored.items and not page.cancelled:
        before, after = len(stored.items), len(page.items)
        if _structured(stored) and not _structured(page):
            found.append(Doubt("empty", f"no numbered agenda on a page that had {before} items"))
        elif after * 3 < before * 2:
            found.append(Doubt("shrunk", f"the agenda shrank from {before} to {after} items"))
    return found


def needs_comparison(page: Meeting, stored: Meeting | None, found: list[Doubt]) -> bool:
    """Should `page` be compared with the body's other meetings? When it is doubtful already or
    moves the stored meeting to another day (a changed agenda on the same day is an edit)."""
    if stored is None or not page.items:
        return False
    return bool(found) or (page.date is not None and page.date != stored.date)


def another_meeting(page: Meeting, others: Collection[AgendaKey]) -> Doubt | None:
    """`other` when the page's agenda is one of `others` (the stored agendas of the other
    meetings of its body, and of the body its header names)."""
    if page.items and agenda_key(page.items) in others:
        return Doubt("other", "the page shows the agenda of another stored meeting")
    return None


def confirmed(found: list[Doubt], holding: Holding, now: datetime) -> bool:
    """Has the held content been served consistently enough to be believed?"""
    return (
        all(d.confirmable for d in found)
        and holding.polls >= CONFIRM_POLLS
        and now - holding.since >= CONFIRM_AFTER
    )
