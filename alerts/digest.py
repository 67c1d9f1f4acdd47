"""The daily digest: one message a day instead of alerts as they happen (run by `jobs.digest`).

Why: some members prefer one message a day. A chat in digest mode (`/sammandrag på`) gets its
alerts written to the outbox as `held` (see `alerts.fanout`); at `DIGEST_HOUR` (07:00
Europe/Stockholm) `send_digests` folds each chat's held alerts, oldest first, into one message
(split at Telegram's length limit if it must be), enqueued with the dedup key
`digest:<chat>:<first held row id>`, and marks the held rows `digested` in the same transaction.
Buttons of the individual alerts are dropped; the commands reach every item.
"""

from __future__ import annotations

from agenda.events import AlertKind
from presentation.html import Html, fmt, from_outbox, join, split, tn
from storage.alert_prefs import HeldAlert, held_alerts, held_chats, mark_digested
from storage.db import Database
from storage.outbox import enqueue_parts

SEPARATOR = "\n\n— — —\n\n"


def _whole_alerts(alerts: list[HeldAlert]) -> list[Html]:
    """One text per alert: the parts of a long alert (part > 0) joined to the part before."""
    texts: list[Html] = []
    for alert in alerts:
        if alert.part > 0 and texts:
            texts[-1] = fmt("{}\n{}", texts[-1], from_outbox(alert.text))
        else:
            texts.append(from_outbox(alert.text))
    return texts


async def send_digests(db: Database) -> int:
    """Fold every digest chat's held alerts into one enqueued message; returns chats served."""
    served = 0
    for chat_id, lang in await held_chats(db):
        async with db.transaction() as conn:
            alerts = await held_alerts(conn, chat_id)
            if not alerts:
                continue
            texts = _whole_alerts(alerts)
            header = tn("alert_digest", lang, len(texts))
            text = fmt("{}\n\n{}", header, join(SEPARATOR, texts))
            await enqueue_parts(
                conn,
                now=db.timestamp(),
                chat_id=chat_id,
                key=f"digest:{chat_id}:{alerts[0].id}",
                kind=AlertKind.DIGEST,
                parts=split(text),
            )
            await mark_digested(conn, [a.id for a in alerts])
        served += 1
    return served
