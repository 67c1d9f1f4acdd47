"""Texts about documents, decisions and cases (Swedish and English), merged into `TEXTS`."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "doc_proposal": {
        "sv": "<b>Förslag till beslut:</b>\n{proposal}",
        "en": "<b>Proposed decision:</b>\n{proposal}",
    },
    "doc_extract": {"sv": "Ur {link}:", "en": "From {link}:"},
    "doc_no_text": {
        "sv": "{link}: ingen sökbar text (skannad?)",
        "en": "{link}: no searchable text (a scan?)",
    },
    "doc_decision": {"sv": "<b>Beslut:</b> {decision}", "en": "<b>Decision:</b> {decision}"},
    "doc_reservation": {
        "sv": "<b>Reservation:</b> {reservation}",
        "en": "<b>Dissent (reservation):</b> {reservation}",
    },
    "doc_found_in": {"sv": "Hittat i {title}", "en": "Found in {title}"},
    "alert_doc_added": {
        "sv": "📎 <b>Kompletterande handling</b>",
        "en": "📎 <b>Supplementary document</b>",
    },
    "alert_doc_changed": {
        "sv": "📎 <b>Ändrad handling</b>",
        "en": "📎 <b>Document changed</b>",
    },
    "alert_doc_line": {"sv": "{item}: {link}", "en": "{item}: {link}"},
    "alert_decisions": {
        "sv": "⚖️ <b>Besluten ur protokollet</b>",
        "en": "⚖️ <b>The decisions in the minutes</b>",
    },
    "alert_case": {
        "sv": "🔎 <b>Ärende {case} på nytt ställe</b>",
        "en": "🔎 <b>Case {case} seen somewhere new</b>",
    },
    "case_source_agenda": {"sv": "på dagordningen", "en": "on the agenda"},
    "case_source_document": {"sv": "i en handling", "en": "in a document"},
    "case_source_minutes": {"sv": "i protokollet", "en": "in the minutes"},
    "case_document": {"sv": "handlingen", "en": "the document"},
    "case_usage": {
        "sv": "Skriv ett diarienummer, t.ex. <code>/arende HSN/203/2019</code>.",
        "en": "Give a case number, e.g. <code>/case HSN/203/2019</code>.",
    },
    "case_bad": {
        "sv": "Det ser inte ut som ett diarienummer. Exempel: <code>HSN/203/2019</code>,"
        " <code>RS 912-2025</code>, <code>KS 2024/123</code>, <code>STK-2021-1599</code>.",
        "en": "That does not look like a case number. Examples: <code>HSN/203/2019</code>,"
        " <code>RS 912-2025</code>, <code>KS 2024/123</code>, <code>STK-2021-1599</code>.",
    },
    "case_none": {
        "sv": "Ärende {case} finns inte i någon föredragningslista, handling eller protokoll"
        " som jag har läst. /folj_arende {case} larmar när det dyker upp.",
        "en": "Case {case} is not in any agenda, document or minutes I have read."
        " /follow_case {case} alerts you when it appears.",
    },
    "case_header": {
        "sv": "<b>Ärende {case}</b>: {n} ställen, äldst först",
        "en": "<b>Case {case}</b>: {n} places, oldest first",
    },
    "case_header_one": {
        "sv": "<b>Ärende {case}</b>: {n} ställe",
        "en": "<b>Case {case}</b>: {n} place",
    },
    "case_more": {"sv": "… och {n} till.", "en": "… and {n} more."},
    "follow_case_usage": {
        "sv": "Skriv vilket ärende, t.ex. <code>/folj_arende HSN/203/2019</code>.",
        "en": "Give the case, e.g. <code>/follow_case HSN/203/2019</code>.",
    },
    "unfollow_case_usage": {
        "sv": "Skriv vilket ärende, t.ex. <code>/sluta_arende HSN/203/2019</code>.",
        "en": "Give the case, e.g. <code>/unfollow_case HSN/203/2019</code>.",
    },
    "follow_case_done": {
        "sv": "Du följer nu ärende {case}: du får ett larm när det dyker upp någonstans nytt.",
        "en": "You now follow case {case}: you get an alert when it appears somewhere new.",
    },
    "follow_case_already": {
        "sv": "Du följer redan ärende {case}.",
        "en": "You already follow case {case}.",
    },
    "unfollow_case_done": {
        "sv": "Du följer inte längre ärende {case}.",
        "en": "You no longer follow case {case}.",
    },
    "unfollow_case_not": {
        "sv": "Du följde inte ärende {case}.",
        "en": "You did not follow case {case}.",
    },
    "following_cases": {"sv": "<b>Ärenden du följer</b>", "en": "<b>Cases you follow</b>"},
    "cmd_arende": {
        "sv": "Ett ärende i alla organ, via diarienumret",
        "en": "A case across every body, by its case number",
    },
    "cmd_folj_arende": {
        "sv": "Larm när ett ärende dyker upp någonstans nytt",
        "en": "Alerts when a case appears somewhere new",
    },
    "cmd_sluta_arende": {"sv": "Sluta följa ett ärende", "en": "Stop following a case"},
    "meeting_proposal": {
        "sv": "— <i>förslag: {proposal}</i>",
        "en": "— <i>proposal: {proposal}</i>",
    },
    "status_documents": {
        "sv": "Handlingar: {read} lästa, {scans} utan sökbar text, {failed} olästa"
        " (krypterade, trasiga, för stora), {pending} väntar",
        "en": "Documents: {read} read, {scans} without searchable text, {failed} unreadable"
        " (encrypted, broken, too large), {pending} waiting",
    },
}
