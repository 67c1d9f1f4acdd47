"""The alerts' texts (Telegram HTML), Swedish and English: alert messages, alert commands.

Why: every user-facing string lives in `presentation/texts`; `presentation.texts.t` merges this
`TEXTS` with the conversation's. Placeholders are filled by `presentation.html.t`, which escapes
each value that is not `Html`.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- alerts -------------------------------------------------------------------------
    "alert_new": {"sv": "🆕 <b>Ny kallelse</b>", "en": "🆕 <b>New agenda</b>"},
    "alert_changed": {
        "sv": "✏️ <b>Föredragningslistan har ändrats</b>",
        "en": "✏️ <b>The agenda has changed</b>",
    },
    "alert_added": {"sv": "➕ Tillagt: {items}", "en": "➕ Added: {items}"},
    "alert_removed": {"sv": "➖ Struket: {items}", "en": "➖ Withdrawn: {items}"},
    "alert_reworded": {"sv": "📝 Omformulerat: {items}", "en": "📝 Reworded: {items}"},
    "alert_moved": {"sv": "📅 <b>Mötet har flyttats</b>", "en": "📅 <b>The meeting has moved</b>"},
    "alert_moved_date": {"sv": "Datum: {old} → {new}", "en": "Date: {old} → {new}"},
    "alert_moved_start": {"sv": "Start: {old} → {new}", "en": "Start: {old} → {new}"},
    "alert_moved_end": {"sv": "Slut: {old} → {new}", "en": "End: {old} → {new}"},
    "alert_moved_place": {"sv": "Plats: {old} → {new}", "en": "Place: {old} → {new}"},
    "alert_cancelled": {
        "sv": "❌ <b>Mötet är inställt</b>",
        "en": "❌ <b>The meeting is cancelled</b>",
    },
    "alert_minutes": {
        "sv": "📄 <b>Protokollet är publicerat</b>",
        "en": "📄 <b>The minutes are published</b>",
    },
    "alert_minutes_link": {
        "sv": '<a href="{url}">Öppna protokollet</a>',
        "en": '<a href="{url}">Open the minutes</a>',
    },
    "alert_item": {"sv": "punkt {n}", "en": "item {n}"},
    "alert_unknown_item": {"sv": "(utan rubrik)", "en": "(untitled)"},
    "alert_show_meeting": {"sv": "Visa föredragningslistan", "en": "Show the agenda"},
    "alert_watch": {
        "sv": "🔎 <b>Bevakning: {term}</b>",
        "en": "🔎 <b>Watch: {term}</b>",
    },
    "alert_reminder": {
        "sv": "⏰ <b>Påminnelse</b>: möte {when}",
        "en": "⏰ <b>Reminder</b>: meeting {when}",
    },
    "alert_reminder_items": {"sv": "{n} punkter på listan.", "en": "{n} items on the agenda."},
    "alert_digest": {
        "sv": "🗞 <b>Dagens sammandrag</b> ({n} aviseringar)",
        "en": "🗞 <b>Daily digest</b> ({n} alerts)",
    },
    "alert_admin_dead": {
        "sv": "⚠️ Avisering {row} ({kind}) till chatt {chat} kunde inte skickas: {error}",
        "en": "⚠️ Alert {row} ({kind}) to chat {chat} could not be sent: {error}",
    },
    "alert_admin_gave_up": {
        "sv": "⚠️ Telegram har inte svarat sedan {since}. Aviseringar äldre än {hours} h ges upp"
        " (räknas som döda i /status); den här notisen skickas en gång per avbrott.",
        "en": "⚠️ Telegram has not answered since {since}. Alerts older than {hours} h are given"
        " up (counted as dead in /status); this notice is sent once per outage.",
    },
    "alert_admin_source": {
        "sv": "⚠️ Källan <b>{name}</b> har inte gått att läsa sedan {since}: {error}",
        "en": "⚠️ Source <b>{name}</b> has failed since {since}: {error}",
    },
    "alert_admin_backfill": {
        "sv": "📥 Källan <b>{name}</b> gav många nya möten på en gång ({why}). De är sparade "
        "och sökbara men larmades inte ett och ett.\nNya möten: {stored}\n"
        "Med kallelse: {agendas}{list}",
        "en": "📥 Source <b>{name}</b> brought many new meetings at once ({why}). They are "
        "stored and searchable but were not alerted one by one.\nNew meetings: {stored}\n"
        "With an agenda: {agendas}{list}",
    },
    "alert_admin_backfill_first": {"sv": "första besöket", "en": "first visit"},
    "alert_admin_backfill_many": {
        "sv": "nya adresser eller hela historiken?",
        "en": "new addresses or the whole history?",
    },
    # --- /paminn --------------------------------------------------------------------------
    "remind_usage": {
        "sv": "Påminnelser före möten i organ du följer. Skriv t.ex.\n"
        "<code>/paminn 2d morgon</code> (två dagar före och kl 07 samma dag),\n"
        "<code>/paminn 3h</code> (tre timmar före), <code>/paminn på</code> (1d morgon) "
        "eller <code>/paminn av</code>.\nNu: {current}",
        "en": "Reminders before meetings of bodies you follow. Type e.g.\n"
        "<code>/remind 2d morning</code> (two days before and at 07:00 that day),\n"
        "<code>/remind 3h</code> (three hours before), <code>/remind on</code> (1d morning) "
        "or <code>/remind off</code>.\nNow: {current}",
    },
    "remind_off": {"sv": "av", "en": "off"},
    "remind_set": {"sv": "⏰ Påminnelser: {spec}", "en": "⏰ Reminders: {spec}"},
    "remind_cleared": {"sv": "Påminnelser avstängda.", "en": "Reminders turned off."},
    "remind_bad": {
        "sv": "Förstod inte «{arg}». Exempel: <code>/paminn 2d morgon</code> eller "
        "<code>/paminn av</code>.",
        "en": "Did not understand «{arg}». Example: <code>/remind 2d morning</code> or "
        "<code>/remind off</code>.",
    },
    "remind_morning": {"sv": "morgon (07:00)", "en": "morning (07:00)"},
    "remind_days": {"sv": "{n} dagar före", "en": "{n} days before"},
    "remind_hours": {"sv": "{n} timmar före", "en": "{n} hours before"},
    # --- /bevaka ---------------------------------------------------------------------------
    "watch_usage": {
        "sv": "Bevaka ett ord i alla organs föredragningslistor, böjningar och sammansättningar "
        "ingår. Exempel: <code>/bevaka vårdplats</code>",
        "en": "Watch a word in every body's agendas, inflections and compounds included. "
        "Example: <code>/watch vårdplats</code>",
    },
    "watch_added": {
        "sv": "🔎 Bevakar nu «{term}». Du får en avisering när en punkt nämner det.",
        "en": "🔎 Now watching «{term}». You get an alert when an item mentions it.",
    },
    "watch_exists": {"sv": "Du bevakar redan «{term}».", "en": "You already watch «{term}»."},
    "watch_too_many": {
        "sv": "Högst {n} bevakningar. Ta bort en med <code>/sluta_bevaka ord</code>.",
        "en": "At most {n} watches. Remove one with <code>/unwatch word</code>.",
    },
    "watch_bad": {
        "sv": "Ett ord med minst tre bokstäver, t.ex. <code>/bevaka budget</code>, eller några "
        'ord inom citattecken, t.ex. <code>/bevaka "nära vård"</code>.',
        "en": "One word of at least three letters, e.g. <code>/watch budget</code>, or a few "
        'words in quotes, e.g. <code>/watch "nära vård"</code>.',
    },
    "watch_list": {"sv": "🔎 Dina bevakningar: {terms}", "en": "🔎 Your watches: {terms}"},
    "watch_none": {
        "sv": "Inga bevakningar. Lägg till med <code>/bevaka ord</code>.",
        "en": "No watches. Add one with <code>/watch word</code>.",
    },
    "watch_removed": {"sv": "Slutade bevaka «{term}».", "en": "Stopped watching «{term}»."},
    "watch_not_found": {
        "sv": "Du bevakar inte «{term}». Se <code>/bevakningar</code>.",
        "en": "You do not watch «{term}». See <code>/watches</code>.",
    },
    "unwatch_usage": {
        "sv": "Vilket ord? Exempel: <code>/sluta_bevaka vårdplats</code>",
        "en": "Which word? Example: <code>/unwatch vårdplats</code>",
    },
    # --- /sammandrag ---------------------------------------------------------------------
    "digest_usage": {
        "sv": "Sammandrag: alla aviseringar samlade i ett meddelande om dagen kl {hour}. "
        "<code>/sammandrag på</code> eller <code>/sammandrag av</code>. Nu: {current}",
        "en": "Digest: all alerts collected in one message a day at {hour}. "
        "<code>/digest on</code> or <code>/digest off</code>. Now: {current}",
    },
    "digest_on": {
        "sv": "🗞 Sammandrag på: aviseringar kommer samlade kl {hour}.",
        "en": "🗞 Digest on: alerts arrive together at {hour}.",
    },
    "digest_off": {
        "sv": "Sammandrag av: aviseringar kommer direkt.",
        "en": "Digest off: alerts arrive right away.",
    },
    "state_on": {"sv": "på", "en": "on"},
    "state_off": {"sv": "av", "en": "off"},
    "alerts_admins_only": {
        "sv": "I grupper kan bara administratörer ändra aviseringarna.",
        "en": "In groups only administrators can change the alerts.",
    },
}
