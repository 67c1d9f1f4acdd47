"""Texts of the conversation's forgiving side: guessed commands, natural dates, counted words.

Why: kept apart from `conversation.py` (which is near its size budget); merged into the one
`TEXTS` table by `presentation.texts`, with the same sv/en and placeholder checks.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "next_cancelled": {
        "sv": "❌ Mötet i <b>{body}</b> {date} är inställt.",
        "en": "❌ The meeting of <b>{body}</b> on {date} is cancelled.",
    },
    "watch_stopword": {
        "sv": "«{term}» står i nästan varje punkt, så en bevakning skulle skicka allt. "
        "Välj ett ord som säger vad ärendet handlar om, t.ex. <code>/bevaka vårdplatser</code>.",
        "en": "«{term}» is in almost every item, so a watch would send everything. "
        "Choose a word that says what the matter is about, e.g. <code>/watch vårdplatser</code>.",
    },
    "alert_watch_in_follow": {
        "sv": "🔎 Bevakade ord: {terms} – {items}",
        "en": "🔎 Watched words: {terms} – {items}",
    },
    "cmd_kalender": {
        "sv": "Kommande möten i din kalender (.ics)",
        "en": "Upcoming meetings in your calendar (.ics)",
    },
    "calendar_not_following": {
        "sv": "Du följer inga organ än. Följ ett med /organ, så får du dess möten i kalendern.",
        "en": "You don't follow any bodies yet. Follow one with /bodies to get its meetings.",
    },
    "calendar_caption": {
        "sv": "📅 {n} kommande möten. Öppna filen för att lägga dem i kalendern; gör det igen "
        "senare så uppdateras samma möten.",
        "en": "📅 {n} upcoming meetings. Open the file to add them to your calendar; do it again "
        "later and the same meetings are updated.",
    },
    "calendar_caption_one": {
        "sv": "📅 {n} kommande möte. Öppna filen för att lägga det i kalendern; gör det igen "
        "senare så uppdateras samma möte.",
        "en": "📅 {n} upcoming meeting. Open the file to add it to your calendar; do it again "
        "later and the same meeting is updated.",
    },
    "calendar_name": {"sv": "Nämndbot: möten", "en": "Nämndbot: meetings"},
    "calendar_portal": {"sv": "Mötet på webben: {url}", "en": "The meeting on the web: {url}"},
    # --- counted words: `key_one` is used for 1 (`presentation.texts.tn`) ---
    "remind_days_one": {"sv": "{n} dag före", "en": "{n} day before"},
    "remind_hours_one": {"sv": "{n} timme före", "en": "{n} hour before"},
    "alert_reminder_items_one": {"sv": "{n} punkt på listan.", "en": "{n} item on the agenda."},
    "alert_digest_one": {
        "sv": "🗞 <b>Dagens sammandrag</b> ({n} avisering)",
        "en": "🗞 <b>Daily digest</b> ({n} alert)",
    },
    "item_available_some_one": {
        "sv": "Punkterna med nummer är {labels}; {n} punkt till saknar nummer på sidan. "
        "Alla punkter: 📋 Mötet.",
        "en": "The numbered items are {labels}; {n} more item has no number on the page. "
        "All items: 📋 Meeting.",
    },
    "status_new": {"sv": "{n} nya", "en": "{n} new"},
    "status_new_one": {"sv": "{n} ny", "en": "{n} new"},
    "status_changed": {"sv": "{n} ändrade", "en": "{n} changed"},
    "status_changed_one": {"sv": "{n} ändrad", "en": "{n} changed"},
    "unknown_command_guess": {
        "sv": "Det kommandot känner jag inte till. Menade du {command}? Alla kommandon: /hjalp",
        "en": "I don't know that command. Did you mean {command}? All commands: /help",
    },
}
