"""Texts of the demo's terminal frame: the labels around the bot's messages and what the demo
itself says (fetching, the `:` commands, goodbye).

Why: the frame is what a newcomer reads between the bot's messages, so it follows the chat's
language like the bot does (after `/language en` the labels are English too). Plain text, not
HTML: the terminal prints it as it is. Merged into the one `TEXTS` table by
`presentation.texts`, with the same sv/en and placeholder checks.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "demo_label_bot": {"sv": "Nämndbot", "en": "Nämndbot"},
    "demo_label_edited": {"sv": "Nämndbot (ändrat)", "en": "Nämndbot (edited)"},
    "demo_label_file": {
        "sv": "Nämndbot (fil {name}, {size} byte)",
        "en": "Nämndbot (file {name}, {size} bytes)",
    },
    "demo_buttons": {"sv": "knappar (skriv t.ex. [1]):", "en": "buttons (type e.g. [1]):"},
    "demo_no_button": {
        "sv": "(ingen knapp [{n}] — välj bland de senast visade)",
        "en": "(no button [{n}] — choose among the last ones shown)",
    },
    "demo_fetching": {
        "sv": "Hämtar dagordningar från exempelportalen …",
        "en": "Fetching agendas from the sample portal …",
    },
    "demo_ready": {
        "sv": "Klart! Skriv ett kommando, t.ex. /hjalp\n",
        "en": "Ready! Type a command, e.g. /help\n",
    },
    "demo_bye": {"sv": "Hej då!", "en": "Goodbye!"},
    "demo_fetch_failed": {
        "sv": "(Hämtningen misslyckades: {error})",
        "en": "(Fetching failed: {error})",
    },
    "demo_commands": {
        "sv": "Demokommandon: :publicera :andra :protokoll :grupp :privat :avsluta",
        "en": "Demo commands: :publish :change :minutes :group :private :quit",
    },
    "demo_in_group": {
        "sv": "(Nu skriver du i partigruppen, som admin.)",
        "en": "(You are now typing in the party group, as its admin.)",
    },
    "demo_in_private": {"sv": "(Privat chatt.)", "en": "(Private chat.)"},
    "demo_changed": {
        "sv": "\nExempelportalen ändrade punkt 4 på {path} — Nämndbot hämtar …",
        "en": "\nThe sample portal changed item 4 on {path} — Nämndbot fetches …",
    },
    "demo_minutes_meeting": {
        "sv": "\nExempelportalen visar mötet för en vecka sedan, {path} — hämtar …",
        "en": "\nThe sample portal shows the meeting a week ago, {path} — fetching …",
    },
    "demo_minutes_posted": {
        "sv": "\nProtokollet för {path} justerades och anslogs i dag — Nämndbot hämtar …",
        "en": "\nThe minutes of {path} were approved and posted today — Nämndbot fetches …",
    },
    "demo_published": {
        "sv": "\nExempelportalen publicerade {path} — Nämndbot hämtar (var {every}:e sekund; "
        "nu direkt) …",
        "en": "\nThe sample portal published {path} — Nämndbot fetches (every {every} seconds; "
        "now at once) …",
    },
    "demo_no_alert": {
        "sv": "(Ingen avisering till dig: följ organet först med /folj hsn)",
        "en": "(No alert for you: follow the body first with /follow hsn)",
    },
}
