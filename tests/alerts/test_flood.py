"""Floods become one message, through the real wiring: sample portal (HTTP) → poller → events +
gathered alerts in one transaction → settled at the scope's end → outbox → sender → fake Bot API.

A chain of 30 new meeting pages (each linking the next, so the backfill rule never sees them
together) gives every follower one summary with a button per meeting, in their language, held
for a digest chat; a watcher of a word in five of them gets one summary marking the word. 30
late attachments give one message. Each test ends with a control: a single new item afterwards
still comes as the ordinary alert, so "one message" above is the flood rule, not silence."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta

from agenda.stem import query_term
from alerts.fanout import enqueue_alerts
from alerts.flood import FLOOD_LIMIT, gathering, send_or_gather
from demo.fake_api import FakeBotApi
from jobs.poll import Poller
from presentation.render import parse_callback
from sources.documents import DocumentReader, DocumentSettings
from storage.alert_gathering import gather
from storage.alert_prefs import set_digest
from storage.chats import set_language
from storage.erase import erase_chat
from storage.watches import add_watch
from tests import pdfmaker
from tests.jobs.outbox_helpers import add_chats, add_follow, drain_until, drained, make_bot, sender
from tests.sources.pollkit import TODAY, Env, env, rows

__all__ = ["env"]
FOLLOWER, ENGLISH, DIGEST, WATCHER = 11, 12, 15, 14
FAR = TODAY + timedelta(days=3650)
RS = "regionstyrelsen"


def _page(env: Env, path: str) -> bytes:
    page = env.portal.site.page(path, env.portal.base_url)
    assert page is not None
    return bytes(page.content)


def _linking(content: bytes, href: str) -> bytes:
    menu = f'<nav class="meeting-menu"><ul><li><a href="{href}">Möte</a></li></ul></nav></body>'
    return content.replace(b"</body>", menu.encode(), 1)


async def _followers(env: Env, poller: Poller) -> None:
    await poller.run_cycle()  # the first visit: a backfill, nobody alerted
    ((body_id,),) = await rows(env.db, "SELECT id FROM bodies WHERE slug = ?", RS)
    for chat in (FOLLOWER, ENGLISH, DIGEST):
        await add_follow(env.db, chat, int(body_id))
    await set_language(env.db, ENGLISH, "en")
    await set_digest(env.db, DIGEST, True)
    await add_chats(env.db, WATCHER)
    await add_watch(env.db, WATCHER, "vägunderhåll", query_term("vägunderhåll"))


async def _outbox(env: Env, chat: int) -> list[tuple[str, str, dict[str, object]]]:
    found = await rows(
        env.db, "SELECT kind, status, payload FROM outbox WHERE chat_id = ? ORDER BY id", chat
    )
    return [(str(k), str(s), json.loads(p)) for k, s, p in found]


async def _chain_of_new_meetings(env: Env, count: int) -> list[str]:
    """`count` new RS meetings no listing shows: the RS page links the first, each the next."""
    listing = _page(env, f"/committees/{RS}")
    paths = []
    for k in range(count):
        title = "Vägunderhåll i länet" if k % 6 == 0 else f"Ärende {k}"
        day = FAR + timedelta(days=k)
        paths.append(env.portal.publish_meeting(RS, day, [(1, "Mötet öppnas"), (2, title)]))
    env.portal.serve(f"/committees/{RS}", listing)
    rs_upcoming = next(m.path for m in env.portal.site.meetings if m.body.slug == RS)
    env.portal.serve(rs_upcoming, _linking(_page(env, rs_upcoming), paths[0]))
    for here, after in itertools.pairwise(paths):
        env.portal.serve(here, _linking(_page(env, here), after))
    return paths


async def test_thirty_new_meetings_in_one_cycle_are_one_summary_per_follower(
    env: Env, fake_api: FakeBotApi
) -> None:
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    await _chain_of_new_meetings(env, 30)
    report = await poller.run_cycle()
    assert report.total("new") == 30 and not report.sources[0].backfill
    assert await rows(env.db, "SELECT COUNT(*) FROM alert_gathering") == [(0,)]

    ((kind, status, payload),) = await _outbox(env, FOLLOWER)
    assert (kind, status) == ("flood", "pending")
    assert "30 nya kallelser" in str(payload["text"])
    buttons = [b for row in payload["buttons"] for b in row]  # type: ignore[attr-defined]
    assert len(buttons) == 30 and all(len(data.encode()) < 64 for _, data in buttons)
    ids = {parse_callback(data)[1] for _, data in buttons}  # type: ignore[index]
    stored = {
        int(i)
        for (i,) in await rows(
            env.db, "SELECT id FROM meetings WHERE date > ?", str(FAR - timedelta(days=1))
        )
    }
    assert ids == stored  # each button opens one of the thirty meetings
    ((_, _, english),) = await _outbox(env, ENGLISH)
    assert "30 new agendas" in str(english["text"])
    ((kind, status, _),) = await _outbox(env, DIGEST)
    assert (kind, status) == ("flood", "held")  # one entry in tomorrow's digest
    ((kind, _, watched),) = await _outbox(env, WATCHER)  # five meetings hold the word
    assert kind == "flood" and "5 nya kallelser" in str(watched["text"])
    assert str(watched["text"]).count("🔎 <b>vägunderhåll</b>") == 5

    async with make_bot(fake_api) as bot:
        await drain_until(sender(env.db, bot), drained(env.db))
        (summary,) = fake_api.records.sent_messages(FOLLOWER)
        assert len(summary.buttons()) == 30

        env.portal.publish_meeting(RS, FAR + timedelta(days=100), [(1, "Mötet öppnas")])
        env.portal.heal(f"/committees/{RS}")  # a normal day: one new meeting, listed
        await poller.run_cycle()
        await drain_until(sender(env.db, bot), drained(env.db))
    _, single = fake_api.records.sent_messages(FOLLOWER)
    assert "Ny kallelse" in single.text


async def test_a_few_new_meetings_still_come_one_by_one(env: Env) -> None:
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    await _chain_of_new_meetings(env, FLOOD_LIMIT)
    await poller.run_cycle()
    assert [k for k, _, _ in await _outbox(env, FOLLOWER)] == ["new"] * FLOOD_LIMIT
    assert [s for _, s, _ in await _outbox(env, DIGEST)] == ["held"] * FLOOD_LIMIT


async def test_thirty_late_attachments_are_one_message(env: Env, fake_api: FakeBotApi) -> None:
    reader = DocumentReader(env.db, DocumentSettings(budget=200), on_events=enqueue_alerts)
    documents = env.documents(reader)
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    path = env.portal.publish_meeting(
        RS, TODAY + timedelta(days=20), [(1, "Mötet öppnas"), (2, "Budget"), (3, "Vägarna")]
    )
    await poller.run_cycle()  # its new-agenda alert
    await documents.run()  # its documents listed: what comes later is late
    pdf = pdfmaker.text_pdf("Kompletterande handling om vägunderhåll.")
    for k in range(30):
        env.portal.add_attachment(path, 2 + k % 2, f"Bilaga {k}", f"bilaga-{k}pdf", pdf)
    await poller.run_cycle()
    report = await documents.run()
    assert report is not None and report.read == 30

    kinds = [k for k, _, _ in await _outbox(env, FOLLOWER)]
    assert kinds.count("document") == 0 and kinds.count("flood") == 1
    ((_, _, summary),) = [r for r in await _outbox(env, FOLLOWER) if r[0] == "flood"]
    assert "30 nya eller ändrade handlingar" in str(summary["text"])
    assert "Bilaga 29" in str(summary["text"])  # too many to link them all in one message
    buttons = [data for row in summary["buttons"] for _, data in row]  # type: ignore[attr-defined]
    assert sorted(buttons) == sorted({d for d in buttons})  # one button per item
    assert all(d.startswith("i:") for d in buttons) and len(buttons) == 2
    ((kind, _, watched),) = await _outbox(env, WATCHER)
    assert kind == "flood" and str(watched["text"]).count("vägunderhåll") == 30

    async with make_bot(fake_api) as bot:
        await drain_until(sender(env.db, bot), drained(env.db))
    sent = fake_api.records.sent_messages(FOLLOWER)
    assert len(sent) == 2 and "Ny kallelse" in sent[0].text  # the agenda, then one summary
    assert "30 nya eller ändrade handlingar" in sent[1].text

    env.portal.add_attachment(path, 2, "En till", "en-tillpdf", pdf)
    await poller.run_cycle()
    await documents.run()  # one more late attachment: the ordinary reply
    assert [k for k, _, _ in await _outbox(env, FOLLOWER)][-1] == "document"


async def test_alerts_of_a_cycle_that_stopped_are_sent_by_the_next(env: Env) -> None:
    """A process killed inside a scope leaves its gathered alerts (committed with their
    events): the next cycle settles them, once."""
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    ((meeting_id,),) = await rows(env.db, "SELECT id FROM meetings LIMIT 1")
    async with env.db.transaction() as conn:
        for chat in (FOLLOWER, WATCHER):
            await gather(
                conn,
                scope="poll:1:killed",
                chat_id=chat,
                thread_id=None,
                key=f"new:999:{chat}",
                kind="new",
                meeting_id=int(meeting_id),
                parts=["🆕 <b>Ny kallelse</b>"],
                buttons=None,
                reply=False,
                held=False,
                about={"meeting": int(meeting_id), "terms": []},
                language="sv",
                now=env.db.timestamp(),
            )
    await poller.run_cycle()
    await poller.run_cycle()
    assert [k for k, _, _ in await _outbox(env, FOLLOWER)] == ["new"]
    assert [k for k, _, _ in await _outbox(env, WATCHER)] == ["new"]
    assert await rows(env.db, "SELECT COUNT(*) FROM alert_gathering") == [(0,)]


async def test_a_poll_never_settles_the_documents_jobs_scope(env: Env) -> None:
    """The poll may run in a process of its own: a documents run's scope, open over there, is
    not this process's to settle. The poll leaves it; the next documents run settles it (a run
    that stopped) once."""
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    ((meeting_id,),) = await rows(env.db, "SELECT id FROM meetings LIMIT 1")
    async with env.db.transaction() as conn:
        await gather(
            conn,
            scope="documents:elsewhere",
            chat_id=FOLLOWER,
            thread_id=None,
            key="document:999:1",
            kind="document",
            meeting_id=int(meeting_id),
            parts=["📎 <b>Ny handling</b>"],
            buttons=None,
            reply=False,
            held=False,
            about={"meeting": int(meeting_id), "doc": "https://x.se/a.pdf"},
            language="sv",
            now=env.db.timestamp(),
        )
    await poller.run_cycle()
    assert await rows(env.db, "SELECT scope FROM alert_gathering") == [("documents:elsewhere",)]
    reader = DocumentReader(env.db, DocumentSettings(budget=0), on_events=enqueue_alerts)
    await env.documents(reader).run()
    assert await rows(env.db, "SELECT COUNT(*) FROM alert_gathering") == [(0,)]
    assert [k for k, _, _ in await _outbox(env, FOLLOWER)] == ["document"]


async def test_erasing_a_chat_drops_its_gathered_alerts(env: Env) -> None:
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)
    await _followers(env, poller)
    ((meeting_id,),) = await rows(env.db, "SELECT id FROM meetings LIMIT 1")
    async with gathering(env.db, "2:x"):
        async with env.db.transaction() as conn:
            await send_or_gather(
                conn,
                about={"meeting": int(meeting_id), "terms": ["vägunderhåll"]},
                now=env.db.timestamp(),
                chat_id=WATCHER,
                key="watch:1:14",
                kind="watch",
                parts=["…"],
                language="sv",
            )
        assert await rows(env.db, "SELECT chat_id FROM alert_gathering") == [(WATCHER,)]
        await erase_chat(env.db, WATCHER)
        assert await rows(env.db, "SELECT COUNT(*) FROM alert_gathering") == [(0,)]
    assert await _outbox(env, WATCHER) == []
