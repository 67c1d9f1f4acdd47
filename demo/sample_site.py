"""The sample portal's content: bodies, meetings, routing and live changes (no networking).

Why: the sample portal (tests, demo) and the poll benchmark serve the same site model. It keeps
the meetings, renders a path to bytes with an ETag and a Last-Modified, and can change while
being served (publish a meeting, edit an item, cancel, publish minutes) so the whole path from
publication to alert can be watched. Dates are offsets from `today` so the demo always has
upcoming meetings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from typing import Any

from agenda.clock import STOCKHOLM, Clock
from agenda.clock import today as clock_today
from demo import sample_render as render
from demo.sample_pdf import simple_pdf
from demo.sample_seeds import (
    SAMPLE_DATA,
    Block,
    bundled_files,
    header_blocks,
    memo_text,
    name_attachments,
    read_seed,
    seed_blocks,
    split_minutes,
)


@dataclass(slots=True)
class SampleBody:
    slug: str
    name: str


@dataclass(slots=True)
class SampleMeeting:
    body: SampleBody
    slug: str
    day: date
    start: str = "09:00"
    end: str = "16:00"
    place: str = "Regionens hus"
    agenda: list[Block] = field(default_factory=list)
    minutes: list[Block] = field(default_factory=list)
    cancelled: bool = False
    modified: datetime = field(default_factory=lambda: datetime(2026, 1, 1, tzinfo=UTC))

    @property
    def path(self) -> str:
        return f"/committees/{self.body.slug}/{self.slug}"

    @property
    def minutes_file(self) -> str:
        return f"protokoll-{self.day.isoformat()}pdf"


@dataclass(frozen=True, slots=True)
class Page:
    content: bytes
    content_type: str
    etag: str
    last_modified: str


class SampleSite:
    """A Meetings Plus look-alike site. Thread-unsafe; mutate from the serving event loop."""

    def __init__(
        self,
        bodies: list[SampleBody],
        meetings: list[SampleMeeting],
        clock: Clock,
        *,
        side_menu: bool = True,
    ) -> None:
        self.bodies = bodies
        self.meetings = meetings
        self.clock = clock
        self.side_menu = side_menu
        self.upcoming_only = False  # like sites that render only the Kommande rows
        self.notices: list[tuple[str, str | None, datetime]] = []
        self._clock = datetime(2026, 1, 1, tzinfo=UTC)
        self._cache: dict[str, Page] = {}
        self.files: dict[str, bytes] = {}  # document path -> PDF (others get a generated one)
        self.boards: dict[str, list[str]] = {}  # anslagstavla page path -> its lines of text
        # Indexes over `meetings` (a nationwide site has 50,000: a scan per request made the
        # fake, not the bot, the cost the poll benchmark measured); rebuilt when it grows.
        self._indexed = -1
        self._by_path: dict[str, SampleMeeting] = {}
        self._by_body: dict[str, list[SampleMeeting]] = {}
        self._bodies: dict[str, SampleBody] = {}

    @classmethod
    def bundled(cls, clock: Clock) -> SampleSite:
        """The sample site built from `demo/sample_data/meetings.json` and the seeds, its dates
        offsets from `clock`'s today."""
        today = clock_today(clock)
        spec: dict[str, Any] = json.loads(
            (SAMPLE_DATA / "meetings.json").read_text(encoding="utf-8")
        )
        bodies = {b["slug"]: SampleBody(b["slug"], b["name"]) for b in spec["bodies"]}
        meetings = [_meeting_from_spec(m, bodies, today) for m in spec["meetings"]]
        site = cls(list(bodies.values()), meetings, clock)
        for m, m_spec in zip(meetings, spec["meetings"], strict=True):
            site.files.update(bundled_files(m.path, m.minutes_file, m_spec))
            site.files.update(_memos(m))
        for m in meetings:
            if m.minutes:  # posted a week after the meeting, with its anslagstavla page
                site.post_notice(m, m.day + timedelta(days=7), board=True)
        return site

    # -- reading ---------------------------------------------------------------------------

    def meeting(self, path: str) -> SampleMeeting:
        found = self._index().get(path)
        if found is None:
            raise KeyError(f"no sample meeting at {path}")
        return found

    def _index(self) -> dict[str, SampleMeeting]:
        """Meetings by path (the first of a path, as a scan found it), kept with `_by_body`."""
        if self._indexed != len(self.meetings):
            self._by_path, self._by_body = {}, {}
            for m in self.meetings:
                self._by_path.setdefault(m.path, m)
                self._by_body.setdefault(m.body.slug, []).append(m)
            self._indexed = len(self.meetings)
        return self._by_path

    def _of_body(self, body: SampleBody) -> list[SampleMeeting]:
        self._index()
        return [m for m in self._by_body.get(body.slug, []) if m.body is body]

    def page(self, path: str, base_url: str) -> Page | None:
        """The page at `path` (no query string), or None for 404."""
        cached = self._cache.get(path)
        if cached is None:
            cached = self._render(path, base_url)
            if cached is not None:
                self._cache[path] = cached
        return cached

    def _render(self, path: str, base_url: str) -> Page | None:
        parts = [p for p in path.split("/") if p]
        if path == "/feed.rss":
            published = [m for m in self.meetings if m.agenda and not m.cancelled]
            text = render.feed(base_url, published, self.notices)
            return _page(text.encode(), "application/rss+xml; charset=utf-8", self._latest())
        if parts == ["committees"]:
            return _page(render.committees_page(self.bodies).encode(), _HTML, self._clock)
        if len(parts) == 2 and parts[0] == "committees":
            return self._body_page(parts[1])
        if len(parts) == 3 and parts[0] == "committees":
            return self._meeting_page(path)
        if path in self.boards:
            text = render.board_page(self.boards[path])
            return _page(text.encode(), _HTML, self._clock)
        if len(parts) == 5 and parts[3] in {"agenda", "protocol"}:
            pdf = self.files.get(path) or simple_pdf([f"Bilaga {parts[4]}", f"Möte {parts[2]}"])
            return _page(pdf, "application/pdf", self._clock)
        return None

    def _body_page(self, slug: str) -> Page | None:
        body = self._body(slug)
        if body is None:
            return None
        meetings = self._of_body(body)
        listed = [m for m in meetings if m.day >= self.today] if self.upcoming_only else meetings
        html = render.body_page(body, listed, self.today)
        return _page(html.encode(), _HTML, max((m.modified for m in meetings), default=self._clock))

    def _meeting_page(self, path: str) -> Page | None:
        try:
            m = self.meeting(path)
        except KeyError:
            return None
        others = [o for o in self._of_body(m.body) if o is not m][-8:]
        return _page(render.meeting_page(m, others, self.side_menu).encode(), _HTML, m.modified)

    def _body(self, slug: str) -> SampleBody | None:
        if len(self._bodies) != len(self.bodies):
            self._bodies = {}
            for b in self.bodies:
                self._bodies.setdefault(b.slug, b)
        return self._bodies.get(slug)

    @property
    def today(self) -> date:
        return clock_today(self.clock)

    def _latest(self) -> datetime:
        return max((m.modified for m in self.meetings), default=self._clock)

    # -- live changes ----------------------------------------------------------------------

    def _touch(self, m: SampleMeeting) -> None:
        self._clock = max(
            self._clock + timedelta(seconds=1), self.clock.now().replace(microsecond=0)
        )
        m.modified = self._clock
        self._cache.clear()

    def publish_meeting(
        self,
        body_slug: str,
        day: date,
        items: list[tuple[int, str]] | None = None,
        *,
        slug: str | None = None,
    ) -> str:
        """Publish a new meeting (default agenda: three procedural items); returns its path."""
        body = next(b for b in self.bodies if b.slug == body_slug)
        agenda = header_blocks(
            items
            or [(1, "Mötet öppnas"), (2, "Val av justerare"), (3, "Fastställande av dagordning")]
        )
        m = SampleMeeting(body, slug or f"mote-{day.isoformat()}", day, agenda=agenda)
        self.meetings.append(m)
        self._touch(m)
        return m.path

    def edit_item(
        self, path: str, number: int, *, title: str | None = None, text: str | None = None
    ) -> None:
        """Reword agenda item `number` (its title and/or its description); adds it if missing."""
        m = self.meeting(path)
        index = next((i for i, b in enumerate(m.agenda) if b.number == number), None)
        if index is None:
            m.agenda.append(Block(number=number, title=title or f"Tilläggsärende {number}"))
            index = len(m.agenda) - 1
        elif title is not None:
            m.agenda[index].title = title
        if text is not None:
            m.agenda.insert(index + 1, Block(lines=[text]))
        self._touch(m)

    def replace_agenda(self, path: str, items: list[tuple[int, str]]) -> None:
        """Serve a new agenda of numbered headers (`[]`: a page that lost its agenda)."""
        m = self.meeting(path)
        m.agenda = header_blocks(items)
        self._touch(m)

    def cancel_meeting(self, path: str) -> None:
        m = self.meeting(path)
        m.cancelled = True
        self._touch(m)

    def add_attachment(self, path: str, number: int, title: str, name: str, pdf: bytes) -> None:
        """A supplementary document (kompletterande handling) below agenda item `number`."""
        m = self.meeting(path)
        block = next(b for b in m.agenda if b.number == number)
        block.attachments.append((title, name))
        block.has_bilagor = True
        self.files[f"{m.path}/agenda/{name}"] = pdf
        self._touch(m)

    def replace_file(self, path: str, name: str, pdf: bytes) -> None:
        """A new version of the agenda document `name` of the meeting at `path`."""
        m = self.meeting(path)
        self.files[f"{m.path}/agenda/{name}"] = pdf
        self._touch(m)

    def publish_minutes(
        self,
        path: str,
        *,
        posted_on: date | None = None,
        printed_last_day: date | None = None,
        notice_on: date | None = None,
        board: bool = False,
    ) -> None:
        """Publish minutes: one `§` entry per numbered agenda item, the protocol link and its
        PDF, where each § has a Beslut, and the feed's notice that they were posted.

        `posted_on`: the PDF opens with the ANSLAG/BEVIS box saying so (and the last day to
        appeal when `printed_last_day`); the notice is dated `notice_on` (default: the posting
        day, else now) and, with `board`, links its own anslagstavla page."""
        m = self.meeting(path)
        numbered = [b for b in m.agenda if b.number is not None]
        m.minutes = [
            Block(paragraph=100 + i, title=b.title, lines=["Beslut enligt förslag."])
            for i, b in enumerate(numbered)
        ]
        lines = [f"Protokoll {m.body.name} {m.day.isoformat()}"]
        if posted_on is not None:
            lines += render.bevis_lines(m.body.name, m.day, posted_on, printed_last_day)
        for block in m.minutes:
            lines += [f"§ {block.paragraph} {block.title}", "Beslut", *block.lines]
        self.files[f"{m.path}/protocol/{m.minutes_file}"] = simple_pdf(lines)
        self._touch(m)
        self.post_notice(m, notice_on or posted_on, board=board)

    def post_notice(self, m: SampleMeeting, day: date | None, *, board: bool = False) -> None:
        """The anslagstavla's notice that `m`'s minutes are approved, in the feed at `day`
        08:00 Stockholm (None: now); with `board`, linking a page that tells the posting."""
        when = m.modified if day is None else datetime.combine(day, time(8), tzinfo=STOCKHOLM)
        when = when.astimezone(UTC)
        link = None
        if board:
            link = f"/anslagstavla/{m.body.slug}-{m.day.isoformat()}"
            self.boards[link] = render.bevis_lines(
                m.body.name, m.day, when.astimezone(STOCKHOLM).date(), None
            )
        self.notices.append((f"Justerat protokoll: {m.body.name} {m.day}", link, when))
        self._cache.clear()


