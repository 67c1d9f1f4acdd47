"""The posting of approved minutes, read where it is told: a feed notice, its anslagstavla page,
the minutes document.

Why: the appeal window runs from the day the notice that the minutes were approved went up on
the anslagstavla. The feed reader (`sources.feeds`) hands every new notice here; when the
notice links a page on the feed's own host (the anslagstavla entry itself), that page is read
too (once, within the fetcher's size cap and deadline). The documents step
(`sources.documents`) hands the text of every changed minutes PDF. What each text says is
`agenda.appeal_notice`; which reading wins is `agenda.appeal.merge_posting` (the minutes'
ANSLAG/BEVIS box over a notice's text over a feed entry's day), stored with its event by
`storage.appeals`. A last day printed in the minutes wins over the computed one; a difference
is logged, since either the clerk or our holiday rules are wrong, and someone should look.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml.etree import ParserError

from agenda import patterns as P
from agenda.appeal import Posting
from agenda.appeal_notice import PostingNotice, is_minutes_notice, read_notice
from agenda.clock import STOCKHOLM
from sources.http import Fetcher, FetchError
from storage.appeals import Recorded, appeal_window, meeting_for_notice, record_posting
from storage.db import Database
from storage.meetings import OnEvents

log = logging.getLogger(__name__)

MINUTES_HEAD = 8000  # the ANSLAG/BEVIS box is on the first pages; a § text is not read
PAGE_TEXT = 20000
NOTICE_AGE = timedelta(days=90)  # a notice names a meeting at most this long before it
_TAGS = re.compile(r"<[^>]+>")


async def record_checked(
    db: Database, meeting_id: int, posting: Posting, link: str | None, on_events: OnEvents | None
) -> Recorded:
    """Record a posting; log when a printed last day differs from the computed one."""
    recorded = await record_posting(db, meeting_id, posting, link, on_events=on_events)
    kept = recorded.posting
    if kept.differs and (recorded.before is None or not recorded.before.differs):
        log.warning(
            "meeting %s: the last day to appeal printed (%s) differs from the computed %s "
            "(posted %s); the printed day is used",
            meeting_id,
            kept.printed_last_day,
            kept.computed_last_day,
            kept.posted_on,
        )
    return recorded


async def posting_from_minutes(
    db: Database, meeting_id: int, url: str, text: str, on_events: OnEvents | None
) -> Recorded | None:
    """The posting the minutes' own text tells, if any."""
    notice = read_notice(text[:MINUTES_HEAD])
    if notice.posted_on is not None:
        posting = Posting(notice.posted_on, "minutes", notice.last_day)
    elif notice.last_day is not None:  # a printed last day only: completes a known posting
        known = await appeal_window(db, meeting_id)
        if known is None:
            return None
        posting = Posting(known.posting.posted_on, known.posting.posted_from, notice.last_day)
    else:
        return None
    return await record_checked(db, meeting_id, posting, url, on_events)


def entry_text(entry: Any) -> tuple[str, str]:
    """(title, summary as plain text) of a feed entry."""
    title = str(entry.get("title") or "")
    summary = html.unescape(_TAGS.sub(" ", str(entry.get("summary") or "")))
    return title, " ".join(summary.split())


async def _page_notice(fetcher: Fetcher, link: str | None, feed_url: str) -> PostingNotice:
    """What the notice's own anslagstavla page says (same host as the feed only)."""
    if not link or urlsplit(link).netloc != urlsplit(feed_url).netloc:
        return PostingNotice()
    if P.MEETING_PATH_RE.search(urlsplit(link).path):
        return PostingNotice()
    try:
        fetched = await fetcher.fetch(link, conditional=False)
        root = lxml.html.document_fromstring(fetched.content) if fetched.content else None
        text = " ".join(str(t) for t in root.itertext()) if root is not None else ""
    except (FetchError, ParserError, ValueError) as exc:
        log.warning("anslagstavla page %s: %s", link, exc)
        return PostingNotice()
    return read_notice(" ".join(text.split())[:PAGE_TEXT])


def _choose(page: PostingNotice, text: PostingNotice, published: date | None) -> Posting | None:
    last_day = page.last_day or text.last_day
    if page.posted_on is not None:
        return Posting(page.posted_on, "page", last_day)
    if text.posted_on is not None:
        return Posting(text.posted_on, "notice", last_day)
    if published is not None:
        return Posting(published, "feed", last_day)
    return None


async def posting_from_entry(
    db: Database,
    fetcher: Fetcher,
    feed_url: str,
    body_id: int | None,
    entry: Any,
    link: str | None,
    on_events: OnEvents | None,
) -> Recorded | None:
    """The posting a feed notice tells (about `body_id`'s meeting), if it is one and its
    meeting has no window yet. Called for every notice each time the feed changes, so a notice
    read before its body or meeting was stored (a first visit reads sources side by side) is
    recorded on a later read; a notice already recorded costs two indexed reads, no request."""
    title, summary = entry_text(entry)
    if body_id is None or not is_minutes_notice(f"{title}\n{summary}"):
        return None
    said = read_notice(summary)
    named = read_notice(title, title_dates_are_meeting=True)
    text = PostingNotice(
        said.posted_on or named.posted_on,
        said.last_day or named.last_day,
        said.approved_on or named.approved_on,
        said.meeting_date or named.meeting_date,
    )
    guess = _choose(PostingNotice(), text, _published_day(entry))
    if guess is None:
        log.warning("minutes notice %r: no posting date in it, not recorded", title[:120])
        return None
    meeting_id = await _meeting_of(db, body_id, text.meeting_date, guess)
    if meeting_id is None or await appeal_window(db, meeting_id) is not None:
        return None  # not stored yet (a later read finds it), or already recorded
    page = await _page_notice(fetcher, link, feed_url)
    posting = _choose(page, text, _published_day(entry)) or guess
    return await record_checked(db, meeting_id, posting, link, on_events)


def _published_day(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    year, month, day, hour, minute, second = (int(v) for v in parsed[:6])
    moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return moment.astimezone(STOCKHOLM).date()


async def _meeting_of(
    db: Database, body_id: int, meeting_date: date | None, posting: Posting
) -> int | None:
    """The body's meeting on the named day, else its last one before the posting."""
    earliest = posting.posted_on - NOTICE_AGE
    return await meeting_for_notice(db, body_id, meeting_date, posting.posted_on, earliest)
