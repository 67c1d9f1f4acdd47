"""The conversation's texts: commands, answers, errors (Telegram HTML, `{name}` placeholders).

Why: all wording in one place, Swedish first with the English alternative beside it, so the two
never drift apart. Placeholders are filled by `presentation.html.t`, which escapes each value
that is not `Html`.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- command descriptions (/hjalp, set_my_commands, README) ---
    "cmd_start": {"sv": "Kom igång", "en": "Get started"},
    "cmd_hjalp": {"sv": "Alla kommandon", "en": "All commands"},
    "cmd_sprak": {
        "sv": "Byt chattens språk (svenska är standard)",
        "en": "Change the chat's language (Swedish is the default)",
    },
    "cmd_organ": {
        "sv": "Alla organ, följ eller sluta följa med en knapp",
        "en": "All bodies, follow or unfollow with a button",
    },
    "cmd_foljer": {
        "sv": "Organ och ärenden som chatten följer",
        "en": "Bodies and cases this chat follows",
    },
    "cmd_folj": {"sv": "Följ ett organ", "en": "Follow a body"},
    "cmd_sluta": {"sv": "Sluta följa ett organ", "en": "Stop following a body"},
    "cmd_nasta": {"sv": "Nästa möte och dess punkter", "en": "Next meeting and its items"},
    "cmd_punkt": {"sv": "En punkt i sin helhet", "en": "One item in full"},
    "cmd_paragraf": {
        "sv": "En punkt via protokollets paragraf (§)",
        "en": "An item by its paragraph (§) in the minutes",
    },
    "cmd_moten": {"sv": "Kommande och tidigare möten", "en": "Upcoming and recent meetings"},
    "cmd_sok": {
        "sv": "Sök i föredragningslistor och bilagor",
        "en": "Search agendas and their attachments",
    },
    "cmd_paminn": {
        "sv": "Påminnelser före möten i organ som chatten följer",
        "en": "Reminders before meetings of the bodies this chat follows",
    },
    "cmd_bevaka": {
        "sv": "Larm när ett ord dyker upp i en punkt i något organ",
        "en": "Alerts when a word appears in an item of any body",
    },
    "cmd_bevakningar": {
        "sv": "Chattens bevakningar, med knappar för att ta bort",
        "en": "This chat's watches, with buttons to remove them",
    },
    "cmd_sluta_bevaka": {"sv": "Ta bort en bevakning", "en": "Remove a watch"},
    "cmd_sammandrag": {
        "sv": "Ett sammandrag om dagen i stället för ett larm per händelse",
        "en": "One digest a day instead of one alert per event",
    },
    "cmd_status": {
        "sv": "Källornas hälsa, senaste hämtning och utkorgen (bara admins)",
        "en": "Sources' health, last poll and the outbox (admins only)",
    },
    # --- /start, /hjalp, /sprak ---
    "start": {
        "sv": "Hej! Jag håller koll på politiska möten: nya föredragningslistor, ändringar, "
        "protokoll.\n\nFölj ett organ med /organ eller <code>/folj regionstyrelsen</code>, "
        "se nästa möte med /nasta och läs en punkt med <code>/punkt 4</code>.\n"
        "Alla kommandon: /hjalp. <i>For English: /language en</i>",
        "en": "Hi! I keep track of political meetings: new agendas, changes, minutes.\n\n"
        "Follow a body with /bodies or <code>/follow regionstyrelsen</code>, see the next "
        "meeting with /next and read an item with <code>/item 4</code>.\n"
        "All commands: /help. <i>På svenska: /sprak sv</i>",
    },
    "help_header": {"sv": "<b>Kommandon</b>", "en": "<b>Commands</b>"},
    "help_line": {
        "sv": "{command} {args} – {description}",
        "en": "{command} {args} – {description}",
    },
    "help_footer": {
        "sv": "Du kan också skriva <code>punkt 4</code>, <code>punkt 4 hsn</code>, "
        "<code>punkt 4 på nästa möte</code>, <code>§ 54</code> eller bara <code>4</code> efter "
        "/nasta.\nPåminnelser är avstängda tills du slår på dem, t.ex. "
        "<code>{remind_example}</code>.\nI grupper ändrar bara gruppens admins vad gruppen följer.",
        "en": "You can also write <code>item 4</code>, <code>item 4 hsn</code>, "
        "<code>item 4 at the next meeting</code>, <code>§ 54</code> or just <code>4</code> "
        "after /next.\nReminders are off until you turn them on, e.g. "
        "<code>{remind_example}</code>.\nIn groups only the group's admins change what it follows.",
    },
    "language_set": {"sv": "Nu pratar jag svenska.", "en": "I'll speak English now."},
    "language_usage": {
        "sv": "Välj språk: <code>/sprak sv</code> eller <code>/sprak en</code>.\n"
        "<i>Choose a language: <code>/language en</code> for English.</i>",
        "en": "Choose a language: <code>/language en</code> or <code>/language sv</code>.\n"
        "<i>Välj språk: <code>/sprak sv</code> för svenska.</i>",
    },
    # --- bodies and follows ---
    "bodies_header": {
        "sv": "<b>Organ</b> (✅ = du följer). Tryck för att följa eller sluta följa.",
        "en": "<b>Bodies</b> (✅ = you follow). Tap to follow or unfollow.",
    },
    "bodies_none": {
        "sv": "Jag känner inte till några organ än. Försök igen efter nästa hämtning.",
        "en": "I don't know any bodies yet. Try again after the next fetch.",
    },
    "following_header": {"sv": "<b>Du följer</b>", "en": "<b>You follow</b>"},
    "following_none": {
        "sv": "Du följer inga organ än. Välj med /organ eller skriv "
        "<code>/folj regionstyrelsen</code>.",
        "en": "You don't follow any body yet. Choose with /bodies or write "
        "<code>/follow regionstyrelsen</code>.",
    },
    "follow_done": {
        "sv": "Du följer nu <b>{body}</b>. Du får besked när en ny föredragningslista kommer.",
        "en": "You now follow <b>{body}</b>. You'll hear when a new agenda is published.",
    },
    "follow_already": {
        "sv": "Du följer redan <b>{body}</b>.",
        "en": "You already follow <b>{body}</b>.",
    },
    "unfollow_done": {
        "sv": "Du följer inte längre <b>{body}</b>.",
        "en": "You no longer follow <b>{body}</b>.",
    },
    "unfollow_not": {
        "sv": "Du följer inte <b>{body}</b>.",
        "en": "You don't follow <b>{body}</b>.",
    },
    "follow_usage": {
        "sv": "Skriv vilket organ, t.ex. <code>/folj hsn</code> eller "
        "<code>/folj regionstyrelsen</code>. Alla organ: /organ",
        "en": "Say which body, e.g. <code>/follow hsn</code> or "
        "<code>/follow regionstyrelsen</code>. All bodies: /bodies",
    },
    "unfollow_usage": {
        "sv": "Skriv vilket organ, t.ex. <code>/sluta hsn</code>. Du följer: /foljer",
        "en": "Say which body, e.g. <code>/unfollow hsn</code>. You follow: /following",
    },
    "body_unknown": {
        "sv": "Jag hittar inget organ som heter <i>{query}</i>. Alla organ: /organ",
        "en": "I can't find a body called <i>{query}</i>. All bodies: /bodies",
    },
    "body_suggest": {
        "sv": "Jag hittar inget organ som heter <i>{query}</i>. Menade du: {suggestions}?",
        "en": "I can't find a body called <i>{query}</i>. Did you mean: {suggestions}?",
    },
    "body_ambiguous": {
        "sv": "<i>{query}</i> passar flera organ: {suggestions}. Skriv lite mer av namnet.",
        "en": "<i>{query}</i> fits several bodies: {suggestions}. Write a bit more of the name.",
    },
    "or": {"sv": "eller", "en": "or"},
    "admins_only_settings": {
        "sv": "I grupper kan bara gruppens admins ändra gruppens inställningar.",
        "en": "In groups only the group's admins can change the group's settings.",
    },
    "status_private": {
        "sv": "Fråga mig om /status i en privat chatt, så visas driftläget inte för hela gruppen.",
        "en": "Ask me for /status in a private chat, so the operating state is not shown to"
        " the whole group.",
    },
    "admins_only": {
        "sv": "I grupper kan bara gruppens admins ändra vad gruppen följer.",
        "en": "In groups only the group's admins can change what the group follows.",
    },
    # --- meetings ---
    "meeting_cancelled": {"sv": "❌ <b>INSTÄLLT</b>", "en": "❌ <b>CANCELLED</b>"},
    "meeting_no_items": {
        "sv": "<i>Ingen föredragningslista publicerad än.</i>",
        "en": "<i>No agenda published yet.</i>",
    },
    "meeting_procedural": {"sv": "<i>Formalia: {labels}</i>", "en": "<i>Procedural: {labels}</i>"},
    "meeting_untitled": {"sv": "(utan rubrik)", "en": "(untitled)"},
    # The agenda's items grouped by what the body does with them (`agenda.item_kind`).
    "meeting_group_decision": {"sv": "<b>Att besluta</b>", "en": "<b>To decide</b>"},
    "meeting_group_information": {"sv": "<b>Information</b>", "en": "<b>Information</b>"},
    "meeting_group_unknown": {"sv": "<b>Övriga ärenden</b>", "en": "<b>Other items</b>"},
    "meeting_links": {
        "sv": '<a href="{url}">Mötet på webben</a>',
        "en": '<a href="{url}">The meeting online</a>',
    },
    "meeting_minutes_link": {
        "sv": '<a href="{url}">Protokoll</a>',
        "en": '<a href="{url}">Minutes</a>',
    },
    "meeting_tap_item": {
        "sv": "Tryck på en punkt eller skriv <code>punkt 4</code>.",
        "en": "Tap an item or write <code>item 4</code>.",
    },
    "next_not_following": {
        "sv": "Du följer inga organ än. Skriv t.ex. <code>/nasta regionstyrelsen</code> "
        "eller följ organ med /organ.",
        "en": "You don't follow any body yet. Write e.g. <code>/next regionstyrelsen</code> "
        "or follow bodies with /bodies.",
    },
    "next_none": {
        "sv": "Inget kommande möte hittat för {bodies}. Tidigare möten: /moten",
        "en": "No upcoming meeting found for {bodies}. Recent meetings: /meetings",
    },
    "meetings_upcoming": {"sv": "<b>Kommande möten</b>", "en": "<b>Upcoming meetings</b>"},
    "meetings_recent": {"sv": "<b>Tidigare möten</b>", "en": "<b>Recent meetings</b>"},
    "meetings_none": {
        "sv": "Inga möten hittade för {bodies}.",
        "en": "No meetings found for {bodies}.",
    },
    "meetings_line": {"sv": "{date} · {body} · {count}", "en": "{date} · {body} · {count}"},
    "meetings_line_bare": {"sv": "{date} · {body}", "en": "{date} · {body}"},
    "meetings_items": {"sv": "{count} punkter", "en": "{count} items"},
    "meetings_one_item": {"sv": "{count} punkt", "en": "{count} item"},
    "meetings_no_agenda": {"sv": "ingen föredragningslista än", "en": "no agenda yet"},
    "button_meeting": {"sv": "📋 Mötet", "en": "📋 Meeting"},
    # --- items ---
    "item_title": {"sv": "Punkt {label}", "en": "Item {label}"},
    "item_unnumbered": {
        "sv": "Punkt utan nummer på sidan",
        "en": "Item without a number on the page",
    },
    "item_unnumbered_after": {
        "sv": "Punkt utan nummer på sidan, efter {ref}",
        "en": "Item without a number on the page, after {ref}",
    },
    "item_ref": {"sv": "punkt {number}", "en": "item {number}"},
    "item_paragraph": {"sv": "§ {paragraph}", "en": "§ {paragraph}"},
    "item_proposal": {"sv": "<b>Förslag till beslut</b>", "en": "<b>Proposed decision</b>"},
    "item_cases": {"sv": "<b>Diarienummer:</b> {cases}", "en": "<b>Case numbers:</b> {cases}"},
    "item_attachments": {"sv": "<b>Bilagor</b>", "en": "<b>Attachments</b>"},
    "item_minutes": {"sv": "<b>Ur protokollet</b>", "en": "<b>From the minutes</b>"},
    "item_no_text": {
        "sv": "<i>Ingen text publicerad för punkten.</i>",
        "en": "<i>No text published for this item.</i>",
    },
    "item_usage": {
        "sv": "Skriv punktens nummer, t.ex. <code>/punkt 4</code>, <code>/punkt 4 hsn</code> "
        "eller <code>/punkt 4 hsn 2017-12-12</code>.",
        "en": "Give the item number, e.g. <code>/item 4</code>, <code>/item 4 hsn</code> "
        "or <code>/item 4 hsn 2017-12-12</code>.",
    },
    "paragraph_usage": {
        "sv": "Skriv paragrafens nummer, t.ex. <code>/paragraf 54</code> eller "
        "<code>/paragraf 54 hsn 2020</code>.",
        "en": "Give the paragraph number, e.g. <code>/paragraph 54</code> or "
        "<code>/paragraph 54 hsn 2020</code>.",
    },
    "item_no_meeting": {
        "sv": "Jag vet inte vilket möte du menar. Skriv t.ex. <code>/punkt 4 regionstyrelsen"
        "</code>, eller följ organ med /organ.",
        "en": "I don't know which meeting you mean. Write e.g. <code>/item 4 regionstyrelsen"
        "</code>, or follow bodies with /bodies.",
    },
    "item_not_found": {
        "sv": "Mötet i {body} {date} har ingen punkt {number}. {available}",
        "en": "The meeting of {body} on {date} has no item {number}. {available}",
    },
    "item_not_found_undated": {
        "sv": "Mötet i {body} har ingen punkt {number}. {available}",
        "en": "The meeting of {body} has no item {number}. {available}",
    },
    "item_available": {"sv": "Punkterna är {labels}.", "en": "Its items are {labels}."},
    "item_available_some": {
        "sv": "Punkterna med nummer är {labels}; {n} punkter till saknar nummer på sidan. "
        "Alla punkter: 📋 Mötet.",
        "en": "The numbered items are {labels}; {n} more items have no number on the page. "
        "All items: 📋 Meeting.",
    },
    "item_only_paragraphs": {
        "sv": "Punkterna saknar nummer på sidan, men protokollet har § {labels}: skriv t.ex. "
        "<code>§ {first}</code>. Alla punkter: 📋 Mötet.",
        "en": "Its items have no numbers on the page, but the minutes have § {labels}: write "
        "e.g. <code>§ {first}</code>. All items: 📋 Meeting.",
    },
    "item_none_numbered": {
        "sv": "Punkterna saknar nummer på sidan. Alla punkter: 📋 Mötet.",
        "en": "Its items have no numbers on the page. All items: 📋 Meeting.",
    },
    "meeting_on_none": {
        "sv": "{body} har inget möte {date}. Möten: <code>/moten {query}</code>",
        "en": "{body} has no meeting on {date}. Meetings: <code>/meetings {query}</code>",
    },
    "meeting_on_none_any": {
        "sv": "Jag hittar inget möte {date}. Möten: /moten",
        "en": "I can't find a meeting on {date}. Meetings: /meetings",
    },
    "paragraph_not_found": {
        "sv": "Jag hittar ingen § {number} i protokollen för {bodies}{year}.",
        "en": "I can't find § {number} in the minutes of {bodies}{year}.",
    },
    "paragraph_year": {"sv": " från {year}", "en": " from {year}"},
    "paragraph_elsewhere": {
        "sv": "Men {body} har en § {number}, från mötet {date}:",
        "en": "But {body} has a § {number}, from the meeting on {date}:",
    },
    "item_gone": {
        "sv": "Den punkten finns inte längre. Se /nasta.",
        "en": "That item no longer exists. See /next.",
    },
    "all_bodies": {"sv": "något organ", "en": "any body"},
    "bad_date": {
        "sv": "<i>{value}</i> är inget datum jag förstår. Skriv t.ex. 2017-12-12.",
        "en": "<i>{value}</i> is not a date I understand. Write e.g. 2017-12-12.",
    },
    # --- search ---
    "search_usage": {
        "sv": "Skriv vad du söker, t.ex. <code>/sok vårdplatser</code>.",
        "en": "Say what you are looking for, e.g. <code>/search vårdplatser</code>.",
    },
    "search_too_long": {
        "sv": "Sökningen är för lång (högst {max} tecken). Försök med ett par ord, t.ex. "
        "<code>/sok vårdplatser</code>.",
        "en": "The search is too long (at most {max} characters). Try a couple of words, e.g. "
        "<code>/search vårdplatser</code>.",
    },
    "search_none": {
        "sv": "Inga träffar på <i>{query}</i>. Prova ett annat ord, t.ex. "
        "<code>/sok budget</code>.",
        "en": "No hits for <i>{query}</i>. Try another word, e.g. <code>/search budget</code>.",
    },
    "search_no_words": {
        "sv": 'Sökningen har inga ord att leta efter: tecken som " och * räknas inte. Skriv ett '
        "eller ett par ord, t.ex. <code>/sok vårdplatser</code>.",
        "en": "The search has no words to look for: characters such as \" and * don't count. "
        "Write a word or two, e.g. <code>/search vårdplatser</code>.",
    },
    "search_unnumbered": {"sv": "punkt utan nummer", "en": "item without number"},
    "search_header": {
        "sv": "<b>Träffar på</b> <i>{query}</i>",
        "en": "<b>Hits for</b> <i>{query}</i>",
    },
    # --- plain text ---
    "plain_hint": {
        "sv": "Jag förstod inte. Skriv t.ex. <code>punkt 4</code>, <code>§ 54</code> eller "
        "<code>/sok budget</code>. Alla kommandon: /hjalp",
        "en": "I didn't understand. Write e.g. <code>item 4</code>, <code>§ 54</code> or "
        "<code>/search budget</code>. All commands: /help",
    },
    # --- admin ---
    "status_denied": {
        "sv": "/status är bara för botens administratörer.",
        "en": "/status is for the bot's administrators only.",
    },
    "status_header": {"sv": "<b>Status</b>", "en": "<b>Status</b>"},
    "status_sources": {"sv": "<b>Källor</b>", "en": "<b>Sources</b>"},
    "status_no_sources": {"sv": "Inga källor än.", "en": "No sources yet."},
    "status_source_ok": {
        "sv": "✅ {name} ({kind}) – senast ok {when}",
        "en": "✅ {name} ({kind}) – last ok {when}",
    },
    "status_source_failing": {
        "sv": "⚠️ {name} ({kind}) – {failures} fel i rad, senast: {error}",
        "en": "⚠️ {name} ({kind}) – {failures} failures in a row, last: {error}",
    },
    "status_source_bodies": {"sv": "{n} organ", "en": "{n} bodies"},
    "status_namesakes": {
        "sv": "⚠️ {n} organ heter {name}: ange <code>organisation</code> för deras källor i "
        "källfilen, så att medlemmarna kan skilja dem åt.",
        "en": "⚠️ {n} bodies are called {name}: give their sources an <code>organisation</code> "
        "in the sources file, so members can tell them apart.",
    },
    "status_last_poll": {
        "sv": "Senaste hämtning: {when} ({new}, {changed}, {failed} fel)",
        "en": "Last poll: {when} ({new}, {changed}, {failed} failed)",
    },
    "status_no_poll": {"sv": "Ingen hämtning än.", "en": "No poll yet."},
    "status_outbox": {
        "sv": "<b>Utkorg</b>: {pending} väntar (äldsta {age}), {dead} döda, "
        "{sent} skickade senaste dygnet",
        "en": "<b>Outbox</b>: {pending} pending (oldest {age}), {dead} dead, {sent} sent in 24 h",
    },
    "status_errors": {
        "sv": "Oväntade fel sedan start: {count}",
        "en": "Unexpected errors since start: {count}",
    },
    "never": {"sv": "aldrig", "en": "never"},
    "none_pending": {"sv": "–", "en": "–"},
    # --- errors ---
    "unknown_command": {
        "sv": "Det kommandot känner jag inte till. Alla kommandon: /hjalp",
        "en": "I don't know that command. All commands: /help",
    },
    "error": {
        "sv": "Något gick fel hos mig. Försök igen om en stund.",
        "en": "Something went wrong on my side. Please try again in a moment.",
    },
    "number_bad": {
        "sv": "<i>{value}</i> är inget giltigt nummer. {usage}",
        "en": "<i>{value}</i> is not a valid number. {usage}",
    },
    "followed_toast": {"sv": "Följer {body}", "en": "Following {body}"},
    "flood_note": {
        "sv": "Det kom många meddelanden på en gång, så jag hoppade över några. Skriv gärna"
        " igen om något blev obesvarat. <i>Many messages at once: I skipped some.</i>",
        "en": "Many messages arrived at once, so I skipped some. Please write again if"
        " something went unanswered.",
    },
    "press_skipped": {
        "sv": "För många tryck på kort tid – försök igen om en stund.",
        "en": "Too many presses at once – please try again in a moment.",
    },
    "button_stale": {
        "sv": "Den knappen gäller inte längre.",
        "en": "That button is no longer valid.",
    },
    "unfollowed_toast": {"sv": "Följer inte längre {body}", "en": "No longer following {body}"},
    "admins_only_toast": {
        "sv": "Bara gruppens admins kan ändra detta.",
        "en": "Only the group's admins can change this.",
    },
    "gone_toast": {"sv": "Finns inte längre.", "en": "No longer available."},
}