_HTML = "text/html; charset=utf-8"


def _page(content: bytes, content_type: str, modified: datetime) -> Page:
    etag = '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'
    return Page(content, content_type, etag, format_datetime(modified, usegmt=True))


def _meeting_from_spec(
    spec: dict[str, Any], bodies: dict[str, SampleBody], today: date
) -> SampleMeeting:
    day = today + timedelta(days=int(spec["offset_days"]))
    slug = spec.get("slug") or f"mote-{day.isoformat()}{spec.get('slug_suffix', '')}"
    m = SampleMeeting(
        bodies[spec["body"]],
        slug,
        day,
        spec["start"],
        spec["end"],
        spec["place"],
        cancelled=bool(spec.get("cancelled", False)),
    )
    if "seed" in spec:
        blocks = seed_blocks(read_seed(spec["seed"]))
        if spec.get("minutes_only"):
            m.minutes = blocks
        else:
            m.agenda, m.minutes = split_minutes(blocks, spec.get("minutes_from"))
        name_attachments(blocks, "", spec["seed"])
    elif "items" in spec:
        m.agenda = header_blocks([(int(n), str(t)) for n, t in spec["items"]])
        for block in m.agenda:
            listed = spec.get("attachments", {}).get(str(block.number), [])
            block.attachments = [(str(title), str(name)) for title, name, _file in listed]
            block.has_bilagor = bool(listed)
    return m


def _memos(m: SampleMeeting) -> dict[str, bytes]:
    """The tjänsteskrivelser of the entries that have a subject line, by the path served at."""
    memos: dict[str, bytes] = {}
    for block in [*m.agenda, *m.minutes]:
        if block.subject and block.attachments:
            _title, name = block.attachments[0]
            memos[f"{m.path}/agenda/{name}"] = simple_pdf(memo_text(block.subject, str(m.day)))
    return memos


def not_modified(page: Page, headers: dict[str, str]) -> bool:
    """Does a conditional request (lower-cased `headers`) still hold for `page`?"""
    if "if-none-match" in headers:
        return page.etag in {t.strip() for t in headers["if-none-match"].split(",")}
    return headers.get("if-modified-since") == page.last_modified


def with_linkless_entry(page: Page) -> Page:
    """The feed `page` with one more entry that has a title but no link."""
    entry = b"<item><title>Ledamot avs\xc3\xa4gs fr\xc3\xa5n uppdrag</title></item>"
    content = page.content.replace(b"</channel>", entry + b"</channel>")
    return Page(content, page.content_type, page.etag + "-nolink", page.last_modified)
