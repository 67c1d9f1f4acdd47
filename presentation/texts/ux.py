"""Texts of the answers that must never surprise: /nasta over every followed body, safe
suggestions, titles taken from documents, reminders that say when, channels and share links.

Why: kept apart from `conversation.py` (near its size budget) so this work and the other
commands' texts do not edit the same lines; merged into the one `TEXTS` table by
`presentation.texts`, with the same sv/en and placeholder checks.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- /nasta over several followed bodies ---
    "next_list_header": {
        "sv": "<b>Nästa möte i det du följer</b>",
        "en": "<b>The next meeting of what you follow</b>",
    },
    "next_list_footer": {
        "sv": "Tryck på ett möte för dess punkter. <code>4</code> betyder nu punkt 4 i {meeting}.",
        "en": "Tap a meeting for its items. <code>4</code> now means item 4 of {meeting}.",
    },
    "next_more_meetings": {
        "sv": "Också i det du följer:",
        "en": "Also in what you follow:",
    },
    # --- an unknown command: a suggestion that only shows ---
    "unknown_command_named": {
        "sv": "Det kommandot känner jag inte till. Menade du {command}? "
        "Skriv det själv om du vill det. Alla kommandon: /hjalp",
        "en": "I don't know that command. Did you mean {command}? "
        "Type it yourself if you want it. All commands: /help",
    },
    # --- an item view prints each text once ---
    "doc_decision_as_proposed": {
        "sv": "<b>Beslut:</b> enligt förslaget",
        "en": "<b>Decision:</b> as proposed",
    },
    "doc_same_text": {
        "sv": "{link}: samma text som ovan.",
        "en": "{link}: the same text as above.",
    },
    # --- titles from evidence ---
    "title_legend_document": {
        "sv": "<i>📄 rubriken saknas på sidan och är hämtad ur punktens handling</i>",
        "en": "<i>📄 the page has no title; taken from the item's document</i>",
    },
    "title_legend_case": {
        "sv": "<i>🔗 rubriken saknas på sidan och är hämtad från samma ärende i ett annat möte</i>",
        "en": "<i>🔗 the page has no title; taken from the same case at another meeting</i>",
    },
    "title_from_document": {
        "sv": "<i>Rubriken saknas på sidan; den är hämtad ur {document}.</i>",
        "en": "<i>The page has no title; this one is taken from {document}.</i>",
    },
    "title_from_case": {
        "sv": "<i>Rubriken saknas på sidan; den är hämtad från samma ärende i {where}.</i>",
        "en": "<i>The page has no title; this one is taken from the same case in {where}.</i>",
    },
    # --- /paminn says when and names the limits ---
    "remind_next": {
        "sv": "⏰ Nästa påminnelse: {when}, för <b>{body}</b> {meeting}.",
        "en": "⏰ Next reminder: {when}, for <b>{body}</b> {meeting}.",
    },
    "remind_next_none": {
        "sv": "Ingen påminnelse de närmaste {days} dagarna: inget möte i det du följer.",
        "en": "No reminder in the next {days} days: no meeting of what you follow.",
    },
    "remind_limits": {
        "sv": "Gränser: <code>Nd</code> 1–{days} dagar före, <code>Nh</code> 1–{hours} timmar "
        "före, <code>morgon</code> kl 07 samma dag; högst {n} tider.",
        "en": "Limits: <code>Nd</code> 1–{days} days before, <code>Nh</code> 1–{hours} hours "
        "before, <code>morning</code> 07:00 that day; at most {n} times.",
    },
    "remind_beyond": {
        "sv": "«{arg}» ligger utanför gränserna.",
        "en": "«{arg}» is outside the limits.",
    },
    # --- settings you can see and change ---
    "watch_list_tap": {
        "sv": "Tryck ✖ för att ta bort en bevakning.",
        "en": "Tap ✖ to remove a watch.",
    },
    "following_tap": {
        "sv": "Tryck ✅ för att sluta följa (➕ följer igen), ✖ för ett ärende.",
        "en": "Tap ✅ to unfollow (➕ follows again), ✖ for a case.",
    },
    "digest_what": {
        "sv": "Larm om nya och ändrade föredragningslistor, protokoll, ärenden och bevakade ord "
        "väntar till sammandraget. Påminnelser före möten kommer ändå i tid.",
        "en": "Alerts about new and changed agendas, minutes, cases and watched words wait for "
        "the digest. Reminders before meetings still come on time.",
    },
    "digest_waiting": {
        "sv": "{n} larm väntar till nästa sammandrag.",
        "en": "{n} alerts wait for the next digest.",
    },
    "digest_waiting_one": {
        "sv": "{n} larm väntar till nästa sammandrag.",
        "en": "{n} alert waits for the next digest.",
    },
    "digest_released": {
        "sv": "De {n} larm som väntade skickas nu.",
        "en": "The {n} alerts that were waiting are sent now.",
    },
    "digest_released_one": {
        "sv": "Larmet som väntade skickas nu.",
        "en": "The alert that was waiting is sent now.",
    },
    "digest_nothing_followed": {
        "sv": "Du följer inget organ och bevakar inget ord än, så sammandraget blir tomt tills "
        "du gör det: /organ eller <code>/bevaka vårdplats</code>.",
        "en": "You follow no body and watch no word yet, so the digest stays empty until you "
        "do: /bodies or <code>/watch vårdplats</code>.",
    },
    "following_digest": {
        "sv": "🗞 Sammandrag på: larmen kommer samlade kl {hour} (/sammandrag).",
        "en": "🗞 Digest on: alerts arrive together at {hour} (/digest).",
    },
    "case_unfollowed_toast": {
        "sv": "Du följer inte längre ärendet.",
        "en": "You no longer follow the case.",
    },
    # --- search you can act on ---
    "search_minutes_word": {"sv": "protokollet", "en": "the minutes"},
    "search_in_minutes_at": {
        "sv": "Hittat i {minutes}, under § {paragraph}",
        "en": "Found in {minutes}, under § {paragraph}",
    },
    "search_in_minutes": {
        "sv": "Hittat i {minutes}{paragraph}",
        "en": "Found in {minutes}{paragraph}",
    },
    "paragraph_from_minutes": {
        "sv": "<i>§ {number} i protokollet från {body} {date} gäller {item}:</i>",
        "en": "<i>§ {number} of the minutes of {body} {date} is about {item}:</i>",
    },
    "item_below": {"sv": "punkten nedan", "en": "the item below"},
    # --- channels and sharing ---
    "cmd_kanal": {
        "sv": "Ställ in en kanal där boten är admin",
        "en": "Set up a channel where the bot is an admin",
    },
    "channel_linked": {
        "sv": "📣 Jag är nu admin i kanalen <b>{title}</b>. Välj vad den ska följa med /kanal; "
        "larmen kommer sedan dit som i en grupp.",
        "en": "📣 I am now an admin of the channel <b>{title}</b>. Choose what it follows with "
        "/channel; its alerts then arrive there as in a group.",
    },
    "channel_none": {
        "sv": "Du har ingen kanal kopplad till mig. Lägg till mig som admin i kanalen (med rätt "
        "att publicera), så dyker den upp här och under /organ.",
        "en": "No channel is linked to you. Add me as an admin of the channel (allowed to post), "
        "and it shows here and under /bodies.",
    },
    "channel_choose": {"sv": "Vilken kanal?", "en": "Which channel?"},
    "channel_header": {
        "sv": "📣 <b>{title}</b>: tryck för att följa (➕) eller sluta följa (✅) för kanalen.",
        "en": "📣 <b>{title}</b>: tap to follow (➕) or unfollow (✅) for the channel.",
    },
    "channel_private_only": {
        "sv": "En kanal ställs in i en privat chatt med mig: skriv /kanal där.",
        "en": "A channel is set up in a private chat with me: write /channel there.",
    },
    "channel_not_admin": {
        "sv": "Bara kanalens admins kan ändra vad den följer.",
        "en": "Only the channel's admins can change what it follows.",
    },
    "channel_followed_toast": {
        "sv": "{title} följer nu {body}",
        "en": "{title} now follows {body}",
    },
    "channel_unfollowed_toast": {
        "sv": "{title} följer inte längre {body}",
        "en": "{title} no longer follows {body}",
    },
    "share_body": {
        "sv": "🔗 Dela: {link}",
        "en": "🔗 Share: {link}",
    },
    "bodies_share": {
        "sv": "Dela ett organ med länken under dess namn (🔗): den som öppnar den följer organet.",
        "en": "Share a body with the link below its name (🔗): whoever opens it follows the body.",
    },
}
