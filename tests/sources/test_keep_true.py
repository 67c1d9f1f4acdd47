"""Keep what is true: a wrong page served at a known meeting URL (maintenance, login, another
meeting's page, a cut-off page) is held, counted, and neither stored nor alerted; a change of
page chrome alone is no change; a genuinely shrunk agenda is accepted on the second identical
poll. Real HTTP (the sample portal), a real SQLite file, the real alert fan-out into the outbox.

Every test ends with a positive control: a genuine edit afterwards does reach the follower, so
"no alert" above it means the fault was stopped, not that alerts cannot happen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest

from agenda.clock import STOCKHOLM
from agenda.stem import query_term
from agenda.trust import CONFIRM_AFTER, CONFIRM_POLLS
from alerts.fanout import enqueue_alerts
from alerts.reminders import enqueue_due_reminders
from demo.fake_api import FakeBotApi
from jobs.poll import Poller
from presentation.texts import format_date
from sources.documents import DocumentReader, DocumentSettings
from storage.alert_prefs import set_reminders
from storage.meetings import get_meeting
from storage.sources import source_health
from storage.watches import add_watch
from tests import pdfmaker
from tests.jobs.outbox_helpers import (
    add_chats,
    add_follow,
    drain_until,
    drained,
    make_bot,
    sender,
)
from tests.sources.pollkit import HSN, TODAY, Env, env, rows

__all__ = ["env"]
FOLLOWER = 11
FAR = TODAY + timedelta(days=3650)  # always ahead: alerts about it are never stale
AGENDA = [
    (1, "Mötet öppnas"),
    (2, "Val av justerare"),
    (3, "Budget 2037"),
    (4, "Vårdplatser i länet"),
    (5, "Kollektivtrafikens taxor"),
    (6, "Mötet avslutas"),
]
MAINTENANCE = (
    "<!DOCTYPE html><html><head><title>Underhåll</title></head><body>"
    "<h1>Webbplatsen är tillfälligt otillgänglig</h1>"
    "<p>Vi genomför planerat underhåll. Välkommen tillbaka om en stund.</p></body></html>"
).encode()
LOGIN = (
    '<!DOCTYPE html><html><head><title>Logga in</title></head><body><main id="content">'
    '<form action="/login" method="post"><h1>Logga in</h1>'
    '<label>Användarnamn <input name="user"></label>'
    '<label>Lösenord <input type="password" name="password"></label>'
    "<button>Logga in</button></form></main></body></html>"
).encode()


def _page(env: Env, path: str) -> bytes:
    page = env.portal.site.page(path, env.portal.base_url)
    assert page is not None
    return page.content


WrongPage = Callable[[Env, str], bytes]
WRONG_PAGES: dict[str, WrongPage] = {
    "maintenance": lambda env, path: MAINTENANCE,
    "login": lambda env, path: LOGIN,
    "another meeting": lambda env, path: _page(env, HSN),
    "truncated": lambda env, path: _page(env, path)[: len(_page(env, path)) * 2 // 5],
    "cut in its last items": lambda env, path: _cut_after(_page(env, path), "Kollektivtra"),
}


def _cut_after(content: bytes, text: str) -> bytes:
    """A page that stops mid-title: five of six items, the fifth reworded, no shrink by half."""
    return content[: content.index(text.encode()) + len(text)]


async def _followed_meeting(env: Env, day: date = FAR) -> tuple[Poller, str, int]:
    """A stored six-item meeting of a body chat FOLLOWER follows; (poller, path, meeting id)."""
    path = env.portal.publish_meeting("regionstyrelsen", day, AGENDA)
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await poller.run_cycle()
    ((meeting_id, body_id),) = await rows(
        env.db, "SELECT id, body_id FROM meetings WHERE url = ?", env.portal.url(path)
    )
    await add_follow(env.db, FOLLOWER, int(body_id))
    return poller, path, int(meeting_id)


async def _outbox(env: Env) -> list[str]:
    return [str(k) for (k,) in await rows(env.db, "SELECT kind FROM outbox ORDER BY id")]


async def _clear_outbox(env: Env) -> None:
    async with env.db.transaction() as conn:
        await conn.execute("DELETE FROM outbox")


async def _titles(env: Env, meeting_id: int) -> list[str | None]:
    stored = await get_meeting(env.db, meeting_id)
    assert stored is not None
    return [i.title for i in stored.meeting.items]


async def _body_name(env: Env) -> str:
    ((name,),) = await rows(env.db, "SELECT name FROM bodies WHERE slug = 'regionstyrelsen'")
    return str(name)


async def _genuine_edit_is_alerted(env: Env, poller: Poller, path: str) -> None:
    env.portal.edit_item(path, 4, title="Vårdplatser i länet (reviderad)")
    report = await poller.run_cycle()
    assert report.total("changed") == 1
    assert await _outbox(env) == ["changed"]


@pytest.mark.parametrize("wrong", list(WRONG_PAGES))
async def test_wrong_page_at_a_known_url_changes_nothing_and_alerts_nobody(
    env: Env, wrong: str
) -> None:
    poller, path, meeting_id = await _followed_meeting(env)
    titles = await _titles(env, meeting_id)
    env.portal.serve(path, WRONG_PAGES[wrong](env, path))
    for _ in range(CONFIRM_POLLS):  # served on every poll, but not yet for long
        report = await poller.run_cycle()
        portal = report.sources[0]
        assert (portal.held, portal.new, portal.changed) == (1, 0, 0)
        assert "held " in portal.errors[0]
        env.clock.advance(CONFIRM_AFTER / (CONFIRM_POLLS + 1))
    assert await _titles(env, meeting_id) == titles
    assert await _body_name(env) == "Regionstyrelsen"
    assert await _outbox(env) == []
    health = {h.name: h for h in await source_health(env.db)}["Exempelportalen"]
    assert health.last_failed_pages == 1 and health.consecutive_failures == 0
    assert await rows(env.db, "SELECT url FROM held_pages") == [(env.portal.url(path),)]

    env.portal.heal(path)  # the portal heals: the stored page again, no "changed" either
    healed = await poller.run_cycle()
    assert healed.sources[0].held == 0 and healed.total("changed") == 0
    assert await rows(env.db, "SELECT url FROM held_pages") == []
    assert await _outbox(env) == []
    await _genuine_edit_is_alerted(env, poller, path)


async def test_chrome_only_change_is_no_change(env: Env) -> None:
    poller, path, meeting_id = await _followed_meeting(env)
    titles = await _titles(env, meeting_id)
    for token in ("a1b2c3", "d4e5f6"):  # a hidden form token that changes on every request
        hidden = f'<body><input type="hidden" name="__RequestVerificationToken" value="{token}">'
        env.portal.serve(path, _page(env, path).replace(b"<body>", hidden.encode(), 1))
        report = await poller.run_cycle()
        assert report.parses == 1  # the bytes differ, so the page was read...
        portal = report.sources[0]
        assert (portal.new, portal.changed, portal.held) == (0, 0, 0)  # ...and is the same
    assert await _titles(env, meeting_id) == titles
    assert await _outbox(env) == []
    env.portal.heal(path)
    await _genuine_edit_is_alerted(env, poller, path)


async def test_genuinely_shrunk_agenda_is_accepted_once_served_consistently(env: Env) -> None:
    poller, path, meeting_id = await _followed_meeting(env)
    env.portal.site.replace_agenda(path, AGENDA[:3])  # six items → three: more than a third
    for poll in range(1, CONFIRM_POLLS + 2):  # enough polls, not yet for long enough
        report = await poller.run_cycle()
        assert report.sources[0].held == 1 and f"(poll {poll})" in report.sources[0].errors[0]
    assert len(await _titles(env, meeting_id)) == 6 and await _outbox(env) == []
    env.clock.advance(CONFIRM_AFTER)
    confirmed = await poller.run_cycle()  # the same content, for an hour: believed
    assert confirmed.sources[0].held == 0 and confirmed.total("changed") == 1
    assert await _titles(env, meeting_id) == [title for _, title in AGENDA[:3]]
    assert await _outbox(env) == ["changed"]
    assert await rows(env.db, "SELECT url FROM held_pages") == []


async def test_an_agenda_cut_to_60_percent_is_held_and_healing_sends_nothing(env: Env) -> None:
    agenda = [(n, f"Ärende nummer {n}") for n in range(1, 27)]
    path = env.portal.publish_meeting("regionstyrelsen", FAR, agenda)
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await poller.run_cycle()
    ((meeting_id, body_id),) = await rows(
        env.db, "SELECT id, body_id FROM meetings WHERE url = ?", env.portal.url(path)
    )
    await add_follow(env.db, FOLLOWER, int(body_id))
    env.portal.site.replace_agenda(path, agenda[:15])  # 26 → 15 items
    for _ in range(CONFIRM_POLLS):
        report = await poller.run_cycle()
        assert report.sources[0].held == 1 and "from 26 to 15 items" in report.sources[0].errors[0]
        env.clock.advance(CONFIRM_AFTER / (CONFIRM_POLLS + 1))
    assert len(await _titles(env, int(meeting_id))) == 26 and await _outbox(env) == []
    env.portal.site.replace_agenda(path, agenda)  # the portal heals
    healed = await poller.run_cycle()
    assert healed.sources[0].held == 0 and healed.total("changed") == 0
    assert await _outbox(env) == [] and await rows(env.db, "SELECT url FROM held_pages") == []
    env.portal.edit_item(path, 7, title="Ärende nummer 7 (reviderat)")  # a real edit: alerted
    edited = await poller.run_cycle()
    assert edited.total("changed") == 1 and await _outbox(env) == ["changed"]


async def test_held_page_that_changes_again_is_held_anew_not_confirmed(env: Env) -> None:
    poller, path, meeting_id = await _followed_meeting(env)
    env.portal.site.replace_agenda(path, AGENDA[:2])
    await poller.run_cycle()
    env.portal.site.replace_agenda(path, AGENDA[:1])  # different content: not a confirmation
    report = await poller.run_cycle()
    assert report.sources[0].held == 1
    assert len(await _titles(env, meeting_id)) == 6 and await _outbox(env) == []


async def test_another_meetings_page_is_never_believed_however_long_it_is_served(
    env: Env,
) -> None:
    """The page of another stored meeting (of another body here) at this URL, poll after poll
    for hours: never stored, the body never renamed, nobody alerted; healing sends nothing."""
    poller, path, meeting_id = await _followed_meeting(env)
    titles = await _titles(env, meeting_id)
    env.portal.serve(path, _page(env, HSN))
    for _ in range(CONFIRM_POLLS + 2):
        report = await poller.run_cycle()
        assert report.sources[0].held == 1
        assert "another stored meeting" in report.sources[0].errors[0]
        env.clock.advance(CONFIRM_AFTER)
    assert await _titles(env, meeting_id) == titles and await _outbox(env) == []
    assert await _body_name(env) == "Regionstyrelsen"
    env.portal.heal(path)
    healed = await poller.run_cycle()
    assert healed.total("changed") == 0 and await _outbox(env) == []
    await _genuine_edit_is_alerted(env, poller, path)


async def test_a_sibling_meetings_page_moves_nothing_and_fires_no_watch(
    env: Env, fake_api: FakeBotApi
) -> None:
    """The issue's case: meeting A's URL serves meeting B of the same body (another date, other
    items). Followers got "flyttat" + a changed agenda and watchers B's items; now nothing, for
    hours, and nothing when it heals. A genuine edit of A is then alerted exactly once."""
    poller, path, meeting_id = await _followed_meeting(env)
    other = env.portal.publish_meeting(
        "regionstyrelsen", FAR + timedelta(days=14), [(1, "Mötet öppnas"), (2, "Tunnelbanan")]
    )
    await poller.run_cycle()
    assert await _outbox(env) == ["new"]  # B itself is news
    await _clear_outbox(env)
    await add_chats(env.db, 12)
    await add_watch(env.db, 12, "tunnelbanan", query_term("tunnelbanan"))
    for slugged in (True, False):  # URL with the date in it, then a URL without one
        env.portal.serve(path, _page(env, other))
        for _ in range(CONFIRM_POLLS + 1):
            report = await poller.run_cycle()
            assert report.sources[0].held == 1
            env.clock.advance(CONFIRM_AFTER)
        assert await _titles(env, meeting_id) == [title for _, title in AGENDA]
        assert await _outbox(env) == []
        env.portal.heal(path)
        assert (await poller.run_cycle()).total("changed") == 0
        if slugged:  # the same meeting published under a slug without a date
            path = env.portal.publish_meeting("regionstyrelsen", FAR, AGENDA, slug="rs-4711")
            await poller.run_cycle()
            (row,) = await rows(env.db, "SELECT id FROM meetings WHERE url LIKE '%rs-4711'")
            meeting_id = int(row[0])
            assert await _outbox(env) == ["new"]
            await _clear_outbox(env)
    assert await _outbox(env) == []
    await _genuine_edit_is_alerted(env, poller, path)
    async with make_bot(fake_api) as bot:  # what the members' phones show: one message
        await drain_until(sender(env.db, bot), drained(env.db))
    (edit,) = fake_api.records.sent_messages(FOLLOWER)
    assert "ändrats" in edit.text and "(reviderad)" in edit.text
    assert fake_api.records.sent_messages(12) == []  # the watcher of B's item: nothing


@pytest.mark.parametrize("bad", ["http://[::1", "http://[::1]x/bilaga.pdf"])
async def test_a_malformed_attachment_link_never_freezes_its_meeting(env: Env, bad: str) -> None:
    """`http://[::1` breaks URL joining (the parse), `http://[::1]x/` only the HTTP client (the
    documents step): either is skipped and counted, and the meeting's real change is stored and
    alerted; its documents are read."""
    poller, path, meeting_id = await _followed_meeting(env, TODAY + timedelta(days=20))
    reader = DocumentReader(env.db, DocumentSettings(budget=50), on_events=enqueue_alerts)
    documents = env.documents(reader)
    env.portal.add_attachment(path, 4, "Trasig bilaga", "trasig-4pdf", pdfmaker.text_pdf("x"))
    env.portal.edit_item(path, 4, title="Vårdplatser i länet (reviderad)")
    good = f"{path}/agenda/trasig-4pdf?downloadMode=open".encode()
    env.portal.serve(path, _page(env, path).replace(good, bad.encode()))
    report = await poller.run_cycle()
    portal = report.sources[0]
    assert (portal.changed, portal.failed, portal.held) == (1, 0, 0)
    assert portal.skipped_links == 1
    assert await documents.run() is not None  # the documents step is not stopped by it
    assert await _outbox(env) == ["changed"]
    stored = await get_meeting(env.db, meeting_id)
    assert stored is not None
    assert [a.title for a in stored.meeting.items[3].attachments] == ["Trasig bilaga"]
    env.portal.heal(path)  # the link repaired: the attachment is read and alerted as added
    env.portal.edit_item(path, 5, title="Kollektivtrafikens taxor 2027")
    again = await poller.run_cycle()
    assert again.total("changed") == 1
    await documents.run()
    assert await _outbox(env) == ["changed", "changed", "document"]


async def test_a_held_page_moves_no_reminder(env: Env) -> None:
    """Reminders (every 30 s) read only what is believed: while meeting A's URL serves meeting
    B's page (held as another meeting's), A's reminder comes at A's stored time, naming A's
    day, once."""
    day = TODAY + timedelta(days=2)
    poller, path, meeting_id = await _followed_meeting(env, day)
    other = env.portal.publish_meeting(
        "regionstyrelsen", day + timedelta(days=14), [(1, "Mötet öppnas"), (2, "Tunnelbanan")]
    )
    await poller.run_cycle()
    await set_reminders(env.db, FOLLOWER, "1d")
    await _clear_outbox(env)
    env.portal.serve(path, _page(env, other))
    assert (await poller.run_cycle()).sources[0].held == 1
    start = (await rows(env.db, "SELECT start FROM meetings WHERE id = ?", meeting_id))[0][0]
    hour, minute = (int(x) for x in str(start or "09:00").split(":"))
    env.clock.set(datetime.combine(day - timedelta(days=1), time(hour, minute), STOCKHOLM))
    assert (await poller.run_cycle()).sources[0].held == 1  # still served, still held
    assert await enqueue_due_reminders(env.db) == 1
    (payload,) = [p for (p,) in await rows(env.db, "SELECT payload FROM outbox")]
    assert format_date(day, "sv") in str(payload)
    assert await enqueue_due_reminders(env.db) == 0  # the next run (30 s later): no second
