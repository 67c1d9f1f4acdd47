"""Shared pieces for the `webpage` source tests: a municipal site on 127.0.0.1 (a listing page
of kallelse and protokoll links, the PDFs it links), a real SQLite file, the real HTTP client.

Why: the webpage source is tested over real HTTP (conditional GET, request counts per path)
against the same kind of page a municipality serves: site chrome around a list of documents.
Dates come from the test's clock, so the suite says the same on any day.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from agenda.clock import today
from demo.clock import ManualClock
from jobs.poll import Poller, PollSettings
from sources.config import SourceConfig
from sources.http import make_http_client
from storage.db import Database
from storage.meetings import OnEvents
from tests.support import pdfmaker
from tests.support.pdfserver import Files, serving
from tests.support.pollkit import FAST

LISTING = "/kommun-och-politik/kommunstyrelsen/sammantraden"
TITLES = [
    "Val av justerare",
    "Fastställande av dagordning",
    "Budget 2025 med plan för 2026-2027",
    "Motion om cykelvägar i centrum",
    "Delegationsbeslut",
]


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One item of a kallelse: its title, and maybe a case number and a few lines of text."""

    title: str
    case: str | None = None
    text: str | None = None


def kallelse_text(
    day: date | None, entries: Sequence[Entry | str], body: str = "Kommunstyrelsen"
) -> str:
    """A kallelse as a municipality prints it: a header of labelled lines (no `Datum:` when
    `day` is None), then the items as `N Title`, each maybe with its Diarienummer and a short
    description."""
    lines = ["Kallelse", body]
    if day is not None:
        lines.append(f"Datum: {day.day} {MONTHS[day.month - 1]} {day.year}")
    lines += ["Tid: 18.00", "Plats: Kommunhuset, sammanträdesrum Tyresö", "", "Ärenden"]
    for n, entry in enumerate(entries, 1):
        entry = Entry(entry) if isinstance(entry, str) else entry
        lines += ["", f"{n} {entry.title}"]
        lines += [f"Diarienummer {entry.case}"] if entry.case else []
        lines += [entry.text] if entry.text else []
    return "\n".join(lines)


def kallelse_pdf(
    day: date | None, entries: Sequence[Entry | str] = TITLES, body: str = "Kommunstyrelsen"
) -> bytes:
    """The kallelse as a PDF with a running head and `Sida n av m` on each page (fpdf2)."""
    running = f"Kallelse {body}" + (f" {day.isoformat()}" if day else "")
    return pdfmaker.agenda_pdf(kallelse_text(day, entries, body), f"Kallelse {body}", running)


def listing_page(links: Sequence[tuple[str, str]], title: str = "Kommunstyrelsen") -> bytes:
    """A municipal page: menu and footer chrome around a list of (href, text) links."""
    items = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in links
    )
    page = f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>{title} – Tyresö kommun</title></head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/kommun-och-politik">Kommun och politik</a>
</li><li><a href="/kommun-och-politik/kallelser-och-protokoll">Kallelser och protokoll</a></li>
<li><a href="/nyheter">Nyheter</a></li></ul></nav>
<main><h1>{title}</h1><p>Här publiceras kallelser och protokoll.</p><ul>{items}</ul></main>
<footer><a href="/kontakt">Kontakta oss</a> <a href="/om-webbplatsen">Om webbplatsen</a></footer>
</body></html>"""
    return page.encode("utf-8")


@dataclass
class Site:
    """The municipality's site: what it serves, and the kallelse links on its listing."""

    files: Files
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def listing_url(self) -> str:
        return self.files.base + LISTING

    def publish(self, path: str, text: str, content: bytes) -> None:
        """Serve `content` at `path` and list it on the listing page as `text`."""
        self.files.files[path] = content
        self.links.append((path, text))
        self.files.files[LISTING] = listing_page(self.links)

    def requests(self, path: str) -> int:
        return self.files.requests.get(path, 0)


@dataclass
class WebEnv:
    site: Site
    db: Database
    client: httpx.AsyncClient
    clock: ManualClock

    @property
    def today(self) -> date:
        return today(self.clock)

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def source(self, **kwargs: Any) -> SourceConfig:
        values: dict[str, Any] = {"body": "Kommunstyrelsen", "organisation": "Tyresö kommun"}
        values.update(kwargs)
        return SourceConfig("webpage", "Tyresö KS", self.site.listing_url, **values)

    def poller(
        self,
        sources: Sequence[SourceConfig] | None = None,
        *,
        on_events: OnEvents | None = None,
        **settings: Any,
    ) -> Poller:
        return Poller(
            self.db,
            self.client,
            list(sources or [self.source()]),
            on_events=on_events,
            settings=PollSettings(http=FAST, **settings),
        )


@contextlib.contextmanager
def serving_site() -> Iterator[Site]:
    """A municipal site on 127.0.0.1 (the `site` fixture)."""
    with serving() as files:
        yield Site(files)


@contextlib.asynccontextmanager
async def open_web(site: Site, tmp_path: Path, clock: ManualClock) -> AsyncIterator[WebEnv]:
    """`site`, a database and the client (the `web` fixture)."""
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    async with make_http_client("Namndbot-tests (test@example.invalid)", FAST) as client:
        yield WebEnv(site, db, client, clock)
    await db.close()
