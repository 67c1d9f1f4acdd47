"""A `webpage` source over real HTTP: a municipal page listing kallelse PDFs becomes meetings of
its body (with its organisation), a link that appears later is a new agenda, a protokoll link
becomes its meeting's minutes without being fetched, an unchanged page costs conditional
requests only, and a page that lists no meeting, a malformed or foreign link, a scanned PDF
are each a counted, named problem that invents nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date, datetime, timedelta
from typing import Any

import aiosqlite
import pytest

from agenda.trust import CONFIRM_AFTER, CONFIRM_POLLS
from presentation.texts import format_date
from storage.events import EventRow
from storage.meetings import get_meeting
from tests.support import pdfmaker
from tests.support.pdfserver import Files, serving
from tests.support.pollkit import rows
from tests.support.webkit import TITLES, WebEnv, kallelse_pdf, listing_page


def _publish_three(web: WebEnv) -> list[str]:
    """Three kallelser, dated 7, 14 and 21 days ahead, in three link shapes."""
    shapes: list[Callable[[date], str]] = [
        lambda d: f"Kallelse {d.isoformat()} (pdf, 212 kB)",
        lambda d: f"Kallelse till sammanträde {format_date(d, 'sv', weekday=False)}",
        lambda d: f"Kommunstyrelsen {d.day}.{d.month}.{d.year} – kallelse",
    ]
    paths = []
    for offset, shape in zip((7, 14, 21), shapes, strict=True):
        day = web.day(offset)
        path = f"/download/18.4f1/{day:%Y%m%d}/Kallelse%20KS%20{day.isoformat()}.pdf"
        web.site.publish(path, shape(day), kallelse_pdf(day))
        paths.append(path)
    return paths


async def _meetings(web: WebEnv) -> list[tuple[Any, ...]]:
    """(path, date, body display, item titles) of each stored meeting, by date."""
    found = await rows(
        web.db,
        "SELECT m.id, m.url, m.date, b.name, b.organisation FROM meetings m"
        " JOIN bodies b ON b.id = m.body_id ORDER BY m.date",
    )
    result = []
    for meeting_id, url, day, name, organisation in found:
        stored = await get_meeting(web.db, meeting_id)
        assert stored is not None
        titles = [i.title for i in stored.meeting.items]
        path = url.removeprefix(web.site.files.base)
        result.append((path, day, f"{name} ({organisation})", titles))
    return result


class Recorder:
    """An `OnEvents` that keeps what it was given (kind, meeting id)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    async def __call__(
        self, _conn: aiosqlite.Connection, events: list[EventRow], _now: datetime
    ) -> None:
        self.events += [(e.kind, e.meeting_id) for e in events]


async def test_three_kallelser_become_three_meetings_of_the_body_with_their_items(
    web: WebEnv,
) -> None:
    paths = _publish_three(web)
    report = await web.poller().run_cycle()
    (source,) = report.sources
    assert source.error is None and source.new == 3 and source.failed == 0
    assert source.backfill  # a first visit: stored, summarised to the admins, not alerted
    assert await _meetings(web) == [
        (path, web.day(offset).isoformat(), "Kommunstyrelsen (Tyresö kommun)", TITLES)
        for path, offset in zip(paths, (7, 14, 21), strict=True)
    ]


async def test_a_link_that_appears_later_is_a_new_agenda_and_alerted(web: WebEnv) -> None:
    _publish_three(web)
    recorder = Recorder()
    await web.poller(on_events=recorder).run_cycle()
    assert recorder.events == []  # the first visit is a backfill
    day = web.day(28)
    web.site.publish(f"/download/kallelse-ks-{day.isoformat()}.pdf", "Kallelse", kallelse_pdf(day))
    report = await web.poller(on_events=recorder).run_cycle()
    (source,) = report.sources
    assert (source.new, source.unchanged, source.backfill) == (1, 3, False)  # 3 rechecked: 304
    meetings = await _meetings(web)
    assert meetings[-1][1] == day.isoformat() and meetings[-1][3] == TITLES
    assert [kind for kind, _ in recorder.events] == ["new"]


