"""The Meetings Plus crawler: meetings found by URL pattern wherever they are linked, bounded
backfill, recent-only rechecks, and the `bodies` filter of a source."""

from __future__ import annotations

from datetime import date, timedelta

from sources.links import body_links, meeting_links
from sources.meetingsplus import Window
from storage.http_cache import Link
from tests.support.pollkit import RS, SVOM_OLD, TODAY, Env, rows, stored_meetings

BASE = "https://forum.example.se"
LISTING = """<html><body><div id="committeesRecentContent">
<a class="accessible-table-cell" href="/committees/kf/kommunfullmaktige-1234"
   aria-label="Möte 2026-03-02">2026-03-02</a>
<a class="accessible-table-cell" href="/committees/kf/extra-kommunfullmaktige-77/">Extra</a>
<a href="/committees/kf/kommunfullmaktige-2026-05-04?tab=1">Maj</a>
<a href="/committees/kf/mote-2026-06-01-installt">2026-06-01</a>
<a href="/committees/kf/mote-2026-03-02/agenda/kallelsepdf?downloadMode=open">PDF</a>
<a href="https://other.example.se/committees/kf/mote-2026-01-01">elsewhere</a>
<a href="javascript:void(0)">x</a><a href="/committees/kf">KF</a>
</div></body></html>""".encode()


def test_meeting_links_by_url_pattern_not_slug_shape() -> None:
    links = {link.url.removeprefix(BASE): link.date for link in meeting_links(LISTING, BASE)}
    assert links == {
        "/committees/kf/kommunfullmaktige-1234": date(2026, 3, 2),
        "/committees/kf/extra-kommunfullmaktige-77": None,
        "/committees/kf/kommunfullmaktige-2026-05-04": date(2026, 5, 4),
        "/committees/kf/mote-2026-06-01-installt": date(2026, 6, 1),
    }
    assert [(b.url, b.label) for b in body_links(LISTING, BASE)] == [
        (f"{BASE}/committees/kf", "KF")
    ]


def test_window_first_run_backfills_then_rechecks_only_recent() -> None:
    def link(days: int | None) -> Link:
        day = None if days is None else TODAY + timedelta(days=days)
        return Link(f"{BASE}/committees/kf/m{days}", "meeting", None, day)

    links = [link(d) for d in (10, -10, -100, -400, None)]
    first = Window(TODAY, first_run=True, backfill_months=12, recent_days=45)
    assert [x.url[-4:] for x in first.select(links, set())] == ["/m10", "m-10", "-100", "None"]
    later = Window(TODAY, first_run=False, backfill_months=12, recent_days=45)
    known = {x.url for x in links}
    assert [x.url[-4:] for x in later.select(links, known)] == ["/m10", "m-10"]
    assert [x.url[-4:] for x in later.select(links, known - {links[2].url})] == [
        "/m10",
        "m-10",
        "-100",
    ]


async def test_first_cycle_history_is_bounded(env: Env) -> None:
    ancient = env.portal.publish_meeting("regionstyrelsen", TODAY - timedelta(days=500))
    await env.poller([env.portal_source()], backfill_months=12).run_cycle()
    assert ancient not in await stored_meetings(env)
    assert env.portal.requests[ancient] == 0
    assert SVOM_OLD in await stored_meetings(env)


async def test_past_meetings_found_through_side_menu(env: Env) -> None:
    env.portal.site.upcoming_only = True
    await env.poller([env.portal_source()]).run_cycle()
    assert {m.path for m in env.portal.site.meetings} == set(await stored_meetings(env))


async def test_bodies_filter_limits_the_crawl(env: Env) -> None:
    source = env.portal_source(bodies=("regionstyrelsen",))
    await env.poller([source]).run_cycle()
    assert list(await stored_meetings(env)) == [RS]
    assert env.portal.requests["/committees/halso-och-sjukvardsnamnden"] == 0
    assert len(await rows(env.db, "SELECT id FROM bodies")) == 4  # names of all are kept
