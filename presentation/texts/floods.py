"""Texts of the flood summaries: many new meetings or documents for one chat, as one message.

Why: kept apart from `alerts.py` so the wording of one concern stays together; merged into the
one `TEXTS` table by `presentation.texts`, with the same sv/en and placeholder checks. The
counts use `tn` (`_one` for exactly one), so the texts read right for any number.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "alert_flood_meetings": {
        "sv": "🆕 <b>{n} nya kallelser</b>",
        "en": "🆕 <b>{n} new agendas</b>",
    },
    "alert_flood_meetings_one": {
        "sv": "🆕 <b>{n} ny kallelse</b>",
        "en": "🆕 <b>{n} new agenda</b>",
    },
    "alert_flood_meetings_hint": {
        "sv": "Tryck på ett nummer för föredragningslistan.",
        "en": "Tap a number for the agenda.",
    },
    "alert_flood_documents": {
        "sv": "📎 <b>{n} nya eller ändrade handlingar</b>",
        "en": "📎 <b>{n} new or changed documents</b>",
    },
    "alert_flood_documents_one": {
        "sv": "📎 <b>{n} ny eller ändrad handling</b>",
        "en": "📎 <b>{n} new or changed document</b>",
    },
    "alert_flood_documents_hint": {
        "sv": "Tryck på ett nummer för ärendet och dess handlingar.",
        "en": "Tap a number for the item and its documents.",
    },
    "alert_flood_more": {
        "sv": "… och {n} till",
        "en": "… and {n} more",
    },
    "alert_flood_watch": {"sv": "🔎 {terms}", "en": "🔎 {terms}"},
    "alert_flood_changed": {"sv": "(ändrad)", "en": "(changed)"},
}
