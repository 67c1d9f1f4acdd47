"""Documents through the whole poll: sample portal (HTTP) → poller, then the documents step →
events + outbox → sender → fake Bot API. A PDF added to a published meeting alerts as a reply
to its first alert; the minutes bring their decisions item by item; the bundled motion's
tjänsteskrivelse gives the item its proposal. The portal, the poller and the alerts share one
clock, fixed at TODAY.
"""

from __future__ import annotations

from datetime import timedelta

from alerts.fanout import enqueue_alerts
from demo.fake_api import FakeBotApi
from jobs.documents import DocumentStep
from sources.documents import DocumentReader, DocumentReport, DocumentSettings
from storage.document_reads import decisions_of, item_substance
from tests import pdfmaker
from tests.jobs.outbox_helpers import add_follow, drain_until, drained, make_bot, sender
from tests.sources.pollkit import FAST, TODAY, Env, env, rows

__all__ = ["env"]
FOLLOWER = 31
ASSEMBLY = "/committees/regionfullmaktige/regionfullmaktige-4711"


async def test_added_pdf_replies_and_minutes_bring_decisions(
    env: Env, fake_api: FakeBotApi
) -> None:
    reader = DocumentReader(env.db, DocumentSettings(budget=200), on_events=enqueue_alerts)
    documents = DocumentStep(env.db, env.client, reader, FAST)
    poller = env.poller(on_events=enqueue_alerts)
    await poller.run_cycle()
    first = await documents.run()
    assert first is not None and first.read >= 2
    assert first.no_text == 1  # the bundled scan
    ((assembly_id,),) = await rows(
        env.db, "SELECT id FROM meetings WHERE url LIKE ?", f"%{ASSEMBLY}"
    )
    motion = await item_substance(env.db, assembly_id, 3)
    assert motion.documents[0].proposal is not None
    assert motion.documents[0].proposal.endswith("Motionen anses besvarad.")

    ((body_id,),) = await rows(env.db, "SELECT id FROM bodies WHERE slug = 'regionstyrelsen'")
    await add_follow(env.db, FOLLOWER, int(body_id))
    path = env.portal.publish_meeting(
        "regionstyrelsen", TODAY + timedelta(days=30), [(1, "Mötet öppnas"), (2, "Budget 2027")]
    )
    await poller.run_cycle()
    await documents.run()
    supplement = pdfmaker.text_pdf("Kompletterande yttrande om budgeten.")
    env.portal.add_attachment(path, 2, "Kompletterande yttrande", "yttrande-2pdf", supplement)
    await poller.run_cycle()
    again = await documents.run()
    assert again is not None and again.read == 1
    env.portal.publish_minutes(path)
    await poller.run_cycle()
    await documents.run()

    async with make_bot(fake_api) as bot:
        await drain_until(sender(env.db, bot), drained(env.db))
    sent = fake_api.records.sent_messages(FOLLOWER)
    new = sent[0]
    assert "Ny kallelse" in new.text
    (added,) = [m for m in sent if "Kompletterande handling" in m.text]
    assert added.reply_to_message_id == new.message_id
    assert "punkt 2 Budget 2027" in added.text and "Kompletterande yttrande</a>" in added.text
    (minutes,) = [m for m in sent if "Protokollet är publicerat" in m.text]
    (decided,) = [m for m in sent if "Besluten ur protokollet" in m.text]
    assert sent.index(minutes) < sent.index(decided)
    assert decided.reply_to_message_id == new.message_id
    assert "<b>§ 100</b> punkt 1 Mötet öppnas\nBeslut enligt förslag." in decided.text
    assert "<b>§ 101</b> punkt 2 Budget 2027\nBeslut enligt förslag." in decided.text
    ((meeting_id,),) = await rows(env.db, "SELECT id FROM meetings WHERE url LIKE ?", f"%{path}")
    assert [(d.paragraph, d.position) for d in await decisions_of(env.db, meeting_id)] == [
        (100, 0),
        (101, 1),
    ]


async def test_a_document_served_as_html_or_cut_keeps_its_text_and_alerts_nothing(
    env: Env, fake_api: FakeBotApi
) -> None:
    """A PDF briefly served as an HTML error page, then cut short: the stored text and proposal
    stay, each bad read is counted, nobody hears of it, and healing says nothing. A genuine new
    version afterwards is "Ändrad handling", exactly once."""
    reader = DocumentReader(env.db, DocumentSettings(budget=200), on_events=enqueue_alerts)
    documents = env.documents(reader)
    poller = env.poller([env.portal_source()], on_events=enqueue_alerts)

    async def cycle() -> DocumentReport:
        await poller.run_cycle()
        report = await documents.run()
        assert report is not None
        return report

    await cycle()
    ((body_id,),) = await rows(env.db, "SELECT id FROM bodies WHERE slug = 'regionstyrelsen'")
    await add_follow(env.db, FOLLOWER, int(body_id))
    path = env.portal.publish_meeting(
        "regionstyrelsen", TODAY + timedelta(days=30), [(1, "Mötet öppnas"), (2, "Motionen")]
    )
    pdf = pdfmaker.tjansteskrivelse_pdf()
    env.portal.add_attachment(path, 2, "Tjänsteskrivelse", "ts-2pdf", pdf)
    await cycle()
    ((meeting_id,),) = await rows(env.db, "SELECT id FROM meetings WHERE url LIKE ?", f"%{path}")
    before = (await item_substance(env.db, meeting_id, 1)).documents[0]
    assert before.status == "ok" and before.proposal

    document = f"{path}/agenda/ts-2pdf"
    error_page = b"<!DOCTYPE html><html><body><h1>Ett fel uppstod</h1></body></html>"
    for bad in (error_page, error_page, pdf[: len(pdf) * 6 // 10]):  # HTML twice, then cut
        env.portal.serve(document, bad, headers={"ETag": f'"{len(bad)}"'})
        report = await cycle()
        assert report.kept == 1
        kept = (await item_substance(env.db, meeting_id, 1)).documents[0]
        assert (kept.status, kept.text, kept.proposal) == ("ok", before.text, before.proposal)
        env.portal.heal(document)  # the portal heals: the stored file again, nothing to say
        healed = await cycle()
        assert healed.kept == 0 and healed.events == 0
    assert await rows(env.db, "SELECT kind FROM events WHERE kind = 'document'") == []

    env.portal.site.replace_file(path, "ts-2pdf", pdfmaker.text_pdf("Reviderad skrivelse."))
    changed = await cycle()
    assert changed.read == 1
    await cycle()
    async with make_bot(fake_api) as bot:
        await drain_until(sender(env.db, bot), drained(env.db))
    texts = [m.text for m in fake_api.records.sent_messages(FOLLOWER)]
    assert len(texts) == 2 and "Ny kallelse" in texts[0]
    assert "Ändrad handling" in texts[1] and "Tjänsteskrivelse</a>" in texts[1]