async def test_an_unchanged_page_costs_conditional_requests_and_no_parse(web: WebEnv) -> None:
    paths = _publish_three(web)
    await web.poller().run_cycle()
    report = await web.poller().run_cycle()
    assert report.parses == 0 and report.sources[0].error is None
    assert report.sources[0].unchanged == 3
    assert report.requests == 4  # the listing and the three upcoming kallelser: 304 each
    assert [web.site.requests(p) for p in paths] == [2, 2, 2]
    web.clock.advance(timedelta(days=120))  # long past: a known kallelse is no longer checked
    report = await web.poller().run_cycle()
    assert report.requests == 1 and [web.site.requests(p) for p in paths] == [2, 2, 2]


async def test_a_protokoll_link_becomes_the_minutes_of_its_meeting_unfetched(
    web: WebEnv,
) -> None:
    paths = _publish_three(web)
    recorder = Recorder()
    await web.poller(on_events=recorder).run_cycle()
    day = web.day(7)
    protokoll = f"/download/protokoll-ks-{day.isoformat()}.pdf"
    web.site.publish(protokoll, f"Protokoll {day.isoformat()}", pdfmaker.minutes_pdf())
    report = await web.poller(on_events=recorder).run_cycle()
    assert report.sources[0].error is None
    (meeting_id,) = [m for k, m in await _ids(web) if k == paths[0]]
    stored = await get_meeting(web.db, meeting_id)
    assert stored is not None and stored.meeting.minutes_url == web.site.files.base + protokoll
    assert web.site.requests(protokoll) == 0  # the documents step reads it, not the crawl
    assert recorder.events == [("minutes", meeting_id)]
    await web.poller(on_events=recorder).run_cycle()
    assert recorder.events == [("minutes", meeting_id)]  # once


async def test_a_protokoll_of_a_stored_meeting_no_longer_listed_finds_it_by_date(
    web: WebEnv,
) -> None:
    paths = _publish_three(web)
    await web.poller().run_cycle()
    day = web.day(7)
    web.site.links = [link for link in web.site.links if link[0] != paths[0]]
    protokoll = "/download/18.4f2/Protokoll.pdf"
    web.site.publish(protokoll, f"Protokoll {format_date(day, 'sv')}", pdfmaker.minutes_pdf())
    await web.poller().run_cycle()
    (meeting_id,) = [m for k, m in await _ids(web) if k == paths[0]]
    stored = await get_meeting(web.db, meeting_id)
    assert stored is not None and stored.meeting.minutes_url == web.site.files.base + protokoll
    assert len(await _ids(web)) == 3 and web.site.requests(protokoll) == 0


async def test_the_date_comes_from_the_link_when_the_kallelse_prints_none(web: WebEnv) -> None:
    day = web.day(9)
    web.site.publish(
        "/dl/ks-kallelse.pdf", f"Kallelse {day:%d}/{day.month} {day.year}", kallelse_pdf(None)
    )
    report = await web.poller().run_cycle()
    assert report.sources[0].failed == 0, report.sources[0].errors
    assert [(m[1], m[3]) for m in await _meetings(web)] == [(day.isoformat(), TITLES)]


async def test_a_document_dated_otherwise_than_its_link_is_held_until_served_consistently(
    web: WebEnv,
) -> None:
    """Held like any doubtful page (`agenda.trust`): believed once the same document has been
    served on `CONFIRM_POLLS` polls over at least `CONFIRM_AFTER`, with its own date."""
    day, printed = web.day(9), web.day(10)
    web.site.publish("/dl/k.pdf", f"Kallelse {day.isoformat()}", kallelse_pdf(printed))
    for _ in range(CONFIRM_POLLS):
        report = await web.poller().run_cycle()
        assert report.sources[0].held == 1 and await _meetings(web) == []
    web.clock.advance(CONFIRM_AFTER)
    await web.poller().run_cycle()  # the same document, for an hour: its own date is believed
    assert [m[1] for m in await _meetings(web)] == [printed.isoformat()]


