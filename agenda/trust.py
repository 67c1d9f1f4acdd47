"""Whether a page read at a meeting's URL can be believed at once, or must wait for the next poll.

Why: portals answer 200 with pages that are not the meeting: a maintenance notice, a login wall,
a page cut off half-way, another meeting's page behind a misrouted URL. Believing one replaces a
true agenda and alerts every follower (and again when the portal heals). These rules name what
makes a page doubtful; the caller holds a doubtful page until the next poll returns the same
content. A false doubt costs one poll interval of delay, a missed one costs wrong alerts, so the
rules lean to doubting:

- `truncated`: an HTML page that never closes (no `</html>`);
- `date`: the page's date differs from the date in its URL (and from the stored date);
- `body`: the page's header names another body than the one stored for the URL's slug;
- `empty`: no agenda structure (no item with a number or a `§`) where one was stored, and the
  page is not a cancelled meeting: a maintenance or login page may parse into one loose
  "item" of text, but never into numbered ones;
- `shrunk`: the agenda lost more than half of its items at once.

`empty` is never confirmed: an empty parse never replaces a stored agenda (`agenda.events`), so
holding it again each time keeps the problem counted. Pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agenda.model import Meeting


@dataclass(frozen=True, slots=True)
class Doubt:
    kind: str  # truncated | date | body | empty | shrunk
    message: str

    @property
    def confirmable(self) -> bool:
        """Does the same content on the next poll make the page believable?"""
        return self.kind != "empty"


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _same_body(a: str, b: str) -> bool:
    """Loosely the same name: equal, or one contains the other (`Regionstyrelsen (RS)`)."""
    x, y = _fold(a), _fold(b)
    return x in y or y in x


def _structured(meeting: Meeting) -> bool:
    return any(i.number is not None or i.paragraph is not None for i in meeting.items)


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
        elif after * 2 < before:
            found.append(Doubt("shrunk", f"the agenda shrank from {before} to {after} items"))
    return found
