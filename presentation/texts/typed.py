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
        "sv": "Kommande möten i organ som chatten följer, som kalenderfil (.ics)",
        "en": "Upcoming meetings of the bodies this chat follows, as a calendar file (.ics)",
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
    "calendar_subscribe": {
        "sv": "🔗 Prenumerera i stället, så håller telefonen kalendern aktuell: {url}\n"
        "Länken är din egen – dela den inte.",
        "en": "🔗 Or subscribe, and your phone keeps the calendar current: {url}\n"
        "The link is yours alone – don't share it.",
    },
    "calendar_name": {"sv": "Nämndbot: möten", "en": "Nämndbot: meetings"},
    "calendar_portal": {"sv": "Mötet på webben: {url}", "en": "The meeting on the web: {url}"},
    "cmd_integritet": {
        "sv": "Vad boten sparar om chatten och varför",
        "en": "What the bot stores about this chat and why",
    },
    "cmd_radera": {
        "sv": "Radera allt boten sparar om chatten (efter en bekräftelse)",
        "en": "Delete everything the bot stores about this chat (after confirming)",
    },
    "privacy": {
        "sv": "<b>Det här sparar jag om chatten</b>\n"
        "• Chattens id och typ (privat eller grupp), så att jag kan svara och skicka larm.\n"
        "• Språk, påminnelser och sammandrag: dina val.\n"
        "• Organen och ärendena du följer och orden du bevakar, så att jag vet vad du vill ha "
        "larm om. "
        "De säger något om vad du är intresserad av, och jag visar dem aldrig för någon annan.\n"
        "• Larmen till chatten, skickade och väntande (text och tid), så att inget skickas "
        "två gånger.\n"
        "• Mötet du senast tittade på, så att <code>4</code> betyder punkt 4 på det mötet.\n"
        "• Din privata kalenderlänk, om du bett om den med /kalender.\n"
        "• Kanaler där du gjort mig till admin (kanalens namn), så att du kan ställa in dem "
        "med /kanal.\n\n"
        "Jag sparar inte vad du skriver till mig, inte ditt namn och inte ditt telefonnummer. "
        "Mötena och föredragningslistorna är offentliga handlingar från kommunens webbplats.\n\n"
        "Radera allt om chatten: /radera",
        "en": "<b>What I store about this chat</b>\n"
        "• The chat's id and type (private or group), so I can answer and send alerts.\n"
        "• Language, reminders and digest: your choices.\n"
        "• The bodies and cases you follow and the words you watch, so I know what to alert "
        "you about. "
        "They say something about your interests, and I never show them to anyone else.\n"
        "• The alerts for this chat, sent and waiting (text and time), so none is sent "
        "twice.\n"
        "• The meeting you last looked at, so that <code>4</code> means its item 4.\n"
        "• Your private calendar link, if you asked for it with /calendar.\n"
        "• Channels where you made me an admin (the channel's name), so you can set them up "
        "with /channel.\n\n"
        "I don't store what you write to me, your name or your phone number. The meetings and "
        "agendas are public records from the council's website.\n\n"
        "Delete everything about this chat: /delete_my_data",
    },
    "delete_ask": {
        "sv": "Vill du radera allt jag sparat om chatten: följda organ, bevakningar, "
        "inställningar och väntande larm? Det går inte att ångra. Knappen gäller i {minutes} "
        "minuter och bara för dig.",
        "en": "Delete everything I keep about this chat: followed bodies, watches, settings and "
        "waiting alerts? This cannot be undone. The button holds for {minutes} minutes, and "
        "only for you.",
    },
    "delete_ask_again": {
        "sv": "Den knappen gällde inte längre, så inget raderades. Vill du radera allt jag "
        "sparat om chatten? Det går inte att ångra. Den nya knappen gäller i {minutes} minuter.",
        "en": "That button no longer held, so nothing was deleted. Delete everything I keep "
        "about this chat? This cannot be undone. The new button holds for {minutes} minutes.",
    },
    "delete_not_yours": {
        "sv": "Bara den som skrev /radera kan bekräfta. Skriv /radera själv om du vill radera.",
        "en": "Only the member who asked can confirm. Write /delete_my_data yourself to delete.",
    },
    "delete_confirm_button": {"sv": "🗑 Ja, radera", "en": "🗑 Yes, delete"},
    "delete_cancel_button": {"sv": "Avbryt", "en": "Cancel"},
    "delete_cancelled": {"sv": "Inget raderades.", "en": "Nothing was deleted."},
    "delete_done": {
        "sv": "Raderat: chattens inställningar, följda organ och ärenden ({follows}), "
        "bevakningar ({watches}) och larm ({alerts}). Skriv /start om du vill börja om.",
        "en": "Deleted: the chat's settings, followed bodies and cases ({follows}), watches "
        "({watches}) and alerts ({alerts}). Write /start to begin again.",
    },
    "delete_admins_only": {
        "sv": "I en grupp kan bara gruppens admins radera dess uppgifter.",
        "en": "In a group, only its admins can delete its data.",
    },
    "bot_description": {
        "sv": "Jag bevakar de politiska nämndernas möten: nya föredragningslistor, ändringar, "
        "inställda möten och protokoll. Följ de organ du sitter i, bevaka ord som rör dig och "
        "läs varje punkt direkt i Telegram. Tryck Starta.",
        "en": "I watch the political committees' meetings: new agendas, changes, cancelled "
        "meetings and minutes. Follow the bodies you sit on, watch words that matter to you and "
        "read every item right in Telegram. Press Start.",
    },
    "bot_short_description": {
        "sv": "Möten, föredragningslistor och protokoll från nämnderna – med larm.",
        "en": "Committee meetings, agendas and minutes – with alerts.",
    },
    "search_header_count": {
        "sv": "<b>Träffar på</b> <i>{query}</i>: {total} (visar {first}–{last})",
        "en": "<b>Hits for</b> <i>{query}</i>: {total} (showing {first}–{last})",
    },
    "meetings_count": {"sv": "({shown} av {total})", "en": "({shown} of {total})"},
    "button_more": {"sv": "Fler ▶", "en": "More ▶"},
    # --- counted words: `key_one` is used for 1 (`presentation.texts.tn`) ---
    "demo_polled": {
        "sv": "{n} nya möten, {changed} ändrade.",
        "en": "{n} new meetings, {changed} changed.",
    },
    "demo_polled_one": {
        "sv": "{n} nytt möte, {changed} ändrade.",
        "en": "{n} new meeting, {changed} changed.",
    },
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