async def test_a_page_that_lists_no_meeting_is_a_source_problem_and_invents_nothing(
    web: WebEnv,
) -> None:
    web.site.files.files["/kommun-och-politik/kommunstyrelsen/sammantraden"] = listing_page(
        [("/nyheter/ny-forskola", "Ny förskola invigd 2024-06-19"), ("/kontakt", "Kontakt")]
    )
    report = await web.poller().run_cycle()
    (source,) = report.sources
    assert source.error is not None and "not a list of meetings" in source.error
    assert await _meetings(web) == []
    (failures,) = await rows(web.db, "SELECT consecutive_failures FROM sources")
    assert failures == (1,)


@pytest.fixture
async def other_host() -> AsyncIterator[Files]:
    with serving() as files:
        yield files


async def test_malformed_links_are_counted_and_foreign_ones_never_fetched(
    web: WebEnv, other_host: Files
) -> None:
    day = web.day(7)
    other_host.files["/k.pdf"] = kallelse_pdf(day)
    web.site.links += [
        ("http://[::1", "Kallelse 2030-01-01"),
        (other_host.base + "/k.pdf", "Kallelse"),
    ]
    web.site.publish("/dl/k.pdf", f"Kallelse {day.isoformat()}", kallelse_pdf(day))
    report = await web.poller().run_cycle()
    (source,) = report.sources
    assert source.error is None and source.skipped_links == 1 and source.new == 1
    assert other_host.requests == {}


async def test_a_page_whose_documents_all_live_elsewhere_says_so(
    web: WebEnv, other_host: Files
) -> None:
    web.site.files.files["/kommun-och-politik/kommunstyrelsen/sammantraden"] = listing_page(
        [(other_host.base + "/k.pdf", "Kallelse 2030-01-01")]
    )
    report = await web.poller().run_cycle()
    error = report.sources[0].error or ""
    assert "1 on other hosts, which are not followed" in error and other_host.requests == {}


async def test_a_scanned_kallelse_is_a_named_failure_and_the_others_are_stored(
    web: WebEnv,
) -> None:
    _publish_three(web)
    web.site.publish(
        "/dl/skannad.pdf", f"Kallelse {web.day(3).isoformat()}", pdfmaker.scanned_pdf()
    )
    report = await web.poller().run_cycle()
    (source,) = report.sources
    assert source.error is None and source.new == 3 and source.failed == 1
    assert "no text layer (a scanned document)" in source.errors[0]


async def test_the_organisation_follows_the_sources_file(web: WebEnv) -> None:
    _publish_three(web)
    await web.poller().run_cycle()
    await web.poller([web.source(organisation="Tyresö kommun (KS)")]).run_cycle()
    assert {m[2] for m in await _meetings(web)} == {"Kommunstyrelsen (Tyresö kommun (KS))"}


async def _ids(web: WebEnv) -> list[tuple[str, int]]:
    found = await rows(web.db, "SELECT url, id FROM meetings")
    return [(url.removeprefix(web.site.files.base), meeting_id) for url, meeting_id in found]


async def test_a_long_list_is_read_within_the_page_budget_and_continued(web: WebEnv) -> None:
    paths = _publish_three(web)
    first = await web.poller(page_budget=2).run_cycle()
    assert (first.sources[0].new, first.sources[0].deferred) == (2, 1)
    assert [m[0] for m in await _meetings(web)] == paths[:2]  # soonest first
    second = await web.poller(page_budget=2).run_cycle()
    assert second.sources[0].new == 1 and [m[0] for m in await _meetings(web)] == paths
